"""Friction rules: where a visitor gives up (SPEC §5, JOURNEY-NOTES).

No-reply addresses, a contact page without times, no way to return or cancel,
no price, a forced account, long forms and third-party scripts (the cookie
question). The text rules read
:class:`~..site.text.PageText` (one parse per document, shared); word lists
come from ``data/<lang>.toml`` and each rule's options.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from jinja2 import TemplateError

from ..model.patterns import lazy_re
from ..site.text import Form, PageText, html_scripts
from . import Hit, Option, RuleContext, phase_names, rule
from ._phrases import Phrases
from .coverage import (
    _EMAIL_RE,
    _PHONE_MIN_DIGITS,
    _phone_like,
    _phone_re,
    has_digits,
)
from .graph import contact_pages
from .words import keep_pages, page_check, page_hits, page_text, quote, quotes, words

if TYPE_CHECKING:
    from ..model.phases import Phase
    from ..site.index import Document, SiteIndex

logger = logging.getLogger("pelican.plugins.journey")

# The phase where the customer buys, per built-in model; custom models use
# `purchase` when they have it, else the rules need their `phase` option.
PURCHASE_PHASES = {"six-phase": "purchase", "5k": "kopen", "see-think-do-care": "do"}
_PURCHASE_DOC = (
    "the phase where the customer buys (default: purchase; 5k: kopen; "
    "see-think-do-care: do; a custom model without purchase: skipped unless set)"
)


def purchase_phase(context: RuleContext) -> Phase | None:
    """The phase the purchase rules look at, if the model has one."""
    model = context.index.model
    chosen = context.options["phase"] or PURCHASE_PHASES.get(model.id, "purchase")
    return model.get(chosen)


def _titles(docs: list[Document]) -> str:
    return quotes((d.title or d.source for d in docs), limit=3)


def site_gap(
    context: RuleContext, phase: Phase, docs: list[Document], subject: str
) -> Hit | None:
    """The finding of a rule that no page of ``phase`` meets (None: skip).

    A phase without pages is left to ``phase-empty`` when that rule is on, so
    one gap is reported once.
    """
    if not docs and context.index.config.rules["phase-empty"].severity != "off":
        return None
    pages = _titles(docs)
    values = {
        "phase": phase_names(phase),
        "pages": {"nl": pages or "geen pagina's", "en": pages or "no pages"},
    }
    return Hit(subject, values, None, phase.id)


# --------------------------------------------------------------------------
# noreply-contact
# --------------------------------------------------------------------------


def _no_reply(address: str, local_parts: tuple[str, ...]) -> bool:
    local = address.split("@", 1)[0].casefold()
    squeezed = re.sub(r"[-_.+]", "", local)
    return any(squeezed.startswith(part) for part in local_parts)


@rule(
    "noreply-contact",
    summary="a no-reply address offered as a way to reach you",
    example={
        "source": "content/pages/contact.md",
        "address": '"noreply@fietsen.example"',
        "where": {"nl": "mailto-link", "en": "mailto link"},
    },
    severity="warning",
    messages={
        "nl": "{address} is een no-reply-adres ({where}): wie daarop antwoordt, "
        "bereikt niemand; geef een adres dat iemand leest",
        "en": "{address} is a no-reply address ({where}): whoever answers it "
        "reaches nobody; give an address someone reads",
    },
    doc=(
        "No-reply mails are one of the ways a journey fails: a customer who\n"
        "answers one reaches nobody. The rule reports a no-reply address offered on a\n"
        "page, as a `mailto:` link or as an address in the text: its local part\n"
        "(before the @, ignoring `-`, `_`, `.`) starts with noreply, no-reply,\n"
        "donotreply, do-not-reply, geen-antwoord, niet-beantwoorden and the like. The\n"
        'word on its own in running text ("we never mail from a noreply address") is\n'
        "not an address and does not count; neither does an address in code."
    ),
    options={
        "addresses": Option(
            (),
            "words",
            "extra local parts (before the @) that nobody reads, e.g. 'system'",
        )
    },
)
def noreply_contact(context: RuleContext) -> Iterator[Hit]:
    return iter(page_hits(context, "noreply-contact"))


@functools.lru_cache(maxsize=8)
def _local_parts(extra: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(
        re.sub(r"[-_.+]", "", p.casefold())
        for p in (*words("noreply-contact", "addresses"), *extra)
        if p.strip()
    )


@page_check("noreply-contact")
def _noreply_page(page: PageText, doc: Document, context: RuleContext) -> Iterable[Hit]:
    if "@" not in page.text and not page.mailto:
        return ()  # most pages: no generator made
    return _noreply_hits(page, doc, context)


def _noreply_hits(page: PageText, doc: Document, context: RuleContext) -> Iterator[Hit]:
    parts = _local_parts(tuple(context.options["addresses"]))
    found: dict[str, dict[str, str]] = {}
    for address in page.mailto:
        if _no_reply(address, parts):
            found.setdefault(
                address.casefold(), {"nl": "mailto-link", "en": "mailto link"}
            )
    for match in _EMAIL_RE.finditer(page.text):
        if _no_reply(match.group(), parts):
            found.setdefault(
                match.group().casefold(), {"nl": "in de tekst", "en": "in the text"}
            )
    for address, where in found.items():
        yield Hit(address, {"address": quote(address), "where": where}, doc)


# --------------------------------------------------------------------------
# reachability
# --------------------------------------------------------------------------

_TIME = r"\d{1,2}(?:[.:]\d{2})?"
_UNIT = r"(?:uur|u|h|hrs|am|pm|a\.m\.|p\.m\.)"
_RANGE = r"(?:-|\u2013|\u2014|tot|to|until|till|t/m)"
# "9.00-17.30", "8:30 tot 18:00", "9 tot 17 uur", "9am to 5pm", "10-16h".
_HOURS_RE = re.compile(
    rf"(?<![\d.,:€$£])(?:\d{{1,2}}[.:]\d{{2}}\s*{_UNIT}?\s*{_RANGE}\s*"
    rf"\d{{1,2}}[.:]\d{{2}}|{_TIME}\s*{_UNIT}?\s*{_RANGE}\s*{_TIME}\s*{_UNIT}"
    rf"(?!\w))(?![\d])",
    re.I,
)
# A bare range such as "9-17" counts after a weekday: "ma-vr 9-17", "Sat 10-4".
_bare_range_re = lazy_re(r"(?<![\d.,:€$£])\d{1,2}\s*[-\u2013]\s*\d{1,2}(?![\d.,])")
_weekday_re = lazy_re(
    r"(?<!\w)(?:ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|"
    r"zaterdag|zondag|werkdagen|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekdays)\.?(?!\w)",
    re.I,
)


def says_when(page: PageText, extra: tuple[str, ...]) -> bool:
    """Whether the text says when a person can be reached."""
    if has_digits(page.text, 2):  # both patterns need two digits
        if _HOURS_RE.search(page.text):
            return True
        for match in _bare_range_re().finditer(page.text):
            before = page.text[max(0, match.start() - 40) : match.start()]
            if _weekday_re().search(before):
                return True
    return next(_when_phrases(extra).finditer(page), None) is not None


@functools.lru_cache(maxsize=8)
def _when_phrases(extra: tuple[str, ...]) -> Phrases:
    return Phrases((*words("reachability", "words"), *extra))


def contact_detail(page: PageText) -> str | None:
    """The first phone number or e-mail address a page shows, if any."""
    if page.mailto:
        return page.mailto[0]
    if has_digits(page.text, _PHONE_MIN_DIGITS):
        for match in _phone_re().finditer(page.text):
            if _phone_like(match.group().strip()):
                return match.group().strip()
    email = _EMAIL_RE.search(page.text) if "@" in page.text else None
    return email.group() if email else None


@rule(
    "reachability",
    summary="a contact page that does not say when someone answers",
    example={"source": "content/pages/contact.md", "found": '"010-1234567"'},
    severity="warning",
    messages={
        "nl": "de contactpagina geeft {found} maar zegt niet wanneer iemand "
        "opneemt of antwoordt: zet er openingstijden of beltijden bij "
        "(bijv. 'ma t/m vr 9.00-17.30 uur')",
        "en": "the contact page gives {found} but does not say when someone "
        "answers: add opening hours or times by phone (e.g. 'Mon-Fri "
        "9.00-17.30')",
    },
    doc=(
        '"Phones nobody answers after hours" is on the list of what makes\n'
        "journeys fail; a site should always show a way to reach a person, and when.\n"
        "The aftercare contact page (final phase and `Touchpoint: contact`, else the\n"
        "final-phase pages that show contact details, as `contact-depth` finds it)\n"
        "and each of its published translations must say when a person can be\n"
        "reached: times such as `9.00-17.30`, `8:30 tot 18:00`, `9 tot 17 uur`,\n"
        "`9am to 5pm`, a range after a weekday (`ma-vr 9-17`, `Sat 10-4`), or words\n"
        "such as openingstijden, kantooruren, bereikbaar van, telefonisch bereikbaar,\n"
        "24/7, opening hours, office hours, around the clock. Phone numbers, prices,\n"
        'house numbers and "1-2 werkdagen" are not times. The finding quotes the\n'
        "contact detail the page gives."
    ),
    options={
        "phase": Option(
            None,
            "phase",
            "the phase of the contact page (default: the model's final phase)",
        ),
        "words": Option(
            (), "words", "extra words that say when someone can be reached"
        ),
    },
)
def reachability(context: RuleContext) -> Iterator[Hit]:
    phase = _reachability_phase(context)
    extra = tuple(context.options["words"])
    for doc in _reachability_docs(context):
        # A few pages: the page pass keeps their text (else read here).
        page = page_text(context, doc)
        if says_when(page, extra):
            continue
        found = contact_detail(page)
        values = {
            "found": quote(found)
            if found
            else {"nl": "contactgegevens", "en": "contact details"}
        }
        yield Hit("no-hours", values, doc, phase.id)


def _reachability_phase(context: RuleContext) -> Phase:
    model = context.index.model
    return model.get(context.options["phase"] or model.final.id) or model.final


@keep_pages("reachability")
def _reachability_docs(context: RuleContext) -> list[Document]:
    """The published contact pages (translations too) ``reachability`` reads."""
    index = context.index
    phase = _reachability_phase(context)
    if phase.id == index.model.final.id:
        pages = contact_pages(index)
    else:
        pages = [d for d in index.in_phase(phase.id) if d.tags.touchpoint == "contact"]
    return [
        doc
        for page_doc in pages
        for doc in (page_doc, *page_doc.translations)
        if doc.status == "published"
    ]


# --------------------------------------------------------------------------
# return-terms, price-clarity
# --------------------------------------------------------------------------


@rule(
    "return-terms",
    summary="no purchase page says how to return, cancel or withdraw",
    example={
        "phase": {"nl": "'Aankoop' (purchase)", "en": "'Purchase' (purchase)"},
        "pages": '"Bestellen"',
    },
    severity="warning",
    messages={
        "nl": "geen pagina in fase {phase} zegt hoe een klant kan retourneren, "
        "annuleren of herroepen (bekeken: {pages}): zet je voorwaarden op de "
        "pagina waar de klant koopt of boekt",
        "en": "no page in phase {phase} says how a customer can return, cancel "
        "or withdraw (looked at: {pages}): put your terms on the page where "
        "the customer buys or books",
    },
    doc=(
        '"No way to cancel or return" leaves the customer not knowing how the\n'
        "journey ends, and a return option is part of a pleasant purchase. Met when\n"
        "at "
        "least one published page of the purchase phase mentions returning,\n"
        "cancelling or withdrawing: retour…, terugsturen, terugbrengen, ruilen,\n"
        "annuleren, annulering, herroep…, bedenktijd, geld terug, return…, refund…,\n"
        "cancel…, withdraw…, money back. One finding for the site, naming the pages\n"
        "it "
        "looked at."
    ),
    options={
        "phase": Option(None, "phase", _PURCHASE_DOC),
        "words": Option(
            (),
            "words",
            "extra words (or word beginnings) that name return or cancel terms",
        ),
    },
)
def return_terms(context: RuleContext) -> Iterator[Hit]:
    phase = purchase_phase(context)
    if phase is None:
        return
    docs = context.index.in_phase(phase.id)
    if _any_fact(context, "return-terms", docs):
        return
    hit = site_gap(context, phase, docs, "no-terms")
    if hit is not None:
        yield hit


def _in_purchase(doc: Document, context: RuleContext) -> bool:
    """Whether a page is of the purchase phase (cheap: once per page)."""
    phases = doc.phases
    if not phases:
        return False
    chosen = context.prepared("chosen", lambda: _chosen_purchase(context))
    # Most pages have one phase: no generator for them.
    if phases[0].id == chosen:
        return True
    return len(phases) > 1 and any(p.id == chosen for p in phases[1:])


def _chosen_purchase(context: RuleContext) -> str:
    """The id the purchase rules' ``phase`` option names (or the default)."""
    chosen: str = context.options["phase"] or PURCHASE_PHASES.get(
        context.index.model.id, "purchase"
    )
    return chosen


def _any_fact(context: RuleContext, rule_id: str, docs: list[Document]) -> bool:
    """Whether the page check of ``rule_id`` noted one of ``docs``."""
    noted = {id(hit.document) for hit in page_hits(context, rule_id)}
    return any(id(doc) in noted for doc in docs)


@page_check("return-terms")
def _terms_page(page: PageText, doc: Document, context: RuleContext) -> Iterable[Hit]:
    """A fact, not a finding: this purchase page names return terms."""
    if _in_purchase(doc, context):
        terms = context.prepared(
            "words",
            lambda: Phrases(
                (*words("return-terms", "words"), *context.options["words"]),
                prefix=True,
            ),
        )
        if next(terms.finditer(page), None):
            return (Hit("terms", {}, doc),)
    return ()


@functools.lru_cache(maxsize=8)
def _amount_re(currencies: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(
        re.escape(c) + (r"(?!\w)" if c[-1:].isalnum() else "")
        for c in sorted({c.casefold() for c in currencies if c.strip()}, key=len)[::-1]
    )
    number = r"\d+(?:[.,]\d+)*(?:[.,]-)?"
    return re.compile(
        rf"(?<!\w)(?:(?:{names})\s*{number}|{number}\s*(?:{names}))", re.I
    )


@rule(
    "price-clarity",
    summary="no purchase page shows a price",
    example={
        "phase": {"nl": "'Aankoop' (purchase)", "en": "'Purchase' (purchase)"},
        "pages": '"Bestellen"',
    },
    severity="warning",
    messages={
        "nl": "geen pagina in fase {phase} noemt een prijs (bekeken: {pages}): "
        "zet eerlijke, complete prijzen waar de klant koopt, of een pagina met "
        "Touchpoint: pricing",
        "en": "no page in phase {phase} shows a price (looked at: {pages}): show "
        "fair, complete prices where the customer buys, or a page with "
        "Touchpoint: pricing",
    },
    doc=(
        "Fair and clear prices make the purchase pleasant; a customer who\n"
        "cannot find what it costs goes to ask elsewhere. Met when a published page\n"
        "of "
        "the purchase phase has `Touchpoint: pricing` or shows an amount with a\n"
        "currency: `€ 49`, `€49,-`, `49 EUR`, `12,50 euro`."
    ),
    options={
        "phase": Option(None, "phase", _PURCHASE_DOC),
        "currencies": Option(
            ("€", "EUR", "euro"),
            "words",
            "currency symbols and words an amount is written with",
        ),
    },
)
def price_clarity(context: RuleContext) -> Iterator[Hit]:
    phase = purchase_phase(context)
    if phase is None:
        return
    docs = context.index.in_phase(phase.id)
    if any(d.tags.touchpoint == "pricing" for d in docs):
        return
    if _any_fact(context, "price-clarity", docs):
        return
    hit = site_gap(context, phase, docs, "no-price")
    if hit is not None:
        yield hit


def _price_moot(context: RuleContext) -> bool:
    """Whether price-clarity never looks at the pages' amounts in this build.

    It does not when the model has no purchase phase, or a page of it is a
    pricing page (see :func:`price_clarity`).
    """
    phase = purchase_phase(context)
    return phase is None or any(
        d.tags.touchpoint == "pricing" for d in context.index.in_phase(phase.id)
    )


@page_check("price-clarity")
def _price_page(page: PageText, doc: Document, context: RuleContext) -> Iterable[Hit]:
    """A fact, not a finding: this purchase page shows an amount."""
    if not _in_purchase(doc, context):
        return ()
    if context.prepared("moot", lambda: _price_moot(context)):
        return ()
    if not has_digits(page.text):
        return ()  # an amount has a digit
    currencies = tuple(context.options["currencies"])
    if _amount_re(currencies).search(page.text):
        return (Hit("price", {}, doc),)
    return ()


# --------------------------------------------------------------------------
# forced-account
# --------------------------------------------------------------------------

_clause_end_re = lazy_re(r"[.!?;:\n]")


def _negated(folded: str, start: int, negations: frozenset[str]) -> bool:
    """Whether a negation precedes ``start`` in its clause (up to six words)."""
    clause = _clause_end_re().split(folded[max(0, start - 80) : start])[-1]
    tokens = [t.strip(",()\"'\u201c\u201d\u2018\u2019") for t in clause.split()[-6:]]
    return any(t in negations for t in tokens)


@functools.cache
def _negations() -> frozenset[str]:
    return frozenset(words("forced-account", "negations"))


@rule(
    "forced-account",
    summary="a purchase page that demands an account before buying",
    example={
        "source": "content/pages/bestellen.md",
        "found": '"account aanmaken verplicht"',
    },
    severity="warning",
    messages={
        "nl": "maakt een account een voorwaarde om te kopen: {found}; laat "
        "klanten ook als gast bestellen of boeken",
        "en": "makes an account a condition of buying: {found}; let customers "
        "order or book as a guest",
    },
    doc=(
        "An account demanded before you may buy is one of the places where\n"
        "a visitor gives up. The pages of the purchase phase are checked for phrases\n"
        'such as "account aanmaken verplicht", "eerst inloggen", "log eerst in",\n'
        '"inloggen om te bestellen", "registratie verplicht", "log in to order",\n'
        '"account required", "must create an account". A phrase with a negation\n'
        'before it in the same clause does not count: "je hoeft geen account aan te\n'
        'maken", "no account required", "bestellen kan zonder eerst in te loggen".'
    ),
    options={
        "phase": Option(None, "phase", _PURCHASE_DOC),
        "phrases": Option((), "words", "extra phrases that demand an account"),
    },
)
def forced_account(context: RuleContext) -> Iterator[Hit]:
    return iter(page_hits(context, "forced-account"))


@page_check("forced-account")
def _account_page(page: PageText, doc: Document, context: RuleContext) -> Iterable[Hit]:
    if _in_purchase(doc, context) and (
        phase := context.prepared("phase", lambda: purchase_phase(context))
    ):
        phrases = context.prepared(
            "phrases",
            lambda: Phrases(
                (*words("forced-account", "phrases"), *context.options["phrases"])
            ),
        )
        negations = _negations()
        found = [
            m.group()
            for m in phrases.finditer(page)
            if not _negated(m.string, m.start(), negations)
        ]
        if found:
            return (Hit("account", {"found": quotes(found)}, doc, phase.id),)
    return ()


# --------------------------------------------------------------------------
# long-form
# --------------------------------------------------------------------------


@rule(
    "long-form",
    summary="a form with more than 6 fields to fill in",
    example={
        "source": "content/pages/offerte.md",
        "action": " (/offerte)",
        "count": 8,
        "max": 6,
        "fields": '"Naam", "E-mail", "Telefoon" (+5)',
    },
    severity="warning",
    messages={
        "nl": "formulier{action} vraagt {count} velden (meer dan {max}): "
        "{fields}; vraag alleen wat je nodig hebt om te helpen",
        "en": "form{action} asks for {count} fields (more than {max}): "
        "{fields}; ask only what you need to help",
    },
    doc=(
        "A form that asks for everything is where the visitor stops. The rule\n"
        "counts the fields a visitor fills in of each `<form>` in the content:\n"
        "`input`, `select` and `textarea`, but not hidden inputs, buttons, disabled\n"
        "fields or fields hidden from view (honeypots with `hidden`, `aria-hidden` or\n"
        "`display: none`); a group of radio buttons or check boxes with one name is\n"
        "one question. The finding names the first fields by their label. A form of\n"
        "the theme is the theme's business."
    ),
    options={
        "max": Option(6, "int", "the most fields a form may ask for", minimum=1),
    },
)
def long_form(context: RuleContext) -> Iterator[Hit]:
    return iter(page_hits(context, "long-form"))


@page_check("long-form")
def _form_page(page: PageText, doc: Document, context: RuleContext) -> Iterable[Hit]:
    if not page.forms:
        return ()  # most pages: no generator made
    return _form_hits(page, doc, context)


def _form_hits(page: PageText, doc: Document, context: RuleContext) -> Iterator[Hit]:
    most = context.options["max"]
    forms: tuple[Form, ...] = page.forms
    for number, form in enumerate(forms, 1):
        if len(form.fields) <= most:
            continue
        action = f" ({form.action})" if form.action else ""
        values = {
            "action": action,
            "count": len(form.fields),
            "max": most,
            "fields": quotes(form.fields),
        }
        yield Hit(f"form-{number}", values, doc)


# --------------------------------------------------------------------------
# tracking-scripts
# --------------------------------------------------------------------------


def _host(url: str) -> str | None:
    """The host of an absolute or protocol-relative URL, else None (local)."""
    url = url.strip()
    if url.startswith("//"):
        url = "http:" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts.hostname.casefold()


def _same_site(host: str, own: str | None, allowed: tuple[str, ...]) -> bool:
    def under(domain: str) -> bool:
        domain = domain.casefold().strip().removeprefix("www.")
        bare = host.removeprefix("www.")
        return bool(domain) and (bare == domain or bare.endswith("." + domain))

    return (own is not None and under(own)) or any(under(a) for a in allowed)


def _foreign_hosts(
    scripts: tuple[str, ...], own: str | None, allowed: tuple[str, ...]
) -> list[str]:
    hosts = (_host(src) for src in scripts)
    return list(
        dict.fromkeys(h for h in hosts if h and not _same_site(h, own, allowed))
    )


def theme_scripts(index: SiteIndex) -> tuple[str, str] | None:
    """(template name, HTML) of the theme's base, rendered once.

    ``None`` when the theme cannot be rendered outside a page (then the theme
    is not judged: a rule that guesses cries wolf).
    """
    env = index.theme.env
    if env is None:
        return None
    for name in ("base.html", "index.html"):
        try:
            template = env.get_template(name)
        except TemplateError:
            continue
        try:
            html = template.render(dict(index.context))
        except Exception as error:  # noqa: BLE001 - any theme, any failure
            logger.debug("pelican-journey: cannot render %s: %s", name, error)
            return None
        return name, html
    return None


@page_check("tracking-scripts")
def _scripts_page(page: PageText, doc: Document, context: RuleContext) -> Iterable[Hit]:
    if page.scripts:
        own = _host(str(context.index.context.get("SITEURL") or ""))
        hosts = _foreign_hosts(page.scripts, own, tuple(context.options["allow"]))
        if hosts:
            values = {
                "where": {"nl": "de pagina", "en": "the page"},
                "domains": ", ".join(hosts),
            }
            return (Hit("content", values, doc),)
    return ()


@rule(
    "tracking-scripts",
    summary="scripts from other domains in the content or the theme "
    "(the cookie question)",
    example={
        "source": "content/pages/winkel.md",
        "where": {"nl": "de pagina", "en": "the page"},
        "domains": "www.googletagmanager.com, connect.facebook.net",
    },
    severity="warning",
    messages={
        "nl": "{where} laadt scripts van andere domeinen: {domains}; bezoekers "
        "krijgen dan eerst een cookievraag: meet bezoek zonder cookies, "
        "bijvoorbeeld uit het toegangslog van je webserver (JOURNEY_ANALYTICS)",
        "en": "{where} loads scripts from other domains: {domains}; visitors "
        "then get a cookie question first: count visits without cookies, "
        "for example from your web server's access log (JOURNEY_ANALYTICS)",
    },
    doc=(
        "Third-party scripts (statistics, ads, chat widgets, social buttons)\n"
        "bring the cookie question before anything else: the visitor who came to read\n"
        "meets a wall first. The rule names the domains of `<script src>` and of URLs\n"
        "in inline scripts that are not the site's own (the host of `SITEURL` and its\n"
        "subdomains; relative URLs are local) in each page's content, and in the\n"
        "theme's `base.html`, rendered once per build with the site's settings: so a\n"
        "theme's statistics snippet counts only when its setting is on (with the\n"
        "PyPI theme `reflex`, `GOOGLE_ANALYTICS` or `USE_LESS` makes it fire, its\n"
        "JSON-LD data does not). Visits can be counted without any script or cookie\n"
        "from the web server's own access log: see `JOURNEY_ANALYTICS`."
    ),
    options={
        "allow": Option(
            (), "words", "domains whose scripts are accepted (subdomains too)"
        ),
        "theme": Option(True, "bool", "also check the theme's base template"),
    },
)
def tracking_scripts(context: RuleContext) -> Iterator[Hit]:
    yield from page_hits(context, "tracking-scripts")
    index = context.index
    own = _host(str(index.context.get("SITEURL") or ""))
    allowed = tuple(context.options["allow"])
    if not context.options["theme"]:
        return
    rendered = theme_scripts(index)
    if rendered is None:
        return
    name, html = rendered
    hosts = _foreign_hosts(html_scripts(html), own, allowed)
    if hosts:
        where = {
            "nl": f"het thema ({name}, op elke pagina)",
            "en": f"the theme ({name}, on every page)",
        }
        yield Hit("theme", {"where": where, "domains": ", ".join(hosts)}, None)
