"""Reports that tell the truth: each case a real build that was wrong before.

Titles formatted by Markdown, control characters in file names, ``Next``
targets that are not content, pages that are not part of the journey
(404, hidden), templates that never print their content, the map's label of
untagged cards, an empty ``Phase:`` and settings that quietly overrode each
other or put the reports where they do harm.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import lxml.html
import pytest

CONTACT = """
    Title: Contact
    Phase: aftercare
    Touchpoint: contact

    Bel [020-1234567](tel:0201234567).
"""


def finding_lines(built, rule: str) -> list[str]:
    return [line for line in built.log.splitlines() if f"[{rule}]" in line]


def findings(built, rule: str) -> list:
    return [f for f in built.analysis.findings if f.rule == rule]


# -- FORMATTED_FIELDS = ["title"] -------------------------------------------


def test_formatted_titles_are_plain_text_in_reports_and_links(site):
    built = site(
        {
            "pages/start.md": """
                Title: Waarom *een* e-bike
                Slug: start
                Phase: awareness
                Next: none
                CTA: none

                Geen links.
            """,
            "pages/kies.md": """
                Title: Kies **de** juiste fiets
                Slug: kies
                Phase: consideration

                Tekst.
            """,
            "pages/vooraf.md": """
                Title: Vooraf
                Slug: vooraf
                Phase: awareness
                CTA: none

                Tekst.
            """,
            "pages/contact.md": CONTACT,
        },
        FORMATTED_FIELDS=["summary", "title"],
        JOURNEY_FAIL_ON="never",
    )
    assert built.exit_code == 0
    # Pelican really formatted the title (else this test proves nothing).
    page = built.html("pages/start.html")
    assert "<p>Waarom <em>een</em> e-bike</p>" in page
    # Console (log) and report.json: plain text.
    (dead,) = finding_lines(built, "dead-end")
    assert "'Waarom een e-bike'" in dead
    assert "<p>" not in built.log and "&lt;p&gt;" not in built.log
    titles = {c["title"] for p in built.report()["phases"] for c in p["content"]}
    assert "Waarom een e-bike" in titles
    assert "Kies de juiste fiets" in titles
    # JUnit: plain text in the failure message and text.
    junit = (built.reports / "junit.xml").read_text(encoding="utf-8")
    assert "Waarom een e-bike" in junit
    assert "&lt;p&gt;" not in junit and "<p>" not in junit
    # The map: the card titles are plain text, no literal tags.
    journey_map = (built.reports / "journey-map.html").read_text(encoding="utf-8")
    tree = lxml.html.fromstring(journey_map)
    cards = [t.text_content().strip() for t in tree.xpath("//h4")]
    assert "Waarom een e-bike" in cards
    assert "&lt;p&gt;" not in journey_map
    # Next-step links: never a <p> inside an <a>.
    vooraf = built.html("pages/vooraf.html")
    block = vooraf[vooraf.index('class="journey-next"') :]
    links = re.findall(r"<a [^>]*>(.*?)</a>", block, re.S)
    assert links, block
    assert "Kies de juiste fiets" in links
    for text in links:
        assert "<p" not in text, text


# -- junit.xml and control characters ---------------------------------------


def test_junit_is_well_formed_when_a_file_name_has_control_characters(site):
    built = site(
        {
            "pages/bad\x01na\x1bme.md": "Title: Raar\n\nGeen fase.\n",
            "pages/contact.md": CONTACT,
        },
        JOURNEY_FAIL_ON="never",
    )
    assert built.exit_code == 0
    sources = [f.source for f in findings(built, "untagged")]
    assert any("\x01" in s for s in sources), sources
    tree = ET.parse(built.reports / "junit.xml")  # raises when not well-formed
    text = "".join(tree.getroot().itertext())
    # The file is still named, with the forbidden characters escaped.
    assert "bad\\x01na\\x1bme.md" in text


# -- Next: an external URL and a page that is not content --------------------


NEXT_FILES = {
    "pages/kopen.md": """
        Title: Kopen
        Phase: purchase
        Next: https://shop.example.com/, /archives.html
        CTA: none

        Bestel bij ons.
    """,
    "pages/contact.md": CONTACT,
}


def test_next_external_and_non_content_targets_are_rendered(site):
    built = site(NEXT_FILES, JOURNEY_FAIL_ON="never")
    assert built.exit_code == 0
    assert not findings(built, "broken-target")
    page = built.html("pages/kopen.html")
    block = page[page.index('class="journey-next"') :]
    block = block[: block.index("</div>")]
    assert 'href="https://shop.example.com/"' in block
    assert 'href="/archives.html"' in block
    # The owner chose where the visitor goes next: not a dead end.
    assert not findings(built, "dead-end")


def test_next_targets_through_the_partial_in_a_theme(site, tmp_path: Path):
    theme = tmp_path / "partial-theme" / "templates"
    theme.mkdir(parents=True)
    for name in ("page.html", "article.html"):
        (theme / name).write_text(
            "{{ (page or article).content }}"
            '{% include "journey/next.html" ignore missing %}',
            encoding="utf-8",
        )
    for name in ("index.html", "archives.html", "tags.html", "categories.html"):
        (theme / name).write_text("x", encoding="utf-8")
    (theme / "authors.html").write_text("x", encoding="utf-8")
    built = site(NEXT_FILES, THEME=str(theme.parent), JOURNEY_FAIL_ON="never")
    page = built.html("pages/kopen.html")
    assert '<nav class="journey-next"' in page
    assert 'href="https://shop.example.com/"' in page
    assert 'href="/archives.html"' in page


def test_next_to_a_missing_page_is_a_finding_and_not_rendered(site):
    files = dict(NEXT_FILES)
    files["pages/kopen.md"] = files["pages/kopen.md"].replace(
        "/archives.html", "/nergens.html"
    )
    built = site(files, JOURNEY_FAIL_ON="never")
    (broken,) = findings(built, "broken-target")
    assert "/nergens.html" in broken.message
    page = built.html("pages/kopen.html")
    assert "nergens.html" not in page
    assert 'href="https://shop.example.com/"' in page


# -- pages that are no part of the journey -----------------------------------


def test_404_and_hidden_pages_are_not_untagged(site):
    built = site(
        {
            "pages/404.md": """
                Title: Niet gevonden
                Template: page
                Save_as: 404.html
                URL: 404.html

                Deze pagina bestaat niet.
            """,
            "pages/oeps.md": """
                Title: Oeps
                Status: hidden
                Slug: oeps

                Verborgen.
            """,
            "pages/fout.md": """
                Title: Fout
                Template: 404

                Nog een foutpagina.
            """,
            "pages/los.md": "Title: Los\n\nEcht ongetagd.\n",
            "pages/contact.md": CONTACT,
        },
        THEME="klantreis",  # a theme with a 404 template
        JOURNEY_FAIL_ON="never",
    )
    assert built.exit_code == 0
    untagged = [f.source for f in findings(built, "untagged")]
    assert untagged == ["content/pages/los.md"]
    summary = built.report()["summary"]
    assert summary["untagged"] == 1
    assert summary["content"] == 2  # los + contact


GALLERY_FILES = {
    "pages/fotos.md": """
        Title: Foto's
        Phase: awareness
        Template: gallery
        Next: none
        CTA: none

        Zie [onze prijzen]({filename}prijzen.md).
    """,
    "pages/gewoon.md": """
        Title: Gewoon
        Phase: awareness
        Next: none
        CTA: none

        Zie [onze prijzen]({filename}prijzen.md).
    """,
    "pages/prijzen.md": """
        Title: Prijzen
        Phase: purchase

        Vanaf € 10.
    """,
    "pages/contact.md": CONTACT,
}


def _gallery_theme(root: Path, prints_content: bool) -> Path:
    import pelican

    simple = Path(pelican.__file__).parent / "themes" / "simple" / "templates"
    theme = root / ("printing" if prints_content else "gallery") / "templates"
    theme.mkdir(parents=True)
    body = "{{ page.content }}" if prints_content else "<p>{{ page.title }}</p>"
    (theme / "gallery.html").write_text(
        '{% extends "base.html" %}{% block content %}'
        '<div class="gallery">' + body + "</div>{% endblock %}",
        encoding="utf-8",
    )
    for source in simple.iterdir():
        (theme / source.name).write_text(source.read_text(encoding="utf-8"))
    return theme.parent


def test_links_of_content_a_template_never_prints_are_not_counted(site, tmp_path):
    built = site(
        GALLERY_FILES,
        THEME=str(_gallery_theme(tmp_path, prints_content=False)),
        JOURNEY_FAIL_ON="never",
    )
    page = built.html("pages/fotos.html")
    gallery = page[page.index('<div class="gallery">') :]
    gallery = gallery[: gallery.index("</div>")]
    assert "prijzen.html" not in gallery  # the visitor cannot follow the link
    dead = {f.source for f in findings(built, "dead-end")}
    assert "content/pages/fotos.md" in dead
    assert "content/pages/gewoon.md" not in dead
    # The map says why: the template does not show the text.
    tree = lxml.html.fromstring(
        (built.reports / "journey-map.html").read_text(encoding="utf-8")
    )
    notes = {
        card.xpath(".//h4")[0].text_content().strip(): card.text_content()
        for card in tree.xpath(
            '//li[@data-phase="awareness"]//li[contains(@class, "jm-card")]'
        )
    }
    assert "template toont de tekst niet" in notes["Foto's"]
    assert "template toont de tekst niet" not in notes["Gewoon"]


def test_a_cta_added_to_content_a_template_never_prints_is_not_counted(site, tmp_path):
    files = dict(GALLERY_FILES)
    files["pages/fotos.md"] = files["pages/fotos.md"].replace("CTA: none\n", "")
    built = site(
        files,
        THEME=str(_gallery_theme(tmp_path, prints_content=False)),
        JOURNEY_CTAS={
            "awareness": {"label": "Bekijk de prijzen", "target": "/pages/prijzen.html"}
        },
        JOURNEY_FAIL_ON="never",
    )
    page = built.html("pages/fotos.html")
    assert "Bekijk de prijzen" not in page  # the visitor never sees the CTA
    dead = {f.source for f in findings(built, "dead-end")}
    assert "content/pages/fotos.md" in dead
    # The map does not show a CTA the visitor cannot see.
    tree = lxml.html.fromstring(
        (built.reports / "journey-map.html").read_text(encoding="utf-8")
    )
    (card,) = [
        c
        for c in tree.xpath(
            '//li[@data-phase="awareness"]//li[contains(@class, "jm-card")]'
        )
        if "Foto" in c.xpath(".//h4")[0].text_content()
    ]
    assert "Bekijk de prijzen" not in card.text_content()


def test_links_of_a_custom_template_that_prints_content_count(site, tmp_path):
    built = site(
        GALLERY_FILES,
        THEME=str(_gallery_theme(tmp_path, prints_content=True)),
        JOURNEY_FAIL_ON="never",
    )
    page = built.html("pages/fotos.html")
    gallery = page[page.index('<div class="gallery">') :]
    assert "prijzen.html" in gallery[: gallery.index("</div>")]
    assert not findings(built, "dead-end")


# -- the map's label of untagged cards ---------------------------------------


def test_map_does_not_say_untagged_cards_have_a_phase_in_metadata(site):
    built = site(
        {
            "pages/los.md": "Title: Los\n\nOngetagd.\n",
            "pages/contact.md": CONTACT,
        },
        JOURNEY_FAIL_ON="never",
    )
    tree = lxml.html.fromstring(
        (built.reports / "journey-map.html").read_text(encoding="utf-8")
    )
    (section,) = tree.xpath('//section[contains(@class, "jm-untagged")]')
    (card,) = section.xpath('.//li[contains(@class, "jm-card")]')
    meta = card.xpath('.//p[contains(@class, "jm-card__meta")]')[0].text_content()
    assert "fase in metadata" not in meta
    assert "zonder fase" in meta
    # (flagged: the contact page has no CTA, which missing-cta reports)
    card_xpath = '//li[@data-phase="aftercare"]//li[contains(@class, "jm-card")]'
    (contact,) = tree.xpath(card_xpath)
    assert "zonder fase" not in contact.text_content()  # declared: no tag at all


# -- an empty Phase ----------------------------------------------------------


@pytest.mark.parametrize("value", [",,,", "", " ; "])
def test_empty_phase_value_says_it_is_empty(site, value):
    built = site(
        {
            "pages/leeg.md": f"Title: Leeg\nPhase: {value}\n\nTekst.\n",
            "pages/contact.md": CONTACT,
        },
        JOURNEY_FAIL_ON="never",
        JOURNEY_LANG="en",
    )
    (finding,) = findings(built, "untagged")
    assert finding.source == "content/pages/leeg.md"
    assert "empty" in finding.message
    assert "add 'Phase:'" not in finding.message
    assert "awareness" in finding.message  # says what to fill in


# -- settings ----------------------------------------------------------------


def _one_line(built) -> str:
    lines = [line for line in built.log.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    return lines[0]


def test_category_phases_differing_only_in_case_are_refused(site):
    built = site(
        {"a.md": "Title: A\nDate: 2026-01-01\nCategory: Blog\n\nx\n"},
        JOURNEY_CATEGORY_PHASES={"Blog": "decision", "blog": "awareness"},
    )
    assert built.exit_code == 2
    line = _one_line(built)
    assert "JOURNEY_CATEGORY_PHASES" in line
    assert "'Blog'" in line and "'blog'" in line
    assert "Traceback" not in built.log


def test_report_path_at_the_file_system_root_is_refused(site):
    built = site({"a.md": "Title: A\nDate: 2026-01-01\n\nx\n"}, JOURNEY_REPORT_PATH="/")
    assert built.exit_code == 2
    line = _one_line(built)
    assert "JOURNEY_REPORT_PATH" in line and "'/'" in line
    assert not (built.output / "a.html").exists()


@pytest.mark.parametrize("where", ["content", "content/reports"])
def test_report_path_in_the_content_folder_is_refused(site, where):
    built = site(
        {"a.md": "Title: A\nDate: 2026-01-01\n\nx\n"}, JOURNEY_REPORT_PATH=where
    )
    assert built.exit_code == 2
    line = _one_line(built)
    assert "JOURNEY_REPORT_PATH" in line and repr(where) in line
    assert "PATH" in line
    assert not (built.root / "content" / "report.json").exists()
    assert not (built.root / "content" / "reports").exists()


def test_report_path_in_the_output_folder_is_written_with_a_warning(site):
    built = site(
        {"a.md": "Title: A\nDate: 2026-01-01\n\nx\n", "pages/contact.md": CONTACT},
        JOURNEY_REPORT_PATH="output",
        JOURNEY_FAIL_ON="never",
    )
    assert built.exit_code == 0
    warned = [
        line
        for line in built.log.splitlines()
        if "JOURNEY_REPORT_PATH" in line and "OUTPUT_PATH" in line
    ]
    assert len(warned) == 1, built.log
    assert (built.output / "report.json").is_file()


def test_suggest_leaves_an_error_page_alone(tmp_path, capsys, monkeypatch):
    from pelican.plugins.journey.cli import main

    monkeypatch.setenv("COLUMNS", "250")
    root = tmp_path / "site"
    (root / "content" / "pages").mkdir(parents=True)
    (root / "pelicanconf.py").write_text(
        'SITENAME = "x"\nPATH = "content"\nTHEME = "klantreis"\n'
        'DEFAULT_LANG = "en"\nTIMEZONE = "UTC"\nPLUGINS = ["journey"]\n'
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n",
        encoding="utf-8",
    )
    missing = root / "content" / "pages" / "404.md"
    missing.write_text(
        "Title: Page not found\nTemplate: 404\nSave_as: 404.html\n\n"
        "Sorry, this page does not exist. Contact our support team by phone.\n",
        encoding="utf-8",
    )
    repair = root / "content" / "pages" / "repair.md"
    repair.write_text(
        "Title: Warranty and repairs\n\nSomething broken? We repair it under "
        "warranty. Contact our support team by phone.\n",
        encoding="utf-8",
    )
    before = missing.read_bytes()
    assert main(["suggest", "-s", str(root / "pelicanconf.py"), "--write"]) == 0
    out = capsys.readouterr().out
    assert "repair.md" in out
    assert "404.md" not in out
    assert missing.read_bytes() == before
