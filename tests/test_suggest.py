"""``pelican-journey suggest``: accuracy, and ``--write`` changing one line only."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pelican.plugins.journey.cli import main
from pelican.plugins.journey.cli import suggest as suggest_module
from pelican.plugins.journey.cli.runner import read_site_settings, run_build
from pelican.plugins.journey.model.phases import BUILTIN_MODELS, SIX_PHASE

DATA = Path(__file__).parent / "data" / "suggest_labelled.json"

SETTINGS = """\
SITENAME = "Suggest test"
PATH = "content"
TIMEZONE = "Europe/Amsterdam"
DEFAULT_LANG = "en"
THEME = "klantreis"
PLUGINS = ["journey"]
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
JOURNEY_LANG = {lang!r}
"""

# Untagged files whose proposal is confident, with the phase it must be.
CONFIDENT = {
    "prices.md": (
        (
            b"Title: Prices and booking\nDate: 2026-01-01\nCategory: Shop\n\n"
            b"A service costs 50 euro including VAT. Book an appointment online "
            b"and pay by card at checkout.\n"
        ),
        "purchase",
    ),
    "crlf.md": (
        (
            b"Title: Warranty and repairs\r\nDate: 2026-01-02\r\nTags: a,\r\n"
            b"    b\r\n\r\nSomething broken? We repair it under warranty. Contact our "
            b"support team by phone.\r\n"
        ),
        "aftercare",
    ),
    "bom.md": (
        (
            b"\xef\xbb\xbfTitle: Wat klanten zeggen\nDate: 2026-01-03\n\n"
            b"Lees de ervaringen en beoordelingen van klanten. Een eerlijke "
            b"vergelijking: waarom kiezen klanten voor ons?\n"
        ),
        "decision",
    ),
    "guide.rst": (
        (
            b"Your first week with your new e-bike\n"
            b"####################################\n\n"
            b":date: 2026-01-04\n:summary: Getting started,\n    step by step.\n\n"
            b"Congratulations! This guide shows how to get the most out of it.\n"
        ),
        "experience",
    ),
    "pages/services.rst": (
        (
            b"Onze diensten\n=============\n\n"
            b"Een overzicht van ons aanbod en assortiment: wat wij doen en voor wie.\n"
        ),
        "consideration",
    ),
}
# Files suggest must leave alone, byte for byte.
UNTOUCHED = {
    "tagged.md": (
        b"Title: Already tagged\nDate: 2026-01-05\nFase: decision\n\n"
        b"Our prices, book an appointment, pay by card.\n"
    ),
    "yaml.md": (
        b"---\nTitle: Front matter\nDate: 2026-01-06\n---\n\n"
        b"Our services: an overview of what we offer and our range.\n"
    ),
    "vague.md": b"Title: Hello\nDate: 2026-01-07\n\nLorem ipsum dolor sit amet.\n",
    "draft.md": (
        b"Title: Draft prices\nDate: 2026-01-08\nStatus: draft\n\n"
        b"Our prices and rates; book an appointment and pay at checkout.\n"
    ),
    "unknown.md": (
        b"Title: Unknown phase\nDate: 2026-01-09\nPhase: nonsense\n\n"
        b"Our prices and rates; book an appointment.\n"
    ),
}


def make_site(root: Path, lang: str = "en") -> Path:
    (root / "content").mkdir(parents=True)
    (root / "pelicanconf.py").write_text(SETTINGS.format(lang=lang), encoding="utf-8")
    (root / "content" / "pages").mkdir()
    for name, (data, _) in CONFIDENT.items():
        (root / "content" / name).write_bytes(data)
    for name, data in UNTOUCHED.items():
        (root / "content" / name).write_bytes(data)
    return root / "pelicanconf.py"


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def eol_of(data: bytes) -> bytes:
    return b"\r\n" if b"\r\n" in data else b"\n"


def only_added_line(before: bytes, after: bytes) -> bytes:
    """The one line ``after`` has more than ``before`` (asserting nothing else)."""
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    assert len(new) == len(old) + 1
    index = next(
        (i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), len(old)
    )
    assert new[:index] + new[index + 1 :] == old
    return new[index]


def labelled() -> list[dict[str, str]]:
    return json.loads(DATA.read_text(encoding="utf-8"))["items"]


def test_labelled_set_is_big_enough_and_balanced() -> None:
    items = labelled()
    assert len(items) >= 30
    for phase in SIX_PHASE.ids:
        for lang in ("nl", "en"):
            assert any(i["phase"] == phase and i["lang"] == lang for i in items)


def test_accuracy_on_the_labelled_set() -> None:
    items = labelled()
    results = {}
    for split in ("tuning", "held-out", "all"):
        chosen = [i for i in items if split in ("all", i["split"])]
        proposals = [
            suggest_module.propose(SIX_PHASE, i["title"], i["text"], i.get("category"))
            for i in chosen
        ]
        right = [
            p.phase is not None and p.phase.id == i["phase"]
            for p, i in zip(proposals, chosen, strict=True)
        ]
        sure = [r for p, r in zip(proposals, right, strict=True) if p.confident]
        results[split] = sum(right) / len(right)
        print(
            f"suggest accuracy ({split}, {len(chosen)} texts): "
            f"{results[split]:.3f}; confident {len(sure)}, "
            f"of which right {sum(sure)}"
        )
    assert results["all"] >= 0.80
    assert results["held-out"] >= 0.80


def test_proposals_map_onto_the_other_models() -> None:
    items = labelled()
    for model_id in ("5k", "see-think-do-care"):
        model = BUILTIN_MODELS[model_id]
        mapping = suggest_module.THEME_MAP[model_id]
        right = 0
        for item in items:
            proposal = suggest_module.propose(model, item["title"], item["text"])
            right += proposal.phase is not None and (
                proposal.phase.id == mapping[item["phase"]][0]
            )
        assert right / len(items) >= 0.80, model_id


def test_without_write_nothing_changes_and_the_table_is_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    settings = make_site(tmp_path / "site")
    before = tree(tmp_path)
    assert main(["suggest", "-s", str(settings)]) == 0
    assert tree(tmp_path) == before
    out = capsys.readouterr().out
    assert "Proposed phase" in out and "Confidence" in out
    for name in (*CONFIDENT, "vague.md", "yaml.md"):
        assert f"content/{name}" in out
    for name in ("tagged.md", "draft.md", "unknown.md"):
        assert name not in out
    assert "Purchase (purchase)" in out


def test_write_adds_one_line_per_confident_file_and_nothing_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    settings = make_site(tmp_path / "site")
    content = tmp_path / "site" / "content"
    (content / "prices.md").chmod(0o640)
    before = tree(tmp_path)

    assert main(["suggest", "-s", str(settings), "--write"]) == 0

    after = tree(tmp_path)
    assert set(after) == set(before)  # no temporary file left behind
    for name, (data, phase) in CONFIDENT.items():
        rel = f"site/content/{name}"
        if name == "pages/services.rst":  # a new field list: the field, a blank line
            assert after[rel] == data.replace(
                b"=\n\n", b"=\n\n:phase: consideration\n\n", 1
            )
            continue
        added = only_added_line(data, after[rel])
        key = b":phase: " if name.endswith(".rst") else b"Phase: "
        assert added == key + phase.encode() + eol_of(data), name
    for rel, data in before.items():
        if not any(rel.endswith(n) for n in CONFIDENT):
            assert after[rel] == data, rel
    # CRLF stays CRLF, the BOM stays, the mode stays, metadata order stays.
    crlf = after["site/content/crlf.md"]
    assert crlf.count(b"\r\n") == data_lines(CONFIDENT["crlf.md"][0]) + 1
    assert b"\n" not in crlf.replace(b"\r\n", b"")
    assert after["site/content/bom.md"].startswith(b"\xef\xbb\xbfTitle: ")
    assert (content / "prices.md").stat().st_mode & 0o777 == 0o640
    assert after["site/content/crlf.md"].index(b"Tags:") < crlf.index(b"Phase:")
    assert crlf.index(b"    b\r\n") < crlf.index(b"Phase:")

    out = capsys.readouterr().out
    assert "YAML front matter" in out
    assert "confidence below" in out

    # Pelican now reads the phases; running again changes nothing more.
    result = run_build(
        read_site_settings(settings, {"OUTPUT_PATH": str(tmp_path / "out")})
    )
    docs = {d.key: d for d in result.analysis.index.documents}
    for name, (_, phase) in CONFIDENT.items():
        assert [p.id for p in docs[name].phases] == [phase], name
    again = tree(tmp_path / "site")
    assert main(["suggest", "-s", str(settings), "--write"]) == 0
    assert tree(tmp_path / "site") == again


def data_lines(data: bytes) -> int:
    return data.count(b"\r\n")


def test_write_in_dutch_and_on_an_nl_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    settings = make_site(tmp_path / "site", lang="nl")
    assert main(["suggest", "-s", str(settings), "--write"]) == 0
    out = capsys.readouterr().out
    assert "Voorgestelde fase" in out and "Zekerheid" in out
    assert "geschreven: Phase: purchase" in out
    assert "overgeslagen: YAML-kop" in out


PLUGIN = """
from pathlib import Path

from pelican import signals


def touch(generators):
    settings = generators[0].settings
    if settings.get("EDIT_DURING_BUILD"):
        path = Path(settings["PATH"]) / settings["EDIT_DURING_BUILD"]
        path.write_bytes(path.read_bytes() + b"Edited by someone else.\\n")


def register():
    signals.all_generators_finalized.connect(touch)
"""


def test_a_file_changed_during_the_run_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    settings = make_site(tmp_path / "site")
    (tmp_path / "site" / "plugins").mkdir()
    (tmp_path / "site" / "plugins" / "editor_during_build.py").write_text(
        PLUGIN, encoding="utf-8"
    )
    with settings.open("a", encoding="utf-8") as handle:
        handle.write(
            'PLUGIN_PATHS = ["plugins"]\n'
            'PLUGINS = ["journey", "editor_during_build"]\n'
            'EDIT_DURING_BUILD = "prices.md"\n'
        )
    try:
        assert main(["suggest", "-s", str(settings), "--write"]) == 0
    finally:  # Pelican's signals are global: unhook the test plugin again
        from pelican import signals

        plugin = sys.modules.pop("editor_during_build")
        signals.all_generators_finalized.disconnect(plugin.touch)
    prices = (tmp_path / "site" / "content" / "prices.md").read_bytes()
    assert prices == CONFIDENT["prices.md"][0] + b"Edited by someone else.\n"
    assert "changed since the build" in capsys.readouterr().out
    # The other files were still written.
    assert b"Phase: aftercare" in (tmp_path / "site/content/crlf.md").read_bytes()


def test_a_file_outside_path_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    settings = make_site(tmp_path / "site")
    outside = tmp_path / "elsewhere" / "shared.md"
    outside.parent.mkdir()
    data = CONFIDENT["prices.md"][0].replace(b"Prices", b"Shared prices")
    outside.write_bytes(data)
    (tmp_path / "site" / "content" / "shared.md").symlink_to(outside)
    assert main(["suggest", "-s", str(settings), "--write"]) == 0
    assert outside.read_bytes() == data
    assert "outside the site's PATH" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("data", "suffix", "reason"),
    [
        (b"Title: Caf\xe9\n\nText.\n", ".md", "suggest-skip-encoding"),
        (b"---\ntitle: x\n---\n\nText.\n", ".md", "suggest-skip-yaml"),
        (b"\nTitle: x\n\nText.\n", ".md", "suggest-skip-no-meta"),
        (b"Title: x\nPHASE: decision\n\nText.\n", ".md", "suggest-skip-has-phase"),
        (b"Title\n#####\n\n:Fase: see\n\nText.\n", ".rst", "suggest-skip-has-phase"),
        (b"Just a paragraph.\n", ".rst", "suggest-skip-rest-layout"),
        (b"<html><head><title>x</title></head></html>", ".html", "suggest-skip-format"),
    ],
)
def test_add_phase_refuses_what_it_does_not_understand(
    data: bytes, suffix: str, reason: str
) -> None:
    with pytest.raises(suggest_module.Skip) as caught:
        suggest_module.add_phase(data, "decision", suffix)
    assert caught.value.key == reason


@pytest.mark.parametrize(
    ("data", "suffix", "expected"),
    [
        (b"Title: x", ".md", b"Title: x\nPhase: see"),
        (
            b"title: x\rdate: 2026\r\rText\r",
            ".md",
            b"title: x\rdate: 2026\rphase: see\r",
        ),
        (b"T\n=\n", ".rst", b"T\n=\n\n:phase: see"),
        (
            b"===\nT\n===\n\n:a: 1\n\nx\n",
            ".rst",
            b"===\nT\n===\n\n:a: 1\n:phase: see\n",
        ),
        (b":title: T\n:date: 1\n\nx\n", ".rst", b":title: T\n:date: 1\n:phase: see\n"),
    ],
)
def test_add_phase_edge_cases(data: bytes, suffix: str, expected: bytes) -> None:
    assert suggest_module.add_phase(data, "see", suffix).startswith(expected)


def test_console_script_suggest(tmp_path: Path) -> None:
    settings = make_site(tmp_path / "site")
    script = Path(sys.executable).parent / "pelican-journey"
    result = subprocess.run(
        [str(script), "suggest", "-s", str(settings)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "250"},
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "content/prices.md" in result.stdout
    assert "Traceback" not in result.stderr
    missing = subprocess.run(
        [str(script), "suggest", "-s", str(tmp_path / "nope.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 2
    assert missing.stderr.count("\n") == 1 and "nope.py" in missing.stderr


def test_a_custom_model_gets_proposals_by_phase_name_or_position() -> None:
    from pelican.plugins.journey.model.phases import model_from_setting

    model = model_from_setting(
        [
            {"id": "find", "label": "Vinden"},
            {"id": "pick", "label": "Kiezen", "aliases": ["decision"]},
            {"id": "buy", "label": "Kopen", "aliases": ["aankoop"]},
            {"id": "help", "label": "Helpen", "aliases": ["nazorg"]},
        ]
    )
    cases = {
        "Warranty and repairs": ("Broken? Contact our support team.", "help"),
        "Our prices": ("Book an appointment and pay at checkout.", "buy"),
        "Reviews": ("What customers say; compare us with others.", "pick"),
        "Did you know?": ("Why your chain wears out, and the signs.", "find"),
    }
    for title, (body, expected) in cases.items():
        proposal = suggest_module.propose(model, title, body)
        assert proposal.phase is not None and proposal.phase.id == expected, title


def test_a_long_path_is_never_cut_in_a_narrow_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")  # a CI log
    settings = make_site(tmp_path / "site", lang="nl")
    deep = tmp_path / "site" / "content" / "pages" / "diensten-en-onderhoud" / "2026"
    deep.mkdir(parents=True)
    name = "wat-kost-een-nieuwe-ketting-en-hoe-lang-gaat-die-mee.md"
    (deep / name).write_bytes(next(iter(CONFIDENT.values()))[0])
    assert main(["suggest", "-s", str(settings)]) == 0
    out = capsys.readouterr().out
    # The table folds the path over lines: joined, every character is there.
    cells = "".join(
        line.split("│")[1].strip() for line in out.splitlines() if line.count("│") > 3
    )
    assert f"content/pages/diensten-en-onderhoud/2026/{name}" in cells
    assert re.search(r"\b0,\d\d\b", out)  # a decimal comma in Dutch
