"""A site that never asked for the journey is not judged on its settings.

Pelican loads every installed namespace plugin when ``PLUGINS`` is unset.
Pelican's own defaults (``PATH = "."``) put the default report folder inside
the content folder, which an opted-in site is told to change; a site that
never asked must build as if the plugin were not there (Pelican's own test
``test_order_of_generators`` builds such a site).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from pelican.settings import read_settings

from pelican.plugins.journey import plugin


def test_pelican_defaults_without_asking_pass_initialization(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = read_settings(path=None)
    settings[plugin.NAMED_KEY] = False  # PLUGINS unset: loaded by discovery
    plugin.on_initialized(SimpleNamespace(settings=settings))  # no exit
    assert settings.get(plugin.CONFIG_KEY) is None


def test_the_same_settings_with_the_plugin_named_are_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = read_settings(path=None)
    settings[plugin.NAMED_KEY] = True
    settings[plugin.SITE_ROOT_KEY] = str(tmp_path)
    with pytest.raises(SystemExit) as stop:
        plugin.on_initialized(SimpleNamespace(settings=settings))
    assert stop.value.code == 2
