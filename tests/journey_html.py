"""Shared by the CTA and injection tests: a tagged site and HTML checks.

The checks parse the pages a build wrote (tests only: the plugin itself never
parses written pages).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

# A small bicycle shop: every phase has content, every tagged page has a
# fitting CTA target, two pages are untagged, two articles have English
# translations.
SITE = {
    "tips.md": """
        Title: Vijf tekenen dat je ketting op is
        Date: 2026-01-05
        Slug: tips
        Phase: awareness
        Touchpoint: blog

        Een kort artikel over kettingen.
    """,
    "tips-en.md": """
        Title: Five signs your chain is worn
        Date: 2026-01-05
        Slug: tips
        Lang: en
        Phase: awareness
        Touchpoint: blog

        A short article about chains.
    """,
    "poetsen.md": """
        Title: Zo poets je je fiets
        Date: 2026-01-06
        Phase: awareness
        Touchpoint: guide

        Emmer, spons, klaar.
    """,
    "vergelijk.md": """
        Title: Welke e-bike past bij jou?
        Date: 2026-01-07
        Slug: vergelijk
        Phase: consideration
        Touchpoint: product

        Stad, toer of bakfiets.
    """,
    "vergelijk-en.md": """
        Title: Which e-bike suits you?
        Date: 2026-01-07
        Slug: vergelijk
        Lang: en
        Phase: consideration
        Touchpoint: product

        City, touring or cargo.
    """,
    "reviews.md": """
        Title: Drie klanten over hun nieuwe fiets
        Date: 2026-01-08
        Phase: decision
        Touchpoint: review

        Ze zijn tevreden.
    """,
    "expert.md": """
        Title: Waar let je op bij een proefrit?
        Date: 2026-01-09
        Phase: decision
        Touchpoint: blog

        Tips van de monteur.
    """,
    "los.md": """
        Title: Nieuws zonder fase
        Date: 2026-01-10

        Geen fase.
    """,
    "pages/reparatie.md": """
        Title: Onze reparatieservice
        Phase: consideration
        Touchpoint: service

        Wij repareren alles.
    """,
    "pages/klanten.md": """
        Title: Wat klanten zeggen
        Phase: decision
        Touchpoint: review

        Een 9,1 gemiddeld.
    """,
    "pages/afspraak.md": """
        Title: Maak een afspraak
        Phase: purchase
        Touchpoint: booking

        Kies een tijd.
    """,
    "pages/prijzen.md": """
        Title: Prijzen
        Phase: purchase
        Touchpoint: pricing

        Onderhoudsbeurt 79 euro.
    """,
    "pages/gebruik.md": """
        Title: Eerste rit met je e-bike
        Phase: experience
        Touchpoint: guide

        Accu opladen.
    """,
    "pages/onderhoud.md": """
        Title: Onderhoud plannen
        Phase: aftercare
        Touchpoint: service

        Elk jaar een beurt.
    """,
    "pages/contact.md": """
        Title: Contact
        Phase: aftercare
        Touchpoint: contact

        Bel 010-1234567 of mail <info@spaak.example>.
    """,
    "pages/over-ons.md": """
        Title: Over ons

        Geen fase.
    """,
}

# Output file -> (primary phase, output file the default CTA leads to).
EXPECTED = {
    "tips.html": ("awareness", "zo-poets-je-je-fiets.html"),
    "tips-en.html": ("awareness", "zo-poets-je-je-fiets.html"),
    "zo-poets-je-je-fiets.html": ("awareness", "tips.html"),
    "vergelijk.html": ("consideration", "pages/onze-reparatieservice.html"),
    "vergelijk-en.html": ("consideration", "pages/onze-reparatieservice.html"),
    "drie-klanten-over-hun-nieuwe-fiets.html": (
        "decision",
        "pages/wat-klanten-zeggen.html",
    ),
    # Two review pages: the dated article sorts before the page.
    "waar-let-je-op-bij-een-proefrit.html": (
        "decision",
        "drie-klanten-over-hun-nieuwe-fiets.html",
    ),
    "pages/onze-reparatieservice.html": ("consideration", "vergelijk.html"),
    "pages/wat-klanten-zeggen.html": (
        "decision",
        "drie-klanten-over-hun-nieuwe-fiets.html",
    ),
    "pages/maak-een-afspraak.html": ("purchase", "pages/prijzen.html"),
    "pages/prijzen.html": ("purchase", "pages/maak-een-afspraak.html"),
    "pages/eerste-rit-met-je-e-bike.html": ("experience", "pages/contact.html"),
    "pages/onderhoud-plannen.html": ("aftercare", "pages/contact.html"),
    "pages/contact.html": ("aftercare", "pages/onderhoud-plannen.html"),
}
UNTAGGED = ("nieuws-zonder-fase.html", "pages/over-ons.html")

# What a third-party theme from PyPI needs besides the plugin's settings.
REFLEX = {
    "THEME": "reflex",
    "AUTHOR": "Fietsmakerij De Spaak",
    "CC_LICENSE": {"name": "CC BY", "version": "4.0", "slug": "by", "icon": False},
}


def parse(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def blocks(tree: lxml.html.HtmlElement, name: str) -> list[lxml.html.HtmlElement]:
    """Elements with the CSS class ``name`` (e.g. ``journey-cta``)."""
    return tree.xpath(
        f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
    )


def hrefs(element: lxml.html.HtmlElement) -> list[str]:
    return [a.get("href") for a in element.iter("a")]


def target_file(output: Path, page: str, href: str, siteurl: str = "") -> Path | None:
    """The written file ``href`` on output page ``page`` leads to; None if external.

    Raises AssertionError for a link that leads to nothing the build wrote.
    """
    if siteurl and href.startswith(siteurl + "/"):
        href = href[len(siteurl) :]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        assert parts.scheme in {"http", "https", "mailto", "tel"}, href
        return None
    assert "{" not in href and "|" not in href, f"unresolved link {href!r}"
    path = unquote(parts.path)
    if path.startswith("/"):
        resolved = path.lstrip("/")
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    assert not resolved.startswith(".."), f"{href!r} on {page} leaves the site"
    if resolved in {"", "."} or resolved.endswith("/"):
        resolved = posixpath.join(resolved, "index.html")
    target = output / resolved
    assert target.is_file(), f"{href!r} on {page} leads to missing {resolved}"
    return target


def written_pages(output: Path) -> list[str]:
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))
