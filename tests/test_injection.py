"""The CTA and next steps in any theme: content injection and theme partials."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from conftest import build_site, write_files
from journey_html import (
    EXPECTED,
    REFLEX,
    SITE,
    UNTAGGED,
    blocks,
    hrefs,
    parse,
    target_file,
    written_pages,
)

from pelican.plugins.journey.pelican_compat import with_siteurl
from pelican.plugins.journey.render.inject import content_key, cta_html, cta_ident

THEMES = {
    "simple": {"THEME": "simple"},
    "notmyidea": {"THEME": "notmyidea"},
    "reflex": REFLEX,
}


def check_site(built, siteurl: str = "") -> None:
    """The CTA/next-step contract on every page the build wrote."""
    assert built.exit_code == 0, built.log
    output = built.output
    for page, (phase, cta_target) in EXPECTED.items():
        tree = parse(output / page)
        ctas = blocks(tree, "journey-cta")
        assert len(ctas) == 1, f"{page}: {len(ctas)} CTA blocks"
        assert_landmarks(tree)
        assert ctas[0].get("data-journey-phase") == phase, page
        (link,) = hrefs(ctas[0])
        target = target_file(output, page, link, siteurl)
        assert target == output / cta_target, (page, link)
    for page in UNTAGGED:
        tree = parse(output / page)
        assert not blocks(tree, "journey-cta"), page
        assert not blocks(tree, "journey-next"), page
    # Every link in every CTA and next-step block of every written page
    # (index pages included) leads to a written file or out of the site.
    checked = 0
    for page in written_pages(output):
        tree = parse(output / page)
        for block in blocks(tree, "journey-cta") + blocks(tree, "journey-next"):
            for href in hrefs(block):
                target_file(output, page, href, siteurl)
                checked += 1
    assert checked >= len(EXPECTED) * 2


LANDMARKS = {"aside": "complementary", "nav": "navigation"}


def assert_landmarks(tree) -> None:
    """CTA and next-step blocks are labelled landmarks (element or role)."""
    for name, tag in (("journey-cta", "aside"), ("journey-next", "nav")):
        for block in blocks(tree, name):
            assert block.tag == tag or block.get("role") == LANDMARKS[tag]
            if name == "journey-cta":
                (label,) = tree.xpath(f"//*[@id='{block.get('aria-labelledby')}']")
                assert label.text_content().strip()
            else:
                assert block.get("aria-label")


def next_targets(built, page: str, siteurl: str = "") -> list[str]:
    tree = parse(built.output / page)
    navs = blocks(tree, "journey-next")
    assert len(navs) == 1, f"{page}: {len(navs)} next-step blocks"
    files = [target_file(built.output, page, h, siteurl) for h in hrefs(navs[0])]
    return [f.relative_to(built.output).as_posix() for f in files if f]


@pytest.mark.parametrize("theme", list(THEMES))
def test_every_theme_gets_one_cta_per_tagged_page(site, theme):
    built = site(SITE, JOURNEY_FAIL_ON="never", **THEMES[theme])
    check_site(built)
    # An awareness page leads on to the consideration pages.
    assert next_targets(built, "tips.html") == [
        "vergelijk.html",
        "pages/onze-reparatieservice.html",
    ]


@pytest.mark.parametrize("relative", [True, False])
@pytest.mark.parametrize("theme", ["simple", "reflex"])
def test_links_resolve_with_relative_urls_on_and_off(site, theme, relative):
    siteurl = "" if relative else "https://fietsen.example/winkel"
    built = site(
        SITE,
        JOURNEY_FAIL_ON="never",
        RELATIVE_URLS=relative,
        SITEURL=siteurl,
        **THEMES[theme],
    )
    check_site(built, siteurl)
    html = built.html("pages/contact.html")
    if relative:
        assert 'href="../pages/onderhoud-plannen.html"' in html
    else:
        assert (
            'href="https://fietsen.example/winkel/pages/onderhoud-plannen.html"' in html
        )


def test_summaries_on_the_index_are_free_of_the_block(site):
    built = site(SITE, JOURNEY_FAIL_ON="never", THEME="simple")
    index = built.html("index.html")
    # The short article is shown in full as its summary, without the block.
    assert "Een kort artikel over kettingen." in index
    assert "journey-cta" not in index
    assert "journey-next" not in index
    # The article itself has it, after its text.
    page = built.html("tips.html")
    assert page.index("Een kort artikel") < page.index('class="journey-cta"')
    # So do the full-content feed entries: the summary stays clean there too.
    analysis = built.analysis
    doc = next(d for d in analysis.index.documents if d.key == "tips.md")
    assert "journey-cta" in doc.content.content
    assert "journey-cta" not in doc.content.summary


def test_summary_without_length_limit_is_free_of_the_block(site):
    built = site(SITE, JOURNEY_FAIL_ON="never", THEME="simple", SUMMARY_MAX_LENGTH=None)
    index = built.html("index.html")
    assert "Een kort artikel over kettingen." in index
    assert "journey-cta" not in index


@pytest.mark.parametrize("theme", ["simple", "notmyidea"])
def test_cached_rebuild_into_the_same_output_has_one_cta_per_page(tmp_path, theme):
    root = tmp_path / "cached"
    root.mkdir()
    settings = {
        **THEMES[theme],
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "JOURNEY_FAIL_ON": "never",
    }
    first = build_site(root, SITE, settings)
    check_site(first)
    assert list((root / "cache").iterdir()), "no content cache was written"
    # Change a source but keep its mtime: Pelican serves it from the cache,
    # which proves the second build used cached content objects.
    source = root / "content" / "tips.md"
    stamp = source.stat()
    source.write_text(
        source.read_text(encoding="utf-8").replace("kort", "gecachet"),
        encoding="utf-8",
    )
    os.utime(source, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    second = build_site(root, None, settings)
    check_site(second)
    assert "Een kort artikel" in second.html("tips.html")
    # A third build after an edit: the cache serves the other files.
    write_files(
        root / "content",
        {"poetsen.md": SITE["poetsen.md"].replace("klaar.", "klaar en droog.")},
    )
    third = build_site(root, None, settings)
    check_site(third)
    assert "klaar en droog" in third.html("zo-poets-je-je-fiets.html")


def test_reader_cache_layer_rebuild_has_one_cta_per_page(tmp_path):
    root = tmp_path / "reader-cache"
    root.mkdir()
    settings = {
        "THEME": "simple",
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CONTENT_CACHING_LAYER": "reader",
        "JOURNEY_FAIL_ON": "never",
    }
    build_site(root, SITE, settings)
    check_site(build_site(root, None, settings))


def test_injected_content_pickles_without_the_block(site):
    built = site(SITE, JOURNEY_FAIL_ON="never", THEME="simple")
    doc = next(d for d in built.analysis.index.documents if d.key == "tips.md")
    assert "journey-cta" in doc.content.content
    copy = pickle.loads(pickle.dumps(doc.content))
    assert type(copy) is type(doc.content)  # Pelican's own class, never swapped
    assert vars(copy).keys() == vars(doc.content).keys()  # nothing added
    assert "journey-cta" not in copy.content
    assert copy.title == doc.content.title


def own_theme(root: Path, templates: dict[str, str]) -> str:
    theme = root / "theme"
    write_files(theme / "templates", templates)
    return str(theme)


BASE = """
    <!DOCTYPE html>
    <html lang="nl"><head><meta charset="utf-8"><title>{{ SITENAME }}</title></head>
    <body>{% block content %}{% endblock %}
    {% block journey %}{% endblock %}</body></html>
"""


def test_theme_that_includes_the_partials_gets_no_injection(site, tmp_path):
    theme = own_theme(
        tmp_path,
        {
            "base.html": BASE,
            # article.html includes the partials itself ...
            "article.html": """
                {% extends "base.html" %}
                {% block content %}<div class="body">{{ article.content }}</div>
                {% include "journey/cta.html" ignore missing %}
                {% include "journey/next.html" ignore missing %}
                {% include "journey/progress.html" ignore missing %}{% endblock %}
            """,
            # ... page.html through a template it includes.
            "page.html": """
                {% extends "base.html" %}
                {% block content %}<div class="body">{{ page.content }}</div>
                {% include "journey-slot.html" %}{% endblock %}
            """,
            "journey-slot.html": """
                {% include ["journey/cta.html", "journey/next.html"] %}
                {% include "journey/next.html" %}
            """,
        },
    )
    built = site(SITE, JOURNEY_FAIL_ON="never", THEME=theme)
    check_site(built)
    for page in EXPECTED:
        tree = parse(built.output / page)
        (body,) = blocks(tree, "body")
        assert not blocks(body, "journey-cta"), page
        assert not blocks(body, "journey-next"), page
    progress = parse(built.output / "tips.html").xpath("//nav[@aria-label]")
    assert [n.get("class") for n in progress] == ["journey-next", "journey-progress"]
    current = progress[1].xpath(".//li[@aria-current='step']")
    # Visitors read the customer's question, not the phase label.
    assert [li.text for li in current] == ["Heb ik dit nodig?"]


def test_theme_that_includes_only_the_cta_gets_next_steps_injected(site, tmp_path):
    theme = own_theme(
        tmp_path,
        {
            "base.html": BASE,
            "article.html": """
                {% extends "base.html" %}
                {% block content %}<div class="body">{{ article.content }}</div>
                {% endblock %}
                {% block journey %}{% include "journey/cta.html" %}{% endblock %}
            """,
        },
    )
    built = site(SITE, JOURNEY_FAIL_ON="never", THEME=theme)
    check_site(built)
    tree = parse(built.output / "tips.html")
    (body,) = blocks(tree, "body")
    assert not blocks(body, "journey-cta")
    assert len(blocks(body, "journey-next")) == 1
    # Pages use simple's page.html, which includes nothing: both injected.
    assert "journey-cta" in built.html("pages/contact.html").split("<footer")[0]


def test_theme_override_of_a_partial_is_used_for_injection(site, tmp_path):
    theme = own_theme(
        tmp_path,
        {
            "journey/cta.html": """
                {% set doc = page if page is defined else article %}
                {% if doc.journey.cta %}
                <aside class="journey-cta shop-cta" aria-labelledby="shop-cta"
                  data-journey-phase="{{ doc.journey.phase.id }}">
                <h3 id="shop-cta">Tip van de winkel</h3>
                <a href="{{ SITEURL }}/{{ doc.journey.cta.url }}">
                {{ doc.journey.cta.label }}</a></aside>
                {% endif %}
            """,
        },
    )
    built = site(SITE, JOURNEY_FAIL_ON="never", THEME=theme, RELATIVE_URLS=True)
    check_site(built)
    for page in EXPECTED:
        assert len(blocks(parse(built.output / page), "shop-cta")) == 1, page


@pytest.mark.parametrize(("mode", "expected"), [("content", 1), ("theme", 0)])
def test_forced_modes(site, tmp_path, mode, expected):
    built = site(SITE, JOURNEY_FAIL_ON="never", THEME="simple", JOURNEY_INJECT=mode)
    for page in EXPECTED:
        assert len(blocks(parse(built.output / page), "journey-cta")) == expected
    warned = "JOURNEY_INJECT is 'theme'" in built.log
    assert warned == (mode == "theme")


def test_inject_false_adds_nothing_but_keeps_template_data(site, tmp_path):
    theme = own_theme(
        tmp_path,
        {
            "base.html": BASE,
            "article.html": """
                {% extends "base.html" %}
                {% block content %}<div class="body">{{ article.content }}</div>
                CTA[{{ article.journey.cta.label if article.journey.cta }}]
                {% endblock %}
            """,
        },
    )
    built = site(SITE, JOURNEY_FAIL_ON="never", THEME=theme, JOURNEY_INJECT=False)
    assert built.exit_code == 0
    for page in [*EXPECTED, *UNTAGGED]:
        tree = parse(built.output / page)
        assert not blocks(tree, "journey-cta"), page
        assert not blocks(tree, "journey-next"), page
    assert "CTA[Lees de uitleg: Zo poets je je fiets]" in built.html("tips.html")


def test_injected_block_is_the_markup_of_the_partials(site, tmp_path):
    """Content injection writes what the plugin's partial templates render."""
    import lxml.html

    theme = own_theme(
        tmp_path,
        {
            "base.html": BASE,
            "article.html": """
                {% extends "base.html" %}
                {% block content %}{{ article.content }}{% endblock %}
                {% block journey %}{% include "journey/cta.html" %}
                {% include "journey/next.html" %}{% endblock %}
            """,
            "page.html": """
                {% extends "base.html" %}
                {% block content %}{{ page.content }}{% endblock %}
                {% block journey %}{% include "journey/cta.html" %}
                {% include "journey/next.html" %}{% endblock %}
            """,
        },
    )

    def markup(built, page: str) -> list[str]:
        """The blocks, landmark elements and heading ids as in the partials."""
        tree = parse(built.output / page)
        found = blocks(tree, "journey-cta") + blocks(tree, "journey-next")
        for element in found:
            role = element.attrib.pop("role", None)
            element.tag = {"complementary": "aside", "navigation": "nav"}.get(
                role, element.tag
            )
            if element.get("aria-labelledby"):
                (label,) = element.xpath(
                    f".//*[@id='{element.get('aria-labelledby')}']"
                )
                label.set("id", "journey-cta-title")
                element.set("aria-labelledby", "journey-cta-title")
        return [
            " ".join(lxml.html.tostring(e, encoding="unicode").split()) for e in found
        ]

    for relative in (False, True):
        themed = site(
            SITE, JOURNEY_FAIL_ON="never", THEME=theme, RELATIVE_URLS=relative
        )
        injected = site(SITE, JOURNEY_FAIL_ON="never", RELATIVE_URLS=relative)
        for page in [*EXPECTED, "tips-en.html"]:
            assert markup(themed, page) == markup(injected, page), page
            final = EXPECTED.get(page, ("",))[0] == "aftercare"
            assert len(markup(themed, page)) == (1 if final else 2), page


@pytest.mark.browser
def test_injected_block_reads_as_content_in_a_third_party_theme(site, browser):
    """Reflex styles every <aside> as its fixed sidebar and hides text in
    <main nav>: the injected block must still show in the article's column."""
    built = site(SITE, JOURNEY_FAIL_ON="never", RELATIVE_URLS=True, **REFLEX)
    url = (built.output / "tips.html").as_uri()
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    try:
        page.goto(url)
        text = page.locator(".entry-content").bounding_box()
        cta = page.locator(".journey-cta__link").bounding_box()
        title = page.locator(".journey-next__title")
        title_box = title.bounding_box()
        position = page.locator(".journey-cta").evaluate(
            "e => getComputedStyle(e).position"
        )
    finally:
        page.close()
    assert position != "fixed"
    assert text["x"] <= cta["x"] < text["x"] + text["width"]
    assert cta["y"] < text["y"] + text["height"]
    assert title_box["height"] > 10
    assert text["x"] <= title_box["x"]


def test_the_plugins_own_block_is_rendered_when_asked_not_kept(site):
    """With the plugin's own partials, a page keeps what its block shows, not
    the rendered block (memory budget, SPEC §9): the block is the same each
    time it is asked for, and is what the written page has. Pages with the
    same next steps share one block, rendered for each page."""
    built = site(SITE, THEME="simple", JOURNEY_INJECT="content")
    assert built.exit_code == 0, built.log
    state = built.analysis.attached
    assert state is not None
    pages = [
        d.content
        for d in built.analysis.index.documents
        if state.blocks.get(id(d.content))
    ]
    assert pages
    blocks = {id(state.blocks[id(p)]) for p in pages}
    assert len(blocks) < len(pages)  # shared
    for page in pages:
        block = state.blocks[id(page)]
        assert callable(block) and not isinstance(block, str)
        siteurl = page.get_siteurl()
        assert block(page, siteurl) == block(page, siteurl)
        assert block(page, siteurl).startswith('<div class="journey-')
        # The CTA's id noted per page at injection is the one made from the
        # page's key when asked for (a block called for a page it has no id
        # of makes it).
        plain = block.replace(_idents={})
        assert plain(page, siteurl) == block(page, siteurl)
        if block.cta:
            cta = with_siteurl(cta_html(page.journey, content_key(page)), siteurl)
            assert block(page, siteurl).startswith(cta)
            assert f'id="{cta_ident(content_key(page))}"' in cta
        written = (built.output / page.save_as).read_text("utf-8")
        assert block(page, siteurl).splitlines()[0] in written  # its opening tag
        assert block(page, siteurl) in written


def test_next_step_links_are_made_once_per_shared_list(site):
    """Pages share their next-step lists: each list's links are made once,
    equal to the links made for the page alone, also for a list that is
    equal but not the same object, an empty list and a URL next step."""
    from pelican.plugins.journey.render.inject import PARTIALS, Blocks
    from pelican.plugins.journey.site.links import Target

    built = site(SITE, THEME="simple", JOURNEY_INJECT="content")
    assert built.exit_code == 0, built.log
    docs = [d for d in built.analysis.index.documents if d.phases and d.next_steps]
    shared = Blocks()
    by_list: dict[int, list] = {}
    for doc in docs:
        block = shared.of(doc, PARTIALS)
        alone = Blocks().of(doc, PARTIALS)
        assert block is not None and alone is not None
        assert block.steps == alone.steps
        assert [s.url for s in block.steps] == [s.url for s in doc.next_steps]
        by_list.setdefault(id(doc.next_steps), []).append(block.steps)
    assert any(len(found) > 1 for found in by_list.values())  # shared lists
    for found in by_list.values():
        assert all(steps is found[0] for steps in found)
    first = docs[0]
    copy = list(first.next_steps)  # equal, not the same list
    assert shared._steps_of(copy) == shared._steps_of(first.next_steps)
    assert shared._steps_of([]) == ()
    away = Target("https://shop.example/", "https://shop.example/", True, "x")
    (link,) = shared._steps_of([away])
    assert link.url == "https://shop.example/" and link.external
