"""The in-site journey map renders with Pelican's own Jinja environment."""

from __future__ import annotations

import logging
from pathlib import Path

from gappy import FILES as GAPPY


def _theme(root: Path, base: str) -> Path:
    theme = root / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "base.html").write_text(base, encoding="utf-8")
    for name in ("index.html", "article.html", "page.html"):
        (theme / "templates" / name).write_text(
            '{% extends "base.html" %}', encoding="utf-8"
        )
    return theme


def test_a_theme_using_pelicans_filters_and_tests_shows_the_map(site, tmp_path):
    theme = _theme(
        tmp_path,
        "<html><body><header>{{ SITENAME }}"
        "{% if 'journey' is plugin_enabled %} met klantreis{% endif %}"
        " {{ '2026-01-05'|pelican_year }}</header>"
        "<main>{% block content %}{% endblock %}</main></body></html>",
    )
    built = site(
        GAPPY,
        JOURNEY_MAP_IN_SITE=True,
        JOURNEY_FAIL_ON="never",
        THEME=str(theme),
        JINJA_FILTERS={"pelican_year": lambda value: value[:4]},
    )
    page = built.html("journey-map/index.html")
    assert "Testfietsen met klantreis 2026" in page  # the theme's own base.html
    assert 'id="journey-map"' in page
    assert not page.startswith("<!DOCTYPE html>")  # not the standalone page
    assert "map-in-site" not in built.log
    assert "kan de klantreiskaart niet tonen" not in built.log


def test_a_theme_error_is_logged_and_the_standalone_map_written(site, tmp_path, caplog):
    theme = _theme(
        tmp_path,
        # Fails only where ``map`` is defined: on the map's page.
        "<html>{% if map is defined %}{{ map.no_such_thing.title }}{% endif %}"
        "{% block content %}{% endblock %}</html>",
    )
    with caplog.at_level(logging.WARNING, logger="pelican.plugins.journey"):
        built = site(
            GAPPY,
            JOURNEY_MAP_IN_SITE=True,
            JOURNEY_FAIL_ON="never",
            THEME=str(theme),
            JOURNEY_LANG="en",
        )
    page = built.html("journey-map/index.html")
    assert page.startswith("<!DOCTYPE html>")
    assert 'id="journey-map"' in page
    warnings = [
        r.getMessage() for r in caplog.records if "journey map" in r.getMessage()
    ]
    assert len(warnings) == 1
    assert "the theme cannot show the journey map" in warnings[0]
    assert "no_such_thing" in warnings[0]
    assert "\n" not in warnings[0]


def test_a_theme_showing_its_content_block_twice_gets_the_map_twice(site, tmp_path):
    """The map's body is streamed into the theme's page where its content
    block is: everywhere it is, and no placeholder is left behind."""
    theme = _theme(
        tmp_path,
        "<html><body><main>{% block content %}{% endblock %}</main>"
        "<aside>{{ self.content() }}</aside></body></html>",
    )
    built = site(
        GAPPY, JOURNEY_MAP_IN_SITE=True, JOURNEY_FAIL_ON="never", THEME=str(theme)
    )
    page = built.html("journey-map/index.html")
    assert page.startswith("<html><body><main>")
    assert page.count('id="journey-map"') == 2
    assert "\x1f" not in page
    assert page.index("<aside>") > page.index('id="journey-map"')
