"""Baselines: accept today's findings, fail only on new ones.

A baseline file is JSON::

    {"version": 1, "findings": [{"rule": …, "source": …, "subject": …}, …]}

Entries are a finding's identity (rule + source + subject, never a line
number or message text), sorted, so the file is stable under unrelated edits
and diffs well in version control.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..model.findings import Finding
from ..model.settings import SettingsError
from .atomic import write_atomic

VERSION = 1
Key = tuple[str, str, str]
# A baseline lists finding identities: megabytes at most. Reading stops here,
# so a wrong path (a device, a huge log) is one clear line, not a hung build.
MAX_BYTES = 64 * 1024 * 1024


def entries(findings: Iterable[Finding]) -> list[dict[str, str | None]]:
    """The baseline entries of these findings: unique, sorted."""
    keys = sorted({f.key for f in findings})
    return [
        {"rule": rule, "source": source or None, "subject": subject}
        for rule, source, subject in keys
    ]


def dumps(findings: Iterable[Finding]) -> str:
    """The baseline file's text for these findings."""
    data = {"version": VERSION, "findings": entries(findings)}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write(path: Path, findings: Iterable[Finding]) -> int:
    """Write the baseline file atomically; return the number of entries."""
    text = dumps(findings)
    write_atomic(path, text)
    return len(json.loads(text)["findings"])


def load(path: Path) -> frozenset[Key]:
    """The finding keys a baseline file accepts.

    A missing or malformed file raises :class:`SettingsError` with one line
    naming ``JOURNEY_BASELINE``, the file and the fault.
    """

    def fault(reason: str) -> SettingsError:
        return SettingsError(f"JOURNEY_BASELINE: {str(path)!r} {reason}")

    try:
        with path.open("rb") as handle:
            data_bytes = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        hint = "write it with `pelican-journey baseline -s SETTINGS`"
        raise fault(f"does not exist; {hint}") from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or error
        raise fault(f"cannot be read: {reason}") from None
    if len(data_bytes) > MAX_BYTES:
        raise fault(f"is larger than {MAX_BYTES // (1024 * 1024)} MB; not a baseline")
    try:
        raw = data_bytes.decode("utf-8")
    except UnicodeDecodeError as error:
        raise fault(f"is not UTF-8 text (byte {error.start})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise fault(f"is not valid JSON (line {error.lineno}: {error.msg})") from None
    except RecursionError:
        raise fault("is nested too deeply to be a baseline file") from None
    except ValueError as error:  # e.g. an integer of thousands of digits
        raise fault(f"is not a baseline file: {error}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise fault(f"is not a baseline file; expected {{'version': {VERSION}, …}}")
    items = data.get("findings")
    if not isinstance(items, list):
        raise fault("has no 'findings' list")
    keys: set[Key] = set()
    for number, item in enumerate(items, 1):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("rule"), str)
            or not isinstance(item.get("subject"), str)
            or not isinstance(item.get("source"), str | None)
        ):
            raise fault(
                f"entry {number} is not {{'rule': …, 'source': …, 'subject': …}}"
            )
        keys.add((item["rule"], item["source"] or "", item["subject"]))
    return frozenset(keys)


def apply(findings: Iterable[Finding], path: Path | None) -> None:
    """Mark the findings the baseline file at ``path`` accepts as baselined."""
    if path is None:
        return
    accepted = load(path)
    for finding in findings:
        finding.baselined = finding.key in accepted
