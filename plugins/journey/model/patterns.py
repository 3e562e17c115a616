"""Regular expressions compiled on their first use.

Python's ``re`` parses and compiles a pattern in Python code: a pattern that a
build never uses (a site without phone numbers, HTML comments or
reStructuredText) should not cost its compilation at every import.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable


def lazy_re(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function that returns ``re.compile(pattern, flags)``, compiled once."""
    return functools.cache(functools.partial(re.compile, pattern, flags))
