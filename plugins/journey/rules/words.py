"""Word lists of the friction and copy rules, and matching them in text.

The lists live in ``data/<lang>.toml`` (one table per rule id); each rule's
options add a site's own words. Text is matched after :func:`fold` (case and
white space), whole words only.

**One pass over the pages.** The per-page text rules declare a page check
(:func:`page_check`): a function of one page's :class:`PageText`. The first
of them to run makes one pass over the readable pages for all of them: each
page is parsed once, every enabled page check looks at it, and only what they
found is kept: the page's text is let go before the next page is read, so the
build's memory does not grow with the text of the whole site.
"""

from __future__ import annotations

import functools
import json
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model.phases import LANGS
from ..site.text import PageText, extract, fold
from .registry import Hit, RuleContext

if TYPE_CHECKING:
    from ..site.index import Document, SiteIndex

DATA = Path(__file__).parent / "data"
# What PageText.plain turns into spaces (punctuation but - / @).
_KEY_PUNCTUATION = str.maketrans(
    dict.fromkeys(
        ".,;:!?()[]{}\"'\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb\u2013\u2014\u2026",
        " ",
    )
)


@functools.cache
def _data(lang: str) -> Mapping[str, Any]:
    raw = (DATA / f"{lang}.toml").read_bytes()
    simple = word_lists(raw.decode("utf-8"))
    if simple is not None:
        return simple
    import tomllib  # noqa: PLC0415 - only for TOML but tables of string lists

    return tomllib.loads(raw.decode("utf-8"))


def word_lists(text: str) -> dict[str, dict[str, list[str]]] | None:
    """``tomllib.loads(text)`` for the shape of the word lists, else ``None``.

    The lists are tables (``[rule-id]``) of arrays of plain strings (no
    backslash), one array on one line or over several, with comment lines
    between. Reading that takes ``json`` (in C) instead of ``tomllib`` (in
    Python, also its import); any other TOML returns ``None`` (and is read by
    ``tomllib``). tests/test_phrases.py compares this with ``tomllib``.
    """
    data: dict[str, dict[str, list[str]]] = {}
    table: dict[str, list[str]] | None = None
    key = ""
    items: list[str] | None = None  # the open array of several lines
    comma = True  # whether the open array may take another item
    for raw in text.split("\n"):
        line = raw.strip(" \t")
        # (no escapes, no control characters: those TOML and JSON differ on)
        if "\\" in line or not line.replace("\t", " ").isprintable():
            return None
        if not line or line[0] == "#":
            continue
        if items is not None:
            if line == "]":
                items = None
                continue
            array = _strings("[" + line.removesuffix(",") + "]")
            if array is None or not array or not comma:
                return None
            items.extend(array)
            comma = line[-1] == ","
            continue
        if line[0] == "[":
            name = line[1:-1]
            if line[-1] != "]" or not _bare(name) or name in data:
                return None
            table = data[name] = {}
            continue
        key, equals, value = line.partition(" = ")
        if not equals or table is None or not _bare(key) or key in table:
            return None
        if value == "[":
            items = table[key] = []
            comma = True
            continue
        array = _strings(value)
        if array is None:
            return None
        table[key] = array
    return data if items is None else None


def _bare(key: str) -> bool:
    """Whether ``key`` is a TOML bare key (ASCII letters, digits, ``_``, ``-``)."""
    plain = key.replace("-", "").replace("_", "")
    return bool(key) and key.isascii() and (not plain or plain.isalnum())


def _strings(value: str) -> list[str] | None:
    """A JSON array of strings (the same in TOML: no backslash, no comment)."""
    if not value.startswith("[") or not value.endswith("]") or "#" in value:
        return None
    try:
        array = json.loads(value)
    except ValueError:
        return None
    if all(type(item) is str for item in array):
        return array
    return None


@functools.cache
def words(rule_id: str, key: str, langs: tuple[str, ...] = LANGS) -> tuple[str, ...]:
    """The list ``key`` of rule ``rule_id`` in the data of ``langs``, in order."""
    out: dict[str, None] = {}
    for lang in langs:
        for word in _data(lang).get(rule_id, {}).get(key, ()):
            out[word] = None
    return tuple(out)


# Up to this many different first characters, a phrase pattern is written so
# that re can skip in C to where a match may start (see _phrase_re).
_SKIP_TO_FIRST = 4


@functools.lru_cache(maxsize=256)
def _phrase_re(phrases: tuple[str, ...], prefix: bool) -> re.Pattern[str] | None:
    folded = sorted({fold(p) for p in phrases if p.strip()}, key=len, reverse=True)
    if not folded:
        return None
    end = "" if prefix else r"(?!\w)"
    if len({p[0] for p in folded}) > _SKIP_TO_FIRST:
        alternatives = "|".join(r"\s+".join(map(re.escape, p.split())) for p in folded)
        return re.compile(rf"(?<!\w)(?:{alternatives}){end}")
    # The same matches with "(?<!\w)" after the phrase's first character,
    # as "(?<!\w.)": every alternative starts with a literal, so re skips in
    # C to the few characters a match can start with, instead of trying the
    # pattern at every position (with many first characters that skip stops
    # everywhere, and the plain form, which fails at once inside a word, wins).
    alternatives = "|".join(
        re.escape(p[0]) + r"(?<!\w.)" + r"\s+".join(map(re.escape, p[1:].split(" ")))
        for p in folded
    )
    return re.compile(rf"(?:{alternatives}){end}", re.S)


@functools.lru_cache(maxsize=64)
def _keys(phrases: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Phrases grouped by a key word to look for first (their longest word).

    Most pages have none of the keys, and no regular expression runs over
    them: a set of the page's words answers at once.
    """
    grouped: dict[str, list[str]] = {}
    for phrase in phrases:
        words = fold(phrase).translate(_KEY_PUNCTUATION).split()
        if words:
            grouped.setdefault(max(words, key=len), []).append(phrase)
    return {key: tuple(group) for key, group in grouped.items()}


def find_phrases(
    page: PageText, phrases: Iterable[str], *, prefix: bool = False
) -> Iterator[re.Match[str]]:
    """Matches of ``phrases`` in a page's folded text, whole words only.

    With ``prefix`` a phrase may be the start of a longer word ("retour"
    finds "retourneren"). Where two phrases overlap, the one that starts
    first wins, and of those the longest.
    """
    keys = _keys(tuple(phrases))
    if prefix:  # few pages: a substring search per key
        found = [key for key in keys if f" {key}" in page.plain]
    else:
        found = list(keys.keys() & page.words)
    if not found:
        return iter(())
    candidates = tuple(sorted(p for key in found for p in keys[key]))
    pattern = _phrase_re(candidates, prefix)
    if pattern is None:
        return iter(())
    return pattern.finditer(page.folded)


def quote(text: str, limit: int = 80) -> str:
    """A text as quoted in a message: in double quotes, cut at ``limit``."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return f'"{text}"'


def quotes(found: Iterable[str], limit: int = 3) -> str:
    """Distinct quotes, in order, at most ``limit`` and a count of the rest."""
    distinct = list(dict.fromkeys(found))
    shown = ", ".join(quote(f) for f in distinct[:limit])
    rest = len(distinct) - limit
    return f"{shown} (+{rest})" if rest > 0 else shown


def readable(index: SiteIndex) -> Iterator[Document]:
    """Documents a visitor can read: everything but drafts, translations too."""
    return (d for d in index.documents if d.status != "draft")


def page_lang(doc: Document, index: SiteIndex) -> str:
    """The language of a document's text: its ``lang``, else the site's."""
    lang = (doc.lang or "").split("_")[0].split("-")[0].lower()
    return lang or str(index.context.get("DEFAULT_LANG") or index.config.lang)


PageCheck = Callable[[PageText, "Document", RuleContext], Iterable[Hit]]
PAGE_CHECKS: dict[str, PageCheck] = {}
# Called once the pass over every page is done: a check lets go of what it
# loaded for the pass (a hyphenation dictionary), before Pelican writes.
AFTER_PASS: list[Callable[[], None]] = []


def after_page_pass(release: Callable[[], None]) -> Callable[[], None]:
    """Declare ``release`` to be called when a build's page pass is done."""
    AFTER_PASS.append(release)
    return release


# Rules that read a few pages again after the pass (``reachability``): by
# rule, the documents whose PageText the pass keeps for :func:`page_text`.
PAGE_KEEPS: dict[str, Callable[[RuleContext], Iterable[Document]]] = {}


class _Pass:
    """One build's page pass: the checks' hits and the pages kept."""

    __slots__ = ("hits", "kept")

    def __init__(self, hits: dict[str, list[Hit]], kept: dict[int, PageText]) -> None:
        self.hits = hits
        self.kept = kept  # id(document) -> its PageText (the index holds them)


# The pass of each build, by index (held weakly: it goes with the build).
_PASSES: dict[int, tuple[weakref.ref[SiteIndex], _Pass]] = {}


def page_check(rule_id: str) -> Callable[[PageCheck], PageCheck]:
    """Declare ``check`` as the page check of rule ``rule_id``."""

    def register(check: PageCheck) -> PageCheck:
        PAGE_CHECKS[rule_id] = check
        return check

    return register


def keep_pages(
    rule_id: str,
) -> Callable[
    [Callable[[RuleContext], Iterable[Document]]],
    Callable[[RuleContext], Iterable[Document]],
]:
    """Declare ``select``: the pages rule ``rule_id`` reads with :func:`page_text`."""

    def register(
        select: Callable[[RuleContext], Iterable[Document]],
    ) -> Callable[[RuleContext], Iterable[Document]]:
        PAGE_KEEPS[rule_id] = select
        return select

    return register


def page_hits(context: RuleContext, rule_id: str) -> list[Hit]:
    """What the page check of ``rule_id`` found on the readable pages."""
    index = context.index
    entry = _PASSES.get(id(index))
    if entry is None or entry[0]() is not index:
        for key, (ref, _) in list(_PASSES.items()):
            if ref() is None:
                del _PASSES[key]
        entry = (weakref.ref(index), _page_pass(context))
        _PASSES[id(index)] = entry
    return entry[1].hits.get(rule_id, [])


def page_text(context: RuleContext, doc: Document) -> PageText:
    """``extract(doc.html)``, taken from the page pass when it kept the page.

    A kept page is handed out once and let go (the pass's record lives as
    long as the index, into the writing of the site; a second call reads the
    page again). The same value either way: a PageText is made of the HTML alone (what
    it makes later, ``folded``, ``words``, is made of its own text). This
    never starts the pass: without one (every page check off, or the pass
    not yet run) the page is read here.
    """
    index = context.index
    entry = _PASSES.get(id(index))
    if entry is not None and entry[0]() is index:
        page = entry[1].kept.pop(id(doc), None)
        if page is not None:
            return page
    return extract(doc.html)


def _page_pass(context: RuleContext) -> _Pass:
    index = context.index
    rules = index.config.rules
    checks = [
        (
            rule_id,
            check,
            RuleContext(index, rules[rule_id].options, context.lang, context.graph),
        )
        for rule_id, check in PAGE_CHECKS.items()
        if rule_id in rules and rules[rule_id].severity != "off"
    ]
    found: dict[str, list[Hit]] = {rule_id: [] for rule_id, _, _ in checks}
    wanted: set[int] = set()
    for rule_id, select in PAGE_KEEPS.items():
        if rule_id in rules and rules[rule_id].severity != "off":
            rule_context = RuleContext(
                index, rules[rule_id].options, context.lang, context.graph
            )
            wanted.update(id(doc) for doc in select(rule_context))
    kept: dict[int, PageText] = {}
    try:
        for doc in readable(index):
            page = extract(doc.html)
            if wanted and id(doc) in wanted:
                kept[id(doc)] = page
            for rule_id, check, rule_context in checks:
                found[rule_id].extend(check(page, doc, rule_context))
    finally:
        for release in AFTER_PASS:
            release()
    return _Pass(found, kept)
