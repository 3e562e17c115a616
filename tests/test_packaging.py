"""The wheel, installed into a fresh virtual environment, used by a real site.

This is SPEC §1 as a user meets it: `pip install` the wheel, then any site
enables the plugin with `PLUGINS = ["journey"]` (no PLUGIN_PATHS) and the
theme with `THEME = "klantreis"`, and the `pelican-journey` command exists.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, write_files
from test_core_build import FILES, PROBE

pytestmark = pytest.mark.slow


def run(cmd: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}
    }
    env["COLUMNS"] = "200"
    return subprocess.run(
        cmd,
        check=False,
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        **kwargs,
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    result = run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(dist),
            str(ROOT),
        ],
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    (path,) = dist.glob("pelican_journey-*.whl")
    return path


@pytest.fixture(scope="module")
def venv(tmp_path_factory, wheel) -> Path:
    env = tmp_path_factory.mktemp("venv")
    assert run([sys.executable, "-m", "venv", str(env)], cwd=env).returncode == 0
    result = run([str(env / "bin" / "pip"), "install", "-q", str(wheel)], cwd=env)
    assert result.returncode == 0, result.stderr
    return env


def test_wheel_lays_out_namespace_plugin_theme_and_script(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "pelican/plugins/journey/__init__.py" in names
    assert "pelican/plugins/journey/plugin.py" in names
    assert "pelican/themes/klantreis/templates/base.html" in names
    assert not any(
        n.startswith(("pelican/__init__", "pelican/plugins/__init__")) for n in names
    )
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "pelican-journey = pelican.plugins.journey.cli:main" in text


def external_site(root: Path, extra: str = "") -> Path:
    theme = root / "probe-theme" / "templates"
    theme.mkdir(parents=True)
    for name in ("article.html", "page.html"):
        (theme / name).write_text(PROBE, encoding="utf-8")
    write_files(root / "content", FILES)
    (root / "pelicanconf.py").write_text(
        textwrap.dedent(
            """
            SITENAME = "Elders"
            PATH = "content"
            TIMEZONE = "Europe/Amsterdam"
            DEFAULT_LANG = "nl"
            PLUGINS = ["journey"]
            THEME = "probe-theme"
            FEED_ALL_ATOM = None
            CATEGORY_FEED_ATOM = None
            JOURNEY_CATEGORY_PHASES = {"Reviews": "besluitvorming"}
            """
        )
        + extra,
        encoding="utf-8",
    )
    return root


def probe(html: str) -> dict[str, str]:
    match = re.search(r"PROBE\[(.*?)\]", html)
    assert match
    return dict(part.split("=", 1) for part in match.group(1).split("|"))


def test_installed_plugin_by_name_without_plugin_paths(venv, tmp_path):
    site = external_site(tmp_path / "elders")
    result = run(
        [str(venv / "bin" / "pelican"), "content", "-s", "pelicanconf.py"], cwd=site
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = site / "output"
    md = probe((out / "vijf-tekenen-dat-je-ketting-op-is.html").read_text())
    rst = probe((out / "welke-e-bike-past-bij-jou.html").read_text())
    mapped = probe((out / "wat-klanten-zeggen.html").read_text())
    assert (md["id"], md["ids"], md["mapped"]) == ("awareness", "awareness", "False")
    assert (rst["id"], rst["ids"]) == ("decision", "decision,consideration")
    assert (mapped["id"], mapped["mapped"]) == ("decision", "True")
    assert md["site"] == (
        "awareness:2;consideration:1;decision:2;purchase:0;experience:0;aftercare:1;"
    )
    assert not (out / "nog-niet-af.html").exists()  # the draft


def test_installed_theme_by_name(venv, tmp_path):
    site = external_site(tmp_path / "thema", 'THEME = "klantreis"\n')
    result = run(
        [str(venv / "bin" / "pelican"), "content", "-s", "pelicanconf.py"], cwd=site
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "output" / "pages" / "contact.html").is_file()


def test_unknown_phase_exits_3_cleanly_through_the_real_cli(venv, tmp_path):
    site = external_site(tmp_path / "fout")
    (site / "content" / "pages" / "contact.md").write_text(
        "Title: Contact\nPhase: nazrog\n\nBel ons.\n", encoding="utf-8"
    )
    result = run(
        [str(venv / "bin" / "pelican"), "content", "-s", "pelicanconf.py"], cwd=site
    )
    output = result.stdout + result.stderr
    assert result.returncode == 3, output
    assert "content/pages/contact.md" in output
    assert "'nazorg' (aftercare)" in output
    assert "Traceback" not in output


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ('JOURNEY_FAIL_ON = "sometimes"', "JOURNEY_FAIL_ON"),
        ('JOURNEY_RULES = {"no-such-rule": "error"}', "JOURNEY_RULES"),
        ('JOURNEY_MODEL = "seven-phase"', "JOURNEY_MODEL"),
    ],
)
def test_bad_setting_exits_2_cleanly_through_the_real_cli(venv, tmp_path, line, named):
    site = external_site(tmp_path / "instelling", line + "\n")
    result = run(
        [str(venv / "bin" / "pelican"), "content", "-s", "pelicanconf.py"], cwd=site
    )
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert named in output
    assert "Traceback" not in output
    assert not (site / "output" / "pages" / "contact.html").exists()


def test_console_script_and_module_entry(venv, tmp_path):
    script = run([str(venv / "bin" / "pelican-journey"), "--help"], cwd=tmp_path)
    assert script.returncode == 0
    for command in ("init", "check", "baseline", "suggest"):
        assert command in script.stdout
    module = run(
        [str(venv / "bin" / "python"), "-m", "pelican.plugins.journey", "--version"],
        cwd=tmp_path,
    )
    assert module.returncode == 0
    assert re.fullmatch(r"\d+\.\d+\.\d+\s*", module.stdout)


def test_version_is_the_same_in_pyproject_package_and_changelog():
    import tomllib

    from pelican.plugins.journey import __version__

    root = Path(__file__).resolve().parent.parent
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["version"] == __version__
    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{__version__}]" in changelog
