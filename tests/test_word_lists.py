"""The word lists are read as tomllib reads them.

``rules/words.py: word_lists`` reads the shape of ``rules/data/*.toml``
(tables of arrays of plain strings) with ``json`` instead of ``tomllib``; for
any other TOML it returns ``None`` and ``tomllib`` reads the file. Here it
runs over the shipped lists and over random documents of that shape, with
mistakes and TOML it does not take mixed in: whatever it returns must be what
``tomllib`` returns, and it must not take what ``tomllib`` rejects.
"""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

import pytest

import pelican.plugins.journey.rules.words as words_module
from pelican.plugins.journey.rules.words import word_lists

DATA = Path(words_module.__file__).parent / "data"


def _tomllib(text: str) -> object:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return "error"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_shipped_lists_are_read_without_tomllib_and_as_tomllib_reads_them(lang):
    text = (DATA / f"{lang}.toml").read_text(encoding="utf-8")
    lists = word_lists(text)
    assert lists is not None
    assert lists == tomllib.loads(text)
    assert words_module._data(lang) == tomllib.loads(text)
    assert sum(len(v) for table in lists.values() for v in table.values()) > 50


CHARACTERS = [
    *"abcdefghij klmno",
    "é",
    "ß",
    "\u2019",
    "\U0001f600",
    "'",
    '"',
    "#",
    ",",
    "[",
    "]",
    "=",
    "\\",
    "\t",
    "\x7f",
    "\x01",
    "\u00a0",
    "/",
    "0",
    ".",
    "-",
]
KEYS = ["words", "phrases", "a-b", "x_y", "K9", "two words", '"quoted"', "a.b", "é"]


def _string(rng: random.Random) -> str:
    # mostly plain words, now and then a character TOML or JSON treats apart
    weights = [40] * 16 + [1] * (len(CHARACTERS) - 16)
    body = "".join(rng.choices(CHARACTERS, weights, k=rng.randint(0, 8)))
    return rng.choice(['"{}"'] * 40 + ["'{}'", '"""{}"""', "{}"]).format(body)


def _document(rng: random.Random) -> str:
    lines: list[str] = []
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.3:
            comment = rng.choice(["", 'with "quotes" and #', "é"])
            lines.append("# a comment " + comment)
        names = ["noreply-contact", "reachability", "t", "a_b", "-", "x y", "a.b"]
        name = rng.choice(names)
        lines.append(rng.choice([f"[{name}]"] * 30 + [f"[ {name} ]", f"[[{name}]]"]))
        for _ in range(rng.randint(0, 3)):
            key = rng.choice(KEYS[:5] * 20 + KEYS)
            equals = rng.choice([" = "] * 40 + ["=", "  = ", " =\t"])
            items = [_string(rng) for _ in range(rng.randint(0, 5))]
            if rng.random() < 0.5:
                comma = rng.choice([", "] * 30 + [",", " , ", " "])
                tail = rng.choice([""] * 30 + [",", " # c"])
                lines.append(f"{key}{equals}[{comma.join(items)}{tail}]")
            else:
                lines.append(f"{key}{equals}[")
                while items:
                    take = rng.randint(1, 3)
                    chunk, items = items[:take], items[take:]
                    end = (
                        rng.choice([","] * 40 + ["", ",,"])
                        if items
                        else rng.choice([",", ""])
                    )
                    indent = rng.choice(["    ", "", "\t"])
                    lines.append(indent + ", ".join(chunk) + end)
                    if rng.random() < 0.1:
                        lines.append("    # between items")
                lines.append(rng.choice(["]"] * 40 + ["],", "] # end", "  ]"]))
        lines.append("")
    text = "\n".join(lines)
    if rng.random() < 0.05:
        text = text.replace("\n", "\r\n")
    if rng.random() < 0.05 and lines:
        text = text[: rng.randrange(len(text) + 1)]  # cut anywhere
    return text


@pytest.mark.parametrize("seed", range(4))
def test_random_documents_are_read_as_tomllib_reads_them_or_left_to_it(seed):
    rng = random.Random(seed)
    fast = 0
    for _ in range(1500):
        text = _document(rng)
        lists = word_lists(text)
        if lists is not None:
            fast += 1
            assert lists == _tomllib(text), text
    assert fast > 100  # the shape of the word lists is common among them


@pytest.mark.parametrize(
    "text",
    [
        '[t]\nwords = ["a" "b"]\n',  # no comma
        '[t]\nwords = [\n    "a"\n    "b",\n]\n',  # no comma between lines
        '[t]\nwords = ["a\\u00e9"]\n',  # an escape
        '[t]\nwords = ["a\x7f"]\n',  # DEL: JSON takes it, TOML does not
        '[t]\nwords = ["a"]\nwords = ["b"]\n',  # the same key twice
        '[t]\nwords = ["a"]\n[t]\n',  # the same table twice
        'words = ["a"]\n',  # a key before any table
        '[t]\nwords = [\n    "a",\n',  # an array that never closes
        "[t]\nwords = [1, 2]\n",  # not strings
        '[t]\nwords = ["a"] # comment\n',
    ],
)
def test_what_is_not_a_plain_list_is_left_to_tomllib(text):
    assert word_lists(text) is None
