"""Under `pelican --autoreload` (and --listen) the plugin reports and keeps serving.

Deterministic under load: every wait has a time limit, and an edit that the
watcher may have missed (it starts watching only after a build ends, and a
busy machine can make that late) is written again until a build shows it.
What each test asserts is the state of the files a build writes, not a
count of log lines that depends on how many builds ran.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from conftest import write_files

SETTINGS = """
SITENAME = "Herladen"
PATH = "content"
TIMEZONE = "Europe/Amsterdam"
DEFAULT_LANG = "nl"
PLUGINS = ["journey"]
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
"""
LIMIT = 240.0  # seconds for one step; a build takes about one


def wait_until(
    check: Callable[[], bool],
    log: Path,
    what: str,
    timeout: float = LIMIT,
    retry: Callable[[], None] | None = None,
    every: float = 5.0,
    proc: subprocess.Popen | None = None,
) -> None:
    """Wait for ``check()``; call ``retry()`` every ``every`` s (a missed edit).

    Fails at once when ``proc`` has ended: the server must keep running.
    """
    start = last = time.monotonic()
    while time.monotonic() - start < timeout:
        if check():
            return
        if proc is not None and proc.poll() is not None:
            text = log.read_text(encoding="utf-8", errors="replace")
            raise AssertionError(f"{what}: the server ended:\n{text[-4000:]}")
        if retry is not None and time.monotonic() - last > every:
            retry()
            last = time.monotonic()
        time.sleep(0.2)
    text = log.read_text(encoding="utf-8", errors="replace")
    raise AssertionError(f"{what}: not seen within {timeout:.0f} s:\n{text[-4000:]}")


def read_report(root: Path) -> dict | None:
    try:
        return json.loads((root / "journey-report" / "report.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None


def start(root: Path, *args: str) -> tuple[subprocess.Popen, Path]:
    log = root / "log.txt"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", *args],
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "COLUMNS": "200", "PYTHONUNBUFFERED": "1"},
            start_new_session=True,
        )
    return proc, log


def stop(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)


def unknown_phases(root: Path) -> list[str] | None:
    report = read_report(root)
    if report is None:
        return None
    return [f["message"] for f in report["findings"] if f["rule"] == "unknown-phase"]


def test_autoreload_reports_each_build_and_keeps_running(tmp_path):
    write_files(
        tmp_path / "content",
        {"pages/contact.md": "Title: Contact\nPhase: nazrog\n\nBel.\n"},
    )
    (tmp_path / "pelicanconf.py").write_text(SETTINGS, encoding="utf-8")
    proc, log = start(tmp_path, "-r")
    try:
        wait_until(
            lambda: (
                bool(unknown_phases(tmp_path))
                and "nazrog" in log.read_text(encoding="utf-8")
            ),
            log,
            "unknown-phase",
            proc=proc,
        )
        assert proc.poll() is None, "the autoreload server stopped on a failing check"
        # A second build, after an unrelated edit, reports the finding again:
        # no state carried over, no de-duplication of the repeated message.
        over = tmp_path / "content" / "over.md"

        def add_over() -> None:
            over.write_text(
                "Title: Over\nDate: 2026-01-01\nPhase: bewustwording\n\nx\n",
                encoding="utf-8",
            )

        add_over()
        wait_until(
            lambda: (
                (tmp_path / "output" / "over.html").is_file()
                and log.read_text(encoding="utf-8").count("unknown-phase") >= 2
            ),
            log,
            "the second build's finding",
            retry=add_over,
            proc=proc,
        )
        assert unknown_phases(tmp_path)
        assert proc.poll() is None
        # Fixing the typo: the next build has no finding and the server runs on.
        contact = tmp_path / "content" / "pages" / "contact.md"

        def fix() -> None:
            contact.write_text("Title: Contact\nPhase: nazorg\n\nBel.\n", "utf-8")

        fix()
        wait_until(
            lambda: unknown_phases(tmp_path) == [],
            log,
            "the fix",
            retry=fix,
            proc=proc,
        )
        assert proc.poll() is None
        assert "Traceback" not in log.read_text(encoding="utf-8")
    finally:
        stop(proc)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _served(port: int, path: str) -> str | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as r:
            return r.read().decode("utf-8", errors="replace")
    except OSError:
        return None


def _bad_setting_then_fix(tmp_path: Path, *args: str, port: int = 0) -> None:
    """A wrong JOURNEY_* setting is reported, the server watches on, the fix builds."""
    write_files(
        tmp_path / "content",
        {
            "pages/start.md": "Title: Start\nPhase: bewustwording\n\nWelkom.\n",
            "pages/contact.md": "Title: Contact\nPhase: nazorg\n\nBel 010-1234567.\n",
        },
    )
    settings = tmp_path / "pelicanconf.py"
    settings.write_text(SETTINGS + 'JOURNEY_FAIL_ON = "soms"\n', encoding="utf-8")
    proc, log = start(tmp_path, *args)
    try:
        wait_until(
            lambda: (
                "JOURNEY_FAIL_ON: 'soms'" in log.read_text("utf-8", "replace")
                and (tmp_path / "output" / "pages" / "start.html").is_file()
            ),
            log,
            "the settings error and a site built without the journey",
            proc=proc,
        )
        time.sleep(1.0)
        assert proc.poll() is None, "the server stopped on a wrong setting"
        assert read_report(tmp_path) is None  # no journey until it is fixed
        start_html = tmp_path / "output" / "pages" / "start.html"
        assert 'class="journey-next"' not in start_html.read_text("utf-8")
        first = log.read_text("utf-8", "replace")
        assert "Traceback" not in first
        assert "still watching" in first or "blijft kijken" in first

        def fix() -> None:
            settings.write_text(SETTINGS + 'JOURNEY_FAIL_ON = "never"\n', "utf-8")

        fix()
        wait_until(
            lambda: read_report(tmp_path) is not None,
            log,
            "a build with the journey after the fix",
            retry=fix,
            proc=proc,
        )
        page = tmp_path / "output" / "pages" / "start.html"
        wait_until(
            lambda: 'class="journey-next"' in page.read_text("utf-8"),
            log,
            "the injected next steps",
            proc=proc,
        )
        if port:  # and the server serves the rebuilt page
            wait_until(
                lambda: (
                    'class="journey-next"' in (_served(port, "pages/start.html") or "")
                ),
                log,
                "the served page with its next steps",
                proc=proc,
            )
        assert proc.poll() is None
        assert "Traceback" not in log.read_text("utf-8", "replace")
    finally:
        stop(proc)


def test_autoreload_with_a_wrong_setting_keeps_watching_and_rebuilds(tmp_path):
    _bad_setting_then_fix(tmp_path, "-r")


def test_listen_autoreload_with_a_wrong_setting_serves_the_fixed_site(tmp_path):
    port = free_port()
    _bad_setting_then_fix(
        tmp_path, "-r", "-l", "-p", str(port), "-b", "127.0.0.1", port=port
    )
