"""``pelican-journey funnel``: the phase funnel of a visitor-statistics export.

It reads the site's settings and content the way a build does (Pelican's
readers, so every URL and phase is right) but renders and writes nothing:
no page, no report. The export is ``--analytics PATH`` (relative to the
current folder) or else ``JOURNEY_ANALYTICS`` from the settings.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Any

from ..analysis import read_analytics
from ..analytics.errors import AnalyticsError
from ..analytics.figures import Analytics
from ..model.settings import JourneyConfig, SettingsError, load_config
from ..model.text import text
from ..report.funnel import funnel_rows, label
from ..rules import REGISTRY
from ..site.index import SiteIndex, build_index
from .runner import SiteError, read_site_settings, settings_path

EXIT_OK = 0


def read_index(site: dict[str, Any], config: JourneyConfig) -> SiteIndex:
    """The site index from Pelican's readers, without writing anything."""
    from pelican import Pelican  # noqa: PLC0415 - heavy import

    with contextlib.redirect_stdout(sys.stderr):
        pelican = Pelican(site)
        context = site.copy()
        context["generated_content"] = {}
        context["static_links"] = set()
        context["static_content"] = {}
        context["localsiteurl"] = site.get("SITEURL", "")
        generators = [
            cls(
                context=context,
                settings=site,
                path=pelican.path,
                theme=pelican.theme,
                output_path=pelican.output_path,
            )
            for cls in pelican._get_generator_classes()
        ]
        for generator in generators:
            if hasattr(generator, "generate_context"):
                generator.generate_context()
    return build_index(generators, config, context)


def funnel(settings: str | Path | None, analytics: str | Path | None = None) -> int:
    """Print the funnel; return 0, or raise :class:`SiteError` (exit 2)."""
    path = settings_path(settings)
    site = read_site_settings(path)
    if analytics is not None:
        site["JOURNEY_ANALYTICS"] = str(Path(analytics).resolve())
    try:
        config = load_config(site, path.parent, rules=REGISTRY)
    except SettingsError as error:
        raise SiteError(str(error)) from None
    lang = config.lang
    if config.analytics is None:
        raise SiteError(text("analytics-none", lang))
    if not config.analytics.exists():
        raise SiteError(
            AnalyticsError("analytics-missing", path=config.analytics).message(lang)
        )
    index = read_index(site, config)
    try:
        result = read_analytics(index)
    except AnalyticsError as error:
        raise SiteError(error.message(lang)) from None
    print_funnel(result, config)
    return EXIT_OK


def print_funnel(analytics: Analytics, config: JourneyConfig) -> None:
    """The funnel as a table on standard output (rich)."""
    from rich.console import Console  # noqa: PLC0415 - only for output
    from rich.table import Table  # noqa: PLC0415

    lang = config.lang
    max_rate = config.rules["drop-off"].options["max_rate"]
    rows = funnel_rows(analytics, config.model, lang, max_rate)
    period = (
        f"{analytics.start} \u2013 {analytics.end}"
        if analytics.start
        else label("unknown-period", lang)
    )
    table = Table(
        title=f"{label('funnel', lang)} ({analytics.source}, {period})",
        title_justify="left",
    )
    table.add_column(label("phase", lang))
    for key in ("visits", "onward", "drop-off", "pageviews", "entries", "exits"):
        table.add_column(label(key, lang), justify="right")
    for row in rows:
        drop = row.drop_text
        table.add_row(
            f"{row.index}. {row.label}",
            str(row.visits),
            row.onward_text,
            f"[bold red]{drop}[/]" if row.too_many else drop,
            str(row.pageviews),
            str(row.entries),
            str(row.exits),
        )
    out = sys.stdout
    console = Console(file=out, highlight=False, width=None if out.isatty() else 120)
    console.print(table)
    if not analytics.has_visits:
        console.print(label("per-page", lang))
    if analytics.unmatched_pageviews:
        console.print(
            f"{label('unmatched', lang)}: "
            + label("unmatched-desc", lang).format(count=analytics.unmatched_pageviews)
        )
        for path, count in analytics.top_unmatched:
            console.print(f"  {path}: {count}", markup=False)
    if analytics.skipped:
        console.print(label("skipped", lang).format(count=analytics.skipped))
