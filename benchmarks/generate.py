"""Generate a realistic, journey-tagged Pelican site of N documents.

``python benchmarks/generate.py DIR [--n 1000] [--seed 8]`` writes
``DIR/content`` (Markdown articles and pages) and ``DIR/pelicanconf.py`` (the
plugin on, every feature on). The same seed and N always give the same site.

What the site holds, per 1,000 documents (see :func:`plan`):

- ~800 articles in 8 categories with 2-4 of 40 tags, ~200 pages;
- Dutch text (~80%) and English text (``Lang: en``), 250-600 words each:
  headings, paragraphs, bullet and numbered lists, the odd quote and image;
- every phase of the six-phase model, named by id, label or alias, in any
  case; some documents serve two phases; ~5% untagged (a few of those in a
  category that ``JOURNEY_CATEGORY_PHASES`` maps);
- ``Touchpoint``, ``Persona`` (three personas), ``CTA`` (own label and
  target, a few generic "lees meer" labels, some ``none``) and ``Next``;
- 3-6 internal ``{filename}`` links per document, absolute and relative,
  plus the odd ``{static}`` image and external link; ~0.5% broken targets;
- an English translation of ~2% of the documents; a few drafts and hidden
  pages; an aftercare contact page with ``tel:`` and ``mailto:`` links;
- ``analytics/access.log``: a month of visits in nginx's ``combined`` format
  (~12 lines per document): visitors entering early in the journey and going
  on phase by phase, some leaving on the way, plus the home page, CSS and
  images, a crawler and a 404 (:func:`access_log`). ``JOURNEY_ANALYTICS``
  names it, so the benchmark's build reads visitor statistics too.
"""

from __future__ import annotations

import argparse
import random
import shutil
import struct
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

PHASES = (
    "awareness",
    "consideration",
    "decision",
    "purchase",
    "experience",
    "aftercare",
)
# How a writer names a phase in metadata: id, nl label, en label, an alias.
PHASE_NAMES = {
    "awareness": ("awareness", "Bewustwording", "Awareness", "ontdekken"),
    "consideration": ("consideration", "Overweging", "Consideration", "orientatie"),
    "decision": ("decision", "Besluitvorming", "Decision", "vergelijken"),
    "purchase": ("purchase", "Aankoop", "Purchase", "bestellen"),
    "experience": ("experience", "Gebruikservaring", "Experience", "gebruik"),
    "aftercare": ("aftercare", "Nazorg", "Aftercare", "klantenservice"),
}
TOUCHPOINTS = {
    "awareness": ("blog", "guide"),
    "consideration": ("service", "product", "guide"),
    "decision": ("review", "case", "pricing", "blog"),
    "purchase": ("booking", "quote", "pricing", "product"),
    "experience": ("guide", "faq", "blog"),
    "aftercare": ("service", "returns", "faq", "contact"),
}
CATEGORIES = (
    "Nieuws",
    "Onderhoud",
    "E-bikes",
    "Stadsfietsen",
    "Reviews",
    "Tips",
    "Werkplaats",
    "Verhalen",
)
PERSONAS = {
    "forens": {"label": "Forens", "description": "Fietst elke dag naar het werk."},
    "sporter": {"label": "Sporter", "description": "Traint op de racefiets."},
    "gezin": {"label": "Gezin", "description": "Bakfiets, kinderzitjes, boodschappen."},
}
TAGS = (
    "banden", "ketting", "remmen", "verlichting", "accu", "motor", "zadel",
    "stuur", "versnelling", "naaf", "spaken", "velg", "frame", "slot",
    "bagagedrager", "kinderzitje", "bakfiets", "racefiets", "mountainbike",
    "vouwfiets", "winter", "zomer", "vakantie", "woon-werk", "veiligheid",
    "garantie", "lease", "tweedehands", "inruil", "proefrit", "afstellen",
    "poetsen", "smeren", "pech", "verzekering", "diefstal", "onderdelen",
    "accessoires", "kleding", "duurzaamheid",
)  # fmt: skip
AUTHORS = ("Sanne de Vries", "Joost Bakker", "Fatima El Idrissi", "Pieter Jansen")

NL_WORDS = (
    "fiets", "band", "ketting", "rem", "accu", "werkplaats", "monteur", "klant",
    "onderhoud", "afspraak", "route", "stad", "regen", "winter", "zadel", "stuur",
    "lamp", "slot", "garantie", "prijs", "offerte", "ervaring", "advies", "tip",
    "wiel", "velg", "spaak", "naaf", "frame", "motor", "bereik", "lading",
    "versnelling", "trapondersteuning", "bakfiets", "kinderzitje", "proefrit",
    "service", "controle", "beurt", "reparatie", "onderdeel", "winkel",
    "snel", "veilig", "stevig", "licht", "zwaar", "betrouwbaar", "eerlijk",
    "duidelijk", "goed", "beter", "nieuw", "oud", "dagelijks", "elektrisch",
    "handig", "stil", "soepel", "droog", "nat", "lang", "kort", "vaak",
    "controleren", "vervangen", "smeren", "afstellen", "plakken", "rijden",
    "kiezen", "vergelijken", "bestellen", "ophalen", "brengen", "laden",
    "merken", "voelen", "helpen", "vragen", "zoeken", "vinden", "houden",
    "je", "we", "jouw", "onze", "de", "het", "een", "van", "voor", "met",
    "op", "in", "naar", "bij", "zonder", "tijdens", "na", "en", "of", "maar",
    "dus", "want", "als", "dan", "ook", "nog", "al", "niet", "wel", "meer",
)  # fmt: skip
EN_WORDS = (
    "bike", "tyre", "chain", "brake", "battery", "workshop", "mechanic",
    "customer", "service", "appointment", "route", "city", "rain", "winter",
    "saddle", "handlebar", "light", "lock", "warranty", "price", "quote",
    "experience", "advice", "tip", "wheel", "rim", "spoke", "hub", "frame",
    "motor", "range", "charge", "gear", "cargo", "seat", "test", "ride",
    "check", "repair", "part", "shop", "fast", "safe", "sturdy", "light",
    "heavy", "reliable", "fair", "clear", "good", "better", "new", "old",
    "daily", "electric", "handy", "quiet", "smooth", "dry", "wet", "long",
    "short", "often", "replace", "oil", "adjust", "patch", "choose",
    "compare", "order", "collect", "bring", "charge", "notice", "feel",
    "help", "ask", "find", "keep", "you", "we", "your", "our", "the", "a",
    "of", "for", "with", "on", "in", "to", "at", "without", "during",
    "after", "and", "or", "but", "so", "because", "if", "then", "also",
    "still", "already", "not", "more",
)  # fmt: skip
NL_HEADINGS = (
    "Waar let je op", "Zo pak je het aan", "Wat het kost", "Veelgestelde vragen",
    "Onze ervaring", "Stap voor stap", "Wanneer naar de werkplaats",
    "Wat klanten zeggen", "Handige tips", "Zelf doen of laten doen",
)  # fmt: skip
EN_HEADINGS = (
    "What to look for", "How to go about it", "What it costs",
    "Frequently asked questions", "Our experience", "Step by step",
    "When to visit the workshop", "What customers say", "Useful tips",
    "Do it yourself or let us",
)  # fmt: skip
NL_CTAS = (
    "Plan een onderhoudsbeurt", "Vraag een offerte aan", "Bekijk onze prijzen",
    "Maak een proefrit", "Lees de ervaringen van klanten", "Bel de werkplaats",
)  # fmt: skip
EN_CTAS = (
    "Book a service", "Ask for a quote", "See our prices", "Book a test ride",
    "Read what customers say", "Call the workshop",
)  # fmt: skip
GENERIC_CTAS = ("Lees meer", "Klik hier", "Meer info", "Read more")

IMAGES = ("werkplaats.png", "bakfiets.png", "ketting.png", "winkel.png")


@dataclass
class Doc:
    """One planned document."""

    number: int
    kind: str  # "article" or "page"
    slug: str
    path: str  # relative to content/, "/"-separated
    lang: str
    phases: tuple[str, ...]  # phase ids; () = untagged
    category: str | None = None
    status: str = "published"
    translation_of: Doc | None = None
    meta: dict[str, str] = field(default_factory=dict)


def _title(rng: random.Random, lang: str) -> str:
    words = NL_WORDS if lang == "nl" else EN_WORDS
    picked = [w for w in rng.sample(words, 12) if len(w) > 3][:4] or ["fiets"]
    return " ".join(picked).capitalize()


def plan(n: int, seed: int = 8) -> list[Doc]:
    """The documents of a site of ``n`` documents (translations included)."""
    rng = random.Random(seed)
    docs: list[Doc] = []
    # Fixed pages every journey site has; the contact page is the aftercare one.
    fixed = [
        ("contact", ("aftercare",), "contact"),
        ("offerte", ("purchase",), "quote"),
        ("prijzen", ("purchase", "decision"), "pricing"),
        ("reviews", ("decision",), "review"),
        ("veelgestelde-vragen", ("experience", "aftercare"), "faq"),
        ("over-ons", ("consideration",), None),
    ]
    for slug, phases, touchpoint in fixed[: max(1, min(len(fixed), n // 5))]:
        doc = Doc(len(docs), "page", slug, f"pages/{slug}.md", "nl", phases)
        if touchpoint:
            doc.meta["Touchpoint"] = touchpoint
        docs.append(doc)
    originals = n - max(1, n // 50)  # ~2% of the documents are translations
    while len(docs) < originals:
        number = len(docs)
        kind = "page" if rng.random() < 0.2 else "article"
        lang = "en" if rng.random() < 0.2 else "nl"
        slug = f"{'pagina' if kind == 'page' else 'artikel'}-{number:05d}"
        if rng.random() < 0.05:
            phases: tuple[str, ...] = ()
        elif rng.random() < 0.15:
            phases = tuple(rng.sample(PHASES, 2))
        else:
            phases = (PHASES[number % len(PHASES)],)
        if kind == "article":
            category = rng.choice(CATEGORIES)
            path = f"articles/{category.lower()}/{slug}.md"
        else:
            category, path = None, f"pages/{slug}.md"
        doc = Doc(number, kind, slug, path, lang, phases, category)
        roll = rng.random()
        if roll < 0.01:
            doc.status = "draft"
        elif roll < 0.015 and kind == "page":
            doc.status = "hidden"
        docs.append(doc)
    if docs and all(d.phases for d in docs):  # small sites: one untagged page too
        docs[-1].phases = ()
    candidates = [d for d in docs if d.lang == "nl" and d.status == "published"]
    for original in rng.sample(candidates, min(len(candidates), n - len(docs))):
        folder = original.path.rsplit("/", 1)[0]
        docs.append(
            Doc(
                len(docs),
                original.kind,
                original.slug,
                f"{folder}/{original.slug}-en.md",
                "en",
                original.phases if rng.random() < 0.5 else (),
                original.category,
                translation_of=original,
            )
        )
    return docs


def _sentence(rng: random.Random, words: tuple[str, ...]) -> str:
    text = " ".join(rng.choices(words, k=rng.randint(7, 18)))
    return text[0].upper() + text[1:] + rng.choice((".", ".", ".", "?", "!"))


def _link(doc: Doc, target: Doc, rng: random.Random) -> str:
    """A ``{filename}`` link to ``target`` as a writer would type it."""
    if rng.random() < 0.3 and "/" in doc.path:
        here = doc.path.split("/")[:-1]
        there = target.path.split("/")
        common = 0
        while common < min(len(here), len(there) - 1) and here[common] == there[common]:
            common += 1
        rel = "/".join([".."] * (len(here) - common) + there[common:])
        return "{filename}" + rel
    return "{filename}/" + target.path


def _body(doc: Doc, targets: list[Doc], rng: random.Random) -> str:
    words = NL_WORDS if doc.lang == "nl" else EN_WORDS
    headings = NL_HEADINGS if doc.lang == "nl" else EN_HEADINGS
    count = rng.randint(3, 6)
    picked = [
        t for t in rng.sample(targets, min(len(targets), count + 1)) if t is not doc
    ]
    links = [
        f"[{_title(rng, doc.lang).lower()}]({_link(doc, t, rng)})"
        for t in picked[:count]
    ]
    if rng.random() < 0.005:
        links.append("[oude pagina]({filename}/pages/bestaat-niet.md)")
    target_words = rng.randint(250, 600)
    blocks: list[str] = []
    count = 0

    def paragraph() -> str:
        nonlocal count
        sentences = [_sentence(rng, words) for _ in range(rng.randint(2, 5))]
        if links and rng.random() < 0.6:
            at = rng.randrange(len(sentences))
            sentences[at] = sentences[at][:-1] + ", zie " + links.pop() + "."
        text = " ".join(sentences)
        count += len(text.split())
        return text

    blocks.append(paragraph())
    for heading in rng.sample(headings, rng.randint(2, 4)):
        if count >= target_words:
            break
        blocks.append(f"## {heading}")
        blocks.append(paragraph())
        roll = rng.random()
        if roll < 0.35:
            items = [_sentence(rng, words) for _ in range(rng.randint(3, 6))]
            blocks.append("\n".join(f"- {item}" for item in items))
        elif roll < 0.55:
            items = [_sentence(rng, words) for _ in range(rng.randint(3, 5))]
            blocks.append("\n".join(f"{i}. {t}" for i, t in enumerate(items, 1)))
        elif roll < 0.65:
            blocks.append("> " + _sentence(rng, words))
        elif roll < 0.75:
            image = rng.choice(IMAGES)
            blocks.append(f"![{image[:-4]}]({{static}}/images/{image})")
        if rng.random() < 0.5:
            blocks.append(paragraph())
    while count < target_words:
        blocks.append(paragraph())
    if links:  # links not yet placed go in a closing list
        blocks.append("\n".join(f"- {link}" for link in links))
    if rng.random() < 0.1:
        blocks.append(
            "Meer op [de site van de fietsersbond](https://www.fietsersbond.nl/)."
        )
    return "\n\n".join(blocks)


def _contact_body(lang: str) -> str:
    return "\n\n".join(
        [
            (
                "Heb je een vraag over je fiets, een reparatie of je factuur? "
                "Wij helpen je graag, ook na de aankoop."
            ),
            "## Zo bereik je ons",
            (
                "- Telefoon: [020 123 45 67](tel:+31201234567)\n"
                "- E-mail: [service@despaak.nl](mailto:service@despaak.nl)\n"
                "- Werkplaats: Spaakstraat 12, Amsterdam"
            ),
            "## Openingstijden",
            "Maandag tot en met zaterdag van 9.00 tot 18.00 uur."
            if lang == "nl"
            else "Monday to Saturday, 9 am to 6 pm.",
        ]
    )


def _metadata(
    doc: Doc, later_than: dict[str, list[Doc]], rng: random.Random
) -> dict[str, str]:
    """Metadata; ``later_than[phase]``: published pages of later phases."""
    original = doc.translation_of
    meta: dict[str, str] = {"Title": _title(rng, doc.lang)}
    if doc.slug == "contact":
        meta["Title"] = "Contact en service"
    meta["Slug"] = doc.slug
    if doc.lang != "nl":
        meta["Lang"] = doc.lang
    if doc.kind == "article":
        year = 2019 + (doc.number % 6)
        meta["Date"] = (
            f"{year}-{1 + doc.number % 12:02d}-{1 + doc.number % 28:02d} 10:00"
        )
        meta["Category"] = doc.category or "Nieuws"
        meta["Tags"] = ", ".join(rng.sample(TAGS, rng.randint(2, 4)))
        meta["Author"] = rng.choice(AUTHORS)
    if doc.status != "published":
        meta["Status"] = doc.status
    if doc.phases:
        names = [rng.choice(PHASE_NAMES[p]) for p in doc.phases]
        names = [n.upper() if rng.random() < 0.05 else n for n in names]
        if rng.random() < 0.003:
            names = ["overwegign"]  # a typo: unknown-phase
        meta["Fase" if rng.random() < 0.3 else "Phase"] = ", ".join(names)
        if original is None and "Touchpoint" not in doc.meta and rng.random() < 0.6:
            meta["Touchpoint"] = rng.choice(TOUCHPOINTS[doc.phases[0]])
        if rng.random() < 0.3:
            meta["Persona"] = ", ".join(rng.sample(sorted(PERSONAS), rng.randint(1, 2)))
    meta.update(doc.meta)
    later = later_than[doc.phases[0]] if doc.phases else []
    roll = rng.random()
    if doc.phases and roll < 0.25 and later:
        target = rng.choice(later)
        labels = NL_CTAS if doc.lang == "nl" else EN_CTAS
        label = rng.choice(GENERIC_CTAS if rng.random() < 0.05 else labels)
        meta["CTA"] = f"{label} | {{filename}}/{target.path}"
    elif doc.phases and roll < 0.28:
        meta["CTA"] = "none"
    if doc.phases and rng.random() < 0.15 and later:
        targets = [
            "{filename}/" + d.path for d in rng.sample(later, min(3, len(later)))
        ]
        if rng.random() < 0.03:
            targets.append("{filename}/pages/verdwenen.md")  # broken-target
        meta["Next"] = ", ".join(targets)
    if rng.random() < 0.5:
        meta["Summary"] = _sentence(rng, NL_WORDS if doc.lang == "nl" else EN_WORDS)
    return meta


def _png(seed: int) -> bytes:
    """A tiny valid 8x8 PNG."""
    raw = b"".join(
        b"\x00" + bytes([(seed * 40 + x * 20) % 256] * 3) * 8 for x in range(8)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def site_settings(root: Path, *, plugin: bool) -> dict[str, Any]:
    """Pelican settings for the generated site, with the plugin on or off.

    On, every feature is on: content injection of CTA and next steps,
    personas, category mapping, a site-wide CTA, all reports and the journey
    map in the site too; ``JOURNEY_FAIL_ON = "never"`` so a build with
    findings completes. Caches are off so every build does the full work.
    """
    settings: dict[str, Any] = {
        "SITENAME": "Fietsmakerij De Spaak",
        "SITEURL": "https://www.despaak.example",
        "AUTHOR": AUTHORS[0],
        "PATH": str(root / "content"),
        "OUTPUT_PATH": str(root / "output"),
        "CACHE_PATH": str(root / "cache"),
        "TIMEZONE": "Europe/Amsterdam",
        "DEFAULT_LANG": "nl",
        "DEFAULT_PAGINATION": 10,
        "THEME": "simple",  # SPEC §9: the budget is measured with the simple theme
        "STATIC_PATHS": ["images"],
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        "DELETE_OUTPUT_DIRECTORY": False,
        "PLUGINS": [],  # None would load every installed namespace plugin
    }
    if plugin:
        settings.update(
            {
                "JOURNEY_LANG": "nl",
                "JOURNEY_INJECT": "content",
                "JOURNEY_FAIL_ON": "never",
                "JOURNEY_PERSONAS": PERSONAS,
                "JOURNEY_CATEGORY_PHASES": {"Tips": "experience"},
                "JOURNEY_CTAS": {
                    "purchase": {
                        "label": "Vraag een offerte aan",
                        "target": "{filename}/pages/offerte.md",
                    }
                },
                "JOURNEY_REPORT_PATH": str(root / "journey-report"),
                "JOURNEY_ANALYTICS": str(root / "analytics" / "access.log"),
                "JOURNEY_MAP_IN_SITE": True,
            }
        )
    return settings


LOG_AGENTS = (
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
        "Gecko) Chrome/126.0.0.0 Safari/537.36"
    ),
    (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
    ),
)
CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
ONWARD = (0.78, 0.72, 0.68, 0.7, 0.62)  # chance a visit goes on to the next phase


def url_of(doc: Doc) -> str:
    """The site-relative URL Pelican's default patterns give ``doc``.

    Content in another language than ``DEFAULT_LANG`` (nl) gets the
    ``*_LANG_URL`` pattern, ``{slug}-{lang}.html``, translation or not.
    """
    slug = doc.slug if doc.translation_of is None else doc.translation_of.slug
    name = f"{slug}.html" if doc.lang == "nl" else f"{slug}-{doc.lang}.html"
    return f"pages/{name}" if doc.kind == "page" else name


def access_log(docs: list[Doc], path: Path, seed: int = 8) -> int:
    """Write a month of visits to the site of ``docs``; return the line count.

    About 12 lines per document: visits that enter at an early phase and go on
    phase by phase (``ONWARD``), each page with its CSS and, sometimes, an
    image; the home page; a crawler; an old link that is now a 404. Client
    addresses are from private ranges (10.0.0.0/8): nobody real.
    """
    rng = random.Random(seed * 31 + len(docs))
    by_phase: list[list[str]] = [[] for _ in PHASES]
    for doc in docs:
        if doc.status == "published" and doc.phases:
            by_phase[PHASES.index(doc.phases[0])].append(url_of(doc))
    start = datetime(2026, 10, 1, tzinfo=UTC)
    lines: list[str] = []

    def hit(
        address: str, when: datetime, target: str, agent: str, status: int = 200
    ) -> None:
        stamp = when.strftime("%d/%b/%Y:%H:%M:%S +0000")
        lines.append(
            f'{address} - - [{stamp}] "GET {target} HTTP/1.1" {status} 5120 '
            f'"https://www.despaak.example/" "{agent}"\n'
        )

    visits = max(10, len(docs) * 2)
    for visit in range(visits):
        address = f"10.{visit >> 16 & 255}.{visit >> 8 & 255}.{visit & 255}"
        agent = LOG_AGENTS[visit % len(LOG_AGENTS)]
        when = start + timedelta(seconds=rng.randrange(30 * 86400))
        if rng.random() < 0.2:
            hit(address, when, "/", agent)
        phase = rng.choice((0, 0, 0, 1, 1, 2))
        while phase < len(PHASES):
            if by_phase[phase]:
                page = rng.choice(by_phase[phase])
                hit(address, when, f"/{page}", agent)
                hit(address, when, "/theme/css/main.css", agent)
                if rng.random() < 0.3:
                    hit(address, when, f"/images/{rng.choice(IMAGES)}", agent)
                when += timedelta(seconds=rng.randint(20, 300))
            if phase >= len(ONWARD) or rng.random() > ONWARD[phase]:
                break
            phase += 1
        if rng.random() < 0.05:
            hit(address, when, "/oude-pagina.html", agent, 404)
    for i in range(len(docs) // 5):  # a crawler walks the site
        when = start + timedelta(seconds=i * 97)
        page = by_phase[i % len(PHASES)] or ["index.html"]
        hit("10.255.0.1", when, f"/{page[i % len(page)]}", CRAWLER)
    lines.sort(
        key=lambda line: datetime.strptime(
            line.split("[", 1)[1][:20], "%d/%b/%Y:%H:%M:%S"
        )
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines)


_CONF = '''"""Settings of a generated benchmark site (benchmarks/generate.py)."""

from pathlib import Path

_ROOT = Path(__file__).resolve().parent
PLUGINS = ["journey"]
THEME = "simple"
{assignments}
'''


def generate(root: Path, n: int = 1000, seed: int = 8) -> list[Doc]:
    """Write the site of ``n`` documents to ``root`` (replacing its content)."""
    rng = random.Random(seed * 7919 + n)
    docs = plan(n, seed)
    content = root / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / "images").mkdir(parents=True)
    for i, image in enumerate(IMAGES):
        (content / "images" / image).write_bytes(_png(i))
    targets = [d for d in docs if d.status != "draft"]
    tagged = [d for d in targets if d.phases and d.translation_of is None]
    later_than = {
        phase: [d for d in tagged if PHASES.index(d.phases[0]) > i]
        for i, phase in enumerate(PHASES)
    }
    for doc in docs:
        meta = _metadata(doc, later_than, rng)
        if doc.slug == "contact":
            body = _contact_body(doc.lang)
        else:
            body = _body(doc, targets, rng)
        path = content / doc.path
        path.parent.mkdir(parents=True, exist_ok=True)
        head = "\n".join(f"{key}: {value}" for key, value in meta.items())
        path.write_text(f"{head}\n\n{body}\n", encoding="utf-8")
    access_log(docs, root / "analytics" / "access.log", seed)
    settings = site_settings(Path("<ROOT>"), plugin=True)
    lines = []
    for key, value in settings.items():
        if key == "PLUGINS":
            continue
        text = repr(value)
        if isinstance(value, str) and value.startswith("<ROOT>"):
            text = f"str(_ROOT / {value[len('<ROOT>/') :]!r})"
        lines.append(f"{key} = {text}")
    (root / "pelicanconf.py").write_text(
        _CONF.format(assignments="\n".join(lines)), encoding="utf-8"
    )
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, help="folder to write the site to")
    parser.add_argument("--n", type=int, default=1000, help="number of documents")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    docs = generate(args.dir, args.n, args.seed)
    print(f"wrote {len(docs)} documents to {args.dir / 'content'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
