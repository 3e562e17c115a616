"""The text of a document as a visitor reads it, extracted once per build.

The text rules (SPEC §5) read the content as written, not its markup: the
fragment Pelican already rendered (``Document.html``) is reduced once to a
:class:`PageText`: the visible text without code, preformatted blocks, quotes
of other people (``<blockquote>``, ``<q>``) and scripts; the prose (paragraphs,
list items) for sentence statistics; and what the markup says about friction:
``mailto:`` addresses, forms and their fields, scripts. The few fragments with
markup facts are parsed with the standard library's :class:`HTMLParser` into a
small tree (lxml would cost the build 4 MiB of memory for a handful of pages).
The rules read each page once, in one pass shared by all of them
(``rules/words.py``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field as _field
from html import unescape
from html.parser import HTMLParser

from ..model.patterns import lazy_re
from ..model.records import FrozenRecord

# Elements whose text is not the page's own prose.
SKIPPED = (
    "pre",
    "code",
    "kbd",
    "samp",
    "blockquote",
    "q",
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "select",
    "textarea",
)
BLOCKS = (
    "p",
    "li",
    "dd",
    "dt",
    "h[1-6]",
    "td",
    "th",
    "tr",
    "caption",
    "figcaption",
    "div",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "table",
    "ul",
    "ol",
    "dl",
    "form",
    "fieldset",
    "legend",
    "figure",
    "details",
    "summary",
    "address",
    "hr",
    "br",
)
# Blocks that are not running prose: left out of sentence statistics.
NOT_PROSE = (
    *("h1", "h2", "h3", "h4", "h5", "h6", "table", "caption", "figcaption"),
    *("dt", "nav", "header", "footer", "form"),
)
# Elements cut out of the text as wholes (they do not nest), quotes of other
# people (they may), and blocks left out of the prose (headings, tables …).
_NESTING = ("blockquote", "q")


def _first(names: tuple[str, ...]) -> str:
    """A lookahead for the first letters of ``names``.

    re tries the names only at a "<" followed by one of them: most tags are
    let go at once.
    """
    return "(?=[" + "".join(sorted({n[0] for n in names})) + "])"


_WHOLE = tuple(t for t in SKIPPED if t not in _NESTING)
_skipped_re = lazy_re(
    rf"<({'|'.join(_WHOLE)})\b[^>]*>.*?</\1\s*>",
    re.I | re.S,
)
_QUOTE_RE = re.compile(r"<(blockquote|q)\b[^>]*>(?:(?!<\1\b).)*?</\1\s*>", re.I | re.S)
_ASIDE_START_RE = re.compile(rf"<{_first(NOT_PROSE)}(?:{'|'.join(NOT_PROSE)})\b", re.I)
_ASIDE_RE = re.compile(
    rf"<{_first(NOT_PROSE)}({'|'.join(NOT_PROSE)})\b[^>]*>.*?</\1\s*>", re.I | re.S
)
# _ASIDE_RE with the start tag and the rest as groups 1 and 3.
_ASIDE_PARTS_RE = re.compile(
    rf"(<{_first(NOT_PROSE)}({'|'.join(NOT_PROSE)})\b[^>]*>)(.*?</\2\s*>)", re.I | re.S
)
_comment_re = lazy_re(r"<!--.*?-->", re.S)
_TAG_RE = re.compile(r"<[^>]*>")
# A new line before every block tag, after the fragment's own line breaks
# (which in a paragraph are only where the source wrapped) became spaces: one
# pass over the string, no Python work per element.
# (tests/test_text.py checks that this pattern finds the positions of the
# plain one, ``<(?=/?(?:BLOCKS joined by |)[\s/>])``; the names are grouped
# by their first letters: re tries a dozen branches at each "<", not thirty.)
_BLOCK_TAG_FAST_RE = re.compile(
    r"<(?=/?(?:p|l(?:i|egend)|d(?:[dtl]|iv|etails)|h(?:[1-6r]|eader)"
    r"|t(?:[dhr]|able)|caption|f(?:ig(?:caption|ure)|ooter|orm|ieldset)"
    r"|s(?:ection|ummary)|a(?:rticle|side|ddress)|nav|ul|ol|br)[\s/>])",
    re.I,
)
# A block tag whole, where no "<" is inside (see _untagged), and then any tag.
_BLOCK_TAG_WHOLE_RE = re.compile(_BLOCK_TAG_FAST_RE.pattern + "[^<>]*>", re.I)
_INLINE_TAG_RE = re.compile("<[^<>\n]*>")
# Where the passes below can start (the same names, case-blind): a fragment
# without any is not passed over again (most have no code, quote or table).
_SKIPPED_START_RE = re.compile(rf"<{_first(_WHOLE)}(?:{'|'.join(_WHOLE)})\b", re.I)
_QUOTE_START_RE = re.compile(rf"<{_first(_NESTING)}(?:{'|'.join(_NESTING)})\b", re.I)
_CUT_START_RE = re.compile(rf"<{_first(SKIPPED)}(?:{'|'.join(SKIPPED)})\b", re.I)
# An element left out of the prose, between marks (see _text_and_prose).
_ASIDE_MARK, _ASIDE_END = "\x02", "\x03"
_MARKED_RE = re.compile("\x02[^\x03]*\x03")
# A URL in an inline script's string literal: 'https://host/…' or '//host/…'.
_inline_url_re = lazy_re(r"""["'`]((?:https?:)?//[\w.-]+\.[a-z]{2,}[^"'`\s]*)""", re.I)
_NOT_FILLED = frozenset({"hidden", "submit", "button", "reset", "image"})
_hidden_style_re = lazy_re(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


class Form(FrozenRecord):
    """A form in the content: where it posts, the fields a visitor fills in."""

    __slots__ = ("action", "fields")
    _fields = ("action", "fields")
    __repr__ = object.__repr__  # as the dataclass (repr=False) it replaces
    action: str
    fields: tuple[str, ...]  # what the visitor sees of each field (label, name)

    def __init__(self, action: str, fields: tuple[str, ...]) -> None:
        object.__setattr__(self, "action", action)
        object.__setattr__(self, "fields", fields)


@dataclass(frozen=True, slots=True, repr=False)
class PageText:
    """What the text rules read of one document."""

    text: str  # visible text, one block per line (spaces within not folded)
    prose: str  # paragraphs and list items, one per line
    mailto: tuple[str, ...]  # addresses of mailto: links
    forms: tuple[Form, ...]
    scripts: tuple[str, ...]  # script URLs: src, and URLs inside inline scripts
    plain: str  # ``folded`` on one line, punctuation as spaces, " " around
    # ``folded`` where it was made with ``plain`` (see ``folded``).
    _folded: str | None = None
    # Made when first asked for (see ``words``, ``among``).
    _words: frozenset[str] | None = _field(default=None, init=False, compare=False)
    _spaced: bool | None = _field(default=None, init=False, compare=False)
    _searched: bool = _field(default=False, init=False, compare=False)

    @property
    def folded(self) -> str:
        """``text`` in lower case (``casefold``), for phrase matching.

        Read only where a page has a phrase's key: made when first asked
        for (``plain`` of an ASCII text is made without it).
        """
        folded = self._folded
        if folded is None:
            folded = self.text.casefold()
            object.__setattr__(self, "_folded", folded)
        return folded

    @property
    def words(self) -> frozenset[str]:
        """The words of ``plain`` (what ``str.split`` makes of it)."""
        words = self._words
        if words is None:
            words = frozenset(self.plain.split())
            object.__setattr__(self, "_words", words)
        return words

    def among(self, keys: frozenset[str]) -> frozenset[str]:
        """``keys & self.words``: which of ``keys`` are words of the text.

        A page has some 550 words, 120 different ones, and a rule asks
        after a few dozen keys: rather than a set of all the words, one
        search over ``plain`` for the keys between spaces (see
        :func:`_scanner`), where its only white space is plain spaces (see
        ``_search``).
        """
        if self._search():
            pattern = _scanner(keys)
            if pattern is None:
                return frozenset()
            found = pattern.findall(self.plain)
            if not found:
                return frozenset()
            return frozenset(spaced[1:] for spaced in found)
        return keys & self.words

    def starting(self, keys: frozenset[str]) -> frozenset[str]:
        """The keys that a word of the text begins with.

        As :meth:`among`, one search over ``plain`` (for the words that
        begin with a key), else the words.
        """
        if "" not in keys and self._search():
            pattern = _scanner(keys, whole=False)
            if pattern is None:
                return frozenset()
            found = set(pattern.findall(self.plain))
            if not found:
                return frozenset()
            # " word": the keys among its beginnings.
            sizes = {len(key) + 1 for key in keys}
            return frozenset(
                word[1:size] for word in found for size in sizes if word[1:size] in keys
            )
        words = self.words
        joined = " " + " ".join(words)
        return frozenset(
            key
            for key in keys
            if (f" {key}" in joined and key.split() == [key]) or (not key and words)
        )

    def has_any(self, words: frozenset[str]) -> bool:
        """Whether the text has one of ``words`` (folded, no punctuation)."""
        if self._words is None and self._scannable():
            pattern = _scanner(words)
            return pattern is not None and pattern.search(self.plain) is not None
        return not words.isdisjoint(self.words)

    def _search(self) -> bool:
        """Whether to search ``plain`` for some keys rather than make the set.

        A search costs about half the set, which then answers every list at
        once: the first list of a page is searched for, and the set made
        for the next (a page of a purchase is asked for three lists).
        """
        if self._words is not None or self._searched or not self._scannable():
            return False
        object.__setattr__(self, "_searched", True)
        return True

    def _scannable(self) -> bool:
        """Whether ``plain``'s words are what stands between its spaces.

        True where its only white space is plain spaces and it begins and
        ends with one (as :func:`extract` makes it): then a word is a
        stretch between two spaces.
        """
        spaced = self._spaced
        if spaced is None:
            plain = self.plain
            spaced = plain[:1] == " " and plain[-1:] == " " and spaces_only(plain)
            object.__setattr__(self, "_spaced", spaced)
        return spaced


# What str.split() takes for white space but " " (Py_UNICODE_ISSPACE):
# tests/test_text.py checks the list against every code point.
OTHER_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
_OTHER_ASCII_SPACE = "".join(c for c in OTHER_SPACE if c.isascii())


def spaces_only(text: str) -> bool:
    """Whether the only white space in ``text`` is plain spaces.

    One ``in`` per white space character (a ``memchr`` in C); the ones
    beyond ASCII only in a text that is not all ASCII.
    """
    others = _OTHER_ASCII_SPACE if text.isascii() else OTHER_SPACE
    return not any(space in text for space in others)


@functools.lru_cache(maxsize=64)
def _scanner(keys: frozenset[str], *, whole: bool = True) -> re.Pattern[str] | None:
    """An expression whose matches in ``plain`` are " key" for the keys it has.

    With ``whole=False``, " word" for the words that begin with a key.

    A key is a word of a text whose only white space is spaces (and that
    begins and ends with one) where it stands between two spaces. Keys with
    white space, or empty, are never words: left out (``None`` if no key
    is left; :meth:`PageText.starting` does not ask for an empty key). re
    tries the expression at every space of the text: it fails at once
    where the next character does not begin a key (a character class);
    then a tree of the keys' other characters, each key checked by a
    look-behind for its first character once all the rest matched
    (``(?= )``: the key is a whole word; else the rest of the word).
    """
    usable = sorted(k for k in keys if k.split() == [k])
    if not usable:
        return None
    firsts = "".join(map(re.escape, sorted({k[0] for k in usable})))
    tree = _tree([(k[1:], k) for k in usable])
    end = "(?= )" if whole else "[^ ]*"
    return re.compile(f" [{firsts}](?:{tree}){end}")


def _tree(items: list[tuple[str, str]]) -> str:
    """Alternatives for the rests of ``(rest, key)``, by their first characters.

    Where a rest ends, a look-behind for the whole key (keys ending at the
    same place are of one length, as a look-behind must be).
    """
    branches: dict[str, list[tuple[str, str]]] = {}
    ends: list[str] = []
    for rest, key in items:
        if rest:
            branches.setdefault(rest[0], []).append((rest[1:], key))
        else:
            ends.append(key)
    alternatives = [
        f"{re.escape(first)}(?:{_tree(more)})" for first, more in branches.items()
    ]
    if ends:
        alternatives.append(f"(?<={'|'.join(map(re.escape, ends))})")
    return "|".join(alternatives)


EMPTY = PageText("", "", (), (), (), " ", "")
# Bytes of ASCII punctuation (not "-", "/", "@") to spaces: a fast translation
# of UTF-8 text that leaves every other character intact.
_PUNCTUATION = bytes.maketrans(b".,;:!?()[]{}\"'", b" " * 14)
# The same with upper case ASCII to lower case and line breaks to spaces.
_ASCII_PLAIN = bytes.maketrans(
    b"\n.,;:!?()[]{}\"'ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    b" " * 15 + b"abcdefghijklmnopqrstuvwxyz",
)
_UNICODE_PUNCTUATION = "\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb\u2013\u2014\u2026"


def fold(text: str) -> str:
    """Case and runs of white space folded, for phrase matching."""
    return " ".join(text.casefold().split())


def extract(fragment: str) -> PageText:
    """The :class:`PageText` of a rendered content fragment.

    The markup facts (scripts, ``mailto:`` links, forms) come from a parse
    (:class:`_TreeBuilder`), and only for a fragment that has them. The text
    comes from the fragment with string work in C: Pelican's readers write
    well-formed HTML, so the elements left out are cut as wholes (nested
    quotes innermost first), a new line goes before each block tag, the
    remaining tags are dropped and entities decoded.
    """
    if not fragment.strip():
        return EMPTY
    scripts: tuple[str, ...] = ()
    mailto: tuple[str, ...] = ()
    forms: tuple[Form, ...] = ()
    if "<script" in fragment or "mailto:" in fragment or "<form" in fragment:
        root = _parse(fragment)
        scripts = tuple(_scripts(root))
        mailto = tuple(_mailto(root))
        forms = tuple(map(_form, root.iter("form")))
    html = fragment.replace("\n", " ")
    if "<!--" in html:
        html = _comment_re().sub(" ", html)
    if _CUT_START_RE.search(html):  # one search for most fragments: none
        if _SKIPPED_START_RE.search(html):
            html = _skipped_re().sub(" ", html)
        if _QUOTE_START_RE.search(html):
            for _ in range(8):  # quotes in quotes: innermost first
                html, found = _QUOTE_RE.subn(" ", html)
                if not found:
                    break
    # (A new line before a tag changes nothing of what follows its "<".)
    if _ASIDE_START_RE.search(html):
        text, prose = _text_and_prose(html)
    else:
        bare = _untagged(html)
        if bare is None:
            text = prose = _lines(_BLOCK_TAG_FAST_RE.sub("\n<", html))
        else:
            text = prose = _text_lines(bare)
    if text.isascii():
        # casefold() is lower() here, and there is no punctuation beyond
        # ASCII: the case, the line breaks and the punctuation in one pass.
        plain = f" {text} ".encode().translate(_ASCII_PLAIN).decode()
        return PageText(text, prose, mailto, forms, scripts, plain)
    folded = text.casefold()
    plain = f" {folded} ".replace("\n", " ")
    for mark in _UNICODE_PUNCTUATION:
        if mark in plain:
            plain = plain.replace(mark, " ")
    plain = plain.encode().translate(_PUNCTUATION).decode()
    return PageText(text, prose, mailto, forms, scripts, plain, folded)


def _marked(match: re.Match[str]) -> str:
    return f"{_ASIDE_MARK}{match.group(0)}{_ASIDE_END}"


def _marked_inside(match: re.Match[str]) -> str:
    return f"{match.group(1)}{_ASIDE_MARK}{match.group(3)}{_ASIDE_END}"


def _text_and_prose(html: str) -> tuple[str, str]:
    r"""The text of ``html`` and its prose (without headings, tables …).

    ``html`` is without line breaks and without its block tags marked (see
    :func:`_untagged`). The same as ``_lines(blocked)`` and
    ``_lines(_ASIDE_RE.sub("\n", blocked))``, ``blocked`` being ``html``
    with a new line before each block tag, with the tags taken out once: the
    left-out elements are put between marks, the tags dropped, and the prose
    is the text with each marked stretch as a line break. Should a tag have
    taken a mark with it (a stray "<" in the text before a heading), or the
    fragment hold a mark character itself, the two are made apart as before.

    Where every "<" closes before the next one (:func:`_untagged`), the start
    mark goes after the element's start tag rather than before it: the tags
    dropped, block tags as new lines, that is the text the old order made
    (a new line before each block tag, the mark before the start tag, then
    the tags dropped): "\n<h2>" and "<h2>" with its mark give "\n\x02",
    a start tag that is not a block tag ("<h2-x>") gives the mark alone.
    """
    if _ASIDE_MARK not in html and _ASIDE_END not in html:
        marked, count = _ASIDE_PARTS_RE.subn(_marked_inside, html)
        bare = _untagged(marked)
        if bare is None:
            blocked = _BLOCK_TAG_FAST_RE.sub("\n<", html)
            marked, count = _ASIDE_RE.subn(_marked, blocked)
            bare = _TAG_RE.sub("", marked)
        if not count:
            # No mark added and none there (nor does dropping tags add one).
            text = _text_lines(bare)
            return text, text
        # Where each of the count marks of each kind begins a line, there
        # are count of each (no more were put in): _has_exactly is then true.
        both = _marked_lines(bare, count)
        if both is not None:
            return both
        if _has_exactly(bare, _ASIDE_MARK, count) and _has_exactly(
            bare, _ASIDE_END, count
        ):
            text = _text_lines(bare.replace(_ASIDE_MARK, "").replace(_ASIDE_END, ""))
            return text, _text_lines(_MARKED_RE.sub("\n", bare))
    blocked = _BLOCK_TAG_FAST_RE.sub("\n<", html)
    return _lines(blocked), _lines(_ASIDE_RE.sub("\n", blocked))


def _untagged(html: str) -> str | None:
    r"""``html`` without its tags, each block tag a new line; else ``None``.

    What ``_TAG_RE.sub("", _BLOCK_TAG_FAST_RE.sub("\n<", html))`` makes
    where every "<" closes (a ">") before the next "<", and ``None`` where
    one does not or ``html`` has a line break. Then each tag is a "<" to
    the next ">" and holds no other "<": the new line goes before a block
    tag and the tag is dropped, the tag becomes the new line.

    Why the counts tell that every "<" closes: the first pass takes block
    tags "<…>" with no other "<" or ">" in them, each a stretch of ``html``
    with its own "<"; the second, in what is left, "<…>" with no "<", ">"
    or line break in them: without a line break no new line of the first
    pass is inside, so each is a stretch of ``html`` too, with its own "<".
    Every "<" that starts one of them closes before the next "<": where
    they are as many as the "<" of ``html``, every one does.
    """
    if "\n" in html:
        return None
    bare, blocks = _BLOCK_TAG_WHOLE_RE.subn("\n", html)
    bare, tags = _INLINE_TAG_RE.subn("", bare)
    if blocks + tags != html.count("<"):
        return None
    return bare


def _marked_lines(bare: str, count: int) -> tuple[str, str] | None:
    r"""``_text_lines`` of ``bare`` without its marks, and without what they mark.

    In one pass over the lines, where each of the ``count`` marks of each
    kind begins a line (a new line goes before the block tags, and the
    elements marked are blocks, start and end): a line that begins with a
    start mark begins a marked stretch, one that begins with an end mark
    ends it, the rest of that line being prose again. ``None`` where a mark
    is elsewhere. The entities are decoded first: they hold no mark and
    no mark stands in one (a mark follows a line break).
    """
    if "&" in bare:
        bare = unescape(bare)
    text: list[str] = []
    prose: list[str] = []
    starts = ends = 0
    inside = False
    for raw in bare.split("\n"):
        first = raw[:1]
        if first == _ASIDE_MARK:
            inside = True
            starts += 1
            line = raw[1:].strip()
        elif first == _ASIDE_END:
            inside = False
            ends += 1
            line = raw[1:].strip()
        else:
            line = raw.strip()
        if line:
            text.append(line)
            if not inside:
                prose.append(line)
    if starts != count or ends != count:
        return None
    return "\n".join(text), "\n".join(prose)


def _has_exactly(text: str, mark: str, count: int) -> bool:
    """``text.count(mark) == count`` for a character that occurs a few times.

    ``str.count`` steps through every character; ``find`` skips to the next
    mark in C (``memchr``): for a few marks in a page, a fraction of the work.
    """
    at = -1
    for found in range(count + 1):
        at = text.find(mark, at + 1)
        if at < 0:
            return found == count
    return False


def _lines(html: str) -> str:
    """The text of marked-up HTML, one block per line."""
    return _text_lines(_TAG_RE.sub("", html))


def _text_lines(text: str) -> str:
    """Text without tags, entities decoded, one block per line."""
    if "&" in text:
        text = unescape(text)
    return "\n".join(filter(None, map(str.strip, text.split("\n"))))


# Elements without content (no end tag), and elements a new start tag closes
# when still open (an unclosed <p>, <li>, <option> …), as a browser does.
_VOID = frozenset(
    (
        *("area", "base", "br", "col", "embed", "hr", "img", "input", "keygen"),
        *("link", "meta", "param", "source", "track", "wbr"),
    )
)
_CLOSES_P = frozenset(
    (
        *("address", "article", "aside", "blockquote", "details", "div", "dl"),
        *("fieldset", "figcaption", "figure", "footer", "form", "header", "hr"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "main", "menu", "nav", "ol", "p"),
        *("pre", "section", "table", "ul"),
    )
)
_IMPLIED_END: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # new tag: (open tags it closes, tags that stop the search)
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "menu"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "option": (frozenset({"option"}), frozenset({"select", "datalist"})),
    "form": (frozenset({"form"}), frozenset()),  # forms do not nest
    "optgroup": (frozenset({"option", "optgroup"}), frozenset({"select"})),
    "tr": (frozenset({"tr", "td", "th"}), frozenset({"table"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
}
# A <p> is closed only within these (a <div> in a <form> leaves a <p> outside).
_P = frozenset({"p"})
_P_SCOPE = frozenset({"button", "form", "table", "div", "section", "article"})


class _Element:
    """An element of the small tree :class:`_TreeBuilder` makes."""

    __slots__ = ("attrs", "children", "parent", "tag")

    def __init__(
        self, tag: str, attrs: dict[str, str], parent: _Element | None
    ) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[_Element | str] = []

    def get(self, name: str) -> str | None:
        return self.attrs.get(name)

    @property
    def text(self) -> str:
        """The text before the first child element (a script's code)."""
        parts: list[str] = []
        for child in self.children:
            if not isinstance(child, str):
                break
            parts.append(child)
        return "".join(parts)

    def iter(self, *tags: str) -> Iterator[_Element]:
        """The element and its descendants named ``tags``, in document order."""
        if self.tag in tags:
            yield self
        for child in self.children:
            if not isinstance(child, str):
                yield from child.iter(*tags)

    def itertext(self) -> Iterator[str]:
        for child in self.children:
            if isinstance(child, str):
                yield child
            else:
                yield from child.itertext()


class _TreeBuilder(HTMLParser):
    """A tolerant parse of an HTML fragment into :class:`_Element` nodes.

    Void elements never take content, a new block closes an open ``<p>``, a
    new ``<li>``/``<option>``/``<td>`` … an open one of its kind, and an end
    tag closes the innermost open element of its name (a stray one is
    ignored): enough of a browser's rules for forms, links and scripts.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("#root", {}, None)
        self._open: list[_Element] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)
        if tag == "textarea":  # its content is text up to its end tag
            self.set_cdata_mode(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)
        if tag not in _VOID and self._open[-1].tag == tag:
            self._open.pop()  # <div/>: taken as written, an empty element

    def _start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close_implied(tag)
        values: dict[str, str] = {}
        for name, value in attrs:
            values.setdefault(name, value if value is not None else "")
        parent = self._open[-1]
        element = _Element(tag, values, parent)
        parent.children.append(element)
        if tag not in _VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._open[-1].children.append(data)

    def _close_implied(self, tag: str) -> None:
        if tag in _CLOSES_P:
            self._close_within(_P, _P_SCOPE)
        implied = _IMPLIED_END.get(tag)
        if implied is not None:
            self._close_within(*implied)

    def _close_within(self, names: frozenset[str], stop: frozenset[str]) -> None:
        for depth in range(len(self._open) - 1, 0, -1):
            name = self._open[depth].tag
            if name in names:
                del self._open[depth:]
                return
            if name in stop:
                return


def html_scripts(html: str) -> tuple[str, ...]:
    """``extract(html).scripts`` without the text.

    For HTML read for its scripts only (``tracking-scripts`` reads the
    theme's rendered base): the text passes of :func:`extract` (a whole page
    of navigation) are not needed, and HTML without ``<script`` needs no
    parse at all.
    """
    if "<script" not in html:
        return ()
    return tuple(_scripts(_parse(html)))


def _parse(fragment: str) -> _Element:
    builder = _TreeBuilder()
    builder.feed(fragment)
    builder.close()
    return builder.root


def _scripts(root: _Element) -> Iterator[str]:
    for script in root.iter("script"):
        kind = (script.get("type") or "").strip().lower()
        if kind and kind != "module" and "javascript" not in kind:
            continue  # data (JSON-LD, templates), not code that loads anything
        src = (script.get("src") or "").strip()
        if src:
            yield src
        elif script.text:
            yield from (m.group(1) for m in _inline_url_re().finditer(script.text))


def _mailto(root: _Element) -> Iterator[str]:
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        if href[:7].lower() == "mailto:":
            addresses = href[7:].split("?", 1)[0]
            yield from (a.strip() for a in addresses.split(",") if a.strip())


def _hidden(element: _Element, form: _Element) -> bool:
    """Whether the field is hidden from the visitor (a honeypot, say)."""
    node: _Element | None = element
    while node is not None and node is not form:
        if (
            node.get("hidden") is not None
            or node.get("aria-hidden") == "true"
            or _hidden_style_re().search(node.get("style") or "")
        ):
            return True
        node = node.parent
    return False


def _label(element: _Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _field_name(field: _Element, labels: dict[str, str]) -> str:
    ident = (field.get("id") or "").strip()
    label = labels.get(ident) if ident else None
    if not label:
        node = field.parent
        while node is not None and node.tag not in ("label", "form"):
            node = node.parent
        if node is not None and node.tag == "label":
            label = _label(node)
    for candidate in (
        label,
        field.get("aria-label"),
        field.get("placeholder"),
        field.get("name"),
        field.get("id"),
    ):
        if candidate and candidate.strip():
            return " ".join(candidate.split()).rstrip(":* ")
    return field.tag


def _form(form: _Element) -> Form:
    # Only a label's ``for`` ties it to a field elsewhere (a field without an
    # id is not named by some label that has no ``for``).
    labels = {
        target: _label(label)
        for label in form.iter("label")
        if (target := (label.get("for") or "").strip())
    }
    fields: list[str] = []
    groups: set[str] = set()
    for field in form.iter("input", "select", "textarea"):
        kind = (field.get("type") or "text").strip().lower()
        if field.tag == "input" and kind in _NOT_FILLED:
            continue
        if field.get("disabled") is not None or _hidden(field, form):
            continue
        if kind in ("radio", "checkbox") and field.get("name"):
            # A group of radio buttons or check boxes is one question.
            if field.get("name") in groups:
                continue
            groups.add(field.get("name") or "")
            fields.append(field.get("name") or "")
            continue
        fields.append(_field_name(field, labels))
    return Form((form.get("action") or "").strip(), tuple(fields))
