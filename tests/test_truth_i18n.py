"""Reports that tell the truth with ``i18n_subsites`` (nl + en + de).

A real build with the ``pelican-i18n-subsites`` plugin from PyPI: each
language's build writes its own reports, translations inherit their
original's phase inside the subsites as on the main site, and a finding in
one language shows in that language's report.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pelican.plugins import i18n_subsites


def _pages(de_phase: str | None = None) -> dict[str, str]:
    """One page per phase in Dutch, each translated into English and German."""
    phases = [
        ("bewust", "awareness", "guide", "Waarom fietsen", "Why cycling", "Warum"),
        ("vergelijk", "consideration", "guide", "Vergelijken", "Compare", "Vergleich"),
        ("kiezen", "decision", "review", "Kiezen", "Choose", "Wählen"),
        ("kopen", "purchase", "pricing", "Bestellen", "Order", "Bestellen DE"),
        ("gebruik", "experience", "service", "Onderhoud", "Upkeep", "Wartung"),
        ("contact", "aftercare", "contact", "Contact", "Contact us", "Kontakt"),
    ]
    files: dict[str, str] = {}
    for slug, phase, touchpoint, nl, en, de in phases:
        phone = " Bel 010-1234567." if slug == "contact" else ""
        # No CTA on the Dutch upkeep page: none on its translations either. The
        # contact page needs none (missing-cta would say so otherwise).
        none = "CTA: none\n" if slug in ("gebruik", "contact") else ""
        files[f"pages/{slug}.md"] = (
            f"Title: {nl}\nSlug: {slug}\nLang: nl\nPhase: {phase}\n"
            f"Touchpoint: {touchpoint}\n{none}\nTekst over {nl.lower()}.{phone}\n"
        )
        files[f"pages/{slug}-en.md"] = (
            f"Title: {en}\nSlug: {slug}\nLang: en\n\nText about {en.lower()}.\n"
        )
        extra = f"Phase: {de_phase}\n" if de_phase and slug == "kiezen" else ""
        files[f"pages/{slug}-de.md"] = (
            f"Title: {de}\nSlug: {slug}\nLang: de\n{extra}\nText über {de}.\n"
        )
    # A Dutch-only page: counted in the nl report only.
    files["pages/alleen-nl.md"] = (
        "Title: Alleen Nederlands\nSlug: alleen-nl\nLang: nl\nPhase: awareness\n\n"
        "Alleen in het Nederlands.\n"
    )
    return files


def _build(site, files):
    from pelican.plugins import journey

    # i18n_subsites writes its defaults (OUTPUT_PATH …) into these dicts:
    # fresh ones for every build.
    return site(
        files,
        PLUGINS=[i18n_subsites, journey],
        I18N_SUBSITES={"en": {}, "de": {}},
    )


def _report(folder: Path) -> dict:
    return json.loads((folder / "report.json").read_text(encoding="utf-8"))


def _counts(report: dict) -> dict[str, int]:
    return {p["id"]: p["count"] for p in report["phases"]}


@pytest.fixture
def built(site):
    return _build(site, _pages())


def test_each_language_writes_its_own_reports(built):
    assert built.exit_code == 0, built.log
    folders = {
        "nl": built.reports,
        "en": built.reports / "en",
        "de": built.reports / "de",
    }
    for lang, folder in folders.items():
        assert (folder / "report.json").is_file(), lang
        assert (folder / "junit.xml").is_file(), lang
        assert (folder / "journey-map.html").is_file(), lang
    nl, en, de = (_report(folders[k]) for k in ("nl", "en", "de"))
    # Each report shows its own language's content.
    nl_titles = {c["title"] for p in nl["phases"] for c in p["content"]}
    en_titles = {c["title"] for p in en["phases"] for c in p["content"]}
    de_titles = {c["title"] for p in de["phases"] for c in p["content"]}
    assert {"Kiezen", "Alleen Nederlands"} <= nl_titles
    assert "Choose" in en_titles and "Kiezen" not in en_titles
    assert "Wählen" in de_titles and "Kiezen" not in de_titles
    assert "Alleen Nederlands" not in en_titles | de_titles
    # The translations inherit their original's phase: full coverage, nothing
    # untagged, in every language.
    assert _counts(nl)["awareness"] == 2
    for report in (en, de):
        assert set(_counts(report).values()) == {1}, _counts(report)
        assert report["summary"]["untagged"] == 0
        assert report["summary"]["covered_phases"] == 6
        assert not [f for f in report["findings"] if f["rule"] == "untagged"]


def test_console_names_each_language(built):
    for lang in ("nl", "en", "de"):
        written = [line for line in built.log.splitlines() if f"[{lang}] " in line]
        assert any(str(built.reports) in line for line in written), built.log
    # Each finding line names the language whose build found it.
    german = [line for line in built.log.splitlines() if "contact-de.md" in line]
    assert any(line.startswith("[de] [aftercare-contact]") for line in german)
    assert all(line.startswith("[de] [") for line in german), german


def test_subsite_translations_get_a_cta_like_the_main_site(built):
    # The German awareness page inherits "awareness" (and the touchpoints of
    # the Dutch pages) and so gets a CTA that leads on within the German site,
    # as the Dutch page does on the main site.
    main = (built.output / "pages" / "bewust.html").read_text(encoding="utf-8")
    marker = 'class="journey-cta" role="complementary" data-journey-phase="awareness"'
    assert marker in main
    html = (built.output / "de" / "pages" / "bewust.html").read_text(encoding="utf-8")
    assert marker in html
    cta = html[html.index(marker) :]
    cta = cta[: cta.index("</div>")]
    assert 'href="/de/pages/vergelijk.html"' in cta, cta
    de = _report(built.reports / "de")
    assert not [f for f in de["findings"] if f["rule"] == "missing-cta"]
    # The Dutch page's "CTA: none" holds for its German translation too.
    for folder in ("", "de/"):
        upkeep = (built.output / folder / "pages" / "gebruik.html").read_text("utf-8")
        assert 'class="journey-next"' in upkeep
        assert 'class="journey-cta"' not in upkeep, folder


def test_unknown_phase_in_a_german_translation_shows_in_the_de_report(site):
    built = _build(site, _pages(de_phase="entscheidung"))
    assert built.exit_code == 3
    de = _report(built.reports / "de")
    errors = [f for f in de["findings"] if f["rule"] == "unknown-phase"]
    assert len(errors) == 1
    assert errors[0]["source"].endswith("kiezen-de.md")
    assert de["summary"]["errors"] == 1
    for folder in (built.reports, built.reports / "en"):
        assert _report(folder)["summary"]["errors"] == 0
    # The line that fails the build says which language the error is in.
    (failed,) = [line for line in built.log.splitlines() if "exit 3" in line]
    assert "(de: 1)" in failed
    # The main site was still written completely before the build failed.
    assert (built.output / "pages" / "kiezen.html").is_file()
    assert (built.output / "en" / "pages" / "kiezen.html").is_file()


def test_check_command_covers_every_language(tmp_path):
    from gappy import write_site
    from test_baseline import cli

    root = tmp_path / "site"
    root.mkdir()
    write_site(
        root,
        _pages(de_phase="entscheidung"),
        PLUGINS=["i18n_subsites", "journey"],
        I18N_SUBSITES={"en": {}, "de": {}},
    )
    done = cli(root, "check")
    assert done.returncode == 3, done.stderr
    assert "entscheidung" in done.stdout
    assert "kiezen-de.md" in done.stdout
    assert "Traceback" not in done.stderr
    de = _report(root / "journey-report" / "de")
    assert de["summary"]["errors"] == 1
