"""``pelican-journey suggest``: the command and its table."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from ...model.text import text
from ..runner import SiteError, settings_path
from .edit import Editor, Skip
from .scoring import CONFIDENT
from .site import Candidate, collect


def _decimal(value: float, lang: str) -> str:
    """Two decimals, with a decimal comma in Dutch."""
    shown = f"{value:.2f}"
    return shown.replace(".", ",") if lang == "nl" else shown


def _table(candidates: list[Candidate], lang: str, write: bool) -> Any:
    from rich.table import Table  # noqa: PLC0415 - only needed here
    from rich.text import Text  # noqa: PLC0415

    table = Table(title=text("suggest-title", lang), title_justify="left")
    for key in ("file", "title", "phase", "confidence", "words"):
        # A path is never cut: in a narrow terminal or a CI log it wraps.
        table.add_column(
            text(f"suggest-col-{key}", lang),
            overflow="fold" if key == "file" else "ellipsis",
            min_width=12 if key == "file" else None,
        )
    if write:
        table.add_column(text("suggest-col-result", lang))
    for item in candidates:
        proposal = item.proposal
        phase = proposal.phase
        shown = f"{phase.label(lang)} ({phase.id})" if phase else "-"
        row = [
            item.shown,
            item.title,
            shown,
            _decimal(proposal.confidence, lang),
            ", ".join(proposal.clues) or "-",
        ]
        if write:
            row.append(item.outcome)
        table.add_row(*(Text(cell) for cell in row))
    return table


def suggest(settings: str | Path | None, *, write: bool = False) -> int:
    """Propose phases for untagged documents; with ``write``, add the confident ones."""
    settings_file = settings_path(settings)
    with tempfile.TemporaryDirectory(prefix="pelican-journey-suggest-") as scratch:
        config, candidates, status, site = collect(settings_file, Path(scratch))
    if config is None:
        raise SiteError(f"{settings_file}: the site does not build (exit {status})")
    lang = config.lang

    from rich.console import Console  # noqa: PLC0415 - only needed here

    console = Console(highlight=False)
    if not candidates:
        console.print(text("suggest-none", lang), markup=False)
        return 0
    written = 0
    if write:
        editor = Editor(site)
        for item in candidates:
            proposal = item.proposal
            if not proposal.confident or proposal.phase is None:
                item.outcome = text(
                    "suggest-skip-unsure", lang, threshold=_decimal(CONFIDENT, lang)
                )
                continue
            try:
                editor.write_phase(item, proposal.phase.id)
            except Skip as skip:
                item.outcome = text(skip.key, lang, **skip.values)
                continue
            except Exception as error:  # noqa: BLE001 - one file never stops the rest
                item.outcome = text("suggest-not-changed-error", lang, error=error)
                continue
            item.outcome = text("suggest-written", lang, phase=proposal.phase.id)
            written += 1
    console.print(_table(candidates, lang, write))
    confident = sum(1 for c in candidates if c.proposal.confident)
    key = "suggest-summary-written" if write else "suggest-summary"
    console.print(
        text(
            key,
            lang,
            count=len(candidates),
            confident=confident,
            written=written,
            threshold=f"{CONFIDENT:.2f}",
        ),
        markup=False,
    )
    return 0
