"""Copy rules: how the text reads (SPEC §5, JOURNEY-NOTES).

Stock claims that convince nobody, long sentences, a Dutch page that
addresses the reader both as "u" and as "je", and no reviews or cases for
the buyer who compares. They read the visible text of
each page (:class:`~..site.text.PageText`), never code, preformatted text or
quotes of other people.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from ..model.patterns import lazy_re
from ..model.records import FrozenRecord
from ..site.text import PageText, fold
from . import Hit, Option, RuleContext, rule
from ._phrases import Phrases
from .coverage import expertise_phase
from .friction import site_gap
from .words import (
    after_page_pass,
    page_check,
    page_hits,
    page_lang,
    quote,
    quotes,
    words,
)

if TYPE_CHECKING:
    from ..site.index import Document

# --------------------------------------------------------------------------
# empty-slogan
# --------------------------------------------------------------------------


_OPENING = '"\u201c\u201e\u00ab\u2018'
_CLOSING = '"\u201d\u00bb\u2019'
_open_quote_re = lazy_re(rf"(?:[{_OPENING}]|(?<![\w])')[^{_OPENING}{_CLOSING}.!?]*$")
_close_quote_re = lazy_re(rf"^[^{_OPENING}{_CLOSING}.!?]*(?:[{_CLOSING}]|'(?!\w))")


def _in_quotes(text: str, start: int, end: int) -> bool:
    """Whether a phrase stands in quotation marks: mentioned, not claimed."""
    before = text[max(0, start - 40) : start]
    after = text[end : end + 40]
    return bool(_open_quote_re().search(before) and _close_quote_re().search(after))


@rule(
    "empty-slogan",
    summary='stock claims: "beste kwaliteit voor de beste prijs", "klant is koning" …',
    example={
        "source": "content/pages/over-ons.md",
        "found": '"beste kwaliteit voor de beste prijs", "klant is koning"',
    },
    severity="warning",
    messages={
        "nl": "lege slogan {found}: die overtuigt niemand; zeg wat de klant "
        "concreet krijgt (een feit, een getal, een voorbeeld)",
        "en": "empty slogan {found}: it convinces nobody; say what the customer "
        "actually gets (a fact, a number, an example)",
    },
    doc=(
        'Generic copy convinces nobody: "best quality, best price" says\n'
        "nothing a competitor could not say; buyers who compare want facts, examples\n"
        "and what other customers say. The rule quotes stock claims from a Dutch and\n"
        'an English list ("beste kwaliteit voor de beste prijs", "kwaliteit staat\n'
        'voorop", "hoog in het vaandel", "klant is koning", "uw partner in",\n'
        '"ontzorgen", "best quality", "second to none", "world-class", "state of the\n'
        'art" …). Whole words only: "de kwaliteit van de remblokken" is no slogan. A\n'
        "claim in quotation marks is mentioned, not made\n"
        "(\"geen loze beloftes als 'de\n"
        "beste kwaliteit'\"), and a customer's words in a `<blockquote>` are theirs."
    ),
    options={
        "phrases": Option((), "words", "extra stock claims to report"),
    },
)
def empty_slogan(context: RuleContext) -> Iterator[Hit]:
    return iter(page_hits(context, "empty-slogan"))


def _slogans(context: RuleContext) -> Phrases:
    return Phrases((*words("empty-slogan", "phrases"), *context.options["phrases"]))


@page_check("empty-slogan")
def _slogan_page(page: PageText, doc: Document, context: RuleContext) -> Iterable[Hit]:
    phrases = context.prepared("phrases", lambda: _slogans(context))
    found = [
        m.group()
        for m in phrases.finditer(page)
        if not _in_quotes(m.string, m.start(), m.end())
    ]
    if found:
        return (Hit("slogan", {"found": quotes(found)}, doc),)
    return ()


# --------------------------------------------------------------------------
# long-sentences
# --------------------------------------------------------------------------

# Flesch reading ease and its Dutch adaptation by Douma (1960):
# score = a - b * words per sentence - c * syllables per word.
FORMULAS = {
    "nl": ("Flesch-Douma", 206.835, 0.93, 77.0),
    "en": ("Flesch", 206.835, 1.015, 84.6),
}
HYPHENATION = {"nl": "nl_NL", "en": "en_US"}
_word_re = lazy_re(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
# A sentence ends inside a line at . ! ? … (and closing quotes) before a space.
_sentence_end_re = lazy_re(r"[.!?\u2026]+[\"'\u201d\u2019)\]]* (?=\S)")
_split_re = lazy_re(r"(?<=[.!?\u2026])[\"'\u201d\u2019)\]]* (?=\S)|\n")
# Vowel groups for a quick first estimate of syllables: vowels (and every
# non-ASCII byte: accented vowels) as spaces, the rest as letters.
_VOWEL_BYTES = bytes(
    32 if (chr(b) in "aeiouy" or b >= 128) else 120 for b in range(256)
)
_VOWEL_BYTES_ANY_CASE = bytes(
    32 if (chr(b).lower() in "aeiouy" or b >= 128) else 120 for b in range(256)
)
# A page whose estimate passes by this many points (and has 20% fewer words
# per sentence than the limit) is not scored exactly.
ESTIMATE_MARGIN = 10
# A silent final e: a vowel, consonants, then "e" at the end of a word
# (r"[aeiouy][b-df-hj-km-np-tv-xz]*[b-df-hj-kmnp-tv-xz]e\b"), matched in the
# reversed text, where it starts with a literal "e" that re finds in C: the
# same count at a third of the cost (each match holds one word-final e).
_SILENT_E_REVERSED_RE = re.compile(
    r"e(?<!\w.)[b-df-hj-kmnp-tv-xz][b-df-hj-km-np-tv-xz]*[aeiouy]"
)
_STOPS = bytes.maketrans(b"!?", b"..")


@functools.cache
def _dictionary(lang: str) -> Any:
    """The hyphenation dictionary (imported and loaded only when needed)."""
    import pyphen  # noqa: PLC0415 - only for pages near the limits

    name = HYPHENATION[lang]
    path = pyphen.LANGUAGES[name]
    if path not in pyphen.hdcache:
        cached = _cached_patterns(pyphen, path)
        if cached is not None:
            pyphen.hdcache[path] = cached
    return pyphen.Pyphen(lang=name, left=1, right=1)


# Parsing a pyphen dictionary costs 120-150 ms a language at every build
# (16,000 Dutch patterns, each through a few regular expressions), for the
# same file each time. Its parsed patterns are kept, as Python keeps
# ``__pycache__``, in Jinja's per-user cache folder (the one the map's
# compiled templates use), keyed by pyphen's version, the dictionary file's
# path, size and modification time and Python's version; loading them back
# takes 8-15 ms. Anything unexpected (another pyphen whose dictionary object
# holds more than its patterns, patterns that are not plain numbers, a
# folder that cannot be used, a damaged file) means parsing as before.
_PATTERNS_FORMAT = 1
_HYPHDICT_FIELDS = frozenset({"patterns", "cache", "maxlen"})


def _patterns_file(pyphen: Any, path: Any) -> tuple[Path, str] | None:
    try:
        folder = jinja2.FileSystemBytecodeCache().directory
        stat = Path(path).stat()
    except (OSError, RuntimeError, TypeError):
        return None
    key = "|".join(
        map(
            str,
            (
                _PATTERNS_FORMAT,
                getattr(pyphen, "__version__", "?"),
                path,
                stat.st_size,
                stat.st_mtime_ns,
                sys.version_info[:3],
                marshal.version,
            ),
        )
    )
    digest = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:20]
    return Path(folder) / f"pelican-journey-hyphenation-{digest}.marshal", key


def _cached_patterns(pyphen: Any, path: Any) -> Any | None:
    """The parsed dictionary at ``path``: from the cache, or parsed and cached.

    ``None`` when there is no cache folder (pyphen then parses it itself).
    """
    where = _patterns_file(pyphen, path)
    if where is None:
        return None
    file, key = where
    try:
        stored_key, patterns, maxlen = marshal.loads(file.read_bytes())
        if stored_key == key and isinstance(patterns, dict) and type(maxlen) is int:
            hd = pyphen.HyphDict.__new__(pyphen.HyphDict)
            hd.patterns, hd.maxlen, hd.cache = patterns, maxlen, {}
            return hd
    except (OSError, EOFError, ValueError, TypeError):
        pass
    hd = pyphen.HyphDict(path)
    if set(vars(hd)) == _HYPHDICT_FIELDS:
        try:
            data = marshal.dumps((key, hd.patterns, hd.maxlen))
        except ValueError:  # patterns with nonstandard hyphenation: not plain
            return hd
        _write_atomically(file, data)
    return hd


def _write_atomically(file: Path, data: bytes) -> None:
    with contextlib.suppress(OSError):
        fd, name = tempfile.mkstemp(dir=file.parent, prefix=".tmp-", suffix=".marshal")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(name, file)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise


class Syllables:
    """Syllable counts from the hyphenation dictionary, each word once."""

    def __init__(self, lang: str) -> None:
        self._positions = _dictionary(lang).positions
        self._known: dict[str, int] = {}

    def __call__(self, word: str) -> int:
        count = self._known.get(word)
        if count is None:
            parts = re.split(r"['\u2019-]", word)
            count = sum(len(self._positions(p)) + 1 for p in parts if p)
            self._known[word] = count
        return count


@functools.cache
def _syllables(lang: str) -> Syllables:
    return Syllables(lang)


@after_page_pass
def _release_dictionaries() -> None:
    """Let the hyphenation dictionaries go once every page is read.

    pyphen keeps each dictionary it loaded (its patterns, ~1.5 MiB a
    language) for the life of the process; a build needs them only for its
    page pass, and loads them again (~50 ms) if a later build needs them.
    """
    if _dictionary.cache_info().currsize:
        import pyphen  # noqa: PLC0415 - loaded: the dictionary came from it

        pyphen.hdcache.clear()
    _dictionary.cache_clear()
    _syllables.cache_clear()


@functools.cache
def _abbreviation_re(abbreviations: frozenset[str]) -> re.Pattern[str] | None:
    if not abbreviations:
        return None
    names = "|".join(sorted(map(re.escape, abbreviations), key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{names})\. (?=\S)", re.I)


class Readability(FrozenRecord):
    """A page's sentences, words, syllables and reading-ease score."""

    __slots__ = ("score", "sentences", "syllables", "words")
    _fields = ("sentences", "words", "syllables", "score")
    sentences: int
    words: int
    syllables: int
    score: float

    def __init__(
        self, sentences: int, words: int, syllables: int, score: float
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "sentences", sentences)
        set_field(self, "words", words)
        set_field(self, "syllables", syllables)
        set_field(self, "score", score)

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences


def _score(lang: str, words: int, sentences: int, syllables: float) -> float:
    _name, base, per_sentence, per_syllable = FORMULAS[lang]
    return base - per_sentence * words / sentences - per_syllable * syllables / words


def _length(sentence: str) -> int:
    return len(sentence.split())


def sentences(prose: str, abbreviations: frozenset[str]) -> list[str]:
    """The sentences of prose (one block per line); abbreviations end none."""
    found: list[str] = []
    pending = ""
    for piece in _split_re().split(prose):
        if not piece:
            continue
        pending = f"{pending} {piece}" if pending else piece
        last = pending.rsplit(None, 1)[-1].rstrip(".").casefold()
        if pending.endswith(".") and last in abbreviations:
            continue
        found.append(pending)
        pending = ""
    if pending:
        found.append(pending)
    return found


def _estimate(
    prose: str, lang: str, passes: tuple[int, int], lines: int
) -> tuple[int, int, int, float] | None:
    """The quick estimate of :func:`readability` if it passes by a wide margin.

    (sentences, words, vowel groups, score), or ``None``: the page is near
    or past a limit (``passes``: max words per sentence, min score) and is
    counted exactly. ``lines``: the prose's lines (not empty, no white space
    around).
    """
    # Fast: words are spaces + lines, every ". " ends a sentence (also
    # after an abbreviation), vowel groups stand in for syllables.
    words = prose.count(" ") + lines
    ascii = prose.isascii()
    data = prose.encode()  # (encoded once: the vowels of ASCII prose too)
    # ". ", "! " and "? " counted at once: ! and ? become full stops.
    quick_count = lines + data.translate(_STOPS).count(b". ")
    if not ascii:
        quick_count += prose.count("\u2026 ")
    if words / quick_count > passes[0] * 0.8:
        return None
    # Vowels became spaces: a group starts where a space follows a letter.
    # (ASCII folds as lower case does: upper-case vowels are vowels.)
    if ascii:
        groups = b"x" + data.translate(_VOWEL_BYTES_ANY_CASE)
    else:
        groups = b"x" + prose.casefold().encode().translate(_VOWEL_BYTES)
    vowel_groups = groups.count(b"x ")
    estimate = _score(lang, words, quick_count, vowel_groups)
    limit = passes[1] + ESTIMATE_MARGIN
    if lang == "en" and estimate < limit:
        # A silent final e ("bike", "there") is no syllable: fewer
        # syllables only raise the score, so they are counted only
        # where the estimate without them falls short.
        reversed_text = prose.casefold()[::-1]
        vowel_groups -= len(_SILENT_E_REVERSED_RE.findall(reversed_text))
        estimate = _score(lang, words, quick_count, vowel_groups)
    if estimate >= limit:
        return quick_count, words, vowel_groups, estimate
    return None


def readability(
    prose: str,
    lang: str,
    abbreviations: frozenset[str],
    *,
    passes: tuple[int, int] | None = None,
) -> Readability | None:
    """Words per sentence and reading ease of prose in ``lang`` (nl or en).

    Words are counted as written (space-separated), sentences at . ! ? … and
    at the end of each block. Syllables come from the hyphenation dictionary;
    with ``passes`` = (max words per sentence, min score), a page whose
    quick estimate (vowel groups for syllables, every ". " a sentence end)
    passes by a wide margin gets that estimate instead: the dictionary is
    loaded and the sentences counted exactly only for pages near or past the
    limits, and every finding comes from the exact count.
    """
    if not prose.strip():
        return None
    lines = prose.count("\n") + 1
    if passes is not None:
        quick = _estimate(prose, lang, passes, lines)
        if quick is not None:
            return Readability(*quick)
    folded = prose.casefold()
    words = len(prose.split())
    count = lines + len(_sentence_end_re().findall(prose))
    abbreviation = _abbreviation_re(abbreviations)
    if abbreviation is not None:
        count -= len(abbreviation.findall(prose))
    syllable = _syllables(lang)
    tally = Counter(_word_re().findall(folded))
    syllables = sum(syllable(word) * times for word, times in tally.items())
    return Readability(count, words, syllables, _score(lang, words, count, syllables))


@rule(
    "long-sentences",
    summary="long sentences or a low reading-ease score (Flesch-Douma, Flesch)",
    example={
        "source": "content/blog/lang.md",
        "average": "56.0",
        "max_words": 22,
        "score": "33",
        "formula": "Flesch-Douma",
        "min_score": 40,
        "longest_words": 68,
        "longest": '"Wanneer je in de herfst door de regen naar je werk fietst en '
        'onderweg merkt dat je remmen steeds …"',
    },
    severity="warning",
    messages={
        "nl": "moeilijk te lezen: gemiddeld {average} woorden per zin (max "
        "{max_words}), leesbaarheid {score} ({formula}, min {min_score}); "
        "langste zin ({longest_words} woorden): {longest}; schrijf korte "
        "zinnen, één gedachte per zin",
        "en": "hard to read: {average} words per sentence on average (max "
        "{max_words}), reading ease {score} ({formula}, min {min_score}); "
        "longest sentence ({longest_words} words): {longest}; write short "
        "sentences, one idea each",
    },
    doc=(
        "Copy works when it is short: one idea per sentence. For a page in\n"
        "Dutch or English (its `lang`, else `DEFAULT_LANG`; other languages are not\n"
        "judged) with at least `min_words` words of prose (paragraphs and list\n"
        "items; headings, tables, code and quotes left out), the rule reports an\n"
        "average sentence length above `max_words` or a reading-ease score below\n"
        "`min_score`:\n"
        "\n"
        "- Dutch: Flesch-Douma, 206.835 - 0.93 * words per sentence - 77 * syllables\n"
        "  per word;\n"
        "- English: Flesch reading ease, 206.835 - 1.015 * words per sentence -\n"
        "  84.6 * syllables per word.\n"
        "\n"
        "60-70 is plain language, below 30 reads like a legal text. Syllables come\n"
        "from the hyphenation dictionaries that `pyphen` ships (nl_NL, en_US); a\n"
        "hyphenation dictionary now and then misses a syllable, which makes the score\n"
        "slightly kinder, never stricter. To keep the build fast, a page is first\n"
        "estimated (vowel groups for syllables, every full stop a sentence end); only\n"
        "a page within 10 points or 20% of the limits is counted exactly with the\n"
        "dictionary, and every finding carries the exact figures. The finding quotes\n"
        "the longest sentence. The example site's pages score 59-92 with 7-16 words\n"
        "per sentence."
    ),
    options={
        "max_words": Option(
            22, "int", "the highest average of words per sentence", minimum=1
        ),
        "min_score": Option(
            40, "int", "the lowest reading-ease score (0-100)", minimum=0
        ),
        "min_words": Option(
            50,
            "int",
            "pages with fewer words of prose are not judged (too little to score)",
            minimum=1,
        ),
    },
)
def long_sentences(context: RuleContext) -> Iterator[Hit]:
    return iter(page_hits(context, "long-sentences"))


@functools.cache
def _abbreviations(lang: str) -> frozenset[str]:
    return frozenset(words("long-sentences", "abbreviations", (lang,)))


@page_check("long-sentences")
def _sentences_page(
    page: PageText, doc: Document, context: RuleContext
) -> Iterable[Hit]:
    options = context.options
    lang = page_lang(doc, context.index)
    prose = page.prose
    if lang not in FORMULAS or not prose.strip():
        return ()
    limits = (options["max_words"], options["min_score"])
    # What readability(..., passes=limits) does first: a page whose estimate
    # passes is one without a finding (and most pages are).
    if _estimate(prose, lang, limits, prose.count("\n") + 1) is not None:
        return ()
    abbreviations = _abbreviations(lang)
    measured = readability(prose, lang, abbreviations)
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
    return (Hit("readability", values, doc),)


# --------------------------------------------------------------------------
# mixed-address
# --------------------------------------------------------------------------


@functools.lru_cache(maxsize=16)
def _pronoun_re(pronouns: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(sorted(map(re.escape, pronouns), key=len, reverse=True))
    return re.compile(rf"(?<![\w'\u2019-])(?:{alternatives})(?![\w'\u2019-])", re.I)


# "9.00 u", "tot 17 u": a "u" after a number is an hour, not the reader.
_after_number_re = lazy_re(r"\d[.:]?\s*$")


def _snippet(text: str, start: int, end: int) -> str:
    """The word found with up to two words on either side."""
    before = text[max(0, start - 40) : start].rsplit("\n", 1)[-1].split()[-2:]
    after = text[end : end + 40].split("\n", 1)[0].split()[:2]
    return " ".join([*before, text[start:end], *after])


def _first(text: str, pattern: re.Pattern[str], formal: bool) -> str | None:
    for match in pattern.finditer(text):
        if formal and _after_number_re().search(
            text[max(0, match.start() - 8) : match.start()]
        ):
            continue
        return _snippet(text, match.start(), match.end())
    return None


@rule(
    "mixed-address",
    summary='a Dutch page that says both "u" and "je" to the reader',
    example={
        "source": "content/pages/service.md",
        "formal": '"Heeft u een vraag"',
        "informal": '"helpen we je graag verder"',
    },
    severity="warning",
    messages={
        "nl": "spreekt de lezer aan met u ({formal}) én met je ({informal}): "
        "kies één vorm en houd die vast, meestal je",
        "en": "addresses the reader both formally, u ({formal}), and "
        "informally, je ({informal}): choose one form and keep to it, usually je",
    },
    doc=(
        "Talk to the reader directly, and consistently: a Dutch page that\n"
        'says "u" in one sentence and "je" in the next reads as written by two\n'
        "people. Pages whose language is Dutch are checked for both u/uw/uzelf and\n"
        "je/jij/jou/jouw/jezelf; the first of each is quoted with the words around\n"
        'it. English pages are never checked (an English "u" is no Dutch "u"), a "u"\n'
        'after a number is an hour ("open tot 17 u"), "U-bocht" is one word, and a\n'
        "customer's words in a `<blockquote>` are theirs."
    ),
    options={
        "formal": Option((), "words", "extra formal pronouns"),
        "informal": Option((), "words", "extra informal pronouns"),
    },
)
def mixed_address(context: RuleContext) -> Iterator[Hit]:
    return iter(page_hits(context, "mixed-address"))


@functools.lru_cache(maxsize=16)
def _pronouns(key: str, extra: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w.casefold() for w in (*words("mixed-address", key, ("nl",)), *extra))


@page_check("mixed-address")
def _address_page(page: PageText, doc: Document, context: RuleContext) -> Iterable[Hit]:
    if page_lang(doc, context.index) != "nl":
        return ()
    formal_words = _pronouns("formal", tuple(context.options["formal"]))
    informal_words = _pronouns("informal", tuple(context.options["informal"]))
    if not page.has_any(frozenset(formal_words)) or not page.has_any(
        frozenset(informal_words)
    ):
        return ()
    polite = _first(page.text, _pronoun_re(formal_words), formal=True)
    casual = _first(page.text, _pronoun_re(informal_words), formal=False)
    if polite is not None and casual is not None:
        return (
            Hit("address", {"formal": quote(polite), "informal": quote(casual)}, doc),
        )
    return ()


# --------------------------------------------------------------------------
# social-proof
# --------------------------------------------------------------------------


@rule(
    "social-proof",
    summary="no review or case page in the decision phase",
    example={
        "phase": {"nl": "'Besluitvorming' (decision)", "en": "'Decision' (decision)"},
        "touchpoints": "review, case",
        "pages": '"Over ons"',
    },
    severity="warning",
    messages={
        "nl": "geen pagina in fase {phase} met ervaringen van klanten "
        "(Touchpoint: {touchpoints}; bekeken: {pages}): wie vergelijkt, leest "
        "wat anderen zeggen; voeg een pagina met reviews of een klantverhaal toe",
        "en": "no page in phase {phase} with customers' experiences "
        "(Touchpoint: {touchpoints}; looked at: {pages}): buyers who compare "
        "read what others say; add a page of reviews or a customer story",
    },
    doc=(
        "Buyers who compare read reviews and cases: what other customers say\n"
        "convinces where the business's own claims do not. Met when a published page\n"
        "of the decision phase has `Touchpoint: review` or `case`. One finding for\n"
        "the "
        "site, naming the pages of the phase it looked at."
    ),
    options={
        "phase": Option(
            None,
            "phase",
            "the phase where buyers compare (default: decision; 5k: keuren; "
            "see-think-do-care: think)",
        ),
        "touchpoints": Option(
            ("review", "case"), "words", "touchpoints that show social proof"
        ),
    },
)
def social_proof(context: RuleContext) -> Iterator[Hit]:
    phase = expertise_phase(context)
    if phase is None:
        return
    wanted = tuple(dict.fromkeys(fold(t) for t in context.options["touchpoints"]))
    docs = context.index.in_phase(phase.id)
    if any(d.tags.touchpoint in wanted for d in docs):
        return
    hit = site_gap(context, phase, docs, "no-proof")
    if hit is not None:
        values = {**hit.values, "touchpoints": ", ".join(wanted)}
        yield Hit(hit.subject, values, None, phase.id)
