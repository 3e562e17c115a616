"""Pelican signal wiring: the only module that knows the signals.

- ``initialized``: validate the ``JOURNEY_*`` settings (exit 2 on a bad one);
- ``generator_init``: put the plugin's template partials on every Jinja loader;
- ``all_generators_finalized``: analyse the build, hand data to templates,
  add CTAs and next steps to content where the theme does not render them,
  write the reports and the journey map; a build that fails (findings at
  or above ``JOURNEY_FAIL_ON``: exit 3; reports not written: exit 1) stops
  here, before Pelican writes any page, except under ``--autoreload`` /
  ``--listen``, where the site keeps being served, and with
  ``i18n_subsites`` (below);
- ``finalized``: log findings and the summary of a build that passed (with
  ``i18n_subsites``: of every build, and fail it there).

Per-build state lives in :data:`_BUILDS`, keyed by the settings dict of the
Pelican instance, created when the generators are finalized and dropped when
the build is finalized: nothing carries over between ``--autoreload`` runs.

With ``i18n_subsites`` every language is a Pelican instance of its own, run
from inside the main site's ``get_writer`` signal with a copy of the main
settings. Each language writes its own reports (the main language in
``JOURNEY_REPORT_PATH``, every other one in a subfolder named after it, as
``i18n_subsites`` does with ``OUTPUT_PATH``) and its console lines name the
language. A subsite never ends the process itself: that would stop the main
site from being written; it hands its failing findings (and reports it could
not write) to the main site, whose ``finalized`` fails the build once every
language is written. So that every language's reports belong to the same
build, the main site does not stop early either: with ``i18n_subsites`` a
failing build fails at its end, after Pelican has written the pages.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader
from pelican import signals

from .analysis import Analysis, analyse
from .analytics.errors import AnalyticsError
from .model.findings import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_REPORTS, Finding
from .model.settings import (
    JourneyConfig,
    SettingsError,
    load_config,
    report_dir_in_output,
)
from .model.text import text
from .model.timing import timed
from .pelican_compat import (
    allow_repeated_warnings,
    autoreloading,
    in_server_mode,
    registering_settings,
    settings_file_from_stack,
)
from .render.inject import inject
from .report import baseline, reports
from .report.atomic import ReportWriteError, write_together
from .report.ci import SETTINGS_FILE_KEY
from .report.journey_map import map_file, publish_in_site
from .rules import REGISTRY
from .site.index import MAIN_LANG_KEY

logger = logging.getLogger("pelican.plugins.journey")
# A finding must be reported on every build, also under --autoreload.
allow_repeated_warnings(logger)

TEMPLATES = Path(__file__).parent / "render" / "templates"
CONFIG_KEY = "_journey_config"  # where the validated config rides in settings
SITE_ROOT_KEY = "_journey_site_root"  # set by the CLI; else found from argv
CAPTURE_KEY = "_journey_capture"  # a list the CLI passes to receive the analysis
# A dict the benchmark passes to receive the build's figures (stage timings,
# documents, findings) without keeping the analysis alive, as a capture does.
STATS_KEY = "_journey_stats"
# Set by ``pelican-journey check``: read and analyse, render and write nothing.
ANALYSE_ONLY_KEY = "_journey_analyse_only"
# The main site's state, shared with its i18n subsites (they copy its settings).
MAIN_KEY = "_journey_main"

_BUILDS: dict[int, tuple[Analysis, bool]] = {}


class JourneyExit(SystemExit):
    """Ends the build with a clean message already logged: no traceback."""


def site_root(settings: dict[str, Any]) -> Path:
    """The folder relative paths in ``JOURNEY_*`` settings start from."""
    explicit = settings.get(SITE_ROOT_KEY)
    if explicit:
        return Path(explicit).resolve()
    settings_file = settings_file_from_stack()
    if settings_file is not None:
        return settings_file.parent
    return Path.cwd().resolve()


def config_for(settings: dict[str, Any]) -> JourneyConfig:
    """The validated config of these settings (validated once, then reused)."""
    config = settings.get(CONFIG_KEY)
    if not isinstance(config, JourneyConfig):
        config = load_config(settings, site_root(settings), rules=REGISTRY)
        settings[CONFIG_KEY] = config
    return config


def subsite_main(settings: dict[str, Any]) -> dict[str, Any] | None:
    """The main site's shared state if these are an i18n subsite's settings."""
    main = settings.get(MAIN_KEY)
    if not isinstance(main, dict) or main.get("id") == id(settings):
        return None
    subsites = settings.get("I18N_SUBSITES")
    lang = settings.get("DEFAULT_LANG")
    if not isinstance(subsites, dict) or lang not in subsites or lang == main["lang"]:
        return None
    return main


def site_language(settings: dict[str, Any]) -> str | None:
    """The language of this (sub)site when ``i18n_subsites`` builds several."""
    if not settings.get("I18N_SUBSITES"):
        return None
    lang = settings.get("DEFAULT_LANG")
    return str(lang) if lang else None


def _settings_lang(settings: dict[str, Any]) -> str:
    """The message language when the settings themselves are wrong."""
    lang = settings.get("JOURNEY_LANG") or settings.get("DEFAULT_LANG") or "en"
    lang = str(lang)[:2].lower()
    return lang if lang in ("nl", "en") else "en"


def settings_failed(settings: dict[str, Any], error: SettingsError) -> None:
    """Report a wrong setting: exit 2, or under a server keep watching.

    ``pelican --autoreload`` (also with ``--listen``) catches no
    ``SystemExit``: exiting would end the server. There the site is built
    without the journey, the error is repeated on every build, and the build
    after the setting (or the baseline file) is fixed has the journey again.
    """
    if in_server_mode():
        lang = _settings_lang(settings)
        logger.error("%s", text("settings-autoreload", lang, error=error))
        return
    logger.error("pelican-journey: %s", error)
    raise JourneyExit(EXIT_BAD_INPUT)


def _valid_config(settings: dict[str, Any]) -> JourneyConfig:
    """The config, with its baseline file read once to check it."""
    config = config_for(settings)
    if config.baseline is not None:
        baseline.load(config.baseline)
    return config


def on_initialized(pelican_obj: Any) -> None:
    settings = pelican_obj.settings
    settings.pop(CONFIG_KEY, None)
    if not settings.get(SETTINGS_FILE_KEY):
        settings_file = settings_file_from_stack()
        settings[SETTINGS_FILE_KEY] = str(settings_file) if settings_file else None
    if autoreloading():
        return  # every build validates, reports and goes on (settings_failed)
    if not asked_in_settings(settings):
        # Loaded by namespace discovery only (PLUGINS unset): a site that has
        # not asked for the journey is not judged on settings it never chose
        # (e.g. the default report folder inside PATH = "."). If a document
        # turns out to have a phase, the settings are checked then.
        return
    try:
        config = _valid_config(settings)
    except SettingsError as error:
        settings_failed(settings, error)
        return
    if report_dir_in_output(config, settings):
        logger.warning(
            "%s",
            text(
                "report-in-output",
                config.lang,
                path=config.report_dir,
                output=settings.get("OUTPUT_PATH"),
            ),
        )
    main = subsite_main(settings)
    if main is None:
        settings[MAIN_KEY] = {
            "id": id(settings),
            "lang": settings.get("DEFAULT_LANG"),
            "report_dir": config.report_dir,
            "failing": [],  # (language, count) handed over by the subsites
            "unwritten": [],  # languages whose reports could not be written
        }
        settings[MAIN_LANG_KEY] = settings.get("DEFAULT_LANG")
    elif config.report_dir == main["report_dir"]:
        # A subsite without its own JOURNEY_REPORT_PATH: a subfolder per language.
        lang = str(settings.get("DEFAULT_LANG"))
        settings[CONFIG_KEY] = config.replace(report_dir=config.report_dir / lang)


_OWN_NAMES = {"journey", "pelican.plugins.journey", __package__}


NAMED_KEY = "_journey_named"  # whether the site's own PLUGINS names the plugin


def _named_in_plugins(settings: dict[str, Any]) -> bool:
    plugins = settings.get("PLUGINS")
    if plugins is None or isinstance(plugins, str):
        return False
    return any(
        (p if isinstance(p, str) else getattr(p, "__name__", "")) in _OWN_NAMES
        for p in plugins
    )


def _any_phase_metadata(generators: list[Any], keys: tuple[str, ...]) -> bool:
    for generator in generators:
        for name in (
            "articles",
            "translations",
            "drafts",
            "drafts_translations",
            "hidden_articles",
            "hidden_translations",
            "pages",
            "hidden_pages",
            "draft_pages",
        ):
            for obj in getattr(generator, name, ()) or ():
                metadata = getattr(obj, "metadata", None) or {}
                if any(metadata.get(key) for key in keys):
                    return True
    return False


def opted_in(settings: dict[str, Any], generators: list[Any]) -> bool:
    """Whether this site asked for the journey.

    Pelican loads every installed namespace plugin when ``PLUGINS`` is unset,
    so being loaded is not asking. A site asks by naming the plugin in
    ``PLUGINS``, by any ``JOURNEY_*`` setting, by a document with a phase, or
    by running ``pelican-journey`` on it.
    """
    if asked_in_settings(settings):
        return True
    return _any_phase_metadata(generators, ("phase", "fase"))


def asked_in_settings(settings: dict[str, Any]) -> bool:
    """Whether the settings alone ask for the journey (see :func:`opted_in`)."""
    if settings.get(NAMED_KEY, True) or CAPTURE_KEY in settings:
        return True
    return any(isinstance(k, str) and k.startswith("JOURNEY_") for k in settings)


def on_generator_init(generator: Any) -> None:
    loader = getattr(generator.env, "loader", None)
    plugin_loader = FileSystemLoader(str(TEMPLATES))
    if isinstance(loader, ChoiceLoader):
        # After the theme (and simple), so a theme's own partials win.
        loader.loaders = [*loader.loaders, plugin_loader]
    else:
        generator.env.loader = ChoiceLoader(
            [loader, plugin_loader] if loader else [plugin_loader]
        )


def on_all_generators_finalized(generators: list[Any]) -> None:
    if not generators:
        return
    if generators[0].settings.get(ANALYSE_ONLY_KEY):
        _skip_output(generators)
    # Everything Pelican read is alive to the end of the build: the cyclic
    # garbage collector need not walk it again for the plugin's allocations
    # (a full collection of a 1,000-page build's heap takes ~40 ms). Frozen
    # for the analysis only, then handed back to the collector as it was.
    gc.freeze()
    try:
        _analyse_and_publish(generators)
    finally:
        gc.unfreeze()


def _analyse_and_publish(generators: list[Any]) -> None:
    settings = generators[0].settings
    context = generators[0].context
    if not opted_in(settings, generators):
        if settings.get(reports.CONSOLE_KEY, True) is not False:
            from pelican.log import console  # noqa: PLC0415 - Pelican's console

            lang = _settings_lang(settings)
            console.print(text("not-enabled", lang), markup=False, highlight=False)
        return
    try:
        config = (
            _valid_config(settings)
            if in_server_mode()
            else config_for(settings)  # validated by on_initialized
        )
    except SettingsError as error:
        settings[CONFIG_KEY] = None  # validate again next build
        settings_failed(settings, error)
        return
    try:
        analysis = analyse(generators, config, context)
    except SettingsError as error:  # the baseline file, read by the analysis
        settings[CONFIG_KEY] = None
        settings_failed(settings, error)
        return
    except AnalyticsError as error:
        logger.error("pelican-journey: %s", error.message(config.lang))
        if in_server_mode():
            return  # keep watching: the next build reads the export again
        raise JourneyExit(EXIT_BAD_INPUT) from None
    analysis.site_lang = site_language(settings)
    main = settings.get(MAIN_KEY)
    if isinstance(main, dict) and subsite_main(settings) is None:
        # a new build of the main site: forget the last one
        main["failing"], main["unwritten"] = [], []
    context["JOURNEY"] = analysis.journey
    with timed(analysis.timings, "injection"):
        inject(generators, analysis)
    env = next(
        (g.env for g in generators if isinstance(getattr(g, "env", None), Environment)),
        None,
    )
    written = publish(analysis, env)
    stats = settings.get(STATS_KEY)
    if isinstance(stats, dict):
        stats.update(
            timings=analysis.timings,  # the same dict: the last stages follow
            documents=len(analysis.index.documents),
            findings=len(analysis.findings),
        )
    capture = settings.get(CAPTURE_KEY)
    if isinstance(capture, list):
        capture.append(analysis)  # the caller reads it all: keep the documents
    else:
        analysis.index.release()
    if (analysis.failing or not written) and stops_early(analysis):
        # A failed build stops here: the reports are written, Pelican has
        # not written a single page or copied a static file yet.
        finish(analysis, reports_written=written)
    _BUILDS[id(settings)] = (analysis, written)


def _nothing_to_write(writer: Any) -> None:
    del writer


def _skip_output(generators: list[Any]) -> None:
    """``pelican-journey check``: the generators' output loops are not run.

    Everything the analysis reads exists once the generators' context is
    made; what ``generate_output`` does after it (render and write every
    page, archive and feed, copy the static files) serves only the written
    site, most of a build's time. Pelican hands its writer to these loops
    only, so no page is rendered or written and no file copied. i18n
    subsites still build (from Pelican's ``get_writer`` signal), each
    analysed the same way.
    """
    for generator in generators:
        if hasattr(generator, "generate_output"):
            generator.generate_output = _nothing_to_write


def stops_early(analysis: Analysis) -> bool:
    """Whether a failing build stops before Pelican writes any page.

    Not under ``--autoreload`` / ``--listen`` (the site keeps being served),
    nor with ``i18n_subsites``: the other languages are built while Pelican
    writes the main site, so their reports (and their findings) exist only
    once every language is written; that build fails at its end.
    """
    return analysis.site_lang is None and not in_server_mode()


def _level(finding: Finding) -> int:
    if finding.baselined:
        return logging.INFO
    return logging.ERROR if finding.severity == "error" else logging.WARNING


_PLAIN_LOG = {"highlighter": None}


def log_findings(findings: list[Finding], prefix: str = "") -> None:
    """Log the findings, one line each, in one record per level.

    A record costs Pelican's rich console about a millisecond; a site with
    hundreds of findings should not pay that per line, nor for colouring
    every number and path in them. ``prefix`` starts
    every line (``"[de] "``: the language of an i18n subsite).
    """
    for level in (logging.ERROR, logging.WARNING, logging.INFO):
        lines = [prefix + f.log_line() for f in findings if _level(f) == level]
        if lines:
            # Without Rich's highlighter (colours for numbers, paths, quotes):
            # it costs ~0.4 ms a line, four fifths of the stage.
            logger.log(level, "%s", "\n".join(lines), extra=_PLAIN_LOG)


def on_finalized(pelican_obj: Any) -> None:
    settings = pelican_obj.settings
    build = _BUILDS.pop(id(settings), None)
    if build is None:
        return
    analysis, written = build
    main = subsite_main(settings)
    if main is not None:
        # A subsite: report, then let the main site fail the build at its end.
        finish(analysis, reports_written=written, fail=False)
        if analysis.failing:
            main["failing"].append((analysis.site_lang, len(analysis.failing)))
        if not written:
            main["unwritten"].append(analysis.site_lang)
        return
    shared = settings.get(MAIN_KEY)
    shared = shared if isinstance(shared, dict) else {}
    finish(
        analysis,
        reports_written=written and not shared.get("unwritten"),
        subsites_failing=list(shared.get("failing", [])),
    )


def _tagged(analysis: Analysis, message: str) -> str:
    """A console line, naming the language when ``i18n_subsites`` builds several."""
    if analysis.site_lang:
        return f"[{analysis.site_lang}] {message}"
    return message


def publish(analysis: Analysis, env: Environment | None = None) -> bool:
    """Write the reports and the journey map as one set; ``False`` if they failed.

    Nothing in them depends on written pages, so this runs as soon as the
    analysis is done, before Pelican writes the site: their working memory is
    spent while the build is still small, and the link graph is let go
    before Pelican reaches its own peak. A failure is logged as one line
    naming the folder and the reason; the previous reports stay as they were.
    """
    config = analysis.config
    timings = analysis.timings
    folder = config.report_dir
    try:
        with timed(timings, "reports"):
            files = reports.report_files(analysis)
        with timed(timings, "map"):
            in_site = (
                config.map_in_site
                and env is not None
                and (not analysis.failing or not stops_early(analysis))
                and not analysis.index.context.get(ANALYSE_ONLY_KEY)
            )
            write_together(folder, [*files, map_file(analysis, folder, in_site)])
            if in_site and env is not None:
                publish_in_site(analysis, env)
    except ReportWriteError as error:
        reason: object = error.reason
        path: object = error.folder
    except OSError as error:
        path = error.filename or folder
        reason = error.strerror or error
    else:
        written = text("reports-written", config.lang, path=folder)
        logger.info("%s", _tagged(analysis, written))
        return True
    finally:
        # The graph is only for the rules and the map: do not keep it until
        # the build is finalized (memory budget, SPEC section 9).
        analysis.graph = None
    failed = text("reports-failed", config.lang, path=path, error=reason)
    logger.error("%s", _tagged(analysis, failed))
    return False


def finish(
    analysis: Analysis,
    *,
    reports_written: bool = True,
    fail: bool = True,
    subsites_failing: list[tuple[str | None, int]] | None = None,
) -> None:
    """Log every finding and the summary, then fail if ``JOURNEY_FAIL_ON`` says so.

    The reports are already written (:func:`publish`), so a failing build
    still leaves everything CI needs to show why. Reports that could not be
    written fail the build too (exit 1), findings or not. ``fail=False`` (an
    i18n subsite) only reports; ``subsites_failing`` holds the subsites'
    failing findings (language, count), which fail the build at the main
    site's end.
    """
    timings = analysis.timings
    config = analysis.config
    if analysis.index.context.get(reports.CONSOLE_KEY, True) is not False:
        # pelican-journey check prints the findings itself: once, not twice.
        with timed(timings, "log"):
            log_findings(analysis.findings, _tagged(analysis, ""))
    with timed(timings, "console"):
        reports.announce(analysis)
    if not fail:
        return
    if not reports_written and not in_server_mode():
        raise JourneyExit(EXIT_REPORTS)  # publish() logged the one line why
    per_lang = [(analysis.site_lang, len(analysis.failing)), *(subsites_failing or [])]
    per_lang = [(lang, n) for lang, n in per_lang if n]
    count = sum(n for _, n in per_lang)
    if not count:
        return
    where = ""
    if subsites_failing:  # name the languages the failing findings are in
        where = " (" + ", ".join(f"{lang}: {n}" for lang, n in per_lang) + ")"
    if in_server_mode():
        logger.warning(
            "%s",
            text(
                "build-failed-autoreload",
                config.lang,
                count=count,
                level=config.fail_on,
            )
            + where,
        )
        return
    logger.error(
        "%s",
        text("build-failed", config.lang, count=count, level=config.fail_on) + where,
    )
    raise JourneyExit(EXIT_FINDINGS)


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    # Pelican replaces PLUGINS with the loaded plugins' names right after
    # this call; note now whether the site's own PLUGINS names the plugin.
    settings = registering_settings()
    if settings is not None:
        settings[NAMED_KEY] = _named_in_plugins(settings)
    signals.initialized.connect(on_initialized)
    signals.generator_init.connect(on_generator_init)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.finalized.connect(on_finalized)
