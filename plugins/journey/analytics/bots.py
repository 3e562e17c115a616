"""Is a user agent a bot? Asked of the maintained crawler-user-agents list.

The ``crawler-user-agents`` package (MIT, github.com/monperrus/crawler-user-agents)
keeps ~1,500 patterns of crawlers, scrapers, monitors and HTTP libraries up
to date. A log repeats the same few user agents, so answers are cached.

Importing the package keeps its whole JSON file (every pattern with example
user agents and URLs, ~1.4 MiB of Python objects) for the rest of the build.
This module reads only the patterns from the same file and answers exactly
as the package's ``is_crawler`` (a case-sensitive search of each pattern):
the ~1,450 patterns that are plain text are asked with ``in``, the few real
regular expressions are compiled in chunks of 25, as the package does.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
from pathlib import Path

CHUNK_SIZE = 25  # as crawleruseragents.CHUNK_SIZE
# A pattern's string literal in the JSON file (patterns never hold a quote
# unescaped); decoded with json, so escapes read as the package reads them.
_PATTERN_RE = re.compile(r'"pattern"\s*:\s*("(?:[^"\\]|\\.)*")')
# Escapes that stand for the character itself in a plain-text pattern.
_PLAIN_ESCAPES = (("\\/", "/"), ("\\.", "."), ("\\-", "-"))
_SPECIAL = frozenset("\\[](){}.*+?^$|")


def _plain(pattern: str) -> str | None:
    """The text a pattern matches when it is plain text, else ``None``."""
    text = pattern
    for escaped, _char in _PLAIN_ESCAPES:
        text = text.replace(escaped, "")
    if _SPECIAL.intersection(text):
        return None
    for escaped, char in _PLAIN_ESCAPES:
        pattern = pattern.replace(escaped, char)
    return pattern


# Whole lines of about this many characters are searched at once (a pattern's
# literal never spans lines).
_READ_HINT = 1 << 16


def _decode(literal: str) -> str:
    """A JSON string literal's value (most have no escape: no decoder needed)."""
    if "\\" in literal or not literal.isprintable():
        return str(json.loads(literal))
    return literal[1:-1]


@functools.cache
def _patterns() -> tuple[tuple[str, ...], tuple[re.Pattern[str], ...]]:
    """(plain-text patterns, compiled chunks of the others)."""
    spec = importlib.util.find_spec("crawleruseragents")
    if spec is None or spec.origin is None:  # pragma: no cover - a dependency
        raise ModuleNotFoundError("crawleruseragents")
    plain: list[str] = []
    regexes: list[str] = []
    data = Path(spec.origin).with_name("crawler-user-agents.json")
    with data.open(encoding="utf-8") as lines:  # ~0.5 MB of JSON, 64 KB at a time
        while chunk := lines.readlines(_READ_HINT):
            for literal in _PATTERN_RE.findall("".join(chunk)):
                pattern = _decode(literal)
                text = _plain(pattern)
                if text is None:
                    regexes.append(pattern)
                else:
                    plain.append(text)
    return tuple(plain), tuple(
        re.compile("|".join(regexes[i : i + CHUNK_SIZE]))
        for i in range(0, len(regexes), CHUNK_SIZE)
    )


@functools.lru_cache(maxsize=16384)
def is_bot(user_agent: str) -> bool:
    """Whether the user agent is a crawler; an empty one (``-``) counts as one."""
    agent = user_agent.strip()
    if not agent or agent == "-":
        return True
    plain, regexes = _patterns()
    return any(text in agent for text in plain) or any(
        pattern.search(agent) for pattern in regexes
    )
