"""Headless Chromium on the built example site (marker ``browser``).

Debian's ``chromium`` is driven by Playwright's Python package through
``executable_path`` (no browser is ever downloaded). Without Chromium the
tests skip with a reason locally; CI installs it and forbids skips.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from example_site import build_example


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        del format, args


@pytest.fixture(scope="session")
def example_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example site, built with publishconf.py, served on 127.0.0.1."""
    built = build_example(tmp_path_factory.mktemp("browser-example"))
    assert built.exit_code == 0
    handler = functools.partial(_QuietHandler, directory=str(built.output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core from the ``axe-playwright-python`` package (no CDN)."""
    package = pytest.importorskip("axe_playwright_python")
    return (Path(package.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
