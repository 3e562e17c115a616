"""``show(value)``: a setting's value for a one-line message, whatever it is.

``repr`` fails on hostile values: an integer of thousands of digits raises
``ValueError``, a list nested thousands deep raises ``RecursionError``, and a
huge dict makes a message of megabytes. ``show`` gives ``repr`` for ordinary
values and a shortened, always printable form for the rest.
"""

from __future__ import annotations

import reprlib
from typing import Any

MAX_CHARS = 200

_SHORT = reprlib.Repr()
_SHORT.maxlevel = 3
_SHORT.maxstring = 80
_SHORT.maxother = 80
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = _SHORT.maxset = 6


class _Short(reprlib.Repr):
    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > 1000:
            return f"<a whole number of {int(x.bit_length() * 0.30103) + 1} digits>"
        return super().repr_int(x, level)


def show(value: Any) -> str:
    """``repr(value)``, or a short form when that fails or is too long."""
    try:
        text = repr(value)
    except (RecursionError, ValueError, MemoryError):
        text = None
    if text is not None and len(text) <= MAX_CHARS:
        return text
    short = _Short()
    for name in ("maxlevel", "maxstring", "maxother", "maxlist", "maxtuple"):
        setattr(short, name, getattr(_SHORT, name))
    short.maxdict = short.maxset = _SHORT.maxdict
    try:
        text = short.repr(value)
    except (RecursionError, ValueError, MemoryError):
        return f"<{type(value).__name__}>"
    return text if len(text) <= MAX_CHARS * 2 else text[: MAX_CHARS * 2] + "…"
