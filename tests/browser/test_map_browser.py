"""journey-map.html in headless Chromium: axe-core, the CSS-only persona filter."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PERSONAS = {
    "forens": {"label": "Forens", "description": "Fietst elke dag naar het werk."},
    "senior": {"label": {"nl": "Senior", "en": "Senior rider"}},
}
GAPPY = {
    "ketting.md": "Title: Vijf tekenen dat je ketting op is\nDate: 2026-01-05\n"
    "Phase: awareness\nPersona: forens\n\nTekst zonder links.\n",
    "accu.md": "Title: Hoe lang gaat een accu mee?\nDate: 2026-01-06\n"
    "Phase: decision\nPersona: senior\n\n"
    "Lees [onze tarieven]({filename}pages/tarieven.md).\n",
    "pages/tarieven.md": "Title: Tarieven\nPhase: purchase\nTouchpoint: pricing\n\n"
    "[Contact]({filename}contact.md)\n",
    "pages/contact.md": "Title: Contact\nPhase: aftercare\nTouchpoint: contact\n\n"
    "Bel [020-1234567](tel:0201234567).\n",
    "pages/nieuws.md": "Title: Nieuws\n\nZonder fase.\n",
}


def axe_script() -> str:
    pytest.importorskip("axe_playwright_python")
    return (
        resources.files("axe_playwright_python")
        .joinpath("axe.min.js")
        .read_text(encoding="utf-8")
    )


def open_map(browser, path: Path):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    return page, requests


def serious_violations(page) -> list[str]:
    page.evaluate(axe_script())
    results = page.evaluate("axe.run(document).then(r => r.violations)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} "
        f"{[n['target'] for n in v['nodes']][:3]}"
        for v in results
        if v.get("impact") in ("serious", "critical")
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_map_passes_axe_and_loads_nothing(browser, site, lang):
    built = site(
        GAPPY, JOURNEY_PERSONAS=PERSONAS, JOURNEY_INJECT=False, JOURNEY_LANG=lang
    )
    path = built.reports / "journey-map.html"
    page, requests = open_map(browser, path)
    try:
        assert serious_violations(page) == []
        assert all(url.startswith("file://") for url in requests), requests
        assert requests == [path.as_uri()]
    finally:
        page.close()


def test_persona_filter_works_without_javascript(browser, site):
    built = site(GAPPY, JOURNEY_PERSONAS=PERSONAS, JOURNEY_INJECT=False)
    page = browser.new_page(java_script_enabled=False)
    try:
        page.goto((built.reports / "journey-map.html").as_uri())

        def visible_titles() -> list[str]:
            cards = page.locator(".jm-columns .jm-card h4")
            return sorted(
                cards.nth(i).inner_text()
                for i in range(cards.count())
                if cards.nth(i).is_visible()
            )

        everyone = visible_titles()
        assert "Vijf tekenen dat je ketting op is" in everyone
        assert "Hoe lang gaat een accu mee?" in everyone
        page.click('label[for="jm-p-senior"]')
        senior = visible_titles()
        assert "Hoe lang gaat een accu mee?" in senior
        assert "Vijf tekenen dat je ketting op is" not in senior
        assert "Tarieven" in senior  # no persona: for everyone
        page.click('label[for="jm-p-all"]')
        assert visible_titles() == everyone
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_six_columns_fit_a_1280_window_and_actions_come_first(browser, site, lang):
    built = site(GAPPY, JOURNEY_PERSONAS=PERSONAS, JOURNEY_LANG=lang)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto((built.reports / "journey-map.html").as_uri())
    edges = page.evaluate(
        "[...document.querySelectorAll('.jm-columns > li')]"
        ".map(li => li.getBoundingClientRect().right)"
    )
    assert len(edges) == 6
    width = page.evaluate("document.documentElement.clientWidth")
    assert max(edges) <= width, (edges, width)
    scroll = page.evaluate(
        "(() => { const c = document.querySelector('.jm-columns');"
        " return c.scrollWidth - c.clientWidth; })()"
    )
    assert scroll <= 0
    # What to do first is in the first screen.
    top = page.evaluate(
        "document.querySelector('.journey-actions').getBoundingClientRect().top"
    )
    assert 0 <= top < 800
    assert serious_violations(page) == []
    page.close()
