"""Which CTA and next steps each page gets: defaults, overrides, languages."""

from __future__ import annotations

import pytest
from journey_html import SITE, blocks, hrefs, parse, target_file


def cta_of(built, page: str, siteurl: str = "") -> tuple[str, str, str] | None:
    """(phase, link target or external URL, label) of the page's CTA, if any."""
    tree = parse(built.output / page)
    found = blocks(tree, "journey-cta")
    if not found:
        return None
    assert len(found) == 1, page
    (link,) = found[0].iter("a")
    target = target_file(built.output, page, link.get("href"), siteurl)
    where = target.relative_to(built.output).as_posix() if target else link.get("href")
    return found[0].get("data-journey-phase"), where, link.text_content().strip()


def next_of(built, page: str) -> list[str]:
    tree = parse(built.output / page)
    found = blocks(tree, "journey-next")
    if not found:
        return []
    assert len(found) == 1, page
    targets = [target_file(built.output, page, h) for h in hrefs(found[0])]
    return [t.relative_to(built.output).as_posix() for t in targets if t]


def with_meta(source: str, *lines: str) -> str:
    """A SITE source with extra metadata lines after its title."""
    head, _, rest = source.lstrip("\n").partition("\n")
    return "\n".join([head, *(" " * 8 + line for line in lines), rest])


@pytest.fixture
def built(site):
    return site(SITE, JOURNEY_FAIL_ON="never")


def test_default_labels_say_what_the_target_gives(built):
    # A guide: its title says what the visitor gets there.
    assert cta_of(built, "tips.html") == (
        "awareness",
        "zo-poets-je-je-fiets.html",
        "Lees de uitleg: Zo poets je je fiets",
    )
    assert cta_of(built, "pages/onderhoud-plannen.html") == (
        "aftercare",
        "pages/contact.html",
        "Neem contact met ons op",
    )
    assert cta_of(built, "pages/prijzen.html") == (
        "purchase",
        "pages/maak-een-afspraak.html",
        "Maak een afspraak of reserveer",
    )


def test_cta_question_labels_the_aside(built):
    tree = parse(built.output / "drie-klanten-over-hun-nieuwe-fiets.html")
    (aside,) = blocks(tree, "journey-cta")
    (question,) = aside.xpath(f".//*[@id='{aside.get('aria-labelledby')}']")
    assert question.text_content() == "Wat is het beste?"


def test_template_data_matches_the_chosen_cta(built):
    doc = next(d for d in built.analysis.index.documents if d.key == "tips.md")
    cta = doc.content.journey.cta
    assert (cta.label, cta.url, cta.phase.id, cta.external) == (
        "Lees de uitleg: Zo poets je je fiets",
        "zo-poets-je-je-fiets.html",
        "awareness",
        False,
    )
    assert cta.link == "{filename}/poetsen.md"
    assert [n.title for n in doc.content.journey.next] == [
        "Welke e-bike past bij jou?",
        "Onze reparatieservice",
    ]
    untagged = next(d for d in built.analysis.index.documents if d.key == "los.md")
    assert untagged.content.journey.cta is None
    assert untagged.content.journey.next == []


def test_never_the_page_itself_and_none_without_a_fitting_page(site):
    built = site(
        {
            "pages/contact.md": SITE["pages/contact.md"],
            "pages/gebruik.md": SITE["pages/gebruik.md"],
        },
        JOURNEY_FAIL_ON="never",
    )
    # The only aftercare target is the page itself: no CTA at all.
    assert cta_of(built, "pages/contact.html") is None
    # The experience page has no other guide/faq/blog page to point at: the
    # first later phase with content is aftercare, and the label says what
    # the visitor gets there.
    assert cta_of(built, "pages/eerste-rit-met-je-e-bike.html") == (
        "experience",
        "pages/contact.html",
        "Neem contact met ons op",
    )
    # The next phase with content is aftercare.
    assert next_of(built, "pages/eerste-rit-met-je-e-bike.html") == [
        "pages/contact.html"
    ]
    assert next_of(built, "pages/contact.html") == []


def test_page_cta_overrides_site_and_default(site):
    files = dict(SITE)
    files["tips.md"] = with_meta(
        SITE["tips.md"], "CTA: Plan een proefrit | {filename}/pages/afspraak.md"
    )
    files["expert.md"] = with_meta(
        SITE["expert.md"], "CTA: Bel de werkplaats | tel:+31101234567"
    )
    built = site(
        files,
        JOURNEY_FAIL_ON="never",
        JOURNEY_CTAS={
            "awareness": {"label": "Lees ons blog", "target": "{filename}/expert.md"}
        },
    )
    assert cta_of(built, "tips.html") == (
        "awareness",
        "pages/maak-een-afspraak.html",
        "Plan een proefrit",
    )
    assert cta_of(built, "waar-let-je-op-bij-een-proefrit.html") == (
        "decision",
        "tel:+31101234567",
        "Bel de werkplaats",
    )
    # The other awareness page takes the site-wide CTA.
    assert cta_of(built, "zo-poets-je-je-fiets.html") == (
        "awareness",
        "waar-let-je-op-bij-een-proefrit.html",
        "Lees ons blog",
    )


def test_site_cta_overrides_the_default_of_its_phase(site):
    built = site(
        SITE,
        JOURNEY_FAIL_ON="never",
        JOURNEY_CTAS={
            "besluitvorming": {
                "label": "Vraag een offerte aan",
                "target": "https://offerte.example/fiets",
            },
            "aftercare": {
                "label": "Plan je onderhoudsbeurt",
                "target": "{filename}/pages/onderhoud.md",
            },
        },
    )
    for page in (
        "drie-klanten-over-hun-nieuwe-fiets.html",
        "pages/wat-klanten-zeggen.html",
    ):
        assert cta_of(built, page) == (
            "decision",
            "https://offerte.example/fiets",
            "Vraag een offerte aan",
        )
    assert cta_of(built, "pages/contact.html") == (
        "aftercare",
        "pages/onderhoud-plannen.html",
        "Plan je onderhoudsbeurt",
    )
    # On the page the site CTA points at, the default takes over.
    assert cta_of(built, "pages/onderhoud-plannen.html") == (
        "aftercare",
        "pages/contact.html",
        "Neem contact met ons op",
    )
    # Other phases keep their defaults.
    assert cta_of(built, "tips.html")[2] == "Lees de uitleg: Zo poets je je fiets"


def test_cta_none_removes_only_the_cta(site):
    files = dict(SITE)
    files["tips.md"] = with_meta(SITE["tips.md"], "CTA: none")
    built = site(files, JOURNEY_FAIL_ON="never")
    assert cta_of(built, "tips.html") is None
    assert next_of(built, "tips.html") == [
        "vergelijk.html",
        "pages/onze-reparatieservice.html",
    ]
    # The translation has no CTA line of its own: the original's "none" holds.
    assert cta_of(built, "tips-en.html") is None
    assert cta_of(built, "zo-poets-je-je-fiets.html") is not None


@pytest.mark.parametrize(
    "target",
    [
        "{filename}/pages/bestaat-niet.md",
        "/pages/bestaat-niet.html",
        "{filename}/concept.md",
    ],
)
def test_broken_page_target_gives_no_cta(site, target):
    files = dict(SITE)
    files["concept.md"] = "Title: Concept\nDate: 2026-01-01\nStatus: draft\n\nx\n"
    files["tips.md"] = with_meta(SITE["tips.md"], f"CTA: Lees de gids | {target}")
    built = site(files, JOURNEY_FAIL_ON="never")
    assert built.exit_code == 0
    assert "Traceback" not in built.log
    assert cta_of(built, "tips.html") is None
    assert "bestaat-niet" not in built.html("tips.html")
    # Next steps stay.
    assert next_of(built, "tips.html")


def test_malformed_page_cta_gives_no_cta(site):
    files = dict(SITE)
    files["tips.md"] = with_meta(SITE["tips.md"], "CTA: Lees de gids")
    built = site(files, JOURNEY_FAIL_ON="never")
    assert cta_of(built, "tips.html") is None


def test_broken_site_target_gives_no_cta_for_its_phase(site):
    built = site(
        SITE,
        JOURNEY_FAIL_ON="never",
        JOURNEY_CTAS={
            "aftercare": {"label": "Bel ons", "target": "{filename}/pages/weg.md"}
        },
    )
    assert cta_of(built, "pages/contact.html") is None
    assert cta_of(built, "pages/onderhoud-plannen.html") is None
    assert cta_of(built, "tips.html") is not None


def test_next_metadata_replaces_the_next_steps(site):
    files = dict(SITE)
    files["tips.md"] = with_meta(
        SITE["tips.md"],
        "Next: {filename}/pages/contact.md, /pages/prijzen.html, "
        "{filename}bestaat-niet.md, https://elders.example/, {filename}tips.md",
    )
    files["poetsen.md"] = with_meta(SITE["poetsen.md"], "Next: none")
    built = site(files, JOURNEY_FAIL_ON="never")
    # In the given order; unresolved, external and the page itself left out.
    assert next_of(built, "tips.html") == ["pages/contact.html", "pages/prijzen.html"]
    assert next_of(built, "zo-poets-je-je-fiets.html") == []
    # The English translation takes the original's Next.
    assert next_of(built, "tips-en.html") == [
        "pages/contact.html",
        "pages/prijzen.html",
    ]


def test_next_steps_order_and_count(site):
    files = {
        "a.md": "Title: Begin\nDate: 2026-01-01\nPhase: awareness\n\nx\n",
        "b-oud.md": "Title: Oud\nDate: 2025-01-01\nPhase: consideration\n\nx\n",
        "b-nieuw.md": "Title: Nieuw\nDate: 2026-02-01\nPhase: consideration\n\nx\n",
        "b-eerst.md": (
            "Title: Eerst\nDate: 2024-01-01\nPhase: consideration\n"
            "Journey_order: 1\n\nx\n"
        ),
        "pages/b-pagina.md": "Title: Aardig\nPhase: consideration\n\nx\n",
        "pages/b-pagina2.md": "Title: Zeker\nPhase: consideration\n\nx\n",
        "concept.md": "Title: Concept\nDate: 2026-03-01\nStatus: draft\n"
        "Phase: consideration\n\nx\n",
    }
    built = site(files, JOURNEY_FAIL_ON="never", JOURNEY_NEXT_COUNT=5)
    # journey_order first, then newest date, then title; drafts never.
    assert next_of(built, "begin.html") == [
        "eerst.html",
        "nieuw.html",
        "oud.html",
        "pages/aardig.html",
        "pages/zeker.html",
    ]
    built = site(files, JOURNEY_FAIL_ON="never", JOURNEY_NEXT_COUNT=2)
    assert next_of(built, "begin.html") == ["eerst.html", "nieuw.html"]
    built = site(files, JOURNEY_FAIL_ON="never", JOURNEY_NEXT_COUNT=0)
    assert next_of(built, "begin.html") == []


def test_next_skips_phases_without_content(site):
    files = {
        "a.md": "Title: Begin\nDate: 2026-01-01\nPhase: awareness\n\nx\n",
        "pages/contact.md": "Title: Contact\nPhase: aftercare\nTouchpoint: contact\n"
        "\nBel ons.\n",
    }
    built = site(files, JOURNEY_FAIL_ON="never")
    assert next_of(built, "begin.html") == ["pages/contact.html"]
    # An untagged contact page still fits the aftercare CTA of other pages.
    files["pages/contact.md"] = "Title: Contact\nTouchpoint: contact\n\nBel ons.\n"
    files["pages/nazorg.md"] = "Title: Nazorg\nPhase: aftercare\n\nHulp.\n"
    built = site(files, JOURNEY_FAIL_ON="never")
    assert cta_of(built, "pages/nazorg.html")[1] == "pages/contact.html"


def test_translations_get_their_language(built):
    assert cta_of(built, "tips-en.html") == (
        "awareness",
        "zo-poets-je-je-fiets.html",
        "Read the guide: Zo poets je je fiets",
    )
    # Next steps lead to the English version where there is one.
    assert next_of(built, "tips-en.html") == [
        "vergelijk-en.html",
        "pages/onze-reparatieservice.html",
    ]
    tree = parse(built.output / "tips-en.html")
    (nav,) = blocks(tree, "journey-next")
    assert nav.get("aria-label") == "Next step"
    assert nav.findtext("h2") == "Next step"
    (question,) = blocks(tree, "journey-cta__question")
    assert question.text_content() == "Do I need it?"


def test_page_cta_target_follows_the_page_language(site):
    files = dict(SITE)
    files["tips-en.md"] = with_meta(
        SITE["tips-en.md"], "CTA: Compare e-bikes | {filename}/vergelijk.md"
    )
    built = site(files, JOURNEY_FAIL_ON="never")
    assert cta_of(built, "tips-en.html") == (
        "awareness",
        "vergelijk-en.html",
        "Compare e-bikes",
    )


@pytest.mark.parametrize(
    ("model", "phase", "label"),
    [
        ("5k", "kiezen", {"Request a quote", "See the prices"}),
        ("see-think-do-care", "care", {"Get in touch with us"}),
    ],
)
def test_other_models_have_default_ctas_in_english(site, model, phase, label):
    built = site(
        {
            "pages/a.md": f"Title: A\nPhase: {phase}\nTouchpoint: quote\n\nx\n",
            "pages/b.md": f"Title: B\nPhase: {phase}\nTouchpoint: contact\n\nx\n",
            "pages/c.md": f"Title: C\nPhase: {phase}\nTouchpoint: pricing\n\nx\n",
        },
        JOURNEY_FAIL_ON="never",
        JOURNEY_MODEL=model,
        DEFAULT_LANG="en",
    )
    ctas = {p: cta_of(built, f"pages/{p}.html") for p in "abc"}
    assert {c[2] for c in ctas.values() if c} == label
    assert all(c[0] == phase for c in ctas.values() if c)


def test_cta_label_is_escaped(site):
    files = dict(SITE)
    files["tips.md"] = with_meta(
        SITE["tips.md"], "CTA: Prijzen <& voorwaarden> | {filename}/pages/prijzen.md"
    )
    built = site(files, JOURNEY_FAIL_ON="never")
    assert cta_of(built, "tips.html")[2] == "Prijzen <& voorwaarden>"
    assert "Prijzen &lt;&amp; voorwaarden&gt;" in built.html("tips.html")


def test_static_and_fragment_targets(site, tmp_path):
    files = dict(SITE)
    files["tips.md"] = with_meta(
        SITE["tips.md"],
        "CTA: Download de prijslijst (pdf) | {static}/files/prijzen.pdf",
    )
    files["poetsen.md"] = with_meta(
        SITE["poetsen.md"],
        "CTA: Bekijk onze openingstijden | {filename}pages/contact.md#open",
    )
    files["files/prijzen.pdf"] = "%PDF-1.4\n"
    built = site(files, JOURNEY_FAIL_ON="never", STATIC_PATHS=["files"])
    assert cta_of(built, "tips.html") == (
        "awareness",
        "files/prijzen.pdf",
        "Download de prijslijst (pdf)",
    )
    assert cta_of(built, "zo-poets-je-je-fiets.html")[1] == "pages/contact.html"
    assert 'href="/pages/contact.html#open"' in built.html("zo-poets-je-je-fiets.html")
