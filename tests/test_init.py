"""``pelican-journey init``: new sites that build, cover every phase, and warn."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pelican.plugins.journey.cli import main, scaffold
from pelican.plugins.journey.cli.runner import read_site_settings, run_build
from pelican.plugins.journey.model.phases import BUILTIN_MODELS
from pelican.plugins.journey.rules.starter import HINTS, MARKER


def build(site: Path, settings_file: str, scratch: Path) -> tuple[int, object, dict]:
    """Build a scaffolded site in-process, output into ``scratch``."""
    settings = read_site_settings(
        site / settings_file,
        {
            "OUTPUT_PATH": str(scratch / "output"),
            "JOURNEY_REPORT_PATH": str(scratch / "reports"),
        },
    )
    cwd = os.getcwd()
    os.chdir(site)
    try:
        result = run_build(settings)
    finally:
        os.chdir(cwd)
    return result.exit_code, result.analysis, settings


def snapshot(root: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every path under ``root`` with its bytes (None for folders) and mode."""
    out = {}
    for path in sorted(root.rglob("*")):
        data = None if path.is_dir() else path.read_bytes()
        out[path.relative_to(root).as_posix()] = (data, path.stat().st_mode)
    return out


def replace_starter_text(site: Path) -> None:
    """Do what the owner does: replace the placeholders, drop the marker."""
    for path in (site / "content").rglob("*.md"):
        body = path.read_text(encoding="utf-8")
        body = body.replace(f"<!-- {MARKER} -->\n", "")
        for hint in HINTS:
            body = body.replace(f"**{hint}**", "")
        path.write_text(body, encoding="utf-8")


CASES = [
    ("nl", "six-phase", "Fietsmakerij De Spaak"),
    ("en", "six-phase", 'Joe\'s "Fix It" Bikes'),
    ("nl", "5k", "Bakkerij Zoet & Zout"),
    ("en", "see-think-do-care", "Greenfingers"),
]


@pytest.mark.parametrize(("lang", "model_id", "name"), CASES)
def test_init_site_builds_covers_every_phase_and_warns(
    tmp_path: Path, lang: str, model_id: str, name: str
) -> None:
    site = tmp_path / "client"
    status = main(
        ["init", str(site), "--lang", lang, "--name", name, "--model", model_id]
    )
    assert status == 0

    code, analysis, settings = build(site, "pelicanconf.py", tmp_path / "dev")
    assert code == 0
    model = BUILTIN_MODELS[model_id]
    assert settings["SITENAME"] == name
    assert settings["AUTHOR"] == name
    assert settings["JOURNEY_MODEL"] == model_id
    assert settings["JOURNEY_LANG"] == lang == settings["DEFAULT_LANG"]
    conf = (site / "pelicanconf.py").read_text(encoding="utf-8")
    assert 'PLUGINS = ["journey"]' in conf and 'THEME = "klantreis"' in conf
    assert "PLUGIN_PATHS" not in conf
    assert settings["THEME"].endswith(os.path.join("themes", "klantreis"))

    counts = analysis.index.phase_counts()
    assert set(counts) == set(model.ids)
    assert all(counts[p] >= 1 for p in model.ids), counts
    summary = analysis.summary()
    assert summary["covered_phases"] == summary["total_phases"] == len(model.ids)
    assert summary["untagged"] == 0

    # Every content file is starter text, and that is all the build finds.
    content = sorted(p for p in (site / "content").rglob("*.md"))
    assert len(content) == len(model.ids) + 1 + 2
    assert {f.rule for f in analysis.findings} == {"starter-text"}
    flagged = {f.source for f in analysis.findings}
    assert flagged == {p.relative_to(site).as_posix() for p in content}

    # The aftercare contact page: final phase, Touchpoint contact, tel:/mailto:.
    contact = analysis.index.by_key["pages/contact.md"]
    assert contact.phases == (model.final,)
    assert contact.tags.touchpoint == "contact"
    assert 'href="tel:' in contact.html and 'href="mailto:' in contact.html
    # Two expert articles in the model's "what is best?" phase.
    articles = [d for d in analysis.index.documents if d.kind == "article"]
    assert len(articles) == 2
    assert {a.phase.id for a in articles} == {scaffold.ARTICLE_PHASE[model_id]}
    assert all(a.tags.touchpoint == "blog" for a in articles)

    # In the chosen language, with the business name filled in.
    hint = {"nl": "[vervang deze tekst]", "en": "[replace this text]"}[lang]
    other = {"nl": "[replace this text]", "en": "[vervang deze tekst]"}[lang]
    for path in content:
        body = path.read_text(encoding="utf-8")
        assert hint in body and other not in body
        assert "$" not in body
    readme = (site / "README.md").read_text(encoding="utf-8")
    assert readme.startswith(f"# {name}")
    assert all(
        f"content/{p.relative_to(site / 'content').as_posix()}" in readme
        for p in content
    )

    # Each phase page leads onward: its rendered page links the next phase's page.
    output = tmp_path / "dev" / "output"
    phase_pages = [
        d
        for d in analysis.index.documents
        if d.kind == "page" and d.tags.touchpoint != "contact"
    ]
    by_phase = {d.phase.id: d for d in phase_pages}
    for current, following in zip(model.ids, model.ids[1:], strict=False):
        html = (output / by_phase[current].content.save_as).read_text("utf-8")
        target = by_phase[following].url.rsplit("/", 1)[-1]
        assert re.search(rf'href="[^"]*{re.escape(target)}"', html), current


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_strict_build_fails_until_starter_text_is_replaced(
    tmp_path: Path, lang: str
) -> None:
    site = tmp_path / "client"
    assert main(["init", str(site), "--lang", lang, "--name", "Klant"]) == 0

    code, analysis, settings = build(site, "publishconf.py", tmp_path / "strict1")
    assert settings["JOURNEY_FAIL_ON"] == "warning"
    assert code == 3
    assert {f.rule for f in analysis.failing} == {"starter-text"}

    replace_starter_text(site)
    code, analysis, _ = build(site, "publishconf.py", tmp_path / "strict2")
    assert [f.log_line() for f in analysis.findings] == []
    assert code == 0
    assert (tmp_path / "strict2" / "output" / "pages" / "contact.html").is_file()


def test_init_refuses_a_non_empty_folder_and_touches_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "existing"
    (target / "content").mkdir(parents=True)
    (target / "pelicanconf.py").write_text("SITENAME = 'Mine'\n", encoding="utf-8")
    (target / "content" / "page.md").write_bytes(b"Title: Mine\r\n\r\nText\r\n")
    before = snapshot(tmp_path)

    assert main(["init", str(target), "--lang", "en"]) == 2

    assert snapshot(tmp_path) == before
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0
    assert str(target) in error and "not empty" in error


def test_init_refuses_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "site.txt"
    target.write_bytes(b"keep me")
    before = snapshot(tmp_path)
    assert main(["init", str(target)]) == 2
    assert snapshot(tmp_path) == before
    assert "is a file" in capsys.readouterr().err


def test_init_fills_an_existing_empty_folder_and_names_the_site_after_it(
    tmp_path: Path,
) -> None:
    target = tmp_path / "bakkerij-de-korenschoof"
    target.mkdir()
    target.chmod(0o750)
    assert main(["init", str(target)]) == 0
    assert (target.stat().st_mode & 0o777) == 0o750
    settings = read_site_settings(target / "pelicanconf.py")
    assert settings["SITENAME"] == "Bakkerij De Korenschoof"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bakkerij-de-korenschoof"]


def test_init_rejects_a_name_on_two_lines(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "x"), "--name", "A\nB"]) == 2
    assert not (tmp_path / "x").exists()


def test_a_failure_half_way_leaves_no_half_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = scaffold._write_tree

    def fail_half_way(root: Path, files: dict[str, str]) -> None:
        half = dict(list(files.items())[: len(files) // 2])
        real(root, half)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(scaffold, "_write_tree", fail_half_way)
    assert main(["init", str(tmp_path / "site")]) == 2
    assert list(tmp_path.iterdir()) == []


def test_console_script_init(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "pelican-journey"
    result = subprocess.run(
        [str(script), "init", str(tmp_path / "site"), "--lang", "en", "--name", "Acme"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Acme" in result.stdout
    assert (tmp_path / "site" / "content" / "pages" / "contact.md").is_file()

    again = subprocess.run(
        [str(script), "init", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 2
    assert again.stderr.startswith("pelican-journey: ")
    assert "Traceback" not in again.stderr


def test_starter_text_rule_finds_a_marker_in_title_or_content(site) -> None:
    built = site(
        {
            "pages/title.md": """
                Title: Over ons [vervang deze tekst]
                Phase: awareness

                Echte tekst.
            """,
            "pages/comment.md": """
                Title: Contact
                Phase: aftercare

                <!-- pelican-journey:starter -->
                Bel ons: [020 123 45 67](tel:+31201234567).
            """,
            "pages/done.md": """
                Title: Klaar
                Phase: decision

                Alles vervangen; vervang gerust je oude fiets.
            """,
            "pages/draft.md": """
                Title: Concept [replace this text]
                Phase: decision
                Status: draft

                Nog niet af.
            """,
        },
        JOURNEY_LANG="en",
    )
    found = {f.source for f in built.analysis.findings if f.rule == "starter-text"}
    assert found == {"content/pages/title.md", "content/pages/comment.md"}
    line = next(f for f in built.analysis.findings if f.rule == "starter-text")
    assert "[replace this text]" in line.message
    assert built.exit_code == 0


def test_init_into_a_fresh_git_clone_gives_a_site_ready_to_hand_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`git init klant && pelican-journey init klant --name …` (issue 18)."""
    site = tmp_path / "klant"
    subprocess.run(["git", "init", "-q", str(site)], check=True)
    status = main(["init", str(site), "--name", "Loodgieter Bakker"])
    assert status == 0, capsys.readouterr().err
    assert (site / ".git" / "HEAD").is_file()  # the repository is untouched
    assert (site / "content" / "images").is_dir()

    scratch = tmp_path / "dev"
    code, analysis, settings = build(site, "pelicanconf.py", scratch)
    assert code == 0
    assert settings["KLANTREIS_PHONE"] == scaffold.CONTACT_PLACEHOLDERS["nl"].phone
    html = (scratch / "output" / "index.html").read_text(encoding="utf-8")
    # The header's phone button and the footer's contact block.
    assert 'class="site-call" href="tel:0201234567"' in html
    footer = html[html.index('class="site-footer"') :]
    assert 'href="mailto:info@example.nl"' in footer
    assert "Voorbeeldstraat 1" in footer and "9.00 - 17.30 uur" in footer
    # No stock logo: the business name alone.
    assert "<svg" not in html[: html.index("</header>")]
    assert "site-brand__logo" not in html
    assert "Loodgieter Bakker" in html[: html.index("</header>")]
    # The menu follows the journey, not the file names.
    nav = html[html.index('class="site-nav"') : html.index("</nav>")]
    titles = re.findall(r'<a href="[^"]*">([^<]+)</a>', nav)
    by_title = {
        getattr(d.content, "menulabel", None) or d.title: d
        for d in analysis.index.documents
        if d.kind == "page"
    }
    pages = [t for t in titles if t in by_title]  # the menu also lists categories
    order = [by_title[t].phase.index for t in pages]
    assert order == sorted(order) and len(pages) == len(by_title), titles


def test_init_refuses_a_folder_with_more_than_git(tmp_path: Path, capsys) -> None:
    site = tmp_path / "klant"
    (site / ".git").mkdir(parents=True)
    (site / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(site)]) == 2
    err = capsys.readouterr().err
    assert "notes.txt" in err and "not empty" in err
    assert sorted(p.name for p in site.iterdir()) == [".git", "notes.txt"]


def test_init_here_says_no_cd(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", ".", "--name", "Bakker"]) == 0
    out = capsys.readouterr().out
    assert "cd ." not in out and "pelican -s pelicanconf.py" in out


def test_klantreis_logo_setting_shows_that_image(tmp_path: Path) -> None:
    site = tmp_path / "klant"
    assert main(["init", str(site), "--lang", "en", "--name", "Bakker"]) == 0
    logo = site / "content" / "images" / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    conf = site / "pelicanconf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8") + '\nKLANTREIS_LOGO = "images/logo.svg"\n',
        encoding="utf-8",
    )
    scratch = tmp_path / "dev"
    code, _, _ = build(site, "pelicanconf.py", scratch)
    assert code == 0
    html = (scratch / "output" / "index.html").read_text(encoding="utf-8")
    header = html[: html.index("</header>")]
    assert re.search(
        r'<img class="site-brand__logo" src="[^"]*images/logo.svg"', header
    )
    assert (scratch / "output" / "images" / "logo.svg").is_file()
