"""The text of a page: the markup facts read without lxml, tolerant as a browser.

``site/text.py`` parses the few fragments with a form, a script or a
``mailto:`` link with the standard library's HTML parser; a build must not
load lxml at all (it costs 4 MiB of memory), and the parse must take the
HTML people write by hand in Markdown: void elements, unclosed ``<p>``,
``<li>`` and ``<option>``, stray end tags.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import write_files

from pelican.plugins.journey.rules.coverage import shows_contact
from pelican.plugins.journey.site.text import _has_exactly, extract

SETTINGS = """
SITENAME = "Zonder lxml"
PATH = "content"
TIMEZONE = "Europe/Amsterdam"
DEFAULT_LANG = "nl"
PLUGINS = ["journey"]
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
JOURNEY_FAIL_ON = "never"
"""

CONTENT = {
    "pages/contact.md": """
        Title: Contact
        Phase: nazorg
        Touchpoint: contact

        Mail [noreply@fietsen.example](mailto:noreply@fietsen.example) of bel
        010-1234567, ma-vr 9-17.
    """,
    "pages/offerte.md": """
        Title: Offerte
        Phase: overweging

        <form action="/offerte" method="post">
        <p><label>Naam <input name="naam"></label>
        <p><input name="email" placeholder="E-mail">
        <p><input name="telefoon" placeholder="Telefoon">
        <ul><li><input name="straat" placeholder="Straat">
        <li><input name="postcode" placeholder="Postcode"></ul>
        <input name="plaats" placeholder="Plaats">
        <select name="merk"><option>Gazelle<option>Batavus</select>
        </form>
    """,
    "pages/winkel.md": """
        Title: Winkel
        Phase: overweging

        Kom kijken.

        <script async src="https://www.googletagmanager.com/gtag/js?id=G-X"></script>
    """,
}

# Build in a fresh interpreter (the test process has lxml from other tests),
# then say which of the heavy modules the build loaded.
PROBE = """
import sys
from pelican import main
sys.argv = ["pelican", "content", "-s", "pelicanconf.py"]
try:
    main()
except SystemExit:
    pass
print("LOADED", [m for m in ("lxml", "lxml.etree") if m in sys.modules])
"""


def test_a_build_reads_forms_scripts_and_mailto_without_loading_lxml(tmp_path):
    write_files(tmp_path / "content", CONTENT)
    (tmp_path / "pelicanconf.py").write_text(SETTINGS, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads((tmp_path / "journey-report" / "report.json").read_text())
    found = {(f["rule"], f["source"]) for f in report["findings"]}
    # The markup facts were read: each of the three fires where it should.
    assert ("noreply-contact", "content/pages/contact.md") in found
    assert ("long-form", "content/pages/offerte.md") in found
    assert ("tracking-scripts", "content/pages/winkel.md") in found
    assert "LOADED []" in done.stdout, done.stdout + done.stderr


def test_unclosed_paragraphs_items_and_options_close_like_a_browser():
    page = extract(
        """<form action="/a"><p><label for="n">Naam</label> <input id="n">
        <p>Los <input name="los">
        <ul><li><input name="s" placeholder="Straat"><li>Huisnummer <input name="h">
        </ul><select name="kleur"><option>rood<option>blauw</select>
        <textarea name="t"><input name="niet-echt"></textarea>
        <br><hr><img src="x.png"><input name="laatste"></span></div></form>
        <input name="buiten">"""
    )
    (form,) = page.forms
    assert form.action == "/a"
    # The <input> in the <textarea> is its text, not a field; the stray end
    # tags change nothing; the field after the form is not the form's.
    assert form.fields == ("Naam", "los", "Straat", "h", "kleur", "t", "laatste")


def test_a_hidden_block_ends_where_a_browser_ends_it():
    page = extract(
        "<form><p hidden><input name='honing'><p><input name='m'>"
        "<div style='display: none'><p><input name='pot'></div>"
        "<ul aria-hidden='true'><li><input name='weg'><li><input name='ook'></ul>"
        "<input name='z'></form>"
    )
    (form,) = page.forms
    assert form.fields == ("m", "z")


def test_forms_do_not_nest_and_void_elements_take_no_content():
    page = extract(
        "<form action='/1'><input name='a'><form action='/2'>"
        "<input name='b' aria-hidden='true'><input name='c'>"
        "<input name='d' style='display:none'/><input name='e'></form>"
        "<p>Tekst <input name='f'> na</p>"
    )
    assert [(f.action, f.fields) for f in page.forms] == [
        ("/1", ("a",)),
        ("/2", ("c", "e")),
    ]


def test_scripts_and_mailto_links_as_written():
    page = extract(
        "<p><a href=' MAILTO:a@x.nl,b@x.nl?subject=hoi '>mail</a>"
        "<a href='mailto:'>leeg</a><a>geen</a></p>"
        "<!-- <script src='https://commentaar.example/x.js'></script> -->"
        "<script src='/lokaal.js'></script>"
        '<script type=\'application/ld+json\'>{"u": "https://ld.example/"}</script>'
        "<script>var s = '<p>geen tag</p>'; load('//cdn.example.org/a.js');</script>"
    )
    assert page.mailto == ("a@x.nl", "b@x.nl")
    assert page.scripts == ("/lokaal.js", "//cdn.example.org/a.js")
    assert "geen tag" not in page.text


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ('<p><a href="TEL:0101234567">bel</a></p>', True),
        ('<p><a href="MA\u0130LTO:info@fietsen.example">mail</a></p>', True),
        ("<p>Mail info&#64;fietsen.example</p>", True),
        ("<p>Bel &#48;10-1234567</p>", True),
        # Digits of another script are digits to re: the quick test lets them by.
        ("<p>+\u0663\u0661\u0666\u0661\u0662\u0663\u0664\u0665\u0666\u0667</p>", True),
        ("<p>Caf\u00e9 sinds 1998, open 9-17</p>", False),
        ("<p>Geen @ en geen nummer</p>", False),
        ('<p><a href="/tel:0101234567">geen link</a></p>', False),
    ],
)
def test_the_quick_tests_before_the_contact_patterns_miss_nothing(fragment, expected):
    assert shows_contact(fragment) is expected


def test_a_field_without_an_id_is_not_named_by_an_unrelated_label():
    """Only a label's ``for`` names a field elsewhere in the form; a field
    with no id is named by the label around it, else its own attributes."""
    page = extract(
        '<form action="/x">'
        '<label>Nieuwsbrief</label><input type="checkbox" name="brief">'
        '<input name="postcode" placeholder="Postcode">'
        '<label for="tel">Telefoon</label><input id="tel" name="t">'
        "<label>E-mail <input name=mail></label>"
        "</form>"
    )
    (form,) = page.forms
    assert form.fields == ("brief", "Postcode", "Telefoon", "E-mail")


def _block_tag_re() -> re.Pattern[str]:
    """The plain pattern of the block tags: every name of BLOCKS in turn."""
    from pelican.plugins.journey.site import text as t

    return re.compile(rf"<(?=/?(?:{'|'.join(t.BLOCKS)})[\s/>])", re.I)


# The text and prose made the straightforward way: every pass over every
# fragment, the prose with its own tag pass. extract() skips passes that
# cannot match and strips the tags once; it must give exactly this.
def _reference(fragment: str) -> tuple[str, str]:
    from pelican.plugins.journey.site import text as t

    html = t._comment_re().sub(" ", fragment.replace("\n", " "))
    html = t._skipped_re().sub(" ", html)
    for _ in range(8):
        html, found = t._QUOTE_RE.subn(" ", html)
        if not found:
            break
    html = _block_tag_re().sub("\n<", html)
    return t._lines(html), t._lines(t._ASIDE_RE.sub("\n", html))


@pytest.mark.parametrize(
    "fragment",
    [
        (
            "<h2>Kop</h2><p>Een zin &amp; nog een.</p><table><tr><td>cel</td></tr>"
            "</table><p>Slot.</p>"
        ),
        "<p>Tekst <H3 class='x'>Kop</H3> na de kop</p><FIGCAPTION>onder</FIGCAPTION>",
        "<p>a < b <h2>Kop</h2> c</p>",  # a stray "<" takes the heading's tag
        "<p>x &no<h2>tin;</h2> y &amp</p><h4>&lt;kop&gt;</h4>z",
        "<p>merk\x02teken</p><h2>Kop</h2><p>tekst\x03</p>",  # mark characters
        "<h2>Open kop<p>tekst zonder eind</p>",
        "<nav><a href='/'>Home</a></nav><dl><dt>term</dt><dd>uitleg</dd></dl>",
        (
            "<pre>code</pre><blockquote><p>citaat <q>in <q>citaat</q></q></p>"
            "</blockquote><p>eigen <code>x</code> tekst</p><!-- <h2>weg</h2> -->"
        ),
        "<p>Geen kop, <strong>vet</strong> en <a href='#'>link</a>.</p>",
        # a long s and a Kelvin sign: case-blind, re takes them for s and k
        "<\u017fection>lang s</\u017fection><p>\u212a</p><section><p>in</p></section>",
        # marks at the starts of lines, or not (a heading's tag with no new
        # line before it), entities (one of them a line break), empty blocks
        "<h2>Kop</h2> staart <p>tekst</p><h3>a&amp;b</h3><h4></h4><p>x&#10;y</p>",
        "<h2>Kop&#10;twee</h2>na<table><tr><td>c</td></tr></table>  <h2>b</h2>",
        "<h2-x>Kop</h2><p>tekst</p><h2>echt</h2>",
        "<p>x<h2-x>Kop</h2></p><h2>b</h2>",
        "<h2>a</h2><h3>b</h3>",
        "&amp<h2>&#2;kop</h2>&#x3; <caption>c</caption>",
        # where a "<" does not close before the next one (the tags taken out
        # in the old order) and where it does: stray "<", "<" in attribute
        # values, comments, unclosed tags, upper case tags, entities
        "<p>a <b>b</b> < c</p><h2>Kop</h2>",
        "<p>a <<b>b</b></p><h2>Kop</h2><p>x</p>",
        "<p title='<h2>'>a</p><h2>Kop</h2><p>b <a href=\"<p>\">c</a></p>",
        "<h2 title='a<b'>Kop</h2><p>b</p>",
        "<h2 title='a>b'>Kop</h2><p>b</p>",
        "<p>a <b c='>'>d</b></p><H2 CLASS=x>Kop</H2 ><P>e</P>",
        "<p>a<!-- <p> --><h2>Kop<!--x--></h2>b<!-- open",
        "<p>a <b>open <h2>Kop</h2><p>b <i",
        "<p>open<h2>Kop</h2>slot <",
        "<p>a</p><DIV>b<SPAN>c</SPAN></DIV><TABLE><TR><TD>d</TD></TR></TABLE>",
        "<p>&lt;p&gt; &amp;lt; &#60;h2&#62;</p><h2>&lt;</h2><p>&gt;<</p>",
        "<p>a\nb</p><h2>Kop\n</h2>\n<p\n>c</p>",
        "<p>a > b <b>c</b> >> d</p><h3>e</h3>",
        "<h2>a<p>b</h2>c</p><h2>d",
        "<p>a</p><br><hr/><p>b<br/>c</p>",
        "no tags at all",
        "<h2>a</h2>",
        "<<<>>>",
    ],
)
def test_text_and_prose_are_those_of_every_pass(fragment):
    page = extract(fragment)
    assert (page.text, page.prose) == _reference(fragment)


def test_text_and_prose_are_those_of_every_pass_on_random_markup():
    """Random pieces of markup, odd ones among them: the reference again."""
    import random

    from pelican.plugins.journey.site import text as t

    pieces = (
        *("<p>", "</p>", "<h2>", "</h2>", "<H3 class='a>b'>", "</h3 >", "<h2-x>"),
        *("<b>", "</b>", '<a href="<p>">', "<", "<<", ">", "a", "b c", " ", "\t"),
        *("&amp;", "&#10;", "&lt;", "&#2;", "\x02", "\x03", "<br/>", "<table>"),
        *("<td>", "</td>", "</table>", "<!-- c -->", "<!--", "-->", "<pre>x</pre>"),
        *("<q>", "</q>", "<li>", "<LI>", "<nav>", "</nav>", "\u017f", "\u00e9"),
        *("\n", "<p\n>", "<dt>", "</dt>", "<h2 title='x<y'>", "<section>"),
    )
    rnd = random.Random(9)
    fast = 0
    for _ in range(3000):
        fragment = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 25)))
        page = extract(fragment)
        assert (page.text, page.prose) == _reference(fragment), fragment
        html = fragment.replace("\n", " ")
        fast += t._untagged(html) is not None
    assert 300 < fast < 2700  # both ways taken


@pytest.mark.parametrize(
    "html",
    [
        "<p>a</p><h2>b</h2>",
        "<p a='<'>x</p>",
        "<p>x < y</p>",
        "<b <p>>",
        "<p <b>>",
        "<i <b>>",
        "a<",
        "<a>b<br/>\u017f<\u017fection>",
        "",
        "<P>x</P >y<B>z</B>",
    ],
)
def test_untagged_is_the_old_order_or_none(html: str) -> None:
    from pelican.plugins.journey.site import text as t

    old = t._TAG_RE.sub("", t._BLOCK_TAG_FAST_RE.sub("\n<", html))
    bare = t._untagged(html)
    closes = all(">" in part for part in html.split("<")[1:])
    assert bare == (old if closes else None)


def test_the_block_tags_are_found_where_the_list_of_blocks_says():
    from pelican.plugins.journey.site import text as t

    names = [n for n in t.BLOCKS if n != "h[1-6]"] + [f"h{i}" for i in range(1, 8)]
    near = ["pa", "head", "thead", "span", "lis", "d", "t", "h", "bdo", "detail"]
    html = "".join(
        f"<{slash}{case(name)}{end}x"
        for name in names + near
        for slash in ("", "/")
        for case in (str.lower, str.upper, str.title)
        for end in (">", " a='1'>", "/>", "\t>", "x>")
    )
    html += "<\u017fection><\u017fummary><P><Li>"
    marked = t._BLOCK_TAG_FAST_RE.sub("\n<", html)
    assert marked == _block_tag_re().sub("\n<", html)
    assert marked.count("\n") > 300


@pytest.mark.parametrize("count", range(5))
@pytest.mark.parametrize(
    "text", ["", "\x02", "a\x02b", "\x02\x02", "x\x02y\x02z\x02", "\x02" * 4, "abc"]
)
def test_has_exactly_counts_as_str_count(text: str, count: int) -> None:
    assert _has_exactly(text, "\x02", count) is (text.count("\x02") == count)


def test_other_space_is_what_split_takes_for_white_space_but_the_space() -> None:
    from pelican.plugins.journey.site.text import OTHER_SPACE

    splitting = [chr(c) for c in range(0x110000) if len(f"a{chr(c)}b".split()) == 2]
    assert sorted(OTHER_SPACE) == sorted(c for c in splitting if c != " ")


@pytest.mark.parametrize(
    "text",
    ["", " ", "a b", "a\tb", "a\xa0b", "é b", "é\u2003b", "\u3000", "x\x1fy", "a\nb"],
)
def test_spaces_only_says_whether_split_splits_at_spaces_only(text: str) -> None:
    from pelican.plugins.journey.site.text import spaces_only

    expected = len(text) - text.count(" ") == len("".join(text.split()))
    assert spaces_only(text) is expected


# Keys and texts for the word look-ups: keys sharing beginnings and ends,
# one character long, with the characters re reads as syntax, with white
# space or empty (never words), beyond ASCII.
_KEYS = [
    *("u", "uw", "uwe", "uzelf", "je", "ab", "cb", "b", "abc", "a-b", "a.b"),
    *("[x]", "x|y", "(", "^", "$", "\\", "*", "é", "\u017f", "k", "\u212a", "één"),
    *("quality", "top-quality", "one-stop", "one-stop-shop", "24/7"),
    *("a b", "", " ", "a\xa0b", "\xa0", "x\ty"),
]
_CHARS = ["a", "b", "c", "u", "w", "e", "-", ".", "x", "|", "é", "\u017f", "\u212a"]
_SPACES = [" ", " ", " ", "  ", "\xa0", "\t", "\n", "\u2003"]


def _texts(seed: int) -> list[str]:
    import random

    rng = random.Random(seed)
    texts = [" ", "", "u", " u", "u ", " u ", " uwe uw u ", " a.b [x] x|y ( "]
    for _ in range(300):
        parts = []
        for _ in range(rng.randrange(12)):
            if rng.random() < 0.4:
                parts.append(rng.choice(_KEYS))
            else:
                parts.append("".join(rng.choices(_CHARS, k=rng.randrange(1, 5))))
            parts.append(rng.choice(_SPACES) if rng.random() < 0.2 else " ")
        text = "".join(parts)
        texts.append(text if rng.random() < 0.2 else f" {text} ")
    return texts


@pytest.mark.parametrize("seed", range(4))
def test_among_and_has_any_are_the_set_of_the_words(seed: int) -> None:
    import random

    from pelican.plugins.journey.site.text import PageText

    rng = random.Random(seed)
    key_sets = [frozenset(), frozenset({""}), frozenset({"a b", " "})]
    key_sets += [frozenset(rng.sample(_KEYS, rng.randrange(1, 12))) for _ in range(30)]
    for plain in _texts(seed):
        words = frozenset(plain.split())
        for keys in key_sets:
            page = PageText("", "", (), (), (), plain, "")
            assert page.among(keys) == keys & words, (plain, keys)
            assert page.has_any(keys) is not keys.isdisjoint(words), (plain, keys)
            assert page._words is None or not page._scannable()
            # A second list: from the set, which is then made.
            assert page.among(keys) == keys & words
            assert page._words == words
            assert page.words == words
            # With the set made, the same answers from it.
            assert page.among(keys) == keys & words
            assert page.has_any(keys) is not keys.isdisjoint(words)


def test_the_page_words_of_extracted_text() -> None:
    page = extract(
        "<p>Wij zijn uw partner: top-quality, één\xa0stop!</p><h2>U en je</h2>"
    )
    keys = frozenset({"partner", "top-quality", "één", "stop", "u", "je", "uw", "x"})
    assert not page._scannable()  # the no-break space
    assert page.among(keys) == keys & frozenset(page.plain.split())
    page = extract("<p>Wij zijn uw partner: top-quality, één stop!</p><h2>U en je</h2>")
    assert page._scannable()
    assert page.among(keys) == keys - {"x"}
    assert page._words is None  # not made for the look-ups
    assert page.words == frozenset(page.plain.split())


def _reference_plain(text: str) -> str:
    """``plain`` the straightforward way: folded, punctuation as spaces."""
    from pelican.plugins.journey.site import text as t

    plain = f" {text.casefold()} ".replace("\n", " ")
    for mark in t._UNICODE_PUNCTUATION:
        plain = plain.replace(mark, " ")
    return plain.translate(dict.fromkeys(map(ord, ".,;:!?()[]{}\"'"), " "))


@pytest.mark.parametrize(
    "fragment",
    [
        "<p>Bel ONS: (010) 123-4567; of mail info@x.nl!</p><h2>Kop? Ja.</h2>",
        "<p>Tab\there, [haken] {accolades} 'enkel' \"dubbel\" 24/7</p><p>ZZ</p>",
        "<p>Één café, “quotes” \u2013 en … «meer» \u2014 \u2018x\u2019</p>",
        "<p>Straße İi \u017f</p>",
        "<p>ASCII\xa0met harde spatie</p>",
        "<p>\u212aelvin KELVIN</p><li>A\u2003B</li>",
    ],
)
def test_plain_and_folded_are_those_of_the_text(fragment: str) -> None:
    page = extract(fragment)
    assert page.plain == _reference_plain(page.text)
    assert page.folded == page.text.casefold()


@pytest.mark.parametrize("seed", range(4))
def test_starting_is_the_keys_a_word_begins_with(seed: int) -> None:
    import random

    from pelican.plugins.journey.site.text import PageText

    rng = random.Random(seed)
    key_sets = [frozenset(), frozenset({""}), frozenset({"a b", " ", "u"})]
    key_sets += [frozenset(rng.sample(_KEYS, rng.randrange(1, 12))) for _ in range(30)]
    key_sets += [frozenset({"u", "uw", "uwe", "a", "ab", "abc", "-", "x|"})]
    for plain in _texts(seed):
        words = frozenset(plain.split())
        for keys in key_sets:
            expected = {k for k in keys if any(w.startswith(k) for w in words)}
            assert PageText("", "", (), (), (), plain).starting(keys) == expected
            page = PageText("", "", (), (), (), plain)
            assert page.words == words
            assert page.starting(keys) == expected  # from the set
