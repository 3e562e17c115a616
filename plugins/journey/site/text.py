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
# Blocks that are not running prose are marked in the tree (characters of
# Unicode's private use area), so that one pass over the text gives the prose
# without them.
_ASIDE, _ASIDE_END = "\ue010", "\ue011"
_ASIDE_SPAN_RE = re.compile("\ue010[^\ue010\ue011]*\ue011")
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
    """The :class:`PageText` of a rendered content fragment."""
    if not fragment.strip():
        return EMPTY
    marked = _BLOCK_TAG_RE.sub("\n<", fragment.replace("\n", " "))
    root = etree.HTML(marked)
    if root is None:
        return EMPTY
    scripts = tuple(_scripts(root)) if "<script" in fragment else ()
    mailto = tuple(_mailto(root)) if "mailto:" in fragment else ()
    forms = tuple(map(_form, root.iter("form"))) if "<form" in fragment else ()
    etree.strip_elements(root, *SKIPPED, with_tail=False)
    for aside in root.iter(*NOT_PROSE):  # a few per page: headings, tables
        aside.text = _ASIDE + (aside.text or "")
        aside.tail = _ASIDE_END + (aside.tail or "")
    joined = "".join(root.itertext())
    text = _lines(joined.replace(_ASIDE, "").replace(_ASIDE_END, ""))
    if _ASIDE in joined:
        # Innermost first: a caption inside a table, a table inside a form.
        for _ in range(joined.count(_ASIDE)):
            joined, found = _ASIDE_SPAN_RE.subn("", joined)
            if not found:
                break
        joined = joined.replace(_ASIDE, "").replace(_ASIDE_END, "")
    prose = _lines(joined)
    plain = f" {text.casefold()} ".replace("\n", " ")
    for mark in _UNICODE_PUNCTUATION:
        if mark in plain:
            plain = plain.replace(mark, " ")
    plain = plain.encode().translate(_PUNCTUATION).decode()
    return PageText(text, prose, mailto, forms, scripts, plain, tuple(plain.split()))


def _lines(joined: str) -> str:
    """Text with one block per line (C string work only)."""
    return "\n".join(filter(None, map(str.strip, joined.split("\n"))))


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
