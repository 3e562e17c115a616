"""The ``pelican-journey`` command: a thin layer over the plugin's modules.

Exit status: 0 fine, 2 bad input (a clear one-line message, no traceback),
3 findings at or above the fail level.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from ..model.findings import CHECK_FORMATS, EXIT_BAD_INPUT, FAIL_LEVELS
from ..model.phases import BUILTIN_MODELS, LANGS


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pelican-journey",
        description="Customer-journey coverage for Pelican sites "
        "(klantreis: bewustwording … nazorg).",
    )
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = commands.add_parser(
        "init", help="write a new journey-centred site into an empty folder"
    )
    init.add_argument("dir", type=Path, metavar="DIR")
    init.add_argument("--lang", choices=LANGS, default="nl")
    init.add_argument("--name", default=None, help="the business name")
    init.add_argument("--model", choices=list(BUILTIN_MODELS), default="six-phase")

    def settings_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "-s",
            "--settings",
            default=None,
            metavar="SETTINGS",
            help="the site's settings file (default: ./pelicanconf.py)",
        )

    check = commands.add_parser("check", help="check coverage without publishing")
    settings_option(check)
    check.add_argument("--format", choices=CHECK_FORMATS, default="text")
    check.add_argument("--fail-on", choices=FAIL_LEVELS, default=None)

    funnel = commands.add_parser(
        "funnel", help="print the phase funnel from a visitor-statistics export"
    )
    settings_option(funnel)
    funnel.add_argument(
        "--analytics",
        default=None,
        metavar="PATH",
        help="the export (file or folder); default: JOURNEY_ANALYTICS",
    )

    baseline = commands.add_parser(
        "baseline", help="write the baseline file from today's findings"
    )
    settings_option(baseline)
    baseline.add_argument(
        "--prune",
        action="store_true",
        help="remove entries that match no finding any more",
    )

    suggest = commands.add_parser(
        "suggest", help="propose a phase for every untagged document"
    )
    settings_option(suggest)
    suggest.add_argument(
        "--write",
        action="store_true",
        help="add the Phase line to confident files (atomically, nothing else changes)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    from .runner import SiteError  # noqa: PLC0415 - keep --help fast

    try:
        if args.command == "init":
            from .scaffold import init_site  # noqa: PLC0415

            return init_site(args.dir, lang=args.lang, name=args.name, model=args.model)
        if args.command == "check":
            from .check import check  # noqa: PLC0415

            return check(args.settings, fmt=args.format, fail_on=args.fail_on)
        if args.command == "funnel":
            from .funnel import funnel  # noqa: PLC0415

            return funnel(args.settings, args.analytics)
        if args.command == "baseline":
            from .check import write_baseline  # noqa: PLC0415

            return write_baseline(args.settings, prune=args.prune)
        from .suggest import suggest  # noqa: PLC0415

        return suggest(args.settings, write=args.write)
    except SiteError as error:
        print(f"pelican-journey: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    raise SystemExit(main())
