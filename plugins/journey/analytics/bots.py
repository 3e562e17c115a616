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
import itertools
import json
import operator
import re
from pathlib import Path

CHUNK_SIZE = 25  # as crawleruseragents.CHUNK_SIZE
# A pattern's string literal in the JSON file (patterns never hold a quote
# unescaped); decoded with json, so escapes read as the package reads them.
# Unrolled (a run of plain characters, then escapes each followed by a run):
# the matches of r'"pattern"\s*:\s*("(?:[^"\\]|\\.)*")' (the tests hold it
# to that), without a step of the regex engine per character.
_PATTERN_FAST = re.compile(r'"pattern"\s*:\s*("[^"\\]*(?:\\.[^"\\]*)*")')
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


_SPECIAL_RE = re.compile("[" + re.escape("".join(sorted(_SPECIAL))) + "]")
# Whole lines of about this many characters are searched at once (a pattern's
# literal never spans lines).
_READ_HINT = 1 << 16
_SEPARATOR = "\x00"  # between patterns when they are handled all at once


def _split(patterns: list[str]) -> tuple[list[str], list[str]]:
    """(plain texts, regular expressions), each in order.

    :func:`_plain` of every pattern, done on all of them joined at once (a
    separator no pattern holds keeps every escape inside its own pattern).
    """
    joined = _SEPARATOR.join(patterns)
    if joined.count(_SEPARATOR) != len(patterns) - 1:  # a pattern holds a NUL
        answers = [_plain(p) for p in patterns]
        return (
            [t for t in answers if t is not None],
            [p for p, t in zip(patterns, answers, strict=True) if t is None],
        )
    bare = joined
    for escaped, _char in _PLAIN_ESCAPES:
        bare = bare.replace(escaped, "")
    # a special character found in a pattern's text without escapes (or None)
    special = list(map(_SPECIAL_RE.search, bare.split(_SEPARATOR)))
    for escaped, char in _PLAIN_ESCAPES:
        joined = joined.replace(escaped, char)
    texts = joined.split(_SEPARATOR)
    plain = list(itertools.compress(texts, map(operator.not_, special)))
    return plain, list(itertools.compress(patterns, special))


def _literals(text: str) -> list[str]:
    """Every pattern's string literal, as the plain form (above) finds them."""
    return _PATTERN_FAST.findall(text)


@functools.cache
def _patterns() -> tuple[tuple[str, ...], tuple[re.Pattern[str], ...]]:
    """(plain-text patterns, compiled chunks of the others)."""
    spec = importlib.util.find_spec("crawleruseragents")
    if spec is None or spec.origin is None:  # pragma: no cover - a dependency
        raise ModuleNotFoundError("crawleruseragents")
    data = Path(spec.origin).with_name("crawler-user-agents.json")
    literals: list[str] = []
    with data.open(encoding="utf-8") as stream:  # ~0.5 MB of JSON, 64 KB at a time
        rest = ""
        while chunk := stream.read(_READ_HINT):
            chunk = rest + chunk
            cut = chunk.rfind("\n") + 1  # whole lines only
            literals += _literals(chunk[:cut])
            rest = chunk[cut:]
        literals += _literals(rest)
    # one JSON array decodes every literal as each would decode alone
    patterns = [str(p) for p in json.loads("[" + ",".join(literals) + "]")]
    plain, regexes = _split(patterns)
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
    return any(map(agent.__contains__, plain)) or any(
        pattern.search(agent) for pattern in regexes
    )
