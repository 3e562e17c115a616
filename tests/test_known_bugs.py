"""Plausible bugs a mutation check of the test suite let through.

Each test here fails when its bug is put back (issue #14): an order number
counted as a phone number, ``phase_level`` taking the nearest phase instead
of the furthest, a default CTA that prefers earlier phases, a fragment target
that becomes the home page's anchor (``test_links.py``), and a translated
site-wide CTA target that links to itself.
"""

from __future__ import annotations

import pytest

from pelican.plugins.journey.rules.coverage import shows_contact
from pelican.plugins.journey.site.graph import phase_level


@pytest.mark.parametrize(
    "text",
    [
        "Bestelnummer 01234567890123",  # 14 digits, starts with 0
        "Ordernummer 0123456789012",
        "Factuur 012345678901",
        "Klantnummer 01234567890",
        "Bestelling 0123-4567-8901-23",
    ],
)
def test_a_long_number_starting_with_0_is_not_a_phone_number(text):
    assert not shows_contact(f"<p>{text}</p>")


@pytest.mark.parametrize(
    "text", ["Bel 010-1234567", "Bel 0101234567", "Bel 0800-1234", "06-12345678"]
)
def test_dutch_phone_numbers_still_count(text):
    assert shows_contact(f"<p>{text}</p>")


def test_an_order_number_does_not_satisfy_aftercare_contact(site):
    built = site(
        {
            "pages/nazorg.md": "Title: Nazorg\nPhase: aftercare\n\n"
            "Noem uw bestelnummer 01234567890123 in uw bericht.\n",
        }
    )
    hits = [f for f in built.analysis.findings if f.rule == "aftercare-contact"]
    assert [(f.source, f.subject) for f in hits] == [
        ("content/pages/nazorg.md", "no-contact")
    ]


def _page(title: str, phases: str, body: str = "x", touchpoint: str = "") -> str:
    lines = [f"Title: {title}", f"Phase: {phases}"]
    if touchpoint:
        lines.append(f"Touchpoint: {touchpoint}")
    return "\n".join(lines) + f"\n\n{body}\n"


def test_a_multi_phase_page_must_link_past_its_furthest_phase(site):
    built = site(
        {
            "pages/twee.md": _page(
                "Twee fasen", "consideration, decision", "[vergelijk]({filename}b.md)"
            ),
            "pages/b.md": _page("Vergelijk", "decision", "[koop]({filename}c.md)"),
            "pages/c.md": _page("Koop", "purchase"),
        },
        JOURNEY_INJECT=False,  # content links only
        JOURNEY_FAIL_ON="never",
    )
    docs = {d.title: d for d in built.analysis.index.documents}
    assert phase_level(docs["Twee fasen"]) == 3  # decision, the furthest
    dead = {f.source for f in built.analysis.findings if f.rule == "dead-end"}
    assert "content/pages/twee.md" in dead  # decision -> decision is no step
    assert "content/pages/b.md" not in dead


def test_the_default_cta_prefers_a_later_phase_to_an_earlier_one(site):
    built = site(
        {
            "pages/kiezen.md": _page("Kiezen", "decision", touchpoint="faq"),
            "pages/vroeg.md": _page("Vroege review", "awareness", touchpoint="review"),
            "pages/laat.md": _page("Late review", "experience", touchpoint="review"),
        },
        JOURNEY_FAIL_ON="never",
    )
    docs = {d.title: d for d in built.analysis.index.documents}
    cta = docs["Kiezen"].cta
    assert cta is not None
    assert cta.origin == "default"
    assert cta.target.document is docs["Late review"]


TRANSLATED = {
    "pages/contact.md": "Title: Contact\nSlug: contact\nPhase: aftercare\n"
    "Touchpoint: contact\n\nBel 010-1234567.\n",
    "pages/contact-en.md": "Title: Contact us\nSlug: contact\nLang: en\n"
    "Phase: aftercare\nTouchpoint: contact\n\nCall 010-1234567.\n",
    "pages/service.md": "Title: Service\nSlug: service\nPhase: aftercare\n\nx\n",
    "pages/service-en.md": "Title: Service EN\nSlug: service\nLang: en\n"
    "Phase: aftercare\n\nx\n",
}


def test_a_translated_site_cta_target_never_links_to_itself(site):
    built = site(
        TRANSLATED,
        JOURNEY_CTAS={
            "aftercare": {"label": "Bel ons", "target": "{filename}pages/contact.md"}
        },
        JOURNEY_FAIL_ON="never",
    )
    docs = {d.title: d for d in built.analysis.index.documents}
    assert docs["Contact us"].original is docs["Contact"]
    for title in ("Contact", "Contact us"):
        cta = docs[title].cta
        target = cta.target.document if cta is not None else None
        assert target is not docs[title], f"{title}: CTA links to itself"
        assert cta is None or cta.origin != "site", title
    # The other pages get the site CTA, in their own language.
    assert docs["Service"].cta.origin == "site"
    assert docs["Service"].cta.target.document is docs["Contact"]
    assert docs["Service EN"].cta.origin == "site"
    assert docs["Service EN"].cta.target.document is docs["Contact us"]
