"""``pelican-journey suggest``: propose a phase for every untagged document.

The site is built for real (Pelican reads everything, output goes to a
temporary folder); each published document without a phase gets a proposal
from its title, text and category: Dutch and English keywords and phrases
scored per phase. Title words weigh :data:`TITLE_WEIGHT` times a text word.

Only with ``--write``, and only for a proposal of at least :data:`CONFIDENT`
confidence, the command adds one ``Phase: <id>`` line to a Markdown file's
metadata block or one ``:phase: <id>`` field to a reST file's field list. The
new file is written beside the old one and moved over it (``os.replace``);
every other byte stays: line endings, a UTF-8 BOM, metadata order, file mode.
A file it cannot edit safely is skipped with the reason. The plugin itself
never writes sources; only this command does, and only when asked.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import math
import os
import re
import stat
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model.phases import SIX_PHASE, Model, Phase
from ..model.text import text
from .runner import SiteError, read_site_settings, run_build, settings_path

# A proposal is written only from this confidence on (0-1). Measured on the
# labelled set in tests/data/suggest_labelled.json (docs/suggest.md).
CONFIDENT = 0.5
TITLE_WEIGHT = 3.0
CATEGORY_WEIGHT = 2.0
MAX_REPEAT = 3  # a word counts at most this often in the text
SOURCE_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown", ".rst", ".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")
BOM = b"\xef\xbb\xbf"

# Clue words per theme, Dutch and English, folded (lower case, no accents).
# "word" matches that word, "word*" every word starting so, "two words" the
# phrase; ":n" gives a weight (default 1). Themes are the six phases plus
# "pricing", which other models split from ordering (5k: kiezen / kopen).
LEXICON: Mapping[str, str] = {
    "awareness": """
        herken* wist:2 wist_je:2 signaal signalen tekenen waarom oorzaak oorzaken
        probleem problemen last_van:2 verhaal:2 geschiedenis:2 achtergrond
        ontdek* inspiratie trend* nieuws gevaar* risico* ongemerkt pas_als
        te_laat:2 gewoonte* weetje* mythe* fabel* merk_je niet_weten
        did_you_know:3 why sign signs signal* cause causes problem problems
        realis* realiz* notice* story:2 history:2 behind discover* inspiration
        trend* news habit* risk* quietly myth* never_notice:2 what_happens
        recognis* recogniz* hidden_cost* warning_signs:2
    """,
    "consideration": """
        diensten:3 dienstverlening aanbod:2 assortiment:3 overzicht:2
        wat_wij_doen:3 wat_we_doen:3 mogelijkheden:2 oplossing* soorten:2
        welke_soort* voor_wie:2 bekijk behandelingen:2 producten:2 collectie:2
        specialis* werkgebied regio uitleg op_zoek_naar:2 twijfel_je_of:2
        wat_doet hoe_werkt verzorgen particulieren zakelijk
        our_services:4 services:2 we_offer:3 offer range:2 overview:2
        solutions:2 solution options:2 what_we_do:3 types kinds kind_of
        for_whom who_it:2 treatments:2 products:2 collection browse:2
        looking_for:2 how_it_works:2 what_is_possible:2 explained specialis*
        catalog* design
    """,
    "decision": """
        klanten_zeggen:4 zeggen ervaringen:2 beoordeling*:3 review*:3
        recensie*:3 sterren:2 vergelijk*:3 voor_en_nadelen:4 voordelen
        nadelen:2 beter:2 beste keuze:2 kiezen:2 waarom_kiezen:4 waarom_ons:3
        waarom_wij:3 anders_dan:2 vakmanschap:2 jaar_ervaring:2 certific*
        keurmerk* referentie* portfolio praktijkvoorbeeld* eerlijk advies:2
        waar_let_je_op:3 let_op twijfel* gerust
        customers_say:4 clients_say:4 testimonial*:3 case_study:4 compare:3
        comparison:3 compared versus:2 pros_and_cons:4 pros cons better:2
        best choose:2 choice:2 chose:2 why_choose:4 why_us:3 decide:2
        different stars:2 rating*:2 trust* award* certified portfolio
        references honest* what_to_look_for:3 look_for which_is:2
        experienced:2 five_stars:3
    """,
    "pricing": """
        prijs:2 prijzen:3 tarief:3 tarieven:4 kost kosten euro:2 btw:2
        offerte:3 vaste_prijs:3 vrijblijvend* pakket* abonnement* korting
        prijslijst:3 voorrijkosten:2 inclusief per_maand per_uur
        price:2 prices:3 pricing:4 cost costs fee fees rates:2 quote:3
        package* plans subscription* monthly per_month discount hidden_costs:2
        vat fixed_price:3 no_contract
    """,
    "purchase": """
        bestellen:3 bestel:3 nu_bestellen:3 afspraak:2 maak_een_afspraak:4
        plan_je:2 inplannen reserveer*:3 boeken:3 boek_een inschrijv*
        aanmeld* afrekenen:3 betalen:2 betaal* pin ideal winkelwagen:3
        levertijd verzendkosten:2 bevestiging aanvragen:2 vraag_aan kosteloos
        afzeggen annuleren dag_en_tijd:2
        order:3 orders ordering book:3 booking:3 reserve:3 reservation:2
        appointment*:2 schedule sign_up:2 checkout:3 pay:2 payment* card
        basket:2 cart:2 buy:2 collection_date:2 delivery time_slot:3 slot
        confirm* test_ride:2 trial securely place_your_order:3
    """,
    "experience": """
        gefeliciteerd:3 je_nieuwe:3 nieuwe instellen:2 stel_je:2
        handleiding:3 stap_voor_stap:2 eerste_week:3 eerste_keer eerste_dagen:2
        gebruik gebruiken gebruikstips:3 het_meeste_uit:3 haal_meer:2
        optimaal bewaar*:2 recept*:2 aan_de_slag:2 opladen laad koppel* app
        gekocht welkom:2 vers
        congratulations:3 welcome:2 your_new:3 getting_started:3
        get_started:2 first_steps:3 step_by_step:2 guide how_to:2 set_up:2
        setting_up:2 first_week:3 first_month:3 first_time use using usage
        get_the_most:3 most_out_of:3 tips care_for:2 after_signing_up:3
        keep_off store recipes:2 manual:2 onboarding:3 tutorial:2
        between_appointments:2 have_had you_bought:2 exercises
    """,
    "aftercare": """
        klantenservice:4 service:2 nazorg:3 garantie:3 reparatie:3
        repareren:3 kapot:2 storing:3 defect* onderhoud:2 retour*:3
        terugsturen:3 ruilen:2 klacht*:3 factuur:2 facturen:2 levering
        je_bestelling:2 vraag_over:2 vragen neem_contact:3 contact:2 bel:2
        bellen e_mail mail bereikbaar:2 onderdelen:2 levensduur nakijken:2
        monteur na_de_aankoop:3 ook_na:2 veelgestelde_vragen:3 helpdesk:3
        support:3 openingstijden
        customer_service:4 help helpdesk warranty:3 guarantee:2 repair*:3
        broken:2 breaks:2 fault* defect* maintenance:3 servicing:3
        spare_parts:3 parts return returns:3 refund*:3 exchange complaint*:3
        invoice*:2 billing contact:2 get_in_touch:3 call phone email reach
        after_your_purchase:3 after_buying:3 after_the_sale:3 faq:3
        frequently_asked:3 questions opening_hours keep_running:2
        yearly_service:2 annual
    """,
}

# Which phase of a built-in model each theme means, and how sure that is.
THEME_MAP: Mapping[str, Mapping[str, tuple[str, float]]] = {
    "six-phase": {
        "awareness": ("awareness", 1.0),
        "consideration": ("consideration", 1.0),
        "decision": ("decision", 1.0),
        "pricing": ("purchase", 1.0),
        "purchase": ("purchase", 1.0),
        "experience": ("experience", 1.0),
        "aftercare": ("aftercare", 1.0),
    },
    "5k": {
        "awareness": ("komen", 1.0),
        "consideration": ("kijken", 1.0),
        "decision": ("keuren", 1.0),
        "pricing": ("kiezen", 1.0),
        "purchase": ("kopen", 1.0),
        # The 5 K's end at the sale: after-sale text fits "kopen" only loosely.
        "experience": ("kopen", 0.5),
        "aftercare": ("kopen", 0.5),
    },
    "see-think-do-care": {
        "awareness": ("see", 1.0),
        "consideration": ("think", 1.0),
        "decision": ("think", 1.0),
        "pricing": ("do", 1.0),
        "purchase": ("do", 1.0),
        "experience": ("care", 1.0),
        "aftercare": ("care", 1.0),
    },
}


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


# ---------------------------------------------------------------------------
# Reading the site


@dataclass
class Candidate:
    """An untagged published document and what suggest makes of it."""

    path: Path  # absolute source file
    shown: str  # the source as shown to the user (relative to the site root)
    title: str
    proposal: Proposal
    digest: str | None  # sha256 of the file when the build read it
    inside: bool  # whether the file is under the site's PATH
    outcome: str = ""


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _source_digests(content_dir: Path) -> dict[Path, str | None]:
    if not content_dir.is_dir():
        return {}
    return {
        path.resolve(): _digest(path)
        for path in content_dir.rglob("*")
        if path.suffix.lower() in SOURCE_SUFFIXES and path.is_file()
    }


def _quiet_build(settings: dict[str, Any]) -> Any:
    """Run the build without Pelican's console output or the findings' log."""
    logger = logging.getLogger("pelican")
    old_level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return run_build(settings)
    finally:
        logger.setLevel(old_level)


def collect(settings_file: Path, scratch: Path) -> tuple[Any, list[Candidate], int]:
    """Build the site into ``scratch``; return (config, candidates, exit status)."""
    settings = read_site_settings(
        settings_file,
        {
            "OUTPUT_PATH": str(scratch / "output"),
            "CACHE_PATH": str(scratch / "cache"),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            "DELETE_OUTPUT_DIRECTORY": False,
            "JOURNEY_REPORT_PATH": str(scratch / "journey-report"),
            "JOURNEY_FAIL_ON": "never",
        },
    )
    content_dir = Path(str(settings["PATH"])).resolve()
    digests = _source_digests(content_dir)
    result = _quiet_build(settings)
    analysis = result.analysis
    if analysis is None:
        return None, [], result.exit_code or 1
    model = analysis.config.model
    candidates = []
    for doc in analysis.index.documents:
        if doc.status != "published" or doc.phases or doc.tags.has_phase_key:
            continue
        if doc.tags.unknown_phases:
            continue
        raw = getattr(doc.content, "source_path", "") or ""
        path = Path(raw).resolve() if raw else Path()
        proposal = propose(model, doc.title, plain_text(doc.html), doc.category)
        candidates.append(
            Candidate(
                path=path,
                shown=doc.source or raw,
                title=doc.title,
                proposal=proposal,
                digest=digests.get(path),
                inside=bool(raw) and path.is_relative_to(content_dir),
            )
        )
    candidates.sort(key=lambda c: c.shown)
    return analysis.config, candidates, 0


# ---------------------------------------------------------------------------
# Writing one line


class Skip(Exception):
    """A file the command will not edit; the message key says why."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_MD_META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_MD_MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
_YAML_RE = re.compile(r"^-{3}(\s.*)?$")
_RST_FIELD_RE = re.compile(r"^:(?P<key>[^:\s][^:]*):(\s|$)")
_RST_ADORNMENT_RE = re.compile(r"^([!-/:-@\[-`{-~])\1*\s*$")
PHASE_KEYS = {"phase", "fase"}


def split_lines(value: str) -> list[str]:
    """Lines with their own endings (CRLF, LF or CR); nothing else splits."""
    lines = _LINE_RE.findall(value)
    if "".join(lines) != value:
        raise Skip("suggest-skip-layout")
    return lines


def _ending(lines: Sequence[str]) -> str:
    for line in lines:
        stripped = line.rstrip("\r\n")
        if stripped != line:
            return line[len(stripped) :]
    return "\n"


def _body(line: str) -> str:
    return line.rstrip("\r\n")


def _insert(lines: list[str], at: int, new: Iterable[str], eol: str) -> str:
    """The text with ``new`` lines inserted before line ``at``."""
    before = lines[:at]
    if before and not before[-1].endswith(("\n", "\r")):
        before[-1] += eol
    added = [line + eol for line in new]
    if at == len(lines) and not lines[-1].endswith(("\n", "\r")):
        added[-1] = added[-1][: -len(eol)]
    return "".join([*before, *added, *lines[at:]])


def add_markdown_phase(source: str, phase_id: str) -> str:
    """``source`` with a ``Phase:`` line after its last metadata line."""
    lines = split_lines(source)
    if not lines or _YAML_RE.match(_body(lines[0])):
        raise Skip("suggest-skip-yaml" if lines else "suggest-skip-no-meta")
    end, keys = 0, []
    for index, line in enumerate(lines):
        body = _body(line)
        if not body.strip():
            break
        match = _MD_META_RE.match(body)
        if match:
            keys.append(match["key"])
        elif not (keys and _MD_MORE_RE.match(body)):
            break
        end = index + 1
    if not keys:
        raise Skip("suggest-skip-no-meta")
    if any(key.casefold() in PHASE_KEYS for key in keys):
        raise Skip("suggest-skip-has-phase")
    key = "phase" if all(k == k.lower() for k in keys) else "Phase"
    return _insert(lines, end, [f"{key}: {phase_id}"], _ending(lines))


def add_rest_phase(source: str, phase_id: str) -> str:
    """``source`` with a ``:phase:`` field after its title's field list."""
    lines = split_lines(source)
    bodies = [_body(line) for line in lines]
    start = next((i for i, b in enumerate(bodies) if b.strip()), None)
    if start is None:
        raise Skip("suggest-skip-no-meta")

    def adornment(i: int) -> bool:
        """Whether line ``i`` over- or underlines the title at ``start``."""
        if i >= len(bodies) or not _RST_ADORNMENT_RE.match(bodies[i]):
            return False
        title = bodies[start + 1 if i != start + 1 else start].strip()
        return len(bodies[i].strip()) >= min(3, len(title))

    if adornment(start) and adornment(start + 2) and bodies[start + 1].strip():
        after = start + 3  # over- and underlined title
    elif not _RST_FIELD_RE.match(bodies[start]) and adornment(start + 1):
        after = start + 2  # underlined title
    elif _RST_FIELD_RE.match(bodies[start]):
        after = start  # no title: a field list first (Pelican reads :title:)
    else:
        raise Skip("suggest-skip-rest-layout")
    first = after
    while first < len(bodies) and not bodies[first].strip():
        first += 1
    end, keys = first, []
    while end < len(bodies):
        match = _RST_FIELD_RE.match(bodies[end])
        if match:
            keys.append(match["key"].strip())
        elif not (keys and bodies[end][:1] in {" ", "\t"} and bodies[end].strip()):
            break
        end += 1
    if any(key.casefold() in PHASE_KEYS for key in keys):
        raise Skip("suggest-skip-has-phase")
    eol = _ending(lines)
    field = f":phase: {phase_id}"
    if keys:
        return _insert(lines, end, [field], eol)
    # No field list yet: a new one after the blank line below the title.
    if after >= len(lines):
        return _insert(lines, after, ["", field], eol)
    if bodies[after].strip():
        raise Skip("suggest-skip-rest-layout")
    return _insert(lines, after + 1, [field, ""], eol)


def add_phase(data: bytes, phase_id: str, suffix: str) -> bytes:
    """The file's bytes with the phase added, every other byte kept."""
    bom = data.startswith(BOM)
    try:
        source = data[len(BOM) :].decode("utf-8") if bom else data.decode("utf-8")
    except UnicodeDecodeError:
        raise Skip("suggest-skip-encoding") from None
    suffix = suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        edited = add_markdown_phase(source, phase_id)
    elif suffix == ".rst":
        edited = add_rest_phase(source, phase_id)
    else:
        raise Skip("suggest-skip-format", suffix=suffix or "-")
    return (BOM if bom else b"") + edited.encode("utf-8")


def write_phase(candidate: Candidate, phase_id: str) -> None:
    """Add the phase to the candidate's file atomically, or raise :class:`Skip`."""
    if not candidate.inside:
        raise Skip("suggest-skip-outside")
    path = candidate.path
    try:
        data = path.read_bytes()
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError as error:
        raise Skip("suggest-skip-error", error=error.strerror or error) from None
    if candidate.digest is None or hashlib.sha256(data).hexdigest() != candidate.digest:
        raise Skip("suggest-skip-changed")
    edited = add_phase(data, phase_id, path.suffix)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(edited)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise Skip("suggest-skip-error", error=error.strerror or error) from None


# ---------------------------------------------------------------------------
# The command


def _table(candidates: list[Candidate], lang: str, write: bool) -> Any:
    from rich.table import Table  # noqa: PLC0415 - only needed here
    from rich.text import Text  # noqa: PLC0415

    table = Table(title=text("suggest-title", lang), title_justify="left")
    for key in ("file", "title", "phase", "confidence", "words"):
        table.add_column(text(f"suggest-col-{key}", lang))
    if write:
        table.add_column(text("suggest-col-result", lang))
    for item in candidates:
        proposal = item.proposal
        phase = proposal.phase
        shown = f"{phase.label(lang)} ({phase.id})" if phase else "-"
        row = [
            item.shown,
            item.title,
            shown,
            f"{proposal.confidence:.2f}",
            ", ".join(proposal.clues) or "-",
        ]
        if write:
            row.append(item.outcome)
        table.add_row(*(Text(cell) for cell in row))
    return table


def suggest(settings: str | Path | None, *, write: bool = False) -> int:
    """Propose phases for untagged documents; with ``write``, add the confident ones."""
    settings_file = settings_path(settings)
    with tempfile.TemporaryDirectory(prefix="pelican-journey-suggest-") as scratch:
        config, candidates, status = collect(settings_file, Path(scratch))
    if config is None:
        raise SiteError(f"{settings_file}: the site does not build (exit {status})")
    lang = config.lang

    from rich.console import Console  # noqa: PLC0415 - only needed here

    console = Console(highlight=False)
    if not candidates:
        console.print(text("suggest-none", lang), markup=False)
        return 0
    written = 0
    if write:
        for item in candidates:
            proposal = item.proposal
            if not proposal.confident or proposal.phase is None:
                item.outcome = text(
                    "suggest-skip-unsure", lang, threshold=f"{CONFIDENT:.2f}"
                )
                continue
            try:
                write_phase(item, proposal.phase.id)
            except Skip as skip:
                item.outcome = text(skip.key, lang, **skip.values)
                continue
            item.outcome = text("suggest-written", lang, phase=proposal.phase.id)
            written += 1
    console.print(_table(candidates, lang, write))
    confident = sum(1 for c in candidates if c.proposal.confident)
    key = "suggest-summary-written" if write else "suggest-summary"
    console.print(
        text(
            key,
            lang,
            count=len(candidates),
            confident=confident,
            written=written,
            threshold=f"{CONFIDENT:.2f}",
        ),
        markup=False,
    )
    return 0
