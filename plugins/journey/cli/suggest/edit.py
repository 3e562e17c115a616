"""Editing sources: add one phase line where that is proved safe.

An edit is made in three steps:

1. *Propose.* :func:`markdown_edits` / :func:`rest_edits` give the file's
   text with one ``Phase:`` line (Markdown) or ``:phase:`` field (reST)
   added, at the most natural place first (after the last metadata line, or
   the last line of the field list, continuation lines and multi-paragraph
   field bodies included), then at other places that may be valid. Every
   other byte stays: line endings, a UTF-8 BOM, order, indentation.
2. *Prove.* :class:`Editor` reads the original and each proposal with
   Pelican's own reader for the format, with the site's settings. A
   proposal is accepted only when the metadata Pelican reads from it equals
   what it read before plus the phase, and the content HTML is unchanged.
   When no proposal passes, the file is left alone and the reason is shown
   ("not changed: …").
3. *Write.* See :meth:`Editor.write_bytes`. The choice between atomicity and
   keeping the file itself:

   - A file with one link whose owner we can reproduce is replaced
     atomically: the new bytes go to a temporary file in the same folder,
     are flushed to disk, get the original's mode, owner, group and extended
     attributes, and then ``os.replace`` the original. Readers see the old
     or the new file, never a half one, also after a power cut.
   - A file with hard links (a rename would split them: the other names
     would keep the old text), or whose owner we could not give the new
     file back, is written in place: same inode, so mode, owner, ACLs and
     every link stay. The new bytes from the first changed byte on are
     written with one ``pwrite`` call after checking the file still holds
     exactly what was proved: a killed process cannot stop a single write
     to a regular file halfway; only a power cut during that call could.
   - A file the user could not write in place (no permission, or no write
     bit at all, as with 0444, also for root) is never written.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ...site.tagger import KEYS
from .site import Candidate

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")
REST_SUFFIXES = (".rst",)
BOM = b"\xef\xbb\xbf"
PHASE_KEYS = frozenset(key.casefold() for key in KEYS["phase"]) | {"phase", "fase"}


class Skip(Exception):
    """A file the command will not edit; the message key says why."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
# Python-Markdown's meta extension, after its tab expansion.
_MD_META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_MD_MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
_YAML_RE = re.compile(r"^-{3}(\s.*)?$")
_RST_FIELD_RE = re.compile(r"^:(?P<key>[^:\s][^:]*):(\s|$)")
_RST_ADORNMENT_RE = re.compile(r"^([!-/:-@\[-`{-~])\1*\s*$")
_RST_EXPLICIT_RE = re.compile(r"^\.\.(\s|$)")


def split_lines(value: str) -> list[str]:
    """Lines with their own endings (CRLF, LF or CR); nothing else splits."""
    lines = _LINE_RE.findall(value)
    if "".join(lines) != value:
        raise Skip("suggest-skip-layout")
    return lines


def _ending(lines: Sequence[str]) -> str:
    for line in lines:
        stripped = line.rstrip("\r\n")
        if stripped != line:
            return line[len(stripped) :]
    return "\n"


def _body(line: str) -> str:
    return line.rstrip("\r\n")


def _insert(lines: list[str], at: int, new: Iterable[str], eol: str) -> str:
    """The text with ``new`` lines inserted before line ``at``."""
    before = list(lines[:at])
    if before and not before[-1].endswith(("\n", "\r")):
        before[-1] += eol
    added = [line + eol for line in new]
    if at == len(lines) and lines and not lines[-1].endswith(("\n", "\r")):
        added[-1] = added[-1][: -len(eol)]
    return "".join([*before, *added, *lines[at:]])


# -- Markdown ----------------------------------------------------------------


def markdown_edits(source: str, phase_id: str) -> list[str]:
    """``source`` with a ``Phase:`` line, best place first.

    The metadata block is read as Python-Markdown's meta extension reads it:
    tabs expanded, ``Key: value`` lines, continuation lines indented four or
    more columns, up to the first blank line or other line.
    """
    lines = split_lines(source)
    if not lines or _YAML_RE.match(_body(lines[0])):
        raise Skip("suggest-skip-yaml" if lines else "suggest-skip-no-meta")
    end, keys = 0, []
    for index, line in enumerate(lines):
        body = _body(line).expandtabs(4)
        if not body.strip():
            break
        match = _MD_META_RE.match(body)
        if match:
            keys.append(match["key"])
        elif not (keys and _MD_MORE_RE.match(body)):
            break
        end = index + 1
    if not keys:
        raise Skip("suggest-skip-no-meta")
    if any(key.casefold() in PHASE_KEYS for key in keys):
        raise Skip("suggest-skip-has-phase")
    key = "phase" if all(k == k.lower() for k in keys) else "Phase"
    eol = _ending(lines)
    field = [f"{key}: {phase_id}"]
    return _unique([_insert(lines, end, field, eol), _insert(lines, 0, field, eol)])


# -- reStructuredText --------------------------------------------------------


def rest_edits(source: str, phase_id: str) -> list[str]:
    """``source`` with a ``:phase:`` field, best place first.

    Pelican reads a reST document's metadata from its docinfo: the first
    field list after the title (and subtitle), comments and other
    non-content before it allowed. The field goes at the end of that field
    list (after continuation lines and every paragraph of the last field's
    body); without a field list, a new one goes below the title or subtitle.
    """
    lines = split_lines(source)
    bodies = [_body(line) for line in lines]
    count = len(bodies)

    def blank(i: int) -> bool:
        return i >= count or not bodies[i].strip()

    def adornment(i: int) -> bool:
        return 0 <= i < count and bool(_RST_ADORNMENT_RE.match(bodies[i]))

    def text_line(i: int) -> bool:
        return 0 <= i < count and not blank(i) and not adornment(i)

    def indented(i: int) -> bool:
        return i < count and not blank(i) and bodies[i][:1] in {" ", "\t"}

    def skip_blank(i: int) -> int:
        while i < count and blank(i):
            i += 1
        return i

    def heading(i: int) -> int | None:
        """The line after a section title starting at ``i``, if one does."""
        if adornment(i) and text_line(i + 1) and adornment(i + 2):
            return i + 3
        if (
            text_line(i)
            and not indented(i)
            and not _RST_FIELD_RE.match(bodies[i])
            and adornment(i + 1)
        ):
            return i + 2
        return None

    def skip_explicit(i: int) -> int:
        """Past comments, targets, substitution definitions and their bodies."""
        while i < count and _RST_EXPLICIT_RE.match(bodies[i]):
            i += 1
            while i < count and (indented(i) or (blank(i) and indented(skip_blank(i)))):
                i += 1
            i = skip_blank(i)
        return i

    def field_list_end(i: int) -> tuple[int, list[str]]:
        keys: list[str] = []
        end = i
        while i < count:
            match = _RST_FIELD_RE.match(bodies[i])
            if match:
                keys.append(match["key"].strip())
            elif indented(i):
                pass
            elif blank(i) and indented(skip_blank(i)):
                i = skip_blank(i)
                continue
            else:
                break
            i += 1
            end = i
        return end, keys

    start = skip_blank(0)
    if start >= count:
        raise Skip("suggest-skip-no-meta")
    heads: list[int] = []
    after = heading(start)
    if after is not None:
        heads.append(after)
        subtitle = heading(skip_blank(after))
        if subtitle is not None:
            heads.append(subtitle)
    eol = _ending(lines)
    field = f":phase: {phase_id}"
    edits: list[str] = []
    for head in reversed(heads or [start]):
        first = skip_explicit(skip_blank(head))
        if first < count and _RST_FIELD_RE.match(bodies[first]):
            end, keys = field_list_end(first)
            if any(key.casefold() in PHASE_KEYS for key in keys):
                raise Skip("suggest-skip-has-phase")
            edits.append(_insert(lines, end, [field], eol))
    for head in reversed(heads):
        # A new field list below the title (or subtitle).
        if head >= count:
            edits.append(_insert(lines, count, ["", field], eol))
        elif blank(head):
            edits.append(_insert(lines, head + 1, [field, ""], eol))
        else:
            edits.append(_insert(lines, head, ["", field, ""], eol))
    if not edits:
        raise Skip("suggest-skip-rest-layout")
    return _unique(edits)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# -- bytes -------------------------------------------------------------------


def decode(data: bytes) -> tuple[bool, str]:
    """(has a BOM, the text) of a UTF-8 source; :class:`Skip` otherwise."""
    bom = data.startswith(BOM)
    try:
        return bom, (data[len(BOM) :] if bom else data).decode("utf-8")
    except UnicodeDecodeError:
        raise Skip("suggest-skip-encoding") from None


def phase_edits(data: bytes, phase_id: str, suffix: str) -> list[bytes]:
    """The file's bytes with the phase added, best place first."""
    bom, source = decode(data)
    suffix = suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        edited = markdown_edits(source, phase_id)
    elif suffix in REST_SUFFIXES:
        edited = rest_edits(source, phase_id)
    else:
        raise Skip("suggest-skip-format", suffix=suffix or "-")
    prefix = BOM if bom else b""
    return [prefix + text.encode("utf-8") for text in edited]


def add_phase(
    data: bytes,
    phase_id: str,
    suffix: str,
    prove: Callable[[bytes], str | None] | None = None,
) -> bytes:
    """The file's bytes with the phase added, every other byte kept.

    ``prove`` returns ``None`` for a safe edit, else why it is not; without
    it the best-placed edit is returned unproved.
    """
    edits = phase_edits(data, phase_id, suffix)
    if prove is None:
        return edits[0]
    reasons = []
    for edited in edits:
        reason = prove(edited)
        if reason is None:
            return edited
        reasons.append(reason)
    raise Skip("suggest-not-changed-unsafe", reason=reasons[0])


# -- proving with Pelican's reader -------------------------------------------


def _describe_difference(
    before: Mapping[str, Any], after: Mapping[str, Any], key: str
) -> str:
    for name in sorted(set(before) | set(after)):
        if name == key:
            continue
        if name not in after:
            return f"'{name}' would no longer be metadata"
        if name not in before:
            return f"'{name}' would become metadata"
        if before[name] != after[name]:
            return f"'{name}' would change"
    return f"'{key}' would not be read as the phase"


class Editor:
    """Proves and writes phase edits with Pelican's readers and these settings."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.settings = dict(settings)
        self._readers: Any = None

    def _reader(self, suffix: str) -> Any:
        if self._readers is None:
            from pelican.readers import Readers  # noqa: PLC0415 - heavy import

            self._readers = Readers(self.settings)
        reader = self._readers.readers.get(suffix.lower().lstrip("."))
        if reader is None:
            raise Skip("suggest-skip-format", suffix=suffix or "-")
        return reader

    def read(self, path: Path) -> tuple[str, dict[str, Any]]:
        """(content HTML, metadata) as Pelican's reader gives them for ``path``."""
        content, metadata = self._reader(path.suffix).read(str(path))
        return content, dict(metadata)

    def read_bytes(self, data: bytes, like: Path) -> tuple[str, dict[str, Any]]:
        """Read ``data`` as if it were the file ``like``.

        The copy goes beside ``like`` (so reST includes resolve the same way)
        under a name Pelican's default ``IGNORE_FILES`` skips, or into a
        private temporary folder when that folder cannot be written.
        """
        name = f".#{like.stem}.journey-check-{secrets.token_hex(4)}{like.suffix}"
        folder = like.parent
        if not os.access(folder, os.W_OK | os.X_OK):
            with tempfile.TemporaryDirectory(prefix="pelican-journey-") as scratch:
                copy = Path(scratch) / like.name
                copy.write_bytes(data)
                return self.read(copy)
        copy = folder / name
        try:
            with open(copy, "xb") as handle:
                handle.write(data)
            return self.read(copy)
        finally:
            copy.unlink(missing_ok=True)

    def prover(self, path: Path, phase_id: str) -> Callable[[bytes], str | None]:
        """A check for edits of ``path``: ``None`` when safe, else the reason."""
        try:
            content, metadata = self.read(path)
        except Exception as error:  # noqa: BLE001 - any reader failure
            raise Skip("suggest-not-changed-unreadable", error=error) from None
        if PHASE_KEYS & {str(k).casefold() for k in metadata}:
            raise Skip("suggest-skip-has-phase")

        def prove(edited: bytes) -> str | None:
            try:
                new_content, new_metadata = self.read_bytes(edited, path)
            except Exception as error:  # noqa: BLE001 - any reader failure
                return f"Pelican could not read the edited file ({error})"
            if new_content != content:
                return "the content would change"
            expected = {**metadata, "phase": phase_id}
            if new_metadata != expected:
                return _describe_difference(metadata, new_metadata, "phase")
            return None

        return prove

    def edit(self, path: Path, data: bytes, phase_id: str) -> bytes:
        """The proved edit of ``data`` (the bytes of ``path``), or :class:`Skip`."""
        phase_edits(data, phase_id, path.suffix)  # what it cannot edit: say so first
        return add_phase(data, phase_id, path.suffix, self.prover(path, phase_id))

    def write_phase(self, candidate: Candidate, phase_id: str) -> None:
        """Add the phase to the candidate's file, or raise :class:`Skip`."""
        if not candidate.inside:
            raise Skip("suggest-skip-outside")
        path = candidate.path
        try:
            data = path.read_bytes()
        except OSError as error:
            raise Skip("suggest-skip-error", error=error.strerror or error) from None
        digest = hashlib.sha256(data).hexdigest()
        if candidate.digest is None or digest != candidate.digest:
            raise Skip("suggest-skip-changed")
        writable(path)
        edited = self.edit(path, data, phase_id)
        write_bytes(path, data, edited)


# -- writing -----------------------------------------------------------------


def writable(path: Path) -> os.stat_result:
    """The file's status, or :class:`Skip` when the user could not write it."""
    try:
        status = path.stat()
    except OSError as error:
        raise Skip("suggest-skip-error", error=error.strerror or error) from None
    if not stat.S_ISREG(status.st_mode):
        raise Skip("suggest-not-changed-special")
    if not os.access(path, os.W_OK) or not status.st_mode & 0o222:
        raise Skip("suggest-not-changed-readonly")
    return status


def write_bytes(path: Path, original: bytes, edited: bytes) -> None:
    """Replace ``original`` by ``edited`` in ``path`` (module doc: how)."""
    status = writable(path)
    try:
        if status.st_nlink == 1 and _replace_atomically(path, status, original, edited):
            return
        _write_in_place(path, original, edited)
    except Skip:
        raise
    except OSError as error:
        raise Skip("suggest-skip-error", error=error.strerror or error) from None


def _check_unchanged(current: bytes, original: bytes) -> None:
    """The file must still hold exactly the bytes the edit was proved on."""
    if current != original:
        raise Skip("suggest-skip-changed")


def _same_owner_possible(status: os.stat_result) -> bool:
    return (status.st_uid, status.st_gid) == (os.geteuid(), os.getegid()) or (
        os.geteuid() == 0
    )


def _replace_atomically(
    path: Path, status: os.stat_result, original: bytes, edited: bytes
) -> bool:
    """Temporary file + ``os.replace``; ``False`` when that cannot keep the file."""
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK) or not _same_owner_possible(status):
        return False
    temp = folder / f".#{path.name}.journey-{secrets.token_hex(4)}.tmp"
    try:
        with open(temp, "xb") as handle:
            handle.write(edited)
            handle.flush()
            os.fsync(handle.fileno())
        shutil.copystat(path, temp)  # mode, flags, extended attributes
        os.utime(temp)  # but a new modification time: the content changed
        if (status.st_uid, status.st_gid) != (os.geteuid(), os.getegid()):
            os.chown(temp, status.st_uid, status.st_gid)
            os.chmod(temp, stat.S_IMODE(status.st_mode))  # chown drops set-id bits
        _check_unchanged(path.read_bytes(), original)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    return True


def _write_in_place(path: Path, original: bytes, edited: bytes) -> None:
    """Same inode: check, then one ``pwrite`` of everything from the first change."""
    same = next(
        (i for i, (a, b) in enumerate(zip(original, edited, strict=False)) if a != b),
        min(len(original), len(edited)),
    )
    descriptor = os.open(path, os.O_RDWR)
    try:
        _check_unchanged(b"".join(_read_all(descriptor)), original)
        tail = edited[same:]
        if os.pwrite(descriptor, tail, same) != len(tail):
            raise OSError(errno.EIO, "short write", str(path))
        if len(edited) < len(original):
            os.ftruncate(descriptor, len(edited))
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _read_all(descriptor: int) -> Iterator[bytes]:
    offset = 0
    while True:
        chunk = os.pread(descriptor, 1 << 16, offset)
        if not chunk:
            return
        offset += len(chunk)
        yield chunk
