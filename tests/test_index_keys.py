"""The index's document keys are Pelican's own relative source paths."""

from __future__ import annotations

import os
from types import SimpleNamespace

from pelican.plugins.journey.site.index import relative_key


def test_every_key_is_pelicans_relative_source_path(site):
    built = site(
        {
            "a.md": "Title: A\nDate: 2026-01-01\nPhase: awareness\n\nx\n",
            "blog/2026/b.md": "Title: B\nDate: 2026-01-02\nPhase: decision\n\nx\n",
            "blog/2026/b-en.md": (
                "Title: B\nDate: 2026-01-02\nLang: en\nSlug: b\nPhase: decision\n\nx\n"
            ),
            "pages/c d.md": "Title: C\nPhase: aftercare\n\nx\n",
        },
        PAGE_PATHS=["pages"],
        ARTICLE_EXCLUDES=["pages"],
        JOURNEY_FAIL_ON="never",
    )
    documents = built.analysis.index.documents
    assert len(documents) == 4
    for doc in documents:
        assert doc.key == doc.content.get_relative_source_path()


def test_paths_it_cannot_shorten_are_asked_of_pelican(tmp_path):
    root = tmp_path / "content"

    def obj(source: str) -> SimpleNamespace:
        return SimpleNamespace(
            settings={"PATH": str(root)},
            get_relative_source_path=lambda: "asked",
        )

    inside = os.path.join(str(root), "x", "y.md")
    assert relative_key(obj(inside), inside) == "x/y.md"
    for odd in (
        os.path.join(str(root), "x", "..", "y.md"),  # not normalised
        os.path.join(str(tmp_path), "elsewhere.md"),  # outside PATH
        str(root) + "-other/z.md",  # a sibling folder sharing the prefix
        "x/y.md",  # relative
    ):
        assert relative_key(obj(odd), odd) == "asked", odd


def test_urls_are_pelicans_own(site):
    """The index formats URLs itself where Pelican's methods are its stock
    ones: the same URL and save_as as Pelican's, for every kind of content."""
    from pelican.plugins.journey.site.index import _formatted, content_url

    article = "Title: {t}\nDate: 2026-0{m}-01\nCategory: Fietsen {m}\n{extra}\nx\n"
    built = site(
        {
            "a.md": article.format(t="A", m=1, extra="Phase: awareness\n"),
            "b.md": article.format(t="B", m=2, extra="Author: Ann Smit\n"),
            "b-en.md": article.format(
                t="B", m=2, extra="Lang: en\nSlug: b\nAuthor: Ann Smit\n"
            ),
            "c.md": article.format(t="C", m=3, extra="Status: draft\n"),
            "d.md": article.format(t="D", m=4, extra="Status: hidden\n"),
            "pages/e.md": "Title: E\nPhase: aftercare\n\nx\n",
            "pages/e-en.md": "Title: E\nLang: en\nSlug: e\n\nx\n",
            "pages/f.md": "Title: F\nStatus: draft\n\nx\n",
            "pages/home.md": "Title: Home\nSave_as: index.html\nURL: \n\nx\n",
            "pages/404.md": "Title: Weg\nStatus: hidden\n\nx\n",
        },
        PAGE_PATHS=["pages"],
        ARTICLE_EXCLUDES=["pages"],
        ARTICLE_URL="{date:%Y}/{date:%m}/{category}/{slug}/",
        ARTICLE_SAVE_AS="{date:%Y}/{date:%m}/{category}/{slug}/index.html",
        ARTICLE_LANG_URL="{lang}/{author}/{slug}.html",
        ARTICLE_LANG_SAVE_AS="{lang}/{author}/{slug}.html",
        DRAFT_URL="drafts/{path}.html",  # {path}: left to Pelican
        DRAFT_SAVE_AS="drafts/{path}.html",
        PAGE_LANG_URL="{lang}/p/{slug}.html",
        PAGE_LANG_SAVE_AS="{lang}/p/{slug}.html",
        JOURNEY_FAIL_ON="never",
    )
    documents = built.analysis.index.documents
    assert len(documents) == 10
    fast = 0
    for doc in documents:
        obj = doc.content
        assert doc.url == obj.url, doc.key
        assert content_url(obj, "save_as") == obj.save_as, doc.key
        fast += _formatted(obj, "url", doc.kind) is not None
    assert fast == 9  # all but the draft article ({path}: asked of Pelican)
    home = built.analysis.index.by_key["pages/home.md"]
    assert (home.url, home.content.save_as) == ("", "index.html")
    assert built.analysis.index.by_key["b-en.md"].url == "en/ann-smit/b.html"
