"""What the CI formats share: where a finding is, and its fingerprint.

GitHub (annotations, code scanning) and GitLab (Code Quality) show a finding
on a file of the *repository*, so paths are relative to the repository root
(the nearest folder up from the site that holds ``.git``), or to the site
root when the site is not in a repository. Site-level findings (no source
file) point at the settings file when the build knows it, else at the
content folder.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model.records import FrozenRecord

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..model.findings import Finding

# Where the plugin and the CLI leave the path of the settings file the build
# was started with, in Pelican's settings (and so in the generator context).
SETTINGS_FILE_KEY = "_journey_settings_file"


def repository_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds ``.git``, if any."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


class Locator(FrozenRecord):
    """Turns a finding's site-relative source into a repository path."""

    _fields = ("base_dir", "root", "site_file")
    __repr__ = object.__repr__  # as the dataclass (repr=False) it replaces
    base_dir: Path  # the site root: sources are relative to it
    root: Path  # the repository root, else the site root
    site_file: Path | None  # what site-level findings point at

    def __init__(
        self,
        base_dir: Path,
        root: Path,
        site_file: Path | None = None,
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "base_dir", base_dir)
        set_field(self, "root", root)
        set_field(self, "site_file", site_file)

    @classmethod
    def for_analysis(cls, analysis: Analysis) -> Locator:
        base = analysis.config.base_dir
        context: Mapping[str, Any] = analysis.index.context
        raw = context.get(SETTINGS_FILE_KEY) or context.get("PATH")
        site_file = Path(str(raw)).resolve() if raw else None
        return cls(base, repository_root(base) or base, site_file)

    def path(self, source: str) -> str:
        """``source`` relative to the root, ``/``-separated (absolute if outside)."""
        absolute = os.path.normpath(os.path.join(self.base_dir, source))
        root = str(self.root)
        if os.sep == "/" and root != "/" and absolute.startswith(root + "/"):
            # Both normalized, ``absolute`` below ``root``: what relative_to
            # gives, without three path objects per finding.
            return absolute[len(root) + 1 :]
        found = Path(absolute)
        try:
            return found.relative_to(self.root).as_posix()
        except ValueError:
            return found.as_posix()

    def finding_path(self, finding: Finding) -> str | None:
        """Where CI shows ``finding``: its source, else the settings file.

        Without a known settings file, a site-level finding points at the
        content folder (``PATH``).
        """
        if finding.source:
            return self.path(finding.source)
        if self.site_file is not None:
            return self.path(str(self.site_file))
        return None


def fingerprints(findings: Iterable[Finding]) -> list[str]:
    """A fingerprint per finding: its identity's hash, unique within the build.

    The identity (rule, source, subject) holds no line or message, so the
    fingerprint survives edits elsewhere in the file. Two findings with the
    same identity (the same unknown value twice on one page) are told apart
    by their order.
    """
    seen: dict[str, int] = {}
    out = []
    for finding in findings:
        base = finding.fingerprint
        count = seen.get(base, 0)
        seen[base] = count + 1
        if count:
            base = hashlib.sha256(f"{base}\x00{count}".encode()).hexdigest()
        out.append(base)
    return out
