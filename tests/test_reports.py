"""report.json, junit.xml, the console summary and GitHub annotations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from gappy import FILES, SETTINGS
from lxml import etree

from pelican.plugins.journey.report import atomic as atomic_module
from pelican.plugins.journey.rules import REGISTRY

SCHEMA = Path(__file__).parent / "data" / "junit.xsd"


@pytest.fixture
def gappy(site):
    return site(FILES, JOURNEY_FAIL_ON="never", **SETTINGS)


def test_report_json_has_exactly_the_spec_shape(gappy):
    report = gappy.report()
    assert list(report) == ["version", "model", "phases", "findings", "summary"]
    assert report["version"] == 1
    assert report["model"] == "six-phase"
    assert [p["id"] for p in report["phases"]] == [
        "awareness",
        "consideration",
        "decision",
        "purchase",
        "experience",
        "aftercare",
    ]
    for phase in report["phases"]:
        assert set(phase) == {"id", "label", "count", "content"}
        assert phase["count"] == len(phase["content"])
        for item in phase["content"]:
            assert set(item) == {
                "title",
                "url",
                "source",
                "kind",
                "mapped",
                "touchpoint",
                "touchpoint_inferred",
                "cta",
            }
    for finding in report["findings"]:
        assert list(finding) == [
            "rule",
            "severity",
            "message",
            "source",
            "phase",
            "baselined",
            "line",
        ]
    assert set(report["summary"]) == {
        "errors",
        "warnings",
        "covered_phases",
        "total_phases",
        "content",
        "untagged",
    }


def test_report_json_counts_published_content_only(gappy):
    report = gappy.report()
    phases = {p["id"]: p for p in report["phases"]}
    assert phases["purchase"]["count"] == 0  # the purchase article is a draft
    assert phases["decision"]["label"] == "Besluitvorming"
    assert phases["decision"]["content"] == [
        {
            "title": "Welke e-bike past bij jou?",
            "url": "welke-e-bike-past-bij-jou.html",
            "source": "content/blog/vergelijk.md",
            "kind": "article",
            "mapped": False,
            "touchpoint": "blog",
            "touchpoint_inferred": True,
            "cta": {
                "label": "Lees wat klanten zeggen",
                "url": "pages/wat-klanten-zeggen.html",
                "origin": "default",
            },
        },
        {
            "title": "Wat klanten zeggen",
            "url": "pages/wat-klanten-zeggen.html",
            "source": "content/pages/reviews.md",
            "kind": "page",
            "mapped": False,
            "touchpoint": "review",
            "touchpoint_inferred": False,
            "cta": None,
        },
    ]
    assert report["summary"] == {
        "errors": 3,
        "warnings": 5,
        "covered_phases": 5,
        "total_phases": 6,
        "content": 7,
        "untagged": 1,
    }


def test_report_marks_mapped_content(site):
    built = site(
        {"a.md": "Title: A\nDate: 2026-01-01\nCategory: Reviews\n\nx\n"},
        JOURNEY_CATEGORY_PHASES={"Reviews": "decision"},
    )
    decision = next(p for p in built.report()["phases"] if p["id"] == "decision")
    assert [c["mapped"] for c in decision["content"]] == [True]


def test_junit_is_valid_with_a_failure_per_finding(gappy):
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    tree = etree.parse(str(gappy.reports / "junit.xml"))
    schema.assertValid(tree)
    cases = tree.findall(".//testcase")
    assert [c.get("name") for c in cases] == list(REGISTRY)
    failures = tree.findall(".//testcase/failure")
    findings = gappy.report()["findings"]
    assert len(failures) == len(findings) == 8
    suite = tree.find("testsuite")
    assert suite.get("tests") == str(len(REGISTRY))
    assert suite.get("failures") == "8"
    broken = tree.find(".//testcase[@name='broken-target']")
    (failure,) = broken.findall("failure")
    assert failure.get("type") == "error"
    assert "content/pages/reviews.md" in failure.get("message")
    untagged = tree.find(".//testcase[@name='untagged']")
    assert len(untagged.findall("failure")) == 1


def test_junit_has_no_testcase_for_rules_switched_off(site):
    built = site(
        FILES,
        JOURNEY_FAIL_ON="never",
        JOURNEY_RULES={"untagged": "off", "expertise-blog": {"severity": "off"}},
        **SETTINGS,
    )
    tree = etree.parse(str(built.reports / "junit.xml"))
    etree.XMLSchema(etree.parse(str(SCHEMA))).assertValid(tree)
    names = [c.get("name") for c in tree.findall(".//testcase")]
    assert "untagged" not in names
    assert "expertise-blog" not in names
    assert len(tree.findall(".//failure")) == 6


# Reachable (with hours), a price and return terms: clean for the friction rules.
CLEAN_BODY = (
    "Bel 010-1234567, ma-vr 9-17 uur. Een beurt kost € 49; retour binnen 14 dagen."
)


def test_clean_site_gives_valid_junit_without_failures(site):
    files = {
        # The last page needs no call to action: it says so (no missing-cta).
        f"pages/p{i}.md": f"Title: P{i}\nPhase: {phase}\n"
        + ("CTA: none\n" if phase == "aftercare" else "")
        + f"\n{CLEAN_BODY}\n"
        for i, phase in enumerate(
            ["awareness", "consideration", "purchase", "experience", "aftercare"]
        )
    }
    for n in (1, 2):
        files[f"a{n}.md"] = (
            f"Title: A{n}\nDate: 2026-01-0{n}\nPhase: decision\nTouchpoint: review"
            "\n\nx\n"
        )
    built = site(files, JOURNEY_FAIL_ON="warning")
    assert built.exit_code == 0, built.log
    tree = etree.parse(str(built.reports / "junit.xml"))
    etree.XMLSchema(etree.parse(str(SCHEMA))).assertValid(tree)
    assert tree.findall(".//failure") == []
    assert built.report()["findings"] == []


ANNOTATION = re.compile(r"^::(error|warning) (.*?)::(.+)$")


def _annotations(text: str) -> list[tuple[str, dict[str, str], str]]:
    out = []
    for line in text.splitlines():
        match = ANNOTATION.match(line)
        if match:
            props = dict(p.split("=", 1) for p in match.group(2).split(","))
            out.append((match.group(1), props, match.group(3)))
    return out


def test_annotations_only_with_github_actions(site, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    site(FILES, JOURNEY_FAIL_ON="never", **SETTINGS)
    assert _annotations(capsys.readouterr().out) == []

    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    site(FILES, JOURNEY_FAIL_ON="never", **SETTINGS)
    found = _annotations(capsys.readouterr().out)
    assert len(found) == 8
    where = {
        (p["title"].removeprefix("pelican-journey "), p.get("file"), p.get("line"))
        for _, p, _ in found
    }
    assert where == {
        ("unknown-persona", "content/pages/onderhoud.md", "3"),
        ("unknown-touchpoint", "content/pages/onderhoud.md", "4"),
        ("untagged", "content/pages/over-ons.md", None),
        ("broken-target", "content/pages/reviews.md", "4"),
        ("generic-cta", "content/pages/diensten.md", "4"),
        ("phase-empty", None, None),
        ("aftercare-contact", "content/pages/service.md", "2"),
        ("expertise-blog", None, None),
    }
    levels = {p["title"]: level for level, p, _ in found}
    assert levels["pelican-journey broken-target"] == "error"
    assert levels["pelican-journey phase-empty"] == "warning"


def test_annotation_lines_in_rst_and_with_aliases(site, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    site(
        {
            "stap.rst": "Stap\n####\n\n:date: 2026-01-01\n:fase: nazrog\n\nTekst.\n",
            "pages/x.md": "Title: X\nFase: awareness\nContactpunt: folder\n\nx\n",
        },
        JOURNEY_FAIL_ON="never",
    )
    found = {
        (p["title"].removeprefix("pelican-journey "), p.get("file"), p.get("line"))
        for _, p, _ in _annotations(capsys.readouterr().out)
    }
    assert ("unknown-phase", "content/stap.rst", "5") in found
    assert ("unknown-touchpoint", "content/pages/x.md", "3") in found


def test_console_summary_in_journey_lang(site, capsys):
    site(FILES, JOURNEY_FAIL_ON="never", **SETTINGS)
    out = capsys.readouterr().out
    assert "Klantreis: Bewustwording → Overweging" in out
    assert "six-phase" not in out  # the owner reads phases, not the model's id
    for label in ("Bewustwording", "Besluitvorming", "Aankoop", "Nazorg"):
        assert label in out
    assert "5/6 fasen gedekt" in out
    assert "3 fout(en), 5 waarschuwing(en)" in out
    # The map is named after every build, not only with -v.
    assert re.search(r"Klantreiskaart: \S*journey-report\S*journey-map\.html", out)
    # The findings column adds up to the totals (site-wide findings included).
    rows = re.findall(r"│\s*\d?\s*│\s*[^│]+?\s*│\s*\d*\s*│\s*(\d*)\s*│", out)
    assert sum(int(n) for n in rows if n) == 3 + 5, rows

    site(FILES, JOURNEY_FAIL_ON="never", JOURNEY_LANG="en", **SETTINGS)
    out = capsys.readouterr().out
    assert "Customer journey: Awareness → Consideration" in out
    assert "Customer journey map: " in out
    assert "Purchase" in out
    assert "3 error(s), 5 warning(s)" in out


def test_reports_written_even_when_the_build_fails(site):
    built = site(FILES, JOURNEY_FAIL_ON="warning", **SETTINGS)
    assert built.exit_code == 3
    assert (built.reports / "report.json").is_file()
    assert (built.reports / "junit.xml").is_file()


def test_default_report_folder_is_beside_the_settings_not_in_output(site):
    built = site(FILES, JOURNEY_REPORT_PATH="journey-report", **SETTINGS)
    assert (built.root / "journey-report" / "report.json").is_file()
    assert not list(built.output.rglob("report.json"))
    assert not list(built.output.rglob("junit.xml"))


def test_report_folder_inside_output_when_asked(site):
    built = site(FILES, JOURNEY_REPORT_PATH="output/journey", **SETTINGS)
    assert (built.output / "journey" / "report.json").is_file()


QUIET = {**SETTINGS, "JOURNEY_FAIL_ON": "never"}


def _report_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_reports_are_replaced_together_or_not_at_all(site, monkeypatch):
    built = site(FILES, JOURNEY_REPORT_PATH="journey-report", **QUIET)
    folder = built.root / "journey-report"
    before = _report_bytes(folder)
    assert sorted(before) == [
        "gl-code-quality.json",
        "journey-map.html",
        "junit.xml",
        "report.json",
        "report.sarif",
    ]
    real_write = atomic_module._write_chunks

    def full_disk_on_second_file(path, text):
        if path.name == "junit.xml":
            raise OSError(28, "No space left on device", str(path))
        real_write(path, text)

    monkeypatch.setattr(atomic_module, "_write_chunks", full_disk_on_second_file)
    from conftest import build_site

    again = build_site(
        built.root,
        {"pages/nieuw.md": "Title: Nieuw\n\nOngetagd.\n"},
        {"JOURNEY_REPORT_PATH": "journey-report", **QUIET},
    )
    # A failed report is a failed build, and nothing of the new set is visible.
    assert again.exit_code == 1
    assert _report_bytes(folder) == before
    assert sorted(p.name for p in built.root.iterdir() if "journey" in p.name) == [
        "journey-report"
    ]
    lines = [line for line in again.log.splitlines() if "No space left" in line]
    assert len(lines) == 1
    assert str(folder) in lines[0]
    assert "Traceback" not in again.log
    # Pelican wrote no page of the failed build.
    assert not list((built.root / "output").rglob("nieuw*"))

    monkeypatch.undo()
    third = build_site(
        built.root, None, {"JOURNEY_REPORT_PATH": "journey-report", **QUIET}
    )
    assert third.exit_code == 0
    after = _report_bytes(folder)
    assert sorted(after) == sorted(before)
    # Every file of the set is the new build's: the new page is in all of them.
    for name in after:
        assert b"nieuw" in after[name].lower(), name


def test_a_read_only_report_folder_fails_the_build_in_one_line(site):
    built = site(FILES, JOURNEY_REPORT_PATH="journey-report", **QUIET)
    folder = built.root / "journey-report"
    before = _report_bytes(folder)
    folder.chmod(0o555)
    try:
        from conftest import build_site

        again = build_site(
            built.root, None, {"JOURNEY_REPORT_PATH": "journey-report", **QUIET}
        )
    finally:
        folder.chmod(0o755)
    assert again.exit_code != 0
    assert _report_bytes(folder) == before
    lines = [line for line in again.log.splitlines() if str(folder) in line]
    assert len(lines) == 1, again.log
    assert "read-only" in lines[0]
    assert "Traceback" not in again.log


def test_leftovers_of_a_crashed_write_are_removed(site):
    built = site(FILES, JOURNEY_REPORT_PATH="journey-report", **QUIET)
    folder = built.root / "journey-report"
    # What a kill -9 in the middle of writing leaves: a staging folder, an
    # old folder, and a temporary file of a single-file write.
    stage = built.root / ".journey-report.journey-tmp-123-abcdef01"
    old = built.root / ".journey-report.journey-old-123-abcdef01"
    for leftover in (stage, old):
        leftover.mkdir()
        (leftover / "report.json").write_text("{}", encoding="utf-8")
    temp = folder / ".report.json.1234.0badc0de.tmp"
    temp.write_text("half", encoding="utf-8")
    older = folder / ".junit.xml.1234.tmp"  # an earlier version's temporary file
    older.write_text("half", encoding="utf-8")
    mine = folder / "notes.txt"  # not ours: never touched
    mine.write_text("mijn notities", encoding="utf-8")
    from conftest import build_site

    again = build_site(
        built.root, None, {"JOURNEY_REPORT_PATH": "journey-report", **QUIET}
    )
    assert again.exit_code == 0
    assert not stage.exists()
    assert not old.exists()
    assert not temp.exists()
    assert not older.exists()
    assert mine.read_text(encoding="utf-8") == "mijn notities"
    assert json.loads((folder / "report.json").read_text(encoding="utf-8"))


def test_language_subfolders_survive_the_swap(site):
    built = site(FILES, JOURNEY_REPORT_PATH="journey-report", **QUIET)
    folder = built.root / "journey-report"
    sub = folder / "en"
    sub.mkdir()
    (sub / "report.json").write_text('{"lang": "en"}', encoding="utf-8")
    from conftest import build_site

    again = build_site(
        built.root, None, {"JOURNEY_REPORT_PATH": "journey-report", **QUIET}
    )
    assert again.exit_code == 0
    assert (sub / "report.json").read_text(encoding="utf-8") == '{"lang": "en"}'


def test_a_failing_build_writes_reports_and_no_page(site):
    built = site(FILES, JOURNEY_FAIL_ON="warning", **SETTINGS)
    assert built.exit_code == 3
    assert (built.reports / "report.json").is_file()
    assert (built.reports / "journey-map.html").is_file()
    written = [p for p in built.output.rglob("*") if p.is_file()]
    assert written == []
    # The findings and the summary were logged before stopping.
    assert "[untagged]" in built.log or "[phase-empty]" in built.log


KILLED_BUILD = """
import os, sys, time
from pathlib import Path

sys.path.insert(0, {tests!r})
from conftest import build_site
from gappy import SETTINGS

from pelican.plugins.journey.report import atomic

real_write = atomic._write_chunks


def stall_on_the_map(path, text):
    real_write(path, text)
    if path.name == "journey-map.html":
        Path({ready!r}).write_text("report.json and junit.xml are written")
        time.sleep(120)


atomic._write_chunks = stall_on_the_map
settings = {{**SETTINGS, "JOURNEY_FAIL_ON": "never"}}
settings["JOURNEY_REPORT_PATH"] = "journey-report"
new_page = {{"pages/nieuw.md": "Title: Nieuw\\n\\nOngetagd.\\n"}}
build_site(Path({root!r}), new_page, settings)
"""


def test_kill_9_while_writing_leaves_the_previous_set_whole(site, tmp_path):
    import signal
    import subprocess
    import sys
    import time

    from conftest import build_site

    built = site(FILES, JOURNEY_REPORT_PATH="journey-report", **QUIET)
    folder = built.root / "journey-report"
    before = _report_bytes(folder)
    ready = tmp_path / "ready"
    script = KILLED_BUILD.format(
        tests=str(Path(__file__).parent), ready=str(ready), root=str(built.root)
    )
    process = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 180
        while not ready.exists() and process.poll() is None:
            assert time.monotonic() < deadline, "the build never reached the map"
            time.sleep(0.05)
        assert ready.exists(), "the build ended before writing the map"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    # Killed after two of the three files: the folder still holds the whole
    # previous set; the half-written new set is a staging folder beside it.
    assert _report_bytes(folder) == before
    leftovers = [p for p in built.root.iterdir() if ".journey-tmp-" in p.name]
    assert len(leftovers) == 1
    assert (leftovers[0] / "report.json").is_file()

    again = build_site(
        built.root, None, {"JOURNEY_REPORT_PATH": "journey-report", **QUIET}
    )
    assert again.exit_code == 0
    assert not leftovers[0].exists()
    after = _report_bytes(folder)
    assert sorted(after) == sorted(before)
    assert all(b"nieuw" in data.lower() for data in after.values())


def test_large_chunks_are_written_as_they_are_between_gathered_small_ones(tmp_path):
    """A chunk of a write's size or more is written on its own: same text."""
    size = atomic_module._WRITE_SIZE
    chunks = [
        "<p>",
        "a" * 10,
        "→ " * size,  # large, with a character the small ones have not
        "é",
        "b" * (size - 1),
        "c" * size,  # large, right after small ones that fill no write
        "\ud800",  # a lone surrogate: written as U+FFFD either way
        "<end>",
    ]
    path = tmp_path / "out.html"
    atomic_module._write_chunks(path, iter(chunks))
    expected = "".join(chunks).replace("\ud800", "\ufffd")
    assert path.read_bytes() == expected.encode("utf-8")
