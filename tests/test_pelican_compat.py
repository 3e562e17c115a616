"""Pins what the plugin's hooks into Pelican internals rely on (pelican_compat).

When one of these fails after a Pelican upgrade, the hook in
``plugins/journey/pelican_compat.py`` needs another way in.
"""

from __future__ import annotations

import datetime as dt
import gc
import inspect
import logging
import pickle
import types
from argparse import Namespace
from pathlib import Path

import pelican
import pytest
from pelican.contents import Article

from pelican.plugins.journey import pelican_compat as compat
from pelican.plugins.journey.render.views import PageJourney


def test_pelicans_command_functions_still_take_args():
    for function in (pelican.get_instance, pelican.autoreload):
        assert function.__name__ in compat.SETTINGS_FRAMES
        assert "args" in inspect.signature(function).parameters
    assert callable(pelican.listen)


def get_instance(args):  # named like Pelican's: the hook looks for the name
    return compat.settings_file_from_stack()


def test_the_settings_file_is_read_from_the_command_frame(tmp_path):
    settings = tmp_path / "pelicanconf.py"
    assert get_instance(Namespace(settings=str(settings))) == settings.resolve()
    assert get_instance(Namespace(settings=None)) is None
    assert compat.settings_file_from_stack() is None


def _run_in(function, *args):
    """Run Pelican's own ``function`` code; its build asks ``in_server_mode``.

    Only ``get_instance`` (which would read a site and build it forever) is
    replaced by a probe: the frame is Pelican's real code object.
    """
    seen = []

    class Probe:
        def run(self):
            seen.append(compat.in_server_mode())
            raise KeyboardInterrupt

    names = {
        **function.__globals__,
        "console": types.SimpleNamespace(print=lambda *a, **k: None),
        "get_instance": lambda args: (Probe(), {}),
    }
    copy = types.FunctionType(
        function.__code__, names, function.__name__, function.__defaults__
    )
    with pytest.raises(KeyboardInterrupt):
        copy(*args)
    return seen


def test_server_mode_is_the_autoreload_frame(tmp_path):
    assert compat.in_server_mode() is False
    args = Namespace(settings=str(tmp_path / "pelicanconf.py"), verbosity=None)
    assert _run_in(pelican.autoreload, args) == [True]


def test_repeated_warnings_are_logged_every_time(caplog):
    logger = logging.getLogger("pelican.plugins.journey.test-compat")
    assert any(type(f).__name__ == "LimitFilter" for f in logger.filters)
    compat.allow_repeated_warnings(logger)
    assert not any(type(f).__name__ == "LimitFilter" for f in logger.filters)
    with caplog.at_level(logging.WARNING, logger=logger.name):
        logger.warning("[dead-end] same finding")
        logger.warning("[dead-end] same finding")
    assert [r.getMessage() for r in caplog.records].count(
        "[dead-end] same finding"
    ) == 2


def test_the_plugin_logger_keeps_every_warning():
    logger = logging.getLogger("pelican.plugins.journey")
    assert not any(type(f).__name__ == "LimitFilter" for f in logger.filters)


def _article(tmp_path: Path) -> Article:
    return Article(
        "<p>Tekst</p>",
        metadata={"title": "Tips", "date": dt.datetime(2026, 1, 1)},
        settings={**pelican.settings.DEFAULT_CONFIG, "PATH": str(tmp_path)},
        source_path=str(tmp_path / "tips.md"),
    )


def _journey() -> PageJourney:
    return PageJourney(lang="nl")


def test_attached_content_keeps_its_class_and_pickles_plain(tmp_path):
    article = _article(tmp_path)
    layout = dict(vars(article))
    journey = _journey()
    attacher = compat.Attacher()
    attacher.attach(article, journey)
    assert article.journey is journey
    assert type(article) is Article
    assert vars(article) == layout  # nothing added to the object
    compat.set_block(article, "<aside>stap</aside>")
    assert article.get_content("").endswith("<aside>stap</aside>")
    attacher.attach(article, journey)  # again: one block, not two
    compat.set_block(article, "<aside>stap</aside>")
    assert article.get_content("").count("<aside>stap</aside>") == 1
    copy = pickle.loads(pickle.dumps(article))
    assert type(copy) is Article
    assert not hasattr(copy, "journey")
    assert "stap" not in copy.get_content("")


def test_a_new_build_starts_from_plain_content(tmp_path):
    article = _article(tmp_path)
    first = compat.Attacher()
    first.attach(article, _journey())
    compat.set_block(article, "<aside>oud</aside>")
    assert "oud" in article.get_content("")
    second = compat.Attacher()  # the next build: its own state wins
    journey = _journey()
    second.attach(article, journey)
    assert article.journey is journey
    assert "oud" not in article.get_content("")
    del first, second  # the builds' analyses are gone: so is the state
    gc.collect()
    assert not hasattr(article, "journey")
    assert article.get_content("") == "<p>Tekst</p>"


def test_other_objects_of_a_served_class_stay_plain(tmp_path):
    attached, other = _article(tmp_path), _article(tmp_path)
    attacher = compat.Attacher()
    attacher.attach(attached, _journey())
    compat.set_block(attached, "<aside>stap</aside>")
    assert "stap" in attached.content
    assert "stap" not in other.content
    assert other.get_content("") == "<p>Tekst</p>"
    assert not hasattr(other, "journey")
    with pytest.raises(ValueError, match="not attached"):
        compat.set_block(other, "<aside>stap</aside>")


def test_a_subclass_of_a_served_class_gets_the_block_once(tmp_path):
    class Special(Article):
        pass

    plain, special = (
        _article(tmp_path),
        Special(
            "<p>Tekst</p>",
            metadata={"title": "Tips", "date": dt.datetime(2026, 1, 1)},
            settings={**pelican.settings.DEFAULT_CONFIG, "PATH": str(tmp_path)},
            source_path=str(tmp_path / "special.md"),
        ),
    )
    attacher = compat.Attacher()
    attacher.attach(plain, _journey())  # serves Article first
    attacher.attach(special, _journey())
    compat.set_block(special, "<aside>stap</aside>")
    assert special.get_content("").count("<aside>stap</aside>") == 1
    assert special.content.count("<aside>stap</aside>") == 1


def test_the_summary_leaves_the_block_out(tmp_path):
    article = _article(tmp_path)
    attacher = compat.Attacher()
    attacher.attach(article, _journey())
    compat.set_block(article, "<aside>stap</aside>")
    assert "stap" in article.content
    assert "stap" not in article.get_summary("")
    assert "stap" not in article.summary
    assert "Tekst" in article.summary


def test_memoized_answers_come_from_pelicans_cache_as_pelican_gives_them(tmp_path):
    """The served members read Pelican's ``memoized`` cache as Pelican does."""
    from pelican.utils import memoized

    assert isinstance(compat._own(Article, "get_summary"), memoized)
    assert compat.memo_cache(compat._own(Article, "get_content")) is not None
    assert compat.memo_cache(lambda self, siteurl: "") is None
    plain, article = _article(tmp_path), _article(tmp_path)
    article._content = plain._content = "<p>Tëkst  met\tspaties</p>\n" * 3
    attacher = compat.Attacher()
    attacher.attach(article, _journey())
    compat.set_block(article, "<aside>stap</aside>")
    for siteurl in ("", "https://e.example", "..", ""):
        first = article.get_summary(siteurl)
        assert article.get_summary(siteurl) is first  # the cached string itself
        assert first == plain.get_summary(siteurl)
        assert "stap" not in first and "stap" not in article.summary
        shown = article.get_content(siteurl)
        assert shown == plain.get_content(siteurl) + "<aside>stap</aside>"
        assert article.get_content(siteurl) == shown  # also from the cache
    empty = _article(tmp_path)
    empty._content = ""
    attacher.attach(empty, _journey())
    compat.set_block(empty, "<aside>stap</aside>")
    assert empty.get_summary("") == "" == empty.get_summary("")
    assert empty.get_content("") == "<aside>stap</aside>" == empty.get_content("")


def test_server_mode_is_seen_from_the_command_args_before_autoreload_starts():
    """``pelican -r`` makes its first instance in ``main``, outside autoreload."""
    for flags, expected in (
        ({"autoreload": True, "listen": False}, (True, True)),
        ({"autoreload": False, "listen": True}, (True, False)),
        ({"autoreload": False, "listen": False}, (False, False)),
    ):

        def get_instance(args):  # named like Pelican's
            return compat.in_server_mode(), compat.autoreloading()

        assert get_instance(Namespace(settings=None, **flags)) == expected
    assert compat.in_server_mode() is False


def test_plugins_setting_is_read_while_plugins_register(tmp_path):
    """Pelican rewrites PLUGINS after ``register()``; the hook reads it before."""
    from pelican import Pelican
    from pelican.settings import read_settings

    seen = []

    class Plugin(types.ModuleType):
        def register(self):
            settings = compat.registering_settings()
            seen.append(None if settings is None else settings.get("PLUGINS"))

    plugin = Plugin("probe_plugin")
    (tmp_path / "content").mkdir()
    settings = read_settings(
        override={"PATH": str(tmp_path / "content"), "PLUGINS": [plugin]}
    )
    Pelican(settings)
    assert seen == [[plugin]]
    assert settings["PLUGINS"] == ["probe_plugin"]  # rewritten by Pelican
    assert compat.registering_settings() is None
