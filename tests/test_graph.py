"""The link graph and the rules on it, on real builds."""

from __future__ import annotations

import pytest

from pelican.plugins.journey.site.graph import HOME, build_graph, hrefs

ARTICLE = """
    Title: {title}
    Date: 2026-01-0{day}
    Category: Tips
    Phase: {phase}

    {body}
"""

PAGE = """
    Title: {title}
    Phase: {phase}
    {extra}

    {body}
"""


def article(title: str, phase: str, body: str = "Tekst.", day: int = 1) -> str:
    return ARTICLE.format(title=title, phase=phase, body=body, day=day)


def page(title: str, phase: str, body: str = "Tekst.", extra: str = "") -> str:
    return PAGE.format(title=title, phase=phase, body=body, extra=extra)


CONTACT = page(
    "Contact",
    "aftercare",
    "Bel [020-1234567](tel:0201234567).",
    "Touchpoint: contact",
)


def findings(built, rule_id):
    return [f for f in built.analysis.findings if f.rule == rule_id]


def test_content_links_resolve_like_pelican(site):
    built = site(
        {
            "blog/ketting.md": article(
                "Ketting",
                "awareness",
                "[a]({filename}vergelijk.md) [b](|filename|/pages/prijzen.md) "
                "[c](/pages/contact.html#bel) "
                "[d](https://fiets.example/pages/garantie.html) "
                "[e](https://elders.example/pages/x.html) [f](#top)",
            ),
            "blog/vergelijk.md": article(
                "Vergelijk", "decision", "[terug](../ketting.html)", day=2
            ),
            "pages/prijzen.md": page("Prijzen", "purchase"),
            "pages/garantie.md": page("Garantie", "experience"),
            "pages/contact.md": CONTACT,
        },
        SITEURL="https://fiets.example",
        JOURNEY_INJECT=False,
    )
    index = built.analysis.index
    docs = {d.title: d for d in index.documents}
    graph = build_graph(index)
    targets = {e.target.title for e in graph.outgoing(docs["Ketting"], ["content"])}
    assert targets == {"Vergelijk", "Prijzen", "Contact", "Garantie"}
    incoming = [e.source for e in graph.incoming(docs["Ketting"], ["content"])]
    assert incoming == [docs["Vergelijk"]]
    assert {d.title for d in graph.onward(docs["Ketting"])} == {
        "Vergelijk",
        "Prijzen",
        "Contact",
        "Garantie",
    }
    assert graph.onward(docs["Vergelijk"]) == []


def test_clicks_from_home_follow_menu_index_and_content(site):
    built = site(
        {
            "a1.md": article("Nieuw", "awareness", "[x]({filename}a2.md)", day=3),
            "a2.md": article("Ouder", "consideration", "[p]({filename}p.md)", day=2),
            "a3.md": article("Oudst", "decision", day=1),
            "p.md": page("Verborgen", "purchase", "[c]({filename}c.md)"),
            "c.md": CONTACT,
        },
        PAGE_PATHS=["p.md", "c.md"],
        ARTICLE_EXCLUDES=["p.md", "c.md"],
        DEFAULT_PAGINATION=1,
        DISPLAY_PAGES_ON_MENU=False,
        DISPLAY_CATEGORIES_ON_MENU=False,
        JOURNEY_INJECT=False,  # content and navigation links only
    )
    index = built.analysis.index
    docs = {d.title: d for d in index.documents}
    graph = build_graph(index)
    assert [e.target for e in graph.outgoing(HOME)] == [docs["Nieuw"]]
    assert graph.clicks_from_home(docs["Nieuw"]) == 1
    assert graph.clicks_from_home(docs["Ouder"]) == 2
    assert graph.clicks_from_home(docs["Verborgen"]) == 3
    assert graph.clicks_from_home(docs["Contact"]) == 4
    assert graph.clicks_from_home(docs["Oudst"]) is None
    orphans = {d.title for d in graph.orphans(index.documents)}
    assert orphans == {"Oudst"}


def test_dead_end_fires_without_injection_never_for_final_phase(site):
    built = site(
        {
            "ketting.md": article("Ketting", "awareness", "[tips]({filename}oud.md)"),
            "oud.md": article("Oud", "awareness", day=2),
            "vergelijk.md": article(
                "Vergelijk", "decision", "[prijzen]({filename}pages/prijzen.md)", day=3
            ),
            "pages/prijzen.md": page(
                "Prijzen", "purchase", "[c]({filename}contact.md)"
            ),
            "pages/contact.md": CONTACT,
        },
        JOURNEY_INJECT=False,
    )
    dead = findings(built, "dead-end")
    sources = sorted(f.source for f in dead)
    assert sources == ["content/ketting.md", "content/oud.md"]
    message = next(f.message for f in dead if f.source == "content/ketting.md")
    assert "Ketting" in message
    assert "Overweging" in message  # suggests the next phase
    assert all(f.severity == "warning" for f in dead)
    assert not any(f.source == "content/pages/contact.md" for f in dead)


def test_dead_end_english_message(site):
    built = site(
        {"ketting.md": article("Chain", "awareness")},
        JOURNEY_INJECT=False,
        JOURNEY_LANG="en",
    )
    (finding,) = findings(built, "dead-end")
    assert "links to no page of a later phase" in finding.message
    assert "Consideration" in finding.message


def test_contact_depth_unreachable_then_fixed_by_menu(site):
    files = {
        "ketting.md": article("Ketting", "awareness"),
        "pages/contact.md": CONTACT,
    }
    hidden = site(files, DISPLAY_PAGES_ON_MENU=False, JOURNEY_INJECT=False)
    (finding,) = findings(hidden, "contact-depth")
    assert finding.source == "content/pages/contact.md"
    assert "niet bereikbaar" in finding.message
    assert (
        build_graph(hidden.analysis.index).clicks_from_home(
            hidden.analysis.index.by_key["pages/contact.md"]
        )
        is None
    )

    menu = site(
        files,
        DISPLAY_PAGES_ON_MENU=False,
        JOURNEY_INJECT=False,
        MENUITEMS=[("Contact", "/pages/contact.html")],
    )
    assert findings(menu, "contact-depth") == []
    contact = menu.analysis.index.by_key["pages/contact.md"]
    assert build_graph(menu.analysis.index).clicks_from_home(contact) == 1


def test_contact_depth_counts_clicks_and_option_max(site):
    files = {
        "ketting.md": article("Ketting", "awareness", "[p]({filename}pages/p.md)"),
        "pages/p.md": page("Prijzen", "purchase", "[c]({filename}contact.md)"),
        "pages/contact.md": CONTACT,
    }
    settings = {
        "DISPLAY_PAGES_ON_MENU": False,
        "DISPLAY_CATEGORIES_ON_MENU": False,
        "JOURNEY_INJECT": False,
    }
    deep = site(files, **settings)
    (finding,) = findings(deep, "contact-depth")
    assert "3 klikken" in finding.message
    assert "max 2" in finding.message
    allowed = site(files, JOURNEY_RULES={"contact-depth": {"max": 3}}, **settings)
    assert findings(allowed, "contact-depth") == []


def test_no_contact_depth_without_contact_page(site):
    built = site(
        {"ketting.md": article("Ketting", "awareness")},
        DISPLAY_PAGES_ON_MENU=False,
    )
    assert findings(built, "contact-depth") == []


def test_home_page_saved_as_index_counts_its_links(site):
    built = site(
        {
            "pages/home.md": (
                "Title: Welkom\nPhase: awareness\nSave_as: index.html\nURL:\n\n"
                "[contact]({filename}contact.md)\n"
            ),
            "pages/contact.md": CONTACT,
            "nieuws.md": article("Nieuws", "awareness", "[home]({index})"),
        },
        DISPLAY_PAGES_ON_MENU=False,
        DISPLAY_CATEGORIES_ON_MENU=False,
        INDEX_SAVE_AS="blog/index.html",
        MENUITEMS=[("Blog", "/blog/")],
        JOURNEY_INJECT=False,
    )
    index = built.analysis.index
    graph = build_graph(index)
    contact = index.by_key["pages/contact.md"]
    assert graph.clicks_from_home(contact) == 1
    assert findings(built, "contact-depth") == []
    news = index.by_key["nieuws.md"]
    assert graph.clicks_from_home(news) == 2  # home -> blog index -> article
    assert [e.target for e in graph.outgoing(news, ["content"])] == ["index"]


def test_hrefs_reads_anchors_not_text():
    fragment = (
        '<p><a href="a.html">a</a> <code>&lt;a href="no.html"&gt;</code>'
        '<!-- <a href="comment.html"> --><a href="b.html?x=1&amp;y=2">b</a></p>'
    )
    assert list(hrefs(fragment)) == ["a.html", "b.html?x=1&y=2"]
    assert list(hrefs("")) == []


def test_cta_and_next_links_count_unless_injection_is_off(site):

    from pelican.plugins.journey.site.links import Cta, resolve

    built = site(
        {
            # No default CTA: the test sets the links by hand.
            "ketting.md": article("Ketting", "awareness").replace(
                "Phase: awareness", "Phase: awareness\n    CTA: none"
            ),
            "vergelijk.md": article("Vergelijk", "consideration", day=2),
            "pages/prijzen.md": page("Prijzen", "purchase"),
        },
        JOURNEY_NEXT_COUNT=0,  # no automatic next steps: set them by hand below
    )
    index = built.analysis.index
    docs = {d.title: d for d in index.documents}
    assert build_graph(index).onward(docs["Ketting"]) == []
    # What the CTA step sets on the index: a call to action and next steps.
    target = resolve("{filename}vergelijk.md", index, docs["Ketting"])
    docs["Ketting"].cta = Cta("Vergelijk", target, docs["Ketting"].phase, "page")
    docs["Vergelijk"].cta = None
    docs["Vergelijk"].next = [docs["Prijzen"]]
    shown = build_graph(index)  # a fresh graph over the same documents
    assert shown.onward(docs["Ketting"]) == [docs["Vergelijk"]]
    assert [e.kind for e in shown.outgoing(docs["Ketting"])] == ["cta"]
    assert shown.onward(docs["Vergelijk"]) == [docs["Prijzen"]]
    assert [e.kind for e in shown.incoming(docs["Prijzen"])] == [
        "page-menu",
        "next",
    ]
    off = build_graph(index.replace(config=index.config.replace(inject=False)))
    assert off.onward(docs["Ketting"]) == []
    assert off.onward(docs["Vergelijk"]) == []


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<A HREF=u.html>u</A>", ["u.html"]),
        ("<a class='x' title=\"a > b\" href='q.html'>q</a>", ["q.html"]),
        ('<a data-href="no.html">x</a><abbr href="no.html">y</abbr>', []),
        (
            '<script>var a = "<a href=\'s.html\'>";</script><a href="ok.html">',
            ["ok.html"],
        ),
        ("<style>a[href='x']{}</style><textarea><a href=t.html></textarea>", []),
        ('<area shape=rect href="{filename}x.md">', ["{filename}x.md"]),
        ('<!-- unterminated <a href="z.html">', []),
        ('<a href="">leeg</a>', [""]),
        ('<a\nhref="multi.html"\n>m</a>', ["multi.html"]),
        ('<TEMPLATE><a href="t.html"></TEMPLATE><A href=ok.html>', ["ok.html"]),
        ('<a title="<i>" href="lt.html">', ["lt.html"]),
        ("<p>x</p><b>y</b><sup>1</sup><a\thref=tab.html>", ["tab.html"]),
    ],
)
def test_hrefs_tokenizer_edge_cases(fragment, expected):
    assert list(hrefs(fragment)) == expected


def test_a_frozen_graph_answers_as_it_did_while_built():
    """The graph is packed once built (memory): every question gets the same
    answer from the packed form, and no link can be added any more."""
    from pelican.plugins.journey.site.graph import KINDS, LinkGraph

    graph = LinkGraph()
    nodes = [HOME, "a", "b", "c", "d"]
    links = [
        (HOME, "a", "menu"),
        ("a", "b", "content"),
        ("a", "b", "cta"),
        ("b", "c", "next"),
        ("a", "c", "content"),
        ("c", "a", "translation"),
        (HOME, "d", "page-menu"),
    ]
    for source, target, kind in links:
        graph.add(source, target, kind)

    def answers() -> list:
        out = []
        for node in nodes:
            for kinds in (None, ("content",), ("cta", "next"), KINDS):
                out.append(
                    (
                        graph.outgoing(node, kinds),
                        graph.incoming(node, kinds),
                        graph.targets(node, kinds),
                        graph.sources(node, kinds),
                    )
                )
            out.append(graph.clicks_from_home(node))
        return out

    before = answers()
    graph._clicks = None
    graph.freeze()
    assert answers() == before
    assert graph.clicks_from_home("c") == 2
    with pytest.raises(RuntimeError):
        graph.add("d", "a", "content")


def _plain_phase_flows(graph) -> dict:
    """The phase flows counted edge by edge (what ``phase_flows`` must equal)."""
    from pelican.plugins.journey.site.graph import JOURNEY_KINDS, Document

    flows: dict = {}
    for source in list(graph._out):
        if not isinstance(source, Document) or not source.phases:
            continue
        if not source.counted:
            continue
        for edge in graph.outgoing(source, JOURNEY_KINDS):
            target = edge.target
            if isinstance(target, Document) and target.phases:
                pair = (source.phases[0].id, target.phases[0].id)
                flows.setdefault(pair, set()).add((source, target))
    return {pair: len(links) for pair, links in flows.items()}


def _plain_orphans(graph, documents) -> list:
    from pelican.plugins.journey.site.graph import JOURNEY_KINDS, Document

    direct = set(graph.targets(HOME))
    if graph.home_doc is not None:
        direct |= set(graph.targets(graph.home_doc)) | {graph.home_doc}
    linked = {
        edge.target
        for source in list(graph._out)
        if isinstance(source, Document)
        for edge in graph.outgoing(source, JOURNEY_KINDS)
    }
    return [
        d
        for d in documents
        if d.counted and d.phases and d not in direct and d not in linked
    ]


def test_phase_flows_and_orphans_match_a_plain_count_on_random_graphs(site):
    """The flows and orphans read from the packed neighbours are those of a
    plain edge-by-edge count, built and packed, on random links between
    documents of every sort (tagged, untagged, several phases, a draft) and
    the virtual nodes."""
    import random

    from pelican.plugins.journey.site.graph import KINDS, LinkGraph

    built = site(
        {
            "a1.md": article("Een", "awareness"),
            "a2.md": article("Twee", "consideration, decision", day=2),
            "a3.md": article("Drie", "decision", day=3),
            "a4.md": "Title: Vier\nDate: 2026-01-04\n\nZonder fase.\n",
            "a6.md": article("Zes", "awareness", day=6),
            "a7.md": article("Zeven", "decision, purchase", day=7),
            "a5.md": (
                "Title: Vijf\nDate: 2026-01-05\nStatus: draft\nPhase: purchase\n\nx"
            ),
            "pages/p1.md": page("Prijzen", "purchase"),
            "pages/p2.md": page("Garantie", "experience, aftercare"),
            "pages/p3.md": "Title: Los\n\nZonder fase.\n",
            "pages/contact.md": CONTACT,
        },
        JOURNEY_INJECT=False,
    )
    documents = built.analysis.index.documents
    assert len(documents) == 11
    nodes = [*documents, HOME, "index", "category:tips"]
    rng = random.Random(20261130)
    flowing = 0
    for _round in range(60):
        graph = LinkGraph()
        if rng.random() < 0.3:
            graph.home_doc = rng.choice(documents)
        for _ in range(rng.randrange(0, 150)):
            graph.add(rng.choice(nodes), rng.choice(nodes), rng.choice(KINDS))
        expected = (_plain_phase_flows(graph), _plain_orphans(graph, documents))
        flowing += any(n > 1 for n in expected[0].values())
        assert (graph.phase_flows(), graph.orphans(documents)) == expected
        graph.freeze()
        assert (graph.phase_flows(), graph.orphans(documents)) == expected
    assert flowing > 20  # pairs of phases with several links are counted


def test_onward_reads_the_frozen_graph_as_the_plain_definition(site):
    """``onward`` looks each target's phase up once per graph: the same pages,
    in the same order, as the plain definition, for pages of one phase and of
    several (judged by the furthest), untagged pages and virtual nodes."""
    from pelican.plugins.journey.site.graph import JOURNEY_KINDS, phase_level

    built = site(
        {
            "a.md": article(
                "A",
                "awareness",
                "[b]({filename}b.md) [c]({filename}c.md) [u]({filename}u.md) "
                "[i]({index}) [p]({filename}pages/p.md)",
                day=1,
            ),
            "b.md": article(
                "B", "consideration, decision", "[c]({filename}c.md)", day=2
            ),
            "c.md": article("C", "decision", "[a]({filename}a.md)", day=3),
            "u.md": "Title: U\nDate: 2026-01-04\n\n[b]({filename}b.md)\n",
            "pages/p.md": page("P", "purchase, awareness", "[a]({filename}../a.md)"),
        },
        JOURNEY_NEXT_COUNT=0,
    )
    index = built.analysis.index
    graph = build_graph(index)
    assert graph.frozen
    docs = {d.title: d for d in index.documents}
    for doc in index.documents:
        level = phase_level(doc)
        plain = [
            t
            for t in graph.linked_documents(doc, JOURNEY_KINDS)
            if level and phase_level(t) > level
        ]
        assert graph.onward(doc) == plain
        assert graph.onward(doc) == plain  # asked again: the kept list
    assert graph.onward(docs["A"])[:2] == [docs["B"], docs["C"]]
    assert docs["P"] in graph.onward(docs["A"])
    assert docs["C"] not in graph.onward(docs["B"])  # B counts as decision
    assert graph.onward(docs["U"]) == []  # untagged: nowhere to go on from


def test_map_questions_are_answered_once_per_build(site):
    """The journey map asks ``dead_ends`` and ``nearest_contact`` of the same
    graph after the rules did: the answers are kept, equal to a fresh reading,
    and a caller changing its list changes nobody else's."""
    from pelican.plugins.journey.rules import graph as rules

    built = site(
        {
            "ketting.md": article("Ketting", "awareness").replace(
                "Phase: awareness", "Phase: awareness\n    CTA: none"
            ),
            "vergelijk.md": article("Vergelijk", "consideration", day=2),
            "pages/contact.md": CONTACT,
        },
        JOURNEY_NEXT_COUNT=0,
    )
    index = built.analysis.index
    graph, fresh = build_graph(index), build_graph(index)
    dead = rules.dead_ends(index, graph)
    assert dead == rules._dead_ends(index, fresh)
    assert dead  # something to keep
    dead.clear()
    assert rules.dead_ends(index, graph) == rules._dead_ends(index, fresh)
    nearest = rules.nearest_contact(index, graph)
    assert nearest is not None and nearest == rules._nearest(index, fresh)
    assert rules.nearest_contact(index, graph) is nearest
    pages = rules.contact_pages(index)
    assert pages == [index.by_key["pages/contact.md"]]
    pages.clear()
    assert rules.contact_pages(index) == [index.by_key["pages/contact.md"]]


def test_content_links_looked_up_once_lead_where_a_fresh_lookup_does(site):
    """``content_nodes`` answers a ``{filename}/path`` link it saw before
    from the build's table: the same nodes, in order, as without the table,
    also for a link to nothing, a draft, a repeat and odd spacing."""
    built = site(
        {
            "blog/a.md": article("A", "awareness", day=1),
            "blog/b.md": article("B", "consideration", day=2),
            "pages/d.md": page("D", "purchase", extra="Status: draft"),
        },
        JOURNEY_INJECT=False,
    )
    index = built.analysis.index
    links = index.links
    a = index.by_key["blog/a.md"]
    hrefs_ = [
        "{filename}/blog/b.md",
        " {filename}/blog/b.md ",
        "|filename|/blog/b.md",
        "{filename}b.md",
        "{filename}/pages/d.md",
        "{filename}/nergens.md",
        "{filename}/blog/b.md#top",
        "/blog/b.html",
        "{index}",
        "https://elders.example/",
    ]
    plain = list(links.content_nodes(hrefs_, a))
    assert plain[:4] == [index.by_key["blog/b.md"]] * 4
    rooted: dict = {}
    assert list(links.content_nodes(hrefs_, a, rooted)) == plain
    assert "{filename}/nergens.md" in rooted and rooted["{filename}/nergens.md"] is None
    assert list(links.content_nodes(hrefs_, a, rooted)) == plain  # from the table
    assert list(links.content_nodes(hrefs_ * 2, a, rooted)) == plain * 2
