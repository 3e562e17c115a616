"""Hostile input: every bad value gets a finding or one clear line, never a traceback.

Each test builds a real site (in-process or with the real command line) with
one piece of hostile input: an undecodable file name, Rich markup in a label,
an unusable baseline or report path, mixed-type dict keys, a typo in PLUGINS.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write_files

from pelican.plugins.journey.cli.main import main

PAGES = {
    "pages/start.md": "Title: Start\nPhase: awareness\n\nWelkom.\n",
    "pages/contact.md": "Title: Contact\nPhase: aftercare\n\nBel 010-1234567.\n",
}

SETTINGS_FILE = """
SITENAME = "Vijandig"
PATH = "content"
TIMEZONE = "Europe/Amsterdam"
DEFAULT_LANG = "nl"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
"""


def write_site(root: Path, files=None, **settings) -> Path:
    """A site folder with ``pelicanconf.py`` (settings given as Python values)."""
    write_files(root / "content", files if files is not None else PAGES)
    lines = [SETTINGS_FILE]
    lines += [f"{key} = {value!r}" for key, value in settings.items()]
    (root / "pelicanconf.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def run(
    root: Path, *args: str, timeout: float = 300, **env: str
) -> subprocess.CompletedProcess:
    return subprocess.run(
        args,
        cwd=root,
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
        timeout=timeout,
        env={**os.environ, "COLUMNS": "200", **env},
    )


def journey(root: Path, *args: str) -> subprocess.CompletedProcess:
    return run(root, sys.executable, "-m", "pelican.plugins.journey", *args)


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


# -- tracebacks ----------------------------------------------------------------


def test_undecodable_file_name_is_reported_not_a_crash(tmp_path):
    root = write_site(tmp_path / "site", PAGES, PLUGINS=["journey"])
    name = os.fsencode(root / "content" / "pages") + b"/caf\xe9.md"
    with open(name, "wb") as handle:
        handle.write(b"Title: Caf\xc3\xa9\nPhase: nazrog\n\nKoffie.\n")
    done = run(root, sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py")
    assert "Traceback" not in done.stderr + done.stdout
    assert "UnicodeEncodeError" not in done.stderr + done.stdout
    assert done.returncode == 3, done.stderr  # the unknown phase, not a crash
    report = json.loads((root / "journey-report" / "report.json").read_bytes())
    [finding] = [f for f in report["findings"] if f["rule"] == "unknown-phase"]
    assert finding["source"].startswith("content/pages/caf")
    assert finding["source"].endswith(".md")
    # Every report is valid UTF-8 and names the file readably.
    for path in (root / "journey-report").iterdir():
        path.read_bytes().decode("utf-8")
    # The command line's outputs, in every format, too.
    for fmt in ("text", "json", "junit", "github"):
        done = journey(root, "check", "--format", fmt)
        assert done.returncode == 3, (fmt, done.stderr)
        assert "Traceback" not in done.stderr, fmt
        assert "caf" in done.stdout, fmt
    done = journey(root, "baseline")
    assert done.returncode == 0, done.stderr
    json.loads((root / "journey-baseline.json").read_bytes().decode("utf-8"))
    # On GitHub Actions: annotations and the step summary too.
    summary = root / "step-summary.md"
    done = run(
        root,
        *(sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py"),
        GITHUB_ACTIONS="true",
        GITHUB_STEP_SUMMARY=str(summary),
    )
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert "caf" in summary.read_bytes().decode("utf-8")


MARKUP_MODEL = [
    {"id": "eerst", "label": "[b]Eerst"},
    {"id": "dan", "label": "[/x] dan [link=https://x]"},
]


def test_rich_markup_in_a_label_is_printed_as_written(tmp_path):
    files = {
        "pages/a.md": "Title: A\nPhase: eerst\n\nx\n",
        "pages/b.md": "Title: B\nPhase: dan\n\nBel 010-1234567.\n",
    }
    root = write_site(
        tmp_path / "site", files, PLUGINS=["journey"], JOURNEY_MODEL=MARKUP_MODEL
    )
    done = run(root, sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py")
    assert done.returncode == 0, done.stderr
    console = done.stdout + done.stderr
    assert "MarkupError" not in console
    assert "[b]Eerst" in console
    assert "[/x] dan [link=https://x]" in console
    done = journey(root, "check")
    assert done.returncode == 0, done.stderr
    assert "[b]Eerst" in done.stdout
    assert "[/x] dan [link=https://x]" in done.stdout


@pytest.mark.parametrize(
    ("baseline", "prepare", "says"),
    [
        ("folder", lambda root: (root / "folder").mkdir(), "is a folder"),
        (
            "file.txt/baseline.json",
            lambda root: (root / "file.txt").touch(),
            "file.txt' is a file, not a folder",
        ),
        ("base\x00line.json", lambda root: None, "NUL"),
    ],
    ids=["directory", "under-a-file", "nul"],
)
def test_baseline_command_with_an_unwritable_path_says_so(
    tmp_path, capsys, monkeypatch, baseline, prepare, says
):
    root = write_site(tmp_path / "site", PAGES, PLUGINS=["journey"])
    (root / "pelicanconf.py").write_text(
        (root / "pelicanconf.py").read_text(encoding="utf-8")
        + f"JOURNEY_BASELINE = {baseline!r}\n",
        encoding="utf-8",
    )
    prepare(root)
    monkeypatch.chdir(root)
    assert main(["baseline"]) == 2
    line = one_line(capsys.readouterr().err)
    assert "JOURNEY_BASELINE" in line
    assert says in line


@pytest.mark.parametrize(
    "settings",
    [
        {"JOURNEY_MODEL": [{"id": "a", "label": "A", 1: "x", "z": 2}]},
        {"JOURNEY_PERSONAS": {"p": {"label": "P", 1: "x", "y": 2}}},
        {"JOURNEY_PERSONAS": {"p": {"label": "P"}, 1: {"label": "Q"}}},
        {"JOURNEY_CTAS": {"awareness": {"label": "L", "target": "/", 3: 4, "x": 1}}},
        {"JOURNEY_RULES": {"untagged": {"severity": "off", 1: 2, "x": 3}}},
        {"JOURNEY_RULES": {1: "off", "untagged": "off"}},
    ],
    ids=["model", "persona-entry", "persona-ids", "ctas", "rule-options", "rule-ids"],
)
def test_mixed_type_keys_stop_the_build_with_one_line(site, settings):
    built = site(PAGES, **settings)
    assert built.exit_code == 2, built.log
    assert "Traceback" not in built.log
    assert "TypeError" not in built.log
    assert next(iter(settings)) in built.log


@pytest.mark.parametrize("name", ["JOURNEY_REPORT_PATH", "JOURNEY_BASELINE"])
def test_nul_in_a_path_setting_stops_the_build_with_one_line(site, name):
    built = site(PAGES, **{name: "journey\x00report"})
    assert built.exit_code == 2, built.log
    assert name in built.log
    assert "NUL" in built.log


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ('{"version": 1, "findings": [' + "9" * 5000 + "]}", "digits"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"version": 1, "findings": ' + "[" * 5000 + "]" * 5000 + "}", "deeply"),
    ],
    ids=["huge-integer", "deep-nesting", "nested-entries"],
)
def test_hostile_baseline_content_is_one_line(site, tmp_path, content, says):
    path = tmp_path / "baseline.json"
    path.write_text(content, encoding="utf-8")
    built = site(PAGES, JOURNEY_BASELINE=str(path))
    assert built.exit_code == 2, built.log[-2000:]
    assert "Traceback" not in built.log
    assert "JOURNEY_BASELINE" in built.log
    assert says in built.log


def test_endless_baseline_is_read_with_a_size_limit(site):
    built = site(PAGES, JOURNEY_BASELINE="/dev/zero")
    assert built.exit_code == 2
    assert "JOURNEY_BASELINE: '/dev/zero'" in built.log
    assert "MB" in built.log


# -- silent switches -----------------------------------------------------------


def test_check_refuses_settings_that_do_not_load_the_plugin(tmp_path):
    root = write_site(tmp_path / "site", PAGES, PLUGINS=["jouney"])
    done = journey(root, "check")
    assert done.returncode == 2
    line = one_line(done.stderr)
    assert "PLUGINS" in line and "'jouney'" in line and "not load" in line
    done = journey(root, "baseline")
    assert done.returncode == 2
    assert "PLUGINS" in one_line(done.stderr)
    # The pelican build itself says "Cannot load plugin"; with the name right,
    # check runs.
    write_site(root, PAGES, PLUGINS=["journey"])
    assert journey(root, "check").returncode == 0


OWN_KEYS = {
    "blog/post.md": """
        Title: Post
        Date: 2026-01-02
        Next: part two
        Phase: 3
        CTA: subscribe
        Journey_Phase: decision

        Text.
    """,
    "blog/post2.md": """
        Title: Post 2
        Date: 2026-01-03
        Journey_Phase: decision

        Text.
    """,
    "pages/contact.md": """
        Title: Contact
        Journey_Phase: aftercare
        Journey_Next: {filename}/blog/post.md

        Bel 010-1234567.
    """,
}


def test_metadata_keys_setting_renames_the_plugins_keys(site):
    keys = {"phase": "journey_phase", "next": "journey_next", "cta": "journey_cta"}
    built = site(OWN_KEYS, JOURNEY_METADATA_KEYS=keys)
    assert built.exit_code == 0, built.log
    report = built.report()
    rules = {f["rule"] for f in report["findings"]}
    assert not rules & {"unknown-phase", "broken-target"}, report["findings"]
    decision = next(p for p in report["phases"] if p["id"] == "decision")
    assert decision["count"] == 2
    contact = built.analysis.index.by_key["pages/contact.md"]
    assert [d.title for d in contact.next] == ["Post"]
    # Without the setting the site's own keys are read as the plugin's.
    built = site(OWN_KEYS)
    assert built.exit_code == 3
    assert "unknown-phase" in {f["rule"] for f in built.report()["findings"]}


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("journey_phase", "give a dict"),
        ({"phasee": "x"}, "'phasee'"),
        ({"phase": ""}, "JOURNEY_METADATA_KEYS['phase']"),
        ({"phase": "next"}, "already read for 'next'"),
        ({"phase": 3}, "JOURNEY_METADATA_KEYS['phase']: 3"),
    ],
)
def test_wrong_metadata_keys_setting_is_one_line(site, value, says):
    built = site(PAGES, JOURNEY_METADATA_KEYS=value)
    assert built.exit_code == 2
    assert says in built.log
    assert "Traceback" not in built.log


UNTAGGED = {
    f"blog/post{i}.md": f"Title: Post {i}\nDate: 2026-01-0{i}\n\nText {i}.\n"
    for i in range(1, 6)
} | {"pages/about.md": "Title: Over ons\n\nWij.\n"}


def test_installed_but_not_enabled_writes_nothing_and_says_how_to_start(tmp_path):
    """PLUGINS unset: Pelican loads every installed namespace plugin, this one too."""
    root = write_site(tmp_path / "site", UNTAGGED)
    done = run(root, sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py")
    assert done.returncode == 0, done.stderr
    assert (root / "output" / "post-1.html").is_file()
    assert not (root / "journey-report").exists()
    assert not list(root.rglob("report.json"))
    assert not list(root.rglob("journey-map.html"))
    console = done.stdout + done.stderr
    assert [line for line in console.splitlines() if "journey" in line] == [
        next(line for line in console.splitlines() if "pelican-journey" in line)
    ], console
    assert "PLUGINS" in console and "pelican-journey suggest" in console
    assert "WARNING" not in console.replace("Feeds generated without SITEURL", "")
    assert "journey-next" not in (root / "output" / "post-1.html").read_text("utf-8")
    # Opting in by a phase in one document: the plugin works as usual.
    (root / "content" / "pages" / "contact.md").write_text(
        "Title: Contact\nPhase: aftercare\n\nBel 010-1234567.\n", encoding="utf-8"
    )
    done = run(root, sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py")
    assert done.returncode == 0, done.stderr
    assert (root / "journey-report" / "report.json").is_file()


def test_enabled_site_without_any_phase_gets_one_line_not_one_per_page(tmp_path):
    root = write_site(tmp_path / "site", UNTAGGED, PLUGINS=["journey"])
    done = run(root, sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py")
    assert done.returncode == 0, done.stderr
    console = done.stdout + done.stderr
    assert console.count("pelican-journey suggest") == 1, console
    assert "[untagged]" in console and console.count("[untagged]") == 1
    assert "[phase-empty]" not in console
    report = json.loads((root / "journey-report" / "report.json").read_text("utf-8"))
    [finding] = [f for f in report["findings"] if f["rule"] == "untagged"]
    assert finding["source"] is None
    assert "6" in finding["message"]
    assert report["summary"]["untagged"] == 6
    # Once one document has a phase, untagged content is a finding per page.
    (root / "content" / "pages" / "about.md").write_text(
        "Title: Over ons\nPhase: awareness\n\nWij.\n", encoding="utf-8"
    )
    done = run(root, sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py")
    report = json.loads((root / "journey-report" / "report.json").read_text("utf-8"))
    untagged = [f for f in report["findings"] if f["rule"] == "untagged"]
    assert len(untagged) == 5
