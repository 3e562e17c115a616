"""Make the README screenshots of the example site with headless Chromium.

Run from anywhere, with the project installed (``pip install '.[test]'``):

    python docs/screenshots/make.py [--overrides DIR]

It builds the example site (``pelicanconf.py``) into a temporary folder,
serves it on 127.0.0.1 and writes next to this script: ``home-phone.png``,
``article-phone.png`` (the first screen of a 390 x 844 phone),
``article-phone-cta.png`` (the same article scrolled to its call to action)
and ``home-desktop.png``, ``article-desktop.png`` (whole pages at 1280 px),
and ``journey-map.png`` (the build's journey map, whole page at 1440 px),
and ``funnel-desktop.png``, ``funnel-phone.png`` (the map's funnel of real
visits, from ``analytics/access.log``, at 1280 px and on a 390 px phone).
``--funnel-only`` makes just the two funnel screenshots.
``--overrides DIR`` passes DIR as ``THEME_TEMPLATES_OVERRIDES``, e.g. to try
other journey partials; ``--site DIR`` photographs a site already built in DIR
instead of building one.

``--init`` instead scaffolds a plumber's site with ``pelican-journey init``
(as a web builder would), builds it, and writes ``init-home-phone.png`` and
``init-home-desktop.png``; then removes its purchase page and writes
``map-actions-desktop.png`` and ``map-actions-phone.png``: the journey map of
a site with gaps, opening with what to do first.

``--themes`` instead builds the example site once per theme (klantreis,
Pelican's ``simple`` and ``notmyidea``, and the third-party ``reflex`` and
``smallweb`` from PyPI) and writes ``cta-<theme>-phone.png`` and
``cta-<theme>-desktop.png``: the article scrolled to its call to action, as
the plugin's partial or its injected block shows it in that theme.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Theme -> settings it needs besides the example site's (third-party themes
# install from PyPI: pelican-theme-reflex, pelican-theme-smallweb).
THEMES = {
    "klantreis": {},
    "simple": {"THEME": "simple"},
    "notmyidea": {"THEME": "notmyidea"},
    "reflex": {
        "THEME": "reflex",
        "AUTHOR": "Fietsmakerij De Spaak",
        "CC_LICENSE": {"name": "CC BY", "version": "4.0", "slug": "by", "icon": False},
    },
    "smallweb": {"THEME": "smallweb"},
}
SHOTS = {
    "home": "index.html",
    "article": "repareren-of-vervangen.html",
}
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
CTA = ".journey-cta"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        del format, args


def build(
    output: Path,
    overrides: Path | None,
    reports: Path,
    settings: dict[str, object] | None = None,
) -> None:
    command = [
        sys.executable,
        "-m",
        "pelican",
        "content",
        "-s",
        "pelicanconf.py",
        "-o",
        str(output),
        "-q",
    ]
    # One -e with every setting: Pelican keeps only the last -e option.
    extra = {"JOURNEY_REPORT_PATH": str(reports), **(settings or {})}
    if overrides is not None:
        extra["THEME_TEMPLATES_OVERRIDES"] = [str(overrides)]
    command += ["-e", *(f"{name}={json.dumps(value)}" for name, value in extra.items())]
    subprocess.run(command, cwd=ROOT, check=True)


def serve(output: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def theme_shots(tmp: Path) -> None:
    """The article's call to action in each theme of :data:`THEMES`."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for theme, settings in THEMES.items():
            output = tmp / theme / "output"
            overrides = None
            if settings:  # the example's 404 page uses a klantreis template
                overrides = tmp / theme / "overrides"
                overrides.mkdir(parents=True)
                (overrides / "404.html").write_text('{% extends "page.html" %}\n')
            build(output, overrides, tmp / theme / "journey-report", settings)
            server, base = serve(output)
            try:
                for width_name, (width, height) in WIDTHS.items():
                    page = browser.new_page(
                        viewport={"width": width, "height": height},
                        device_scale_factor=2 if width_name == "phone" else 1,
                    )
                    page.goto(base + SHOTS["article"])
                    page.locator(CTA).first.evaluate(
                        "e => e.scrollIntoView({block: 'center'})"
                    )
                    target = HERE / f"cta-{theme}-{width_name}.png"
                    page.screenshot(path=str(target))
                    sys.stdout.write(f"wrote {target.relative_to(ROOT)}\n")
                    page.close()
            finally:
                server.shutdown()
        browser.close()


def shoot_funnel(browser: object, journey_map: Path) -> None:
    """The map's funnel section, on a desktop and on a phone."""
    for name, (width, height) in WIDTHS.items():
        page = browser.new_page(  # type: ignore[attr-defined]
            viewport={"width": width, "height": height},
            device_scale_factor=2 if name == "phone" else 1,
        )
        page.goto(journey_map.as_uri())
        section = page.locator("#jm-funnel")
        if not section.count():
            sys.stderr.write("no #jm-funnel on the map (JOURNEY_ANALYTICS?)\n")
            page.close()
            return
        target = HERE / f"funnel-{name}.png"
        section.screenshot(path=str(target))
        sys.stdout.write(f"wrote {target.relative_to(ROOT)}\n")
        page.close()


def init_shots(tmp: Path) -> None:
    """A site fresh from ``init``, and the map of that site with a gap."""
    site = tmp / "loodgieter"
    subprocess.run(["git", "init", "-q", str(site)], check=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican.plugins.journey",
            "init",
            str(site),
            "--name",
            "Loodgieter Bakker",
        ],
        check=True,
    )

    def build_init(name: str) -> Path:
        output = tmp / name / "output"
        reports = tmp / name / "journey-report"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pelican",
                "-s",
                "pelicanconf.py",
                "-o",
                str(output),
                "-e",
                f"JOURNEY_REPORT_PATH={json.dumps(str(reports))}",
            ],
            cwd=site,
            check=True,
        )
        return output

    output = build_init("fresh")
    server, base = serve(output)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for width_name, (width, height) in WIDTHS.items():
                page = browser.new_page(
                    viewport={"width": width, "height": height},
                    device_scale_factor=2 if width_name == "phone" else 1,
                )
                page.goto(base + "index.html")
                target = HERE / f"init-home-{width_name}.png"
                page.screenshot(path=str(target), full_page=width_name == "desktop")
                sys.stdout.write(f"wrote {target.relative_to(ROOT)}\n")
                page.close()
        finally:
            server.shutdown()
        (site / "content" / "pages" / "prijzen.md").unlink()
        build_init("gap")
        journey_map = tmp / "gap" / "journey-report" / "journey-map.html"
        for width_name, (width, height) in WIDTHS.items():
            page = browser.new_page(
                viewport={"width": width, "height": height},
                device_scale_factor=2 if width_name == "phone" else 1,
            )
            page.goto(journey_map.as_uri())
            target = HERE / f"map-actions-{width_name}.png"
            page.screenshot(path=str(target))
            sys.stdout.write(f"wrote {target.relative_to(ROOT)}\n")
            page.close()
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--overrides", type=Path, help="THEME_TEMPLATES_OVERRIDES")
    parser.add_argument("--site", type=Path, help="an already built site")
    parser.add_argument(
        "--themes", action="store_true", help="the CTA in each theme of THEMES"
    )
    parser.add_argument(
        "--funnel-only", action="store_true", help="only the funnel screenshots"
    )
    parser.add_argument(
        "--init", action="store_true", help="a site from init, and its map"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.themes:
            theme_shots(Path(tmp))
            return 0
        if args.init:
            init_shots(Path(tmp))
            return 0
        if args.site:
            output = args.site.resolve()
        else:
            output = Path(tmp) / "output"
            reports = Path(tmp) / "journey-report"
            build(output, args.overrides.resolve() if args.overrides else None, reports)
        handler = functools.partial(_QuietHandler, directory=str(output))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=CHROMIUM, args=CHROMIUM_ARGS
                )
                for width_name, (width, height) in WIDTHS.items():
                    if args.funnel_only:
                        break
                    page = browser.new_page(
                        viewport={"width": width, "height": height},
                        device_scale_factor=2 if width_name == "phone" else 1,
                    )
                    for shot, path in SHOTS.items():
                        page.goto(base + path)
                        shots = {f"{shot}-{width_name}": None}
                        if shot == "article" and width_name == "phone":
                            shots[f"{shot}-{width_name}-cta"] = CTA
                        for name, anchor in shots.items():
                            if anchor is not None:
                                if not page.locator(anchor).count():
                                    sys.stderr.write(f"no {anchor} on {path}\n")
                                    continue
                                page.locator(anchor).evaluate(
                                    "e => e.scrollIntoView({block: 'center'})"
                                )
                            target = HERE / f"{name}.png"
                            page.screenshot(
                                path=str(target), full_page=width_name == "desktop"
                            )
                            sys.stdout.write(f"wrote {target.relative_to(ROOT)}\n")
                    page.close()
                if not args.site:
                    shoot_funnel(browser, reports / "journey-map.html")
                if not args.site and not args.funnel_only:
                    page = browser.new_page(viewport={"width": 1440, "height": 900})
                    page.goto((reports / "journey-map.html").as_uri())
                    target = HERE / "journey-map.png"
                    page.screenshot(path=str(target), full_page=True)
                    sys.stdout.write(f"wrote {target.relative_to(ROOT)}\n")
                    page.close()
                browser.close()
        finally:
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
