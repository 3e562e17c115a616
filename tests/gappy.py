"""A deliberately gappy test site, shared by the rules, reports and CLI tests.

Gaps: no purchase content (only a draft), an aftercare page without contact
details, one expert article, a generic CTA label, a CTA to a page that does
not exist, an unknown touchpoint and persona, an untagged page.
"""

from __future__ import annotations

FILES = {
    "blog/ketting.md": """
        Title: Vijf tekenen dat je ketting op is
        Date: 2026-01-05
        Category: Tips
        Phase: bewustwording
        Persona: forens

        Een piepende ketting is geen karakter.
    """,
    "blog/vergelijk.md": """
        Title: Welke e-bike past bij jou?
        Date: 2026-01-06
        Category: Tips
        Phase: besluitvorming

        Middenmotor of voorwielmotor: zo kies je.
    """,
    "blog/prijzen.md": """
        Title: Onze prijzen
        Date: 2026-01-07
        Status: draft
        Phase: aankoop

        Nog niet af.
    """,
    "pages/diensten.md": """
        Title: Diensten
        Phase: overweging
        Touchpoint: service
        CTA: Lees meer… | {filename}service.md

        Reparatie, onderhoud en advies.
    """,
    "pages/reviews.md": """
        Title: Wat klanten zeggen
        Phase: besluitvorming
        Touchpoint: review
        CTA: Plan een proefrit | {filename}/pages/proefrit.md

        Vier sterren en een half.
    """,
    "pages/onderhoud.md": """
        Title: Zo houd je je fiets fit
        Phase: gebruikservaring
        Persona: student
        Touchpoint: brochure

        Olie op de ketting, lucht in de banden.
    """,
    "pages/service.md": """
        Title: Service en nazorg
        Phase: nazorg

        We helpen je graag verder na je aankoop.
    """,
    "pages/over-ons.md": """
        Title: Over ons
        Touchpoint: contact

        Sinds 1998 in de Spaakstraat.
    """,
}

SETTINGS = {"JOURNEY_PERSONAS": {"forens": {"label": "Forens"}}}

# (rule, severity, source, phase) of every finding the site must give.
EXPECTED = sorted(
    [
        ("unknown-persona", "error", "content/pages/onderhoud.md", None),
        ("unknown-touchpoint", "error", "content/pages/onderhoud.md", None),
        ("untagged", "warning", "content/pages/over-ons.md", None),
        ("broken-target", "error", "content/pages/reviews.md", "decision"),
        ("generic-cta", "warning", "content/pages/diensten.md", "consideration"),
        ("phase-empty", "warning", None, "purchase"),
        ("aftercare-contact", "warning", "content/pages/service.md", "aftercare"),
        ("expertise-blog", "warning", None, "decision"),
    ],
    key=str,
)


def observed(report: dict) -> list[tuple]:
    """The findings of a ``report.json`` as comparable tuples."""
    return sorted(
        (
            (f["rule"], f["severity"], f["source"], f["phase"])
            for f in report["findings"]
        ),
        key=str,
    )


CONF = """\
SITENAME = "Gaten"
PATH = "content"
TIMEZONE = "Europe/Amsterdam"
DEFAULT_LANG = "nl"
PLUGINS = ["journey"]
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
"""


def write_site(root, files=None, **settings) -> None:
    """A site folder with ``pelicanconf.py``, as a user has it, for the CLI."""
    from conftest import write_files

    write_files(root / "content", FILES if files is None else files)
    lines = [CONF, *(f"{key} = {value!r}\n" for key, value in settings.items())]
    (root / "pelicanconf.py").write_text("".join(lines), encoding="utf-8")
