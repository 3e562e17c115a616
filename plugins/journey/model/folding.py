"""Text folded for comparison: one function for every place that compares words."""

from __future__ import annotations

import unicodedata


def plain(value: str) -> str:
    """``value`` in lower case (``casefold``) without accents: "Één" is "een"."""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()
