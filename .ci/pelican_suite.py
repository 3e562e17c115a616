"""Pelican's own test suite must not notice that pelican-journey is installed.

Installing pelican-journey puts it among Pelican's namespace plugins, which
Pelican loads for every site that leaves PLUGINS unset, its own test sites
included. This script downloads the sdist of the installed Pelican version
(it ships ``samples/`` and ``pelican/tests/``), runs its suite twice in this
environment, once as it is and once with pelican-journey hidden from
namespace-plugin discovery, and fails when

- a test fails with pelican-journey that does not fail without it (tests
  that need locales this machine lacks fail or skip alike in both runs), or
- the run with pelican-journey leaves a file behind in the Pelican tree.

Usage: python .ci/pelican_suite.py [--keep]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pelican

HIDE_PLUGIN = '''
"""pytest plugin: Pelican's namespace-plugin discovery without pelican-journey."""
import pelican.plugins._utils as _utils

_discover = _utils.get_namespace_plugins


def get_namespace_plugins(ns_pkg=None):
    found = _discover(ns_pkg)
    return {k: v for k, v in found.items() if k != "pelican.plugins.journey"}


_utils.get_namespace_plugins = get_namespace_plugins
'''


def files(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if "__pycache__" not in p.parts and ".pytest_cache" not in p.parts
    }


def failures(junit: Path) -> set[str]:
    tree = ET.parse(junit).getroot()
    failed = set()
    for case in tree.iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed.add(f"{case.get('classname')}::{case.get('name')}")
    return failed


def run_suite(
    source: Path, junit: Path, extra: list[str], pythonpath: str | None
) -> float:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONPATH", None)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    start = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:randomly",
            f"--junitxml={junit}",
            *extra,
            "pelican/tests",
        ],
        cwd=source,
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
    )
    return time.monotonic() - start


def main() -> int:
    version = pelican.__version__
    with tempfile.TemporaryDirectory(prefix="pelican-suite-") as tmp:
        work = Path(tmp)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "-q",
                "--no-binary",
                ":all:",
                "--no-deps",
                f"pelican=={version}",
                "-d",
                str(work),
            ],
            check=True,
        )
        [sdist] = work.glob("pelican-*.tar.gz")
        with tarfile.open(sdist) as archive:
            archive.extractall(work, filter="data")
        source = work / f"pelican-{version}"
        hide = work / "hide"
        hide.mkdir()
        (hide / "hide_journey.py").write_text(HIDE_PLUGIN, encoding="utf-8")
        before = files(source)
        with_time = run_suite(source, work / "with.xml", [], None)
        left = sorted(files(source) - before)
        without_time = run_suite(
            source, work / "without.xml", ["-p", "hide_journey"], str(hide)
        )
        with_failed = failures(work / "with.xml")
        without_failed = failures(work / "without.xml")
        tests = sum(1 for _ in ET.parse(work / "with.xml").getroot().iter("testcase"))
        sys.stdout.write(
            f"Pelican {version} test suite: {tests} tests; "
            f"with pelican-journey {len(with_failed)} failed ({with_time:.0f} s), "
            f"without {len(without_failed)} failed ({without_time:.0f} s)\n"
        )
        only_with = sorted(with_failed - without_failed)
        problems = []
        if only_with:
            problems.append("fail only with pelican-journey: " + ", ".join(only_with))
        if left:
            problems.append("files left behind: " + ", ".join(left[:20]))
        if problems:
            sys.stderr.write("\n".join(problems) + "\n")
            return 1
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
