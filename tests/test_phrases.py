"""The prepared phrase lists of the text rules match as find_phrases does.

``rules/_phrases.py`` (:class:`Phrases`) gives the matches of
``rules/words.py: find_phrases`` with less work per page: the keys made once
per list, the prefix search over the page's distinct words, and the
expression run only near where a key occurs. Here both run over the rules'
own word lists and over random lists on random texts (white space of every
kind, punctuation, quotes, phrases spread over lines, non-ASCII words), and
must give the same matches in the same order.
"""

from __future__ import annotations

import random

import pytest

from pelican.plugins.journey.rules._phrases import Phrases, near
from pelican.plugins.journey.rules.words import _phrase_re, find_phrases, words
from pelican.plugins.journey.site.text import extract

WORDS = (
    "retour",
    "retourneren",
    "terug",
    "sturen",
    "geld",
    "account",
    "verplicht",
    "eerst",
    "inloggen",
    "beste",
    "kwaliteit",
    "prijs",
    "klant",
    "koning",
    "customer",
    "is",
    "king",
    "one-stop-shop",
    "24/7",
    "café",
    "één",
    "straße",
    "de",
    "je",
    "u",
    "a",
    "ab",
    "k",
)
SEPARATORS = (" ", " ", " ", "  ", "\n", "\t", "\xa0", ", ", ". ", "-", "'", '"', "")


def _text(rng: random.Random, size: int, phrases: list[str] = ()) -> str:
    # Mostly the phrases' own words, in runs, so that phrases do occur.
    vocabulary = [w for p in phrases for w in p.split()] or list(WORDS)
    parts = []
    for _ in range(size):
        word = rng.choice(vocabulary if rng.random() < 0.7 else WORDS)
        if rng.random() < 0.1:
            word = word.upper()
        if rng.random() < 0.1:
            word += rng.choice(("s", "en", "ing", "x"))
        parts.append(word)
        parts.append(rng.choice(SEPARATORS))
    return "".join(parts)


def _phrases(rng: random.Random) -> list[str]:
    phrases = []
    for _ in range(rng.randint(1, 12)):
        size = rng.randint(1, 4)
        phrase = " ".join(rng.choice(WORDS) for _ in range(size))
        if rng.random() < 0.1:
            phrase = phrase.title()
        if rng.random() < 0.05:
            phrase = "  "  # no words: never matches
        phrases.append(phrase)
    return phrases


def _spans(matches):
    return [(m.start(), m.end(), m.group()) for m in matches]


def _page(text: str):
    html = "".join(f"<p>{line}</p>" for line in text.split("\n"))
    return extract(html)


@pytest.mark.parametrize("seed", range(300))
def test_random_lists_on_random_texts_match_as_find_phrases(seed):
    rng = random.Random(seed)
    phrases = _phrases(rng)
    text = _text(rng, rng.randint(0, 120), phrases)
    if seed % 2:  # only spaces: the keys are looked for between spaces
        text = text.replace("\t", " ").replace("\xa0", " ")
    for prefix in (False, True):
        # A page each: find_phrases makes the page's word set, which
        # Phrases then uses instead of its own search for the keys.
        expected = _spans(find_phrases(_page(text), phrases, prefix=prefix))
        assert _spans(Phrases(phrases, prefix=prefix).finditer(_page(text))) == expected
        FOUND[prefix] += len(expected)


FOUND = {False: 0, True: 0}


def test_the_random_texts_held_phrases():
    """(Runs after the test above: its texts did hold phrases, both ways.)"""
    assert FOUND[False] > 300
    assert FOUND[True] > 300


@pytest.mark.parametrize("seed", range(400))
def test_phrases_with_a_word_missing_from_the_page_are_left_out_exactly(seed):
    """Pages with a key but not every word of its phrases: find_phrases again.

    The text is made of part of the words only (and parts of words, which
    hold the phrase's words without being them), so that a page has a key
    and lacks another word of the phrase as often as not.
    """
    rng = random.Random(seed)
    phrases = [p for p in _phrases(rng) if p.strip()] or ["beste prijs"]
    vocabulary = sorted({w for p in phrases for w in p.split()} | set(WORDS))
    kept = [w for w in vocabulary if rng.random() < 0.5] or ["k"]
    kept += [w[: rng.randint(1, len(w))] for w in vocabulary if rng.random() < 0.3]
    kept += [w + "x" for w in vocabulary if rng.random() < 0.2]
    parts = []
    for _ in range(rng.randint(0, 80)):
        parts.append(rng.choice(kept))
        parts.append(rng.choice(SEPARATORS))
    text = "".join(parts)
    if seed % 2:
        text = text.replace("\t", " ").replace("\xa0", " ")
    for prefix in (False, True):
        prepared = Phrases(phrases, prefix=prefix)
        expected = _spans(find_phrases(_page(text), phrases, prefix=prefix))
        assert _spans(prepared.finditer(_page(text))) == expected
        page = _page(text)
        found = prepared._starting(page) if prefix else page.among(prepared._keyset)
        if found:
            whole = [
                p
                for key in found
                for p in prepared._keys[key]
                if all(w in page.folded for w in p.casefold().split())
            ]
            LEFT_OUT[prefix] += not whole
            LEFT_OUT["matched"] += bool(expected)


LEFT_OUT = {False: 0, True: 0, "matched": 0}


def test_pages_with_a_key_but_a_word_missing_were_tested():
    """(Runs after the test above: both kinds of page did occur.)"""
    assert LEFT_OUT[False] > 20
    assert LEFT_OUT[True] > 20
    assert LEFT_OUT["matched"] > 20


@pytest.mark.parametrize(
    ("phrase", "key", "probes"),
    [
        (
            "beste kwaliteit voor de beste prijs",
            "kwaliteit",
            ("beste", "prijs", "voor", "de"),
        ),
        ("Klant  is\tKoning", "koning", ("klant", "is")),
        ("one-stop shop", "one-stop", ("shop",)),
        ("retour", "retour", ()),
        ("terug te brengen", "brengen", ("terug", "te")),
        ("Straße", "strasse", ()),
    ],
)
def test_probes_are_the_folded_words_not_in_the_key(phrase, key, probes):
    from pelican.plugins.journey.rules._phrases import _probes

    assert _probes(phrase, key) == probes


@pytest.mark.parametrize(
    ("rule", "key", "prefix"),
    [
        ("empty-slogan", "phrases", False),
        ("forced-account", "phrases", False),
        ("reachability", "words", False),
        ("return-terms", "words", True),
    ],
)
def test_the_rules_lists_match_as_find_phrases(rule, key, prefix):
    listed = words(rule, key)
    prepared = Phrases(listed, prefix=prefix)
    rng = random.Random(rule)
    found = 0
    for turn in range(60):
        # Texts made of the list's own words, so that phrases do occur.
        vocabulary = [w for phrase in listed for w in phrase.split()] + list(WORDS)
        parts = []
        for _ in range(rng.randint(5, 200)):
            parts.append(rng.choice(vocabulary))
            parts.append(rng.choice(SEPARATORS))
        text = "".join(parts)
        if turn % 2:  # only spaces: the keys are looked for between spaces
            text = text.replace("\t", " ").replace("\xa0", " ")
        expected = _spans(find_phrases(_page(text), listed, prefix=prefix))
        assert _spans(prepared.finditer(_page(text))) == expected
        found += len(expected)
    assert found  # the texts did hold phrases of the list


def test_a_phrase_spread_over_many_spaces_and_lines_is_found_near_its_key():
    page = _page("eerst" + " " * 300 + "\n\n" + "inloggen en dan " + "x " * 200)
    matches = list(Phrases(["eerst inloggen"]).finditer(page))
    assert [m.group().split() for m in matches] == [["eerst", "inloggen"]]
    assert _spans(matches) == _spans(find_phrases(page, ["eerst inloggen"]))


def test_near_is_finditer_where_every_match_holds_a_key():
    rng = random.Random(7)
    for _ in range(200):
        listed = _phrases(rng)
        text = _text(rng, rng.randint(0, 80), listed).casefold()
        phrases = tuple(sorted({" ".join(p.casefold().split()) for p in listed}))
        pattern = _phrase_re(phrases, rng.random() < 0.5)
        if pattern is None:
            continue
        keys = {w for p in phrases for w in p.split()}  # each phrase holds its words
        reach = max(len(p.replace(" ", "")) for p in phrases)  # before and after
        assert _spans(near(pattern, text, keys, reach, reach)) == _spans(
            pattern.finditer(text)
        )


@pytest.mark.parametrize("seed", range(40))
def test_readability_of_ascii_prose_does_not_depend_on_case(seed):
    """The estimate of ASCII prose reads vowels in either case, unfolded."""
    from pelican.plugins.journey.rules.copy import _abbreviations, readability

    rng = random.Random(seed)
    ascii_words = [w for w in WORDS if w.isascii()] + ["Bike", "THERE", "Yes", "AEIOUY"]
    prose = ""
    for _ in range(rng.randint(1, 300)):
        word = rng.choice(ascii_words)
        word = rng.choice((word, word.upper(), word.title()))
        prose += word + rng.choice((" ", " ", ". ", "! ", "? ", "\n", ", "))
    prose = prose.strip()
    for lang in ("nl", "en"):
        for passes in ((22, 40), (60, 0), (5, 90)):
            mixed = readability(prose, lang, _abbreviations(lang), passes=passes)
            lower = readability(
                prose.lower(), lang, _abbreviations(lang), passes=passes
            )
            assert mixed == lower
