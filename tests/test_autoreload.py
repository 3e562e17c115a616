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
        (tmp_path / "content" / "over.md").write_text(
            "Title: Over\nDate: 2026-01-01\nPhase: bewustwording\n\nx\n",
            encoding="utf-8",
        )
        wait_for(log, "unknown-phase", 2)
        # Edit only once that build is done: an edit during a build may be
        # taken in by that build's own snapshot and never seen as a change.
        wait_for(log, "Done:", 2)
        time.sleep(1.1)
        assert proc.poll() is None
        # Fixing the typo: the next build reports nothing new and still serves.
        (tmp_path / "content" / "pages" / "contact.md").write_text(
            "Title: Contact\nPhase: nazorg\n\nBel.\n", encoding="utf-8"
        )
        wait_for(log, "re-generating", 2)
        time.sleep(3.0)
        final = log.read_text(encoding="utf-8")
        assert final.count("unknown-phase") == 2, final
        assert "Traceback" not in final
        assert proc.poll() is None
        assert (tmp_path / "output" / "over.html").is_file()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
