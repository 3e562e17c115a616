"""Rules about text left from ``pelican-journey init``."""

from __future__ import annotations

from collections.abc import Iterator

from . import Hit, RuleContext, rule

# The comment every starter text carries (Markdown keeps it in the HTML), and
# the visible hints next to each placeholder.
MARKER = "pelican-journey:starter"
HINTS = ("[vervang deze tekst]", "[replace this text]")


def has_starter_text(html: str, title: str) -> bool:
    """Whether a document's rendered content or title still holds starter text."""
    if MARKER in html:
        return True
    folded = f"{title}\n{html}".casefold()
    return any(hint in folded for hint in HINTS)


@rule(
    "starter-text",
    severity="warning",
    messages={
        "nl": "starttekst van 'pelican-journey init' nog niet vervangen "
        "([vervang deze tekst], <!-- pelican-journey:starter -->)",
        "en": "starter text from 'pelican-journey init' not yet replaced "
        "([replace this text], <!-- pelican-journey:starter -->)",
    },
    doc="Placeholder text written by `pelican-journey init` (marked with the "
    "comment `<!-- pelican-journey:starter -->` and visible '[replace this "
    "text]' hints) that was never replaced: a scaffold must not be published "
    "unread. The production settings of a new site fail on warnings, so its "
    "strict build passes only once every starter text is gone.",
)
def starter_text(context: RuleContext) -> Iterator[Hit]:
    for doc in context.index.documents:
        if doc.status != "draft" and has_starter_text(doc.html, doc.title):
            yield Hit("starter", {}, doc, quote=MARKER)
