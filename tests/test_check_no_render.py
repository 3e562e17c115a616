"""``pelican-journey check`` analyses without rendering (SPEC §8, §9; issue 19).

The check runs Pelican's readers, generator contexts and the analysis as in
a full build, then none of the generators' output loops: no template is
rendered, no page written, no file copied. Its findings must be exactly a
full build's.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import build_site
from test_benchmark_site import load_generate

from pelican.plugins.journey.plugin import ANALYSE_ONLY_KEY

VARIANTS = {
    "injected": {},
    "no-injection": {"JOURNEY_INJECT": False},
    "in-site-map": {"JOURNEY_MAP_IN_SITE": True},
}


def _findings(built) -> list[str]:
    report = built.report()
    return sorted(json.dumps(f, sort_keys=True) for f in report["findings"])


def _pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html")) if output.exists() else []


def _files(output: Path) -> list[Path]:
    """Every file in ``output``: a check copies no static file either."""
    return sorted(p for p in output.rglob("*") if p.is_file())


@pytest.mark.parametrize("variant", list(VARIANTS), ids=list(VARIANTS))
def test_analyse_only_finds_what_a_full_build_finds(tmp_path: Path, variant: str):
    generate = load_generate()
    source = tmp_path / "generated"
    generate.generate(source, n=60, seed=11)
    settings = generate.site_settings(source, plugin=True)
    settings.pop("PLUGINS")
    settings.update(VARIANTS[variant], JOURNEY_FAIL_ON="never")

    full_root, only_root = tmp_path / "full", tmp_path / "only"
    shutil.copytree(source, full_root)
    shutil.copytree(source, only_root)

    def where(root: Path) -> dict[str, str]:
        return {
            "PATH": str(root / "content"),
            "OUTPUT_PATH": str(root / "output"),
            "CACHE_PATH": str(root / "cache"),
            "JOURNEY_REPORT_PATH": str(root / "journey-report"),
        }

    full = build_site(full_root, None, {**settings, **where(full_root)})
    only = build_site(
        only_root, None, {**settings, **where(only_root), ANALYSE_ONLY_KEY: True}
    )
    assert full.exit_code == only.exit_code == 0, only.log
    assert _findings(only) == _findings(full)
    assert len(_findings(full)) > 0  # the generated site has findings to compare
    assert only.report()["summary"] == full.report()["summary"]
    assert len(_pages(full.output)) > 60
    assert _pages(only.output) == []  # nothing rendered, nothing written
    assert _files(full.output) and _files(only.output) == []


def test_check_on_the_example_site_equals_the_full_build(tmp_path: Path):
    from example_site import build_example

    full = build_example(tmp_path / "full", JOURNEY_FAIL_ON="never")
    only = build_example(
        tmp_path / "only", JOURNEY_FAIL_ON="never", **{ANALYSE_ONLY_KEY: True}
    )
    assert full.exit_code == only.exit_code == 0

    def findings(dest: Path) -> list[str]:
        report = json.loads((dest / "journey-report" / "report.json").read_text())
        return sorted(json.dumps(f, sort_keys=True) for f in report["findings"])

    assert findings(tmp_path / "only") == findings(tmp_path / "full")
    assert _pages(full.output) and _pages(only.output) == []
    # the example's images and theme files are copied by a build, not a check
    assert (full.output / "images" / "werkplaats.svg").is_file()
    assert _files(only.output) == []
