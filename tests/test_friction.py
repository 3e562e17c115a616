"""The friction and copy rules (SPEC §5, `noreply-contact` … `social-proof`).

A site with each problem in a known file: each rule fires exactly there and
quotes what it found. The same site written the way a good shop owner would,
full of near misses: none of the eleven fires.
"""

from __future__ import annotations

import json
import sys

import pytest
from example_site import build_example
from journey_html import REFLEX

from pelican.plugins.journey.rules import REGISTRY
from pelican.plugins.journey.rules.copy import readability
from pelican.plugins.journey.rules.friction import says_when
from pelican.plugins.journey.site.text import extract, html_scripts

ELEVEN = (
    "noreply-contact",
    "reachability",
    "return-terms",
    "price-clarity",
    "forced-account",
    "long-form",
    "tracking-scripts",
    "empty-slogan",
    "long-sentences",
    "mixed-address",
    "social-proof",
)

LONG_TEXT = (
    "Wanneer je in de herfst door de regen naar je werk fietst en onderweg "
    "merkt dat je remmen steeds later reageren, terwijl de ketting bij elke "
    "trap een schurend geluid maakt dat je eerder nog niet hoorde, is het "
    "verstandig om niet te wachten tot de winter begint maar meteen een "
    "afspraak te maken voor een onderhoudsbeurt bij een werkplaats in de buurt "
    "die je fiets grondig nakijkt. Omdat een versleten ketting ook de "
    "tandwielen aantast en de remblokken bij nat weer sneller slijten dan de "
    "meeste mensen denken, bespaart een tijdige controle uiteindelijk meer geld "
    "dan een grote reparatie achteraf, waarbij vaak ook de velgen of de "
    "schijven vervangen moeten worden."
)
SHORT_TEXT = (
    "Hoor je je ketting piepen? Dan is hij droog. Een droge ketting slijt snel. "
    "Ook de tandwielen lijden eronder. Smeer hem dus op tijd. Dat kost je twee "
    "minuten. Gebruik een goede kettingolie. Veeg de ketting daarna af. Zo "
    "blijft er geen vuil aan plakken. Remt je fiets slecht bij regen? Kijk dan "
    "naar je remblokken. Zie je geen groeven meer? Laat ze dan vervangen. Dat "
    "is snel gedaan."
)

PROBLEMS = {
    "pages/contact.md": """
        Title: Contact
        Phase: nazorg
        Touchpoint: contact

        Vragen over je bestelling? Mail naar
        [noreply@fietsen.example](mailto:noreply@fietsen.example) of bel
        010-1234567.
    """,
    "pages/bestellen.md": """
        Title: Bestellen
        Phase: aankoop
        Touchpoint: booking

        Bestellen gaat snel. Let op: account aanmaken verplicht voordat je kunt
        afrekenen.
    """,
    "pages/offerte.md": """
        Title: Offerte aanvragen
        Phase: overweging
        Touchpoint: quote

        Vraag een offerte aan.

        <form action="/offerte" method="post">
        <label for="naam">Naam</label> <input id="naam" name="naam">
        <input type="email" name="email" placeholder="E-mail">
        <input type="tel" name="telefoon" placeholder="Telefoon">
        <input name="straat" placeholder="Straat">
        <input name="postcode" placeholder="Postcode">
        <input name="plaats" placeholder="Plaats">
        <select name="merk"><option>Gazelle</option><option>Batavus</option></select>
        <textarea name="vraag" placeholder="Je vraag"></textarea>
        <input type="hidden" name="bron" value="site">
        <button type="submit">Verstuur</button>
        </form>
    """,
    "pages/winkel.md": """
        Title: Onze winkel
        Phase: overweging
        Touchpoint: product

        Kom kijken in de winkel.

        <script async src="https://www.googletagmanager.com/gtag/js?id=G-TEST"></script>
        <script>
        !function(f,b,e,v){f.fbq=1;b.createElement(e).src=v}(window,document,
        'script','https://connect.facebook.net/en_US/fbevents.js');
        </script>
    """,
    "pages/over-ons.md": """
        Title: Over ons
        Phase: besluitvorming
        Touchpoint: guide

        Bij ons krijg je de beste kwaliteit voor de beste prijs. De klant is
        koning, dat weet iedereen.
    """,
    "blog/lang.md": f"""
        Title: Op tijd onderhoud
        Date: 2026-01-05
        Phase: bewustwording

        {LONG_TEXT}
    """,
    "pages/service.md": """
        Title: Service
        Phase: gebruikservaring
        Touchpoint: service

        Heeft u een vraag over uw fiets? Dan helpen we je graag verder met
        onderhoud en reparaties.
    """,
}

# (rule, source) of every finding of the eleven on PROBLEMS: once each.
EXPECTED = sorted(
    [
        ("noreply-contact", "content/pages/contact.md"),
        ("reachability", "content/pages/contact.md"),
        ("return-terms", None),
        ("price-clarity", None),
        ("forced-account", "content/pages/bestellen.md"),
        ("long-form", "content/pages/offerte.md"),
        ("tracking-scripts", "content/pages/winkel.md"),
        ("empty-slogan", "content/pages/over-ons.md"),
        ("long-sentences", "content/blog/lang.md"),
        ("mixed-address", "content/pages/service.md"),
        ("social-proof", None),
    ],
    key=str,
)

CLEAN = {
    "pages/contact.md": """
        Title: Contact
        Phase: nazorg
        Touchpoint: contact

        Vragen over je bestelling? Mail naar
        [werkplaats@fietsen.example](mailto:werkplaats@fietsen.example) of bel
        010-1234567, dinsdag tot en met zaterdag van 9.00 tot 17.30 uur.

        We mailen nooit vanaf een noreply-adres: op elke mail van ons kun je
        gewoon antwoorden. Ontwikkelaars zien in onze code soms
        `noreply@fietsen.example`; dat adres geven we nooit aan klanten.

            From: noreply@fietsen.example
    """,
    "pages/contact-en.md": """
        Title: Contact
        Slug: contact
        Lang: en
        Phase: aftercare
        Touchpoint: contact

        Text us at 010-1234567 and we call u back, Tuesday to Saturday from
        9am to 5.30pm. You can also email
        [werkplaats@fietsen.example](mailto:werkplaats@fietsen.example).
    """,
    "pages/bestellen.md": """
        Title: Bestellen
        Phase: aankoop
        Touchpoint: booking

        Je hoeft geen account aan te maken: bestellen kan als gast. Een kleine
        beurt kost € 49. Niet tevreden? Je kunt binnen 14 dagen annuleren.
    """,
    "pages/offerte.md": """
        Title: Offerte aanvragen
        Phase: overweging
        Touchpoint: quote

        Vraag een offerte aan.

        <form action="/offerte" method="post">
        <label>Naam <input name="naam"></label>
        <input type="email" name="email" placeholder="E-mail">
        <input type="tel" name="telefoon" placeholder="Telefoon">
        <textarea name="vraag" placeholder="Je vraag"></textarea>
        <input type="radio" name="fiets" value="gewoon"> gewone fiets
        <input type="radio" name="fiets" value="e-bike"> e-bike
        <input type="radio" name="fiets" value="bakfiets"> bakfiets
        <input type="hidden" name="bron" value="site">
        <input type="hidden" name="token" value="abc">
        <div style="display: none"><input name="website"></div>
        <input name="honing" hidden>
        <button type="submit">Verstuur</button>
        </form>
    """,
    "pages/winkel.md": """
        Title: Onze winkel
        Phase: overweging
        Touchpoint: product

        Kom kijken in de winkel.

        <script src="/theme/js/winkelwagen.js"></script>
        <script src="https://testfietsen.example/js/kaart.js"></script>
        <script src="https://cdn.testfietsen.example/js/foto.js"></script>
        <script>document.body.className = "js";</script>
        <script type="application/ld+json">{"@context": "https://schema.org"}</script>
    """,
    "pages/over-ons.md": """
        Title: Over ons
        Phase: besluitvorming
        Touchpoint: guide

        We letten op de kwaliteit van de remblokken en zeggen eerlijk wat een
        reparatie kost. Geen loze beloftes als "klant is koning" bij ons.

        > De beste kwaliteit voor de beste prijs, zei mijn vorige fietsenmaker.
    """,
    "pages/reviews.md": """
        Title: Wat klanten zeggen
        Phase: besluitvorming
        Touchpoint: review

        > Snel geholpen, en ze lieten me de oude ketting zien. — Marieke
    """,
    "blog/kort.md": f"""
        Title: Op tijd onderhoud
        Date: 2026-01-05
        Phase: bewustwording

        {SHORT_TEXT}
    """,
    "pages/service.md": """
        Title: Service
        Phase: gebruikservaring
        Touchpoint: service

        Heb je een vraag over je fiets? Dan helpen we je graag verder. We zijn
        op zaterdag open tot 16 u.

        > Heeft u ook een vraag? Mijn buurman belde en werd meteen geholpen.
    """,
}


def _eleven(built):
    return [f for f in built.analysis.findings if f.rule in ELEVEN]


def test_the_eleven_rules_are_registered_as_warnings():
    for rule_id in ELEVEN:
        assert REGISTRY[rule_id].severity == "warning"
        assert REGISTRY[rule_id].example is not None, rule_id


def test_each_rule_fires_exactly_where_its_problem_is(site):
    built = site(PROBLEMS, JOURNEY_FAIL_ON="never")
    assert built.exit_code == 0, built.log
    found = sorted(((f.rule, f.source) for f in _eleven(built)), key=str)
    assert found == EXPECTED
    assert "Traceback" not in built.log


def test_the_findings_quote_what_they_found_in_dutch(site):
    built = site(PROBLEMS, JOURNEY_FAIL_ON="never")
    by_rule = {f.rule: f.message for f in _eleven(built)}
    assert '"noreply@fietsen.example"' in by_rule["noreply-contact"]
    assert "mailto-link" in by_rule["noreply-contact"]
    assert '"noreply@fietsen.example"' in by_rule["reachability"]
    assert "openingstijden" in by_rule["reachability"]
    assert "'Aankoop' (purchase)" in by_rule["return-terms"]
    assert '"Bestellen"' in by_rule["return-terms"]
    assert '"Bestellen"' in by_rule["price-clarity"]
    assert '"account aanmaken verplicht"' in by_rule["forced-account"]
    assert by_rule["long-form"].startswith("formulier (/offerte) vraagt 8 velden")
    assert '"Naam", "E-mail", "Telefoon" (+5)' in by_rule["long-form"]
    assert (
        "www.googletagmanager.com, connect.facebook.net"
        in (by_rule["tracking-scripts"])
    )
    assert "toegangslog" in by_rule["tracking-scripts"]
    assert (
        '"beste kwaliteit voor de beste prijs", "klant is koning"'
        in (by_rule["empty-slogan"])
    )
    assert "Flesch-Douma" in by_rule["long-sentences"]
    assert '"Wanneer je in de herfst' in by_rule["long-sentences"]
    assert '"Heeft u een vraag"' in by_rule["mixed-address"]
    assert '"helpen we je graag verder"' in by_rule["mixed-address"]
    assert "'Besluitvorming' (decision)" in by_rule["social-proof"]
    assert '"Over ons"' in by_rule["social-proof"]


def test_the_findings_speak_english_with_journey_lang_en(site):
    built = site(PROBLEMS, JOURNEY_FAIL_ON="never", JOURNEY_LANG="en")
    by_rule = {f.rule: f.message for f in _eleven(built)}
    assert "is a no-reply address (mailto link)" in by_rule["noreply-contact"]
    assert "does not say when someone answers" in by_rule["reachability"]
    assert by_rule["return-terms"].startswith("no page in phase 'Purchase'")
    assert "shows a price" in by_rule["price-clarity"]
    assert "condition of buying" in by_rule["forced-account"]
    assert "asks for 8 fields (more than 6)" in by_rule["long-form"]
    assert "the page loads scripts from other domains" in by_rule["tracking-scripts"]
    assert by_rule["empty-slogan"].startswith("empty slogan")
    assert "words per sentence on average" in by_rule["long-sentences"]
    assert "both formally" in by_rule["mixed-address"]
    assert "customers' experiences" in by_rule["social-proof"]


def test_a_clean_site_full_of_near_misses_has_no_finding_of_the_eleven(site):
    built = site(CLEAN, JOURNEY_FAIL_ON="never", SITEURL="https://testfietsen.example")
    assert [f.log_line() for f in _eleven(built)] == []
    # The near misses were read, not skipped: the rules saw these pages.
    by_key = built.analysis.index.by_key

    def page(key):
        return extract(by_key[key].html)

    assert "noreply-adres" in page("pages/contact.md").text
    assert "noreply@" not in page("pages/contact.md").text
    assert len(page("pages/offerte.md").forms[0].fields) == 5
    assert len(page("pages/winkel.md").scripts) == 3


def test_site_level_rules_leave_an_empty_phase_to_phase_empty(site):
    files = {k: v for k, v in PROBLEMS.items() if k != "pages/bestellen.md"}
    built = site(files, JOURNEY_FAIL_ON="never")
    rules = {f.rule for f in built.analysis.findings}
    assert "phase-empty" in rules
    assert not rules & {"return-terms", "price-clarity", "forced-account"}

    off = site(files, JOURNEY_FAIL_ON="never", JOURNEY_RULES={"phase-empty": "off"})
    by_rule = {f.rule: f.message for f in off.analysis.findings}
    assert "geen pagina's" in by_rule["return-terms"]
    assert "geen pagina's" in by_rule["price-clarity"]


def test_options_extend_the_word_lists_and_limits(site):
    rules = {
        "noreply-contact": {"addresses": ["systeem"]},
        "reachability": {"words": ["bel gerust"]},
        "return-terms": {"words": ["garantie"]},
        "price-clarity": {"currencies": ["gulden"]},
        "forced-account": {"phrases": ["klantenpas verplicht"]},
        "long-form": {"max": 2},
        "tracking-scripts": {"allow": ["googletagmanager.com"]},
        "empty-slogan": {"phrases": ["fietsgeluk"]},
        "long-sentences": {"max_words": 3},
        "mixed-address": {"informal": ["jullie"], "formal": ["uwer"]},
        "social-proof": {"touchpoints": ["guide"]},
    }
    files = {
        "pages/contact.md": """
            Title: Contact
            Phase: nazorg
            Touchpoint: contact

            Mail [systeem@fietsen.example](mailto:systeem@fietsen.example), bel
            gerust 010-1234567.
        """,
        "pages/bestellen.md": """
            Title: Bestellen
            Phase: aankoop
            Touchpoint: booking

            Klantenpas verplicht. Een jaar garantie, voor 10 gulden extra.
        """,
        "pages/offerte.md": PROBLEMS["pages/offerte.md"],
        "pages/winkel.md": PROBLEMS["pages/winkel.md"],
        "pages/over-ons.md": """
            Title: Over ons
            Phase: besluitvorming
            Touchpoint: guide

            Fietsgeluk voor iedereen. Uwer aller fiets, zeggen jullie.
        """,
        "blog/kort.md": PROBLEMS["blog/lang.md"].replace(LONG_TEXT, SHORT_TEXT),
    }
    built = site(files, JOURNEY_FAIL_ON="never", JOURNEY_RULES=rules)
    by_rule = {}
    for finding in _eleven(built):
        by_rule.setdefault(finding.rule, []).append(finding)
    assert set(by_rule) == {
        "noreply-contact",
        "forced-account",
        "long-form",
        "tracking-scripts",
        "empty-slogan",
        "long-sentences",
        "mixed-address",
    }
    assert '"systeem@fietsen.example"' in by_rule["noreply-contact"][0].message
    assert '"klantenpas verplicht"' in by_rule["forced-account"][0].message
    assert "connect.facebook.net" in by_rule["tracking-scripts"][0].message
    assert "googletagmanager" not in by_rule["tracking-scripts"][0].message
    assert '"fietsgeluk"' in by_rule["empty-slogan"][0].message
    assert [f.source for f in by_rule["long-sentences"]] == ["content/blog/kort.md"]


def test_a_wrong_option_stops_the_build_with_one_line(site):
    built = site(PROBLEMS, JOURNEY_RULES={"long-form": {"max": "six"}})
    assert built.exit_code == 2
    assert "JOURNEY_RULES['long-form']['max']" in built.log
    assert "Traceback" not in built.log


def test_purchase_rules_follow_the_model_and_the_phase_option(site):
    files = {
        "pages/kopen.md": """
            Title: Kopen
            Phase: kopen

            Log in to order. Je betaalt bij het ophalen.
        """,
    }
    built = site(files, JOURNEY_MODEL="5k", JOURNEY_FAIL_ON="never")
    found = {(f.rule, f.phase) for f in _eleven(built)}
    assert {
        ("forced-account", "kopen"),
        ("return-terms", "kopen"),
        ("price-clarity", "kopen"),
    } <= found

    chosen = site(
        files,
        JOURNEY_MODEL="5k",
        JOURNEY_FAIL_ON="never",
        JOURNEY_RULES={"forced-account": {"phase": "kiezen"}},
    )
    assert "forced-account" not in {f.rule for f in chosen.analysis.findings}


def test_tracking_scripts_reads_the_rendered_theme_once(site, tmp_path):
    files = {"pages/over.md": "Title: Over\nPhase: bewustwording\n\nHallo.\n"}
    plain = site(files, **REFLEX, JOURNEY_FAIL_ON="never")
    assert "tracking-scripts" not in {f.rule for f in plain.analysis.findings}

    tracked = site(
        files,
        **REFLEX,
        JOURNEY_FAIL_ON="never",
        GOOGLE_ANALYTICS="UA-12345-1",
        USE_LESS=True,
    )
    findings = [f for f in tracked.analysis.findings if f.rule == "tracking-scripts"]
    assert len(findings) == 1
    (finding,) = findings
    assert finding.source is None
    assert "het thema (base.html, op elke pagina)" in finding.message
    assert "cdn.jsdelivr.net, www.google-analytics.com" in finding.message

    off = site(
        files,
        **REFLEX,
        JOURNEY_FAIL_ON="never",
        GOOGLE_ANALYTICS="UA-12345-1",
        JOURNEY_RULES={"tracking-scripts": {"theme": False}},
    )
    assert "tracking-scripts" not in {f.rule for f in off.analysis.findings}


SCRIPT_EDGES = (
    "",
    "   \n\t ",
    "<p>No script here, only text: scripted, <scripture>.</p>",
    '<script src=" //cdn.example.com/a.js "></script>',
    "<SCRIPT src='https://upper.example.com/x.js'></SCRIPT>",
    '<script type="application/ld+json">{"u": "https://json.example.org/"}</script>',
    '<script type="module" src="https://mod.example.net/m.js"></script>',
    "<script>var u = 'https://inline.example.com/t.js?\u00e9'; // café</script>",
    '<script type="text/javascript">x("//proto.example.io/p.js")</script>',
    "<p>Før <a href='mailto:a@b.nl'>mail</a></p><script src=/local.js></script>",
    (
        '<form><textarea><script src="https://in.example.com/t.js"></script>'
        '</textarea></form><script src="https://after.example.com/a.js">'
    ),
    "<!-- <script src='https://commented.example.com/c.js'></script> -->",
    (
        "<script src='https://a.example.com/1.js'></script>\u00a0<script "
        "src='https://b.example.com/2.js'></script>"
    ),
)


@pytest.mark.parametrize("html", SCRIPT_EDGES)
def test_html_scripts_is_what_extract_finds(html):
    assert html_scripts(html) == extract(html).scripts


@pytest.mark.parametrize(
    "settings",
    [
        {"THEME": "simple"},
        {"THEME": "notmyidea", "GOOGLE_ANALYTICS": "UA-1-1"},
        {**REFLEX, "GOOGLE_ANALYTICS": "UA-12345-1", "USE_LESS": True},
    ],
    ids=["simple", "notmyidea", "reflex"],
)
def test_html_scripts_of_written_theme_pages_is_what_extract_finds(site, settings):
    """The theme's base is scanned for scripts only; same scripts as extract."""
    files = {
        "pages/over.md": "Title: Over <script>\nPhase: bewustwording\n\nHallo.\n",
        "artikel.md": "Title: Één\nDate: 2024-01-01\n\n"
        "<script src='//x.example.com/a.js'></script>Tekst.\n",
    }
    built = site(files, JOURNEY_FAIL_ON="never", **settings)
    pages = sorted(built.output.rglob("*.html"))
    assert pages
    found = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        scripts = html_scripts(html)
        assert scripts == extract(html).scripts, path
        found += bool(scripts)
    assert found  # the theme's or the content's scripts were seen


def test_a_form_counts_what_a_visitor_fills_in():
    page = extract(
        """<p>Intro</p><form action="/x">
        <label for="a">Naam:</label><input id="a" name="a">
        <input type="checkbox" name="nieuws" value="1">
        <input type="checkbox" name="nieuws" value="2">
        <input type="submit"><input type="image" src="go.png">
        <input name="d" disabled><input name="e" aria-hidden="true">
        <select name="f"></select></form>"""
    )
    (form,) = page.forms
    assert form.action == "/x"
    assert form.fields == ("Naam", "nieuws", "f")


def test_text_leaves_out_code_quotes_and_scripts():
    page = extract(
        "<h2>Kop</h2><p>Eerste <code>u</code> zin.<br>Tweede regel.</p>"
        "<pre>noreply@x.nl</pre><blockquote><p>Citaat</p></blockquote>"
        "<ul><li>Punt <q>aangehaald</q> een</li></ul>"
        "<script>var u = 1;</script><table><tr><td>cel</td></tr></table>"
    )
    assert [" ".join(line.split()) for line in page.text.split("\n")] == [
        "Kop",
        "Eerste zin.",
        "Tweede regel.",
        "Punt een",
        "cel",
    ]
    assert [" ".join(line.split()) for line in page.prose.split("\n")] == [
        "Eerste zin.",
        "Tweede regel.",
        "Punt een",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Open: maandag tot en met vrijdag 9.00\u201317.30 uur", True),
        ("Bel tussen 8:30 en 12:00 of van 13:00 tot 17:00", True),
        ("We zijn er van 9 tot 17 uur", True),
        ("Open 9am to 5pm", True),
        ("ma-vr 9-17", True),
        ("Sat 10-4", True),
        ("Bekijk onze openingstijden hieronder", True),
        ("Telefonisch bereikbaar op werkdagen", True),
        ("Lines are open around the clock", True),
        ("Bel 010-1234567 of 06-12345678", False),
        ("Reparaties duren 1-2 werkdagen", False),
        ("Een beurt kost € 10-15", False),
        ("Sinds 1998 in de Spaakstraat 12-14", False),
    ],
)
def test_says_when_a_person_can_be_reached(text, expected):
    assert says_when(extract(f"<p>{text}</p>"), ()) is expected


def test_readability_scores_plain_and_dense_prose():
    plain = readability(SHORT_TEXT, "nl", frozenset())
    dense = readability(LONG_TEXT, "nl", frozenset())
    assert plain is not None and dense is not None
    assert plain.words_per_sentence < 8
    assert dense.words_per_sentence > 22
    assert plain.score > 60 > dense.score
    assert dense.sentences == 2
    english = readability(
        "We fix bikes. You get a price first. Most repairs are ready the same day.",
        "en",
        frozenset(),
    )
    assert english is not None and english.sentences == 3 and english.score > 70
    # Abbreviations do not end a sentence.
    abbreviated = readability(
        "Neem bijv. Een fiets mee. Dat helpt.", "nl", frozenset({"bijv"})
    )
    assert abbreviated is not None and abbreviated.sentences == 2


def test_the_example_site_has_no_finding_with_every_rule_on(tmp_path):
    every_rule_on = dict.fromkeys(REGISTRY, "warning")
    built = build_example(
        tmp_path,
        "pelicanconf.py",
        JOURNEY_FAIL_ON="warning",
        JOURNEY_RULES=every_rule_on,
    )
    assert built.exit_code == 0
    report = json.loads((tmp_path / "journey-report" / "report.json").read_text())
    assert report["findings"] == []


ENGLISH_LONG = (
    "Whenever the weather turns and the roads are wet, the chain and the brake "
    "pads of a bicycle that is ridden every day wear out considerably faster "
    "than most people would expect, which is why a regular inspection before "
    "winter is recommended."
)


@pytest.mark.parametrize(
    ("prose", "lang"),
    [
        (SHORT_TEXT, "nl"),
        (LONG_TEXT, "nl"),
        ("We fix bikes. You get a price first. Bring it before ten.", "en"),
        (ENGLISH_LONG, "en"),
    ],
)
def test_the_quick_estimate_never_changes_the_verdict(prose, lang):
    def verdict(measured):
        return measured.words_per_sentence <= 22 and measured.score >= 40

    exact = readability(prose, lang, frozenset())
    quick = readability(prose, lang, frozenset(), passes=(22, 40))
    assert exact is not None and quick is not None
    assert verdict(quick) == verdict(exact)
    if not verdict(exact):  # a finding always carries the exact figures
        assert quick == exact


def test_the_hyphenation_dictionary_is_let_go_after_the_page_pass(site):
    """long-sentences loads pyphen's dictionary for pages near its limits;
    the build lets it go once every page is read (memory budget, SPEC §9),
    and a second build loads it again and finds the same."""
    import pyphen

    from pelican.plugins.journey.rules import copy

    first = site(PROBLEMS, JOURNEY_FAIL_ON="never")
    assert "long-sentences" in {f.rule for f in first.analysis.findings}
    assert pyphen.hdcache == {}
    assert copy._dictionary.cache_info().currsize == 0
    assert copy._syllables.cache_info().currsize == 0
    assert "pyphen" in sys.modules  # it was loaded: the finding needs it
    second = site(PROBLEMS, JOURNEY_FAIL_ON="never")
    assert [f.message for f in _eleven(second)] == [f.message for f in _eleven(first)]


WORDS = {
    "nl": ["lettergrepen", "fietsenmaker", "onderhoudsbeurt", "aanbieding", "zadel"],
    "en": ["hyphenation", "bicycle", "maintenance", "warranty", "saddle"],
}


def _fresh_dictionaries(monkeypatch, folder):
    import tempfile

    import pyphen

    from pelican.plugins.journey.rules import copy

    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    pyphen.hdcache.clear()
    copy._dictionary.cache_clear()
    return {
        lang: list(map(copy._dictionary(lang).positions, WORDS[lang])) for lang in WORDS
    }


def test_hyphenation_patterns_are_parsed_once_then_loaded_from_the_cache(
    tmp_path, monkeypatch
):
    """Parsing pyphen's dictionaries costs ~150 ms a language at every build:
    the parsed patterns are kept in Jinja's per-user cache folder and the next
    build (process) loads them without parsing, with identical results."""
    import pyphen

    monkeypatch.setattr(pyphen, "hdcache", {})
    plain = {
        lang: list(
            map(pyphen.Pyphen(lang=code, left=1, right=1).positions, WORDS[lang])
        )
        for lang, code in (("nl", "nl_NL"), ("en", "en_US"))
    }
    first = _fresh_dictionaries(monkeypatch, tmp_path)
    cached = list(
        tmp_path.glob("_jinja2-cache-*/pelican-journey-hyphenation-*.marshal")
    )
    assert len(cached) == 2
    assert first == plain

    def no_parsing(self, path):
        raise AssertionError(f"parsed {path} again")

    monkeypatch.setattr(pyphen.HyphDict, "__init__", no_parsing)
    assert _fresh_dictionaries(monkeypatch, tmp_path) == plain


def test_a_damaged_or_unusable_hyphenation_cache_means_parsing_again(
    tmp_path, monkeypatch
):
    import pyphen

    monkeypatch.setattr(pyphen, "hdcache", {})
    expected = _fresh_dictionaries(monkeypatch, tmp_path)
    for file in tmp_path.glob("_jinja2-cache-*/pelican-journey-hyphenation-*"):
        file.write_bytes(file.read_bytes()[:1000])  # cut short
    assert _fresh_dictionaries(monkeypatch, tmp_path) == expected
    for file in tmp_path.glob("_jinja2-cache-*/pelican-journey-hyphenation-*"):
        file.write_bytes(b"\x00not marshal")
    assert _fresh_dictionaries(monkeypatch, tmp_path) == expected
    # Mended: the next load reads the rewritten file.
    assert all(
        len(f.read_bytes()) > 100_000
        for f in tmp_path.glob("_jinja2-cache-*/pelican-journey-hyphenation-*")
    )
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")  # Jinja cannot make its folder here
    assert _fresh_dictionaries(monkeypatch, blocked) == expected


def test_silent_final_e_counted_in_reversed_text_as_forwards():
    """long-sentences counts silent final e's (\"bike\") in the reversed
    text for speed: the same count as the forward pattern, on real words and
    on random strings of vowels, consonants, l, e, accents, digits and
    separators."""
    import random
    import re

    from pelican.plugins.journey.rules import copy

    forward = re.compile(r"[aeiouy][b-df-hj-km-np-tv-xz]*[b-df-hj-kmnp-tv-xz]e\b")

    def count(text):
        return len(copy._SILENT_E_REVERSED_RE.findall(text[::-1]))

    words = "bike there free eke the lake blue able tale e-bike done_ care2 café"
    # bike, there, eke, lake, e-bike (not -le, not before a digit or _)
    assert count(words) == len(forward.findall(words)) == 5
    rng = random.Random(8)
    alphabet = "aeiouylbcdkmnrstxzqé_1 .,'\n-ë"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert count(text) == len(forward.findall(text)), text
