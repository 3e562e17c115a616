"""A list of phrases prepared once, matched as :func:`.words.find_phrases` does.

:func:`~.words.find_phrases` derives what it needs from its list at every
call (the key words, a set of them) and runs its regular expression over the
whole folded text of any page that has a key. :class:`Phrases` gives the same
matches, in the same order, with less work:

- the keys and their set are made once for the list;
- which keys a page has is :meth:`.PageText.among` (one search over the
  page for the keys, or the keys looked up in the page's words);
- with ``prefix`` ("retour" finds "retourneren"), which keys a word of the
  page starts with is :meth:`.PageText.starting`, where the page has no
  white space but plain spaces (else a substring search per key, as before);
- a phrase one of whose words is not in the folded text at all cannot match
  there (a match holds each of its phrase's words literally: the expression
  is the folded phrase's words, escaped, with white space between them); the
  expression is made of the other phrases only, and none is left on most
  pages that have a key (a page of a shop has "bestellen", seldom "inloggen
  om te bestellen"). Leaving out alternatives that match nowhere leaves the
  matches of the others as they were;
- the expression runs only near where a key occurs in the text. Every match
  holds its phrase's key literally (a key is a part of one word of the
  phrase), and a match has at most as many characters other than white space
  as its longest phrase: a match with a key at ``q`` lies within the stretch
  from that many such characters before ``q`` to that many after it. The
  expression searches those stretches only (with the text around them in
  view, for the look-behind and look-ahead), left to right, each search
  going on where the last match ended, as :meth:`re.Pattern.finditer` does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from re import Match, Pattern
from typing import TYPE_CHECKING

from ..site.text import fold, spaces_only
from .words import _keys, _phrase_re

if TYPE_CHECKING:
    from ..site.text import PageText

# White space that str.split() splits at but PageText.plain keeps (ASCII).
_OTHER_ASCII_SPACE = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"


_Prepared = tuple[Pattern[str] | None, int, int]
_PLAIN_START = r"(?<!\w)(?:"


def _skipping(phrases: tuple[str, ...], prefix: bool) -> Pattern[str]:
    """``_phrase_re(phrases, prefix)`` as it is written for few first characters.

    The same matches (see ``words.py``): each alternative starts with its
    first character, and a look-behind after that character stands for the
    one before it (no word character before the phrase).
    """
    folded = sorted({fold(p) for p in phrases if p.strip()}, key=len, reverse=True)
    end = "" if prefix else r"(?!\w)"
    alternatives = "|".join(
        re.escape(p[0]) + r"(?<!\w.)" + r"\s+".join(map(re.escape, p[1:].split(" ")))
        for p in folded
    )
    return re.compile(rf"(?:{alternatives}){end}", re.S)


class Phrases:
    """``find_phrases(page, phrases, prefix=prefix)`` for one list."""

    __slots__ = ("_found", "_keys", "_keyset", "_probes", "prefix")

    def __init__(self, phrases: Iterable[str], *, prefix: bool = False) -> None:
        self.prefix = prefix
        self._keys = _keys(tuple(phrases))
        self._keyset = frozenset(self._keys)
        # key -> its phrases, each with the words to look for in a page
        self._probes = {
            key: tuple((phrase, _probes(phrase, key)) for phrase in group)
            for key, group in self._keys.items()
        }
        # phrases that may match -> their keys and what _prepare makes of them
        self._found: dict[frozenset[str], tuple[frozenset[str], _Prepared]] = {}

    def finditer(self, page: PageText) -> Iterator[Match[str]]:
        """The matches of the phrases in the page's folded text, in order."""
        found = self._starting(page) if self.prefix else page.among(self._keyset)
        if not found:
            return iter(())
        folded = page.folded
        live: list[str] = []
        for key in found:
            for phrase, probes in self._probes[key]:
                for word in probes:
                    if word not in folded:
                        break
                else:
                    live.append(phrase)
        if not live:
            return iter(())
        chosen = frozenset(live)
        known = self._found.get(chosen)
        if known is None:
            keys = frozenset(
                key for key in found if not chosen.isdisjoint(self._keys[key])
            )
            known = self._found[chosen] = (keys, self._prepare(keys, chosen))
        keys, (pattern, before, after) = known
        if pattern is None:
            return iter(())
        return near(pattern, folded, keys, before, after)

    def _prepare(self, found: frozenset[str], chosen: frozenset[str]) -> _Prepared:
        """The expression of the phrases ``chosen``, and how far a match reaches.

        A match holds a key of ``found`` (its phrase's own) at some place of
        its phrase's characters other than white space: it reaches at most
        ``before`` of them before the key and ``after`` from the key's start
        on.
        """
        candidates = tuple(sorted(chosen))
        pattern = _phrase_re(candidates, self.prefix)
        if pattern is not None and pattern.pattern.startswith(_PLAIN_START):
            # Written to skip in C to a first character: over the short
            # stretches searched here that form is the faster one.
            pattern = _skipping(candidates, self.prefix)
        before = after = 0
        for phrase in candidates:
            solid = fold(phrase).replace(" ", "")
            for key in found:
                at = solid.find(key)
                while at >= 0:
                    before = max(before, at)
                    after = max(after, len(solid) - at)
                    at = solid.find(key, at + 1)
        return pattern, before, after

    def _starting(self, page: PageText) -> frozenset[str]:
        """The keys that a word of the page starts with (after a space)."""
        plain = page.plain
        if not spaces_only(plain):
            return frozenset(key for key in self._keys if f" {key}" in plain)
        return page.starting(self._keyset)


def _probes(phrase: str, key: str) -> tuple[str, ...]:
    """The words of ``phrase`` a text must hold (as parts of any word) to match.

    A match of the phrase holds each of its folded words literally. Left
    out: words within ``key`` (a page looked at has it); the longest first
    (the likeliest to be missing).
    """
    words = {word for word in fold(phrase).split() if word not in key}
    return tuple(sorted(words, key=lambda word: (-len(word), word)))


def near(
    pattern: Pattern[str], text: str, keys: Iterable[str], before: int, after: int
) -> Iterator[Match[str]]:
    """``pattern.finditer(text)``, searching only near where ``keys`` occur.

    Correct for a pattern each of whose matches holds one of ``keys`` and
    at most ``before`` characters that are not white space before a key it
    holds and ``after`` from the key on, the only characters
    its look-arounds read next to a match being the one before and the one
    after it.
    """
    starts: list[int] = []
    for key in keys:
        at = text.find(key)
        while at >= 0:
            starts.append(at)
            at = text.find(key, at + 1)
    if not starts:
        return
    starts.sort()
    size = len(text)
    lines = _lines_only(text)
    # A match holding ``at`` has at most ``before`` characters other than
    # white space before it: ``back`` characters back is far enough where more
    # than ``before`` of them are not white space (else the text's start);
    # the same after it.
    back = 2 * before + 2
    ahead = 2 * after + 2
    # Stretches [begin, end] where a match may lie, merged where they meet.
    stretches: list[list[int]] = []
    for at in starts:
        begin = at - back
        if stretches and begin <= stretches[-1][1]:
            pass  # merged whatever the exact beginning
        elif begin <= 0 or _nonspace(text, begin, at, lines) <= before:
            begin = 0
        end = at + ahead
        if end >= size or _nonspace(text, at, end, lines) <= after:
            end = size
        if stretches and begin <= stretches[-1][1]:
            stretches[-1][1] = max(stretches[-1][1], end)
        else:
            stretches.append([begin, end])
    resume = 0
    for begin, end in stretches:
        position = max(begin, resume)
        # One character past the stretch stays in view (a look-ahead).
        stop = min(size, end + 1)
        while position <= end:
            match = pattern.search(text, position, stop)
            if match is None:
                break
            yield match
            resume = position = match.end()


def _lines_only(text: str) -> bool:
    """Whether the only white space in ``text`` is spaces and line breaks."""
    if text.isascii():
        return not any(c in text for c in _OTHER_ASCII_SPACE if c != "\n")
    blank = text.count(" ") + text.count("\n")
    return len(text) - blank == len("".join(text.split()))


def _nonspace(text: str, start: int, end: int, lines: bool) -> int:
    """How many of ``text[start:end]`` are not white space (as re counts them)."""
    if lines:
        blank = text.count(" ", start, end) + text.count("\n", start, end)
        return end - start - blank
    return len("".join(text[start:end].split()))
