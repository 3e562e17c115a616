"""What to do first: up to five actions for the owner, most important first.

The journey map opens with them (SPEC §7, ``class="journey-actions"``). They
are made from the build's findings, not decided again: one action per rule,
ranked by what the gap costs the journey. Errors come first (they stop the
site from being published), then an empty phase, then a missing way to reach
a person, then pages that leave the visitor without a next step, and last the
wording of labels and the like. Each action names the page or the phase and
the change, in plain words, in ``JOURNEY_LANG``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..model.records import FrozenRecord
from ..model.text import MESSAGES, text

if TYPE_CHECKING:
    from ..model.findings import Finding
    from ..model.phases import Model
    from ..site.index import Document

MAX_ACTIONS = 5

# Rules in the order their gap costs the journey most. A rule that is not
# listed (a rule added later) ranks after these, errors still first.
RANK: tuple[str, ...] = (
    "phase-empty",
    "aftercare-contact",
    "reachability",
    "noreply-contact",
    "contact-depth",
    "starter-text",
    "return-terms",
    "price-clarity",
    "forced-account",
    "dead-end",
    "missing-cta",
    "social-proof",
    "expertise-blog",
    "drop-off",
    "untagged",
    "long-form",
    "tracking-scripts",
    "persona-gap",
    "unvisited",
    "empty-slogan",
    "mixed-address",
    "long-sentences",
    "generic-cta",
)


class Action(FrozenRecord):
    """One thing to do: the sentence, and the findings it answers."""

    __slots__ = ("count", "rule", "severity", "text")
    _fields = ("text", "rule", "severity", "count")
    __repr__ = object.__repr__  # as the dataclass (repr=False) it replaces
    text: str
    rule: str
    severity: str
    count: int  # how many findings of the rule this action covers

    def __init__(
        self,
        text: str,
        rule: str,
        severity: str,
        count: int,
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "text", text)
        set_field(self, "rule", rule)
        set_field(self, "severity", severity)
        set_field(self, "count", count)


def _severity(group: Sequence[Finding]) -> str:
    return "error" if any(f.severity == "error" for f in group) else "warning"


def _rank(rule: str, severity: str) -> tuple[int, int]:
    position = RANK.index(rule) if rule in RANK else len(RANK)
    return (0 if severity == "error" else 1, position)


def _where(
    finding: Finding, docs: Mapping[str, Document], model: Model, lang: str
) -> dict[str, str]:
    """The words an action uses: the page's title, the phase and its question."""
    doc = docs.get(finding.source or "")
    phase = model.get(finding.phase) if finding.phase else None
    if phase is None and doc is not None and doc.phase is not None:
        phase = doc.phase
    if phase is None and finding.rule in {"aftercare-contact", "reachability"}:
        phase = model.final
    page = doc.title if doc is not None else (finding.source or "")
    return {
        "page": page or (phase.label(lang) if phase else ""),
        "phase": phase.label(lang) if phase else "",
        "question": phase.question(lang) if phase else "",
        "message": finding.message,
    }


def _sentence(
    findings: Sequence[Finding], docs: Mapping[str, Document], model: Model, lang: str
) -> str:
    first = findings[0]
    values = _where(first, docs, model, lang)
    key = f"action-{first.rule}"
    if key in MESSAGES:
        sentence = text(key, lang, **values)
    else:
        # A rule without its own action sentence: its finding says what to do.
        where = values["page"] if first.source else values["phase"]
        sentence = f"{where}: {first.message}" if where else first.message
    more = len(findings) - 1
    if more and first.rule != "phase-empty":
        sentence += " " + text("action-more", lang, count=more)
    return sentence


def plan_actions(
    findings: Sequence[Finding],
    documents: Sequence[Document],
    model: Model,
    lang: str,
) -> list[Action]:
    """Up to :data:`MAX_ACTIONS` actions, most important first.

    Baselined findings are accepted for now and make no action. An empty
    phase is one action per phase (each is a page to write); any other rule
    is one action, naming its first page and how many more there are.
    """
    docs = {d.source: d for d in documents if d.source}
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        if finding.baselined:
            continue
        key = (
            finding.rule,
            finding.phase or "" if finding.rule == "phase-empty" else "",
        )
        groups.setdefault(key, []).append(finding)
    order = {p.id: p.index for p in model.phases}
    ranked = sorted(
        groups.values(),
        key=lambda group: (
            *_rank(group[0].rule, _severity(group)),
            order.get(group[0].phase or "", 0),
        ),
    )
    return [
        Action(
            text=_sentence(group, docs, model, lang),
            rule=group[0].rule,
            severity=_severity(group),
            count=len(group),
        )
        for group in ranked[:MAX_ACTIONS]
    ]
