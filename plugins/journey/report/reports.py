"""Reports of one build: ``report.json``, ``junit.xml``, console, annotations.

Everything here reads an :class:`~.analysis.Analysis`; nothing re-reads what
Pelican parsed. Files go to ``JOURNEY_REPORT_PATH`` and are written as one
set (:func:`~.atomic.write_together`): all replaced together or none, so a
crash never leaves half a report, or a mix of two builds, for CI to read.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..model.text import coverage_line, text
from ..rules import REGISTRY
from .atomic import Chunks, printable, write_together
from .ci import Locator
from .codequality import CODE_QUALITY_NAME, code_quality_chunks
from .journey_map import MAP_FILE
from .jsontext import Encoded, json_chunks, json_text, one_line
from .sarif import SARIF_NAME, sarif_chunks
from .step_summary import ENV as STEP_SUMMARY_ENV
from .step_summary import append_step_summary

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from ..analysis import Analysis
    from ..model.findings import Finding
    from ..model.phases import Phase
    from ..site.index import Document

REPORT_VERSION = 1
JSON_NAME = "report.json"
JUNIT_NAME = "junit.xml"
# Set to False in the settings to keep a build quiet (the ``check`` command
# prints its own output): no console table, no workflow annotations.
CONSOLE_KEY = "_journey_console"

# Characters XML 1.0 forbids: C0 controls but tab/LF/CR, surrogates (a file
# name that is not UTF-8 arrives with them), U+FFFE and U+FFFF.
# All of them are unprintable (str.isprintable): a printable value, the usual
# one, needs no pass of the expression (nor its compilation).
XML_BAD = "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"


# -- report.json -------------------------------------------------------------


def report_data(analysis: Analysis) -> dict[str, Any]:
    """``report.json`` as a dict, exactly in the shape of SPEC §7."""
    data = _report_value(analysis, encoded=False)
    data["phases"] = list(data["phases"])
    return data


def _report_value(analysis: Analysis, encoded: bool = True) -> dict[str, Any]:
    """:func:`report_data` with the phases an iterator, each made when written.

    The content entries of one phase at a time are in memory, not all of them;
    ``encoded``: as their JSON text (:func:`_entry_text`), for the file.
    """
    config = analysis.config
    index = analysis.index

    in_phase: dict[str, list[Document]] = {p.id: [] for p in config.model.phases}
    for doc in index.counted():  # index.in_phase for every phase, in one pass
        phases = doc.phases
        if len(phases) == 1:  # most documents
            in_phase.setdefault(phases[0].id, []).append(doc)
            continue
        for phase_id in dict.fromkeys(p.id for p in phases):
            in_phase.setdefault(phase_id, []).append(doc)

    def phase_entry(phase: Phase) -> dict[str, Any]:
        docs = sorted(in_phase[phase.id], key=lambda d: (d.source, d.url))
        return {
            "id": phase.id,
            "label": phase.label(config.lang),
            "count": len(docs),
            "content": (
                Encoded(map(_entry_text, docs))
                if encoded and docs  # an empty list: the entry on one line
                else [_content_entry(d) for d in docs]
            ),
        }

    data = {
        "version": REPORT_VERSION,
        "model": config.model.id,
        "phases": map(phase_entry, config.model.phases),
        "findings": [f.as_dict() for f in analysis.findings],
        "summary": analysis.summary(),
    }
    if index.analytics is not None:
        data["analytics"] = index.analytics.as_dict()
    return data


def _content_entry(d: Document) -> dict[str, Any]:
    """A phase's content entry (SPEC §7)."""
    return {
        "title": d.title,
        "url": d.url,
        "source": d.source,
        "kind": d.kind,
        "mapped": d.mapped,
        "touchpoint": d.touchpoint,
        "touchpoint_inferred": d.touchpoint_inferred,
        "cta": _cta_entry(d),
    }


_JSON_WORDS = {True: "true", False: "false"}


def _entry_text(d: Document) -> str:
    """:func:`_content_entry` as one line of JSON, as the encoder writes it.

    Most entries have nothing JSON escapes (a quote, a backslash, a control
    character: what is not printable is left to the encoder): their values
    are put between quotes as they are, at a fraction of the encoder's work
    on a thousand entries.
    """
    title, url, source, kind = d.title, d.url, d.source, d.kind
    touchpoint, mapped, inferred = d.touchpoint, d.mapped, d.touchpoint_inferred
    cta = d.cta
    if cta is None:
        label = target = origin = ""
    else:
        label, target, origin = cta.label, cta.target.url, cta.origin
    if (
        type(mapped) is bool
        and type(inferred) is bool
        and (touchpoint is None or type(touchpoint) is str)
        and {
            type(title),
            type(url),
            type(source),
            type(kind),
            type(label),
            type(target),
            type(origin),
        }
        == {str}
    ):
        values = f"{title}{url}{source}{kind}{touchpoint or ''}{label}{target}{origin}"
        if '"' not in values and "\\" not in values and values.isprintable():
            place = "null" if touchpoint is None else f'"{touchpoint}"'
            link = (
                "null"
                if cta is None
                else f'{{"label": "{label}", "url": "{target}", "origin": "{origin}"}}'
            )
            return (
                f'{{"title": "{title}", "url": "{url}", "source": "{source}", '
                f'"kind": "{kind}", "mapped": {_JSON_WORDS[mapped]}, '
                f'"touchpoint": {place}, '
                f'"touchpoint_inferred": {_JSON_WORDS[inferred]}, "cta": {link}}}'
            )
    return one_line(_content_entry(d))


def _cta_entry(doc: Document) -> dict[str, str] | None:
    """A content entry's ``cta``: label, site-relative or external URL, origin."""
    cta = doc.cta
    if cta is None:
        return None
    return {"label": cta.label, "url": cta.target.url, "origin": cta.origin}


def report_json(analysis: Analysis) -> str:
    return json_text(_report_value(analysis))


def report_json_chunks(analysis: Analysis) -> Iterator[str]:
    """``report.json`` in chunks, made while they are written."""
    return json_chunks(_report_value(analysis))


# -- junit.xml ---------------------------------------------------------------


def _xml_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a non-UTF-8 file name
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _clean(value: str) -> str:
    """``value`` with what XML 1.0 forbids escaped as backslash-x codes."""
    if value.isprintable():
        return value
    return re.sub(XML_BAD, _xml_escape, value)


def junit_xml(analysis: Analysis) -> str:
    """One test case per enabled rule, one ``<failure>`` per live finding."""
    enabled = [
        rule_id
        for rule_id in REGISTRY
        if analysis.config.rules[rule_id].severity != "off"
    ]
    by_rule: dict[str, list[Finding]] = {rule_id: [] for rule_id in enabled}
    for finding in analysis.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    live = [f for f in analysis.findings if not f.baselined]
    attributes = {
        "name": "pelican-journey",
        "tests": str(len(by_rule)),
        "failures": str(len(live)),
        "errors": "0",
        "skipped": "0",
        "time": "0",
    }
    root = ET.Element(
        "testsuites", {k: attributes[k] for k in attributes if k != "skipped"}
    )
    suite = ET.SubElement(root, "testsuite", attributes)
    for rule_id, findings in by_rule.items():
        case = ET.SubElement(
            suite,
            "testcase",
            {"classname": "pelican-journey", "name": rule_id, "time": "0"},
        )
        accepted = []
        for finding in findings:
            if finding.baselined:
                accepted.append(finding.log_line())
                continue
            failure = ET.SubElement(
                case,
                "failure",
                {"type": finding.severity, "message": _clean(finding.log_line())},
            )
            details = [
                f"rule: {finding.rule}",
                f"severity: {finding.severity}",
                f"source: {finding.source or '-'}",
                f"phase: {finding.phase or '-'}",
                finding.message,
            ]
            failure.text = _clean("\n".join(details))
        if accepted:
            out = ET.SubElement(case, "system-out")
            out.text = _clean("\n".join(f"baselined: {line}" for line in accepted))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


# -- files -------------------------------------------------------------------


def report_files(analysis: Analysis) -> list[tuple[str, Chunks]]:
    """The report files of a build as (file name, text) pairs, not yet written.

    The JSON files come as chunks made while they are written (the findings
    can no longer change by then): a report's text is never whole in memory.
    """
    return [
        (JSON_NAME, report_json_chunks(analysis)),
        (JUNIT_NAME, junit_xml(analysis)),
        (SARIF_NAME, sarif_chunks(analysis)),
        (CODE_QUALITY_NAME, code_quality_chunks(analysis)),
    ]


def write_reports(
    analysis: Analysis,
    folder: Path | None = None,
    extra: Sequence[tuple[str, Chunks]] = (),
) -> list[Path]:
    """Write the report files (and ``extra`` ones) into ``folder`` as one set.

    ``folder`` defaults to ``JOURNEY_REPORT_PATH``. All files are replaced
    together or none is (:func:`~.atomic.write_together`); a failure raises
    :class:`~.atomic.ReportWriteError` naming the folder and the reason.
    """
    target = analysis.config.report_dir if folder is None else Path(folder)
    return write_together(target, [*report_files(analysis), *extra])


# -- console -----------------------------------------------------------------


def summary_table(analysis: Analysis) -> Table:
    """The short console summary: phases with counts and findings, then totals.

    Labels come from the user's settings: they are escaped, so Rich prints
    ``[b]`` as written instead of reading it as markup.
    """
    from rich.markup import escape  # noqa: PLC0415 - only when printing
    from rich.table import Table  # noqa: PLC0415 - only when printing

    config = analysis.config
    lang = config.lang
    counts = analysis.index.phase_counts()
    summary = analysis.summary()
    live = [f for f in analysis.findings if not f.baselined]
    baselined = len(analysis.findings) - len(live)
    per_phase = dict.fromkeys(counts, 0)
    for finding in live:
        if finding.phase in per_phase:
            per_phase[finding.phase] += 1
    coverage = coverage_line(summary, lang)
    totals = text(
        "summary-totals",
        lang,
        errors=summary["errors"],
        warnings=summary["warnings"],
        baselined=text("summary-baselined", lang, count=baselined) if baselined else "",
    )
    site_wide = sum(1 for f in live if f.phase not in per_phase)
    map_line = text("summary-map", lang, path=config.report_dir / MAP_FILE)
    title = escape(
        printable(
            text(
                "summary-title",
                lang,
                phases=" → ".join(p.label(lang) for p in config.model.phases),
            )
        )
    )
    if analysis.site_lang:
        title = escape(f"[{analysis.site_lang}] ") + title
    table = Table(
        title=title,
        caption=escape(printable(f"{coverage}\n{totals}\n{map_line}")),
        title_justify="left",
        caption_justify="left",
    )
    table.add_column("#", justify="right")
    table.add_column(text("summary-phase", lang))
    table.add_column(text("summary-count", lang), justify="right")
    table.add_column(text("summary-findings", lang), justify="right")
    for phase in config.model.phases:
        count = counts[phase.id]
        table.add_row(
            str(phase.index),
            escape(printable(phase.label(lang))),
            str(count) if count else "[bold red]0[/]",
            str(per_phase[phase.id] or ""),
        )
    if site_wide:
        # Findings of no phase (the whole site, pages without a phase): the
        # column adds up to the totals below it.
        table.add_row("", text("summary-site-wide", lang), "", str(site_wide))
    return table


def print_summary(analysis: Analysis, console: Console | None = None) -> None:
    """Print the summary table on Pelican's console (or the one given)."""
    if console is None:
        from pelican.log import console as pelican_console  # noqa: PLC0415

        console = pelican_console  # Pelican's rich console
    console.print(summary_table(analysis), soft_wrap=True)


# -- GitHub annotations ------------------------------------------------------


def in_github_actions(environ: Mapping[str, str] | None = None) -> bool:
    return (environ if environ is not None else os.environ).get(
        "GITHUB_ACTIONS", ""
    ).lower() == "true"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_annotations(analysis: Analysis) -> list[str]:
    """One workflow command per live finding (``::error …::`` / ``::warning …::``)."""
    live = [f for f in analysis.findings if not f.baselined]
    locator = Locator.for_analysis(analysis)
    lines = []
    for finding in live:
        level = "error" if finding.severity == "error" else "warning"
        properties = []
        if finding.source:
            path = locator.path(finding.source)
            properties.append(f"file={_escape_property(path)}")
            if finding.line is not None:
                properties.append(f"line={finding.line}")
        properties.append(
            f"title={_escape_property('pelican-journey ' + finding.rule)}"
        )
        lines.append(
            f"::{level} {','.join(properties)}::{_escape_data(finding.message)}"
        )
    return lines


def print_annotations(analysis: Analysis, stream: IO[str] | None = None) -> None:
    out = stream or sys.stdout
    for line in github_annotations(analysis):
        out.write(printable(line) + "\n")
    out.flush()


# -- the end of a build ------------------------------------------------------


def announce(analysis: Analysis) -> None:
    """The console table and, on GitHub Actions, the annotations and summary."""
    if analysis.index.context.get(CONSOLE_KEY, True) is False:
        return
    if analysis.started:  # else the one logged line says how to start
        print_summary(analysis)
    if in_github_actions():
        print_annotations(analysis)
    write_step_summary(analysis)


def write_step_summary(analysis: Analysis) -> None:
    """Append to ``$GITHUB_STEP_SUMMARY`` when set; a failure is one logged line."""
    try:
        append_step_summary(analysis)
    except OSError as error:
        logging.getLogger("pelican.plugins.journey").error(
            "%s",
            text(
                "step-summary-failed",
                analysis.config.lang,
                path=error.filename or os.environ.get(STEP_SUMMARY_ENV),
                error=error.strerror or error,
            ),
        )
