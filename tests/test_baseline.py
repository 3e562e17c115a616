"""Baselines: accept today's findings, fail on new ones, stable identities."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import build_site
from gappy import FILES, SETTINGS, write_site
from lxml import etree


def cli(root, *args):
    return subprocess.run(
        [sys.executable, "-m", "pelican.plugins.journey", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def gappy_root(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    write_site(root, JOURNEY_FAIL_ON="warning", **SETTINGS)
    return root


def test_baseline_round_trip(gappy_root):
    root = gappy_root
    done = cli(root, "baseline", "-s", "pelicanconf.py")
    assert done.returncode == 0, done.stderr
    assert "8 bevinding(en)" in done.stdout
    assert "JOURNEY_BASELINE = 'journey-baseline.json'" in done.stdout
    data = json.loads((root / "journey-baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert len(data["findings"]) == 8
    assert all(set(e) == {"rule", "source", "subject"} for e in data["findings"])

    settings = {
        "JOURNEY_FAIL_ON": "warning",
        "JOURNEY_BASELINE": "journey-baseline.json",
        "JOURNEY_REPORT_PATH": "journey-report",
        **SETTINGS,
    }
    passed = build_site(root, None, settings)
    assert passed.exit_code == 0, passed.log
    report = json.loads((root / "journey-report/report.json").read_text("utf-8"))
    assert [f["baselined"] for f in report["findings"]] == [True] * 8
    assert report["summary"]["errors"] == report["summary"]["warnings"] == 0

    failed = build_site(
        root, {"pages/nieuw.md": "Title: Nieuw\n\nNog zonder fase.\n"}, settings
    )
    assert failed.exit_code == 3
    live = [f for f in failed.analysis.findings if not f.baselined]
    assert [(f.rule, f.source) for f in live] == [
        ("untagged", "content/pages/nieuw.md")
    ]
    logged = [
        line
        for line in failed.log.splitlines()
        if line.startswith("[") and "content/" in line
    ]
    assert len(logged) == 7  # 6 baselined with a source + the new one
    assert any(line.startswith("[untagged] content/pages/nieuw.md") for line in logged)
    assert "1 bevinding(en) houden het publiceren tegen" in failed.log
    junit = etree.parse(str(root / "journey-report/junit.xml"))
    failures = junit.findall(".//failure")
    assert len(failures) == 1
    assert "content/pages/nieuw.md" in failures[0].get("message")
    assert len(junit.find(".//testcase[@name='untagged']").findall("system-out")) == 1


def test_baseline_file_is_sorted_and_stable(gappy_root):
    assert cli(gappy_root, "baseline").returncode == 0
    first = (gappy_root / "journey-baseline.json").read_bytes()
    entries = json.loads(first)["findings"]
    keys = [(e["rule"], e["source"] or "", e["subject"]) for e in entries]
    assert keys == sorted(keys)
    assert cli(gappy_root, "baseline").returncode == 0
    assert (gappy_root / "journey-baseline.json").read_bytes() == first


def test_baseline_goes_where_journey_baseline_says(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    write_site(root, JOURNEY_BASELINE="ci/accepted.json", **SETTINGS)
    done = cli(root, "baseline", "-s", str(root / "pelicanconf.py"))
    assert done.returncode == 0, done.stderr
    assert (root / "ci" / "accepted.json").is_file()
    assert "JOURNEY_BASELINE =" not in done.stdout
    assert not (root / "output").exists()  # nothing was published
    assert cli(root, "check").returncode == 0


def test_identity_survives_unrelated_edits(gappy_root):
    root = gappy_root
    assert cli(root, "baseline").returncode == 0
    page = root / "content/pages/onderhoud.md"
    page.write_text(
        "Title: Zo houd je je fiets fit (nieuw)\nSummary: Tips.\n"
        + page.read_text(encoding="utf-8").split("\n", 1)[1]
        + "\nEen extra alinea.\n",
        encoding="utf-8",
    )
    built = build_site(
        root,
        None,
        {"JOURNEY_BASELINE": "journey-baseline.json", "JOURNEY_FAIL_ON": "warning"}
        | SETTINGS,
    )
    assert built.exit_code == 0, built.log


@pytest.mark.parametrize(
    ("content", "fault"),
    [
        (None, "does not exist"),
        ("{not json", "not valid JSON"),
        ('{"version": 2, "findings": []}', "not a baseline file"),
        ('{"version": 1, "findings": [{"rule": 1}]}', "entry 1"),
    ],
)
def test_missing_or_broken_baseline_is_a_settings_error(site, tmp_path, content, fault):
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    built = site(FILES, JOURNEY_BASELINE=str(path))
    assert built.exit_code == 2
    lines = [line for line in built.log.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "JOURNEY_BASELINE" in lines[0]
    assert str(path) in lines[0]
    assert fault in lines[0]
    assert not (built.output / "pages").exists()


def test_stale_entries_are_reported_and_pruned(gappy_root):
    root = gappy_root
    assert cli(root, "baseline").returncode == 0
    path = root / "journey-baseline.json"
    before = json.loads(path.read_text(encoding="utf-8"))["findings"]
    assert any(
        e["rule"] == "untagged" and e["source"] == "content/pages/over-ons.md"
        for e in before
    )
    # The owner tags the untagged page: its baseline entry now matches nothing.
    page = root / "content/pages/over-ons.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "Title: Over ons\n", "Title: Over ons\nPhase: overweging\n"
        ),
        encoding="utf-8",
    )
    done = cli(root, "baseline")
    assert done.returncode == 0, done.stderr
    assert "1 regel(s) in de baseline passen bij geen bevinding meer" in done.stdout
    assert "--prune" in done.stdout
    assert "[untagged] content/pages/over-ons.md" in done.stdout
    kept = json.loads(path.read_text(encoding="utf-8"))["findings"]
    assert any(e["source"] == "content/pages/over-ons.md" for e in kept)

    pruned = cli(root, "baseline", "--prune")
    assert pruned.returncode == 0, pruned.stderr
    assert "1 regel(s) die bij geen bevinding meer passen" in pruned.stdout
    after = json.loads(path.read_text(encoding="utf-8"))["findings"]
    assert not any(e["source"] == "content/pages/over-ons.md" for e in after)
    assert len(after) == len(kept) - 1
    again = cli(root, "baseline")
    assert "kunnen weg" not in again.stdout


def test_init_baseline_strict_build_still_fails_on_starter_text(tmp_path):
    site = tmp_path / "klant"
    made = cli(tmp_path, "init", str(site), "--lang", "nl", "--name", "Klant")
    assert made.returncode == 0, made.stderr
    done = cli(site, "baseline", "-s", "publishconf.py")
    assert done.returncode == 0, done.stderr
    assert "starter-text niet in de baseline" in done.stdout
    entries = json.loads((site / "journey-baseline.json").read_text("utf-8"))
    assert all(e["rule"] != "starter-text" for e in entries["findings"])
    with (site / "publishconf.py").open("a", encoding="utf-8") as handle:
        handle.write('\nJOURNEY_BASELINE = "journey-baseline.json"\n')
    strict = subprocess.run(
        [sys.executable, "-m", "pelican", "-s", "publishconf.py"],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
    )
    assert strict.returncode == 3, strict.stdout + strict.stderr
    report = json.loads((site / "journey-report/report.json").read_text("utf-8"))
    live = {f["rule"] for f in report["findings"] if not f["baselined"]}
    assert live == {"starter-text"}
    assert "Traceback" not in strict.stdout + strict.stderr
    # The refused build published nothing.
    output = site / "output"
    assert not output.exists() or not [p for p in output.rglob("*") if p.is_file()]


def test_a_hand_written_starter_text_entry_is_ignored(tmp_path):
    from pelican.plugins.journey.model.findings import Finding
    from pelican.plugins.journey.report import baseline

    starter = Finding("starter-text", "warning", "m", "content/pages/a.md")
    other = Finding("untagged", "warning", "m", "content/pages/a.md")
    path = tmp_path / "b.json"
    path.write_text(
        json.dumps(
            {
                "version": 1,
                "findings": [
                    {"rule": f.rule, "source": f.source, "subject": f.subject}
                    for f in (starter, other)
                ],
            }
        ),
        encoding="utf-8",
    )
    baseline.apply([starter, other], path)
    assert (starter.baselined, other.baselined) == (False, True)
    baseline.write(path, [starter, other])
    written = json.loads(path.read_text(encoding="utf-8"))["findings"]
    assert [e["rule"] for e in written] == ["untagged"]
