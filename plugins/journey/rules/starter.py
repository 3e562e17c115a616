"""Rules about text left from ``pelican-journey init``."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.text import STARTER_HINTS as HINTS
from ..model.text import STARTER_MARKER as MARKER
from . import Hit, RuleContext, rule


def has_starter_text(html: str, title: str) -> bool:
    """Whether a document's rendered content or title still holds starter text."""
    if MARKER in html:
        return True
    # Each hint starts with "[", which nothing else casefolds to: a page
    # without one is not folded at all.
    if _OPENERS.isdisjoint(title) and not any(c in html for c in _OPENERS):
        return False
    folded = f"{title}\n{html}".casefold()
    return any(hint in folded for hint in HINTS)


_OPENERS = frozenset(hint[0] for hint in HINTS)


@rule(
    "starter-text",
    summary="placeholder text from `pelican-journey init` left in",
    example={"source": "content/pages/contact.md"},
    severity="warning",
    messages={
        "nl": "starttekst van 'pelican-journey init' nog niet vervangen "
        "([vervang deze tekst], <!-- pelican-journey:starter -->)",
        "en": "starter text from 'pelican-journey init' not yet replaced "
        "([replace this text], <!-- pelican-journey:starter -->)",
    },
    doc="`pelican-journey init` fills a new site with placeholder text so it\n"
    "builds and covers every phase at once. Each placeholder carries the comment\n"
    "`<!-- pelican-journey:starter -->` (Markdown keeps it in the rendered content)\n"
    "and visible **[vervang deze tekst]** / **[replace this text]** hints. A page\n"
    "whose rendered content or title still holds the marker or a hint is reported,\n"
    "so a scaffold is never published unread: the new site's `publishconf.py` has\n"
    '`JOURNEY_FAIL_ON = "warning"`, so its production build fails until every\n'
    "starter text is replaced. Drafts are not checked.",
)
def starter_text(context: RuleContext) -> Iterator[Hit]:
    for doc in context.index.documents:
        if doc.status != "draft" and has_starter_text(doc.html, doc.title):
            yield Hit("starter", {}, doc, quote=MARKER)
