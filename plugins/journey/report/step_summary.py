"""The GitHub Actions job summary: coverage and every finding, as Markdown.

GitHub shows only the first annotations of a step; the job summary (the file
named by ``GITHUB_STEP_SUMMARY``) shows everything. A build appends the
coverage table and all findings, grouped by severity, as real Markdown
tables with every cell escaped.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.text import coverage_line, text
from .atomic import printable
from .ci import Locator

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..model.findings import Finding

ENV = "GITHUB_STEP_SUMMARY"
# GitHub refuses a step summary above 1 MiB; stay well below it.
MAX_BYTES = 900_000
# Characters that could start markup inside a table cell (GFM: any ASCII
# punctuation may be escaped with a backslash).
_MD_SPECIAL = frozenset("\\`*_[]<>|~&$")


def md_cell(value: object) -> str:
    """``value`` as the text of one Markdown table cell: nothing in it is markup."""
    flat = " ".join(str(value).split())
    return "".join(f"\\{ch}" if ch in _MD_SPECIAL else ch for ch in flat) or " "


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _file_cell(finding: Finding, locator: Locator, blob: str | None) -> tuple[str, str]:
    if not finding.source:
        return "", ""
    path = locator.path(finding.source)
    line = str(finding.line) if finding.line is not None else ""
    cell = md_cell(path)
    if blob and not path.startswith("/"):
        anchor = f"#L{finding.line}" if finding.line is not None else ""
        target = f"{blob}/{path}{anchor}".replace(" ", "%20").replace(")", "%29")
        cell = f"[{cell}]({target})"
    return cell, line


def _blob_url(environ: Mapping[str, str]) -> str | None:
    """The base URL of the build's files on GitHub, from the runner's variables."""
    server = environ.get("GITHUB_SERVER_URL")
    repo = environ.get("GITHUB_REPOSITORY")
    sha = environ.get("GITHUB_SHA")
    if server and repo and sha:
        return f"{server.rstrip('/')}/{repo}/blob/{sha}"
    return None


def step_summary(analysis: Analysis, environ: Mapping[str, str] | None = None) -> str:
    """The Markdown the build appends to the job summary."""
    env = os.environ if environ is None else environ
    config = analysis.config
    lang = config.lang
    summary = analysis.summary()
    counts = analysis.index.phase_counts()
    findings = analysis.findings
    baselined = sum(f.baselined for f in findings)
    per_phase = dict.fromkeys(counts, 0)
    for finding in findings:
        if not finding.baselined and finding.phase in per_phase:
            per_phase[finding.phase] += 1
    phases = " → ".join(p.label(lang) for p in config.model.phases)
    out = [
        f"## {md_cell(text('summary-title', lang, phases=phases))}",
        "",
        _row(
            [
                "#",
                md_cell(text("summary-phase", lang)),
                md_cell(text("summary-count", lang)),
                md_cell(text("summary-findings", lang)),
            ]
        ),
        "|---:|---|---:|---:|",
    ]
    for phase in config.model.phases:
        count = counts[phase.id]
        out.append(
            _row(
                [
                    str(phase.index),
                    md_cell(phase.label(lang)),
                    f"**{count}**" if count == 0 else str(count),
                    str(per_phase[phase.id] or ""),
                ]
            )
        )
    out += [
        "",
        md_cell(coverage_line(summary, lang)) + "  ",  # a hard line break
        md_cell(
            text(
                "summary-totals",
                lang,
                errors=summary["errors"],
                warnings=summary["warnings"],
                baselined=text("summary-baselined", lang, count=baselined)
                if baselined
                else "",
            )
        ),
        "",
    ]
    groups = (
        (
            "step-summary-errors",
            [f for f in findings if not f.baselined and f.severity == "error"],
        ),
        (
            "step-summary-warnings",
            [f for f in findings if not f.baselined and f.severity != "error"],
        ),
        ("step-summary-baselined", [f for f in findings if f.baselined]),
    )
    if not findings:
        out += [md_cell(text("check-clean", lang)), ""]
    locator = Locator.for_analysis(analysis)
    blob = _blob_url(env)
    size = sum(len(line.encode(errors="replace")) + 1 for line in out)
    header = _row(
        [
            md_cell(text("step-summary-rule", lang)),
            md_cell(text("step-summary-file", lang)),
            md_cell(text("step-summary-line", lang)),
            md_cell(text("step-summary-message", lang)),
        ]
    )
    left_out = 0
    for key, group in groups:
        if not group:
            continue
        out += [f"### {md_cell(text(key, lang, count=len(group)))}", "", header]
        out.append("|---|---|---:|---|")
        for finding in group:
            if size >= MAX_BYTES:
                left_out += 1
                continue
            cell, line = _file_cell(finding, locator, blob)
            row = _row([f"`{finding.rule}`", cell, line, md_cell(finding.message)])
            size += len(row.encode(errors="replace")) + 1
            out.append(row)
        out.append("")
    if left_out:
        out += [md_cell(text("step-summary-left-out", lang, count=left_out)), ""]
    return "\n".join(out) + "\n"


def append_step_summary(
    analysis: Analysis, environ: Mapping[str, str] | None = None
) -> Path | None:
    """Append :func:`step_summary` to ``$GITHUB_STEP_SUMMARY`` if it is set.

    Returns the file written, or None. An unwritable file raises ``OSError``.
    """
    env = os.environ if environ is None else environ
    target = env.get(ENV, "").strip()
    if not target:
        return None
    path = Path(target)
    with path.open("a", encoding="utf-8", newline="\n") as handle:
        handle.write(printable(step_summary(analysis, env)))
    return path
