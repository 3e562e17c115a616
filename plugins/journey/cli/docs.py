"""Generated documentation: the README's settings and rules tables, docs/rules.md.

Everything here is read from the declarations: :data:`..model.settings.SETTINGS`
(type, default, doc of each setting) and the rule registry (severity,
options, doc, message and example of each rule). Regenerate after changing a
declaration::

    python -m pelican.plugins.journey.cli.docs          # rewrite the files
    python -m pelican.plugins.journey.cli.docs --check  # exit 1 when stale

Only the parts between the ``<!-- generated: … -->`` and
``<!-- end generated: … -->`` markers are written; the prose around them is
edited by hand.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..model.findings import Finding
from ..model.phases import LANGS
from ..model.settings import SETTINGS, Option, shown
from ..rules import REGISTRY, Rule

COMMAND = "python -m pelican.plugins.journey.cli.docs"
README = "README.md"
RULES_DOC = "docs/rules.md"


class StaleDocs(ValueError):
    """A file lacks its generated-section markers."""


def _markers(name: str) -> tuple[str, str]:
    return (
        f"<!-- generated: {name} (edit the declarations, then run {COMMAND}) -->",
        f"<!-- end generated: {name} -->",
    )


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def settings_table() -> str:
    """The README's settings table."""
    lines = ["| setting | type | default | meaning |", "|---|---|---|---|"]
    for name, setting in SETTINGS.items():
        kind = _cell(setting.type)
        lines.append(
            f"| `{name}` | {kind} | {setting.default_doc} | {_cell(setting.doc)} |"
        )
    return "\n".join(lines)


def rules_table() -> str:
    """The README's table of rules."""
    lines = ["| rule | default | finds |", "|---|---|---|"]
    for rule_id, entry in REGISTRY.items():
        lines.append(f"| `{rule_id}` | {entry.severity} | {_cell(entry.finds())} |")
    return "\n".join(lines)


def _option(name: str, option: Option) -> str:
    default = "" if option.default is None else f", default `{shown(option.default)}`"
    return f"  - `{name}` ({option.type_doc}{default}): {option.doc}"


def _example(entry: Rule, lang: str) -> str:
    values: Mapping[str, Any] | None = entry.example
    if values is None:  # no example declared: the message as written
        message = entry.messages.get(lang) or next(iter(entry.messages.values()))
        return f"[{entry.id}] …: {message}"
    shown_values = {k: v for k, v in values.items() if k != "source"}
    source = values.get("source")
    finding = Finding(
        entry.id, entry.severity, entry.message(lang, shown_values), source
    )
    return finding.log_line()


def rule_section(entry: Rule) -> str:
    """One rule's section of docs/rules.md."""
    lines = [f"## `{entry.id}`", "", f"- Default severity: **{entry.severity}**"]
    if entry.options:
        lines.append("- Options:")
        lines.extend(_option(name, option) for name, option in entry.options.items())
    else:
        lines.append("- Options: none")
    lines += ["", f"**Why.** {entry.doc.strip()}", "", "**Example.**", "", "```"]
    lines.extend(_example(entry, lang) for lang in LANGS)
    lines.append("```")
    return "\n".join(lines)


def rules_reference() -> str:
    """Every rule's section, in report order."""
    return "\n\n".join(rule_section(entry) for entry in REGISTRY.values())


def splice(text: str, name: str, generated: str) -> str:
    """``text`` with the section ``name`` between its markers replaced."""
    start, end = _markers(name)
    before, found, rest = text.partition(start)
    _, found_end, after = rest.partition(end)
    if not found or not found_end:
        raise StaleDocs(f"markers of the generated section {name!r} not found")
    return f"{before}{start}\n\n{generated}\n\n{end}{after}"


def generated_files(root: Path) -> dict[Path, str]:
    """Each generated file under ``root`` with the text it should have."""
    readme = root / README
    rules_doc = root / RULES_DOC
    text = readme.read_text(encoding="utf-8")
    text = splice(text, "settings", settings_table())
    text = splice(text, "rules", rules_table())
    rules_text = splice(
        rules_doc.read_text(encoding="utf-8"), "rules", rules_reference()
    )
    return {readme: text, rules_doc: rules_text}


def stale(root: Path) -> list[Path]:
    """The generated files under ``root`` that differ from the declarations."""
    return [
        path
        for path, text in generated_files(root).items()
        if path.read_text(encoding="utf-8") != text
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=COMMAND, description="regenerate the README tables and docs/rules.md"
    )
    parser.add_argument("root", nargs="?", type=Path, default=Path())
    parser.add_argument(
        "--check", action="store_true", help="only report stale files (exit 1)"
    )
    args = parser.parse_args(argv)
    try:
        if args.check:
            old = stale(args.root)
            for path in old:
                print(f"{path}: stale; run {COMMAND}", file=sys.stderr)
            return 1 if old else 0
        for path, text in generated_files(args.root).items():
            path.write_text(text, encoding="utf-8")
    except (OSError, StaleDocs) as error:
        print(f"{COMMAND}: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
