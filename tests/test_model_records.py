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
from pelican.plugins.journey.render import views


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
