"""Target resolution against a real build: {filename}, {static}, URLs."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pelican.plugins.journey.site.links import resolve


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    from conftest import build_site

    root = tmp_path_factory.mktemp("targets")
    (root / "content" / "images").mkdir(parents=True)
    (root / "content" / "images" / "route.svg").write_text("<svg/>", encoding="utf-8")
    built = build_site(
        root,
        {
            "blog/tips.md": (
                "Title: Tips\nDate: 2026-01-01\nCategory: Blog\nPhase: awareness\n\nx\n"
            ),
            "pages/contact.md": "Title: Contact\nPhase: nazorg\n\nBel 010-1234567.\n",
            "pages/concept.md": "Title: Concept\nStatus: draft\nPhase: aankoop\n\nx\n",
        },
        {"STATIC_PATHS": ["images"]},
    )
    assert built.exit_code == 0, built.log
    return built.analysis.index


def doc(index, source):
    return next(d for d in index.documents if d.source == source)


def test_filename_relative_to_the_linking_document(index):
    origin = doc(index, "content/blog/tips.md")
    target = resolve("{filename}../pages/contact.md", index, origin)
    assert target is not None
    assert target.document is doc(index, "content/pages/contact.md")
    assert target.url == "pages/contact.html"
    assert target.link == "{filename}/pages/contact.md"
    assert not target.external


def test_filename_from_the_content_root_and_pipe_syntax(index):
    for raw in ("{filename}/pages/contact.md", "|filename|/pages/contact.md"):
        target = resolve(raw, index, doc(index, "content/blog/tips.md"))
        assert target is not None
        assert target.url == "pages/contact.html"


def test_filename_without_origin_is_relative_to_path(index):
    assert resolve("{filename}pages/contact.md", index).url == "pages/contact.html"


def test_fragment_is_kept(index):
    target = resolve("{filename}/pages/contact.md#openingstijden", index)
    assert target.url == "pages/contact.html#openingstijden"
    assert target.link.endswith("contact.md#openingstijden")


def test_static_file(index):
    target = resolve("{static}/images/route.svg", index)
    assert target is not None
    assert target.url == "images/route.svg"


@pytest.mark.parametrize(
    "raw",
    [
        "{filename}/pages/missing.md",
        "{filename}/pages/concept.md",  # drafts are not published
        "{static}/images/missing.png",
        "{filename}",
        "/nergens/",
        "https://",
        "mailto:",
        "",
        "   ",
    ],
)
def test_targets_that_lead_nowhere(index, raw):
    assert resolve(raw, index) is None


@pytest.mark.parametrize(
    "raw", ["https://example.org/x", "mailto:info@example.org", "tel:+31101234567"]
)
def test_external_targets(index, raw):
    target = resolve(raw, index)
    assert target is not None
    assert target.external
    assert target.url == raw


@pytest.mark.parametrize(
    "raw", ["/pages/contact.html", "pages/contact.html", "/categories.html", "/"]
)
def test_site_relative_urls_that_exist(index, raw):
    assert resolve(raw, index) is not None


def test_site_relative_url_of_a_document_links_through_pelican(index):
    target = resolve("/pages/contact.html", index)
    assert target.document is doc(index, "content/pages/contact.md")
    assert target.link == "{filename}/pages/contact.md"


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.text(max_size=60))
def test_any_string_resolves_or_is_none(index, raw):
    target = resolve(raw, index, doc(index, "content/blog/tips.md"))
    assert target is None or isinstance(target.url, str)
