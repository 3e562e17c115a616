"""The coverage-rule registry: declarations, discovery, and running the rules.

A rule is one function decorated with :func:`rule` in any module of this
package: an id, a default severity, typed options with defaults
(:class:`~..model.settings.Option`), a one-line message in Dutch and English,
a documentation entry, and a pure function of the site index that yields
:class:`Hit` objects. Adding a rule touches its module and nothing else: the
modules of the package are found with :mod:`pkgutil` on first use of
:data:`REGISTRY`, and the settings validation, the reports and the generated
``docs/rules.md`` all read the registry.

**Order.** Rules run and reports list them in a declared, stable order, never
import order: default severity first (``error`` before ``warning``), then the
rule id alphabetically (:func:`order_key`).

This module depends on ``model/`` only; the types of ``site/`` are used for
annotations alone.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ..model.findings import Finding
from ..model.records import FrozenObject, FrozenRecord
from ..model.settings import SEVERITIES, Option
from ..model.text import pick

if TYPE_CHECKING:
    from ..model.phases import Phase
    from ..model.settings import JourneyConfig
    from ..site.graph import LinkGraph
    from ..site.index import Document, SiteIndex

_T = TypeVar("_T")

PACKAGE = __name__.rpartition(".")[0]  # the rules package
# Modules of the rules package that hold no rules.
NOT_RULES = frozenset({"registry"})


class Hit(FrozenRecord):
    """What a rule found: the subject, the message values, where it is.

    ``quote`` is a text of the source that pins the hit down (an unknown
    value, a link target): with the rule's ``key`` it locates the finding's
    line, and is no part of its identity.
    """

    __slots__ = ("document", "phase", "quote", "subject", "values")
    _fields = ("subject", "values", "document", "phase", "quote")
    __repr__ = object.__repr__  # as the dataclass (repr=False) it replaces
    subject: str
    values: Mapping[str, Any]
    document: Document | None
    phase: str | None
    quote: str | None

    def __init__(
        self,
        subject: str,
        values: Mapping[str, Any] | None = None,
        document: Document | None = None,
        phase: str | None = None,
        quote: str | None = None,
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "subject", subject)
        set_field(self, "values", {} if values is None else values)
        set_field(self, "document", document)
        set_field(self, "phase", phase)
        set_field(self, "quote", quote)


class RuleContext(FrozenObject):
    """Everything a rule may look at: the index, its options, the language.

    ``graph`` is the build's link graph (``site/graph.py``), built after the
    calls to action and next steps were chosen.
    """

    index: SiteIndex
    options: Mapping[str, Any]
    lang: str
    graph: LinkGraph
    # What a rule prepares once for this run (a page check's word lists):
    # each run of the rules, and each page pass, has a context of its own.
    memo: dict[str, Any]

    def __init__(
        self, index: SiteIndex, options: Mapping[str, Any], lang: str, graph: LinkGraph
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "index", index)
        set_field(self, "options", options)
        set_field(self, "lang", lang)
        set_field(self, "graph", graph)
        set_field(self, "memo", {})

    def checked(self) -> Iterator[Document]:
        """Documents whose metadata is checked: everything but drafts."""
        return (d for d in self.index.documents if d.status != "draft")

    def prepared(self, name: str, make: Callable[[], _T]) -> _T:
        """``make()``, made once for this context (kept in :attr:`memo`)."""
        try:
            return self.memo[name]
        except KeyError:
            made = self.memo[name] = make()
            return made


Check = Callable[[RuleContext], Iterable[Hit]]


class Rule(FrozenObject):
    """A registered rule: its id, defaults, messages, options and check."""

    id: str
    severity: str
    messages: Mapping[str, str]
    doc: str
    check: Check
    options: Mapping[str, Option]
    # The metadata key a finding is about (for line numbers), if any; or a
    # function of the finding's subject that returns it.
    key: str | Callable[[str], str | None] | None
    # Message values (and "source") of an example finding, for the docs.
    example: Mapping[str, Any] | None
    # What the rule finds, in one line (README); default: the doc's first.
    summary: str
    module: str

    def __init__(
        self,
        id: str,
        severity: str,
        messages: Mapping[str, str],
        doc: str,
        check: Check,
        options: Mapping[str, Option] | None = None,
        key: str | Callable[[str], str | None] | None = None,
        example: Mapping[str, Any] | None = None,
        summary: str = "",
        module: str = "",
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "id", id)
        set_field(self, "severity", severity)
        set_field(self, "messages", messages)
        set_field(self, "doc", doc)
        set_field(self, "check", check)
        set_field(self, "options", {} if options is None else options)
        set_field(self, "key", key)
        set_field(self, "example", example)
        set_field(self, "summary", summary)
        set_field(self, "module", module)

    def finds(self) -> str:
        """What the rule finds, in one line: ``summary``, else the doc's first."""
        if self.summary:
            return self.summary
        first = re.split(r"(?<=[.:;])\s", " ".join(self.doc.split()), maxsplit=1)[0]
        return first.rstrip(".:;")

    def message(self, lang: str, values: Mapping[str, Any]) -> str:
        resolved = {
            key: pick(value, lang) if isinstance(value, Mapping) else value
            for key, value in values.items()
        }
        return pick(self.messages, lang).format(**resolved)


def order_key(entry: Rule) -> tuple[int, str]:
    """Reports list rules by default severity (errors first), then by id."""
    return (SEVERITIES.index(entry.severity), entry.id)


_DECLARED: dict[str, Rule] = {}


def rule(
    rule_id: str,
    *,
    severity: str,
    messages: Mapping[str, str],
    doc: str,
    options: Mapping[str, Option] | None = None,
    key: str | Callable[[str], str | None] | None = None,
    example: Mapping[str, Any] | None = None,
    summary: str = "",
) -> Callable[[Check], Check]:
    """Register ``check`` as the rule ``rule_id``."""
    if severity not in SEVERITIES:
        raise ValueError(f"rule {rule_id}: severity {severity!r}")
    for name, option in (options or {}).items():
        if not isinstance(option, Option):
            raise TypeError(f"rule {rule_id}: option {name} is not an Option")

    def register(check: Check) -> Check:
        if rule_id in _DECLARED:
            raise ValueError(f"rule {rule_id!r} registered twice")
        _DECLARED[rule_id] = Rule(
            rule_id,
            severity,
            dict(messages),
            doc,
            check,
            dict(options or {}),
            key,
            example,
            summary,
            getattr(check, "__module__", ""),
        )
        return check

    return register


def rule_modules() -> list[str]:
    """The names of the modules of the rules package that declare rules."""
    package = importlib.import_module(PACKAGE)
    return sorted(
        info.name
        for info in pkgutil.iter_modules(package.__path__)
        if info.name not in NOT_RULES and not info.name.startswith("_")
    )


class _Registry(Mapping[str, Rule]):
    """Rule id -> :class:`Rule`, in :func:`order_key` order.

    The rule modules are imported on first use, not when this module is
    imported: nothing below ``rules/`` imports a rule module.
    """

    def __init__(self) -> None:
        self._rules: dict[str, Rule] | None = None

    def _load(self) -> dict[str, Rule]:
        if self._rules is None:
            for name in rule_modules():
                importlib.import_module(f"{PACKAGE}.{name}")
            self._rules = {r.id: r for r in sorted(_DECLARED.values(), key=order_key)}
        return self._rules

    def __getitem__(self, rule_id: str) -> Rule:
        return self._load()[rule_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())

    def __repr__(self) -> str:
        return f"REGISTRY({list(self)})"


REGISTRY: Mapping[str, Rule] = _Registry()


def run_rules(
    index: SiteIndex, graph: LinkGraph, config: JourneyConfig
) -> list[Finding]:
    """Run every enabled rule over the index; return all findings in order."""
    findings: list[Finding] = []
    for rule_id, entry in REGISTRY.items():
        rule_config = config.rules[rule_id]
        if rule_config.severity == "off":
            continue
        context = RuleContext(index, rule_config.options, config.lang, graph)
        key = entry.key
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
                    field=key(hit.subject) if callable(key) else key,
                    quote=hit.quote,
                )
            )
    return findings


def phase_names(phase: Phase) -> dict[str, str]:
    """A phase as messages name it, per language: ``'Aankoop' (purchase)``."""
    return {lang: f"'{phase.label(lang)}' ({phase.id})" for lang in ("nl", "en")}
