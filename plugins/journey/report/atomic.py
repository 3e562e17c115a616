"""Atomic file writes: a crash never leaves half a report behind."""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterable
from pathlib import Path

# Python keeps the bytes of a file name that is not valid UTF-8 as lone
# surrogates (PEP 383); no UTF-8 writer accepts them.
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD, safe to write."""
    return _SURROGATE_RE.sub("\ufffd", text)


def write_atomic(path: Path, text: str | Iterable[str]) -> None:
    """Write ``text`` (a string, or chunks streamed one by one) to ``path``.

    The text goes to a temporary file beside ``path`` that then replaces it
    in one step. The temporary file is created like any other file, so the
    result has the permissions the user's umask gives (a web server can read
    a map published in the site), not a private temporary file's 0600.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temp, "x", encoding="utf-8", newline="\n") as handle:
            if isinstance(text, str):
                handle.write(printable(text))
            else:
                for chunk in text:
                    handle.write(printable(chunk))
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
