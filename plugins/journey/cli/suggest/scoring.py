"""Scoring: which phase a text most likely serves, and how sure that is.

Title words weigh :data:`TITLE_WEIGHT` times a text word; a category
:data:`CATEGORY_WEIGHT` times. A proposal is written only from
:data:`CONFIDENT` on.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ...model.phases import SIX_PHASE, Model, Phase
from .words import LEXICON, THEME_MAP

# A proposal is written only from this confidence on (0-1). Measured on the
# labelled set in tests/data/suggest_labelled.json (docs/suggest.md).
CONFIDENT = 0.5
TITLE_WEIGHT = 3.0
CATEGORY_WEIGHT = 2.0
MAX_REPEAT = 3  # a word counts at most this often in the text


def fold(value: str) -> str:
    """Lower case, accents dropped: the form words are compared in."""
    folded = unicodedata.normalize("NFKD", value.casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def words(value: str) -> list[str]:
    """The folded words of a text ("e-mail" is "e", "mail")."""
    return re.findall(r"[a-z0-9]+", fold(value))


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    prefix: bool
    weight: float
    shown: str


def _parse_lexicon(raw: Mapping[str, str]) -> dict[str, tuple[Term, ...]]:
    out: dict[str, tuple[Term, ...]] = {}
    for theme, block in raw.items():
        terms = []
        for item in block.split():
            spec, _, weight = item.partition(":")
            prefix = spec.endswith("*")
            phrase = spec.rstrip("*").replace("_", " ")
            terms.append(Term(tuple(words(phrase)), prefix, float(weight or 1), phrase))
        out[theme] = tuple(terms)
    return out


TERMS = _parse_lexicon(LEXICON)


class _Text:
    """Word and phrase counts of one text, for fast term lookups."""

    def __init__(self, tokens: Sequence[str]) -> None:
        self.counts: Counter[tuple[str, ...]] = Counter()
        for size in (1, 2, 3, 4, 5):
            for start in range(len(tokens) - size + 1):
                self.counts[tuple(tokens[start : start + size])] += 1
        self.unique = set(tokens)

    def count(self, term: Term) -> int:
        if term.prefix and len(term.words) == 1:
            stem = term.words[0]
            return sum(self.counts[(w,)] for w in self.unique if w.startswith(stem))
        return self.counts[term.words]


@dataclass(frozen=True)
class Proposal:
    """A proposed phase, how sure (0-1), and the words that led to it."""

    phase: Phase | None
    confidence: float
    clues: tuple[str, ...]

    @property
    def confident(self) -> bool:
        return self.phase is not None and self.confidence >= CONFIDENT


def theme_scores(
    title: str, body: str, category: str | None = None
) -> dict[str, Counter[str]]:
    """Per theme: each clue word found, with its weighted score."""
    parts = [(_Text(words(title)), TITLE_WEIGHT), (_Text(words(body)), 1.0)]
    if category:
        parts.append((_Text(words(category)), CATEGORY_WEIGHT))
    scores: dict[str, Counter[str]] = {}
    for theme, terms in TERMS.items():
        found: Counter[str] = Counter()
        for term in terms:
            for counted, weight in parts:
                hits = min(counted.count(term), MAX_REPEAT)
                if hits:
                    clue = term.shown + ("…" if term.prefix else "")
                    # Counter of float scores: typeshed types Counter as int.
                    found[clue] += hits * term.weight * weight  # type: ignore[assignment]
        scores[theme] = found
    return scores


def _theme_map(model: Model) -> dict[str, tuple[Phase, float]]:
    """Theme -> (phase of ``model``, factor); custom models by name, else position."""
    known = THEME_MAP.get(model.id)
    if known is not None:
        out = {}
        for theme, (phase_id, factor) in known.items():
            phase = model.get(phase_id)
            if phase is not None:
                out[theme] = (phase, factor)
        if len(out) == len(known):
            return out
    out = {}
    count = len(model.phases)
    for theme in LEXICON:
        six = SIX_PHASE.get("purchase" if theme == "pricing" else theme)
        assert six is not None
        named = next(
            (p for name in six.names() if (p := model.resolve(name)) is not None),
            None,
        )
        if named is None:
            position = round(
                (six.index - 1) * (count - 1) / (len(SIX_PHASE.phases) - 1)
            )
            named = model.phases[position]
        out[theme] = (named, 1.0)
    return out


def propose(
    model: Model, title: str, body: str, category: str | None = None
) -> Proposal:
    """The phase of ``model`` this text most likely serves."""
    per_phase: dict[str, Counter[str]] = {}
    phases: dict[str, Phase] = {}
    themes = _theme_map(model)
    for theme, found in theme_scores(title, body, category).items():
        phase, factor = themes[theme]
        phases[phase.id] = phase
        bucket = per_phase.setdefault(phase.id, Counter())
        for clue, score in found.items():
            bucket[clue] += score * factor  # type: ignore[assignment]
    totals = {pid: sum(found.values()) for pid, found in per_phase.items()}
    overall = sum(totals.values())
    if overall <= 0:
        return Proposal(None, 0.0, ())
    best = max(totals, key=lambda pid: (totals[pid], -phases[pid].index))
    share = totals[best] / overall
    # Sure when the winner takes most of the evidence and there is enough of it.
    confidence = share * (1 - math.exp(-totals[best] / 4))
    clues = tuple(clue for clue, _ in per_phase[best].most_common(5))
    return Proposal(phases[best], round(confidence, 2), clues)


def plain_text(html: str) -> str:
    """The text of a rendered content fragment, without tags or comments."""
    if not html.strip():
        return ""
    from lxml import etree  # noqa: PLC0415 - heavy import
    from lxml import html as lxml_html  # noqa: PLC0415

    try:
        fragment = lxml_html.fragment_fromstring(html, create_parent="div")
    except (ValueError, TypeError, etree.ParserError):
        return re.sub(r"<[^>]*>", " ", html)
    etree.strip_elements(fragment, etree.Comment, with_tail=False)
    return " ".join(fragment.itertext())
