"""The README tables and docs/rules.md are generated from the declarations."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from pelican.plugins.journey.cli import docs
from pelican.plugins.journey.model.settings import SETTINGS
from pelican.plugins.journey.rules import REGISTRY

REPO = Path(__file__).resolve().parent.parent


def test_generated_docs_are_up_to_date():
    assert docs.stale(REPO) == [], f"run {docs.COMMAND}"


def test_docs_name_every_setting_and_rule_with_its_defaults():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, setting in SETTINGS.items():
        assert f"| {setting.default_doc} | {setting.doc} |" in readme, name
    rules_doc = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule_id, entry in REGISTRY.items():
        assert f"| `{rule_id}` | {entry.severity} |" in readme
        assert f"## `{rule_id}`" in rules_doc
        for name, option in entry.options.items():
            assert f"  - `{name}` ({option.type_doc}" in rules_doc


def _copy(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    shutil.copy(REPO / "README.md", tmp_path / "README.md")
    shutil.copy(REPO / "docs" / "rules.md", tmp_path / "docs" / "rules.md")
    return tmp_path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pelican.plugins.journey.cli.docs", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_command_finds_and_rewrites_stale_docs(tmp_path):
    root = _copy(tmp_path)
    readme = root / "README.md"
    readme.write_text(
        readme.read_text(encoding="utf-8").replace(
            '| `"auto"` | `"auto"`, `"theme"`', '| `"theme"` | `"auto"`, `"theme"`'
        ),
        encoding="utf-8",
    )
    rules_doc = root / "docs" / "rules.md"
    rules_doc.write_text(
        rules_doc.read_text(encoding="utf-8").replace("## `dead-end`", "## `x`"),
        encoding="utf-8",
    )
    check = _run("--check", str(root))
    assert check.returncode == 1
    assert "README.md: stale" in check.stderr
    assert "rules.md: stale" in check.stderr
    assert _run(str(root)).returncode == 0
    assert _run("--check", str(root)).returncode == 0
    assert readme.read_text(encoding="utf-8") == (REPO / "README.md").read_text(
        encoding="utf-8"
    )


def test_missing_markers_are_one_line_not_a_traceback(tmp_path):
    root = _copy(tmp_path)
    (root / "docs" / "rules.md").write_text("# Rules\n", encoding="utf-8")
    done = _run("--check", str(root))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "'rules' not found" in done.stderr
