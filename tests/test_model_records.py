"""The model's and the views' record classes behave as the dataclasses they replace.

``@dataclass`` compiles each class's methods when the module is imported (a
few million instructions a class, paid by every build); these classes are
written out instead (``model/records.py``). Each is compared here with the
dataclass it was, field by field: construction with defaults, ``repr``,
``==``, hashing, read-only fields, copying and pickling.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from pelican.plugins.journey.model import phases as phases_module
from pelican.plugins.journey.model import settings as settings_module
from pelican.plugins.journey.model.keys import METADATA_KEYS
from pelican.plugins.journey.render import views
from pelican.plugins.journey.site import index as index_module


@dataclasses.dataclass(frozen=True, slots=True)
class PhaseView:
    id: str
    label: str
    question: str
    index: int
    count: int = 0


@dataclasses.dataclass(frozen=True, slots=True)
class PersonaView:
    id: str
    label: str
    description: str


@dataclasses.dataclass(frozen=True, slots=True)
class CtaView:
    label: str
    url: str
    phase: Any
    external: bool = False
    link: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class LinkStep:
    url: str
    title: str
    external: bool = False


@dataclasses.dataclass(slots=True)
class PageJourney:
    phase: Any = None
    phases: list[Any] = dataclasses.field(default_factory=list)
    mapped: bool = False
    cta: Any = None
    next: list[Any] = dataclasses.field(default_factory=list)
    personas: list[Any] = dataclasses.field(default_factory=list)
    touchpoint: str | None = None
    lang: str = "en"
    model_phases: list[Any] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class SiteJourney:
    model: str
    lang: str
    phases: list[Any]
    summary: Mapping[str, int]


@dataclasses.dataclass(frozen=True)
class Phase:
    id: str
    index: int
    labels: Mapping[str, str]
    questions: Mapping[str, str]
    ctas: Mapping[str, str]
    aliases: tuple[str, ...] = ()
    touchpoints: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True, repr=False)
class Persona:
    id: str
    labels: Mapping[str, str]
    description: str = ""


@dataclasses.dataclass(frozen=True, repr=False)
class CtaSetting:
    label: str
    target: str


@dataclasses.dataclass(frozen=True, repr=False)
class RuleConfig:
    severity: str
    options: Mapping[str, Any]


@dataclasses.dataclass(frozen=True, repr=False)
class Option:
    default: Any
    kind: str
    doc: str
    minimum: int | float | None = None
    maximum: float | None = None


@dataclasses.dataclass(frozen=True, repr=False)
class Setting:
    default: Any
    type: str
    doc: str
    check: Callable[..., Any]
    field: str = ""
    shown_default: str = ""


def _check(name: str, value: Any, scope: Any) -> Any:
    return value


_LABELS = {"nl": "Aankoop", "en": "Purchase"}
_PAIRS: list[tuple[Any, Any]] = [
    (
        views.PhaseView("buy", "Kopen", "Wat kost het?", 4),
        PhaseView("buy", "Kopen", "Wat kost het?", 4),
    ),
    (
        views.PhaseView("é", "Ünïcode ", "", 1, count=7),
        PhaseView("é", "Ünïcode ", "", 1, count=7),
    ),
    (views.PersonaView("gezin", "Gezin", ""), PersonaView("gezin", "Gezin", "")),
    (
        views.CtaView("Offerte", "offerte.html", views.PhaseView("a", "A", "", 1)),
        CtaView("Offerte", "offerte.html", views.PhaseView("a", "A", "", 1)),
    ),
    (
        views.CtaView("x", "https://e.example/", None, True, "{filename}/x.md"),  # type: ignore[arg-type]
        CtaView("x", "https://e.example/", None, True, "{filename}/x.md"),
    ),
    (views.LinkStep(url="a.html", title="A"), LinkStep(url="a.html", title="A")),
    (views.LinkStep("mailto:x@y", "x@y", True), LinkStep("mailto:x@y", "x@y", True)),
    (views.PageJourney(), PageJourney()),
    (
        views.PageJourney(
            phases=[1], mapped=True, next=["n"], lang="nl", touchpoint="t"
        ),
        PageJourney(phases=[1], mapped=True, next=["n"], lang="nl", touchpoint="t"),
    ),
    (
        views.SiteJourney("six-phase", "nl", [], {"a": 1}),
        SiteJourney("six-phase", "nl", [], {"a": 1}),
    ),
    (
        phases_module.Phase("buy", 4, _LABELS, {}, {}, ("kopen",)),
        Phase("buy", 4, _LABELS, {}, {}, ("kopen",)),
    ),
    (
        phases_module.Phase(
            id="x", index=1, labels={}, questions={}, ctas={}, touchpoints=("t",)
        ),
        Phase(id="x", index=1, labels={}, questions={}, ctas={}, touchpoints=("t",)),
    ),
    (settings_module.Persona("gezin", _LABELS), Persona("gezin", _LABELS)),
    (
        settings_module.CtaSetting("Offerte", "{filename}/o.md"),
        CtaSetting("Offerte", "{filename}/o.md"),
    ),
    (settings_module.RuleConfig("warning", {"n": 1}), RuleConfig("warning", {"n": 1})),
    (
        settings_module.Option(0.6, "float", "share", minimum=0, maximum=1),
        Option(0.6, "float", "share", minimum=0, maximum=1),
    ),
    (settings_module.Option((), "words", "extra"), Option((), "words", "extra")),
    (
        settings_module.Setting("nl", "str", "doc", _check, shown_default="x"),
        Setting("nl", "str", "doc", _check, shown_default="x"),
    ),
]


def _hashable(record: Any) -> bool:
    try:
        hash(record)
    except TypeError:
        return False
    return True


@pytest.mark.parametrize(("new", "old"), _PAIRS, ids=lambda r: type(r).__name__)
def test_records_behave_as_the_dataclasses_they_replace(new: Any, old: Any) -> None:
    assert type(new).__name__ == type(old).__name__
    names = [f.name for f in dataclasses.fields(old)]
    assert list(type(new)._fields) == names
    assert [getattr(new, n) for n in names] == [getattr(old, n) for n in names]
    if type(old).__repr__ is object.__repr__:
        assert type(new).__repr__ is object.__repr__
    else:
        assert repr(new).split("(", 1)[1] == repr(old).split("(", 1)[1]
    assert (hasattr(new, "__dict__")) == (hasattr(old, "__dict__"))
    same = copy.copy(new)
    assert same == new and (same != new) is False
    assert new != old  # another class, as between two dataclasses
    assert (new.__hash__ is None) == (old.__hash__ is None)
    assert _hashable(new) == _hashable(old)
    if _hashable(new):
        assert hash(new) == hash(old) == hash(same)
        assert pickle.loads(pickle.dumps(new)) == new
    frozen = old.__dataclass_params__.frozen
    for name in names:
        if frozen:
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(new, name, "x")
            with pytest.raises(dataclasses.FrozenInstanceError):
                delattr(new, name)
        else:
            setattr(new, name, "x")
            setattr(old, name, "x")
            assert [getattr(new, n) for n in names] == [getattr(old, n) for n in names]


def test_each_field_takes_part_in_equality() -> None:
    for new, _old in _PAIRS:
        for name in type(new)._fields:
            other = copy.copy(new)
            object.__setattr__(other, name, object())
            assert other != new, (type(new).__name__, name)


def test_defaults_are_new_lists_and_methods_stay() -> None:
    first, second = views.PageJourney(), views.PageJourney()
    assert first.phases is not second.phases and first.next is not second.next
    assert first.personas is not second.personas
    assert first.model_phases is not second.model_phases
    assert not first and views.PageJourney(phase=views.PhaseView("a", "A", "", 1))
    assert str(views.PhaseView("a", "Ärger", "", 1)) == "Ärger"
    assert str(views.PersonaView("a", "Gezin", "")) == "Gezin"
    assert settings_module.Persona("p", {}).label("nl") == "p"
    assert phases_module.Phase("x", 1, _LABELS, {}, {}).label("de") == "Purchase"
    with pytest.raises(ValueError, match="option kind"):
        settings_module.Option(1, "percent", "x")
    scope = settings_module.Scope({}, Path("."), {})
    assert (
        scope.values == {}
        and scope.values is not settings_module.Scope({}, Path("."), {}).values
    )
    assert scope != settings_module.Scope({}, Path("."), {})  # eq=False: by identity


# Session 9: the rules', the site's and the reports' records (same pattern).
@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class Hit:
    subject: str
    values: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    document: Any = None
    phase: str | None = None
    quote: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class CtaSpec:
    label: str = ""
    target: str = ""
    none: bool = False


@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class Target:
    raw: str
    url: str
    external: bool
    link: str
    document: Any = None
    node: str | None = None


@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class Cta:
    label: str
    target: Any
    phase: Any
    origin: str


@dataclasses.dataclass(frozen=True, slots=True)
class Edge:
    source: Any
    target: Any
    kind: str


@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class FunnelRow:
    id: str
    index: int
    label: str
    pageviews: int
    visits: int
    entries: int
    exits: int
    drop_rate: float | None
    onward: int | None
    onward_rate: float | None
    final: bool
    too_many: bool


@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class Action:
    text: str
    rule: str
    severity: str
    count: int


@dataclasses.dataclass(frozen=True, repr=False)
class Locator:
    base_dir: Path
    root: Path
    site_file: Path | None = None


@dataclasses.dataclass(slots=True, repr=False)
class Finding:
    rule: str
    severity: str
    message: str
    source: str | None
    phase: str | None = None
    subject: str = ""
    baselined: bool = False
    line: int | None = None
    field: str | None = None
    quote: str | None = None


@dataclasses.dataclass(slots=True, weakref_slot=True)
class BuildState:
    journeys: dict[int, Any] = dataclasses.field(default_factory=dict)
    blocks: dict[int, Any] = dataclasses.field(default_factory=dict)
    objects: list[Any] = dataclasses.field(default_factory=list)
    lead: str = ""
    style: str = ""
    summarising: set[int] = dataclasses.field(default_factory=set)


@dataclasses.dataclass(frozen=True, slots=True)
class Readability:
    sentences: int
    words: int
    syllables: int
    score: float


@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class Form:
    action: str
    fields: tuple[str, ...]


def _session9_pairs() -> list[tuple[Any, Any]]:
    from pelican.plugins.journey import pelican_compat
    from pelican.plugins.journey.model import findings
    from pelican.plugins.journey.report import actions, ci, funnel
    from pelican.plugins.journey.rules import registry
    from pelican.plugins.journey.site import graph, links, tagger

    phase = phases_module.Phase("buy", 4, _LABELS, {}, {})
    target = links.Target("{filename}/a.md", "a.html", False, "{filename}/a.md")
    row = ("buy", 4, "Kopen", 10, 8, 3, 2, 0.25, 5, 0.625, False, True)
    from pelican.plugins.journey.rules import copy as copy_rules
    from pelican.plugins.journey.site import text

    return [
        (copy_rules.Readability(3, 40, 61, 52.5), Readability(3, 40, 61, 52.5)),
        (copy_rules.Readability(0, 0, 0, 0.0), Readability(0, 0, 0, 0.0)),
        (text.Form("/send", ("Naam", "E-mail")), Form("/send", ("Naam", "E-mail"))),
        (text.Form(action="", fields=()), Form(action="", fields=())),
        (registry.Hit("s"), Hit("s")),
        (
            registry.Hit("é s ", {"n": 1}, None, "buy", "quote"),
            Hit("é s ", {"n": 1}, None, "buy", "quote"),
        ),
        (
            registry.Hit(subject="x", values=(("n", 1),), quote="q"),  # type: ignore[arg-type]
            Hit(subject="x", values=(("n", 1),), quote="q"),  # type: ignore[arg-type]
        ),
        (tagger.CtaSpec(), CtaSpec()),
        (tagger.CtaSpec("Offerte", "o.html"), CtaSpec("Offerte", "o.html")),
        (tagger.CtaSpec(none=True), CtaSpec(none=True)),
        (target, Target("{filename}/a.md", "a.html", False, "{filename}/a.md")),
        (
            links.Target("/", "", False, "/", None, "home"),
            Target("/", "", False, "/", None, "home"),
        ),
        (
            links.Target(raw="x", url="x", external=True, link="x", node="n"),
            Target(raw="x", url="x", external=True, link="x", node="n"),
        ),
        (
            links.Cta("Offerte", target, phase, "page"),
            Cta("Offerte", target, phase, "page"),
        ),
        (graph.Edge("a", "b", "cta"), Edge("a", "b", "cta")),
        (
            graph.Edge(source=1, target=2, kind="next"),
            Edge(source=1, target=2, kind="next"),
        ),
        (funnel.FunnelRow(*row), FunnelRow(*row)),
        (
            funnel.FunnelRow("x", 1, "X", 0, 0, 0, 0, None, None, None, True, False),
            FunnelRow("x", 1, "X", 0, 0, 0, 0, None, None, None, True, False),
        ),
        (
            actions.Action("Doe iets", "dead-end", "error", 3),
            Action("Doe iets", "dead-end", "error", 3),
        ),
        (ci.Locator(Path("/s"), Path("/")), Locator(Path("/s"), Path("/"))),
        (
            ci.Locator(Path("/s"), Path("/s"), Path("/s/p.py")),
            Locator(Path("/s"), Path("/s"), Path("/s/p.py")),
        ),
        (
            findings.Finding("dead-end", "warning", "Bericht", "a.md"),
            Finding("dead-end", "warning", "Bericht", "a.md"),
        ),
        (
            findings.Finding(
                "r", "error", "m", None, "buy", "s", True, 4, field="cta", quote="q"
            ),
            Finding(
                "r", "error", "m", None, "buy", "s", True, 4, field="cta", quote="q"
            ),
        ),
        (pelican_compat.BuildState(), BuildState()),
        (
            pelican_compat.BuildState({1: "j"}, {}, ["o"], "\n", "<style>", {2}),
            BuildState({1: "j"}, {}, ["o"], "\n", "<style>", {2}),
        ),
    ]


_PAIRS_9 = _session9_pairs()


@pytest.mark.parametrize(("new", "old"), _PAIRS_9, ids=lambda r: type(r).__name__)
def test_session9_records_behave_as_their_dataclasses(new: Any, old: Any) -> None:
    test_records_behave_as_the_dataclasses_they_replace(new, old)
    for name in type(new)._fields:
        other = copy.copy(new)
        object.__setattr__(other, name, object())
        assert other != new, (type(new).__name__, name)


def test_session9_defaults_are_new_objects() -> None:
    from pelican.plugins.journey import pelican_compat
    from pelican.plugins.journey.rules import registry

    assert registry.Hit("a").values == {}
    assert registry.Hit("a").values is not registry.Hit("a").values
    first, second = pelican_compat.BuildState(), pelican_compat.BuildState()
    for name in ("journeys", "blocks", "objects", "summarising"):
        assert getattr(first, name) is not getattr(second, name)
    import weakref

    assert weakref.ref(first)() is first


@dataclasses.dataclass(frozen=True)
class Model:
    id: str
    phases: tuple[Any, ...]
    _lookup: Mapping[str, Any] = dataclasses.field(
        repr=False, compare=False, default_factory=dict
    )


def test_model_behaves_as_its_dataclass() -> None:
    phase = phases_module.Phase("buy", 4, _LABELS, {}, {}, ("kopen",))
    new = phases_module.Model("m", (phase,))
    old = Model("m", (phase,))
    assert repr(new).split("(", 1)[1] == repr(old).split("(", 1)[1]
    assert hash(phases_module.Model("m", ())) == hash(Model("m", ()))
    for either in (new, old):  # as the dataclass: the phases' dicts are unhashable
        with pytest.raises(TypeError):
            hash(either)
    assert new == phases_module.Model("m", (phase,)) and new != old
    assert new != phases_module.Model("n", (phase,))
    assert new != phases_module.Model("m", ())
    assert new.resolve("Kopen") is phase and new.resolve("Aankoop") is phase
    for restored in (
        copy.copy(new),
        copy.deepcopy(new),
        pickle.loads(pickle.dumps(new)),
    ):
        assert restored == new and restored.resolve("kopen") == phase
    with pytest.raises(dataclasses.FrozenInstanceError):
        new.id = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del new.phases  # type: ignore[misc]
    with pytest.raises(phases_module.ModelError):
        phases_module.Model(
            "m", (phase, phases_module.Phase("other", 5, {}, {}, {}, ("kopen",)))
        )


def _identity_classes() -> list[tuple[Any, dict[str, Any], bool]]:
    """Classes that were dataclasses with ``eq=False``: (class, arguments, frozen)."""
    from pelican.plugins.journey.analysis import Analysis
    from pelican.plugins.journey.report import journey_map
    from pelican.plugins.journey.rules import registry
    from pelican.plugins.journey.site import graph, index, lines, tagger

    document = {
        "content": object(),
        "kind": "page",
        "key": "pages/a.md",
        "source": "content/pages/a.md",
        "title": "Ä",
        "url": "a.html",
        "lang": "nl",
        "status": "published",
        "category": None,
        "date": None,
        "tags": tagger.Tags(),
    }
    card = {
        "title": "T",
        "href": None,
        "link": "",
        "kind": "page",
        "touchpoint": None,
        "cta_label": None,
        "cta_target": None,
        "mapped": False,
        "tagged": True,
        "content_unseen": False,
        "onward": 0,
        "clicks": None,
        "personas": [],
        "persona_labels": [],
        "phases": [],
    }
    view = {
        "lang": "nl",
        "site": "S",
        "model": "m",
        "summary": {},
        "phases": [],
        "untagged": [],
        "personas": [],
        "flows": [],
        "svg": {},
        "dead_ends": [],
        "orphans": [],
        "contact": None,
        "contact_exists": False,
        "site_findings": [],
        "labels": {},
    }
    return [
        (
            registry.RuleContext,
            {"index": None, "options": {}, "lang": "nl", "graph": None},
            True,
        ),
        (
            registry.Rule,
            {"id": "r", "severity": "error", "messages": {}, "doc": "D.", "check": len},
            True,
        ),
        (Analysis, {"config": None, "index": None, "graph": None}, False),
        (graph.LinkGraph, {}, False),
        (journey_map.Card, card, False),
        (
            journey_map.PhaseColumn,
            {
                "id": "a",
                "index": 1,
                "label": "A",
                "question": "",
                "cards": [],
                "findings": [],
            },
            False,
        ),
        (journey_map.Flow, {"source": "a", "target": "b", "count": 2}, False),
        (journey_map.MapView, view, False),
        (index.Document, document, False),
        (lines.Header, {"spans": {"a": (1, 2)}, "lines": ["a: b"]}, False),
    ]


@pytest.mark.parametrize(
    ("cls", "args", "frozen"),
    _identity_classes(),
    ids=lambda c: getattr(c, "__name__", ""),
)
def test_identity_records_keep_their_defaults(
    cls: Any, args: dict[str, Any], frozen: bool
) -> None:
    first, second = cls(**args), cls(**args)
    assert first != second and first.__eq__(first) is True  # by identity (eq=False)
    assert copy.copy(first) != first
    assert hash(first) != hash(second) or first is second
    assert type(first).__repr__ is object.__repr__
    for name, value in args.items():
        assert getattr(first, name) is value
    if frozen:
        with pytest.raises(dataclasses.FrozenInstanceError):
            first.lang = "x"
    # positional construction in the dataclass's order gives the same object
    again = cls(*args.values())
    for name, value in args.items():
        assert getattr(again, name) is value
    # mutable defaults are new for each object (but a document's next steps:
    # one shared empty list, as the dataclass's factory gave)
    for name in cls.__annotations__.keys() - {"next", "next_steps"}:
        value = getattr(first, name)
        if isinstance(value, (list, dict, set)) and name not in args:
            assert getattr(second, name) is not value, name


def test_identity_records_defaults() -> None:
    from pelican.plugins.journey.analysis import Analysis
    from pelican.plugins.journey.report import journey_map
    from pelican.plugins.journey.rules import registry
    from pelican.plugins.journey.site import graph

    rule = registry.Rule("r", "error", {}, "Finds things. More.", len)
    assert (rule.options, rule.key, rule.example, rule.summary, rule.module) == (
        {},
        None,
        None,
        "",
        "",
    )
    assert rule.finds() == "Finds things"
    context = registry.RuleContext(None, {}, "nl", None)  # type: ignore[arg-type]
    assert context.memo == {} and context.prepared("a", lambda: 1) == 1
    analysis = Analysis(None, None, None)  # type: ignore[arg-type]
    assert (analysis.findings, analysis.journey, analysis.timings) == ([], None, {})
    assert (analysis.site_lang, analysis.subsites, analysis.started) == (None, [], True)
    assert analysis.attached is None
    links = graph.LinkGraph()
    assert (links._out, links._into_cache, links.home_doc, links._clicks) == (
        {},
        None,
        None,
        None,
    )
    assert (links._onward, links._levels, links.offsite, links.frozen) == (
        {},
        {},
        {},
        False,
    )
    column = journey_map.PhaseColumn("a", 1, "A", "", [], [])
    assert (
        column.findings_html == "" and type(column.findings_html).__name__ == "Markup"
    )
    assert column.gap
    assert not hasattr(column, "__dict__") and not hasattr(
        journey_map.Flow("a", "b", 1), "__dict__"
    )


def test_document_defaults() -> None:
    from pelican.plugins.journey.site import index, tagger

    doc = index.Document(
        object(), "page", "k", "s", "T", "u", "nl", "draft", None, None, tagger.Tags()
    )
    assert (doc.phases, doc.mapped, doc.original, doc.translations, doc.cta) == (
        (),
        False,
        None,
        (),
        None,
    )
    assert doc.next == [] and doc.next_steps == []
    assert doc.next is index._no_steps() and doc.next_steps is index._no_steps()
    assert (doc.touchpoint, doc.touchpoint_inferred, doc.unseen, doc.error_page) == (
        None,
        False,
        frozenset(),
        False,
    )
    assert not hasattr(doc, "__dict__")
    restored = pickle.loads(
        pickle.dumps(
            index.Document(
                "c",
                "page",
                "k",
                "s",
                "T",
                "u",
                "nl",
                "draft",
                None,
                None,
                tagger.Tags(),
            )
        )
    )
    assert restored.content == "c" and restored.tags == tagger.Tags()


def test_header_defaults() -> None:
    from pelican.plugins.journey.site import lines

    header, other = lines.Header(), lines.Header()
    assert (header.spans, header.lines, header.path, header.text_lines) == (
        {},
        [],
        None,
        None,
    )
    assert header.spans is not other.spans and header.lines is not other.lines


# Session 9, part two: the classes ``dataclasses.replace`` was called on,
# which now have their own ``replace``.


@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class Tags:
    phases: tuple[Any, ...] = ()
    unknown_phases: tuple[str, ...] = ()
    touchpoint: str | None = None
    unknown_touchpoint: str | None = None
    personas: tuple[str, ...] = ()
    unknown_personas: tuple[str, ...] = ()
    cta: Any = None
    cta_problem: str | None = None
    next: tuple[str, ...] | None = None
    has_phase_key: bool = False


@dataclasses.dataclass(frozen=True, repr=False)
class JourneyConfig:
    model: Any
    lang: str
    category_phases: Mapping[str, Any]
    ctas: Mapping[str, Any]
    inject: str | bool
    rules: Mapping[str, Any]
    fail_on: str
    baseline: Path | None
    report_dir: Path
    personas: Mapping[str, Any]
    touchpoints: frozenset[str]
    next_count: int
    map_in_site: bool
    base_dir: Path = dataclasses.field(default_factory=Path.cwd)
    metadata_keys: Mapping[str, tuple[str, ...]] = dataclasses.field(
        default_factory=lambda: dict(METADATA_KEYS)
    )
    inject_style: bool = True
    analytics: Path | None = None


@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class BuiltinBlock:
    cta: bool
    steps: tuple[Any, ...]
    _next: dict[tuple[int, str], str] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )
    _idents: dict[int, str] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )


@dataclasses.dataclass(repr=False, eq=False)
class SiteIndex:
    config: Any
    context: Mapping[str, Any]
    documents: list[Any]
    by_key: dict[str, Any]
    static: dict[str, Any]
    urls: dict[str, Any]
    links: Any
    analytics: Any = None
    theme: Any = dataclasses.field(default_factory=lambda: index_module.Theme(None))
    released: Any = None
    memo: dict[tuple[str, int], Any] = dataclasses.field(default_factory=dict)


def _values(record: Any, old: Any) -> list[Any]:
    return [getattr(record, f.name) for f in dataclasses.fields(old)]


def test_tags_behave_as_their_dataclass() -> None:
    from pelican.plugins.journey.site import tagger

    spec = tagger.CtaSpec("Buy", "buy.md")
    full = (("p",), ("u",), "t", "v", ("a",), ("b",), spec, "raw", ("n",), True)
    for args in [(), full, full[:3]]:
        new, old = tagger.Tags(*args), Tags(*args)
        test_records_behave_as_the_dataclasses_they_replace(new, old)
        assert new.declared == bool(old.phases)
        for name in type(new)._fields:
            other = copy.copy(new)
            object.__setattr__(other, name, object())
            assert other != new, name
        for changes in [{}, {"touchpoint": "x"}, {"cta": None, "next": ()}]:
            mine = new.replace(**changes)
            theirs = dataclasses.replace(old, **changes)
            assert _values(mine, old) == _values(theirs, old)
            assert type(mine) is tagger.Tags and mine is not new
    keywords = dict(zip(tagger.Tags._fields, full, strict=True))
    assert tagger.Tags(**keywords) == tagger.Tags(*full)
    with pytest.raises(TypeError):
        tagger.Tags().replace(nope=1)
    with pytest.raises(TypeError):
        dataclasses.replace(Tags(), nope=1)


def test_journey_config_behaves_as_its_dataclass(tmp_path: Path) -> None:
    config = settings_module.JourneyConfig
    args = (
        phases_module.SIX_PHASE,
        "nl",
        {"a": "p"},
        {},
        "auto",
        {},
        "error",
        None,
        tmp_path,
        {},
        frozenset({"mail"}),
        3,
        False,
    )
    for extra in [{}, {"base_dir": tmp_path, "metadata_keys": {"x": ("y",)}}]:
        new, old = config(*args, **extra), JourneyConfig(*args, **extra)
        test_records_behave_as_the_dataclasses_they_replace(new, old)
        assert vars(new) == vars(old)
        assert list(vars(new)) == list(vars(old))
        assert pickle.loads(pickle.dumps(new)) == new
        assert new.replace(inject=False).inject is False
        mine = new.replace(report_dir=tmp_path / "nl")
        theirs = dataclasses.replace(old, report_dir=tmp_path / "nl")
        assert vars(mine) == vars(theirs)
    assert config(*args).base_dir == Path.cwd()
    assert config(*args).metadata_keys == dict(METADATA_KEYS)
    assert config(*args).metadata_keys is not config(*args).metadata_keys
    assert config(*args, analytics=tmp_path).analytics == tmp_path
    assert config(*args, inject_style=False).inject_style is False
    with pytest.raises(TypeError):
        config(*args[:-1])


def test_builtin_block_behaves_as_its_dataclass() -> None:
    from pelican.plugins.journey.render import inject

    step = views.LinkStep("/a.html", "A")
    for args in [(True, ()), (False, (step,))]:
        new, old = inject.BuiltinBlock(*args), BuiltinBlock(*args)
        assert new.__slots__ == ("_idents", "_next", "cta", "steps")
        assert not hasattr(new, "__dict__")
        assert type(new).__repr__ is object.__repr__
        assert (new.cta, new.steps, new._next, new._idents) == (*args, {}, {})
        assert hash(new) == hash(old)
        assert new._next is not inject.BuiltinBlock(*args)._next
        # The caches take no part in equality.
        other = inject.BuiltinBlock(*args, {(1, "nl"): "x"}, {2: "y"})
        assert other == new and hash(other) == hash(new)
        assert other != inject.BuiltinBlock(not args[0], args[1])
        assert other != BuiltinBlock(*args)
        for name in ("cta", "steps", "_next", "_idents"):
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(new, name, "x")
            with pytest.raises(dataclasses.FrozenInstanceError):
                delattr(new, name)
        # replace and copy keep the caches, as the dataclass's did.
        plain = other.replace(_idents={})
        assert plain._next is other._next and plain._idents == {}
        old_plain = dataclasses.replace(BuiltinBlock(*args, other._next), _idents={})
        assert old_plain._next is other._next
        same = copy.copy(other)
        assert same._next is other._next and same._idents is other._idents
        back = pickle.loads(pickle.dumps(other))
        assert (back._next, back._idents) == (other._next, other._idents)
        assert back == other


def test_site_index_behaves_as_its_dataclass() -> None:
    args: tuple[Any, ...] = ("config", {}, [], {}, {}, {}, "links")
    new, old = index_module.SiteIndex(*args), SiteIndex(*args)
    assert index_module.SiteIndex._fields == tuple(
        f.name for f in dataclasses.fields(old)
    )
    assert _values(new, old)[:-3] == _values(old, old)[:-3]
    assert type(new.theme) is index_module.Theme and new.theme.env is None
    assert new.released is None and new.memo == {}
    assert new.memo is not index_module.SiteIndex(*args).memo
    assert type(new).__repr__ is object.__repr__
    assert new != index_module.SiteIndex(*args)
    assert hash(new) == object.__hash__(new)
    theme = index_module.Theme(None)
    full = index_module.SiteIndex(*args, "stats", theme, ({}, 1, 2), {("a", 1): 2})
    assert (full.analytics, full.theme, full.released, full.memo) == (
        "stats",
        theme,
        ({}, 1, 2),
        {("a", 1): 2},
    )
    assert index_module.SiteIndex(*args, theme=None).theme is None
    copied = full.replace(config="other")
    theirs = dataclasses.replace(
        SiteIndex(*args, "stats", theme, ({}, 1, 2), full.memo), config="other"
    )
    assert _values(copied, theirs) == _values(theirs, theirs)
    assert copied.memo is full.memo and copied is not full
    full.memo["b", 2] = 3
    assert full.memo == copied.memo
