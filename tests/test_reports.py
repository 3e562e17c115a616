"""report.json, junit.xml, the console summary and GitHub annotations."""

from __future__ import annotations

import json
import os
import re
import types
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
            assert set(item) == {"title", "url", "source", "kind", "mapped"}
    for finding in report["findings"]:
        assert list(finding) == [
            "rule",
            "severity",
            "message",
            "source",
            "phase",
            "baselined",
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
        },
        {
            "title": "Wat klanten zeggen",
            "url": "pages/wat-klanten-zeggen.html",
            "source": "content/pages/reviews.md",
            "kind": "page",
            "mapped": False,
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
        f"pages/p{i}.md": f"Title: P{i}\nPhase: {phase}\n\n{CLEAN_BODY}\n"
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
    assert "Klantreis (six-phase)" in out
    for label in ("Bewustwording", "Besluitvorming", "Aankoop", "Nazorg"):
        assert label in out
    assert "5/6 fasen gedekt" in out
    assert "3 fout(en), 5 waarschuwing(en)" in out

    site(FILES, JOURNEY_FAIL_ON="never", JOURNEY_LANG="en", **SETTINGS)
    out = capsys.readouterr().out
    assert "Customer journey (six-phase)" in out
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


def test_reports_are_written_atomically(site, monkeypatch):
    built = site(FILES, JOURNEY_REPORT_PATH="journey-report", **SETTINGS)
    folder = built.root / "journey-report"
    before = (folder / "report.json").read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    fake_os = types.SimpleNamespace(getpid=os.getpid, replace=broken_replace)
    monkeypatch.setattr(atomic_module, "os", fake_os)
    from conftest import build_site

    again = build_site(
        built.root,
        {"pages/nieuw.md": "Title: Nieuw\n\nOngetagd.\n"},
        {"JOURNEY_REPORT_PATH": "journey-report", **SETTINGS},
    )
    assert (folder / "report.json").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [
        "journey-map.html",
        "junit.xml",
        "report.json",
    ]
    lines = [line for line in again.log.splitlines() if "No space left" in line]
    assert len(lines) == 1
    assert "journey-report" in lines[0]
    json.loads(before)
