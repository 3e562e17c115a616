"""Reading the site: build it for real and list the untagged documents."""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..runner import read_site_settings, run_build
from .scoring import Proposal, plain_text, propose

SOURCE_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown", ".rst", ".html", ".htm")


@dataclass
class Candidate:
    """An untagged published document and what suggest makes of it."""

    path: Path  # absolute source file
    shown: str  # the source as shown to the user (relative to the site root)
    title: str
    proposal: Proposal
    digest: str | None  # sha256 of the file when the build read it
    inside: bool  # whether the file is under the site's PATH
    outcome: str = ""


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _source_digests(content_dir: Path) -> dict[Path, str | None]:
    if not content_dir.is_dir():
        return {}
    return {
        path.resolve(): _digest(path)
        for path in content_dir.rglob("*")
        if path.suffix.lower() in SOURCE_SUFFIXES and path.is_file()
    }


def _quiet_build(settings: dict[str, Any]) -> Any:
    """Run the build without Pelican's console output or the findings' log."""
    logger = logging.getLogger("pelican")
    old_level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return run_build(settings)
    finally:
        logger.setLevel(old_level)


def collect(
    settings_file: Path, scratch: Path
) -> tuple[Any, list[Candidate], int, dict[str, Any]]:
    """Build the site into ``scratch``.

    Returns (config, candidates, exit status, the build's Pelican settings).
    """
    settings = read_site_settings(
        settings_file,
        {
            "OUTPUT_PATH": str(scratch / "output"),
            "CACHE_PATH": str(scratch / "cache"),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            "DELETE_OUTPUT_DIRECTORY": False,
            "JOURNEY_REPORT_PATH": str(scratch / "journey-report"),
            "JOURNEY_FAIL_ON": "never",
        },
    )
    content_dir = Path(str(settings["PATH"])).resolve()
    digests = _source_digests(content_dir)
    result = _quiet_build(settings)
    analysis = result.analysis
    if analysis is None:
        return None, [], result.exit_code or 1, settings
    model = analysis.config.model
    candidates = []
    for doc in analysis.index.documents:
        if doc.status != "published" or doc.phases or doc.tags.has_phase_key:
            continue
        if doc.tags.unknown_phases:
            continue
        raw = getattr(doc.content, "source_path", "") or ""
        path = Path(raw).resolve() if raw else Path()
        proposal = propose(model, doc.title, plain_text(doc.html), doc.category)
        candidates.append(
            Candidate(
                path=path,
                shown=doc.source or raw,
                title=doc.title,
                proposal=proposal,
                digest=digests.get(path),
                inside=bool(raw) and path.is_relative_to(content_dir),
            )
        )
    candidates.sort(key=lambda c: c.shown)
    return analysis.config, candidates, 0, settings
