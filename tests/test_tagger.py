"""The tagger: metadata values to phases, touchpoints, personas, CTA, Next."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pelican.plugins.journey.model.phases import BUILTIN_MODELS
from pelican.plugins.journey.model.settings import DEFAULT_TOUCHPOINTS
from pelican.plugins.journey.site.tagger import (
    CtaSpec,
    parse_cta,
    parse_phases,
    read_tags,
    split_values,
)

SIX = BUILTIN_MODELS["six-phase"]


def tags(**metadata):
    return read_tags(metadata, SIX, DEFAULT_TOUCHPOINTS, ["starter", "senior"])


def test_first_phase_is_primary_and_repeats_collapse():
    result = tags(phase="Nazorg, aftercare, Gebruikservaring")
    assert [p.id for p in result.phases] == ["aftercare", "experience"]
    assert result.unknown_phases == ()


def test_fase_alias_key_and_markdown_list_values():
    result = tags(fase=["overweging", "besluitvorming"])
    assert [p.id for p in result.phases] == ["consideration", "decision"]


def test_unknown_values_are_kept_for_the_rule():
    result = tags(phase="nazrog, aankoop")
    assert [p.id for p in result.phases] == ["purchase"]
    assert result.unknown_phases == ("nazrog",)


def test_touchpoint_and_persona():
    result = tags(contactpunt="Contact", persona="starter, Senior, tiener")
    assert result.touchpoint == "contact"
    assert result.personas == ("starter", "senior")
    assert result.unknown_personas == ("tiener",)
    assert tags(touchpoint="brochure").unknown_touchpoint == "brochure"


@pytest.mark.parametrize(
    ("raw", "spec", "problem"),
    [
        (
            "Plan je onderhoud | {filename}/pages/onderhoud.md",
            CtaSpec("Plan je onderhoud", "{filename}/pages/onderhoud.md"),
            None,
        ),
        (
            "  Bel   ons  |  tel:+31101234567 ",
            CtaSpec("Bel ons", "tel:+31101234567"),
            None,
        ),
        ("none", CtaSpec(none=True), None),
        ("Geen", CtaSpec(none=True), None),
        ("Bel ons", None, "Bel ons"),
        ("| /contact/", None, "| /contact/"),
        ("a | b | c", None, "a | b | c"),
        ("", None, None),
    ],
)
def test_parse_cta(raw, spec, problem):
    assert parse_cta(raw) == (spec, problem)


def test_next_targets_split_and_absent_next_is_none():
    assert tags(next="{filename}a.md, /prijzen/").next == (
        "{filename}a.md",
        "/prijzen/",
    )
    assert tags().next is None


def test_no_phase_key():
    result = tags(title="x")
    assert result.phases == ()
    assert not result.has_phase_key
    assert not result.declared


def test_split_values_handles_odd_types():
    assert split_values(None) == []
    assert split_values(["a, b", "c"]) == ["a", "b", "c"]
    assert split_values(3) == ["3"]


metadata_values = st.one_of(
    st.none(),
    st.text(),
    st.lists(st.text(), max_size=4),
    st.integers(),
    st.sampled_from(["Nazorg", "aankoop, Overweging", "nazrog", ",,", "none", "|"]),
)


@given(value=metadata_values)
def test_any_phase_value_yields_phases_or_unknowns_never_a_crash(value):
    phases, unknown = parse_phases(value, SIX)
    assert all(p in SIX.phases for p in phases)
    assert len({p.id for p in phases}) == len(phases)
    assert all(isinstance(u, str) and u.strip() for u in unknown)
    # Every non-empty value is accounted for: known or reported.
    assert len(phases) + len(unknown) >= (1 if split_values(value) else 0)


@given(
    phase=metadata_values,
    touchpoint=metadata_values,
    persona=metadata_values,
    cta=metadata_values,
    nxt=metadata_values,
)
def test_read_tags_never_crashes(phase, touchpoint, persona, cta, nxt):
    result = tags(
        phase=phase, touchpoint=touchpoint, persona=persona, cta=cta, next=nxt
    )
    assert (
        (result.cta is None)
        or result.cta.none
        or (result.cta.label and result.cta.target)
    )
    if result.cta_problem is not None:
        assert result.cta is None
