"""The text of a document as a visitor reads it, extracted once per build.

The text rules (SPEC §5) read the content as written, not its markup: the
fragment Pelican already rendered (``Document.html``) is parsed once with lxml
and reduced to a :class:`PageText`: the visible text without code, preformatted
blocks, quotes of other people (``<blockquote>``, ``<q>``) and scripts; the prose blocks
(paragraphs, list items) for sentence statistics; and what the markup says
about friction: ``mailto:`` addresses, forms and their fields, scripts.
:class:`Texts` keeps one per document for the whole build, so every rule
shares one parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from .index import Document

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
PROSE_BLOCKS = frozenset({"p", "li", "dd", "dt"})
OTHER_BLOCKS = frozenset(
    {
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "td",
        "th",
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
        "tr",
        "ul",
        "ol",
        "dl",
        "form",
        "fieldset",
        "legend",
        "label",
        "button",
        "figure",
        "details",
        "summary",
        "address",
        "hr",
    }
)
# Markers put into the tree before its text is joined: start of a prose
# block, start of another block, end of a block.
# Characters of Unicode's private use area: lxml allows them in text.
_PROSE, _OTHER, _END = "\ue001", "\ue002", "\ue003"
_MARKS_RE = re.compile("([\ue001\ue002\ue003])")
_BREAK = "\ue004"  # a <br>: a new line within the block
_SPACES_RE = re.compile(r"\s+")
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

    text: str  # visible text, one block per line, spaces folded
    prose: tuple[str, ...]  # paragraphs and list items
    mailto: tuple[str, ...]  # addresses of mailto: links
    forms: tuple[Form, ...]
    scripts: tuple[str, ...]  # script URLs: src, and URLs inside inline scripts

    @property
    def folded(self) -> str:
        """The text folded for phrase matching: lower case, one space."""
        return fold(self.text)


EMPTY = PageText("", (), (), (), ())


def fold(text: str) -> str:
    """Case and runs of white space folded, for phrase matching."""
    return " ".join(text.casefold().split())


def extract(fragment: str) -> PageText:
    """The :class:`PageText` of a rendered content fragment."""
    if not fragment.strip():
        return EMPTY
    root = etree.HTML(fragment)
    if root is None:
        return EMPTY
    scripts = tuple(_scripts(root))
    mailto = tuple(_mailto(root))
    forms = tuple(_form(form) for form in root.iter("form"))
    etree.strip_elements(root, *SKIPPED, with_tail=False)
    for element in root.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if tag == "br":
            element.tail = _BREAK + (element.tail or "")
        elif tag in PROSE_BLOCKS or tag in OTHER_BLOCKS:
            mark = _PROSE if tag in PROSE_BLOCKS else _OTHER
            element.text = mark + (element.text or "")
            element.tail = _END + (element.tail or "")
    lines: list[str] = []
    prose: list[str] = []
    in_prose = False
    for part in _MARKS_RE.split("".join(root.itertext())):
        if part in (_PROSE, _OTHER, _END):
            in_prose = part == _PROSE
            continue
        block = [_SPACES_RE.sub(" ", line).strip() for line in part.split(_BREAK)]
        block = [line for line in block if line]
        if not block:
            continue
        lines.extend(block)
        if in_prose:
            prose.append("\n".join(block))
    return PageText("\n".join(lines), tuple(prose), mailto, forms, scripts)


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


def _field_name(field: etree._Element, labels: dict[str, str]) -> str:
    label = labels.get(field.get("id") or "")
    if not label:
        node = field.getparent()
        while node is not None and node.tag not in ("label", "form"):
            node = node.getparent()
        if node is not None and node.tag == "label":
            label = " ".join("".join(node.itertext()).split())
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
    labels = {
        label.get("for") or "": " ".join("".join(label.itertext()).split())
        for label in form.iter("label")
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


class Texts:
    """One :class:`PageText` per document, made on first use in a build."""

    def __init__(self) -> None:
        self._cache: dict[int, tuple[Document, PageText]] = {}

    def of(self, doc: Document) -> PageText:
        entry = self._cache.get(id(doc))
        if entry is None or entry[0] is not doc:
            entry = (doc, extract(doc.html))
            self._cache[id(doc)] = entry
        return entry[1]
