"""A list of phrases prepared once, matched as :func:`.words.find_phrases` does.

:func:`~.words.find_phrases` derives what it needs from its list at every
call (the key words, a set of them) and runs its regular expression over the
whole folded text of any page that has a key. :class:`Phrases` gives the same
matches, in the same order, with less work:

- the keys and their set are made once for the list;
- which keys a page has is a set intersection (the few keys looked up in the
  page's words, not the page's words in the keys);
- with ``prefix`` ("retour" finds "retourneren"), whether a word of the page
  starts with a key is a binary search in the page's sorted words, where the
  page has no white space but plain spaces (else a substring search per key,
  as before);
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

from collections.abc import Iterable, Iterator
from re import Match, Pattern
from typing import TYPE_CHECKING

from ..site.text import fold
from .words import _keys, _phrase_re

if TYPE_CHECKING:
    from ..site.text import PageText

# White space that str.split() splits at but PageText.plain keeps (ASCII).
_OTHER_ASCII_SPACE = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"


class Phrases:
    """``find_phrases(page, phrases, prefix=prefix)`` for one list."""

    __slots__ = ("_found", "_keys", "_keyset", "_spaced", "prefix")

    def __init__(self, phrases: Iterable[str], *, prefix: bool = False) -> None:
        self.prefix = prefix
        self._keys = _keys(tuple(phrases))
        self._keyset = frozenset(self._keys)
        self._spaced = tuple((f" {key}", key) for key in self._keys)
        # keys found -> (expression, most non-space characters of a match)
        self._found: dict[frozenset[str], tuple[Pattern[str] | None, int]] = {}

    def finditer(self, page: PageText) -> Iterator[Match[str]]:
        """The matches of the phrases in the page's folded text, in order."""
        if self.prefix:
            found = frozenset(self._starting(page))
        else:
            found = self._keyset & page.words
        if not found:
            return iter(())
        known = self._found.get(found)
        if known is None:
            candidates = tuple(sorted(p for key in found for p in self._keys[key]))
            reach = max((len(fold(p).replace(" ", "")) for p in candidates), default=0)
            known = self._found[found] = (_phrase_re(candidates, self.prefix), reach)
        pattern, reach = known
        if pattern is None:
            return iter(())
        return near(pattern, page.folded, found, reach)

    def _starting(self, page: PageText) -> set[str]:
        """The keys that a word of the page starts with (after a space)."""
        plain = page.plain
        if not _spaces_only(plain):
            return {key for key in self._keys if f" {key}" in plain}
        # The page's words are what stands between its spaces (each once): a
        # key follows a space in the text if it follows one in them.
        words = " " + " ".join(page.words)
        return {key for spaced, key in self._spaced if spaced in words}


def _spaces_only(plain: str) -> bool:
    """Whether the only white space in ``plain`` is plain spaces."""
    if plain.isascii():
        return not any(c in plain for c in _OTHER_ASCII_SPACE)
    return len(plain) - plain.count(" ") == len("".join(plain.split()))


def near(
    pattern: Pattern[str], text: str, keys: Iterable[str], reach: int
) -> Iterator[Match[str]]:
    """``pattern.finditer(text)``, searching only near where ``keys`` occur.

    Correct for a pattern each of whose matches holds one of ``keys`` and at
    most ``reach`` characters that are not white space, the only characters
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
    # Stretches [begin, end] where a match may lie, merged where they meet.
    stretches: list[list[int]] = []
    for at in starts:
        begin = _before(text, at, reach)
        end = _after(text, at, reach, size)
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


def _nonspace(text: str) -> int:
    """How many characters of ``text`` are not white space (as re counts them)."""
    return len("".join(text.split()))


def _before(text: str, at: int, reach: int) -> int:
    """A position before which no match that holds ``at`` can begin.

    Such a match has at most ``reach`` characters other than white space
    before ``at``: twice that many characters back is far enough where more
    than ``reach`` of them are not white space (else the text's start).
    """
    begin = at - 2 * reach - 2
    if begin <= 0 or _nonspace(text[begin:at]) <= reach:
        return 0
    return begin


def _after(text: str, at: int, reach: int, size: int) -> int:
    """A position after which no match that holds ``at`` ends (see _before)."""
    end = at + 2 * reach + 2
    if end >= size or _nonspace(text[at:end]) <= reach:
        return size
    return end
