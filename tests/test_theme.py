"""The klantreis theme on real builds: example site, theme by name, no plugin."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pelican
import pytest
from example_site import ROOT, build_example, write_files
from pelican.plugins import journey

PARTIALS = ("cta", "next", "progress")


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    built = build_example(tmp_path_factory.mktemp("example"))
    assert built.exit_code == 0
    return built.output


class _Assets(HTMLParser):
    """Collects the URLs a browser would fetch: link href, script/img src."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in {
            "link": ("href",),
            "script": ("src",),
            "img": ("src", "srcset"),
        }.get(tag, ()):
            if attrs.get(name):
                self.urls.append((tag, attrs[name]))


def test_no_asset_is_loaded_from_elsewhere(example):
    pages = sorted(example.rglob("*.html"))
    assert len(pages) > 20
    seen = 0
    for page in pages:
        parser = _Assets()
        parser.feed(page.read_text(encoding="utf-8"))
        seen += len(parser.urls)
        for tag, url in parser.urls:
            assert not url.strip().lower().startswith(("http:", "https:", "//")), (
                f"{page.relative_to(example)}: <{tag}> loads {url}"
            )
    assert seen > len(pages)  # every page links at least its stylesheet
    css = (example / "theme" / "css" / "klantreis.css").read_text(encoding="utf-8")
    assert not re.search(r"url\(\s*['\"]?(https?:|//)", css)
    assert "@import" not in css


def test_example_pages_have_language_contact_and_translations(example):
    index = (example / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in index
    assert 'href="tel:0123456789"' in index
    assert 'href="mailto:werkplaats@despaak.example"' in index
    assert 'class="skip-link" href="#main"' in index
    assert 'id="main"' in index
    english = (example / "pages" / "contact-en.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in english
    assert 'hreflang="nl" href="../pages/contact.html"' in english
    dutch = (example / "pages" / "contact.html").read_text(encoding="utf-8")
    assert 'hreflang="en" href="../pages/contact-en.html"' in dutch
    assert "Skip to content" in english and "Direct naar de inhoud" in dutch


def test_example_has_every_page_type(example):
    for rel in (
        "index.html",
        "index2.html",  # pagination
        "archives.html",
        "archief/2026/index.html",  # period archives
        "archief/2026/03/index.html",
        "categories.html",
        "category/advies.html",
        "tags.html",
        "tag/onderhoud.html",
        "authors.html",
        "author/youssef-amrani.html",
        "404.html",
    ):
        assert (example / rel).is_file(), rel
    index = (example / "index.html").read_text(encoding="utf-8")
    assert 'rel="next" href="./index2.html"' in index
    not_found = (example / "404.html").read_text(encoding="utf-8")
    assert "Deze pagina bestaat niet (meer)" in not_found
    assert 'name="robots" content="noindex"' in not_found


def test_example_tags_every_published_document(example):
    del example  # built: now read the sources
    sources = sorted((ROOT / "content").rglob("*.md"))
    assert len(sources) >= 15
    for source in sources:
        text = source.read_text(encoding="utf-8")
        if re.search(r"^Status:\s*hidden", text, re.M):
            continue
        assert re.search(r"^Phase:\s*\S", text, re.M), source.name
        assert re.search(r"^Touchpoint:\s*\S", text, re.M), source.name


THEME_SITE = {
    "pages/diensten.md": """
        Title: Diensten
        Phase: overweging
        Touchpoint: guide
        CTA: Lees onze vijf tips | {filename}/tips.md
        Next: {filename}/tips.md

        Wat we doen. Zie ook [contact]({filename}contact.md).
    """,
    "pages/contact.md": """
        Title: Contact
        Phase: nazorg
        Touchpoint: contact
        CTA: Bekijk wat we voor je fiets doen | {filename}/pages/diensten.md
        Next: {filename}/pages/diensten.md

        Bel [012 345 67 89](tel:0123456789).
    """,
    "pages/los.md": """
        Title: Zonder fase

        Niet getagd.
    """,
    "tips.md": """
        Title: Vijf tips
        Date: 2026-01-05
        Category: Tips
        Phase: besluitvorming
        Touchpoint: blog
        CTA: Neem contact op met de werkplaats | {filename}/pages/contact.md
        Next: {filename}/pages/contact.md

        Tekst over [diensten]({filename}pages/diensten.md).
    """,
}
TAGGED = ("pages/diensten.html", "pages/contact.html", "vijf-tips.html")
SETTINGS = {
    "THEME": "klantreis",
    "KLANTREIS_PHONE": "012 345 67 89",
    "KLANTREIS_EMAIL": "info@example.org",
}


def _count(html: str, cls: str) -> int:
    return len(re.findall(rf'class="{cls}"', html))


def test_theme_by_name_comes_from_the_installed_package(site):
    direct = ["index", "tags", "categories", "authors", "archives", "404"]
    built = site(THEME_SITE, DIRECT_TEMPLATES=direct, **SETTINGS)
    assert built.exit_code == 0, built.log
    installed = Path(pelican.__file__).parent / "themes" / "klantreis"
    assert Path(built.settings["THEME"]) == installed
    css = built.output / "theme" / "css" / "klantreis.css"
    assert css.read_bytes() == (installed / "static/css/klantreis.css").read_bytes()
    assert "Pagina niet gevonden" in built.html("404.html")
    shipped = Path(journey.__file__).parent / "render" / "templates" / "journey"
    for rel in TAGGED:
        html = built.html(rel)
        assert 'href="tel:0123456789"' in html, rel
        assert _count(html, "phase-badge") == 1, rel
        for name in PARTIALS:
            expected = 1 if (shipped / f"{name}.html").is_file() else 0
            assert _count(html, f"journey-{name}") == expected, (rel, name)


def test_theme_includes_each_partial_once_per_document(site, tmp_path):
    overrides = tmp_path / "partials"
    (overrides / "journey").mkdir(parents=True)
    for name in PARTIALS:
        (overrides / "journey" / f"{name}.html").write_text(
            f'<div class="probe-{name}" data-phase="'
            '{{ (page if page is defined else article).journey.phase.id }}"></div>',
            encoding="utf-8",
        )
    built = site(THEME_SITE, THEME_TEMPLATES_OVERRIDES=[str(overrides)], **SETTINGS)
    assert built.exit_code == 0, built.log
    for rel in (*TAGGED, "pages/zonder-fase.html"):
        html = built.html(rel)
        for name in PARTIALS:
            assert _count(html, f"probe-{name}") == 1, (rel, name)
    assert 'class="probe-cta" data-phase="decision"' in built.html("vijf-tips.html")
    for rel in ("index.html", "archives.html", "category/tips.html", "tags.html"):
        assert "probe-" not in built.html(rel), rel


def test_theme_builds_without_the_plugin(tmp_path):
    """A site with ``PLUGINS = []``, built by the ``pelican`` command."""
    write_files(tmp_path / "content", THEME_SITE)
    (tmp_path / "pelicanconf.py").write_text(
        "\n".join(
            [
                'THEME = "klantreis"',
                "PLUGINS = []",
                'PATH = "content"',
                'DEFAULT_LANG = "nl"',
                'TIMEZONE = "Europe/Amsterdam"',
                "FEED_ALL_ATOM = None",
                "CATEGORY_FEED_ATOM = None",
                "RELATIVE_URLS = True",
                *(f"{key} = {value!r}" for key, value in SETTINGS.items()),
            ]
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "journey" not in result.stdout + result.stderr
    output = tmp_path / "output"
    for rel in (*TAGGED, "index.html", "archives.html", "category/tips.html"):
        html = (output / rel).read_text(encoding="utf-8")
        assert 'href="tel:0123456789"' in html, rel
        assert "journey-" not in html, rel
        assert "phase-badge" not in html, rel
    assert '<h1 class="doc__title">Vijf tips</h1>' in (
        output / "vijf-tips.html"
    ).read_text(encoding="utf-8")
