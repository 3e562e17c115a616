"""Atomic writes: a crash never leaves half a report, or half a set, behind.

:func:`write_atomic` replaces one file. :func:`write_together` replaces the
report files of one build as a set: every file is written into a staging
folder beside the report folder, and only when all of them are complete the
staging folder takes the report folder's place. A reader (or a crash, or a
full disk) sees either the previous build's complete set or the new one, never
a mix; a failure leaves the previous set untouched and raises
:class:`ReportWriteError` naming the folder and the reason.

The swap is an atomic exchange of the two folders (Linux ``renameat2`` with
``RENAME_EXCHANGE``); where that is not available, two renames (a crash
between them leaves no report folder and a complete ``.NAME.journey-old-*``
folder, never a mixed set). The folder swap is only done when the report
folder holds nothing but report files (and language subfolders of them);
otherwise the files are staged in the folder and replaced one after the
other, right after each other, once all are written.

Leftovers of an earlier crash (staging folders, old folders, ``.*.tmp``
files of this module) are removed before writing.
"""

from __future__ import annotations

import codecs
import contextlib
import ctypes
import errno
import os
import re
import secrets
import shutil
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

# Python keeps the bytes of a file name that is not valid UTF-8 as lone
# surrogates (PEP 383); no UTF-8 writer accepts them.
SURROGATE = "[\ud800-\udfff]"


def printable(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD, safe to write."""
    if len(text) > _CHECK_LIMIT:
        return re.sub(SURROGATE, "\ufffd", text)
    try:
        text.encode()  # UTF-8 fails on a lone surrogate only (and in C)
    except UnicodeEncodeError:
        return re.sub(SURROGATE, "\ufffd", text)
    return text


# Up to this length, a text is checked by encoding it (a copy): the lines of
# the console and the summary. Longer ones are searched without a copy.
_CHECK_LIMIT = 1 << 16


_REPLACEMENT = "\ufffd".encode()


def _surrogates_replaced(error: UnicodeError) -> tuple[bytes, int]:
    """Encoding error handler: what :func:`printable` writes, in the encoder.

    UTF-8 fails on lone surrogates only; each becomes U+FFFD. The text is not
    searched for them first: the C encoder finds them while it writes.
    """
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return _REPLACEMENT * (error.end - error.start), error.end


_ERRORS = "pelican-journey-surrogates"
codecs.register_error(_ERRORS, _surrogates_replaced)


# Names of the files the plugin writes into a report folder (any build).
REPORT_NAMES = frozenset(
    {
        "report.json",
        "junit.xml",
        "journey-map.html",
        "report.sarif",
        "gl-code-quality.json",
    }
)
# Temporary files of write_atomic, also of older versions (no random part).
_TEMP_FILE_PATTERN = r"^\..+\.\d+(\.[0-9a-f]{8})?\.tmp$"
_STAGE = ".journey-tmp-"
_OLD = ".journey-old-"

Chunks = str | Iterable[str]


class ReportWriteError(OSError):
    """The reports could not be written: ``folder`` and ``reason`` say why."""

    def __init__(self, folder: Path, reason: str) -> None:
        super().__init__(f"{folder}: {reason}")
        self.folder = folder
        self.reason = reason


def _temp_name(name: str) -> str:
    return f".{name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"


_WRITE_SIZE = 1 << 14  # characters gathered from small chunks before a write


def _write_chunks(path: Path, text: Chunks) -> None:
    # Lone surrogates are written as U+FFFD (:func:`printable`) by the encoder.
    with open(path, "x", encoding="utf-8", errors=_ERRORS, newline="\n") as handle:
        if isinstance(text, str):
            handle.write(text)
            return
        # A template yields a chunk per expression: gather them, so the
        # encoder and the write run once per 16k characters.
        gathered: list[str] = []
        size = 0
        for chunk in text:
            if len(chunk) >= _WRITE_SIZE:
                # Written as it is: joined with the small chunks before it,
                # it would only be copied (and encoded the slower way when it
                # has characters they have not).
                if gathered:
                    handle.write("".join(gathered))
                    gathered.clear()
                    size = 0
                handle.write(chunk)
                continue
            gathered.append(chunk)
            size += len(chunk)
            if size >= _WRITE_SIZE:
                handle.write("".join(gathered))
                gathered.clear()
                size = 0
        if gathered:
            handle.write("".join(gathered))


def write_atomic(path: Path, text: Chunks) -> None:
    """Write ``text`` (a string, or chunks streamed one by one) to ``path``.

    The text goes to a temporary file beside ``path`` that then replaces it
    in one step. The temporary file is created like any other file, so the
    result has the permissions the user's umask gives (a web server can read
    a map published in the site), not a private temporary file's 0600.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(_temp_name(path.name))
    try:
        _write_chunks(temp, text)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _exchange_function() -> object | None:
    """The C library's ``renameat2``, if this system has it."""
    # The symbols the process has loaded (``dlopen(NULL)``) include the C
    # library's: the same function as ``find_library("c")`` finds, without
    # that function's ``ldconfig`` child process and parsing at every import.
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    return function


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_RENAMEAT2 = _exchange_function()


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders; ``False`` if the system cannot."""
    if _RENAMEAT2 is None:
        return False
    result = _RENAMEAT2(  # type: ignore[operator]
        _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def clean_leftovers(folder: Path) -> None:
    """Remove what a crashed earlier write left beside and in ``folder``."""
    parent = folder.parent
    prefix = f".{folder.name}"
    if parent.is_dir():
        for entry in parent.iterdir():
            name = entry.name
            if name.startswith((prefix + _STAGE, prefix + _OLD)) and entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
    if folder.is_dir():
        for entry in folder.iterdir():
            if re.match(_TEMP_FILE_PATTERN, entry.name) and entry.is_file():
                entry.unlink(missing_ok=True)


def _only_reports(folder: Path) -> bool:
    """Whether ``folder`` holds report files only (also one level down)."""
    for entry in folder.iterdir():
        if entry.is_symlink():
            return False
        if entry.is_dir():
            if not all(
                sub.name in REPORT_NAMES and sub.is_file() and not sub.is_symlink()
                for sub in entry.iterdir()
            ):
                return False
        elif entry.name not in REPORT_NAMES:
            return False
    return True


def _writable(folder: Path) -> None:
    """Refuse a folder the user cannot write, or made read-only.

    A folder without any write permission bit is read-only on purpose, also
    for a user (root) whom the system would let write it anyway.
    """
    mode = folder.stat().st_mode
    if not os.access(folder, os.W_OK | os.X_OK) or not mode & 0o222:
        raise PermissionError(errno.EACCES, "the folder is read-only", str(folder))


def _swap_folders(folder: Path, files: Sequence[tuple[str, Chunks]]) -> None:
    token = f"{os.getpid()}-{secrets.token_hex(4)}"
    stage = folder.parent / f".{folder.name}{_STAGE}{token}"
    stage.mkdir()
    try:
        for name, text in files:
            _write_chunks(stage / name, text)
        if not folder.exists():
            os.rename(stage, folder)
            return
        mode = stat.S_IMODE(folder.stat().st_mode)
        os.chmod(stage, mode)
        # Subfolders (a language's reports) and report files this build
        # does not write stay: they move into the new folder before the swap.
        written = {name for name, _ in files}
        for entry in folder.iterdir():
            if entry.name not in written:
                os.rename(entry, stage / entry.name)
    except BaseException:
        _restore(stage, folder, {name for name, _ in files})
        raise
    if _exchange(stage, folder):
        shutil.rmtree(stage, ignore_errors=True)  # now the previous set
        return
    old = folder.parent / f".{folder.name}{_OLD}{token}"
    os.rename(folder, old)
    try:
        os.rename(stage, folder)
    except BaseException:
        os.rename(old, folder)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _restore(stage: Path, folder: Path, written: set[str]) -> None:
    """Put back what was moved into ``stage``; then remove ``stage``."""
    if stage.is_dir() and folder.is_dir():
        for entry in stage.iterdir():
            if entry.name not in written:
                with contextlib.suppress(OSError):
                    os.rename(entry, folder / entry.name)
    shutil.rmtree(stage, ignore_errors=True)


def _replace_in_place(folder: Path, files: Sequence[tuple[str, Chunks]]) -> None:
    temps: list[tuple[Path, Path]] = []
    try:
        for name, text in files:
            temp = folder / _temp_name(name)
            temps.append((temp, folder / name))
            _write_chunks(temp, text)
        for temp, target in temps:
            os.replace(temp, target)
    finally:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)


def write_together(folder: Path, files: Sequence[tuple[str, Chunks]]) -> list[Path]:
    """Write ``files`` (name, text or chunks) into ``folder`` as one set.

    Returns the written paths. Raises :class:`ReportWriteError` (nothing
    changed) when any of them cannot be written.
    """
    folder = Path(folder)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(folder)
        if folder.exists():
            if not folder.is_dir():
                raise NotADirectoryError(
                    errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder)
                )
            _writable(folder)
        parent_writable = os.access(folder.parent, os.W_OK | os.X_OK)
        if not folder.exists() or (parent_writable and _only_reports(folder)):
            _swap_folders(folder, files)
        else:
            _replace_in_place(folder, files)
    except ReportWriteError:
        raise
    except OSError as error:
        raise ReportWriteError(folder, str(error.strerror or error)) from None
    return [folder / name for name, _ in files]
