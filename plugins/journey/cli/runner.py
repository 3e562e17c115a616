"""Run a real Pelican build in-process, for the command line.

``check``, ``baseline`` and ``suggest`` all need what a build knows. Rather
than re-implement Pelican's reading, they run Pelican itself on the site's
settings file, with the plugin enabled and the output sent wherever the
caller says (a temporary folder for ``check``), and take the analysis.
"""

from __future__ import annotations

import difflib
import logging
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis import Analysis
from ..plugin import CAPTURE_KEY, SITE_ROOT_KEY, JourneyExit
from ..report.ci import SETTINGS_FILE_KEY

DEFAULT_SETTINGS = "pelicanconf.py"
_PLUGIN_NAMES = {"journey", "pelican.plugins.journey", __package__}


class SiteError(ValueError):
    """The site cannot be read (no settings file, a crashing one…)."""


@dataclass
class BuildResult:
    analysis: Analysis | None
    exit_code: int  # 0 built; 2 bad settings; 3 failing findings; 1 Pelican failed
    # With i18n_subsites: the analysis of each other language, after the main one.
    subsites: list[Analysis] = field(default_factory=list)


def settings_path(value: str | Path | None) -> Path:
    """The settings file to use: the one given, else ./pelicanconf.py."""
    path = Path(value) if value else Path(DEFAULT_SETTINGS)
    if not path.is_file():
        if value:
            raise SiteError(f"-s {value}: no such settings file")
        raise SiteError(
            f"no {DEFAULT_SETTINGS} in {Path.cwd()}; give the settings file with -s"
        )
    return path.resolve()


def forget_foreign_settings_modules(folder: Path) -> None:
    """Drop cached modules that a settings file in ``folder`` would import.

    ``publishconf.py`` usually does ``from pelicanconf import *``; when this
    process already imported a ``pelicanconf`` of another site, Python would
    hand that one over. Forget any module named like a ``.py`` file of this
    folder that was loaded from elsewhere.
    """
    folder = folder.resolve()
    for path in folder.glob("*.py"):
        module = sys.modules.get(path.stem)
        file = getattr(module, "__file__", None)
        if module is not None and (not file or Path(file).resolve() != path.resolve()):
            del sys.modules[path.stem]


def _plugin_name(plugin: Any) -> str:
    return plugin if isinstance(plugin, str) else getattr(plugin, "__name__", "")


def _not_loaded(plugins: Any) -> str | None:
    """Why ``PLUGINS`` does not load this plugin, or None when it does."""
    if plugins is None:
        return None  # Pelican loads every installed namespace plugin, this one too
    if isinstance(plugins, str) or not isinstance(plugins, list | tuple):
        return f"PLUGINS: {plugins!r} is not a list of plugin names"
    names = [_plugin_name(p) for p in plugins]
    if any(name in _PLUGIN_NAMES for name in names):
        return None
    close = difflib.get_close_matches("journey", [n.rpartition(".")[2] for n in names])
    hint = f" ({close[0]!r} is not 'journey')" if close else ""
    return (
        f"PLUGINS: {list(names)!r} does not load pelican-journey{hint}; "
        "add 'journey' to PLUGINS"
    )


def read_site_settings(
    path: Path,
    overrides: Mapping[str, Any] | None = None,
    *,
    require_plugin: bool = False,
) -> dict[str, Any]:
    """Pelican's settings for the site, with the plugin enabled.

    With ``require_plugin`` a site whose ``PLUGINS`` does not load the plugin
    is a :class:`SiteError`: checking it here would pass while its own
    ``pelican`` build checks nothing.
    """
    from pelican.settings import read_settings  # noqa: PLC0415 - heavy import

    forget_foreign_settings_modules(path.parent)
    try:
        settings = read_settings(str(path), override=dict(overrides or {}))
    except Exception as error:  # noqa: BLE001 - a user's settings file may raise anything
        raise SiteError(f"{path}: cannot read settings: {error}") from None
    settings[SITE_ROOT_KEY] = str(path.parent)
    settings[SETTINGS_FILE_KEY] = str(path)
    plugins = settings.get("PLUGINS")
    reason = _not_loaded(plugins)
    if require_plugin and reason:
        raise SiteError(f"{path.name}: {reason}")
    if reason and isinstance(plugins, list | tuple):
        settings["PLUGINS"] = [*plugins, sys.modules[__package__]]
    return settings


def run_build(settings: dict[str, Any]) -> BuildResult:
    """Build the site in-process; return the analysis and the exit status.

    The analysis is the main site's: ``i18n_subsites`` adds one per language
    after it.
    """
    from pelican import Pelican  # noqa: PLC0415 - heavy import

    captured: list[Analysis] = []
    settings[CAPTURE_KEY] = captured
    cls = settings.get("PELICAN_CLASS", Pelican)
    if isinstance(cls, str):
        module_name, _, name = cls.rpartition(".")
        cls = getattr(__import__(module_name, fromlist=[name]), name)
    code = 0
    try:
        cls(settings).run()
    except JourneyExit as exit_:
        code = int(exit_.code or 0)
    except Exception as error:  # noqa: BLE001 - report Pelican's own failure cleanly
        logging.getLogger(__name__).error(
            "pelican: %s: %s", type(error).__name__, error
        )
        code = 1
    main = captured[0] if captured else None
    return BuildResult(main, code, captured[1:])
