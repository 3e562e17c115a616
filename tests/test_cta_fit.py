"""Calls to action that fit: every tagged page, forward, honest labels (issue 11).

Sites here are tagged the way owners tag them: ``Phase:`` everywhere,
``Touchpoint:`` on few pages or none.
"""

from __future__ import annotations

import re

import pytest
from journey_html import blocks, parse, target_file

# A greengrocer: Phase on every page, one booking page, one review page;
# the contact page shows a phone number and e-mail address (no Touchpoint).
GREENGROCER = {
    "seizoen.md": """
        Title: Wat ligt er nu in het seizoen?
        Date: 2026-03-01
        Phase: bewustwording

        Asperges, rabarber en de eerste aardbeien.
    """,
    "bewaren.md": """
        Title: Zo blijft fruit langer vers
        Date: 2026-03-05
        Phase: awareness

        Appels apart van bananen.
    """,
    "pakket-of-los.md": """
        Title: Groentepakket of losse groente?
        Date: 2026-03-10
        Phase: overweging

        Wat past bij jouw week?
    """,
    "pages/assortiment.md": """
        Title: Ons assortiment
        Phase: consideration

        Groente, fruit, noten en kaas van boeren uit de buurt.
    """,
    "biologisch.md": """
        Title: Biologisch of niet: wat is het verschil?
        Date: 2026-03-12
        Phase: besluitvorming

        Een eerlijk verhaal.
    """,
    "pages/ervaringen.md": """
        Title: Wat klanten zeggen
        Phase: decision
        Touchpoint: review

        "Altijd vers", zegt Anja.
    """,
    "pages/bestellen.md": """
        Title: Bestellen en ophalen
        Phase: aankoop
        Touchpoint: booking

        Kies een ophaalmoment.
    """,
    "pages/bezorging.md": """
        Title: Bezorging
        Phase: purchase

        Op dinsdag en vrijdag in de wijk.
    """,
    "recepten.md": """
        Title: Drie recepten met pompoen
        Date: 2026-03-15
        Phase: gebruikservaring

        Soep, taart en uit de oven.
    """,
    "pages/bewaartips.md": """
        Title: Bewaartips per soort
        Phase: experience

        Tomaten niet in de koelkast.
    """,
    "pages/klachten.md": """
        Title: Niet tevreden?
        Phase: nazorg

        Laat het ons weten, dan zoeken we samen een oplossing.
    """,
    "pages/contact.md": """
        Title: Contact
        Phase: aftercare

        Bel 010-7654321 of mail [ons](mailto:winkel@groenteboer.example).
    """,
}
CONTACT = "pages/contact.html"


def _levels(report: dict) -> dict[str, int]:
    """Output URL -> the furthest phase index of that content (1-based)."""
    level: dict[str, int] = {}
    for index, phase in enumerate(report["phases"], 1):
        for entry in phase["content"]:
            level[entry["url"]] = max(level.get(entry["url"], 0), index)
    return level


@pytest.mark.parametrize("theme", ["simple", "klantreis"])
def test_greengrocer_tagged_with_phase_alone_gets_a_cta_on_every_page(site, theme):
    built = site(GREENGROCER, JOURNEY_FAIL_ON="never", THEME=theme)
    report = built.report()
    level = _levels(report)
    assert len(level) == len(GREENGROCER)
    for url, own_level in level.items():
        found = blocks(parse(built.output / url), "journey-cta")
        if url == CONTACT:
            assert found == [], url
            continue
        assert len(found) == 1, url
        (link,) = found[0].iter("a")
        target = target_file(built.output, url, link.get("href"))
        assert target is not None, url
        target_url = target.relative_to(built.output).as_posix()
        assert target_url != url
        assert level[target_url] >= own_level, (url, target_url)
    # missing-cta names the contact page, and only it.
    missing = [f for f in report["findings"] if f["rule"] == "missing-cta"]
    assert [f["source"] for f in missing] == ["content/pages/contact.md"]
    assert "Touchpoint: contact" in missing[0]["message"]
    assert "JOURNEY_CTAS['aftercare']" in missing[0]["message"]
    # report.json: inferred touchpoints and each page's CTA with its origin.
    entries = {e["url"]: e for p in report["phases"] for e in p["content"]}
    assert entries[CONTACT]["touchpoint"] == "contact"
    assert entries[CONTACT]["touchpoint_inferred"] is True
    assert entries[CONTACT]["cta"] is None
    assert entries["drie-recepten-met-pompoen.html"]["touchpoint"] == "blog"
    assert entries["drie-recepten-met-pompoen.html"]["touchpoint_inferred"] is True
    assert entries["pages/wat-klanten-zeggen.html"]["touchpoint"] == "review"
    assert entries["pages/wat-klanten-zeggen.html"]["touchpoint_inferred"] is False
    assert entries["pages/bezorging.html"]["touchpoint"] is None
    assert entries["pages/niet-tevreden.html"]["cta"] == {
        "label": "Neem contact met ons op",
        "url": CONTACT,
        "origin": "default",
    }
    # Consideration has no service/product page: the first later phase's
    # best page, the review page, and a label that says so.
    assert entries["pages/ons-assortiment.html"]["cta"] == {
        "label": "Lees wat klanten zeggen",
        "url": "pages/wat-klanten-zeggen.html",
        "origin": "default",
    }
    assert (
        entries["pages/wat-klanten-zeggen.html"]["cta"]["url"]
        == "pages/bestellen-en-ophalen.html"
    )
    assert entries["drie-recepten-met-pompoen.html"]["cta"]["url"] == CONTACT


def test_greengrocer_visitors_read_questions_not_phase_labels(site):
    built = site(GREENGROCER, JOURNEY_FAIL_ON="never", THEME="klantreis")
    html = built.html("biologisch-of-niet-wat-is-het-verschil.html")
    tree = parse(built.output / "biologisch-of-niet-wat-is-het-verschil.html")
    (badge,) = blocks(tree, "phase-badge")
    assert badge.text_content().strip() == "Wat is het beste?"
    (progress,) = blocks(tree, "journey-progress")
    steps = [li.text_content().strip() for li in progress.iter("li")]
    assert steps[0] == "Heb ik dit nodig?" and steps[2] == "Wat is het beste?"
    for jargon in ("Besluitvorming", "Fase 3 van 6", "Bewustwording"):
        assert jargon not in html
    # Labels stay available where a theme asks for them.
    built = site(
        GREENGROCER,
        JOURNEY_FAIL_ON="never",
        THEME="klantreis",
        KLANTREIS_SHOW_PHASE=True,
    )
    tree = parse(built.output / "biologisch-of-niet-wat-is-het-verschil.html")
    (badge,) = blocks(tree, "phase-badge")
    assert "Besluitvorming" in badge.text_content()


def test_missing_cta_is_silenced_by_cta_none_and_fixed_by_a_site_cta(site):
    files = dict(GREENGROCER)
    files["pages/contact.md"] = GREENGROCER["pages/contact.md"].replace(
        "Phase: aftercare", "Phase: aftercare\n        CTA: none"
    )
    built = site(files, JOURNEY_FAIL_ON="never")
    assert not [f for f in built.report()["findings"] if f["rule"] == "missing-cta"]
    built = site(
        GREENGROCER,
        JOURNEY_FAIL_ON="never",
        JOURNEY_CTAS={"aftercare": {"label": "Bel ons", "target": "tel:0107654321"}},
    )
    report = built.report()
    assert not [f for f in report["findings"] if f["rule"] == "missing-cta"]
    entries = {e["url"]: e for p in report["phases"] for e in p["content"]}
    assert entries[CONTACT]["cta"] == {
        "label": "Bel ons",
        "url": "tel:0107654321",
        "origin": "site",
    }


def test_missing_cta_fails_the_build_like_any_warning(site):
    built = site(GREENGROCER, JOURNEY_FAIL_ON="warning")
    assert built.exit_code == 3
    assert "[missing-cta] content/pages/contact.md" in built.log


# -- one notion for pages with several phases (must show 5) ------------------

TWO_PHASES = {
    "pages/fietsen.md": """
        Title: Welke fiets past bij je?
        Phase: bewustwording, overweging

        Stad, tour of e-bike.
    """,
    "pages/modellen.md": """
        Title: Onze modellen
        Phase: overweging

        Drie merken.
    """,
    "pages/vergelijk.md": """
        Title: Vergelijk de modellen
        Phase: besluitvorming

        Naast elkaar.
    """,
    "pages/proefrit.md": """
        Title: Proefrit
        Phase: besluitvorming

        Een dag op proef.
    """,
}


def test_two_phase_page_next_steps_cta_and_dead_end_agree(site):
    built = site(TWO_PHASES, JOURNEY_FAIL_ON="never")
    report = built.report()
    level = _levels(report)
    page = "pages/welke-fiets-past-bij-je.html"
    assert level[page] == 2
    (nav,) = blocks(parse(built.output / page), "journey-next")
    steps = [
        target_file(built.output, page, a.get("href")).relative_to(built.output)
        for a in nav.iter("a")
    ]
    assert steps, "a two-phase page gets next steps"
    assert all(level[s.as_posix()] > level[page] for s in steps), steps
    (aside,) = blocks(parse(built.output / page), "journey-cta")
    (link,) = aside.iter("a")
    target = target_file(built.output, page, link.get("href")).relative_to(built.output)
    assert level[target.as_posix()] >= level[page]
    dead = {f["source"] for f in report["findings"] if f["rule"] == "dead-end"}
    assert "content/pages/fietsen.md" not in dead
    # The same page without a later phase to go to: no next steps, and the
    # dead-end verdict says so, judging the same (furthest) phase.
    files = {k: v for k, v in TWO_PHASES.items() if "besluitvorming" not in v}
    built = site(files, JOURNEY_FAIL_ON="never")
    assert blocks(parse(built.output / page), "journey-next") == []
    (finding,) = [
        f
        for f in built.report()["findings"]
        if f["rule"] == "dead-end" and f["source"] == "content/pages/fietsen.md"
    ]
    assert "Overweging" in finding["message"]


# -- honest labels in any trade (must show 3) ---------------------------------

# A word in a label -> the kinds of target page (touchpoints) it may promise.
PROMISES = {
    "onderhoud": ("service",),
    "maintenance": ("service",),
    "contact": ("contact",),
    "klanten": ("review", "case"),
    "customers": ("review", "case"),
    "review": ("review",),
    "reviews": ("review",),
    "afspraak": ("booking",),
    "appointment": ("booking",),
    "offerte": ("quote",),
    "quote": ("quote",),
    "prijzen": ("pricing",),
    "prices": ("pricing",),
}


def broken_promises(label: str, touchpoint: str | None, title: str) -> list[str]:
    """Words of ``label`` that promise what the target (touchpoint, title) lacks."""
    words = re.findall(r"\w+", label.casefold())
    in_title = set(re.findall(r"\w+", title.casefold()))
    return [
        word
        for word in words
        if word in PROMISES
        and touchpoint not in PROMISES[word]
        and word not in in_title
    ]


def test_default_labels_promise_nothing_the_target_lacks_in_any_model():
    from pelican.plugins.journey.model.labels import TOUCHPOINT_LABELS, cta_label
    from pelican.plugins.journey.model.phases import BUILTIN_MODELS

    touchpoints = [*TOUCHPOINT_LABELS, "blog", "guide", None]
    checked = 0
    for model in BUILTIN_MODELS.values():
        for phase in model.phases:
            # The phase's own row must fit every touchpoint it prefers.
            for lang in ("nl", "en"):
                for touchpoint in phase.touchpoints:
                    assert not broken_promises(phase.cta_label(lang), touchpoint, ""), (
                        model.id,
                        phase.id,
                        lang,
                        touchpoint,
                    )
            for touchpoint in touchpoints:
                for kind in ("article", "page"):
                    for lang in ("nl", "en"):
                        title = "Appels en peren"
                        label = cta_label(phase, touchpoint, title, kind, lang)
                        assert label, (model.id, phase.id, touchpoint)
                        assert not broken_promises(label, touchpoint, title), (
                            model.id,
                            phase.id,
                            touchpoint,
                            label,
                        )
                        checked += 1
    assert checked == 2 * 2 * len(touchpoints) * sum(
        len(m.phases) for m in BUILTIN_MODELS.values()
    )
    # The check itself catches the labels issue 11 found.
    assert broken_promises("Neem contact op of plan onderhoud", "product", "Fietsen")
    assert broken_promises("Lees wat klanten over ons zeggen", None, "Over ons")


def _trade(pages: dict[str, tuple[str, str | None, str]]) -> dict[str, str]:
    """Sources for {slug: (phase, touchpoint or None, title)}."""
    files = {}
    for slug, (phase, touchpoint, title) in pages.items():
        meta = f"Title: {title}\nPhase: {phase}\n"
        if touchpoint:
            meta += f"Touchpoint: {touchpoint}\n"
        body = "Bel 020-1234567." if touchpoint == "contact" else "Tekst."
        files[f"pages/{slug}.md"] = meta + "\n" + body + "\n"
    return files


TRADES = {
    "bike shop": (
        "six-phase",
        "nl",
        {
            "tips": ("awareness", None, "Fietstips"),
            "fietsen": ("consideration", "product", "Onze fietsen"),
            "reviews": ("decision", "review", "Wat klanten zeggen"),
            "onderhoudsbeurt": ("purchase", "pricing", "Onderhoudsbeurt"),
            "gebruik": ("experience", None, "Je eerste rit"),
            "contact": ("aftercare", "contact", "Contact"),
            "over": ("aftercare", None, "Over ons"),
        },
    ),
    "bakery": (
        "5k",
        "nl",
        {
            "brood": ("komen", None, "Ons brood"),
            "taarten": ("kijken", None, "Taarten"),
            "over": ("keuren", None, "Over de bakkerij"),
            "prijzen": ("kiezen", "pricing", "Prijslijst"),
            "bestellen": ("kopen", "booking", "Taart bestellen"),
        },
    ),
    "plumber": (
        "see-think-do-care",
        "en",
        {
            "leaks": ("see", None, "Five signs of a leak"),
            "services": ("think", "service", "What we fix"),
            "quote": ("do", "quote", "Get a price"),
            "warranty": ("care", None, "Our warranty"),
        },
    ),
    "garage": (
        "six-phase",
        "en",
        {
            "tyres": ("awareness", "blog", "When to change tyres"),
            "cars": ("consideration", None, "Used cars"),
            "about": ("decision", None, "About the garage"),
            "book": ("purchase", "booking", "Book a service slot"),
            "guide": ("experience", "guide", "Your car's first winter"),
            "help": ("aftercare", "service", "Roadside help"),
        },
    ),
}


@pytest.mark.parametrize("trade", list(TRADES))
def test_default_labels_fit_every_trade(site, trade):
    model, lang, pages = TRADES[trade]
    built = site(
        _trade(pages),
        JOURNEY_FAIL_ON="never",
        JOURNEY_MODEL=model,
        DEFAULT_LANG=lang,
    )
    entries = {e["url"]: e for p in built.report()["phases"] for e in p["content"]}
    labels = []
    for url, entry in entries.items():
        cta = entry["cta"]
        if cta is None:
            continue
        assert cta["origin"] == "default"
        target = entries[cta["url"]]
        assert target["url"] != url
        assert not broken_promises(
            cta["label"], target["touchpoint"], target["title"]
        ), (
            url,
            cta,
            target,
        )
        labels.append(cta["label"])
    # Every tagged page but the last one of the final phase gets a CTA.
    assert len(labels) >= len(pages) - 1


# -- the scoped stylesheet -----------------------------------------------------

ARTICLE = {
    "a.md": "Title: Eerste\nDate: 2026-01-01\nPhase: awareness\n\nTekst.\n",
    "b.md": "Title: Tweede\nDate: 2026-01-02\nPhase: consideration\n\nTekst.\n",
    "c.md": "Title: Derde\nDate: 2026-01-03\nPhase: decision\n\nTekst.\n",
}


def test_injected_block_carries_one_scoped_stylesheet(site):
    built = site(ARTICLE, JOURNEY_FAIL_ON="never", THEME="simple")
    html = built.html("eerste.html")
    styles = re.findall(r"<style data-journey-style[^>]*>(.*?)</style>", html, re.S)
    assert len(styles) == 1
    selectors = re.findall(r"(?:^|})([^{}]+)\{", styles[0])
    assert selectors
    for group in selectors:
        for selector in group.split(","):
            assert selector.strip().startswith((".journey-cta", ".journey-next")), (
                selector
            )
    assert "currentColor" in styles[0] and "system-ui" in styles[0]
    # Index pages show summaries: no block, no style.
    assert "data-journey-style" not in built.html("index.html")
    built = site(
        ARTICLE, JOURNEY_FAIL_ON="never", THEME="simple", JOURNEY_INJECT_STYLE=False
    )
    html = built.html("eerste.html")
    assert "data-journey-style" not in html
    assert len(blocks(parse(built.output / "eerste.html"), "journey-cta")) == 1


def test_feeds_carry_the_block_without_the_stylesheet(site):
    """Pelican's feed writer asks get_content() itself: each entry has the
    CTA, but not the 1.6 KB stylesheet (feed readers drop <style>), while
    the page and its summary stay as they are."""
    built = site(
        ARTICLE,
        JOURNEY_FAIL_ON="never",
        THEME="simple",
        FEED_ALL_ATOM="feeds/all.atom.xml",
        FEED_ALL_RSS="feeds/all.rss.xml",
        RSS_FEED_SUMMARY_ONLY=False,  # the RSS entries have the full content too
    )
    for feed in ("all.atom.xml", "all.rss.xml"):
        xml = (built.output / "feeds" / feed).read_text(encoding="utf-8")
        assert xml.count("journey-cta__link") == 2, feed  # the last page has none
        assert "data-journey-style" not in xml, feed
    assert built.html("eerste.html").count("data-journey-style") == 1
    assert "journey-cta" not in built.html("index.html")


def test_inject_style_setting_is_checked(site):
    built = site(ARTICLE, JOURNEY_INJECT_STYLE="yes")
    assert built.exit_code == 2
    assert "JOURNEY_INJECT_STYLE: 'yes' is not allowed; give True or False" in (
        built.log
    )


# Themes such as Flex, Elegant and attila wrap the content in their own
# article/section markup and style links and lists inside it.
WRAPPING_THEME = {
    "base.html": """
        <!DOCTYPE html>
        <html lang="nl"><head><meta charset="utf-8"><title>{{ SITENAME }}</title>
        <style>
          body { color: #223; font-family: Georgia, serif; }
          #content article section a { display: inline; border: 0; padding: 0;
            color: #a33; text-decoration: underline; }
          article .post-content ul { list-style: none; padding: 0; margin: 0; }
          article .post-content li::before { content: "— "; }
          article .post-content h2 { font-size: 3rem; margin: 0; }
        </style></head>
        <body><main id="content">{% block content %}{% endblock %}</main></body></html>
    """,
    "article.html": """
        {% extends "base.html" %}
        {% block content %}<article class="post"><header><h1>{{ article.title }}</h1>
        </header><section class="post-content">{{ article.content }}</section>
        </article>{% endblock %}
    """,
    "page.html": """
        {% extends "base.html" %}
        {% block content %}<article><section class="post-content">
        {{ page.content }}</section></article>{% endblock %}
    """,
    "index.html": '{% extends "base.html" %}',
}


@pytest.mark.browser
@pytest.mark.parametrize("theme", ["wrapping", "notmyidea", "simple"])
def test_cta_reads_as_a_button_and_next_steps_as_a_list(site, browser, tmp_path, theme):
    from conftest import write_files

    if theme == "wrapping":
        write_files(tmp_path / "theme" / "templates", WRAPPING_THEME)
        theme = str(tmp_path / "theme")
    built = site(ARTICLE, JOURNEY_FAIL_ON="never", THEME=theme, RELATIVE_URLS=True)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto((built.output / "eerste.html").as_uri())
        link = page.locator(".journey-cta__link")
        style = link.evaluate(
            """e => { const s = getComputedStyle(e);
                return [s.display, s.borderTopWidth, s.borderTopStyle,
                        s.color, s.borderTopColor, s.textDecorationLine]; }"""
        )
        cta_box = page.locator(".journey-cta").bounding_box()
        title_box = page.locator(".journey-next__title").bounding_box()
        item = page.locator(".journey-next__list > li").first.evaluate(
            "e => [getComputedStyle(e).display, getComputedStyle(e).listStyleType,"
            " getComputedStyle(e, '::before').content]"
        )
        title_size = page.locator(".journey-next__title").evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)"
        )
    finally:
        page.close()
    display, border, border_style, color, border_color, decoration = style
    assert display == "inline-block"
    assert float(border.removesuffix("px")) >= 2 and border_style == "solid"
    assert border_color == color  # currentColor: the theme's link colour
    assert decoration == "none"
    # The CTA box and the next-step heading do not touch.
    assert title_box["y"] - (cta_box["y"] + cta_box["height"]) >= 16
    assert item[:2] == ["list-item", "disc"] and item[2] in ("none", "normal")
    assert title_size < 24


def test_custom_model_cta_text_is_used_for_its_own_touchpoints(site):
    model = [
        {"id": "zien", "label": "Zien", "cta": "Proef ons brood"},
        {
            "id": "kopen",
            "label": "Kopen",
            "cta": {"nl": "Bestel je taart", "en": "Order your cake"},
            "touchpoints": ["booking", "workshop"],
        },
        {"id": "terug", "label": "Terugkomen", "touchpoints": ["workshop"]},
    ]
    files = {
        "pages/brood.md": "Title: Ons brood\nPhase: zien\n\nVers.\n",
        "pages/bestellen.md": "Title: Taart bestellen\nPhase: kopen\n"
        "Touchpoint: booking\n\nKies een datum.\n",
        "pages/les.md": "Title: Bakles\nPhase: terug\nTouchpoint: workshop\n\nLes.\n",
        "pages/nieuws.md": "Title: Nieuws\nPhase: terug\n\nNieuw.\n",
    }
    built = site(
        files,
        JOURNEY_FAIL_ON="never",
        JOURNEY_MODEL=model,
        JOURNEY_TOUCHPOINTS=["workshop"],
    )
    entries = {e["url"]: e for p in built.report()["phases"] for e in p["content"]}
    # "zien" prefers nothing: the best page of the next phase, a booking page.
    assert entries["pages/ons-brood.html"]["cta"]["label"] == (
        "Maak een afspraak of reserveer"
    )
    # "kopen" lists workshop: the owner's own words lead to the workshop page.
    assert entries["pages/taart-bestellen.html"]["cta"] == {
        "label": "Bestel je taart",
        "url": "pages/bakles.html",
        "origin": "default",
    }
    # "terug" has no text of its own: the title says where the link leads.
    assert entries["pages/nieuws.html"]["cta"]["label"] == "Bekijk: Bakles"
