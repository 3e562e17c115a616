"""``pelican-journey check`` and ``pelican-journey baseline``.

Both run the site's real Pelican build (through :mod:`.runner`) into a
temporary output folder, so nothing is published, with the user's
``JOURNEY_FAIL_ON`` neutralised during the build: the command decides the
exit status itself. Reports still go to ``JOURNEY_REPORT_PATH``. The chosen
format goes to standard output; logs and the build's own chatter go to
standard error.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..analysis import Analysis
from ..model.findings import (
    CHECK_FORMATS,
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    EXIT_OK,
    failing,
)
from ..model.settings import SettingsError, check_fail_on
from ..model.text import text
from ..plugin import ANALYSE_ONLY_KEY
from ..report import baseline, reports
from ..report.atomic import printable
from ..report.codequality import code_quality_json
from ..report.sarif import sarif_json
from .runner import SiteError, read_site_settings, run_build, settings_path

DEFAULT_BASELINE = "journey-baseline.json"


def _build(site: dict[str, Any]) -> tuple[Analysis | None, int]:
    """Build quietly into a temporary folder; stdout is kept for the result.

    With ``i18n_subsites`` the other languages' analyses ride along on the
    main one (``subsites``), so the exit status covers every language.
    """
    with tempfile.TemporaryDirectory(prefix="pelican-journey-") as output:
        site["OUTPUT_PATH"] = output
        site["DELETE_OUTPUT_DIRECTORY"] = False
        site["JOURNEY_FAIL_ON"] = "never"
        site[reports.CONSOLE_KEY] = False
        site[ANALYSE_ONLY_KEY] = True  # no page is rendered or written
        with contextlib.redirect_stdout(sys.stderr):
            result = run_build(site)
    if result.analysis is not None:
        result.analysis.subsites = result.subsites
    return result.analysis, result.exit_code


def _stderr(message: str) -> None:
    sys.stderr.write(message + "\n")


def _build_or_code(site: dict[str, Any]) -> Analysis | int:
    analysis, code = _build(site)
    if code == EXIT_BAD_INPUT:
        return EXIT_BAD_INPUT  # the plugin already logged the one-line reason
    if analysis is None or code not in (EXIT_OK, EXIT_FINDINGS):
        lang = str(site.get("JOURNEY_LANG") or "en")
        _stderr(text("check-build-failed", lang if lang in ("nl", "en") else "en"))
        return EXIT_BAD_INPUT
    return analysis


def check(
    settings: str | Path | None, fmt: str = "text", fail_on: str | None = None
) -> int:
    """Check a site without publishing it; return 0, 3 (findings) or 2."""
    if fmt not in CHECK_FORMATS:
        raise SiteError(f"--format {fmt!r}: allowed: {', '.join(CHECK_FORMATS)}")
    path = settings_path(settings)
    site = read_site_settings(path, require_plugin=True)
    level = fail_on if fail_on is not None else site.get("JOURNEY_FAIL_ON", "error")
    # The build runs with JOURNEY_FAIL_ON neutralised, so check it here, with
    # the same declared check the plugin uses.
    where = "--fail-on" if fail_on is not None else "JOURNEY_FAIL_ON"
    try:
        level = check_fail_on(where, level)
    except ValueError as error:
        raise SiteError(str(error)) from None
    outcome = _build_or_code(site)
    if isinstance(outcome, int):
        return outcome
    analysis = outcome
    out = sys.stdout
    if fmt == "json":
        out.write(printable(reports.report_json(analysis)))
    elif fmt == "junit":
        out.write(printable(reports.junit_xml(analysis)))
    elif fmt == "github":
        for each in (analysis, *analysis.subsites):
            reports.print_annotations(each, out)
    elif fmt == "sarif":
        out.write(sarif_json(analysis))
    elif fmt == "gitlab":
        out.write(code_quality_json(analysis))
    else:
        _print_text(analysis)
        for other in analysis.subsites:
            out.write("\n")
            _print_text(other)
        if reports.in_github_actions():  # the pull request's diff shows them
            for each in (analysis, *analysis.subsites):
                reports.print_annotations(each, out)
    out.flush()
    reports.write_step_summary(analysis)
    every = [analysis, *analysis.subsites]
    bad = any(failing(a.findings, level) for a in every)
    return EXIT_FINDINGS if bad else EXIT_OK


def _print_text(analysis: Analysis) -> None:
    from rich.console import Console  # noqa: PLC0415 - only for text output

    out = sys.stdout
    for finding in analysis.findings:
        mark = "baselined" if finding.baselined else finding.severity
        out.write(printable(f"{mark}: {finding.log_line()}") + "\n")
    if not analysis.findings:
        out.write(text("check-clean", analysis.config.lang) + "\n")
    reports.print_summary(analysis, Console(file=out, highlight=False))


def _check_writable(target: Path) -> None:
    """Refuse a baseline path that cannot become a file, before building."""
    if target.is_dir():
        raise SiteError(
            f"JOURNEY_BASELINE: {str(target)!r} is a folder; give a file path"
        )
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise SiteError(
                    f"JOURNEY_BASELINE: {str(target)!r} cannot be written: "
                    f"{str(parent)!r} is a file, not a folder"
                )
            return


def write_baseline(settings: str | Path | None, *, prune: bool = False) -> int:
    """Write today's findings to the baseline file; return 0 (or 2).

    Entries of the existing file that match no finding any more are kept
    and listed as removable; with ``prune`` they are removed. ``starter-text``
    findings are never written (placeholder text must be replaced), and the
    output says how many were left out.
    """
    path = settings_path(settings)
    site = read_site_settings(path, require_plugin=True)
    configured = site.get("JOURNEY_BASELINE")
    if configured is not None and not (
        isinstance(configured, str | os.PathLike) and str(configured).strip()
    ):
        raise SiteError(
            f"JOURNEY_BASELINE: {configured!r} is not allowed; give a file path or None"
        )
    if configured is not None and "\x00" in str(configured):
        raise SiteError(
            f"JOURNEY_BASELINE: {str(configured)!r} is not allowed; "
            "a path cannot contain a NUL character"
        )
    target = path.parent / (str(configured) if configured else DEFAULT_BASELINE)
    _check_writable(target)
    site["JOURNEY_BASELINE"] = None  # today's findings, whatever the old file says
    outcome = _build_or_code(site)
    if isinstance(outcome, int):
        return outcome
    analysis = outcome
    # with i18n_subsites the baseline covers every language
    every = [f for a in (analysis, *analysis.subsites) for f in a.findings]
    lang = analysis.config.lang
    previous: frozenset[baseline.Key] = frozenset()
    if target.is_file():
        try:
            previous = baseline.load(target)
        except SettingsError as error:
            _stderr(text("baseline-replaced", lang, error=error))
    stale = baseline.stale(previous, every)
    keep = [] if prune else stale
    try:
        count = baseline.write(target, every, keep)
    except OSError as error:
        reason = error.strerror or str(error)
        raise SiteError(
            f"JOURNEY_BASELINE: {str(target)!r} cannot be written: {reason}"
        ) from None
    out = sys.stdout
    written = text("baseline-written", lang, count=count, path=target)
    out.write(printable(written) + "\n")
    skipped = [f for f in every if f.rule in baseline.NEVER_BASELINED]
    if skipped:
        out.write(text("baseline-starter-skipped", lang, count=len(skipped)) + "\n")
        for finding in skipped:
            out.write(printable(f"  {finding.log_line()}") + "\n")
    stale = [key for key in stale if key[0] not in baseline.NEVER_BASELINED]
    if stale:
        key = "baseline-pruned" if prune else "baseline-stale"
        out.write(text(key, lang, count=len(stale)) + "\n")
        for rule, source, subject in stale:
            out.write(printable(f"  [{rule}] {source or '-'}: {subject}") + "\n")
    if not configured:
        value = os.path.relpath(target, path.parent)
        out.write(printable(text("baseline-hint", lang, value=value)) + "\n")
    return EXIT_OK
