"""long-sentences asks the quick estimate first: the same findings as before.

The page check used to call ``readability(..., passes=limits)`` and judge
what it returned; it now skips a page whose estimate clears the limits and
scores the others exactly. Both must give the same findings (message values
byte for byte) on varied prose: non-ASCII, abbreviations, numbers, very long
sentences, odd white space, empty prose.
"""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from pelican.plugins.journey.rules.copy import (
    FORMULAS,
    _abbreviations,
    _estimate,
    _length,
    _sentences_page,
    readability,
    sentences,
)
from pelican.plugins.journey.rules.registry import Hit, RuleContext
from pelican.plugins.journey.rules.words import quote
from pelican.plugins.journey.site.text import extract

WORDS = (
    *("fiets", "remblokken", "onderhoud", "werkplaats", "ketting", "de", "een"),
    *("bike", "there", "the", "repair", "considerably", "a", "Yes", "AEIOUY"),
    *("café", "één", "straße", "naïef", "Überall", "ĳs", "crème", "ÉÉN"),
    *("bijv.", "e.g.", "i.e.", "o.a.", "Dr.", "1.000", "12,50", "24/7", "3."),
    *("one-stop-shop", "it's", "klant\u2019s", "x", "y", "rhythm", "queue"),
)
ENDS = (". ", "! ", "? ", "\u2026 ", '." ', ".) ", "\n", ".\n", ". \n")
GAPS = (" ", " ", " ", " ", "  ", "\t", "\xa0", ", ", "; ", " - ")


def _prose(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 40)):
        # Mostly short sentences (most pages pass), some very long ones.
        size = rng.choice((3, 6, 10, 14, 20, 30, 60, 120))
        for _ in range(rng.randint(1, size)):
            parts.append(rng.choice(WORDS))
            parts.append(rng.choice(GAPS))
        parts[-1] = rng.choice(ENDS)
    return "".join(parts)


def _before(page, lang: str, options: dict) -> tuple[Hit, ...]:
    """The page check as it was: readability(..., passes=limits) judged."""
    if lang not in FORMULAS or not page.prose:
        return ()
    abbreviations = _abbreviations(lang)
    limits = (options["max_words"], options["min_score"])
    measured = readability(page.prose, lang, abbreviations, passes=limits)
    if measured is None or measured.words < options["min_words"]:
        return ()
    average = measured.words_per_sentence
    if average <= options["max_words"] and measured.score >= options["min_score"]:
        return ()
    longest = max(sentences(page.prose, abbreviations), key=_length)
    values = {
        "average": f"{average:.1f}",
        "max_words": options["max_words"],
        "score": f"{measured.score:.0f}",
        "formula": FORMULAS[lang][0],
        "min_score": options["min_score"],
        "longest_words": _length(longest),
        "longest": quote(longest, 100),
    }
    return (Hit("readability", values, None),)


OPTIONS = (
    {"max_words": 22, "min_score": 40, "min_words": 50},
    {"max_words": 10, "min_score": 60, "min_words": 1},
    {"max_words": 60, "min_score": 0, "min_words": 5},
    {"max_words": 1, "min_score": 100, "min_words": 1},
)


def _findings(check_result) -> list[tuple[str, dict]]:
    return [(hit.subject, dict(hit.values)) for hit in check_result]


@pytest.mark.parametrize("seed", range(12))
def test_the_page_check_finds_what_it_found_before(seed):
    rng = random.Random(seed)
    paths = {"quick": 0, "exact": 0, "found": 0}
    for _ in range(25):
        prose = _prose(rng)
        page = extract(
            "".join(f"<p>{line}</p>\n" for line in prose.split("\n")) if prose else ""
        )
        for lang in ("nl", "en", "de"):
            doc = SimpleNamespace(lang=lang)
            for options in OPTIONS:
                context = RuleContext(None, options, "en", None)  # type: ignore[arg-type]
                now = _findings(_sentences_page(page, doc, context))  # type: ignore[arg-type]
                assert now == _findings(_before(page, lang, options))
                limits = (options["max_words"], options["min_score"])
                if lang in FORMULAS and page.prose.strip():
                    quick = _estimate(
                        page.prose, lang, limits, page.prose.count("\n") + 1
                    )
                    paths["quick" if quick is not None else "exact"] += 1
                paths["found"] += bool(now)
    # The test sees pages of both kinds, and findings.
    assert all(paths.values()), paths


@pytest.mark.parametrize("prose", ["", " ", "\n", "één", "Ja.", "a " * 400])
def test_the_estimate_is_what_readability_returns_with_limits(prose):
    for lang in ("nl", "en"):
        for limits in ((22, 40), (60, 0), (5, 90)):
            measured = readability(prose, lang, _abbreviations(lang), passes=limits)
            if not prose.strip():
                assert measured is None
                continue
            quick = _estimate(prose, lang, limits, prose.count("\n") + 1)
            if quick is None:
                assert measured == readability(prose, lang, _abbreviations(lang))
            else:
                assert measured is not None
                figures = (measured.sentences, measured.words, measured.syllables)
                assert (*figures, measured.score) == quick


@pytest.mark.parametrize("chosen", [None, "purchase", "decision", "kopen"])
@pytest.mark.parametrize("model", ["six-phase", "5k", "see-think-do-care", "own"])
def test_the_purchase_test_reads_the_chosen_phase_as_before(chosen, model):
    """The purchase-phase test keeps the chosen id in the page pass's memo."""
    from pelican.plugins.journey.rules.friction import (
        PURCHASE_PHASES,
        _in_purchase,
    )

    index = SimpleNamespace(model=SimpleNamespace(id=model))
    context = RuleContext(index, {"phase": chosen}, "en", None)  # type: ignore[arg-type]
    wanted = chosen or PURCHASE_PHASES.get(model, "purchase")
    ids = ("purchase", "decision", "kopen", "do", "aftercare")
    for size in range(4):
        for first in ids:
            for rest in ids:
                phases = tuple(
                    SimpleNamespace(id=i) for i in (first, *([rest] * (size - 1)))
                )[:size]
                doc = SimpleNamespace(phases=phases)
                expected = any(p.id == wanted for p in phases)
                assert _in_purchase(doc, context) is expected  # type: ignore[arg-type]
    assert context.memo["chosen"] == wanted
