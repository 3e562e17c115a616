"""How the report files are written: JSON one record a line, the map's HTML.

The reports' values are tested in test_reports.py and test_ci_reports.py;
here the text itself: JSON that reads back as exactly the value it was
made from (also for awkward values), records on lines of their own, and the
map's escaping, which must be what the templates' autoescaping gives.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import lxml.html
import pytest
from gappy import FILES, SETTINGS
from markupsafe import Markup, escape

from pelican.plugins.journey.report.journey_map import (
    _esc,
    _joined,
    _markup,
    _quote,
    _remembering,
    _title_link,
)
from pelican.plugins.journey.report.jsontext import Encoded, json_chunks, json_text
from pelican.plugins.journey.report.reports import (
    _content_entry,
    _entry_text,
    report_data,
    report_json,
)

AWKWARD: list[Any] = [
    {},
    [],
    "",
    None,
    {"a": []},
    {"a": {}},
    [[], {}, [[]]],
    {"text": 'quote " backslash \\ tab \t newline \n nul \x00 é → \U0001f6b2'},
    {"n": [1, -2, 3.5, 1e100, True, False, None]},
    {"records": [{"id": 1, "cta": {"label": "x", "url": None}}, {"id": 2}]},
    {"nested": {"list": [{"deep": [{"deeper": [1, 2]}]}]}},
    [{"a": 1}, "b", [2, {"c": [3]}]],
]


@pytest.mark.parametrize("value", AWKWARD)
def test_json_text_reads_back_as_the_value_in_its_order(value: Any) -> None:
    text = json_text(value)
    assert text.endswith("\n")
    pairs = json.loads(text, object_pairs_hook=list)
    assert pairs == json.loads(json.dumps(value), object_pairs_hook=list)
    assert json.loads(text) == value


def test_json_text_names_keys_as_json_does() -> None:
    value = {"records": [{"a": 1}], 1: "one", 2.5: "half", False: "no", None: "none"}
    expected = json.loads(json.dumps(value), object_pairs_hook=list)
    assert json.loads(json_text(value), object_pairs_hook=list) == expected


def test_json_chunks_write_an_iterator_as_an_array_of_its_items() -> None:
    made: list[int] = []

    def items() -> Any:
        for n in range(3):
            made.append(n)
            yield {"n": n, "list": [n]}

    chunks = json_chunks({"items": items(), "empty": iter(())})
    assert made == []  # nothing is made before it is written
    value = json.loads("".join(chunks))
    assert value == {"items": [{"n": n, "list": [n]} for n in range(3)], "empty": []}
    assert made == [0, 1, 2]


def test_json_chunks_of_a_large_array_are_many_bounded_chunks() -> None:
    records = [{"id": n, "title": f"pagina {n}"} for n in range(5000)]
    chunks = list(json_chunks({"records": records}))
    assert len(chunks) > 5
    assert max(map(len, chunks)) < len("".join(chunks)) / 5
    assert json.loads("".join(chunks)) == {"records": records}


def test_report_json_has_a_line_per_content_entry_and_finding(site) -> None:
    built = site(FILES, JOURNEY_FAIL_ON="never", **SETTINGS)
    text = (built.reports / "report.json").read_text(encoding="utf-8")
    report = json.loads(text)
    lines = text.splitlines()
    entries = [c for p in report["phases"] for c in p["content"]]
    assert entries and report["findings"]
    for record in [*entries, *report["findings"]]:
        line = json.dumps(record, ensure_ascii=False)
        assert any(ln.strip().rstrip(",") == line for ln in lines), line
    assert lines[0] == "{" and lines[1] == '  "version": 1,'
    quality = (built.reports / "gl-code-quality.json").read_text(encoding="utf-8")
    issues = json.loads(quality)
    assert len(quality.splitlines()) == len(issues) + 2  # "[", an issue a line, "]"


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        "",
        "<b>&amp; 'single' \"double\"</b>",
        "&&<<>>''\"\"",
        "é → \ud800 surrogate",
        "a&b",
        "x<",
        ">y",
        "it's",
        'say "hi"',
        "Één café\u00a0\t\n",
        Markup("<em>already HTML</em>"),
        None,
        42,
    ],
)
def test_map_escaping_is_the_templates_autoescaping(value: object) -> None:
    assert _esc(value) == str(escape(value))
    assert type(_esc(value)) is str
    remembering = _remembering({})  # the cards' escape: each text once
    assert remembering(value) == remembering(value) == str(escape(value))
    assert type(remembering(value)) is str


@pytest.mark.parametrize(
    "path",
    [
        "",
        "../output/pages/a-b_c.d~e.html",
        "../output/x y.html",
        "caf\u00e9/\u2192.html",
        "%41?q=1#top",
        "a+b,c;d=e@f",
        "../",
    ],
)
def test_map_links_are_quoted_as_urllib_quotes(path: str) -> None:
    assert _quote(path) == quote(path)


def test_map_links_join_as_posixpath_normalises_them() -> None:
    """The report map's links: ``save_as`` after the path to the output
    folder, joined as ``posixpath.normpath(posixpath.join(…))`` joins them,
    on random paths of the pieces that make a difference."""
    import os
    import posixpath
    import random

    rng = random.Random(30112026)
    pieces = ["a", "b.html", ".", "..", "", ".x", "..y", "x.", "index.html", "é"]
    prefixes = [".", "..", "../output", "../../site/output", "output", "/abs/out"]
    plain = 0
    for _ in range(5000):
        prefix = os.path.normpath(rng.choice(prefixes))
        path = "/".join(rng.choice(pieces) for _ in range(rng.randrange(1, 5)))
        if rng.random() < 0.1:
            path = "/" + path
        head = "" if prefix == "." else prefix + "/"
        expected = posixpath.normpath(posixpath.join(prefix, path))
        assert _joined(prefix, head, path) == expected, (prefix, path)
        plain += _joined(prefix, head, path) == head + path
    assert plain > 1000  # the short way is taken, and checked


def test_map_cards_escape_what_the_site_writes(site) -> None:
    files = {
        "pages/a.md": """
            Title: A <b>&amp;</b> "quoted" 'page'
            Phase: awareness
            Persona: forens
            CTA: Lees <meer> & "zo" | {filename}b.md

            Tekst.
        """,
        "pages/b.md": """
            Title: B & C
            Phase: consideration

            Tekst.
        """,
    }
    personas = {"forens": {"label": "Forens <en> 'fietser'", "description": "x"}}
    built = site(files, JOURNEY_FAIL_ON="never", JOURNEY_PERSONAS=personas)
    page = (built.reports / "journey-map.html").read_text(encoding="utf-8")
    tree = lxml.html.fromstring(page)
    titles = [t.text_content() for t in tree.find_class("jm-card__title")]
    assert "B & C" in titles
    card = next(
        c
        for c in tree.find_class("jm-card")
        if c.find_class("jm-card__title")[0].text_content().startswith("A ")
    )
    text = card.text_content()
    assert "Forens <en> 'fietser'" in text
    assert 'Lees <meer> & "zo" → B & C' in text
    assert card.get("data-personas") == "forens"
    assert "<en>" not in page and "<meer>" not in page  # escaped, not markup


def test_map_links_lead_to_the_written_files_whatever_the_url_settings(site) -> None:
    files = {
        "a.md": "Title: Artikel\nDate: 2026-01-05\nPhase: awareness\n\nTekst.\n",
        "en.md": "Title: English\nDate: 2026-01-05\nLang: en\nPhase: awareness\n\nX.\n",
        "pages/b.md": "Title: Pagina\nPhase: consideration\n\nTekst.\n",
        "pages/c.md": "Title: Eigen\nPhase: decision\nSave_as: los/eigen.html\n"
        "URL: los/\n\nTekst.\n",
    }
    built = site(
        files,
        JOURNEY_FAIL_ON="never",
        ARTICLE_URL="blog/{slug}.html",  # a redirect's address: written elsewhere
        ARTICLE_SAVE_AS="posts/{slug}/index.html",
        ARTICLE_LANG_URL="{lang}/{slug}.html",  # the same as its SAVE_AS
        ARTICLE_LANG_SAVE_AS="{lang}/{slug}.html",
        PAGE_URL="p/{slug}.html",
        PAGE_SAVE_AS="p/{slug}.html",
    )
    page = (built.reports / "journey-map.html").read_text(encoding="utf-8")
    tree = lxml.html.fromstring(page)
    hrefs = {
        a.text_content(): a.get("href")
        for a in tree.xpath("//*[contains(@class, 'jm-card__title')]/a")
    }
    assert hrefs == {
        "Artikel": "../output/posts/artikel/index.html",
        "English": "../output/en/english.html",
        "Pagina": "../output/p/pagina.html",
        "Eigen": "../output/los/eigen.html",
    }
    for href in hrefs.values():
        assert (built.reports / href).resolve().is_file(), href


def test_the_report_map_and_the_in_site_map_each_link_their_own_way(site) -> None:
    built = site(
        FILES,
        JOURNEY_FAIL_ON="never",
        JOURNEY_MAP_IN_SITE=True,
        THEME="simple",
        **SETTINGS,
    )
    report = lxml.html.fromstring(
        (built.reports / "journey-map.html").read_text(encoding="utf-8")
    )
    in_site = lxml.html.fromstring(built.html("journey-map/index.html"))
    report_links = [a.get("href") for a in report.xpath('//*[@id="jm-main"]//a')]
    site_links = [a.get("href") for a in in_site.xpath('//*[@id="jm-main"]//a')]
    assert report_links and len(report_links) == len(site_links)
    for report_href, site_href in zip(report_links, site_links, strict=True):
        assert report_href.startswith("../output/"), report_href
        assert site_href == "../" + report_href.removeprefix("../output/")
        assert (built.output / "journey-map" / site_href).resolve().is_file()


def test_quoted_links_need_no_escaping_and_markup_is_markup() -> None:
    """The map writes a quoted link (every report link, the in-site map's
    relative ones) into its card without escaping it: on random paths of
    every awkward character, that is the escaped link; and its Markup is
    ``Markup``'s own."""
    import random

    rng = random.Random(3011)
    alphabet = "aZ09/._-~ &<>\"'%?#=+é→"
    for _ in range(3000):
        path = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        href = _quote(path)
        title = "".join(rng.choice(alphabet + "\ud800") for _ in range(6))
        fast = _title_link(title, href, href_safe=True)
        assert fast == _title_link(title, href)
        assert type(fast) is Markup
        assert _markup(title) == Markup(title)
        assert type(_markup(title)) is Markup


ENTRY_VALUES = [
    "Gewone titel",
    "",
    " spaties  om heen ",
    'aanhalingsteken " in het midden',
    "backslash \\ en /slash/",
    "tab\there",
    "nieuwe\nregel",
    "nul \x00 en \x1f en \x7f",
    "Één fiets → café \u00a0 \U0001f6b2",
    "lijn\u2028scheiding",
    "surrogaat \udce9",
    Markup("<b>markup</b>"),
]


def _entry_doc(title: Any, **over: Any) -> Any:
    from types import SimpleNamespace

    target = SimpleNamespace(url=over.pop("cta_url", "pages/prijs.html"))
    cta = SimpleNamespace(
        label=over.pop("label", "Bekijk"), target=target, origin="default"
    )
    values = {
        "title": title,
        "url": "pages/a b.html",
        "source": "content/pages/ä.md",
        "kind": "page",
        "mapped": False,
        "touchpoint": "contact",
        "touchpoint_inferred": True,
        "cta": cta,
    }
    values.update(over)
    return SimpleNamespace(**values)


@pytest.mark.parametrize("value", ENTRY_VALUES)
def test_a_content_entry_line_is_what_the_encoder_writes(value: Any) -> None:
    docs = [
        _entry_doc(value),
        _entry_doc("t", url=value),
        _entry_doc("t", source=value, cta=None),
        _entry_doc("t", touchpoint=value, mapped=True),
        _entry_doc("t", touchpoint=None, touchpoint_inferred=False, label=value),
        _entry_doc("t", cta_url=value),
        _entry_doc("t", mapped=1),  # not a bool: the encoder's own way
    ]
    for doc in docs:
        expected = json.dumps(_content_entry(doc), ensure_ascii=False)
        assert _entry_text(doc) == expected


def test_encoded_lines_are_written_as_they_are() -> None:
    value = {"a": Encoded(['{"x": 1}', '"y"']), "b": Encoded(iter(()))}
    assert (
        json_text(value) == '{\n  "a": [\n    {"x": 1},\n    "y"\n  ],\n  "b": []\n}\n'
    )


def test_report_json_text_is_the_encoder_s_text_of_the_report(site) -> None:
    built = site(FILES, JOURNEY_FAIL_ON="never", **SETTINGS)
    analysis = built.analysis
    assert analysis is not None
    text = report_json(analysis)
    assert text == json_text(report_data(analysis))
    assert text == (built.reports / "report.json").read_text(encoding="utf-8")
