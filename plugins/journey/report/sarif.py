"""``report.sarif``: the findings as SARIF 2.1.0, for GitHub code scanning.

One run; its tool driver lists every rule of the registry (id, short and full
description, help text, a link to the rule's section of ``docs/rules.md``);
a result per finding with its level, message, file (relative to the
repository root) and line. Baselined findings stay in the log, marked with
SARIF's ``baselineState`` and an accepted external suppression, so code
scanning shows them as dismissed rather than losing them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from importlib import metadata
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..rules import REGISTRY
from .ci import Locator, fingerprints
from .jsontext import json_chunks, json_text

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..rules import Rule

SARIF_NAME = "report.sarif"
SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
    "sarif-schema-2.1.0.json"
)
TOOL_NAME = DISTRIBUTION = "pelican-journey"
# The rules' documentation; each rule has a section whose anchor is its id.
RULES_DOC_URL = (
    "https://github.com/pelican-journey/pelican-journey/blob/main/docs/rules.md"
)
FINGERPRINT_KEY = "pelicanJourneyFinding/v1"
SRCROOT = "%SRCROOT%"
_LEVELS = {"error": "error", "warning": "warning"}


def _plain(markdown: str) -> str:
    """Documentation text without Markdown code marks."""
    return markdown.replace("`", "")


def _first_paragraph(doc: str) -> str:
    """The doc's first paragraph on one line (the docs wrap their source lines)."""
    return " ".join(doc.strip().split("\n\n", 1)[0].split())


def _help_markdown(entry: Rule) -> str:
    lines = [entry.doc, "", f"Default severity: **{entry.severity}**."]
    if entry.options:
        lines += ["", "Options (in `JOURNEY_RULES`):", ""]
        lines += [
            f"- `{name}` (default `{option.default!r}`): {option.doc}"
            for name, option in entry.options.items()
        ]
    return "\n".join(lines)


def rule_descriptor(entry: Rule) -> dict[str, Any]:
    """A SARIF ``reportingDescriptor`` for one rule of the registry."""
    markdown = _help_markdown(entry)
    return {
        "id": entry.id,
        "name": "".join(part.capitalize() for part in entry.id.split("-")),
        "shortDescription": {"text": _plain(entry.finds())},
        "fullDescription": {"text": _plain(_first_paragraph(entry.doc))},
        "help": {"text": _plain(markdown), "markdown": markdown},
        "helpUri": f"{RULES_DOC_URL}#{entry.id}",
        "defaultConfiguration": {"level": _LEVELS.get(entry.severity, "none")},
        "properties": {"tags": ["customer-journey"]},
    }


def _version() -> dict[str, str]:
    """The installed distribution's version (none when run from a source tree)."""
    number = _installed_version()
    return {"version": number, "semanticVersion": number} if number else {}


@functools.cache
def _installed_version() -> str | None:
    """Read once a process: the code that runs is the code imported then."""
    try:
        found = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None
    # ``found.version`` parses the whole metadata file with the email parser
    # (the long description too): the header is read here when it is plain.
    text = found.read_text("METADATA") or found.read_text("PKG-INFO")
    version = _header_version(text or "")
    return version if version is not None else found.version


# A header line as the email parser reads one (a name of printable ASCII
# but ":", then ":"), or the continuation of the one before.
_HEADER_RE = re.compile(r"[\041-\071\073-\176]+:|[ \t]")


def _header_version(text: str) -> str | None:
    """The ``Version`` header of metadata ``text`` when plainly written, else None.

    None (the email parser decides) for anything unusual before it or in
    it: a carriage return, a line that is no header, a folded value.
    """
    if "\r" in text:
        return None
    lines = text.split("\n\n", 1)[0].split("\n")
    for number, line in enumerate(lines):
        if not line or _HEADER_RE.match(line) is None:
            return None
        name, _, value = line.partition(":")
        if name.lower() != "version" or line[0] in " \t":
            continue
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if following[:1] in (" ", "\t"):
            return None  # folded onto the next line
        value = value.lstrip(" \t")
        return value if value.isascii() else None
    return None


def _artifact(path: str) -> dict[str, str]:
    if PurePosixPath(path).is_absolute():  # outside the repository
        return {"uri": PurePosixPath(path).as_uri()}
    # surrogateescape: a file name that is not UTF-8 keeps its own bytes (%E9)
    return {"uri": quote(path, errors="surrogateescape"), "uriBaseId": SRCROOT}


def sarif_log(analysis: Analysis) -> dict[str, Any]:
    """The SARIF log of one build, as a dict."""
    locator = Locator.for_analysis(analysis)
    rule_index = {rule_id: n for n, rule_id in enumerate(REGISTRY)}
    compared = analysis.config.baseline is not None
    # Code scanning shows results on files: a site-level finding points at the
    # settings file, never at the content folder.
    site_is_file = locator.site_file is not None and locator.site_file.is_file()
    results = []
    for finding, fingerprint in zip(
        analysis.findings, fingerprints(analysis.findings), strict=True
    ):
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "level": _LEVELS.get(finding.severity, "note"),
            "message": {"text": finding.message},
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        }
        if finding.rule in rule_index:
            result["ruleIndex"] = rule_index[finding.rule]
        path = locator.finding_path(finding)
        if path is not None and (finding.source or site_is_file):
            physical: dict[str, Any] = {"artifactLocation": _artifact(path)}
            if finding.source and finding.line is not None:
                physical["region"] = {"startLine": finding.line}
            result["locations"] = [{"physicalLocation": physical}]
        if compared:
            result["baselineState"] = "unchanged" if finding.baselined else "new"
        if finding.baselined:
            result["suppressions"] = [
                {
                    "kind": "external",
                    "status": "accepted",
                    "justification": "listed in the baseline file (JOURNEY_BASELINE)",
                }
            ]
        properties = {"phase": finding.phase} if finding.phase else {}
        if properties:
            result["properties"] = properties
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        **_version(),
                        "informationUri": RULES_DOC_URL,
                        "rules": [
                            rule_descriptor(entry) for entry in REGISTRY.values()
                        ],
                    }
                },
                "originalUriBaseIds": {
                    SRCROOT: {"uri": locator.root.as_uri().rstrip("/") + "/"}
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def sarif_json(analysis: Analysis) -> str:
    return json_text(sarif_log(analysis))


def sarif_chunks(analysis: Analysis) -> Iterator[str]:
    """``report.sarif`` in chunks, made while they are written."""
    yield from json_chunks(sarif_log(analysis))
