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
# Rules a baseline never accepts: placeholder text must be replaced, not
# accepted (a fresh ``init`` site would otherwise publish it).
NEVER_BASELINED = frozenset({"starter-text"})


def acceptable(findings: Iterable[Finding]) -> list[Finding]:
    """The findings a baseline may accept (not those of :data:`NEVER_BASELINED`)."""
    return [f for f in findings if f.rule not in NEVER_BASELINED]


def entries(
    findings: Iterable[Finding], keep: Iterable[Key] = ()
) -> list[dict[str, str | None]]:
    """The baseline entries of these findings (and ``keep``): unique, sorted."""
    keys = sorted({f.key for f in acceptable(findings)} | set(keep))
    return [
        {"rule": rule, "source": source or None, "subject": subject}
        for rule, source, subject in keys
        if rule not in NEVER_BASELINED
    ]


def dumps(findings: Iterable[Finding], keep: Iterable[Key] = ()) -> str:
    """The baseline file's text for these findings (and the entries ``keep``)."""
    data = {"version": VERSION, "findings": entries(findings, keep)}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write(path: Path, findings: Iterable[Finding], keep: Iterable[Key] = ()) -> int:
    """Write the baseline file atomically; return the number of entries."""
    text = dumps(findings, keep)
    write_atomic(path, text)
    return len(json.loads(text)["findings"])


def stale(accepted: Iterable[Key], findings: Iterable[Finding]) -> list[Key]:
    """Baseline entries that match no finding of today (sorted)."""
    today = {f.key for f in findings}
    return sorted(key for key in set(accepted) if key not in today)


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
        finding.baselined = (
            finding.key in accepted and finding.rule not in NEVER_BASELINED
        )
