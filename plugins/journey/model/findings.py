"""Findings: what the coverage rules report, and when a build fails."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from .records import Record

FAIL_LEVELS = ("error", "warning", "never")
# Exit statuses of a build and of the command line (README, "Exit status").
EXIT_OK = 0
EXIT_REPORTS = 1  # the reports could not be written
EXIT_BAD_INPUT = 2  # a wrong setting or bad command-line input
EXIT_FINDINGS = 3  # findings at or above JOURNEY_FAIL_ON
# The formats ``pelican-journey check --format`` prints.
CHECK_FORMATS = ("text", "json", "junit", "github", "sarif", "gitlab")
_RANK = {"warning": 1, "error": 2}


class Finding(Record):
    """One problem found in one build.

    Its identity (:attr:`key`) is rule + source + subject, so it survives
    unrelated edits to the file: no line numbers, no message text.

    ``field`` (the metadata field it is about, e.g. ``"cta"``) and ``quote``
    (text of the source it is about, e.g. a link target) only help to find
    its :attr:`line`; they are not part of its identity.
    """

    __slots__ = (
        "baselined",
        "field",
        "line",
        "message",
        "phase",
        "quote",
        "rule",
        "severity",
        "source",
        "subject",
    )
    _fields = (
        "rule",
        "severity",
        "message",
        "source",
        "phase",
        "subject",
        "baselined",
        "line",
        "field",
        "quote",
    )
    __repr__ = object.__repr__  # as the dataclass (repr=False) it replaces
    rule: str
    severity: str  # "error" or "warning"
    message: str
    source: str | None  # path relative to the site root, "/"-separated
    phase: str | None
    subject: str
    baselined: bool
    line: int | None
    field: str | None
    quote: str | None

    def __init__(
        self,
        rule: str,
        severity: str,
        message: str,
        source: str | None,
        phase: str | None = None,
        subject: str = "",
        baselined: bool = False,
        line: int | None = None,
        field: str | None = None,
        quote: str | None = None,
    ) -> None:
        self.rule = rule
        self.severity = severity
        self.message = message
        self.source = source
        self.phase = phase
        self.subject = subject
        self.baselined = baselined
        self.line = line
        self.field = field
        self.quote = quote

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.rule, self.source or "", self.subject)

    @property
    def fingerprint(self) -> str:
        """A stable hash of :attr:`key`, for CI systems that track findings."""
        text = "\x00".join(self.key)
        # surrogateescape: a file name that is not UTF-8 hashes as its bytes
        return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()

    def as_dict(self) -> dict[str, object]:
        """The finding as it appears in ``report.json``."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "source": self.source,
            "phase": self.phase,
            "baselined": self.baselined,
            "line": self.line,
        }

    def log_line(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"[{self.rule}] {where}{self.message}"


def fails(finding: Finding, fail_on: str) -> bool:
    """Whether this finding fails a build whose ``JOURNEY_FAIL_ON`` is ``fail_on``."""
    if fail_on == "never" or finding.baselined:
        return False
    return _RANK.get(finding.severity, 0) >= _RANK[fail_on]


def failing(findings: Iterable[Finding], fail_on: str) -> list[Finding]:
    return [f for f in findings if fails(f, fail_on)]
