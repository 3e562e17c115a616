"""Under `pelican --autoreload` a failing check reports and keeps serving."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
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


def wait_for(path: Path, text: str, count: int, timeout: float = 180) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log = path.read_text(encoding="utf-8", errors="replace")
        if log.count(text) >= count:
            return log
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not seen {count}x in time:\n{log}")


def edit_until_rebuilt(path: Path, body: str, log: Path, builds: int) -> str:
    """Write ``path`` until the server has started ``builds`` rebuilds.

    Pelican watches for changes only once a build has returned, so an edit
    made while a build finishes can go unseen. Instead of hoping for the
    timing, write again (one more byte each time) until Pelican says it is
    re-generating, then wait for that build to finish.
    """
    deadline = time.monotonic() + 180
    attempt = 0
    while time.monotonic() < deadline:
        path.write_text(body + "\n" * attempt, encoding="utf-8")
        attempt += 1
        try:
            wait_for(log, "re-generating", builds, timeout=10)
        except AssertionError:
            continue
        return wait_for(log, "Done: Processed", builds + 1)
    raise AssertionError(f"no rebuild after editing {path.name}")


def test_autoreload_reports_each_build_and_keeps_running(tmp_path):
    write_files(
        tmp_path / "content",
        {"pages/contact.md": "Title: Contact\nPhase: nazrog\n\nBel.\n"},
    )
    (tmp_path / "pelicanconf.py").write_text(SETTINGS, encoding="utf-8")
    log = tmp_path / "log.txt"
    env = {**os.environ, "COLUMNS": "200"}
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "pelican", "content", "-r", "-s", "pelicanconf.py"],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    try:
        first = wait_for(log, "unknown-phase", 1)
        assert "nazrog" in first
        time.sleep(1.0)
        assert proc.poll() is None, "the autoreload server stopped on a failing check"
        # A second build, after an unrelated edit, reports the finding again:
        # no state carried over, no de-duplication of the repeated message.
        wait_for(log, "Done: Processed", 1)
        second = edit_until_rebuilt(
            tmp_path / "content" / "over.md",
            "Title: Over\nDate: 2026-01-01\nPhase: bewustwording\n\nx\n",
            log,
            1,
        )
        assert second.count("unknown-phase") >= 2
        assert proc.poll() is None
        # Fixing the typo: the next build reports nothing new and still serves.
        builds = log.read_text(encoding="utf-8").count("re-generating")
        final = edit_until_rebuilt(
            tmp_path / "content" / "pages" / "contact.md",
            "Title: Contact\nPhase: nazorg\n\nBel.\n",
            log,
            builds + 1,
        )
        last_build = final.rsplit("re-generating", 1)[1]
        assert "Done: Processed" in last_build
        assert "unknown-phase" not in last_build, final
        assert "Traceback" not in final
        assert proc.poll() is None
        assert (tmp_path / "output" / "over.html").is_file()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
