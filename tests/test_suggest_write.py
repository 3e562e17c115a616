"""``suggest --write`` never damages a source.

Every edit is checked here independently of the code under test: the file is
read again with Pelican's own reader (a fresh ``Readers`` instance), and
the metadata must be what it was plus the phase, the content HTML the same,
and the bytes the same apart from the added line. Where the command refuses,
the file must be byte for byte what it was.

The property tests run ``HYPOTHESIS_PROFILE``'s number of examples: the
``ci`` profile (``.ci/run``) runs 2,000 per format; a local run stays quick.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pelican.plugins.journey.cli import main
from pelican.plugins.journey.cli import suggest as suggest_module
from pelican.plugins.journey.cli.suggest import Candidate, Editor, Skip

PHASE = "awareness"


@pytest.fixture(scope="module")
def pelican_settings() -> dict[str, Any]:
    from pelican.settings import read_settings

    return read_settings(override={"PATH": ".", "TIMEZONE": "Europe/Amsterdam"})


@pytest.fixture(scope="module")
def editor(pelican_settings: dict[str, Any]) -> Editor:
    return Editor(pelican_settings)


@pytest.fixture(scope="module")
def pelican_read(pelican_settings: dict[str, Any]) -> Any:
    """Pelican's own reader, separate from the one the editor uses."""
    from pelican.readers import Readers

    readers = Readers(dict(pelican_settings))

    def read(path: Path) -> tuple[str, dict[str, Any]]:
        content, metadata = readers.readers[path.suffix.lstrip(".")].read(str(path))
        return content, dict(metadata)

    return read


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="journey-write-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def inserted(before: bytes, after: bytes) -> bytes:
    """The block ``after`` has more than ``before``, asserting nothing else."""
    assert len(after) > len(before)
    prefix = 0
    while prefix < len(before) and before[prefix] == after[prefix]:
        prefix += 1
    rest = len(before) - prefix
    assert after[:prefix] + after[len(after) - rest :] == before
    return after[prefix : len(after) - rest]


def run_edit(
    editor: Editor, pelican_read: Any, path: Path, data: bytes
) -> tuple[str, bytes]:
    """Write ``data`` to ``path``, let the command edit it, check the result.

    Returns ("written", the added block) or ("not changed", the reason key).
    """
    path.write_bytes(data)
    try:
        before = pelican_read(path)
    except Exception:  # noqa: BLE001 - Pelican could not read it: must stay as is
        before = None
    candidate = Candidate(
        path=path,
        shown=path.name,
        title="",
        proposal=None,  # type: ignore[arg-type]
        digest=suggest_module.edit.hashlib.sha256(data).hexdigest(),
        inside=True,
    )
    try:
        editor.write_phase(candidate, PHASE)
    except Skip as skip:
        assert path.read_bytes() == data
        assert [p.name for p in path.parent.iterdir()] == [path.name]
        return "not changed", skip.key.encode()
    after = path.read_bytes()
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    assert before is not None
    content, metadata = pelican_read(path)
    assert content == before[0]
    assert metadata == {**before[1], "phase": PHASE}
    block = inserted(data, after)
    lines = [line.strip() for line in block.decode("utf-8").splitlines()]
    assert [line for line in lines if line] in (
        [f"Phase: {PHASE}"],
        [f"phase: {PHASE}"],
        [f":phase: {PHASE}"],
    )
    return "written", block


@pytest.fixture
def edit(editor: Editor, pelican_read: Any, tmp_path: Path) -> Any:
    def _edit(name: str, data: bytes) -> tuple[str, bytes, bytes]:
        path = tmp_path / name
        outcome, detail = run_edit(editor, pelican_read, path, data)
        return outcome, detail, path.read_bytes()

    return _edit


# -- the layouts of issue #12, one named test each ---------------------------


@pytest.mark.parametrize("indent", [b"\t", b"    ", b"  \t", b"        "])
def test_markdown_continuation_line_stays_with_its_key(edit, indent) -> None:
    data = b"Title: Werkplaats\nSummary: a\n" + indent + b"b\n\nTekst.\n"
    outcome, _, after = edit("cont.md", data)
    assert outcome == "written"
    assert after == data.replace(b"b\n\n", b"b\nPhase: awareness\n\n")


def test_rest_field_body_of_two_paragraphs(edit) -> None:
    data = (
        b"Titel\n#####\n\n:date: 2024-01-02\n:summary: Eerste alinea.\n\n"
        b"    Tweede alinea.\n\nTekst.\n"
    )
    outcome, _, after = edit("fields.rst", data)
    assert outcome == "written"
    assert after == data.replace(
        b"    Tweede alinea.\n", b"    Tweede alinea.\n:phase: awareness\n"
    )


def test_rest_comment_before_the_field_list(edit) -> None:
    data = (
        b"Titel\n#####\n\n.. een opmerking\n   over twee regels\n\n"
        b":date: 2024-01-02\n:tags: a, b\n\nTekst.\n"
    )
    outcome, _, after = edit("comment.rst", data)
    assert outcome == "written"
    assert after == data.replace(b":tags: a, b\n", b":tags: a, b\n:phase: awareness\n")


def test_rest_subtitle_with_a_field_list(edit) -> None:
    data = (
        b"=====\nTitel\n=====\n\nOndertitel\n----------\n\n"
        b":date: 2024-01-02\n\nTekst.\n"
    )
    outcome, _, after = edit("subtitle.rst", data)
    assert outcome == "written"
    assert after == data.replace(
        b":date: 2024-01-02\n", b":date: 2024-01-02\n:phase: awareness\n"
    )


def test_rest_subtitle_without_a_field_list(edit) -> None:
    data = b"=====\nTitel\n=====\n\nOndertitel\n----------\n\nTekst.\n"
    outcome, _, after = edit("subtitle2.rst", data)
    assert outcome == "written"
    assert after == data.replace(b"-\n\nTekst", b"-\n\n:phase: awareness\n\nTekst")


def test_rest_comment_and_no_field_list(edit) -> None:
    data = b"Titel\n#####\n\n.. opmerking\n\nTekst.\n"
    outcome, _, _ = edit("comment2.rst", data)
    assert outcome == "written"


@pytest.mark.parametrize("data", [b"=====\n", b"=====", b"#\n", b"----\n\n"])
def test_rest_file_whose_only_line_looks_like_an_adornment(edit, data) -> None:
    outcome, _, after = edit("adorn.rst", data)
    assert outcome == "not changed"
    assert after == data
    with pytest.raises(Skip):
        suggest_module.add_phase(data, PHASE, ".rst")


def test_bom_and_crlf(edit) -> None:
    data = b"\xef\xbb\xbfTitle: Caf\xc3\xa9\r\nSummary: a\r\n\tb\r\n\r\nTekst.\r\n"
    outcome, block, after = edit("bomcrlf.md", data)
    assert outcome == "written"
    assert block == b"Phase: awareness\r\n"
    assert after.startswith(b"\xef\xbb\xbf")


def test_old_mac_line_endings(edit) -> None:
    data = b"Title: x\rDate: 2024-01-02\r\rTekst.\r"
    outcome, block, _ = edit("cr.md", data)
    assert outcome == "written"
    assert block == b"Phase: awareness\r"


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("latin-1", "latin.md"), ("cp1252", "win.rst"), ("utf-16", "wide.md")],
)
def test_odd_encodings_are_left_alone(edit, encoding, name) -> None:
    text = "Title: Café Über\n\nTekst.\n"
    if name.endswith(".rst"):
        text = "Café “Über”\n###########\n\n:date: 2024-01-02\n\nTekst.\n"
    data = text.encode(encoding)
    outcome, reason, after = edit(name, data)
    assert after == data
    assert outcome == "not changed"
    assert reason == b"suggest-skip-encoding"


def test_an_edit_no_placement_proves_safe_is_refused() -> None:
    def never(edited: bytes) -> str:
        return "the content would change"

    with pytest.raises(Skip) as caught:
        suggest_module.add_phase(b"Title: x\n\nText.\n", PHASE, ".md", never)
    assert caught.value.key == "suggest-not-changed-unsafe"
    assert caught.value.values == {"reason": "the content would change"}


# -- permissions, owners, links ----------------------------------------------

GOOD = b"Title: Prijzen\nDate: 2024-01-02\n\nTekst.\n"


def test_a_read_only_file_is_never_written(edit, tmp_path, editor) -> None:
    path = tmp_path / "ro.md"
    path.write_bytes(GOOD)
    path.chmod(0o444)
    candidate = Candidate(path, "ro.md", "", None, _digest(GOOD), True)  # type: ignore[arg-type]
    with pytest.raises(Skip) as caught:
        editor.write_phase(candidate, PHASE)
    assert caught.value.key == "suggest-not-changed-readonly"
    assert path.read_bytes() == GOOD
    assert path.stat().st_mode & 0o777 == 0o444


def test_mode_owner_and_hard_links_are_kept(tmp_path, editor) -> None:
    linked = tmp_path / "linked.md"
    linked.write_bytes(GOOD)
    other_name = tmp_path / "elders.md"
    os.link(linked, other_name)
    foreign = tmp_path / "foreign.md"
    foreign.write_bytes(GOOD)
    foreign.chmod(0o664)
    owner = (os.geteuid(), os.getegid())
    if os.geteuid() == 0:  # as root: a file of another user keeps that owner
        owner = (65534, 65534)
        os.chown(foreign, *owner)
    inodes = {p: p.stat().st_ino for p in (linked, foreign)}
    for path in (linked, foreign):
        candidate = Candidate(path, path.name, "", None, _digest(GOOD), True)  # type: ignore[arg-type]
        editor.write_phase(candidate, PHASE)
        assert path.read_bytes() == GOOD.replace(b"\n\n", b"\nPhase: awareness\n\n")
    # The hard link is one file: both names show the edit, same inode.
    assert other_name.read_bytes() == linked.read_bytes()
    assert linked.stat().st_ino == inodes[linked] == other_name.stat().st_ino
    assert linked.stat().st_nlink == 2
    status = foreign.stat()
    assert (status.st_uid, status.st_gid) == owner
    assert status.st_mode & 0o7777 == 0o664
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "elders.md",
        "foreign.md",
        "linked.md",
    ]


def _digest(data: bytes) -> str:
    return suggest_module.edit.hashlib.sha256(data).hexdigest()


def test_one_failure_never_stops_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_suggest import CONFIDENT, make_site

    monkeypatch.setenv("COLUMNS", "300")
    settings = make_site(tmp_path / "site")
    content = tmp_path / "site" / "content"
    (content / "prices.md").chmod(0o444)  # first in the table: refused
    assert main(["suggest", "-s", str(settings), "--write"]) == 0
    out = capsys.readouterr().out
    assert "not changed: the file is read-only for you" in out
    assert (content / "prices.md").read_bytes() == CONFIDENT["prices.md"][0]
    for name, (_, phase) in CONFIDENT.items():
        if name != "prices.md":
            assert phase.encode() in (content / name).read_bytes(), name


# -- property tests ----------------------------------------------------------

_WORD = st.text(
    alphabet=st.sampled_from("abcdeéfghijklmnoöpqrstuvwxyz ABCÉ0123456789.,!?-'\"()"),
    min_size=1,
    max_size=20,
).map(lambda s: s.strip() or "x")
_EOL = st.sampled_from(["\n", "\r\n", "\r"])
_INDENT = st.sampled_from(["\t", "    ", "     ", "  \t", "\t  ", "        "])
_DATES = st.sampled_from(["2024-01-02", "2024-01-02 10:00", "2023-12-31T23:59"])


@st.composite
def markdown_sources(draw: Any) -> str:
    """Markdown files with a metadata block, as Pelican sites write them."""
    lines = []
    keys = draw(
        st.lists(
            st.sampled_from(
                [
                    "Title",
                    "Date",
                    "Summary",
                    "Tags",
                    "Category",
                    "Author",
                    "Slug",
                    "X-Note",
                ]
            ),
            min_size=1,
            max_size=6,
            unique=True,
        )
    )
    lower = draw(st.booleans())
    for key in keys:
        lead = draw(st.sampled_from(["", "", "", " ", "   "]))
        name = key.lower() if lower else key
        value = draw(_DATES) if key == "Date" else draw(_WORD)
        if key == "Tags":
            value = ", ".join(draw(st.lists(_WORD, min_size=1, max_size=3)))
        lines.append(f"{lead}{name}: {value}")
        if key in ("Summary", "X-Note", "Tags"):
            for _ in range(draw(st.integers(0, 2))):
                lines.append(draw(_INDENT) + draw(_WORD))
    separator = draw(st.sampled_from(["", "   ", "\t"]))
    if draw(st.integers(0, 9)) == 0:  # indented code (Pygments guesses: slow)
        lines.append(separator)
        lines.append("    " + draw(_WORD))
    body = draw(
        st.lists(
            st.one_of(
                _WORD,
                _WORD.map(lambda w: f"# {w}"),
                _WORD.map(lambda w: f"- {w}"),
                st.just(""),
            ),
            max_size=6,
        )
    )
    if body:
        lines.append(separator)
        lines.extend(body)
    eol = draw(_EOL)
    text = eol.join(lines)
    if draw(st.booleans()):
        text += eol
    return text


@st.composite
def rest_sources(draw: Any) -> str:
    """reST files: titles, subtitles, comments, field lists with long bodies."""
    lines: list[str] = []
    title = draw(_WORD)
    char = draw(st.sampled_from("=#*-~^"))
    style = draw(st.sampled_from(["under", "over", "none"]))
    if style == "over":
        lines += [char * (len(title) + 2), " " + title, char * (len(title) + 2), ""]
    elif style == "under":
        lines += [title, char * (len(title) + draw(st.integers(0, 3))), ""]
    if style != "none" and draw(st.booleans()):
        sub = draw(_WORD)
        subchar = draw(st.sampled_from([c for c in "=#*-~^" if c != char]))
        lines += [sub, subchar * len(sub), ""]
    for _ in range(draw(st.integers(0, 2))):
        kind = draw(st.sampled_from(["comment", "target", "subst"]))
        if kind == "comment":
            lines.append(".. " + draw(_WORD).replace("::", ""))
            for _ in range(draw(st.integers(0, 2))):
                lines.append("   " + draw(_WORD))
        elif kind == "target":
            lines.append(
                f".. _{draw(st.sampled_from(['a', 'b-c', 'doel']))}: https://example.org/"
            )
        else:
            lines.append(
                f".. |{draw(st.sampled_from(['s', 'naam']))}| replace:: {draw(_WORD)}"
            )
        lines.append("")
    fields = draw(
        st.lists(
            st.sampled_from(
                ["date", "summary", "tags", "category", "author", "slug", "note"]
            ),
            max_size=5,
            unique=True,
        )
    )
    if style == "none":
        fields = ["title", *fields]
    for name in fields:
        value = draw(_DATES) if name == "date" else draw(_WORD)
        lines.append(f":{name}: {value}")
        if name in ("summary", "note", "title"):
            shape = draw(st.sampled_from(["one", "continued", "paragraphs"]))
            indent = draw(st.sampled_from(["    ", "   ", "\t", "  "]))
            if shape == "continued":
                lines.append(indent + draw(_WORD))
            elif shape == "paragraphs":
                lines += ["", indent + draw(_WORD)]
    if fields:
        lines.append("")
    for _ in range(draw(st.integers(0, 3))):
        lines += [draw(_WORD), ""]
    eol = draw(_EOL)
    text = eol.join(lines)
    if not draw(st.booleans()):
        text = text.rstrip("\r\n")
    return text


@st.composite
def encoded(draw: Any, sources: Any) -> bytes:
    text = draw(sources)
    encoding = draw(
        st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "latin-1", "cp1252"])
    )
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode("utf-8")


PROPERTY = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@PROPERTY
@given(
    source=st.one_of(
        encoded(markdown_sources()).map(lambda data: (".md", data)),
        encoded(rest_sources()).map(lambda data: (".rst", data)),
    )
)
def test_property_write_is_safe(
    editor, pelican_read, folder, source: tuple[str, bytes]
) -> None:
    """Markdown and reST: written only where Pelican reads the same plus the phase."""
    suffix, data = source
    path = _fresh(folder, suffix)
    outcome, detail = run_edit(editor, pelican_read, path, data)
    reason = "" if outcome == "written" else f" ({detail.decode()})"
    event(f"{suffix}: {outcome}{reason}")


def _fresh(folder: Path, suffix: str) -> Path:
    """An empty folder per example, so leftovers would be seen."""
    sub = Path(tempfile.mkdtemp(dir=folder))
    return sub / f"doc{suffix}"
