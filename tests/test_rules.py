"""The coverage and CTA rules on real builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from gappy import EXPECTED, FILES, SETTINGS, observed

from pelican.plugins.journey.model.text import check_catalogue
from pelican.plugins.journey.rules import REGISTRY
from pelican.plugins.journey.rules.coverage import shows_contact
from pelican.plugins.journey.rules.ctas import fold


def test_gappy_site_fails_under_warning_with_exactly_the_expected_findings(site):
    built = site(FILES, JOURNEY_FAIL_ON="warning", **SETTINGS)
    assert built.exit_code == 3, built.log
    assert observed(built.report()) == EXPECTED
    assert "Traceback" not in built.log


def test_gappy_site_passes_under_never_with_the_same_report(site):
    strict = site(FILES, JOURNEY_FAIL_ON="warning", **SETTINGS)
    lenient = site(FILES, JOURNEY_FAIL_ON="never", **SETTINGS)
    assert lenient.exit_code == 0, lenient.log
    assert lenient.report() == strict.report()


def test_messages_are_dutch_and_name_what_to_fix(site):
    report = site(FILES, JOURNEY_FAIL_ON="never", **SETTINGS).report()
    by_rule = {f["rule"]: f["message"] for f in report["findings"]}
    assert "'Lees meer…'" in by_rule["generic-cta"]
    assert "{filename}/pages/proefrit.md" in by_rule["broken-target"]
    assert "nergens" in by_rule["broken-target"]
    assert "'Aankoop' (purchase)" in by_rule["phase-empty"]
    assert "Waar koop ik het?" in by_rule["phase-empty"]
    assert by_rule["expertise-blog"].startswith("1 artikel(en)")
    assert "contactgegevens" in by_rule["aftercare-contact"]


def test_messages_follow_journey_lang(site):
    report = site(
        FILES, JOURNEY_FAIL_ON="never", JOURNEY_LANG="en", **SETTINGS
    ).report()
    by_rule = {f["rule"]: f["message"] for f in report["findings"]}
    assert "leads nowhere" in by_rule["broken-target"]
    assert "'Purchase' (purchase)" in by_rule["phase-empty"]


AFTERCARE = "Title: Nazorg\nPhase: nazorg\n\n{body}\n"


@pytest.mark.parametrize(
    "body",
    [
        "Bel ons op 010-1234567.",
        "Mobiel: 06-12345678",
        "WhatsApp +31 6 1234 5678",
        "Gratis: 0800-1234",
        "From abroad: +44 20 7946 0958",
        "Mail service@despaak.nl",
        "[Bel ons](tel:+31101234567)",
        "[Mail ons](mailto:service@despaak.nl)",
    ],
)
def test_aftercare_page_with_contact_details_passes(site, body):
    built = site({"pages/nazorg.md": AFTERCARE.format(body=body)})
    assert "aftercare-contact" not in [f.rule for f in built.analysis.findings]


def test_aftercare_contact_needs_published_content_of_the_final_phase(site):
    built = site(
        {
            "pages/nazorg.md": "Title: Nazorg\nPhase: nazorg\nStatus: draft\n\n"
            "Bel 010-1234567.\n",
            "pages/contact.md": "Title: Contact\nPhase: aankoop\n\nBel 010-1234567.\n",
        }
    )
    hits = [f for f in built.analysis.findings if f.rule == "aftercare-contact"]
    assert [(f.source, f.phase, f.subject) for f in hits] == [
        (None, "aftercare", "no-page")
    ]


def test_aftercare_contact_phase_option_and_other_models(site):
    files = {"pages/kopen.md": "Title: Kopen\nPhase: kopen\n\nBestel online.\n"}
    built = site(files, JOURNEY_MODEL="5k")
    hits = [f for f in built.analysis.findings if f.rule == "aftercare-contact"]
    assert [(f.source, f.phase) for f in hits] == [("content/pages/kopen.md", "kopen")]
    built = site(
        files,
        JOURNEY_MODEL="5k",
        JOURNEY_RULES={"aftercare-contact": {"phase": "kiezen"}},
    )
    hits = [f for f in built.analysis.findings if f.rule == "aftercare-contact"]
    assert [(f.source, f.phase) for f in hits] == [(None, "kiezen")]


@pytest.mark.parametrize(
    "text",
    [
        "Datum 2026-01-05 of 05-01-2026",
        "Prijs 1.234,56",
        "Open 09:00-17:00",
        "KvK 12345678",
        "Sinds 1998",
    ],
)
def test_numbers_that_are_not_phone_numbers(text):
    assert not shows_contact(f"<p>{text}</p>")


def _article(n: int, phase: str, kind: str = "article") -> tuple[str, str]:
    if kind == "page":
        return f"pages/p{n}.md", f"Title: Pagina {n}\nPhase: {phase}\n\nx\n"
    return f"a{n}.md", f"Title: Artikel {n}\nDate: 2026-01-0{n}\nPhase: {phase}\n\nx\n"


def test_expertise_blog_counts_articles_not_pages(site):
    files = dict([_article(1, "decision"), _article(2, "decision", "page")])
    built = site(files)
    hits = [f for f in built.analysis.findings if f.rule == "expertise-blog"]
    assert [(f.phase, f.source) for f in hits] == [("decision", None)]
    files = dict([_article(1, "decision"), _article(2, "decision")])
    built = site(files)
    assert "expertise-blog" not in [f.rule for f in built.analysis.findings]


def test_expertise_blog_min_option(site):
    files = dict([_article(1, "decision")])
    built = site(files, JOURNEY_RULES={"expertise-blog": {"min": 1}})
    assert "expertise-blog" not in [f.rule for f in built.analysis.findings]
    built = site(
        files, JOURNEY_RULES={"expertise-blog": {"min": 3, "phase": "aankoop"}}
    )
    hits = [f for f in built.analysis.findings if f.rule == "expertise-blog"]
    assert [f.phase for f in hits] == ["purchase"]
    assert hits[0].message.startswith("0 artikel(en)")


@pytest.mark.parametrize(
    ("model", "phase"), [("5k", "keuren"), ("see-think-do-care", "think")]
)
def test_expertise_blog_default_phase_of_other_models(site, model, phase):
    built = site(dict([_article(1, phase)]), JOURNEY_MODEL=model)
    hits = [f for f in built.analysis.findings if f.rule == "expertise-blog"]
    assert [f.phase for f in hits] == [phase]


CUSTOM = [
    {"id": "zoeken", "label": {"nl": "Zoeken", "en": "Search"}},
    {"id": "huren", "label": {"nl": "Huren", "en": "Rent"}},
]


def test_expertise_blog_skipped_for_custom_model_without_decision(site):
    built = site(dict([_article(1, "zoeken")]), JOURNEY_MODEL=CUSTOM)
    assert built.exit_code == 0, built.log
    assert "expertise-blog" not in [f.rule for f in built.analysis.findings]
    built = site(
        dict([_article(1, "zoeken")]),
        JOURNEY_MODEL=CUSTOM,
        JOURNEY_RULES={"expertise-blog": {"phase": "zoeken"}},
    )
    assert [f.phase for f in built.analysis.findings if f.rule == "expertise-blog"] == [
        "zoeken"
    ]


def test_phase_empty_one_per_phase_drafts_and_translations_do_not_count(site):
    built = site(
        {
            "a.md": "Title: A\nDate: 2026-01-01\nPhase: awareness\nLang: nl\n\nx\n",
            "a-en.md": "Title: A\nDate: 2026-01-01\nPhase: purchase\nLang: en\n"
            "Slug: a\n\nx\n",
            "b.md": "Title: B\nDate: 2026-01-02\nPhase: decision\nStatus: draft\n\nx\n",
        }
    )
    empty = [f.subject for f in built.analysis.findings if f.rule == "phase-empty"]
    assert empty == ["consideration", "decision", "purchase", "experience", "aftercare"]


PERSONAS = {"forens": {"label": "Forens"}, "senior": {"label": "Senior"}}


def test_persona_gap_one_finding_per_persona_and_phase(site):
    files = {
        "a.md": "Title: A\nDate: 2026-01-01\nPhase: awareness\nPersona: forens\n\nx\n",
        "b.md": "Title: B\nDate: 2026-01-02\nPhase: decision\n\nx\n",
    }
    built = site(files, JOURNEY_PERSONAS=PERSONAS)
    gaps = sorted(f.subject for f in built.analysis.findings if f.rule == "persona-gap")
    # decision has general content; the empty phases are phase-empty's.
    assert gaps == ["senior:awareness"]
    built = site(
        files,
        JOURNEY_PERSONAS=PERSONAS,
        JOURNEY_RULES={"persona-gap": {"general": False}, "phase-empty": "off"},
    )
    gaps = {f.subject for f in built.analysis.findings if f.rule == "persona-gap"}
    assert len(gaps) == 11  # 2 personas x 6 phases, minus forens:awareness
    assert "forens:awareness" not in gaps


def test_persona_gap_silent_without_personas(site):
    built = site({"a.md": "Title: A\nDate: 2026-01-01\nPhase: awareness\n\nx\n"})
    assert "persona-gap" not in [f.rule for f in built.analysis.findings]


def test_broken_targets_of_next_malformed_cta_and_settings(site):
    built = site(
        {
            "pages/a.md": "Title: A\nPhase: awareness\nCTA: alleen tekst\n"
            "Next: {filename}b.md, /nergens/, https://example.org/\n\nx\n",
            "pages/b.md": "Title: B\nPhase: decision\nCTA: none\n\nx\n",
        },
        JOURNEY_CTAS={
            "decision": {"label": "Bekijk de reviews", "target": "/reviews/"},
            "aftercare": {"label": "Klik hier", "target": "{filename}/pages/b.md"},
        },
    )
    broken = [
        (f.source, f.subject)
        for f in built.analysis.findings
        if f.rule == "broken-target"
    ]
    assert broken == [
        ("content/pages/a.md", "cta"),
        ("content/pages/a.md", "next:/nergens/"),
        (None, "JOURNEY_CTAS:decision"),
    ]
    settings_msg = next(
        f.message
        for f in built.analysis.findings
        if f.subject == "JOURNEY_CTAS:decision"
    )
    assert "JOURNEY_CTAS['decision']" in settings_msg
    assert "instelling" in settings_msg
    generic = [
        (f.source, f.subject)
        for f in built.analysis.findings
        if f.rule == "generic-cta"
    ]
    assert generic == [(None, "JOURNEY_CTAS:aftercare")]


@pytest.mark.parametrize(
    "label",
    [
        "klik hier",
        "Klik HIER!",
        "Lees meer…",
        "» Read more",
        "Meer informatie",
        "learn more",
        "details",
        "Link",
    ],
)
def test_generic_labels_fold(label):
    from pelican.plugins.journey.rules.ctas import GENERIC_LABELS

    assert fold(label) in GENERIC_LABELS


def test_generic_cta_words_option_and_specific_labels_pass(site):
    files = {
        "pages/a.md": "Title: A\nPhase: awareness\n"
        "CTA: Bekijk ons aanbod | {filename}b.md\n\nx\n",
        "pages/b.md": "Title: B\nPhase: decision\n"
        "CTA: Ontdek meer! | {filename}a.md\n\nx\n",
    }
    built = site(files)
    generic = [f.source for f in built.analysis.findings if f.rule == "generic-cta"]
    assert generic == ["content/pages/b.md"]  # "ontdek meer" is generic
    built = site(files, JOURNEY_RULES={"generic-cta": {"words": ["Bekijk ons aanbod"]}})
    generic = [f.source for f in built.analysis.findings if f.rule == "generic-cta"]
    assert generic == ["content/pages/a.md", "content/pages/b.md"]


def test_rule_options_are_validated(site):
    built = site(
        {"a.md": "Title: A\nDate: 2026-01-01\n\nx\n"},
        JOURNEY_RULES={"expertise-blog": {"minimum": 3}},
    )
    assert built.exit_code == 2
    assert "JOURNEY_RULES['expertise-blog']" in built.log
    assert "'minimum'" in built.log


def test_finding_identity_survives_unrelated_edits(tmp_path):
    from conftest import build_site

    root = tmp_path / "s"
    root.mkdir()
    first = build_site(root, FILES, SETTINGS)
    edited = {
        "pages/onderhoud.md": "Title: Zo houd je je fiets fit\nTouchpoint: brochure\n"
        "Persona: student\nPhase: gebruikservaring\n\nEen nieuwe alinea.\n\n"
        "Andere tekst, langer dan eerst.\n"
    }
    second = build_site(root, edited, SETTINGS)
    assert {f.key for f in first.analysis.findings} == {
        f.key for f in second.analysis.findings
    }


DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def _doc_sections() -> dict[str, str]:
    text = DOCS.read_text(encoding="utf-8")
    parts = re.split(r"^## `([a-z-]+)`\s*$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_registered_rule_has_a_docs_section():
    sections = _doc_sections()
    for rule_id, entry in REGISTRY.items():
        assert rule_id in sections, f"docs/rules.md lacks a section for {rule_id}"
        body = sections[rule_id]
        assert f"Default severity: **{entry.severity}**" in body, rule_id
        assert "**Why.**" in body, rule_id
        assert f"[{rule_id}]" in body, f"{rule_id}: no example finding"
        for option in entry.options:
            assert f"`{option}`" in body, f"{rule_id}: option {option} undocumented"
    assert set(sections) <= set(REGISTRY), "docs describe a rule that does not exist"


def test_every_rule_speaks_dutch_and_english():
    for rule_id, entry in REGISTRY.items():
        assert set(entry.messages) >= {"nl", "en"}, rule_id
    assert check_catalogue() == []
