"""Settings and rule options are declarations: type, default, check, doc."""

from __future__ import annotations

import math

import pytest

from pelican.plugins.journey.model.phases import model_from_setting
from pelican.plugins.journey.model.settings import (
    SETTINGS,
    Option,
    SettingsError,
    load_config,
)
from pelican.plugins.journey.rules import REGISTRY

MODEL = model_from_setting("six-phase")


def test_every_default_passes_its_own_check(tmp_path):
    config = load_config({}, tmp_path, rules=REGISTRY)
    for name, setting in SETTINGS.items():
        assert setting.doc and setting.type, name
        assert hasattr(config, setting.field_name(name)), name
    for rule_id, entry in REGISTRY.items():
        for key, option in entry.options.items():
            assert option.doc, (rule_id, key)
            if option.default is not None:
                assert option.check(key, option.default, MODEL) == option.default


@pytest.mark.parametrize("value", [-0.1, 1.5, math.nan, True, "0.5", None])
def test_a_bounded_number_option_refuses_with_one_line(value):
    option = Option(0.6, "float", "share of visits", minimum=0, maximum=1)
    assert option.type_doc == "number from 0 to 1"
    with pytest.raises(SettingsError) as raised:
        option.check("JOURNEY_RULES['x']['max_rate']", value, MODEL)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("JOURNEY_RULES['x']['max_rate']: ")
    assert message.endswith("give a number from 0 to 1")


def test_an_option_of_an_unknown_kind_is_refused_at_declaration():
    with pytest.raises(ValueError, match="option kind 'percent'"):
        Option(1, "percent", "x")


def test_rule_options_are_checked_through_the_declarations(tmp_path):
    with pytest.raises(SettingsError, match=r"\['max'\]: -1 .*whole number >= 0"):
        load_config(
            {"JOURNEY_RULES": {"contact-depth": {"max": -1}}}, tmp_path, rules=REGISTRY
        )
    config = load_config(
        {"JOURNEY_RULES": {"contact-depth": {"max": 4}}}, tmp_path, rules=REGISTRY
    )
    assert config.rules["contact-depth"].options == {"max": 4}
