"""Journey models: built-ins, lookup, suggestions, custom-model validation."""

from __future__ import annotations

import pytest

from pelican.plugins.journey.model.phases import (
    BUILTIN_MODELS,
    LANGS,
    ModelError,
    model_from_setting,
    normalize,
)

EXPECTED = {
    "six-phase": [
        "awareness",
        "consideration",
        "decision",
        "purchase",
        "experience",
        "aftercare",
    ],
    "5k": ["komen", "kijken", "keuren", "kiezen", "kopen"],
    "see-think-do-care": ["see", "think", "do", "care"],
}


@pytest.mark.parametrize("model_id", list(EXPECTED))
def test_builtin_models_have_the_spec_phases_in_order(model_id):
    model = BUILTIN_MODELS[model_id]
    assert model.id == model_id
    assert list(model.ids) == EXPECTED[model_id]
    assert [p.index for p in model.phases] == list(
        range(1, len(EXPECTED[model_id]) + 1)
    )


@pytest.mark.parametrize("model", list(BUILTIN_MODELS.values()), ids=str)
def test_every_builtin_phase_speaks_both_languages(model):
    for phase in model.phases:
        for lang in LANGS:
            assert phase.label(lang).strip()
            assert phase.question(lang).endswith("?")
            assert phase.cta_label(lang).strip()


def test_six_phase_dutch_labels_match_the_spec():
    labels = [p.label("nl") for p in BUILTIN_MODELS["six-phase"].phases]
    assert labels == [
        "Bewustwording",
        "Overweging",
        "Besluitvorming",
        "Aankoop",
        "Gebruikservaring",
        "Nazorg",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("awareness", "awareness"),
        ("BEWUSTWORDING", "awareness"),
        ("  Overweging ", "consideration"),
        ("Besluitvorming", "decision"),
        ("decision", "decision"),
        ("aankoop", "purchase"),
        ("Purchase", "purchase"),
        ("gebruikservaring", "experience"),
        ("Nazorg", "aftercare"),
        ("after sales", "aftercare"),
        ("After-Sales", "aftercare"),
    ],
)
def test_resolve_ids_labels_and_aliases_in_any_case(name, expected):
    phase = BUILTIN_MODELS["six-phase"].resolve(name)
    assert phase is not None
    assert phase.id == expected


def test_resolve_unknown_is_none():
    assert BUILTIN_MODELS["six-phase"].resolve("nazrog") is None
    assert BUILTIN_MODELS["5k"].resolve("awareness") is None


def test_suggest_closest_name():
    name, phase = BUILTIN_MODELS["six-phase"].suggest("nazrog")
    assert (name, phase.id) == ("nazorg", "aftercare")
    assert BUILTIN_MODELS["six-phase"].suggest("xyzzy-qqq") is None


def test_normalize_folds_accents_case_and_separators():
    assert normalize("Oriëntatie") == "orientatie"
    assert normalize("After_Sales") == normalize("after\u2013sales") == "after-sales"


def test_model_by_id_and_unknown_id():
    assert model_from_setting("5K").id == "5k"
    with pytest.raises(
        ModelError, match=r"JOURNEY_MODEL: 'seven-phase' is not a known"
    ):
        model_from_setting("seven-phase")


def test_custom_model():
    model = model_from_setting(
        [
            {
                "id": "zoeken",
                "label": {"nl": "Zoeken", "en": "Search"},
                "aliases": ["find"],
            },
            {"id": "huren", "label": "Huren", "question": "Waar huur ik?"},
        ]
    )
    assert model.id == "custom"
    assert model.ids == ("zoeken", "huren")
    assert model.resolve("FIND").id == "zoeken"
    assert model.resolve("search").id == "zoeken"
    assert model.get("huren").question("en") == "Waar huur ik?"
    assert model.final.id == "huren"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ([], "no phases"),
        ("", "not a known model"),
        (42, "not allowed"),
        (["awareness"], r"JOURNEY_MODEL\[0\]: 'awareness' is not a dict"),
        ([{"label": "X"}], r"JOURNEY_MODEL\[0\]\['id'\]: None"),
        ([{"id": "Bad Id", "label": "X"}], r"\['id'\]: 'Bad Id'"),
        ([{"id": "a"}], "has no 'label'"),
        ([{"id": "a", "label": ""}], r"\['label'\]"),
        ([{"id": "a", "label": {"de": "A"}}], "language 'de'"),
        ([{"id": "a", "label": "A", "colour": "red"}], "unknown key 'colour'"),
        ([{"id": "a", "label": "A"}, {"id": "a", "label": "B"}], "appears twice"),
        (
            [{"id": "a", "label": "A", "aliases": ["x"]}, {"id": "b", "label": "X"}],
            "used by both",
        ),
        ([{"id": "a", "label": "A", "aliases": [3]}], "aliases"),
    ],
)
def test_custom_model_faults_are_named(value, message):
    with pytest.raises(ModelError, match=message):
        model_from_setting(value)
