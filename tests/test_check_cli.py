"""``pelican-journey check``: the real build, nothing published, exit 0/3/2."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from gappy import EXPECTED, SETTINGS, observed, write_site
from lxml import etree
from test_baseline import cli

SCHEMA = Path(__file__).parent / "data" / "junit.xsd"


@pytest.fixture
def root(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    write_site(root, JOURNEY_FAIL_ON="warning", **SETTINGS)
    return root


def test_check_json_equals_report_json_and_exits_3(root):
    done = cli(root, "check", "-s", "pelicanconf.py", "--format", "json")
    assert done.returncode == 3, done.stderr
    printed = json.loads(done.stdout)  # stdout holds the JSON and nothing else
    report = json.loads((root / "journey-report/report.json").read_text("utf-8"))
    assert printed["findings"] == report["findings"]
    assert printed == report
    assert observed(printed) == EXPECTED
    assert not (root / "output").exists()  # nothing published
    assert "Traceback" not in done.stderr


def test_check_fail_on_option_overrides_the_settings(root):
    done = cli(root, "check", "--fail-on", "never", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert observed(json.loads(done.stdout)) == EXPECTED


def test_check_uses_the_sites_fail_on(tmp_path):
    files = {"pages/a.md": "Title: A\nPhase: awareness\n\nBel 010-1234567.\n"}
    root = tmp_path / "site"
    root.mkdir()
    write_site(root, files)  # only warnings; JOURNEY_FAIL_ON defaults to error
    assert cli(root, "check").returncode == 0
    write_site(root, files, JOURNEY_FAIL_ON="warning")
    assert cli(root, "check").returncode == 3
    write_site(root, files, JOURNEY_FAIL_ON="never")
    assert cli(root, "check", "--fail-on", "warning").returncode == 3


def test_check_junit_format(root):
    done = cli(root, "check", "--format", "junit")
    assert done.returncode == 3
    tree = etree.fromstring(done.stdout.encode())
    etree.XMLSchema(etree.parse(str(SCHEMA))).assertValid(tree)
    assert len(tree.findall(".//failure")) == len(EXPECTED)


def test_check_github_format_prints_annotations(root, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    done = cli(root, "check", "--format", "github")
    assert done.returncode == 3
    lines = done.stdout.splitlines()
    assert len(lines) == len(EXPECTED)
    assert all(
        re.match(r"^::(error|warning) .*title=pelican-journey ", x) for x in lines
    )
    assert (
        "::error file=content/pages/onderhoud.md,line=4,"
        "title=pelican-journey unknown-touchpoint::" in done.stdout
    )


def test_check_under_github_actions_keeps_stdout_clean(root, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    done = cli(root, "check", "--format", "json")
    assert done.returncode == 3
    json.loads(done.stdout)
    github = cli(root, "check", "--format", "github")
    assert len(github.stdout.splitlines()) == len(EXPECTED)  # printed once


def test_check_text_format(root):
    done = cli(root, "check")
    assert done.returncode == 3
    out = done.stdout
    assert "error: [broken-target] content/pages/reviews.md:" in out
    assert "warning: [phase-empty] fase 'Aankoop' (purchase)" in out
    assert "Klantreis: Bewustwording" in out
    assert "3 fout(en), 5 waarschuwing(en)" in out
    assert "Klantreiskaart: " in out
    # Each finding once: in the list on stdout, not also in the log on stderr.
    assert done.stdout.count("[broken-target] content/pages/reviews.md") == 1
    assert "[broken-target]" not in done.stderr


def test_check_bad_input_exits_2_with_one_line(root, tmp_path):
    done = cli(root, "check", "-s", "nope.py")
    assert done.returncode == 2
    assert done.stderr.strip() == "pelican-journey: -s nope.py: no such settings file"

    write_site(root, JOURNEY_RULES={"untaged": "off"})
    done = cli(root, "check")
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "JOURNEY_RULES" in lines[0]
    assert "'untagged'" in lines[0]
    assert done.stdout == ""

    write_site(root, JOURNEY_FAIL_ON="sometimes")
    done = cli(root, "check")
    assert done.returncode == 2
    assert "JOURNEY_FAIL_ON: 'sometimes'" in done.stderr

    write_site(root, JOURNEY_BASELINE="missing.json")
    done = cli(root, "check")
    assert done.returncode == 2
    assert "JOURNEY_BASELINE" in done.stderr
    assert "missing.json" in done.stderr
