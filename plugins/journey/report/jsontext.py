"""JSON text of the reports: the C encoder, one record a line, in chunks.

``json.dumps(..., indent=2)`` makes CPython fall back to its pure-Python
encoder and builds the whole text in memory; a 1,000-page ``report.json``
took most of the reports' CPU that way. Here containers that hold other
containers are laid out two spaces an indent level, as before, and every
record (an object or array with nothing but plain values and such records
inside: a content entry, a finding, a summary) is one line written by the C
encoder. The JSON value is the same as ``json.dumps`` gives (``ensure_ascii``
off, so text stays readable); only the whitespace differs.

An iterator stands for an array whose items are made only when written, so
a large array of records is never in memory at once.
"""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable, Iterable, Iterator
from typing import Any

_key: Callable[[str], str] = json.encoder.encode_basestring  # ensure_ascii off


def _encoder() -> Callable[[Any], str]:
    """One line of JSON, as ``json.dumps(value, ensure_ascii=False)`` writes it.

    The C encoder made once, where ``json.dumps`` makes one per call (a
    third of its time for a small record); the pure-Python one where there
    is no C accelerator.
    """
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - CPython always has it
        return json.JSONEncoder(ensure_ascii=False).encode
    encode = make(
        None,  # no check for circular references: reports have none
        json.JSONEncoder().default,  # TypeError for what JSON cannot hold
        _key,
        None,  # no indent
        ": ",
        ", ",
        False,  # sort_keys
        False,  # skipkeys
        True,  # allow_nan
    )

    def one_line(value: Any) -> str:
        if isinstance(value, str):
            return _key(value)
        return "".join(encode(value, 0))

    return one_line


_encode = _encoder()


def one_line(value: Any) -> str:
    """``value`` as one line of JSON (``json.dumps(value, ensure_ascii=False)``)."""
    return _encode(value)


class Encoded:
    """An array whose items are JSON text already, one line each.

    Made only when written, like an iterator; for records a report writes
    faster than the encoder would (``reports.py``: content entries).
    """

    __slots__ = ("lines",)

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = lines

    def __iter__(self) -> Iterator[str]:
        return iter(self.lines)


_CHUNK = 512  # pieces joined into one chunk for the writer
_SCALARS = (str, int, float, bool, type(None))
_PLAIN = frozenset(_SCALARS)  # exact types: the quick test


def _one_line(value: Any) -> bool:
    """Whether ``value`` is plain or a record (see the module doc)."""
    if type(value) in _PLAIN or isinstance(value, _SCALARS):
        return True
    if isinstance(value, dict):
        for item in value.values():
            if type(item) not in _PLAIN and not _one_line(item):
                return False
        return True
    if isinstance(value, list | tuple):
        return all(isinstance(item, _SCALARS) for item in value)
    return False  # an iterator: items one a line


def _pieces(value: Any, indent: str) -> Iterator[str]:
    """``value`` (not :func:`_one_line`) laid out at ``indent``."""
    inner = indent + "  "
    separator = "{\n" if isinstance(value, dict) else "[\n"
    if isinstance(value, dict):
        for key, item in value.items():
            name = _key(key) if isinstance(key, str) else _encode({key: 0})[1:-4]
            head = f"{separator}{inner}{name}: "
            if _one_line(item):
                yield head + _encode(item)
            else:
                yield head
                yield from _pieces(item, inner)
            separator = ",\n"
        yield f"\n{indent}}}"
        return
    if type(value) is Encoded:
        for line in value:
            yield separator + inner + line
            separator = ",\n"
        yield "[]" if separator == "[\n" else f"\n{indent}]"
        return
    for item in value:
        if _one_line(item):
            yield separator + inner + _encode(item)
        else:
            yield separator + inner
            yield from _pieces(item, inner)
        separator = ",\n"
    yield "[]" if separator == "[\n" else f"\n{indent}]"


def json_chunks(value: Any) -> Iterator[str]:
    """``value`` as JSON text with a final newline, in chunks of many lines."""
    if _one_line(value):
        yield _encode(value) + "\n"
        return
    batch: list[str] = []
    for piece in _pieces(value, ""):
        batch.append(piece)
        if len(batch) >= _CHUNK:
            yield "".join(batch)
            batch.clear()
    batch.append("\n")
    yield "".join(batch)


def json_text(value: Any) -> str:
    """``value`` as JSON text with a final newline (:func:`json_chunks`)."""
    return "".join(json_chunks(value))
