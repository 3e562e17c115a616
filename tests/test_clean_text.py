"""The quick checks before the report writers' text passes change nothing.

``printable`` (lone surrogates to U+FFFD) first tries to encode short texts,
and junit's ``_clean`` (what XML 1.0 forbids escaped) lets printable values
pass as they are; both must give what the plain expression gives, on random
texts with every kind of character those passes care about.
"""

from __future__ import annotations

import random
import re

import pytest

from pelican.plugins.journey.report import atomic, reports

ALPHABET = [
    *"abc xyz",
    "\t",
    "\n",
    "\r",
    "\x00",
    "\x07",
    "\x0b",
    "\x1f",
    "\x7f",
    "\x85",
    "\u00a0",
    "é",
    "\u2028",
    "\u200b",
    "\ud800",
    "\udc80",
    "\udcff",
    "\udfff",
    "\ue000",
    "\ufffd",
    "\ufffe",
    "\uffff",
    "\U0001f600",
    "\U0010ffff",
]


def _texts(seed: int, count: int = 3000) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        # mostly plain text, now and then one of the characters that matter
        plain = rng.random() < 0.5
        weights = [30] * 7 + [0 if plain else 1] * (len(ALPHABET) - 7)
        texts.append("".join(rng.choices(ALPHABET, weights, k=rng.randint(0, 12))))
    return texts


@pytest.mark.parametrize("seed", range(3))
def test_printable_is_the_plain_substitution(seed):
    plain = re.compile("[\ud800-\udfff]")
    changed = 0
    for text in [*_texts(seed), "a\ud800" * 40000, "é" * 70000]:
        expected = plain.sub("\ufffd", text)
        assert atomic.printable(text) == expected
        changed += expected != text
    assert changed > 100


@pytest.mark.parametrize("seed", range(3))
def test_clean_is_the_plain_substitution(seed):
    plain = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
    changed = 0
    for text in _texts(seed):
        expected = plain.sub(reports._xml_escape, text)
        assert reports._clean(text) == expected
        changed += expected != text
    assert changed > 100
