"""Every ``JOURNEY_*`` setting: declared once, with its default and its check.

:func:`load_config` turns Pelican's settings dict into a validated, typed
:class:`JourneyConfig`, or raises :class:`SettingsError` with one line that
names the setting, the value and what is allowed.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..rules import REGISTRY, SEVERITIES, Option
from .findings import FAIL_LEVELS
from .keys import METADATA_KEYS
from .phases import LANGS, Model, ModelError, Phase, model_from_setting
from .show import show

DEFAULT_TOUCHPOINTS = (
    "contact",
    "blog",
    "review",
    "faq",
    "pricing",
    "quote",
    "booking",
    "returns",
    "service",
    "guide",
    "case",
    "product",
)
INJECT_MODES = ("auto", "theme", "content", False)
_METADATA_KEY_RE = re.compile(r"^[a-z0-9_][a-z0-9_.-]*$")
_WORD_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class SettingsError(ValueError):
    """A ``JOURNEY_*`` setting that cannot be used. The message is one line."""


@dataclass(frozen=True)
class Persona:
    id: str
    labels: Mapping[str, str]
    description: str = ""

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.id


@dataclass(frozen=True)
class CtaSetting:
    label: str
    target: str


@dataclass(frozen=True)
class RuleConfig:
    severity: str
    options: Mapping[str, Any]


@dataclass(frozen=True)
class JourneyConfig:
    """The validated ``JOURNEY_*`` settings of one build."""

    model: Model
    lang: str
    category_phases: Mapping[str, Phase]  # folded category name -> phase
    ctas: Mapping[str, CtaSetting]  # phase id -> site-wide CTA
    inject: str | bool
    rules: Mapping[str, RuleConfig]
    fail_on: str
    baseline: Path | None
    report_dir: Path
    personas: Mapping[str, Persona]
    touchpoints: frozenset[str]
    next_count: int
    map_in_site: bool
    base_dir: Path = field(default_factory=Path.cwd)
    # plugin key -> the metadata keys read for it (JOURNEY_METADATA_KEYS)
    metadata_keys: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: dict(METADATA_KEYS)
    )


def _fail(name: str, value: Any, allowed: str) -> SettingsError:
    return SettingsError(f"{name}: {show(value)} is not allowed; {allowed}")


def _check_lang(value: Any, settings: Mapping[str, Any]) -> str:
    if value is None:
        default = str(settings.get("DEFAULT_LANG") or "en")[:2].lower()
        return default if default in LANGS else "en"
    if value not in LANGS:
        raise _fail("JOURNEY_LANG", value, f"allowed: {', '.join(LANGS)}")
    return value


def _check_mapping(name: str, value: Any) -> Mapping[Any, Any]:
    if not isinstance(value, Mapping):
        raise _fail(name, value, "give a dict")
    return value


def _check_phase(name: str, value: Any, model: Model) -> Phase:
    phase = model.resolve(value) if isinstance(value, str) else None
    if phase is None:
        raise _fail(
            name, value, f"phases of model {show(model.id)}: {', '.join(model.ids)}"
        )
    return phase


def _check_category_phases(value: Any, model: Model) -> dict[str, Phase]:
    mapping = _check_mapping("JOURNEY_CATEGORY_PHASES", value)
    out: dict[str, Phase] = {}
    for category, phase in mapping.items():
        if not isinstance(category, str) or not category.strip():
            raise _fail("JOURNEY_CATEGORY_PHASES", category, "keys are category names")
        out[category.strip().casefold()] = _check_phase(
            f"JOURNEY_CATEGORY_PHASES[{show(category)}]", phase, model
        )
    return out


def _check_ctas(value: Any, model: Model) -> dict[str, CtaSetting]:
    mapping = _check_mapping("JOURNEY_CTAS", value)
    out: dict[str, CtaSetting] = {}
    for key, cta in mapping.items():
        name = f"JOURNEY_CTAS[{show(key)}]"
        phase = _check_phase(name, key, model)
        if not isinstance(cta, Mapping) or set(cta) != {"label", "target"}:
            raise _fail(name, cta, 'give {"label": "...", "target": "..."}')
        label, target = cta["label"], cta["target"]
        if not isinstance(label, str) or not label.strip():
            raise _fail(f"{name}['label']", label, "give a non-empty text")
        if not isinstance(target, str) or not target.strip():
            raise _fail(f"{name}['target']", target, "give a URL or {filename}path")
        out[phase.id] = CtaSetting(label.strip(), target.strip())
    return out


def _check_option(name: str, option: Option, value: Any, model: Model) -> Any:
    kind = option.kind
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise _fail(name, value, "give a whole number")
        if option.minimum is not None and value < option.minimum:
            raise _fail(name, value, f"give a whole number >= {option.minimum}")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise _fail(name, value, "give True or False")
        return value
    if kind == "str":
        if not isinstance(value, str):
            raise _fail(name, value, "give a text")
        return value
    if kind == "phase":
        if value is None:
            return None
        return _check_phase(name, value, model).id
    # words: a list of texts
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise _fail(name, value, "give a list of texts")
    if not all(isinstance(v, str) for v in value):
        raise _fail(name, value, "give a list of texts")
    return tuple(value)


def _check_rules(value: Any, model: Model) -> dict[str, RuleConfig]:
    mapping = _check_mapping("JOURNEY_RULES", value)
    for rule_id in mapping:
        if rule_id not in REGISTRY:
            close = difflib.get_close_matches(str(rule_id), list(REGISTRY), n=1)
            hint = f" (did you mean {show(close[0])}?)" if close else ""
            raise _fail(
                "JOURNEY_RULES",
                rule_id,
                f"unknown rule id{hint}; rules: {', '.join(REGISTRY)}",
            )
    out: dict[str, RuleConfig] = {}
    for rule_id, entry in REGISTRY.items():
        raw = mapping.get(rule_id, {})
        name = f"JOURNEY_RULES[{show(rule_id)}]"
        if isinstance(raw, str):
            raw = {"severity": raw}
        if not isinstance(raw, Mapping):
            raise _fail(name, raw, f"give one of {', '.join(SEVERITIES)} or a dict")
        severity = raw.get("severity", entry.severity)
        if severity not in SEVERITIES:
            raise _fail(
                f"{name}['severity']", severity, f"allowed: {', '.join(SEVERITIES)}"
            )
        options: dict[str, Any] = {}
        for key in raw:
            if key != "severity" and key not in entry.options:
                allowed = ", ".join(["severity", *entry.options])
                raise _fail(name, key, f"unknown option; allowed: {allowed}")
        for key, option in entry.options.items():
            options[key] = (
                _check_option(f"{name}[{show(key)}]", option, raw[key], model)
                if key in raw
                else option.default
            )
        out[rule_id] = RuleConfig(severity, options)
    return out


def _check_personas(value: Any) -> dict[str, Persona]:
    mapping = _check_mapping("JOURNEY_PERSONAS", value)
    out: dict[str, Persona] = {}
    for key, raw in mapping.items():
        name = f"JOURNEY_PERSONAS[{show(key)}]"
        if not isinstance(key, str) or not _WORD_RE.match(key):
            raise _fail(
                "JOURNEY_PERSONAS", key, "persona ids are lower-case ASCII words"
            )
        if not isinstance(raw, Mapping) or "label" not in raw:
            raise _fail(name, raw, 'give {"label": "...", "description": "..."}')
        extra = set(raw) - {"label", "description"}
        if extra:
            raise _fail(
                name, sorted(extra, key=show)[0], "allowed keys: label, description"
            )
        label = raw["label"]
        if isinstance(label, str) and label.strip():
            labels = dict.fromkeys(LANGS, label.strip())
        elif isinstance(label, Mapping) and label and set(label) <= set(LANGS):
            labels = {k: str(v) for k, v in label.items()}
        else:
            raise _fail(f"{name}['label']", label, "give a text or a dict per language")
        description = raw.get("description", "")
        if not isinstance(description, str):
            raise _fail(f"{name}['description']", description, "give a text")
        out[key] = Persona(key, labels, description)
    return out


def _check_touchpoints(value: Any) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise _fail("JOURNEY_TOUCHPOINTS", value, "give a list of words")
    for word in value:
        if not isinstance(word, str) or not _WORD_RE.match(word.lower()):
            raise _fail("JOURNEY_TOUCHPOINTS", word, "touchpoints are single words")
    return frozenset(DEFAULT_TOUCHPOINTS) | {w.lower() for w in value}


def _check_metadata_keys(value: Any) -> dict[str, tuple[str, ...]]:
    name = "JOURNEY_METADATA_KEYS"
    mapping = _check_mapping(name, value)
    out = dict(METADATA_KEYS)
    for key, metadata_key in mapping.items():
        if key not in METADATA_KEYS:
            raise _fail(name, key, f"plugin keys: {', '.join(METADATA_KEYS)}")
        if not isinstance(metadata_key, str) or not _METADATA_KEY_RE.match(
            metadata_key.strip().lower()
        ):
            raise _fail(
                f"{name}[{show(key)}]",
                metadata_key,
                "give a metadata key: one word of letters, digits, '_', '-' or '.'",
            )
        out[key] = (metadata_key.strip().lower(),)
    for key in mapping:
        for other, names in out.items():
            if other != key and out[key][0] in names:
                raise _fail(
                    f"{name}[{show(key)}]",
                    mapping[key],
                    f"{show(out[key][0])} is already read for {show(other)}; "
                    "give each plugin key its own metadata key",
                )
    return out


def _check_choice(name: str, value: Any, allowed: Sequence[Any]) -> Any:
    # `False in ("auto", False)` is fine, but 0 == False must not pass.
    if any(value is a or (isinstance(a, str) and value == a) for a in allowed):
        return value
    raise _fail(name, value, f"allowed: {', '.join(repr(a) for a in allowed)}")


def _check_path(name: str, value: Any, optional: bool) -> str | None:
    if value is None and optional:
        return None
    if isinstance(value, str | os.PathLike) and str(value).strip():
        if "\x00" in str(value):
            raise _fail(name, value, "a path cannot contain a NUL character")
        return str(value)
    raise _fail(name, value, "give a file path" + (" or None" if optional else ""))


def _check_int(name: str, value: Any, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _fail(name, value, f"give a whole number >= {minimum}")
    return value


def _check_bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _fail(name, value, "give True or False")
    return value


@dataclass(frozen=True)
class Setting:
    """One ``JOURNEY_*`` setting: its default and its documentation."""

    default: Any
    doc: str


SETTINGS: Mapping[str, Setting] = {
    "JOURNEY_MODEL": Setting("six-phase", "model id or custom model (list of dicts)"),
    "JOURNEY_LANG": Setting(None, "nl or en; default: DEFAULT_LANG if nl/en, else en"),
    "JOURNEY_CATEGORY_PHASES": Setting({}, "category name -> phase"),
    "JOURNEY_CTAS": Setting({}, 'phase -> {"label": ..., "target": ...}'),
    "JOURNEY_INJECT": Setting("auto", '"auto", "theme", "content" or False'),
    "JOURNEY_RULES": Setting(
        {}, "rule id -> severity, or dict of severity and options"
    ),
    "JOURNEY_FAIL_ON": Setting("error", '"error", "warning" or "never"'),
    "JOURNEY_BASELINE": Setting(None, "path of a baseline file, relative to the site"),
    "JOURNEY_REPORT_PATH": Setting("journey-report", "folder for the reports"),
    "JOURNEY_PERSONAS": Setting({}, 'persona id -> {"label": ..., "description": ...}'),
    "JOURNEY_TOUCHPOINTS": Setting([], "extra touchpoint words"),
    "JOURNEY_NEXT_COUNT": Setting(3, "how many next-step links a page gets"),
    "JOURNEY_MAP_IN_SITE": Setting(False, "also publish the journey map in the site"),
    "JOURNEY_METADATA_KEYS": Setting(
        {}, "plugin key (phase, touchpoint, persona, cta, next) -> metadata key"
    ),
}


def _unknown_setting(settings: Mapping[str, Any]) -> None:
    for key in settings:
        if isinstance(key, str) and key.startswith("JOURNEY_") and key not in SETTINGS:
            close = difflib.get_close_matches(key, list(SETTINGS), n=1)
            hint = f"did you mean {close[0]}? " if close else ""
            raise SettingsError(
                f"{key}: unknown setting; {hint}settings: {', '.join(SETTINGS)}"
            )


def load_config(
    settings: Mapping[str, Any], base_dir: Path | None = None
) -> JourneyConfig:
    """Validate the ``JOURNEY_*`` settings; relative paths resolve from ``base_dir``."""
    _unknown_setting(settings)
    base = (base_dir or Path.cwd()).resolve()

    def get(name: str) -> Any:
        return settings.get(name, SETTINGS[name].default)

    try:
        model = model_from_setting(get("JOURNEY_MODEL"))
    except ModelError as error:
        raise SettingsError(str(error)) from None

    report = _check_path(
        "JOURNEY_REPORT_PATH", get("JOURNEY_REPORT_PATH"), optional=False
    )
    baseline = _check_path("JOURNEY_BASELINE", get("JOURNEY_BASELINE"), optional=True)
    return JourneyConfig(
        model=model,
        lang=_check_lang(get("JOURNEY_LANG"), settings),
        category_phases=_check_category_phases(get("JOURNEY_CATEGORY_PHASES"), model),
        ctas=_check_ctas(get("JOURNEY_CTAS"), model),
        inject=_check_choice("JOURNEY_INJECT", get("JOURNEY_INJECT"), INJECT_MODES),
        rules=_check_rules(get("JOURNEY_RULES"), model),
        fail_on=_check_choice("JOURNEY_FAIL_ON", get("JOURNEY_FAIL_ON"), FAIL_LEVELS),
        baseline=(base / baseline) if baseline else None,
        report_dir=base / str(report),
        personas=_check_personas(get("JOURNEY_PERSONAS")),
        touchpoints=_check_touchpoints(get("JOURNEY_TOUCHPOINTS")),
        next_count=_check_int("JOURNEY_NEXT_COUNT", get("JOURNEY_NEXT_COUNT"), 0),
        map_in_site=_check_bool("JOURNEY_MAP_IN_SITE", get("JOURNEY_MAP_IN_SITE")),
        base_dir=base,
        metadata_keys=_check_metadata_keys(get("JOURNEY_METADATA_KEYS")),
    )
