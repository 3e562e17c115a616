"""Build the repository's example site (``content/``) into a temporary folder."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class ExampleBuild:
    exit_code: int
    output: Path


def build_example(
    dest: Path, settings_file: str = "publishconf.py", **overrides: Any
) -> ExampleBuild:
    """Build the example site with ``settings_file`` as ``pelican -s`` would."""
    from pelican import Pelican
    from pelican.settings import read_settings

    from pelican.plugins.journey.cli.runner import forget_foreign_settings_modules
    from pelican.plugins.journey.plugin import SITE_ROOT_KEY

    output = dest / "output"
    cwd = os.getcwd()
    os.chdir(ROOT)  # publishconf.py imports pelicanconf from the current folder
    forget_foreign_settings_modules(ROOT)
    try:
        settings = read_settings(
            str(ROOT / settings_file),
            override={
                "OUTPUT_PATH": str(output),
                "CACHE_PATH": str(dest / "cache"),
                "CACHE_CONTENT": False,
                "LOAD_CONTENT_CACHE": False,
                "JOURNEY_REPORT_PATH": str(dest / "journey-report"),
                **overrides,
            },
        )
        settings[SITE_ROOT_KEY] = str(ROOT)
        exit_code = 0
        try:
            Pelican(settings).run()
        except SystemExit as exit_:
            exit_code = int(exit_.code or 0)
    finally:
        os.chdir(cwd)
    return ExampleBuild(exit_code, output)


def write_files(root: Path, files: Mapping[str, str]) -> None:
    """Write dedented ``files`` (relative path -> text) under ``root``."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
