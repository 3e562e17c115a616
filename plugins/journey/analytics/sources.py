"""Finding and opening the export's files, and recognising their format.

An export is a file, a folder of files (rotated logs, an unpacked Plausible
export) or a zip (Plausible's export). Each file is opened as a text stream,
through gzip when it starts with gzip's magic bytes, decoded by its byte-order
mark (Matomo writes UTF-16), read line by line: never whole.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import os
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ..model.records import FrozenRecord
from .errors import AnalyticsError

ACCESS_LOG = "access-log"
PLAUSIBLE = "plausible"
GOATCOUNTER = "goatcounter"
MATOMO = "matomo"
FORMATS = (ACCESS_LOG, PLAUSIBLE, GOATCOUNTER, MATOMO)

# Plausible's export names its tables imported_<table>_<start>_<end>.csv.
PLAUSIBLE_TABLES = ("imported_pages", "imported_entry_pages", "imported_exit_pages")
_PLAUSIBLE_NAME = re.compile(r"^(?:imported_)?([a-z_]+?)(?:_(\d{8})_(\d{8}))?\.csv$")
_SNIFF_LINES = 20
_LINE_LIMIT = 64 * 1024

# Common or Combined Log Format: address, identity, user, [time], "request",
# status, size, then optionally "referer" "user agent" and anything else.
# The fast form has no escaped quotes (nginx writes a quote as \x22); Apache
# writes \" and such a line is matched by the slower CLF_ESCAPED.
CLF = re.compile(
    r'(\S+) \S+ \S+ \[([^\]]+)\] "([^"]*)" (\d{3}) \S+(?: "[^"]*" "([^"]*)")?'
)
CLF_ESCAPED = re.compile(
    r'(\S+) \S+ \S+ \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}) \S+'
    r'(?: "(?:[^"\\]|\\.)*" "((?:[^"\\]|\\.)*)")?'
)


class Unit(FrozenRecord):
    """One readable file of the export: a file on disk or a zip member."""

    _fields = ("path", "member")
    path: Path  # the file on disk (the zip for a member)
    member: str | None

    def __init__(self, path: Path, member: str | None = None) -> None:
        set_field = object.__setattr__
        set_field(self, "path", path)
        set_field(self, "member", member)

    @property
    def name(self) -> str:
        """How messages name it: the path, and the member of a zip."""
        return f"{self.path}:{self.member}" if self.member else str(self.path)

    @property
    def basename(self) -> str:
        return (self.member or self.path.name).rsplit("/", 1)[-1]


def _is_zip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def units(path: Path) -> list[Unit]:
    """Every file of the export, in name order (hidden files left out)."""
    if not path.exists():
        raise AnalyticsError("analytics-missing", path=path)
    if path.is_dir():
        files = sorted(
            p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")
        )
        found = [Unit(p) for p in files]
    elif _is_zip(path):
        try:
            with zipfile.ZipFile(path) as archive:
                names = sorted(
                    info.filename
                    for info in archive.infolist()
                    if not info.is_dir()
                    and not info.filename.rsplit("/", 1)[-1].startswith(".")
                )
        except (zipfile.BadZipFile, OSError) as error:
            raise AnalyticsError("analytics-bad-zip", path=path, error=error) from None
        found = [Unit(path, name) for name in names]
    else:
        found = [Unit(path)]
    if not found:
        raise AnalyticsError("analytics-empty-folder", path=path)
    return found


def _encoding(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    return "utf-8"


@contextmanager
def open_text(unit: Unit) -> Iterator[IO[str]]:
    """The unit as text lines (gzip undone, decoded by its byte-order mark).

    ``newline=""`` keeps quoted newlines inside CSV fields intact.
    """
    archive = zipfile.ZipFile(unit.path) if unit.member else None
    try:
        raw: Any = archive.open(unit.member) if archive and unit.member else None
        if raw is None:
            raw = unit.path.open("rb")
        buffered = raw if hasattr(raw, "peek") else io.BufferedReader(raw)
        if buffered.peek(2)[:2] == b"\x1f\x8b":
            buffered = io.BufferedReader(gzip.GzipFile(fileobj=buffered))
        encoding = _encoding(buffered.peek(4)[:4])
        stream = io.TextIOWrapper(
            buffered, encoding=encoding, errors="replace", newline=""
        )
        try:
            yield stream
        finally:
            stream.close()
    except (OSError, EOFError, zipfile.BadZipFile) as error:
        raise AnalyticsError(
            "analytics-unreadable", path=unit.name, error=_reason(error)
        ) from None
    finally:
        if archive is not None:
            archive.close()


def _reason(error: BaseException) -> str:
    return str(getattr(error, "strerror", None) or error)


class Sniffed(FrozenRecord):
    _fields = ("format", "table", "empty")
    format: str | None  # one of FORMATS, or None: not an export this reads
    table: str | None  # Plausible: pages, entry_pages, exit_pages, other
    empty: bool

    def __init__(
        self, format: str | None, table: str | None = None, empty: bool = False
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "format", format)
        set_field(self, "table", table)
        set_field(self, "empty", empty)


def _header(line: str) -> list[str]:
    try:
        cells = next(csv.reader([line]))
    except (csv.Error, StopIteration):
        return []
    return [c.strip().strip("\ufeff").lower() for c in cells]


def _csv_format(unit: Unit, cells: list[str]) -> Sniffed | None:
    if not cells:
        return None
    first = cells[0]
    version = re.fullmatch(r"(\d+)path", first)
    if version:
        if version.group(1) != "2":
            raise AnalyticsError(
                "analytics-goatcounter-version",
                path=unit.name,
                version=version.group(1),
            )
        return Sniffed(GOATCOUNTER)
    names = set(cells)
    if {"date", "page", "pageviews"} <= names:
        return Sniffed(PLAUSIBLE, "pages")
    if {"date", "entry_page"} <= names:
        return Sniffed(PLAUSIBLE, "entry_pages")
    if {"date", "exit_page"} <= names:
        return Sniffed(PLAUSIBLE, "exit_pages")
    if "nb_hits" in names or {"label", "nb_visits"} <= names:
        return Sniffed(MATOMO)
    if {"pageviews", "unique pageviews"} <= names:
        return Sniffed(MATOMO)  # the same report with translated column names
    match = _PLAUSIBLE_NAME.match(unit.basename)
    if "date" in names and unit.basename.startswith("imported_") and match:
        return Sniffed(PLAUSIBLE, "other")  # browsers, sources…: not used
    return None


def sniff(unit: Unit) -> Sniffed:
    """The format of one unit, from its first lines."""
    lines: list[str] = []
    with open_text(unit) as stream:
        try:
            while len(lines) < _SNIFF_LINES:
                line = stream.readline(_LINE_LIMIT)
                if not line:
                    break
                if line.strip():
                    lines.append(line.rstrip("\r\n"))
        except UnicodeError:
            return Sniffed(None)
    if not lines:
        return Sniffed(None, empty=True)
    found = _csv_format(unit, _header(lines[0]))
    if found is not None:
        return found
    if any(CLF.match(line) or CLF_ESCAPED.match(line) for line in lines):
        return Sniffed(ACCESS_LOG)
    return Sniffed(None)


def describe(path: Path, base: Path) -> str:
    """The export's path as reports show it: relative to the site when inside."""
    try:
        return (
            Path(os.path.relpath(path, base)).as_posix()
            if path.is_relative_to(base)
            else path.as_posix()
        )
    except ValueError:
        return path.as_posix()
