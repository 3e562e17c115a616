"""The ``pelican-journey`` command: a thin layer over the plugin's modules.

Exit status: 0 fine, 1 Pelican itself failed or the reports could not be
written, 2 bad input (a clear one-line message, no traceback), 3 findings at
or above the fail level.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from ..model.findings import CHECK_FORMATS, EXIT_BAD_INPUT, FAIL_LEVELS
from ..model.phases import BUILTIN_MODELS, LANGS

EXIT_STATUS = """exit status:
  0  done; no finding at or above the fail level
  1  Pelican itself failed, or the reports could not be written
  2  bad input: a command line, settings file or JOURNEY_* setting that
     cannot be used, or settings that do not load the journey plugin
  3  findings at or above the fail level (JOURNEY_FAIL_ON or --fail-on)"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the exit-status table as written; a wider help column."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)


def _sub(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    description: str,
) -> argparse.ArgumentParser:
    return commands.add_parser(
        name,
        help=summary,
        description=textwrap.fill(description, 78),
        epilog=EXIT_STATUS,
        formatter_class=_Formatter,
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pelican-journey",
        description=textwrap.fill(
            "Customer-journey coverage for Pelican sites (klantreis: "
            "bewustwording … nazorg). Run 'pelican-journey COMMAND --help' for "
            "a command's options.",
            78,
        ),
        epilog=EXIT_STATUS,
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = _sub(
        commands,
        "init",
        "write a new journey-centred site into an empty folder",
        "Write a new site that uses the journey plugin and the klantreis theme: "
        "settings, a starter page per phase, a contact page and two expert "
        "articles, with placeholder text to replace.",
    )
    init.add_argument(
        "dir",
        type=Path,
        metavar="DIR",
        help="the folder for the new site: new, empty, or holding only .git "
        "(a freshly cloned repository); '.' for the current folder",
    )
    init.add_argument(
        "--lang",
        choices=LANGS,
        default="nl",
        help="language of the pages and messages (default: nl)",
    )
    init.add_argument(
        "--name",
        default=None,
        help="the business name (default: from the folder's name)",
    )
    init.add_argument(
        "--model",
        choices=list(BUILTIN_MODELS),
        default="six-phase",
        help="the journey model (default: six-phase)",
    )

    def settings_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "-s",
            "--settings",
            default=None,
            metavar="SETTINGS",
            help="the site's settings file (default: ./pelicanconf.py)",
        )

    check = _sub(
        commands,
        "check",
        "check coverage without publishing",
        "Read the site and run every journey check, without writing the site; "
        "print the findings.",
    )
    settings_option(check)
    check.add_argument(
        "--format",
        choices=CHECK_FORMATS,
        default="text",
        help="what to print (default: text)",
    )
    check.add_argument(
        "--fail-on",
        choices=FAIL_LEVELS,
        default=None,
        help="lowest severity that fails (default: JOURNEY_FAIL_ON, else error)",
    )

    funnel = _sub(
        commands,
        "funnel",
        "print the phase funnel from a visitor-statistics export",
        "Lay the visits of a statistics export (access log, Plausible, "
        "GoatCounter, Matomo) over the site's phases; print visits, exits and "
        "drop-off per phase.",
    )
    settings_option(funnel)
    funnel.add_argument(
        "--analytics",
        default=None,
        metavar="PATH",
        help="the export (file or folder); default: JOURNEY_ANALYTICS",
    )

    baseline = _sub(
        commands,
        "baseline",
        "write the baseline file from today's findings",
        "Write today's findings to the JOURNEY_BASELINE file, so that only new "
        "findings fail the build (left-over starter text is never accepted).",
    )
    settings_option(baseline)
    baseline.add_argument(
        "--prune",
        action="store_true",
        help="remove entries that match no finding any more",
    )

    suggest = _sub(
        commands,
        "suggest",
        "propose a phase for every untagged document",
        "Propose a phase for each page and article without one, from its text "
        "(Dutch and English).",
    )
    settings_option(suggest)
    suggest.add_argument(
        "--write",
        action="store_true",
        help="add the Phase line to confident files (atomically, nothing else changes)",
    )
    return parser


def _unknown_command(parser: argparse.ArgumentParser, argv: Sequence[str]) -> str:
    """A one-line message for a mistyped command, with a guess; else ''."""
    commands = next(
        action.choices
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    if first is None or first in commands or argv[: argv.index(first)]:
        return ""
    close = difflib.get_close_matches(first, list(commands), n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return (
        f"pelican-journey: unknown command {first!r}{hint} "
        f"(commands: {', '.join(commands)})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    arguments = list(sys.argv[1:] if argv is None else argv)
    unknown = _unknown_command(parser, arguments)
    if unknown:
        print(unknown, file=sys.stderr)
        return EXIT_BAD_INPUT
    args = parser.parse_args(arguments)
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
