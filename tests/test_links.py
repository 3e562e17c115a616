"""The one link resolver (site/links.py), used by CTAs, next steps and the graph.

Built once for the module: a real Pelican site with ``SITEURL`` set, targets
that must not become links, and Pelican's own link forms.
"""

from __future__ import annotations

import pytest

from pelican.plugins.journey.site.graph import build_graph
from pelican.plugins.journey.site.links import resolve

SITEURL = "https://fiets.example"
BAD_TARGETS = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<b>x</b>",
    "vbscript:msgbox(1)",
)

FILES = {
    "tips.md": """
        Title: Tips
        Date: 2026-01-01
        Category: Blog
        Tags: ketting
        Phase: awareness
        CTA: Bekijk de prijzen | #prijzen

        Een artikel. [Alles over de blog]({category}Blog)
    """,
    "vergelijk.md": """
        Title: Vergelijk
        Date: 2026-01-02
        Category: Blog
        Phase: consideration
        CTA: Naar de winkel | https://[shop.example.com

        Vergelijken.
    """,
    "pages/contact.md": """
        Title: Contact
        Phase: aftercare
        Touchpoint: contact

        Bel 010-1234567.
    """,
    "pages/slecht.md": f"""
        Title: Slecht
        Phase: decision
        CTA: Klik | {BAD_TARGETS[0]}
        Next: {BAD_TARGETS[1]}, {{filename}}contact.md

        Niets.
    """,
    "pages/ook-slecht.md": f"""
        Title: Ook slecht
        Phase: decision
        CTA: Bekijk | {BAD_TARGETS[2]}

        Niets.
    """,
    "pages/winkel.md": f"""
        Title: Winkel
        Phase: purchase
        CTA: Bestel | {BAD_TARGETS[3]}

        Niets.
    """,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import build_site

    root = tmp_path_factory.mktemp("links")
    return build_site(
        root,
        FILES,
        {
            "SITEURL": SITEURL,
            "JOURNEY_FAIL_ON": "never",
            "JOURNEY_CTAS": {
                "experience": {
                    "label": "Onze winkel",
                    "target": "https://[shop.example.com",
                },
                "consideration": {"label": "Vraag het ons", "target": "vbscript:x"},
            },
        },
    )


def _doc(built, title):
    return next(d for d in built.analysis.index.documents if d.title == title)


def _broken(built) -> dict[tuple[str | None, str], str]:
    return {
        (f.source, f.subject): f.message
        for f in built.analysis.findings
        if f.rule == "broken-target"
    }


def _all_html(built) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(built.output.rglob("*.html"))
    )


def test_the_build_survives_bad_targets(built):
    assert built.exit_code == 0, built.log
    assert "Traceback" not in built.log
    assert "ValueError" not in built.log


@pytest.mark.parametrize("raw", [*BAD_TARGETS, " javascript:alert(1)", "ftp://x.nl"])
def test_only_web_mail_and_phone_schemes_are_links(built, raw):
    assert resolve(raw, built.analysis.index) is None


def test_scripts_and_data_in_metadata_are_broken_targets_never_links(built):
    broken = _broken(built)
    assert ("content/pages/slecht.md", f"cta:{BAD_TARGETS[0]}") in broken
    assert ("content/pages/slecht.md", f"next:{BAD_TARGETS[1]}") in broken
    assert ("content/pages/ook-slecht.md", f"cta:{BAD_TARGETS[2]}") in broken
    assert ("content/pages/winkel.md", f"cta:{BAD_TARGETS[3]}") in broken
    assert (None, "JOURNEY_CTAS:consideration") in broken
    for doc in built.analysis.index.documents:
        if doc.cta is not None:
            assert doc.cta.target.url.split(":")[0] not in {
                "javascript",
                "data",
                "vbscript",
            }
    html = _all_html(built).casefold()
    for bad in ("javascript:", "vbscript:", "data:text/html"):
        assert bad not in html


def test_an_unparsable_url_is_a_finding_not_a_crash(built):
    assert resolve("https://[shop.example.com", built.analysis.index) is None
    broken = _broken(built)
    assert ("content/vergelijk.md", "cta:https://[shop.example.com") in broken
    assert (None, "JOURNEY_CTAS:experience") in broken


def test_a_fragment_target_is_an_anchor_on_its_own_page(built):
    tips = _doc(built, "Tips")
    assert tips.cta is not None
    assert tips.cta.target.url == "tips.html#prijzen"
    assert tips.cta.target.link == "{filename}/tips.md#prijzen"
    html = _all_html(built)
    assert 'href="#prijzen"' not in html  # would be the anchor of any page
    assert f'href="{SITEURL}/#prijzen"' not in html  # the home page's anchor
    assert f'href="{SITEURL}/tips.html#prijzen"' in built.html("tips.html")
    # Without a page to anchor on (JOURNEY_CTAS), a fragment leads nowhere.
    assert resolve("#prijzen", built.analysis.index) is None


def test_siteurl_absolute_targets_are_checked_against_the_site(built):
    index = built.analysis.index
    target = resolve(f"{SITEURL}/pages/contact.html#open", index)
    assert target is not None
    assert not target.external
    assert target.document is _doc(built, "Contact")
    assert target.url == "pages/contact.html#open"
    assert resolve(f"{SITEURL}/pages/nergens.html", index) is None


def test_queries_and_fragments_are_kept_not_looked_up(built):
    target = resolve("/pages/contact.html?via=cta#open", built.analysis.index)
    assert target.document is _doc(built, "Contact")
    assert target.url == "pages/contact.html?via=cta#open"
    assert target.link == "{filename}/pages/contact.md?via=cta#open"


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        ("{index}", ""),
        ("{category}Blog", "category/blog.html"),
        ("{category}blog", "category/blog.html"),
        ("{tag}ketting", "tag/ketting.html"),
    ],
)
def test_pelican_listing_links_resolve(built, raw, url):
    target = resolve(raw, built.analysis.index)
    assert target is not None
    assert target.url == url
    assert target.link == raw  # Pelican itself writes the URL


@pytest.mark.parametrize("raw", ["{category}Nergens", "{tag}nergens", "{author}x"])
def test_unknown_listings_lead_nowhere(built, raw):
    assert resolve(raw, built.analysis.index) is None


@pytest.mark.parametrize(
    "raw", ["//cdn.example/x.js", "HTTPS://example.org", "mailto:a@b.nl", "tel:010"]
)
def test_external_links(built, raw):
    target = resolve(raw, built.analysis.index)
    assert target is not None
    assert target.external


def test_the_graph_uses_the_same_resolver(built):
    index = built.analysis.index
    graph = build_graph(index)
    tips = _doc(built, "Tips")
    category = resolve("{category}Blog", index)
    assert category.node in graph.targets(tips, ["content"])
    assert index.links.node("{category}Blog", tips) == category.node
    assert index.links.node("javascript:alert(1)", tips) is None
