"""Friction rules: where a visitor gives up (SPEC §5, JOURNEY-NOTES).

No-reply addresses, a contact page without times, no way to return or cancel,
no price, a forced account, long forms and third-party scripts (the cookie
question). The text rules read
:class:`~..site.text.PageText` (one parse per document, shared); word lists
come from ``data/<lang>.toml`` and each rule's options.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from jinja2 import TemplateError

from ..site.text import Form, PageText, extract
from . import Hit, Option, RuleContext, rule
from .coverage import _EMAIL_RE, _PHONE_RE, _phone_like
from .graph import contact_pages
from .words import find_phrases, quote, quotes, readable, words

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


def phase_names(phase: Phase) -> dict[str, str]:
    return {lang: f"'{phase.label(lang)}' ({phase.id})" for lang in ("nl", "en")}


def purchase_phase(context: RuleContext) -> Phase | None:
    """The phase the purchase rules look at, if the model has one."""
    model = context.index.model
    chosen = context.options["phase"] or PURCHASE_PHASES.get(model.id, "purchase")
    return model.get(chosen)


def _titles(docs: list[Document]) -> str:
    return quotes((d.title or d.source for d in docs), limit=3)


def site_gap(
    context: RuleContext, phase: Phase, docs: list[Document], rule_id: str
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
    return Hit(rule_id, values, None, phase.id)


def _readable_in_phase(index: SiteIndex, phase: Phase) -> Iterator[Document]:
    """Pages of the phase a visitor can read, translations included."""
    for doc in readable(index):
        if any(p.id == phase.id for p in doc.phases):
            yield doc


# --------------------------------------------------------------------------
# noreply-contact
# --------------------------------------------------------------------------


def _no_reply(address: str, local_parts: tuple[str, ...]) -> bool:
    local = address.split("@", 1)[0].casefold()
    squeezed = re.sub(r"[-_.+]", "", local)
    return any(squeezed.startswith(part) for part in local_parts)


@rule(
    "noreply-contact",
    severity="warning",
    messages={
        "nl": "{address} is een no-reply-adres ({where}): wie daarop antwoordt, "
        "bereikt niemand; geef een adres dat iemand leest",
        "en": "{address} is a no-reply address ({where}): whoever answers it "
        "reaches nobody; give an address someone reads",
    },
    doc="A no-reply address offered as a way to reach the business (a "
    "`mailto:` link or an address in the text) sends the customer's question "
    "into a void: no-reply mails are one of the ways journeys fail. An "
    "address counts when its local part (before the @, ignoring `-`, `_`, "
    "`.`) starts with a word of the list: noreply, no-reply, donotreply, "
    "do-not-reply, geen-antwoord, niet-beantwoorden …. The word on its own in "
    "running text ('we never send from a noreply address') is not an "
    "address and does not count; neither does text in code or quotes.\n\n"
    "Example (nl): `[noreply-contact] content/pages/contact.md: "
    '"noreply@winkel.nl" is een no-reply-adres (mailto-link): wie daarop '
    "antwoordt, bereikt niemand; geef een adres dat iemand leest`\n\n"
    "Example (en): `[noreply-contact] content/pages/contact.md: "
    '"noreply@winkel.nl" is a no-reply address (mailto link): whoever '
    "answers it reaches nobody; give an address someone reads`",
    options={
        "addresses": Option(
            (),
            "words",
            "extra local parts (before the @) that nobody reads, e.g. 'system'",
        )
    },
)
def noreply_contact(context: RuleContext) -> Iterator[Hit]:
    parts = tuple(
        re.sub(r"[-_.+]", "", p.casefold())
        for p in (*words("noreply-contact", "addresses"), *context.options["addresses"])
        if p.strip()
    )
    texts = context.index.texts
    for doc in readable(context.index):
        page = texts.of(doc)
        if "@" not in page.text and not page.mailto:
            continue
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
_BARE_RANGE_RE = re.compile(r"(?<![\d.,:€$£])\d{1,2}\s*[-\u2013]\s*\d{1,2}(?![\d.,])")
_WEEKDAY_RE = re.compile(
    r"(?<!\w)(?:ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|"
    r"zaterdag|zondag|werkdagen|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekdays)\.?(?!\w)",
    re.I,
)


def says_when(page: PageText, extra: tuple[str, ...]) -> bool:
    """Whether the text says when a person can be reached."""
    if _HOURS_RE.search(page.text):
        return True
    for match in _BARE_RANGE_RE.finditer(page.text):
        before = page.text[max(0, match.start() - 40) : match.start()]
        if _WEEKDAY_RE.search(before):
            return True
    phrases = (*words("reachability", "words"), *extra)
    return next(find_phrases(page, phrases), None) is not None


def contact_detail(page: PageText) -> str | None:
    """The first phone number or e-mail address a page shows, if any."""
    if page.mailto:
        return page.mailto[0]
    for match in _PHONE_RE.finditer(page.text):
        if _phone_like(match.group().strip()):
            return match.group().strip()
    match = _EMAIL_RE.search(page.text)
    return match.group() if match else None


@rule(
    "reachability",
    severity="warning",
    messages={
        "nl": "de contactpagina geeft {found} maar zegt niet wanneer iemand "
        "opneemt of antwoordt: zet er openingstijden of beltijden bij "
        "(bijv. 'ma t/m vr 9.00-17.30 uur')",
        "en": "the contact page gives {found} but does not say when someone "
        "answers: add opening hours or times by phone (e.g. 'Mon-Fri "
        "9.00-17.30')",
    },
    doc="A phone nobody answers after hours, without saying when it is "
    "answered, is one of the places where a customer gives up. The aftercare "
    "contact page (final phase, touchpoint `contact`, else the final-phase "
    "pages that show contact details) and its translations must say when a "
    "person can be reached: times such as `9.00-17.30`, `8:30 tot 18:00`, "
    "`9 tot 17 uur`, `9am to 5pm`, a range after a weekday (`ma-vr 9-17`), or "
    "words such as openingstijden, kantooruren, bereikbaar van, 24/7, opening "
    "hours, office hours.\n\n"
    "Example (nl): `[reachability] content/pages/contact.md: de contactpagina "
    'geeft "020 123 45 67" maar zegt niet wanneer iemand opneemt of '
    "antwoordt: zet er openingstijden of beltijden bij (bijv. 'ma t/m vr "
    "9.00-17.30 uur')`\n\n"
    "Example (en): `[reachability] content/pages/contact.md: the contact page "
    'gives "020 123 45 67" but does not say when someone answers: add '
    "opening hours or times by phone (e.g. 'Mon-Fri 9.00-17.30')`",
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
    index = context.index
    model = index.model
    phase = model.get(context.options["phase"] or model.final.id) or model.final
    if phase.id == model.final.id:
        pages = contact_pages(index)
    else:
        pages = [d for d in index.in_phase(phase.id) if d.tags.touchpoint == "contact"]
    extra = tuple(context.options["words"])
    for page_doc in pages:
        for doc in (page_doc, *page_doc.translations):
            if doc.status != "published":
                continue
            page = index.texts.of(doc)
            if says_when(page, extra):
                continue
            found = contact_detail(page)
            values = {
                "found": quote(found)
                if found
                else {"nl": "contactgegevens", "en": "contact details"}
            }
            yield Hit("no-hours", values, doc, phase.id)


# --------------------------------------------------------------------------
# return-terms, price-clarity
# --------------------------------------------------------------------------


@rule(
    "return-terms",
    severity="warning",
    messages={
        "nl": "geen pagina in fase {phase} zegt hoe een klant kan retourneren, "
        "annuleren of herroepen (bekeken: {pages}): zet je voorwaarden op de "
        "pagina waar de klant koopt of boekt",
        "en": "no page in phase {phase} says how a customer can return, cancel "
        "or withdraw (looked at: {pages}): put your terms on the page where "
        "the customer buys or books",
    },
    doc="No way to cancel or return sends the customer off without knowing "
    "how the journey ends; a return option is part of making the purchase "
    "pleasant. Met when at least one published page of the purchase phase "
    "mentions returning, cancelling or withdrawing (retour…, terugsturen, "
    "annuleren, herroep…, bedenktijd, return, refund, cancel…, withdraw…). "
    "A purchase phase with no page at all is left to `phase-empty` when that "
    "rule is on.\n\n"
    "Example (nl): `[return-terms] geen pagina in fase 'Aankoop' (purchase) "
    'zegt hoe een klant kan retourneren, annuleren of herroepen (bekeken: "Prijzen"): '
    "zet je voorwaarden op de pagina waar de klant koopt of boekt`\n\n"
    "Example (en): `[return-terms] no page in phase 'Purchase' (purchase) says "
    'how a customer can return, cancel or withdraw (looked at: "Prices"): put '
    "your terms on the page where the customer buys or books`",
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
    index = context.index
    docs = index.in_phase(phase.id)
    phrases = (*words("return-terms", "words"), *context.options["words"])
    for doc in docs:
        if next(find_phrases(index.texts.of(doc), phrases, prefix=True), None):
            return
    hit = site_gap(context, phase, docs, "no-terms")
    if hit is not None:
        yield hit


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
    severity="warning",
    messages={
        "nl": "geen pagina in fase {phase} noemt een prijs (bekeken: {pages}): "
        "zet eerlijke, complete prijzen waar de klant koopt, of een pagina met "
        "Touchpoint: pricing",
        "en": "no page in phase {phase} shows a price (looked at: {pages}): show "
        "fair, complete prices where the customer buys, or a page with "
        "Touchpoint: pricing",
    },
    doc="Fair and clear prices make the purchase pleasant; a customer who "
    "cannot find what it costs leaves to ask elsewhere. Met when a published "
    "page of the purchase phase has `Touchpoint: pricing` or shows an amount "
    "with a currency (`€ 49`, `49 EUR`, `€49,-`, `12,50 euro`).\n\n"
    "Example (nl): `[price-clarity] geen pagina in fase 'Aankoop' (purchase) "
    'noemt een prijs (bekeken: "Bestellen"): zet eerlijke, complete prijzen '
    "waar de klant koopt, of een pagina met Touchpoint: pricing`\n\n"
    "Example (en): `[price-clarity] no page in phase 'Purchase' (purchase) "
    'shows a price (looked at: "Order"): show fair, complete prices where '
    "the customer buys, or a page with Touchpoint: pricing`",
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
    index = context.index
    docs = index.in_phase(phase.id)
    if any(d.tags.touchpoint == "pricing" for d in docs):
        return
    amount = _amount_re(tuple(context.options["currencies"]))
    if any(amount.search(index.texts.of(d).text) for d in docs):
        return
    hit = site_gap(context, phase, docs, "no-price")
    if hit is not None:
        yield hit


# --------------------------------------------------------------------------
# forced-account
# --------------------------------------------------------------------------

_CLAUSE_END_RE = re.compile(r"[.!?;:\n]")


def _negated(folded: str, start: int, negations: frozenset[str]) -> bool:
    """Whether a negation precedes ``start`` in its clause (up to six words)."""
    clause = _CLAUSE_END_RE.split(folded[max(0, start - 80) : start])[-1]
    tokens = [t.strip(",()\"'\u201c\u201d\u2018\u2019") for t in clause.split()[-6:]]
    return any(t in negations for t in tokens)


@rule(
    "forced-account",
    severity="warning",
    messages={
        "nl": "maakt een account een voorwaarde om te kopen: {found}; laat "
        "klanten ook als gast bestellen of boeken",
        "en": "makes an account a condition of buying: {found}; let customers "
        "order or book as a guest",
    },
    doc="An account demanded before you may buy is one of the places where "
    "a visitor gives up. Checks the pages of the purchase phase for phrases "
    "such as 'account aanmaken verplicht', 'eerst inloggen', 'log in to "
    "order', 'account required'; a phrase with a negation before it in the "
    "same clause ('je hoeft geen account aan te maken', 'no account "
    "required') does not count.\n\n"
    "Example (nl): `[forced-account] content/pages/bestellen.md: maakt een "
    'account een voorwaarde om te kopen: "account aanmaken verplicht"; laat '
    "klanten ook als gast bestellen of boeken`\n\n"
    "Example (en): `[forced-account] content/pages/order.md: makes an account "
    'a condition of buying: "log in to order"; let customers order or book '
    "as a guest`",
    options={
        "phase": Option(None, "phase", _PURCHASE_DOC),
        "phrases": Option((), "words", "extra phrases that demand an account"),
    },
)
def forced_account(context: RuleContext) -> Iterator[Hit]:
    phase = purchase_phase(context)
    if phase is None:
        return
    index = context.index
    phrases = (*words("forced-account", "phrases"), *context.options["phrases"])
    negations = frozenset(words("forced-account", "negations"))
    for doc in _readable_in_phase(index, phase):
        page = index.texts.of(doc)
        found = [
            m.group()
            for m in find_phrases(page, phrases)
            if not _negated(m.string, m.start(), negations)
        ]
        if found:
            yield Hit("account", {"found": quotes(found)}, doc, phase.id)


# --------------------------------------------------------------------------
# long-form
# --------------------------------------------------------------------------


@rule(
    "long-form",
    severity="warning",
    messages={
        "nl": "formulier{action} vraagt {count} velden (meer dan {max}): "
        "{fields}; vraag alleen wat je nodig hebt om te helpen",
        "en": "form{action} asks for {count} fields (more than {max}): "
        "{fields}; ask only what you need to help",
    },
    doc="A form that asks for everything is a place where the visitor gives "
    "up. Counts the fields a visitor fills in of each `<form>` in the content "
    "(`input`, `select`, `textarea`): hidden inputs, buttons, disabled fields "
    "and fields hidden from view (honeypots with `hidden`, `aria-hidden` or "
    "`display: none`) do not count; a group of radio buttons or check boxes "
    "with one name counts once. A form of the theme is the theme's business.\n\n"
    "Example (nl): `[long-form] content/pages/offerte.md: formulier "
    '(/offerte) vraagt 9 velden (meer dan 6): "Naam", "E-mail", '
    '"Telefoon" (+6); vraag alleen wat je nodig hebt om te helpen`\n\n'
    "Example (en): `[long-form] content/pages/quote.md: form (/quote) asks "
    'for 9 fields (more than 6): "Name", "E-mail", "Phone" (+6); ask only '
    "what you need to help`",
    options={
        "max": Option(6, "int", "the most fields a form may ask for", minimum=1),
    },
)
def long_form(context: RuleContext) -> Iterator[Hit]:
    most = context.options["max"]
    index = context.index
    for doc in readable(index):
        forms: tuple[Form, ...] = index.texts.of(doc).forms
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
    env = index.env
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


@rule(
    "tracking-scripts",
    severity="warning",
    messages={
        "nl": "{where} laadt scripts van andere domeinen: {domains}; bezoekers "
        "krijgen dan eerst een cookievraag: meet bezoek zonder cookies, "
        "bijvoorbeeld uit het toegangslog van je webserver (JOURNEY_ANALYTICS)",
        "en": "{where} loads scripts from other domains: {domains}; visitors "
        "then get a cookie question first: count visits without cookies, "
        "for example from your web server's access log (JOURNEY_ANALYTICS)",
    },
    doc="Third-party scripts (statistics, ads, chat widgets, social buttons) "
    "bring the cookie question before anything else: a visitor who came to "
    "read gets a wall first. The rule names the domains of `<script src>` "
    "and of URLs in inline scripts that are not the site's own (`SITEURL` "
    "and its subdomains) in each page's content, and in the theme's base "
    "template, rendered once with the site's settings (so a theme's "
    "statistics snippet counts only when its setting is on). Visits can be "
    "counted without a script or cookie from the web server's access log: "
    "see `JOURNEY_ANALYTICS`. Domains you accept go in the `allow` option.\n\n"
    "Example (nl): `[tracking-scripts] content/pages/contact.md: de pagina "
    "laadt scripts van andere domeinen: www.googletagmanager.com; bezoekers "
    "krijgen dan eerst een cookievraag: meet bezoek zonder cookies, "
    "bijvoorbeeld uit het toegangslog van je webserver (JOURNEY_ANALYTICS)`\n\n"
    "Example (en): `[tracking-scripts] the theme (base.html, on every page) "
    "loads scripts from other domains: www.googletagmanager.com; visitors "
    "then get a cookie question first: count visits without cookies, for "
    "example from your web server's access log (JOURNEY_ANALYTICS)`",
    options={
        "allow": Option(
            (), "words", "domains whose scripts are accepted (subdomains too)"
        ),
        "theme": Option(True, "bool", "also check the theme's base template"),
    },
)
def tracking_scripts(context: RuleContext) -> Iterator[Hit]:
    index = context.index
    own = _host(str(index.context.get("SITEURL") or ""))
    allowed = tuple(context.options["allow"])
    page_where = {"nl": "de pagina", "en": "the page"}
    for doc in readable(index):
        hosts = _foreign_hosts(index.texts.of(doc).scripts, own, allowed)
        if hosts:
            values = {"where": page_where, "domains": ", ".join(hosts)}
            yield Hit("content", values, doc)
    if not context.options["theme"]:
        return
    rendered = theme_scripts(index)
    if rendered is None:
        return
    name, html = rendered
    hosts = _foreign_hosts(extract(html).scripts, own, allowed)
    if hosts:
        where = {
            "nl": f"het thema ({name}, op elke pagina)",
            "en": f"the theme ({name}, on every page)",
        }
        yield Hit("theme", {"where": where, "domains": ", ".join(hosts)}, None)
