"""Every ``JOURNEY_*`` setting: declared once, with its default and its check.

:func:`load_config` turns Pelican's settings dict into a validated, typed
:class:`JourneyConfig`, or raises :class:`SettingsError` with one line that
names the setting, the value and what is allowed.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from .findings import FAIL_LEVELS
from .keys import METADATA_KEYS
from .phases import LANGS, Model, ModelError, Phase, model_from_setting
from .records import FrozenRecord
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
_METADATA_KEY = r"^[a-z0-9_][a-z0-9_.-]*$"  # compiled when used (rare)
SEVERITIES = ("error", "warning", "off")
_WORD_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class SettingsError(ValueError):
    """A ``JOURNEY_*`` setting that cannot be used. The message is one line."""


class Persona(FrozenRecord):
    """A persona of ``JOURNEY_PERSONAS``."""

    _fields = ("id", "labels", "description")
    __repr__ = object.__repr__  # as the dataclass (repr=False) it replaces
    id: str
    labels: Mapping[str, str]
    description: str

    def __init__(
        self, id: str, labels: Mapping[str, str], description: str = ""
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "id", id)
        set_field(self, "labels", labels)
        set_field(self, "description", description)

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.id


class CtaSetting(FrozenRecord):
    """A site-wide call to action of ``JOURNEY_CTAS``."""

    _fields = ("label", "target")
    __repr__ = object.__repr__
    label: str
    target: str

    def __init__(self, label: str, target: str) -> None:
        set_field = object.__setattr__
        set_field(self, "label", label)
        set_field(self, "target", target)


class RuleConfig(FrozenRecord):
    """A rule's severity and options after ``JOURNEY_RULES``."""

    _fields = ("severity", "options")
    __repr__ = object.__repr__
    severity: str
    options: Mapping[str, Any]

    def __init__(self, severity: str, options: Mapping[str, Any]) -> None:
        set_field = object.__setattr__
        set_field(self, "severity", severity)
        set_field(self, "options", options)


# A default made anew for each config (a dataclass's ``default_factory``).
_DEFAULT: Any = object()


class JourneyConfig(FrozenRecord):
    """The validated ``JOURNEY_*`` settings of one build."""

    # No __slots__: its fields are in its __dict__, as the dataclass's were.
    _fields = (
        "model",
        "lang",
        "category_phases",
        "ctas",
        "inject",
        "rules",
        "fail_on",
        "baseline",
        "report_dir",
        "personas",
        "touchpoints",
        "next_count",
        "map_in_site",
        "base_dir",
        "metadata_keys",
        "inject_style",
        "analytics",
    )
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
    base_dir: Path
    # plugin key -> the metadata keys read for it (JOURNEY_METADATA_KEYS)
    metadata_keys: Mapping[str, tuple[str, ...]]
    inject_style: bool  # injected blocks carry their scoped stylesheet
    analytics: Path | None  # JOURNEY_ANALYTICS, resolved

    __repr__ = object.__repr__  # as the dataclass it was (repr=False)

    def __init__(
        self,
        model: Model,
        lang: str,
        category_phases: Mapping[str, Phase],
        ctas: Mapping[str, CtaSetting],
        inject: str | bool,
        rules: Mapping[str, RuleConfig],
        fail_on: str,
        baseline: Path | None,
        report_dir: Path,
        personas: Mapping[str, Persona],
        touchpoints: frozenset[str],
        next_count: int,
        map_in_site: bool,
        base_dir: Path = _DEFAULT,
        metadata_keys: Mapping[str, tuple[str, ...]] = _DEFAULT,
        inject_style: bool = True,
        analytics: Path | None = None,
    ) -> None:
        if base_dir is _DEFAULT:
            base_dir = Path.cwd()
        if metadata_keys is _DEFAULT:
            metadata_keys = dict(METADATA_KEYS)
        self.__dict__.update(
            model=model,
            lang=lang,
            category_phases=category_phases,
            ctas=ctas,
            inject=inject,
            rules=rules,
            fail_on=fail_on,
            baseline=baseline,
            report_dir=report_dir,
            personas=personas,
            touchpoints=touchpoints,
            next_count=next_count,
            map_in_site=map_in_site,
            base_dir=base_dir,
            metadata_keys=metadata_keys,
            inject_style=inject_style,
            analytics=analytics,
        )

    def __getstate__(self) -> Any:  # copy and pickle: its __dict__, as before
        return self.__dict__

    def __setstate__(self, state: Any) -> None:
        self.__dict__.update(state)


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
    first: dict[str, str] = {}  # folded name -> the key as written
    for category, phase in mapping.items():
        if not isinstance(category, str) or not category.strip():
            raise _fail("JOURNEY_CATEGORY_PHASES", category, "keys are category names")
        folded = category.strip().casefold()
        if folded in first:
            raise _fail(
                "JOURNEY_CATEGORY_PHASES",
                category,
                f"it names the same category as {first[folded]!r} (categories "
                "match regardless of case and spaces); keep one of them",
            )
        first[folded] = category
        out[folded] = _check_phase(
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


def _check_rules(
    value: Any, model: Model, registry: Mapping[str, RuleSpec]
) -> dict[str, RuleConfig]:
    mapping = _check_mapping("JOURNEY_RULES", value)
    for rule_id in mapping:
        if rule_id not in registry:
            import difflib  # noqa: PLC0415 - only to name what was meant

            close = difflib.get_close_matches(str(rule_id), list(registry), n=1)
            hint = f" (did you mean {show(close[0])}?)" if close else ""
            raise _fail(
                "JOURNEY_RULES",
                rule_id,
                f"unknown rule id{hint}; rules: {', '.join(registry)}",
            )
    out: dict[str, RuleConfig] = {}
    for rule_id, entry in registry.items():
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
                option.check(f"{name}[{show(key)}]", raw[key], model)
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
        if not isinstance(metadata_key, str) or not re.match(
            _METADATA_KEY, metadata_key.strip().lower()
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


def check_fail_on(name: str, value: Any) -> str:
    """``JOURNEY_FAIL_ON`` (or ``--fail-on``): the lowest severity that fails."""
    return _check_choice(name, value, FAIL_LEVELS)


def _check_path(name: str, value: Any, optional: bool) -> str | None:
    if value is None and optional:
        return None
    if isinstance(value, str | os.PathLike) and str(value).strip():
        if "\x00" in str(value):
            raise _fail(name, value, "a path cannot contain a NUL character")
        return str(value)
    raise _fail(name, value, "give a file path" + (" or None" if optional else ""))


def _check_int(name: str, value: Any, minimum: int | None) -> int:
    wanted = "give a whole number" + (f" >= {minimum}" if minimum is not None else "")
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(name, value, wanted)
    if minimum is not None and value < minimum:
        raise _fail(name, value, wanted)
    return value


def _check_number(
    name: str, value: Any, minimum: float | None, maximum: float | None = None
) -> float:
    """A number (not a bool, not NaN) within the bounds given."""
    if minimum is not None and maximum is not None:
        wanted = f"give a number from {minimum:g} to {maximum:g}"
    elif minimum is not None:
        wanted = f"give a number >= {minimum}"
    else:
        wanted = "give a number"
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(name, value, wanted)
    low = -math.inf if minimum is None else minimum
    high = math.inf if maximum is None else maximum
    if not low <= value <= high:  # also NaN
        raise _fail(name, value, wanted)
    return value


def _check_rate(name: str, value: Any) -> float:
    """A share such as 0.6: a number from 0 to 1."""
    return float(_check_number(name, value, 0, 1))


def _check_text(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise _fail(name, value, "give a text")
    return value


def _check_words(name: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise _fail(name, value, "give a list of texts")
    if not all(isinstance(v, str) for v in value):
        raise _fail(name, value, "give a list of texts")
    return tuple(value)


def _check_bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _fail(name, value, "give True or False")
    return value


# -- declarations -------------------------------------------------------------
# Each setting and each rule option is one declaration: type, default, check
# and documentation. Validation (load_config, JOURNEY_RULES) and the generated
# docs (README settings table, docs/rules.md) are all read from them.


def shown(value: Any) -> str:
    """A default as a Python literal in the docs (double-quoted texts)."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, tuple):
        return repr(list(value))
    return repr(value)


def _whole(minimum: float | None) -> int | None:
    return None if minimum is None else int(minimum)


# kind -> (check(name, value, option, model), how the docs describe the type)
_OptionCheck = Callable[[str, Any, "Option", Model], Any]
OPTION_KINDS: Mapping[str, tuple[_OptionCheck, str]] = {
    "int": (
        lambda name, value, option, _m: _check_int(name, value, _whole(option.minimum)),
        "whole number",
    ),
    "float": (
        lambda name, value, option, _m: _check_number(
            name, value, option.minimum, option.maximum
        ),
        "number",
    ),
    "bool": (lambda name, value, _o, _m: _check_bool(name, value), "True/False"),
    "str": (lambda name, value, _o, _m: _check_text(name, value), "text"),
    "phase": (
        lambda name, value, _o, model: (
            None if value is None else _check_phase(name, value, model).id
        ),
        "a phase of the model",
    ),
    "words": (lambda name, value, _o, _m: _check_words(name, value), "list of texts"),
    "rate": (lambda name, value, _o, _m: _check_rate(name, value), "share, 0 to 1"),
}


class Option(FrozenRecord):
    """A typed rule option: default, kind (see :data:`OPTION_KINDS`), doc."""

    _fields = ("default", "kind", "doc", "minimum", "maximum")
    __repr__ = object.__repr__
    default: Any
    kind: str
    doc: str
    minimum: int | float | None
    maximum: float | None  # kind "float" only

    def __init__(
        self,
        default: Any,
        kind: str,
        doc: str,
        minimum: int | float | None = None,
        maximum: float | None = None,
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "default", default)
        set_field(self, "kind", kind)
        set_field(self, "doc", doc)
        set_field(self, "minimum", minimum)
        set_field(self, "maximum", maximum)
        if kind not in OPTION_KINDS:
            raise ValueError(f"option kind {kind!r}; kinds: {list(OPTION_KINDS)}")

    def check(self, name: str, value: Any, model: Model) -> Any:
        """The value to use, or :class:`SettingsError` naming ``name``."""
        return OPTION_KINDS[self.kind][0](name, value, self, model)

    @property
    def type_doc(self) -> str:
        described = OPTION_KINDS[self.kind][1]
        if self.minimum is not None and self.maximum is not None:
            described += f" from {self.minimum:g} to {self.maximum:g}"
        elif self.minimum is not None:
            described += f" \u2265 {self.minimum}"
        return described


class RuleSpec(Protocol):
    """What settings validation needs of a rule: its severity and options."""

    @property
    def severity(self) -> str: ...

    @property
    def options(self) -> Mapping[str, Option]: ...


class Scope:
    """What a setting's check may look at: all settings, earlier results."""

    settings: Mapping[str, Any]
    base_dir: Path
    rules: Mapping[str, RuleSpec]
    values: dict[str, Any]  # config field -> value

    def __init__(
        self,
        settings: Mapping[str, Any],
        base_dir: Path,
        rules: Mapping[str, RuleSpec],
        values: dict[str, Any] | None = None,
    ) -> None:
        self.settings = settings
        self.base_dir = base_dir
        self.rules = rules
        self.values = {} if values is None else values

    @property
    def model(self) -> Model:
        return self.values["model"]


def _model(_name: str, value: Any, _scope: Scope) -> Model:
    try:
        return model_from_setting(value)
    except ModelError as error:
        raise SettingsError(str(error)) from None


def _folder(name: str, value: Any, scope: Scope) -> Path:
    return scope.base_dir / str(_check_path(name, value, optional=False))


def _setting_folder(value: Any, base: Path) -> Path | None:
    """A Pelican folder setting (``PATH``, ``OUTPUT_PATH``) resolved from ``base``."""
    if not isinstance(value, str | os.PathLike) or not str(value).strip():
        return None
    try:
        return (base / value).resolve()
    except (OSError, ValueError):
        return None


def _report_folder(name: str, value: Any, scope: Scope) -> Path:
    """The report folder; never the file system root or inside the content.

    Reports in the content folder would be read back as content by the next
    build (and the map published as a page).
    """
    try:
        folder = _folder(name, value, scope).resolve()
    except SettingsError:
        raise  # already says what is wrong (a NUL character, a wrong type)
    except (OSError, ValueError):
        raise _fail(name, value, "give a folder path") from None
    if folder == Path(folder.anchor):
        raise _fail(
            name,
            value,
            "that is the root of the file system; give a folder of its own, "
            "e.g. 'journey-report'",
        )
    content = _setting_folder(scope.settings.get("PATH"), scope.base_dir)
    if content is not None and folder.is_relative_to(content):
        raise _fail(
            name,
            value,
            f"it is inside the content folder (PATH {str(content)!r}), where the "
            "next build would read the reports as content; give a folder "
            "outside it, e.g. 'journey-report'",
        )
    return folder


def report_dir_in_output(config: JourneyConfig, settings: Mapping[str, Any]) -> bool:
    """Whether the reports go into ``OUTPUT_PATH`` (they get published)."""
    output = _setting_folder(settings.get("OUTPUT_PATH"), config.base_dir)
    return output is not None and config.report_dir.is_relative_to(output)


def _file_or_none(name: str, value: Any, scope: Scope) -> Path | None:
    path = _check_path(name, value, optional=True)
    return scope.base_dir / path if path else None


class Setting(FrozenRecord):
    """One ``JOURNEY_*`` setting: its type, default, check and documentation.

    ``check(name, value, scope)`` returns the value :class:`JourneyConfig`
    holds in ``field`` (by default the name without ``JOURNEY_``, lower case).
    """

    _fields = ("default", "type", "doc", "check", "field", "shown_default")
    __repr__ = object.__repr__
    default: Any
    type: str
    doc: str
    check: Callable[[str, Any, Scope], Any]
    field: str
    shown_default: str  # the docs' default, when not the literal

    def __init__(
        self,
        default: Any,
        type: str,
        doc: str,
        check: Callable[[str, Any, Scope], Any],
        field: str = "",
        shown_default: str = "",
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "default", default)
        set_field(self, "type", type)
        set_field(self, "doc", doc)
        set_field(self, "check", check)
        set_field(self, "field", field)
        set_field(self, "shown_default", shown_default)

    def field_name(self, name: str) -> str:
        return self.field or name.removeprefix("JOURNEY_").lower()

    @property
    def default_doc(self) -> str:
        return self.shown_default or f"`{shown(self.default)}`"


# In validation order: later checks may read earlier results (the model).
SETTINGS: Mapping[str, Setting] = {
    "JOURNEY_MODEL": Setting(
        "six-phase", "str | list", "model id or custom model (list of dicts)", _model
    ),
    "JOURNEY_LANG": Setting(
        None,
        "str",
        "language of labels, CTAs and messages: `nl` or `en`",
        lambda _n, value, scope: _check_lang(value, scope.settings),
        shown_default="`DEFAULT_LANG` if `nl`/`en`, else `en`",
    ),
    "JOURNEY_CATEGORY_PHASES": Setting(
        {},
        "dict",
        "category name \u2192 phase",
        lambda _n, value, scope: _check_category_phases(value, scope.model),
    ),
    "JOURNEY_CTAS": Setting(
        {},
        "dict",
        'phase \u2192 `{"label": \u2026, "target": \u2026}` site-wide CTA',
        lambda _n, value, scope: _check_ctas(value, scope.model),
    ),
    "JOURNEY_INJECT": Setting(
        "auto",
        "str | False",
        '`"auto"`, `"theme"`, `"content"` or `False`',
        lambda name, value, _s: _check_choice(name, value, INJECT_MODES),
    ),
    "JOURNEY_INJECT_STYLE": Setting(
        True,
        "bool",
        "injected blocks carry a small scoped stylesheet so they read as a CTA "
        "in any theme; `False` leaves styling to the theme",
        lambda name, value, _s: _check_bool(name, value),
    ),
    "JOURNEY_RULES": Setting(
        {},
        "dict",
        'rule id \u2192 `"error"`, `"warning"`, `"off"`, or '
        '`{"severity": \u2026, option: \u2026}`',
        lambda _n, value, scope: _check_rules(value, scope.model, scope.rules),
    ),
    "JOURNEY_FAIL_ON": Setting(
        "error",
        "str",
        '`"error"`, `"warning"` or `"never"`',
        lambda name, value, _s: check_fail_on(name, value),
    ),
    "JOURNEY_BASELINE": Setting(
        None,
        "path | None",
        "baseline file: findings listed there do not fail the build",
        _file_or_none,
    ),
    "JOURNEY_REPORT_PATH": Setting(
        "journey-report",
        "path",
        "folder for the reports, relative to the settings file",
        _report_folder,
        field="report_dir",
    ),
    "JOURNEY_PERSONAS": Setting(
        {},
        "dict",
        'persona id \u2192 `{"label": \u2026, "description": \u2026}`',
        lambda _n, value, _s: _check_personas(value),
    ),
    "JOURNEY_TOUCHPOINTS": Setting(
        [],
        "list",
        "extra touchpoint words",
        lambda _n, value, _s: _check_touchpoints(value),
    ),
    "JOURNEY_NEXT_COUNT": Setting(
        3,
        "int",
        "how many next-step links a page gets",
        lambda name, value, _s: _check_int(name, value, 0),
    ),
    "JOURNEY_MAP_IN_SITE": Setting(
        False,
        "bool",
        "also publish the journey map inside the site",
        lambda name, value, _s: _check_bool(name, value),
    ),
    "JOURNEY_ANALYTICS": Setting(
        None,
        "path | None",
        "a visitor-statistics export (file or folder, relative to the settings "
        "file): see [docs/analytics.md](docs/analytics.md)",
        _file_or_none,
    ),
    "JOURNEY_METADATA_KEYS": Setting(
        {},
        "dict",
        "plugin key (`phase`, `touchpoint`, `persona`, `cta`, `next`) → the "
        "metadata key this site uses for it",
        lambda _n, value, _s: _check_metadata_keys(value),
    ),
}


def _unknown_setting(settings: Mapping[str, Any]) -> None:
    for key in settings:
        if isinstance(key, str) and key.startswith("JOURNEY_") and key not in SETTINGS:
            import difflib  # noqa: PLC0415 - only to name what was meant

            close = difflib.get_close_matches(key, list(SETTINGS), n=1)
            hint = f"did you mean {close[0]}? " if close else ""
            raise SettingsError(
                f"{key}: unknown setting; {hint}settings: {', '.join(SETTINGS)}"
            )


def load_config(
    settings: Mapping[str, Any],
    base_dir: Path | None = None,
    *,
    rules: Mapping[str, RuleSpec],
) -> JourneyConfig:
    """Validate the ``JOURNEY_*`` settings; relative paths resolve from ``base_dir``.

    ``rules`` is the rule table (``rules.REGISTRY``), given by the caller so
    that the model layer never imports the rules.
    """
    _unknown_setting(settings)
    scope = Scope(settings, (base_dir or Path.cwd()).resolve(), rules)
    for name, setting in SETTINGS.items():
        value = settings.get(name, setting.default)
        scope.values[setting.field_name(name)] = setting.check(name, value, scope)
    return JourneyConfig(**scope.values, base_dir=scope.base_dir)
