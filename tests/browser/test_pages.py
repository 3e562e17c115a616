"""The example site in a real browser: axe-core, phone layout, the CTA."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

WIDTHS = {"phone": 390, "desktop": 1280}
PAGES = {
    "index": "index.html",
    "index-2": "index2.html",
    "article": "repareren-of-vervangen.html",
    "page": "pages/prijzen.html",
    "page-en": "pages/contact-en.html",
    "category": "category/advies.html",
    "categories": "categories.html",
    "tag": "tag/onderhoud.html",
    "tags": "tags.html",
    "author": "author/youssef-amrani.html",
    "archives": "archives.html",
    "period-archives": "archief/2026/03/index.html",
    "not-found": "404.html",
}
# Documents that carry a call to action (tagged, not in the final phase).
CTA_PAGES = {
    "article": "repareren-of-vervangen.html",
    "page": "pages/prijzen.html",
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def page(request, browser, example_url) -> Iterator[object]:
    width = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    outside: list[str] = []
    tab.on(
        "request",
        lambda req: (
            None if req.url.startswith(example_url) else outside.append(req.url)
        ),
    )
    tab.base_url = example_url
    tab.outside_requests = outside
    yield tab
    context.close()


def _open(tab, path: str) -> None:
    response = tab.goto(tab.base_url + path)
    assert response is not None and response.ok, path


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_no_serious_axe_violations(page, axe_source, path):
    _open(page, path)
    page.add_script_tag(content=axe_source)
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in results["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not bad, "\n".join(bad)
    assert len(results["passes"]) > 10  # axe really ran
    assert page.outside_requests == []


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_no_horizontal_scrolling(page, path):
    _open(page, path)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"


def test_skip_link_is_the_first_stop_and_moves_focus(page):
    _open(page, "pages/prijzen.html")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_focus_is_visible(page):
    _open(page, "index.html")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the first link after the skip link
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert style[0] != "none" and style[1] >= 2, style


def test_contact_block_on_every_page(page):
    for path in PAGES.values():
        _open(page, path)
        footer = page.locator("footer.site-footer")
        assert footer.locator('a[href^="tel:"]').count() >= 1, path
        assert footer.locator('a[href^="mailto:"]').count() >= 1, path


@pytest.mark.parametrize("path", list(CTA_PAGES.values()), ids=list(CTA_PAGES))
def test_cta_is_visible_and_reached_by_keyboard(page, path):
    _open(page, path)
    cta = page.locator(".journey-cta a")
    assert cta.count() == 1, f"{path}: expected one CTA link"
    cta.scroll_into_view_if_needed()
    assert cta.is_visible()
    box = cta.bounding_box()
    assert box is not None and box["height"] >= 24 and box["width"] >= 24
    links = page.evaluate("document.querySelectorAll('a[href], button').length")
    for _ in range(links + 1):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.journey-cta a')"):
            break
    else:
        pytest.fail(f"{path}: Tab never reaches the CTA")


def test_progress_is_no_wider_than_the_text(page):
    """On desktop the journey progress bar lines up with the text column."""
    _open(page, "pages/prijzen.html")
    widths = page.evaluate(
        "(() => { const w = s => document.querySelector(s)"
        ".getBoundingClientRect().width;"
        " return [w('.journey-progress'), w('.prose')]; })()"
    )
    assert widths[0] <= widths[1] + 1, widths


def test_phone_menu_is_one_row(page):
    """On a phone the menu does not fill the first screen."""
    _open(page, "index.html")
    height = page.evaluate(
        "document.querySelector('.site-nav').getBoundingClientRect().height"
    )
    assert height <= 70, f"menu is {height}px high"
