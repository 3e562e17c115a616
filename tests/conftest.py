"""Test harness: build real Pelican sites in temporary folders.

Tests use the *installed* package ``pelican.plugins.journey`` (the README's
test command installs it), and this file refuses to run when the installed
copy differs from ``plugins/journey`` in the working tree, so a stale install
can never make the suite test old code.
"""

from __future__ import annotations

import filecmp
import io
import logging
import os
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests: a quick run locally, 2,000 examples per test in CI
# (.ci/run sets HYPOTHESIS_PROFILE=ci). Tests that set max_examples
# themselves keep their own number.
hypothesis_settings.register_profile("ci", max_examples=2000, deadline=None)
hypothesis_settings.register_profile("dev", max_examples=100)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_SRC = ROOT / "plugins" / "journey"
THEME_SRC = ROOT / "themes" / "klantreis"


def _stale_files(installed: Path, source: Path) -> list[str]:
    stale = []
    for path in source.rglob("*"):
        if path.is_dir() or any(
            p == "__pycache__" or p.startswith(".") for p in path.parts
        ):
            continue
        rel = path.relative_to(source)
        other = installed / rel
        if not other.is_file() or not filecmp.cmp(path, other, shallow=False):
            stale.append(str(rel))
    return stale


def pytest_configure(config: pytest.Config) -> None:
    del config
    try:
        import pelican.plugins.journey as installed
    except ImportError:
        pytest.exit(
            "pelican-journey is not installed: run `pip install '.[test]'` first",
            returncode=2,
        )
    stale = _stale_files(Path(installed.__file__).parent, PLUGIN_SRC)
    import pelican

    theme = Path(pelican.__file__).parent / "themes" / "klantreis"
    stale += [f"theme: {p}" for p in _stale_files(theme, THEME_SRC)]
    if stale:
        pytest.exit(
            "the installed pelican-journey differs from the working tree "
            f"({', '.join(stale[:5])}…): run `pip install --no-deps .` again",
            returncode=2,
        )


@dataclass
class Built:
    """What a test build left behind."""

    exit_code: int
    root: Path
    output: Path
    reports: Path
    log: str
    analysis: Any = None
    settings: dict[str, Any] = field(default_factory=dict)

    def html(self, rel: str) -> str:
        return (self.output / rel).read_text(encoding="utf-8")

    def report(self) -> dict[str, Any]:
        import json

        return json.loads((self.reports / "report.json").read_text(encoding="utf-8"))


def write_files(root: Path, files: Mapping[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


BASE_SETTINGS: dict[str, Any] = {
    "SITENAME": "Testfietsen",
    "SITEURL": "",
    "TIMEZONE": "Europe/Amsterdam",
    "DEFAULT_LANG": "nl",
    "FEED_ALL_ATOM": None,
    "CATEGORY_FEED_ATOM": None,
    "TRANSLATION_FEED_ATOM": None,
    "AUTHOR_FEED_ATOM": None,
    "AUTHOR_FEED_RSS": None,
    "CACHE_CONTENT": False,
    "LOAD_CONTENT_CACHE": False,
}


def build_site(
    root: Path,
    files: Mapping[str, str] | None = None,
    settings: Mapping[str, Any] | None = None,
) -> Built:
    """Write ``files`` under ``root/content`` and build the site in-process."""
    from pelican import Pelican
    from pelican.plugins import journey
    from pelican.settings import read_settings

    from pelican.plugins.journey.plugin import CAPTURE_KEY, SITE_ROOT_KEY

    if files:
        write_files(root / "content", files)
    override: dict[str, Any] = {
        **BASE_SETTINGS,
        "PATH": str(root / "content"),
        "OUTPUT_PATH": str(root / "output"),
        "CACHE_PATH": str(root / "cache"),
        "PLUGINS": [journey],
        "JOURNEY_REPORT_PATH": str(root / "journey-report"),
        **(settings or {}),
    }
    full = read_settings(override=override)
    full[SITE_ROOT_KEY] = str(root)
    captured: list[Any] = []
    full[CAPTURE_KEY] = captured

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.INFO)
    logger = logging.getLogger("pelican")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    exit_code = 0
    cwd = os.getcwd()
    os.chdir(root)
    try:
        Pelican(full).run()
    except SystemExit as exit_:
        exit_code = int(exit_.code or 0)
    finally:
        os.chdir(cwd)
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    return Built(
        exit_code=exit_code,
        root=root,
        output=root / "output",
        reports=Path(str(full["JOURNEY_REPORT_PATH"])),
        log=stream.getvalue(),
        analysis=captured[-1] if captured else None,
        settings=full,
    )


@pytest.fixture
def site(tmp_path: Path) -> Callable[..., Built]:
    """``site(files, **settings)`` builds a site in a fresh temporary folder."""
    counter = iter(range(1000))

    def _build(files: Mapping[str, str] | None = None, **settings: Any) -> Built:
        root = tmp_path / f"site{next(counter)}"
        root.mkdir()
        return build_site(root, files, settings)

    return _build


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Any:
    """One headless Debian Chromium for the whole session, driven by Playwright.

    Playwright's sync API allows one running instance per thread, so every
    browser test shares this one. Without Chromium the tests skip with the
    reason locally; CI installs it and forbids skips.
    """
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"Chromium is not installed ({CHROMIUM}): apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
