"""Where a finding is: the 1-based line of its metadata key or link in the source.

Pelican's readers hand over metadata without line numbers, so the line is
found in the source file itself, and only for documents that have a
finding: each such file is read once, whatever the number of its findings.
Markdown (``Key: value``, also between ``---`` lines), reST field lists
(``:key: value``) and HTML ``<meta name="key">`` are understood, with a
byte-order mark or CRLF line ends. A finding's line never takes part
in its identity (baseline, fingerprints).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.patterns import lazy_re

if TYPE_CHECKING:
    from ..model.findings import Finding

# Lines read before giving up on a header that never ends (a file without
# metadata, or a reST document whose field list comes late).
HEADER_LIMIT = 200
_MD_KEY = re.compile(r"^ {0,3}([A-Za-z0-9_-]+):")
_rst_key_re = lazy_re(r"^:([^:\s][^:]*):(?:\s|$)")
_html_meta_re = lazy_re(r"""<meta\s[^>]*?name\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_MARKDOWN = {".md", ".markdown", ".mkd", ".mdown", ".mdwn", ".mkdn", ".text"}
_RST = {".rst", ".rest"}
_HTML = {".html", ".htm"}


class Header:
    """The metadata keys of one source: key (lower case) -> its lines."""

    spans: dict[str, tuple[int, int]]  # first, last
    lines: list[str]  # the header's text lines
    path: Path | None
    # every line of the source, once read (for quotes from the text)
    text_lines: list[str] | None

    def __init__(
        self,
        spans: dict[str, tuple[int, int]] | None = None,
        lines: list[str] | None = None,
        path: Path | None = None,
        text_lines: list[str] | None = None,
    ) -> None:
        self.spans = {} if spans is None else spans
        self.lines = [] if lines is None else lines
        self.path = path
        self.text_lines = text_lines

    def key_line(self, names: Iterable[str]) -> int | None:
        found = [self.spans[n][0] for n in names if n in self.spans]
        return min(found) if found else None

    def quote_line(self, names: Iterable[str], quote: str) -> int | None:
        """The line, within the value of one of ``names``, that holds ``quote``."""
        needle = quote.casefold()
        for name in names:
            if name not in self.spans:
                continue
            first, last = self.spans[name]
            for number in range(first, last + 1):
                if needle in self.lines[number - 1].casefold():
                    return number
        return None

    def text_line(self, quote: str) -> int | None:
        """The first line of the whole source that holds ``quote``."""
        if self.text_lines is None:
            if self.path is None:
                return None
            self.text_lines = _read_lines(self.path)
        needle = quote.casefold()
        for number, line in enumerate(self.text_lines, 1):
            if needle in line.casefold():
                return number
        return None


def _read_lines(path: Path) -> list[str]:
    """The lines of a text file, without BOM or line ends."""
    try:
        data = path.read_bytes()
    except OSError:
        return []
    # utf-8-sig drops a BOM; CRLF and CR are line ends, as in universal newlines.
    text = data.decode("utf-8-sig", errors="replace")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines[-1]:
        lines.pop()  # the end of the last line, or of an empty file
    return lines


def _continue(spans: dict[str, tuple[int, int]], key: str | None, number: int) -> None:
    """Extend the value of ``key`` to line ``number`` if it ended just before."""
    if key is not None and spans[key][1] == number - 1:
        spans[key] = (spans[key][0], number)


def _markdown(lines: list[str]) -> dict[str, tuple[int, int]]:
    """Python-Markdown's meta block: the lines up to the first blank one."""
    spans: dict[str, tuple[int, int]] = {}
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and lines[start].strip() == "---":
        start += 1
    current: str | None = None
    for number in range(start + 1, len(lines) + 1):
        line = lines[number - 1]
        if not line.strip() or line.strip() in ("---", "..."):
            break
        match = _MD_KEY.match(line)
        if match:
            key = match.group(1).lower()
            current = key if key not in spans else None
            spans.setdefault(key, (number, number))
        elif line.startswith(("    ", "\t")):
            _continue(spans, current, number)
        else:
            break
    return spans


def _rst(lines: list[str]) -> dict[str, tuple[int, int]]:
    """The first field list of a reST document (its docinfo)."""
    spans: dict[str, tuple[int, int]] = {}
    current: str | None = None
    for number, line in enumerate(lines, 1):
        match = _rst_key_re().match(line)
        if match:
            key = match.group(1).strip().lower()
            current = key if key not in spans else None
            spans.setdefault(key, (number, number))
        elif not line.strip():
            current = None
        elif line.startswith((" ", "\t")):
            _continue(spans, current, number)
        elif spans:
            break  # the field list has ended
    return spans


def _html(lines: list[str]) -> dict[str, tuple[int, int]]:
    spans: dict[str, tuple[int, int]] = {}
    for number, line in enumerate(lines, 1):
        for match in _html_meta_re().finditer(line):
            spans.setdefault(match.group(1).lower(), (number, number))
        if "</head>" in line.lower():
            break
    return spans


def read_header(path: Path) -> Header:
    """The metadata header of one source file, with each key's lines."""
    text_lines = _read_lines(path)
    lines = text_lines[:HEADER_LIMIT]
    suffix = path.suffix.lower()
    if suffix in _MARKDOWN:
        spans = _markdown(lines)
    elif suffix in _RST:
        spans = _rst(lines)
    elif suffix in _HTML:
        spans = _html(lines)
    else:  # another reader: whichever way of writing keys finds some
        spans = _markdown(lines) or _rst(lines) or _html(lines)
    return Header(spans, lines, path, text_lines)


def finding_line(
    finding: Finding, header: Header, keys: Mapping[str, tuple[str, ...]]
) -> int | None:
    """The line of ``finding`` in the source whose ``header`` is given."""
    names = keys.get(finding.field or "phase", ())
    if finding.quote:
        if finding.field is not None:
            line = header.quote_line(names, finding.quote)
            if line is not None:
                return line
        else:
            line = header.text_line(finding.quote)
            if line is not None:
                return line
            names = keys.get("phase", ())
    return header.key_line(names)


def add_lines(
    findings: Iterable[Finding], base_dir: Path, keys: Mapping[str, tuple[str, ...]]
) -> None:
    """Fill ``finding.line`` for findings about a source file.

    ``keys`` maps each journey field (``phase``, ``cta`` …) to the metadata
    keys the site writes it with (aliases and renamed keys included).
    Site-level findings keep ``line = None``.
    """
    lowered = {name: tuple(k.lower() for k in ks) for name, ks in keys.items()}
    # One source at a time: its text is read once, for all its findings.
    by_source: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.source and finding.line is None:
            by_source.setdefault(finding.source, []).append(finding)
    for source, found in by_source.items():
        header = read_header(base_dir / source)
        for finding in found:
            finding.line = finding_line(finding, header, lowered)
