"""The text of a document as a visitor reads it, extracted once per build.

The text rules (SPEC §5) read the content as written, not its markup: the
fragment Pelican already rendered (``Document.html``) is parsed once with lxml
and reduced to a :class:`PageText`: the visible text without code, preformatted
blocks, quotes of other people (``<blockquote>``, ``<q>``) and scripts; the
prose (paragraphs, list items) for sentence statistics; and what the markup says
about friction: ``mailto:`` addresses, forms and their fields, scripts.
The rules read each page once, in one pass shared by all of them
(``rules/words.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape

from lxml import etree

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
_SKIPPED_RE = re.compile(
    rf"<({'|'.join(t for t in SKIPPED if t not in _NESTING)})\b[^>]*>.*?</\1\s*>",
    re.I | re.S,
)
_QUOTE_RE = re.compile(r"<(blockquote|q)\b[^>]*>(?:(?!<\1\b).)*?</\1\s*>", re.I | re.S)
_ASIDE_START_RE = re.compile(rf"<(?:{'|'.join(NOT_PROSE)})\b", re.I)
_ASIDE_RE = re.compile(rf"<({'|'.join(NOT_PROSE)})\b[^>]*>.*?</\1\s*>", re.I | re.S)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
_TAG_RE = re.compile(r"<[^>]*>")
# A new line before every block tag, after the fragment's own line breaks
# (which in a paragraph are only where the source wrapped) became spaces: one
# pass over the string, no Python work per element.
_BLOCK_TAG_RE = re.compile(rf"<(?=/?(?:{'|'.join(BLOCKS)})[\s/>])", re.I)
# A URL in an inline script's string literal: 'https://host/…' or '//host/…'.
_INLINE_URL_RE = re.compile(
    r"""["'`]((?:https?:)?//[\w.-]+\.[a-z]{2,}[^"'`\s]*)""", re.I
)
_NOT_FILLED = frozenset({"hidden", "submit", "button", "reset", "image"})
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


@dataclass(frozen=True, slots=True)
class Form:
    """A form in the content: where it posts, the fields a visitor fills in."""

    action: str
    fields: tuple[str, ...]  # what the visitor sees of each field (label, name)


@dataclass(frozen=True, slots=True)
class PageText:
    """What the text rules read of one document."""

    text: str  # visible text, one block per line (spaces within not folded)
    prose: str  # paragraphs and list items, one per line
    mailto: tuple[str, ...]  # addresses of mailto: links
    forms: tuple[Form, ...]
    scripts: tuple[str, ...]  # script URLs: src, and URLs inside inline scripts
    plain: str  # ``folded`` on one line, punctuation as spaces, " " around
    words: tuple[str, ...]  # the words of ``plain``, in order

    @property
    def folded(self) -> str:
        """``text`` in lower case, for phrase matching."""
        return self.text.casefold()

    def has_any(self, words: frozenset[str]) -> bool:
        """Whether the text has one of ``words`` (folded, no punctuation)."""
        return not words.isdisjoint(self.words)


EMPTY = PageText("", "", (), (), (), " ", ())
# Bytes of ASCII punctuation (not "-", "/", "@") to spaces: a fast translation
# of UTF-8 text that leaves every other character intact.
_PUNCTUATION = bytes.maketrans(b".,;:!?()[]{}\"'", b" " * 14)
_UNICODE_PUNCTUATION = "\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb\u2013\u2014\u2026"


def fold(text: str) -> str:
    """Case and runs of white space folded, for phrase matching."""
    return " ".join(text.casefold().split())


def extract(fragment: str) -> PageText:
    """The :class:`PageText` of a rendered content fragment.

    The markup facts (scripts, ``mailto:`` links, forms) come from lxml, and
    only for a fragment that has them. The text comes from the fragment with
    string work in C: Pelican's readers write well-formed HTML, so the
    elements left out are cut as wholes (nested quotes innermost first), a
    new line goes before each block tag, the remaining tags are dropped and
    entities decoded.
    """
    if not fragment.strip():
        return EMPTY
    scripts: tuple[str, ...] = ()
    mailto: tuple[str, ...] = ()
    forms: tuple[Form, ...] = ()
    if "<script" in fragment or "mailto:" in fragment or "<form" in fragment:
        root = etree.HTML(fragment)
        if root is not None:
            scripts = tuple(_scripts(root))
            mailto = tuple(_mailto(root))
            forms = tuple(map(_form, root.iter("form")))
    html = _COMMENT_RE.sub(" ", fragment.replace("\n", " "))
    html = _SKIPPED_RE.sub(" ", html)
    for _ in range(8):  # quotes in quotes: innermost first
        html, found = _QUOTE_RE.subn(" ", html)
        if not found:
            break
    html = _BLOCK_TAG_RE.sub("\n<", html)
    text = _lines(html)
    prose = _lines(_ASIDE_RE.sub("\n", html)) if _ASIDE_START_RE.search(html) else text
    plain = f" {text.casefold()} ".replace("\n", " ")
    for mark in _UNICODE_PUNCTUATION:
        if mark in plain:
            plain = plain.replace(mark, " ")
    plain = plain.encode().translate(_PUNCTUATION).decode()
    return PageText(text, prose, mailto, forms, scripts, plain, tuple(plain.split()))


def _lines(html: str) -> str:
    """The text of marked-up HTML, one block per line."""
    text = _TAG_RE.sub("", html)
    if "&" in text:
        text = unescape(text)
    return "\n".join(filter(None, map(str.strip, text.split("\n"))))


def _scripts(root: etree._Element) -> Iterator[str]:
    for script in root.iter("script"):
        kind = (script.get("type") or "").strip().lower()
        if kind and kind != "module" and "javascript" not in kind:
            continue  # data (JSON-LD, templates), not code that loads anything
        src = (script.get("src") or "").strip()
        if src:
            yield src
        elif script.text:
            yield from (m.group(1) for m in _INLINE_URL_RE.finditer(script.text))


def _mailto(root: etree._Element) -> Iterator[str]:
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        if href[:7].lower() == "mailto:":
            addresses = href[7:].split("?", 1)[0]
            yield from (a.strip() for a in addresses.split(",") if a.strip())


def _hidden(element: etree._Element, form: etree._Element) -> bool:
    """Whether the field is hidden from the visitor (a honeypot, say)."""
    node: etree._Element | None = element
    while node is not None and node is not form:
        if (
            node.get("hidden") is not None
            or node.get("aria-hidden") == "true"
            or _HIDDEN_STYLE_RE.search(node.get("style") or "")
        ):
            return True
        node = node.getparent()
    return False


def _label(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _field_name(field: etree._Element, labels: dict[str, str]) -> str:
    label = labels.get(field.get("id") or "")
    if not label:
        node = field.getparent()
        while node is not None and node.tag not in ("label", "form"):
            node = node.getparent()
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


def _form(form: etree._Element) -> Form:
    labels = {label.get("for") or "": _label(label) for label in form.iter("label")}
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
