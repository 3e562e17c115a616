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
