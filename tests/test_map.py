"""journey-map.html on real builds: structure, language, gaps, self-containment."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import jinja2
import lxml.html

from pelican.plugins.journey.report import journey_map as journey_map_module

PERSONAS = {
    "forens": {"label": "Forens", "description": "Fietst elke dag naar het werk."},
    "senior": {"label": {"nl": "Senior", "en": "Senior rider"}},
}

GAPPY = {
    "ketting.md": """
        Title: Vijf tekenen dat je ketting op is
        Date: 2026-01-05
        Phase: awareness
        Persona: forens

        Tekst zonder links.
    """,
    "accu.md": """
        Title: Hoe lang gaat een accu mee?
        Date: 2026-01-06
        Phase: decision
        Persona: senior

        Lees [onze tarieven]({filename}pages/tarieven.md).
    """,
    "pages/tarieven.md": """
        Title: Tarieven
        Phase: purchase
        Touchpoint: pricing

        [Contact]({filename}contact.md)
    """,
    "pages/contact.md": """
        Title: Contact
        Phase: aftercare
        Touchpoint: contact

        Bel [020-1234567](tel:0201234567).
    """,
    "pages/nieuws.md": """
        Title: Nieuws

        Zonder fase.
    """,
}


def map_tree(built, rel: str = "journey-map.html"):
    path = built.reports / rel
    return path, lxml.html.fromstring(path.read_text(encoding="utf-8"))


def column(tree, phase_id: str):
    (element,) = tree.xpath(f'//li[@data-phase="{phase_id}"]')
    return element


def card_titles(element) -> list[str]:
    return [
        t.text_content().strip()
        for t in element.xpath('.//li[contains(@class, "jm-card")]/h4')
    ]


def test_gappy_site_map_shows_phases_pages_gaps_and_personas(site):
    built = site(GAPPY, JOURNEY_PERSONAS=PERSONAS, JOURNEY_INJECT=False)
    path, tree = map_tree(built)
    assert tree.get("lang") == "nl"
    model = built.analysis.index.model
    columns = tree.xpath('//ol[contains(@class, "jm-columns")]/li')
    assert [c.get("data-phase") for c in columns] == list(model.ids)
    for phase in model.phases:
        text = column(tree, phase.id).text_content()
        assert phase.label("nl") in text
        assert phase.question("nl") in text
    assert card_titles(column(tree, "awareness")) == [
        "Vijf tekenen dat je ketting op is"
    ]
    assert card_titles(column(tree, "decision")) == ["Hoe lang gaat een accu mee?"]
    assert card_titles(column(tree, "purchase")) == ["Tarieven"]
    assert card_titles(column(tree, "aftercare")) == ["Contact"]
    gaps = [c.get("data-phase") for c in columns if "jm-phase--gap" in c.get("class")]
    assert gaps == ["consideration", "experience"]
    assert "Gat: geen gepubliceerde inhoud" in column(tree, "experience").text_content()
    assert "Nieuws" in tree.xpath('//section[@class="jm-untagged"]')[0].text_content()

    # Persona filter: radio buttons with labels, and a plain list per persona.
    radios = tree.xpath('//input[@type="radio"][@name="jm-persona"]')
    assert [r.get("id") for r in radios] == ["jm-p-all", "jm-p-forens", "jm-p-senior"]
    for radio in radios:
        assert tree.xpath(f'//label[@for="{radio.get("id")}"]')
    style = tree.xpath("//style")[0].text
    assert "#jm-p-forens:checked" in style
    persona = tree.xpath('//section[@aria-labelledby="jm-persona-senior"]')[0]
    assert "Hoe lang gaat een accu mee?" in persona.text_content()
    assert "Vijf tekenen" not in persona.text_content()
    card = tree.xpath('//li[@data-phase="awareness"]//li[contains(@class,"jm-card")]')
    assert card[0].get("data-personas") == "forens"

    # Findings sit on their card; link facts are listed.
    awareness = column(tree, "awareness")
    assert "dead-end" in awareness.text_content()
    assert "dead-end" not in column(tree, "aftercare").text_content()
    facts = tree.xpath('//section[@id="jm-facts"]')[0].text_content()
    assert "Contact" in facts
    assert "Vijf tekenen dat je ketting op is" in facts  # a dead end and orphan
    # The card links to the written page, relative to the report folder.
    (link,) = column(tree, "purchase").xpath(".//h4/a")
    assert (path.parent / link.get("href")).resolve() == (
        built.output / "pages" / "tarieven.html"
    ).resolve()
    assert_self_contained(path.read_text(encoding="utf-8"))


def assert_self_contained(text: str) -> None:
    tree = lxml.html.fromstring(text)
    for element in tree.iter():
        for attribute in ("src", "href", "srcset", "action", "data", "poster"):
            value = (element.get(attribute) or "").strip().lower()
            assert not value.startswith(("http://", "https://", "//")), value
    assert not tree.xpath("//script[@src] | //link | //iframe | //img | //object")
    assert "@import" not in text
    assert not re.search(r"url\(", text)
    assert "http://" not in text
    assert "https://" not in text


def test_map_in_english_with_siteurl_stays_offline(site):
    built = site(
        GAPPY,
        JOURNEY_LANG="en",
        SITEURL="https://fietsen.example",
        JOURNEY_INJECT=False,
    )
    path, tree = map_tree(built)
    assert tree.get("lang") == "en"
    assert "Customer journey map" in tree.xpath("//h1")[0].text_content()
    assert "Do I need it?" in column(tree, "awareness").text_content()
    assert "Gap: no published content" in column(tree, "experience").text_content()
    assert not tree.xpath('//input[@name="jm-persona"]')  # no personas configured
    assert_self_contained(path.read_text(encoding="utf-8"))


def test_map_written_atomically_even_when_the_build_fails(site):
    files = {
        **GAPPY,
        "fout.md": "Title: Fout\nDate: 2026-01-09\nPhase: bewustwordingg\n\nx\n",
    }
    built = site(files)
    assert built.exit_code == 3
    path, tree = map_tree(built)
    assert "unknown-phase" in tree.text_content()
    leftovers = [p.name for p in path.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_clicks_and_onward_links_on_cards(site):
    built = site(GAPPY, DISPLAY_PAGES_ON_MENU=False, JOURNEY_INJECT=False)
    _, tree = map_tree(built)
    contact = column(tree, "aftercare").text_content()
    assert "onbereikbaar" not in contact  # accu (on the index) -> tarieven -> contact
    decision = column(tree, "decision").text_content()
    assert re.search(r"Links naar een volgende fase\s*1", decision)
    assert re.search(r"Klikken vanaf de startpagina\s*1", decision)


def test_map_in_site_uses_the_theme(site):
    built = site(
        GAPPY, JOURNEY_PERSONAS=PERSONAS, JOURNEY_MAP_IN_SITE=True, THEME="simple"
    )
    page = built.html("journey-map/index.html")
    assert 'id="journey-map"' in page
    assert "Testfietsen" in page  # the theme's base.html: site name in header
    tree = lxml.html.fromstring(page)
    (link,) = tree.xpath('//li[@data-phase="purchase"]//h4/a')
    assert link.get("href") == "../pages/tarieven.html"
    assert len(tree.xpath("//main")) <= 1


def test_map_in_site_falls_back_when_base_does_not_extend(site, tmp_path: Path):
    theme = tmp_path / "bare-theme"
    (theme / "templates").mkdir(parents=True)
    for name in ("base.html", "index.html", "article.html", "page.html"):
        (theme / "templates" / name).write_text("<p>bare</p>", encoding="utf-8")
    built = site(
        GAPPY, JOURNEY_PERSONAS=PERSONAS, JOURNEY_MAP_IN_SITE=True, THEME=str(theme)
    )
    page = built.html("journey-map/index.html")
    assert page.startswith("<!DOCTYPE html>")
    assert 'id="journey-map"' in page
    assert "<main" in page


def test_no_map_in_site_by_default(site):
    built = site(GAPPY)
    assert not (built.output / "journey-map").exists()
    assert (built.reports / "journey-map.html").is_file()


def test_unwritable_report_folder_is_one_line_not_a_traceback(site, tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the report folder should be", encoding="utf-8")
    built = site(
        GAPPY, JOURNEY_PERSONAS=PERSONAS, JOURNEY_REPORT_PATH=str(blocker / "r")
    )
    # Reports that cannot be written fail the build (issue 12, exit 1), before
    # any page, in one line naming the folder.
    assert built.exit_code == 1
    lines = [line for line in built.log.splitlines() if "niet schrijven" in line]
    assert len(lines) == 1
    assert str(blocker) in lines[0]
    assert "Traceback" not in built.log
    assert not (built.output / "pages" / "tarieven.html").exists()


def test_map_of_an_empty_site_with_another_model(site):
    built = site({"static.txt": "no content"}, JOURNEY_MODEL="5k", JOURNEY_LANG="en")
    _, tree = map_tree(built)
    columns = tree.xpath('//ol[contains(@class, "jm-columns")]/li')
    assert [c.get("data-phase") for c in columns] == [
        "komen",
        "kijken",
        "keuren",
        "kiezen",
        "kopen",
    ]
    assert all("jm-phase--gap" in c.get("class") for c in columns)
    assert "No page links to a later phase." in tree.text_content()
    assert "no contact page in the final phase" in tree.text_content()


MAP_TEMPLATES = sorted(
    p.name
    for p in (Path(journey_map_module.__file__).parent / "templates").iterdir()
    if p.name.startswith("journey-map")
)


def test_map_templates_are_compiled_once_then_loaded_from_jinjas_cache(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    first = journey_map_module._environment()
    for name in MAP_TEMPLATES:
        first.get_template(name)
    cached = list(tmp_path.glob("_jinja2-cache-*/*.cache"))
    assert len(cached) == len(MAP_TEMPLATES) >= 7

    # A new environment (the next build's process) compiles nothing.
    def no_compile(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(jinja2.Environment, "compile", no_compile)
    second = journey_map_module._environment()
    for name in MAP_TEMPLATES:
        assert second.get_template(name).root_render_func is not None


def test_map_templates_compile_without_a_usable_cache_folder(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")  # Jinja cannot make its folder here
    monkeypatch.setattr(tempfile, "tempdir", str(blocked))
    env = journey_map_module._environment()
    assert env.bytecode_cache is None
    for name in MAP_TEMPLATES:
        assert env.get_template(name).root_render_func is not None


def test_card_links_are_where_pelican_saves_each_page(site):
    """Each card links to the file Pelican writes (``save_as``, asked of the
    content object itself, joined to the report folder's way to the output),
    whatever sets it: the URL settings, a page's own ``Save_as``/``URL``, a
    translation, a page saved as a folder's index."""
    import posixpath
    from urllib.parse import quote

    built = site(
        {
            "a.md": "Title: A\nDate: 2026-01-01\nPhase: awareness\n\nx",
            "a-en.md": "Title: A\nDate: 2026-01-01\nLang: en\nSlug: a\n\nx",
            "b.md": (
                "Title: B\nDate: 2026-01-02\nPhase: decision\n"
                "Save_as: eigen/b pagina.html\nURL: eigen/b pagina.html\n\nx"
            ),
            "pages/p.md": "Title: P\nPhase: purchase\n\nx",
            "pages/q.md": "Title: Q\nSave_as: q/index.html\nURL: q/\n\nx",
            "pages/r.md": "Title: R\nSave_as: x/../r.html\nURL: r.html\n\nx",
        },
        ARTICLE_SAVE_AS="posts/{slug}.html",
        ARTICLE_URL="posts/{slug}.html",
        ARTICLE_LANG_SAVE_AS="{lang}/{slug}.html",
        ARTICLE_LANG_URL="{lang}/{slug}/",
    )
    analysis = built.analysis
    folder = built.reports
    link = journey_map_module._report_linker(analysis, folder)
    output = Path(str(analysis.index.context["OUTPUT_PATH"]))
    prefix = Path(os.path.relpath(output, folder)).as_posix()
    documents = analysis.index.documents
    assert len(documents) == 6
    for doc in documents:
        save_as = str(doc.content.save_as or "") or doc.url
        if not save_as or save_as.endswith("/"):
            save_as += "index.html"
        expected = quote(posixpath.normpath(posixpath.join(prefix, save_as)))
        assert link(doc) == expected, doc.source
    assert {link(d).rsplit("/", 1)[-1] for d in documents} >= {
        "b%20pagina.html",
        "a.html",
        "index.html",
        "r.html",
    }


def test_cards_text_is_the_cards_html_as_plain_strings(site, monkeypatch):
    """The map's templates write ``cards_text`` unescaped; a theme's
    template may use ``cards_html``: the same HTML, as markup."""
    from markupsafe import Markup

    views = []
    build_view = journey_map_module.build_view

    def recorded(*args):
        views.append(build_view(*args))
        return views[-1]

    monkeypatch.setattr(journey_map_module, "build_view", recorded)
    site(
        {
            "a.md": "Title: A & 'B'\nDate: 2026-01-01\nPhase: awareness\n\nx",
            "b.md": "Title: B\nDate: 2026-01-02\nPhase: decision\n\nx",
            "pages/p.md": "Title: P\nPhase: purchase, aftercare\n\nx",
        }
    )
    (view,) = views
    for column in view.phases:
        text = list(view.cards_text(column.cards, column.index))
        html = list(view.cards_html(column.cards, column.index))
        assert all(type(chunk) is str for chunk in text)
        assert all(type(chunk) is Markup for chunk in html)
        assert html == text
        assert len(text) == (1 if column.cards else 0)
        for card in column.cards:
            assert card.link in text[0]
    first = view.phases[0]
    assert "A &amp; &#39;B&#39;</a>" in "".join(view.cards_text(first.cards, 1))
