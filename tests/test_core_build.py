"""Core plugin on real builds: tagging, template data, exits, caching."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PROBE = (
    "{% if page is defined %}{% set doc = page %}"
    "{% else %}{% set doc = article %}{% endif %}"
    "PROBE[id={{ doc.journey.phase.id if doc.journey.phase else '-' }}"
    "|ids={{ doc.journey.phases|map(attribute='id')|join(',') }}"
    "|mapped={{ doc.journey.mapped }}"
    "|site={% for p in JOURNEY.phases %}{{ p.id }}:{{ p.count }};{% endfor %}]"
)


def probe_theme(root: Path) -> Path:
    theme = root / "probe-theme"
    (theme / "templates").mkdir(parents=True)
    for name in ("article.html", "page.html"):
        (theme / "templates" / name).write_text(PROBE, encoding="utf-8")
    return theme


FILES = {
    "fiets-tips.md": """
        Title: Vijf tekenen dat je ketting op is
        Date: 2026-01-05
        Category: Tips
        Phase: Bewustwording

        Tekst.
    """,
    "vergelijk.rst": """
        Welke e-bike past bij jou?
        ##########################

        :date: 2026-01-06
        :category: Tips
        :fase: DECISION, overweging

        Tekst.
    """,
    "review.md": """
        Title: Wat klanten zeggen
        Date: 2026-01-07
        Category: Reviews

        Geen phase: komt uit de categorie.
    """,
    "concept.md": """
        Title: Nog niet af
        Date: 2026-01-08
        Status: draft
        Phase: aankoop

        Concept.
    """,
    "pages/contact.md": """
        Title: Contact
        Phase: Nazorg

        Bel 010-1234567.
    """,
    "pages/over-ons.rst": """
        Over ons
        ########

        :phase: awareness

        Tekst.
    """,
}


@pytest.fixture
def built(site, tmp_path):
    return site(
        FILES,
        THEME=str(probe_theme(tmp_path)),
        JOURNEY_CATEGORY_PHASES={"Reviews": "besluitvorming"},
    )


def probe(built, rel: str) -> dict[str, str]:
    match = re.search(r"PROBE\[(.*?)\]", built.html(rel))
    assert match, f"no probe in {rel}"
    return dict(part.split("=", 1) for part in match.group(1).split("|"))


def test_markdown_dutch_label(built):
    assert built.exit_code == 0, built.log
    values = probe(built, "vijf-tekenen-dat-je-ketting-op-is.html")
    assert values["id"] == "awareness"
    assert values["ids"] == "awareness"
    assert values["mapped"] == "False"


def test_rst_multi_phase_any_case_and_alias_key(built):
    values = probe(built, "welke-e-bike-past-bij-jou.html")
    assert values["id"] == "decision"
    assert values["ids"] == "decision,consideration"


def test_category_mapping_is_marked_mapped(built):
    values = probe(built, "wat-klanten-zeggen.html")
    assert values["id"] == "decision"
    assert values["mapped"] == "True"


def test_pages_and_site_counts_exclude_drafts(built):
    assert probe(built, "pages/contact.html")["id"] == "aftercare"
    assert probe(built, "pages/over-ons.html")["id"] == "awareness"
    counts = probe(built, "pages/contact.html")["site"]
    assert counts == (
        "awareness:2;consideration:1;decision:2;purchase:0;experience:0;aftercare:1;"
    )


def test_untagged_content_has_empty_journey(site, tmp_path):
    built = site(
        {"pages/los.md": "Title: Los\n\nGeen fase.\n"}, THEME=str(probe_theme(tmp_path))
    )
    values = probe(built, "pages/los.html")
    assert values["id"] == "-"
    assert values["ids"] == ""
    assert values["mapped"] == "False"


def test_unknown_phase_fails_with_exit_3_and_suggestion(site):
    built = site(
        {"pages/contact.md": "Title: Contact\nPhase: nazrog\n\nBel ons.\n"},
    )
    assert built.exit_code == 3
    line = next(line for line in built.log.splitlines() if "unknown-phase" in line)
    assert "content/pages/contact.md" in line
    assert "'nazorg' (aftercare)" in line
    assert "Traceback" not in built.log


def test_unknown_phase_under_fail_on_never_passes(site):
    built = site(
        {"pages/contact.md": "Title: Contact\nPhase: nazrog\n\nBel ons.\n"},
        JOURNEY_FAIL_ON="never",
    )
    assert built.exit_code == 0
    assert [f.rule for f in built.analysis.findings].count("unknown-phase") == 1


@pytest.mark.parametrize(
    ("setting", "value", "named", "shown"),
    [
        ("JOURNEY_FAIL_ON", "sometimes", "JOURNEY_FAIL_ON", "'sometimes'"),
        ("JOURNEY_RULES", {"no-such-rule": "error"}, "JOURNEY_RULES", "'no-such-rule'"),
        ("JOURNEY_RULES", {"untagged": "loud"}, "JOURNEY_RULES['untagged']", "'loud'"),
        ("JOURNEY_MODEL", "seven-phase", "JOURNEY_MODEL", "'seven-phase'"),
        ("JOURNEY_MODEL", [{"id": "a"}], "JOURNEY_MODEL[0]", "label"),
        (
            "JOURNEY_CATEGORY_PHASES",
            {"Blog": "nergens"},
            "JOURNEY_CATEGORY_PHASES",
            "'nergens'",
        ),
        ("JOURNEY_LANG", "de", "JOURNEY_LANG", "'de'"),
        ("JOURNEY_INJECT", "always", "JOURNEY_INJECT", "'always'"),
        ("JOURNEY_FAILON", "error", "JOURNEY_FAILON", "JOURNEY_FAIL_ON"),
    ],
)
def test_bad_setting_exits_2_with_one_line(site, setting, value, named, shown):
    built = site({"a.md": "Title: A\nDate: 2026-01-01\n\nx\n"}, **{setting: value})
    assert built.exit_code == 2
    lines = [line for line in built.log.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert named in lines[0]
    assert shown in lines[0]
    assert not (built.output / "a.html").exists()


def test_cached_rebuild_gives_same_journey_data(tmp_path):
    from conftest import build_site

    root = tmp_path / "cached"
    root.mkdir()
    theme = str(probe_theme(tmp_path))
    settings = {
        "THEME": theme,
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "JOURNEY_CATEGORY_PHASES": {"Reviews": "decision"},
    }
    first = build_site(root, FILES, settings)
    pages = sorted(p.relative_to(first.output) for p in first.output.rglob("*.html"))
    before = {p: first.html(str(p)) for p in pages}
    assert any((root / "cache").iterdir()), "the content cache was not written"
    second = build_site(root, None, settings)
    assert second.exit_code == first.exit_code == 0
    for path in pages:
        assert second.html(str(path)) == before[path], path


def test_translations_tagged_like_originals_and_not_counted_twice(site, tmp_path):
    built = site(
        {
            "pages/bestellen.md": """
                Title: Bestellen
                Slug: bestellen
                Phase: aankoop

                Bestel hier.
            """,
            "pages/order.md": """
                Title: Ordering
                Slug: bestellen
                Lang: en

                Order here.
            """,
            "pages/verborgen.md": """
                Title: Verborgen
                Status: hidden
                Phase: nazorg

                Niet in het menu.
            """,
        },
        THEME=str(probe_theme(tmp_path)),
    )
    assert built.exit_code == 0, built.log
    english = probe(built, "pages/bestellen-en.html")
    assert english["id"] == "purchase"
    assert probe(built, "pages/verborgen.html")["id"] == "aftercare"
    counts = english["site"]
    assert "purchase:1;" in counts
    assert "aftercare:0;" in counts
    docs = {d.source: d for d in built.analysis.index.documents}
    translation = docs["content/pages/order.md"]
    assert translation.original is docs["content/pages/bestellen.md"]
    assert not translation.counted
