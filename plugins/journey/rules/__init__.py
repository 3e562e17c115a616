"""The coverage-rule registry.

A rule is a small unit: an id, a default severity, typed options with
defaults, a one-line message in Dutch and English, a documentation entry, and
a pure function of the site index that yields :class:`Hit` objects. Adding a
rule is one function decorated with :func:`rule` in one of the modules
imported at the bottom of this file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model.findings import Finding
from ..model.text import pick

if TYPE_CHECKING:
    from ..model.settings import JourneyConfig
    from ..site.index import Document, SiteIndex

SEVERITIES = ("error", "warning", "off")
OPTION_KINDS = ("int", "str", "phase", "words", "bool")


@dataclass(frozen=True)
class Option:
    """A typed rule option with its default and documentation."""

    default: Any
    kind: str
    doc: str
    minimum: int | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule found: the subject, the message values, where it is."""

    subject: str
    values: Mapping[str, Any] = field(default_factory=dict)
    document: Document | None = None
    phase: str | None = None


@dataclass(frozen=True)
class RuleContext:
    """Everything a rule may look at: the index, its options, the language."""

    index: SiteIndex
    options: Mapping[str, Any]
    lang: str


Check = Callable[[RuleContext], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    messages: Mapping[str, str]
    doc: str
    check: Check
    options: Mapping[str, Option] = field(default_factory=dict)

    def message(self, lang: str, values: Mapping[str, Any]) -> str:
        resolved = {
            key: pick(value, lang) if isinstance(value, Mapping) else value
            for key, value in values.items()
        }
        return pick(self.messages, lang).format(**resolved)


REGISTRY: dict[str, Rule] = {}


def rule(
    rule_id: str,
    *,
    severity: str,
    messages: Mapping[str, str],
    doc: str,
    options: Mapping[str, Option] | None = None,
) -> Callable[[Check], Check]:
    """Register ``check`` as the rule ``rule_id``."""
    if severity not in SEVERITIES:
        raise ValueError(f"rule {rule_id}: severity {severity!r}")
    for name, option in (options or {}).items():
        if option.kind not in OPTION_KINDS:
            raise ValueError(f"rule {rule_id}: option {name} kind {option.kind!r}")

    def register(check: Check) -> Check:
        if rule_id in REGISTRY:
            raise ValueError(f"rule {rule_id!r} registered twice")
        REGISTRY[rule_id] = Rule(
            rule_id, severity, dict(messages), doc, check, dict(options or {})
        )
        return check

    return register


def run_rules(index: SiteIndex, config: JourneyConfig) -> list[Finding]:
    """Run every enabled rule over the index; return all findings in order."""
    findings: list[Finding] = []
    for rule_id, entry in REGISTRY.items():
        rule_config = config.rules[rule_id]
        if rule_config.severity == "off":
            continue
        context = RuleContext(index, rule_config.options, config.lang)
        for hit in entry.check(context):
            doc = hit.document
            findings.append(
                Finding(
                    rule=rule_id,
                    severity=rule_config.severity,
                    message=entry.message(config.lang, hit.values),
                    source=doc.source if doc is not None else None,
                    phase=hit.phase,
                    subject=hit.subject,
                )
            )
    return findings


# Rule modules register themselves on import, in the order reports list them.
from . import tagging  # noqa: E402, I001
from . import ctas  # noqa: E402
from . import coverage  # noqa: E402
from . import graph  # noqa: E402
from . import starter  # noqa: E402
from . import friction  # noqa: E402
from . import copy  # noqa: E402

__all__ = [
    "REGISTRY",
    "SEVERITIES",
    "Hit",
    "Option",
    "Rule",
    "RuleContext",
    "copy",
    "coverage",
    "ctas",
    "friction",
    "graph",
    "rule",
    "run_rules",
    "starter",
    "tagging",
]
