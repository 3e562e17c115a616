"""Nothing lost: with the plugin on, Pelican writes the same files to the same places.

The site below uses ``{attach}`` images in articles and pages (in subfolders
and beside the linking file), ``{static}`` links, a static file referenced by
both, and custom URL patterns for articles and pages. It is built twice from
identical sources, once without the plugin and once with it, and the whole
output trees are compared.
"""

from __future__ import annotations

import contextlib
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from blinker import ANY
from conftest import build_site, write_files


def _png(rgb: tuple[int, int, int]) -> bytes:
    """A real 2x2 PNG in one colour (each image of the site differs)."""
    raw = b"".join(b"\x00" + bytes(rgb) * 2 for _ in range(2))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


FILES = {
    "blog/werkplaats.md": """
        Title: In de werkplaats
        Date: 2024-03-01 10:00
        Category: Blog
        Phase: awareness

        Zo ziet het eruit: ![werkplaats]({attach}werkplaats.png)
        Ook het [logo]({static}/images/logo.png) en
        [de prijzen]({filename}/pages/prijzen.md).
        """,
    "blog/sub/fietsen.rst": """
        Fietsen vergelijken
        ###################

        :date: 2024-03-02 10:00
        :category: Blog
        :phase: decision

        Bekijk |foto| en `de folder <{attach}../../downloads/folder.pdf>`_.

        .. |foto| image:: {attach}images/fiets.png
        """,
    "blog/untagged.md": """
        Title: Nieuws zonder fase
        Date: 2024-03-03 10:00

        Een ![plaatje]({attach}/images/gedeeld.png) dat ook een pagina gebruikt.
        """,
    "pages/over.md": """
        Title: Over ons
        Phase: consideration

        Het team: ![profielfoto]({attach}profile-photo.jpg)
        """,
    "pages/prijzen.md": """
        Title: Prijzen
        Phase: purchase
        Touchpoint: pricing

        Vanaf € 10. Zie ook ![gedeeld]({static}/images/gedeeld.png).
        """,
    "pages/contact.md": """
        Title: Contact
        Phase: aftercare

        Bel [020 123 4567](tel:+31201234567) of mail
        [info@example.nl](mailto:info@example.nl).
        """,
}
BINARY = {
    "blog/werkplaats.png": _png((200, 10, 10)),
    "blog/sub/images/fiets.png": _png((10, 200, 10)),
    "images/logo.png": _png((10, 10, 200)),
    "images/gedeeld.png": _png((100, 100, 100)),
    "pages/profile-photo.jpg": b"\xff\xd8\xff\xe0not-really-a-jpeg\xff\xd9",
    "downloads/folder.pdf": b"%PDF-1.4\n% folder\n%%EOF\n",
}
SETTINGS: dict[str, Any] = {
    "STATIC_PATHS": ["images", "blog", "pages", "downloads"],
    "ARTICLE_PATHS": ["blog"],
    "PAGE_PATHS": ["pages"],
    "ARTICLE_URL": "nieuws/{date:%Y}/{slug}/",
    "ARTICLE_SAVE_AS": "nieuws/{date:%Y}/{slug}/index.html",
    "PAGE_URL": "{slug}/",
    "PAGE_SAVE_AS": "{slug}/index.html",
    "CATEGORY_URL": "onderwerp/{slug}.html",
    "CATEGORY_SAVE_AS": "onderwerp/{slug}.html",
    "JOURNEY_RULES": {"unknown-phase": "off"},
    "JOURNEY_FAIL_ON": "never",
}


@contextlib.contextmanager
def _plugin_disconnected() -> Iterator[None]:
    """Pelican's signals are global: an earlier build's plugin stays connected.

    For a true "plugin off" build, every receiver from the plugin's package is
    disconnected for the duration, then connected again.
    """
    from blinker import NamedSignal
    from pelican import signals

    removed = []
    for signal in vars(signals).values():
        if not isinstance(signal, NamedSignal):
            continue
        for receiver in list(signal.receivers_for(ANY)):
            module = getattr(receiver, "__module__", "") or ""
            if module.startswith(("pelican.plugins.journey", "journey.")):
                signal.disconnect(receiver)
                removed.append((signal, receiver))
    try:
        yield
    finally:
        for signal, receiver in removed:
            signal.connect(receiver)


def _build(root: Path, plugin: bool, **settings: Any) -> dict[str, bytes]:
    root.mkdir()
    write_files(root / "content", FILES)
    for rel, data in BINARY.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    merged = {**SETTINGS, **settings}
    if plugin:
        built = build_site(root, None, merged)
    else:
        merged["PLUGINS"] = []
        with _plugin_disconnected():
            built = build_site(root, None, merged)
        assert built.analysis is None  # the plugin really was off
    assert built.exit_code == 0, built.log
    assert "cannot relocate" not in built.log, built.log
    return {
        path.relative_to(built.output).as_posix(): path.read_bytes()
        for path in sorted(built.output.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return _build(tmp_path_factory.mktemp("tree") / "plain", plugin=False)


def test_attach_files_land_where_pelican_puts_them(plain: dict[str, bytes]) -> None:
    # The sanity check of the fixture itself: {attach} relocated every image.
    assert "nieuws/2024/in-de-werkplaats/werkplaats.png" in plain
    assert "nieuws/2024/fietsen-vergelijken/images/fiets.png" in plain
    assert "over-ons/profile-photo.jpg" in plain
    assert "nieuws/2024/fietsen-vergelijken/folder.pdf" in plain


def test_injection_off_writes_identical_bytes(
    plain: dict[str, bytes], tmp_path: Path
) -> None:
    with_plugin = _build(tmp_path / "off", plugin=True, JOURNEY_INJECT=False)
    assert sorted(with_plugin) == sorted(plain)
    changed = [path for path in plain if with_plugin[path] != plain[path]]
    assert changed == []


def test_injection_on_keeps_paths_and_every_non_html_byte(
    plain: dict[str, bytes], tmp_path: Path
) -> None:
    with_plugin = _build(tmp_path / "on", plugin=True, JOURNEY_INJECT="content")
    assert sorted(with_plugin) == sorted(plain)
    changed = [
        path
        for path in plain
        if not path.endswith(".html") and with_plugin[path] != plain[path]
    ]
    assert changed == []
    # The plugin did inject: the comparison above is not vacuous.
    page = with_plugin["nieuws/2024/in-de-werkplaats/index.html"].decode()
    assert 'class="journey-cta"' in page or 'class="journey-next"' in page
    assert "werkplaats.png" in page


def test_third_party_theme_keeps_every_byte_with_injection_off(tmp_path: Path) -> None:
    from journey_html import REFLEX

    plain = _build(tmp_path / "plain", plugin=False, **REFLEX)
    with_plugin = _build(tmp_path / "on", plugin=True, JOURNEY_INJECT=False, **REFLEX)
    assert "over-ons/profile-photo.jpg" in plain
    assert sorted(with_plugin) == sorted(plain)
    assert [path for path in plain if with_plugin[path] != plain[path]] == []
