"""Random hostile input: settings and metadata of every shape, never a traceback.

The settings loader gets random values for every ``JOURNEY_*`` setting (any
type, nesting, huge numbers, NUL, lone surrogates, mixed-type keys): it
returns a config or raises ``SettingsError`` with one line, nothing else.
Real builds get random settings and random metadata: exit 0, 2 or 3 only,
no traceback, and a ``report.json`` that parses whenever the build ran.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from conftest import build_site
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pelican.plugins.journey.model.settings import (
    SETTINGS,
    SettingsError,
    load_config,
)
from pelican.plugins.journey.rules import REGISTRY

NAMES = sorted(SETTINGS)
WORDS = [
    "awareness",
    "Bewustwording",
    "nazorg",
    "decision",
    "error",
    "warning",
    "never",
    "off",
    "auto",
    "theme",
    "content",
    "label",
    "target",
    "severity",
    "description",
    "phase",
    "next",
    "cta",
    "id",
    "min",
    "max",
    "journey-report",
    "{filename}pages/a.md",
    "javascript:alert(1)",
    "https://[shop.example.com",
    "/dev/zero",
    "",
    " ",
    "\x00",
    "\udce9",
    "[/x]",
    "[b]x",
    *REGISTRY,
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.builds(lambda n: 10**n, st.sampled_from([20, 5000])),
    st.floats(allow_nan=True),
    st.sampled_from(WORDS),
    st.text(st.characters(codec=None), max_size=12),
    st.binary(max_size=6),
)
keys = st.one_of(
    st.sampled_from(WORDS),
    st.integers(-2, 2),
    st.none(),
    st.tuples(st.integers(0, 1)),
    st.text(max_size=4),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(keys, inner, max_size=4),
    ),
    max_leaves=12,
)
setting_dicts = st.dictionaries(st.sampled_from(NAMES), values, max_size=4)


def deep(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


def self_referencing() -> list:
    value: list = []
    value.append(value)
    return value


def one_line(error: SettingsError) -> None:
    message = str(error)
    assert "\n" not in message
    assert message.startswith(("JOURNEY_", "PLUGINS")), message
    assert len(message) < 2000, message[:200]


@settings(max_examples=400, deadline=None)
@given(setting_dicts)
@example({"JOURNEY_REPORT_PATH": "a\x00b"})
@example({"JOURNEY_TOUCHPOINTS": [math.inf, math.nan]})
@example({"JOURNEY_PERSONAS": {"p": {"label": "P", 1: "x", "y": 2}}})
@example({"JOURNEY_MODEL": [{"id": "a", "label": "A", 1: "x", "z": 2}]})
@example({"JOURNEY_NEXT_COUNT": 10**5000})
def test_settings_loader_returns_a_config_or_one_line(tmp_path_factory, values):
    try:
        load_config(values, Path("/tmp/site"), rules=REGISTRY)
    except SettingsError as error:
        one_line(error)


@pytest.mark.parametrize(
    "values",
    [
        {"JOURNEY_MODEL": deep(100_000)},
        {"JOURNEY_PERSONAS": {"p": {"label": deep(10_000)}}},
        {"JOURNEY_RULES": self_referencing()},
        {"JOURNEY_RULES": {"untagged": {"severity": self_referencing()}}},
        {"JOURNEY_CTAS": {"awareness": {"label": "x", "target": deep(5000)}}},
        {"JOURNEY_TOUCHPOINTS": [deep(3000)]},
    ],
    ids=["model", "persona", "self-list", "self-severity", "cta", "touchpoints"],
)
def test_deep_or_cyclic_settings_are_one_line(values):
    with pytest.raises(SettingsError) as error:
        load_config(values, Path("/tmp/site"), rules=REGISTRY)
    one_line(error.value)
    assert next(iter(values)) in str(error.value)


KEY_NAMES = ["Phase", "Fase", "Touchpoint", "Persona", "CTA", "Next", "Category"]
line_text = st.text(
    st.characters(codec="utf-8", exclude_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85"),
    max_size=40,
)
meta_value = st.one_of(
    line_text,
    st.sampled_from([w for w in WORDS if w not in ("\x00", "\udce9")]),
    st.lists(st.sampled_from(["awareness", "{filename}b.md", "x | /", ",", "|"])).map(
        ", ".join
    ),
)
documents = st.lists(
    st.dictionaries(st.sampled_from(KEY_NAMES), meta_value, max_size=5),
    min_size=1,
    max_size=4,
)


def _files(docs: list[dict[str, str]]) -> dict[str, str]:
    files = {}
    for number, metadata in enumerate(docs):
        lines = [f"Title: Document {number}", "Date: 2026-01-01"]
        lines += [f"{key}: {value}" for key, value in metadata.items()]
        kind = "pages" if number % 2 else "blog"
        files[f"{kind}/d{number}.md"] = "\n".join(lines) + "\n\nText.\n"
    files["b.md"] = "Title: B\nDate: 2026-01-02\nPhase: decision\n\nB.\n"
    return files


def _assert_clean(built) -> None:
    assert built.exit_code in (0, 2, 3), built.log[-2000:]
    assert "Traceback" not in built.log
    if built.exit_code != 2:
        report = json.loads((built.reports / "report.json").read_text("utf-8"))
        assert report["version"] == 1


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(documents)
def test_random_metadata_through_a_real_build(tmp_path_factory, docs):
    root = tmp_path_factory.mktemp("meta")
    built = build_site(root, _files(docs), {"JOURNEY_FAIL_ON": "error"})
    assert built.exit_code in (0, 3), built.log[-2000:]
    _assert_clean(built)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(setting_dicts)
def test_random_settings_through_a_real_build(tmp_path_factory, values):
    root = tmp_path_factory.mktemp("settings")
    values.pop("JOURNEY_REPORT_PATH", None)  # keep the reports in the temp folder
    values.pop("JOURNEY_ANALYTICS", None)
    files = {"pages/a.md": "Title: A\nPhase: awareness\n\nBel 010-1234567.\n"}
    _assert_clean(build_site(root, files, values))
