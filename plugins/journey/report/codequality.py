"""``gl-code-quality.json``: the findings in GitLab's Code Quality format.

GitLab reads the report of a merge request's pipeline
(``artifacts:reports:codequality``) and shows what is new compared with the
target branch, in the merge request and on the changed lines. It matches
findings by ``fingerprint``, here the hash of the finding's identity
(rule, source, subject, as the baseline uses), so adding text to a page does
not turn its old findings into "new" ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .ci import Locator, fingerprints
from .jsontext import json_chunks, json_text

if TYPE_CHECKING:
    from ..analysis import Analysis

CODE_QUALITY_NAME = "gl-code-quality.json"
# GitLab's severities: info, minor, major, critical, blocker. A baselined
# finding is accepted for now: it is shown, as information.
SEVERITIES = {"error": "major", "warning": "minor"}
BASELINED = "info"


def code_quality(analysis: Analysis) -> list[dict[str, Any]]:
    """One Code Quality issue per finding."""
    locator = Locator.for_analysis(analysis)
    issues = []
    for finding, fingerprint in zip(
        analysis.findings, fingerprints(analysis.findings), strict=True
    ):
        severity = (
            BASELINED
            if finding.baselined
            else SEVERITIES.get(finding.severity, "minor")
        )
        path = locator.finding_path(finding) or "."  # no file at all: the root
        issues.append(
            {
                "description": finding.message,
                "check_name": finding.rule,
                "fingerprint": fingerprint,
                "severity": severity,
                "location": {"path": path, "lines": {"begin": finding.line or 1}},
            }
        )
    return issues


def code_quality_json(analysis: Analysis) -> str:
    return json_text(code_quality(analysis))


def code_quality_chunks(analysis: Analysis) -> Iterator[str]:
    """``gl-code-quality.json`` in chunks, made while they are written."""
    yield from json_chunks(code_quality(analysis))
