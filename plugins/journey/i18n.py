"""User-facing text in Dutch and English.

Every message a user reads (findings, console summary, CLI output) comes from
:data:`MESSAGES`, keyed by a stable id, with one template per language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .model import LANGS

MESSAGES: dict[str, Mapping[str, str]] = {
    "unknown-phase": {
        "nl": "onbekende fase {value!r}{hint}",
        "en": "unknown phase {value!r}{hint}",
    },
    "did-you-mean": {
        "nl": "; bedoel je {suggestion}?",
        "en": "; did you mean {suggestion}?",
    },
    "allowed-phases": {
        "nl": "; toegestaan: {allowed}",
        "en": "; allowed: {allowed}",
    },
    "build-failed": {
        "nl": "pelican-journey: {count} bevinding(en) op of boven {level!r}; "
        "de build is afgekeurd (exit 3)",
        "en": "pelican-journey: {count} finding(s) at or above {level!r}; "
        "the build fails (exit 3)",
    },
    "map-failed": {
        "nl": "pelican-journey: kan de klantreiskaart niet schrijven naar {path}: "
        "{error}",
        "en": "pelican-journey: cannot write the journey map to {path}: {error}",
    },
    "build-failed-autoreload": {
        "nl": "pelican-journey: {count} bevinding(en) op of boven {level!r}; "
        "de server blijft draaien",
        "en": "pelican-journey: {count} finding(s) at or above {level!r}; "
        "still serving",
    },
}


def text(key: str, lang: str, **values: Any) -> str:
    """The message ``key`` in ``lang`` (English when missing), formatted."""
    templates = MESSAGES[key]
    template = templates.get(lang) or templates["en"]
    return template.format(**values)


def pick(value: Mapping[str, str] | str, lang: str) -> str:
    """A per-language text, or a plain string used for every language."""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("en") or next(iter(value.values()), "")


def check_catalogue() -> list[str]:
    """Message ids that lack a template in one of the languages."""
    return [key for key, t in MESSAGES.items() if any(lang not in t for lang in LANGS)]
