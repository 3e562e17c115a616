"""Pelican signal wiring: the only module that knows the signals.

- ``initialized``: validate the ``JOURNEY_*`` settings (exit 2 on a bad one);
- ``generator_init``: put the plugin's template partials on every Jinja loader;
- ``all_generators_finalized``: analyse the build, hand data to templates,
  add CTAs and next steps to content where the theme does not render them,
  write the reports and the journey map;
- ``finalized``: log findings and the summary, fail the build (exit 3).

Per-build state lives in :data:`_BUILDS`, keyed by the settings dict of the
Pelican instance, created when the generators are finalized and dropped when
the build is finalized: nothing carries over between ``--autoreload`` runs.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import FrameType
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader
from pelican import signals

from .analysis import Analysis, analyse
from .model.findings import EXIT_BAD_INPUT, EXIT_FINDINGS, Finding
from .model.settings import JourneyConfig, SettingsError, load_config
from .model.text import text
from .model.timing import timed
from .render.inject import inject
from .report import baseline, reports
from .report.journey_map import MAP_FILE, publish_in_site, write_map
from .rules import REGISTRY

logger = logging.getLogger("pelican.plugins.journey")
# Pelican's loggers drop a warning already logged once in this process; a
# finding must be reported on every build, also under --autoreload.
for _filter in list(logger.filters):
    if type(_filter).__name__ == "LimitFilter":
        logger.removeFilter(_filter)

TEMPLATES = Path(__file__).parent / "render" / "templates"
CONFIG_KEY = "_journey_config"  # where the validated config rides in settings
SITE_ROOT_KEY = "_journey_site_root"  # set by the CLI; else found from argv
CAPTURE_KEY = "_journey_capture"  # a list the CLI passes to receive the analysis

_BUILDS: dict[int, Analysis] = {}


class JourneyExit(SystemExit):
    """Ends the build with a clean message already logged: no traceback."""


def _settings_file_from_stack() -> Path | None:
    """The ``-s`` settings file of a ``pelican`` command run, if any.

    Pelican's settings dict does not record which file it came from; its
    ``get_instance(args)`` / ``autoreload(args)`` frames do.
    """
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        if frame.f_code.co_name in {"get_instance", "autoreload"}:
            args = frame.f_locals.get("args")
            settings_file = getattr(args, "settings", None)
            if settings_file:
                return Path(settings_file).resolve()
        frame = frame.f_back
    return None


def site_root(settings: dict[str, Any]) -> Path:
    """The folder relative paths in ``JOURNEY_*`` settings start from."""
    explicit = settings.get(SITE_ROOT_KEY)
    if explicit:
        return Path(explicit).resolve()
    settings_file = _settings_file_from_stack()
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


def _command_args() -> Any:
    """The parsed ``pelican`` command line of this run, if any."""
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        if frame.f_code.co_name in {"get_instance", "autoreload"}:
            args = frame.f_locals.get("args")
            if args is not None:
                return args
        frame = frame.f_back
    return None


def in_server_mode() -> bool:
    """Whether this build runs under ``pelican --autoreload`` or ``--listen``.

    Also true while ``pelican -r``/``-l`` creates its first instance, before
    the autoreload loop (or its child process) has started.
    """
    import pelican  # noqa: PLC0415 - the package, for its functions' code objects

    codes = {pelican.autoreload.__code__, pelican.listen.__code__}
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        if frame.f_code in codes:
            return True
        frame = frame.f_back
    args = _command_args()
    return bool(getattr(args, "autoreload", False) or getattr(args, "listen", False))


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
    if in_server_mode() and getattr(_command_args(), "autoreload", False):
        return  # every build validates, reports and goes on (settings_failed)
    try:
        _valid_config(settings)
    except SettingsError as error:
        settings_failed(settings, error)


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
    if settings.get(NAMED_KEY, True) or CAPTURE_KEY in settings:
        return True
    if any(isinstance(k, str) and k.startswith("JOURNEY_") for k in settings):
        return True
    return _any_phase_metadata(generators, ("phase", "fase"))


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
        analysis = analyse(generators, config, context)
    except SettingsError as error:
        settings[CONFIG_KEY] = None  # validate again next build
        settings_failed(settings, error)
        return
    context["JOURNEY"] = analysis.journey
    with timed(analysis.timings, "injection"):
        inject(generators, analysis)
    publish(analysis)
    _BUILDS[id(settings)] = analysis
    capture = settings.get(CAPTURE_KEY)
    if isinstance(capture, list):
        capture.append(analysis)


def _level(finding: Finding) -> int:
    if finding.baselined:
        return logging.INFO
    return logging.ERROR if finding.severity == "error" else logging.WARNING


def log_findings(findings: list[Finding]) -> None:
    """Log the findings, one line each, in one record per level.

    A record costs Pelican's rich console about a millisecond; a site with
    hundreds of findings should not pay that per line.
    """
    for level in (logging.ERROR, logging.WARNING, logging.INFO):
        lines = [f.log_line() for f in findings if _level(f) == level]
        if lines:
            logger.log(level, "%s", "\n".join(lines))


def on_finalized(pelican_obj: Any) -> None:
    analysis = _BUILDS.pop(id(pelican_obj.settings), None)
    if analysis is None:
        return
    finish(analysis)


def publish(analysis: Analysis) -> None:
    """Write the reports and the journey map (errors: one line, no crash).

    Nothing in them depends on written pages, so this runs as soon as the
    analysis is done, before Pelican writes the site: their working memory is
    spent while the build is still small, and the link graph is let go
    before Pelican reaches its own peak.
    """
    config = analysis.config
    timings = analysis.timings
    try:
        with timed(timings, "reports"):
            reports.write_reports(analysis)
        with timed(timings, "map"):
            write_map(analysis, config.report_dir / MAP_FILE)
            if config.map_in_site:
                publish_in_site(analysis)
        logger.info("%s", text("reports-written", config.lang, path=config.report_dir))
    except OSError as error:
        path = error.filename or config.report_dir
        reason = error.strerror or error
        logger.error("%s", text("reports-failed", config.lang, path=path, error=reason))
    # The graph is only for the rules and the map: do not keep it until the
    # build is finalized (memory budget, SPEC section 9).
    analysis.graph = None


def finish(analysis: Analysis) -> None:
    """Log every finding and the summary, then fail if ``JOURNEY_FAIL_ON`` says so.

    The reports are already written (:func:`publish`), so a failing build
    still leaves everything CI needs to show why.
    """
    timings = analysis.timings
    config = analysis.config
    with timed(timings, "log"):
        log_findings(analysis.findings)
    with timed(timings, "console"):
        reports.announce(analysis)
    bad = analysis.failing
    if not bad:
        return
    if in_server_mode():
        logger.warning(
            "%s",
            text(
                "build-failed-autoreload",
                config.lang,
                count=len(bad),
                level=config.fail_on,
            ),
        )
        return
    logger.error(
        "%s", text("build-failed", config.lang, count=len(bad), level=config.fail_on)
    )
    raise JourneyExit(EXIT_FINDINGS)


def _note_plugins_setting() -> None:
    """Record whether the site's ``PLUGINS`` names this plugin.

    Pelican replaces ``PLUGINS`` with the names of the loaded plugins right
    after registering them, so an unset ``PLUGINS`` (every installed
    namespace plugin) looks the same as ``["journey"]`` later on; read it
    now, from the Pelican instance that is registering its plugins.
    """
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "init_plugins":
            settings = getattr(frame.f_locals.get("self"), "settings", None)
            if isinstance(settings, dict):
                settings[NAMED_KEY] = _named_in_plugins(settings)
            return
        frame = frame.f_back


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    _note_plugins_setting()
    signals.initialized.connect(on_initialized)
    signals.generator_init.connect(on_generator_init)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.finalized.connect(on_finalized)
