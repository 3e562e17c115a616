"""``pelican-journey init``: write a new journey-centred site into an empty folder.

The site gets development and production settings, one starter page per
phase of the chosen model, an aftercare contact page, two starter expert
articles and a README, in Dutch or English, with the business name filled in.
Every page links onward to the next phase. All text is placeholder text with
the :data:`STARTER_MARKER` comment and visible "[replace this text]" hints, so
the ``starter-text`` rule warns in the development build and the strict
production build refuses to publish until the owner has replaced it.

The files are written into a temporary folder beside the target and moved in
at the end: a failure half-way leaves no half-written site.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from string import Template

from ..model.phases import BUILTIN_MODELS, LANGS, Model
from ..model.text import text
from .runner import SiteError

STARTER = Path(__file__).parent / "starter"

# The starter page (a template in starter/<lang>/) that plays each phase.
ROLES: dict[str, tuple[str, ...]] = {
    "six-phase": (
        "awareness",
        "consideration",
        "decision",
        "pricing",
        "experience",
        "service",
    ),
    "5k": ("awareness", "consideration", "decision", "pricing", "booking"),
    "see-think-do-care": ("awareness", "consideration", "booking", "service"),
}
# The phase of the two expert articles: each model's "what is best?" phase.
ARTICLE_PHASE = {"six-phase": "decision", "5k": "keuren", "see-think-do-care": "think"}
ARTICLES = ("article-1", "article-2")
CONTACT = "contact"
DEFAULT_NAME = {"nl": "Mijn bedrijf", "en": "My business"}
# The contact details init writes into pelicanconf.py: the same example values
# as the starter contact page, so the owner replaces them in one go.


@dataclass(frozen=True)
class ContactPlaceholder:
    phone: str
    email: str
    address: tuple[str, ...]
    hours: tuple[tuple[str, str], ...]


CONTACT_PLACEHOLDERS = {
    "nl": ContactPlaceholder(
        phone="020 123 45 67",
        email="info@example.nl",
        address=("Voorbeeldstraat 1", "1234 AB Plaats"),
        hours=(
            ("maandag t/m vrijdag", "9.00 - 17.30 uur"),
            ("zaterdag", "10.00 - 16.00 uur"),
        ),
    ),
    "en": ContactPlaceholder(
        phone="020 1234 5678",
        email="hello@example.com",
        address=("1 Example Street", "Town"),
        hours=(("Monday to Friday", "9 am - 5.30 pm"), ("Saturday", "10 am - 4 pm")),
    ),
}
TIMEZONE = {"nl": "Europe/Amsterdam", "en": "Europe/London"}
_META_RE = re.compile(r"^(?P<key>[A-Za-z]+):[ \t]*(?P<value>.*)$")


@dataclass(frozen=True)
class StarterFile:
    """One content file of the new site, before its links are filled in."""

    role: str
    phase: str
    folder: str  # "pages" or "blog"
    template: Template
    title: str
    slug: str

    @property
    def path(self) -> str:
        """The path inside ``content/``."""
        return f"{self.folder}/{self.slug}.md"


def _starter(lang: str, role: str, phase: str, name: str) -> StarterFile:
    source = (STARTER / lang / f"{role}.md").read_text(encoding="utf-8")
    meta = {}
    for line in source.splitlines():
        match = _META_RE.match(line)
        if not match:
            break
        meta[match["key"].lower()] = match["value"]
    folder = "blog" if role in ARTICLES else "pages"
    title = Template(meta["title"]).safe_substitute(name=name)
    return StarterFile(role, phase, folder, Template(source), title, meta["slug"])


def _check_name(name: str | None, target: Path, lang: str) -> str:
    if name is None:
        guessed = re.sub(r"[-_.]+", " ", target.resolve().name).strip()
        return guessed.title() if guessed else DEFAULT_NAME[lang]
    cleaned = name.strip()
    if not cleaned or any(ord(ch) < 32 or ch == "\x7f" for ch in cleaned):
        raise SiteError(f"--name {name!r}: give the business name as one line of text")
    return cleaned


# What a folder may already hold: a freshly cloned, empty repository.
ALLOWED_ENTRIES = frozenset({".git"})


def _check_target(target: Path) -> None:
    if target.is_file() or (target.exists() and not target.is_dir()):
        raise SiteError(
            f"{target}: is a file, not a folder; give a new or empty folder"
        )
    if target.is_dir():
        found = sorted(
            e.name for e in target.iterdir() if e.name not in ALLOWED_ENTRIES
        )
        if found:
            shown = ", ".join(found[:3]) + (" …" if len(found) > 3 else "")
            raise SiteError(
                f"{target}: the folder is not empty ({shown}); give a new or empty "
                "folder, or one holding only .git (init never overwrites anything)"
            )


def plan_content(model: Model, lang: str, name: str) -> list[StarterFile]:
    """The content files of a new site for ``model``, pages first."""
    roles = ROLES[model.id]
    files = [
        _starter(lang, role, phase.id, name)
        for role, phase in zip(roles, model.phases, strict=True)
    ]
    files.append(_starter(lang, CONTACT, model.final.id, name))
    files.extend(
        _starter(lang, role, ARTICLE_PHASE[model.id], name) for role in ARTICLES
    )
    return files


def render_content(
    files: list[StarterFile], model: Model, name: str, date: dt.date
) -> dict[str, str]:
    """Each file's text, with an onward link to the page of the next phase."""
    page_of = {f.phase: f for f in files if f.folder == "pages" and f.role != CONTACT}
    contact = next(f for f in files if f.role == CONTACT)
    ids = model.ids
    out: dict[str, str] = {}
    for item in files:
        index = ids.index(item.phase)
        onward = page_of[ids[index + 1]] if index + 1 < len(ids) else contact
        out[item.path] = item.template.substitute(
            name=name,
            phase=item.phase,
            date=date.isoformat(),
            next_title=onward.title,
            next_link=f"{{filename}}/{onward.path}",
        )
    return out


def _py(value: str) -> str:
    """A Python string literal, double-quoted, readable (no ASCII escapes)."""
    return json.dumps(value, ensure_ascii=False)


def _py_list(items: tuple[object, ...]) -> str:
    """A Python list literal of strings or string pairs, one item per line."""

    def one(item: object) -> str:
        if isinstance(item, tuple):
            return "(" + ", ".join(_py(str(part)) for part in item) + ")"
        return _py(str(item))

    return "[\n" + "".join(f"    {one(item)},\n" for item in items) + "]"


def _settings(name: str, lang: str, model: Model) -> str:
    contact = CONTACT_PLACEHOLDERS[lang]
    return f'''"""Development build: journey findings are reported, only errors fail.

Build and preview:  pelican -s pelicanconf.py --listen --autoreload
"""

AUTHOR = {_py(name)}
SITENAME = {_py(name)}
SITEURL = ""

PATH = "content"
TIMEZONE = {_py(TIMEZONE[lang])}
DEFAULT_LANG = {_py(lang)}
DEFAULT_DATE_FORMAT = "%d-%m-%Y"

THEME = "klantreis"
PLUGINS = ["journey"]

DISPLAY_PAGES_ON_MENU = True
DEFAULT_PAGINATION = 10
RELATIVE_URLS = True

# No feeds while developing; publishconf.py switches them on.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# How customers reach you: the klantreis theme shows a "call us" button in the
# header and these details in every page's footer. Replace the examples.
KLANTREIS_PHONE = {_py(contact.phone)}
KLANTREIS_EMAIL = {_py(contact.email)}
KLANTREIS_ADDRESS = {_py_list(contact.address)}
KLANTREIS_OPENING_HOURS = {_py_list(contact.hours)}
# KLANTREIS_LOGO = "images/logo.svg"  # your logo, in content/images/

# The customer journey (pelican-journey).
JOURNEY_MODEL = {_py(model.id)}
JOURNEY_LANG = {_py(lang)}
JOURNEY_FAIL_ON = "error"
'''


_PUBLISHCONF = '''"""Production build: strict, any journey finding fails it.

Publish:  pelican -s publishconf.py   (the site is written to output/)
"""

import sys
from pathlib import Path

# Always this folder's pelicanconf.py, also when another site's was loaded before.
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.modules.pop("pelicanconf", None)
from pelicanconf import *  # noqa: E402, F403

SITEURL = ""  # the address of the site, e.g. "https://www.example.com"
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"

# Starter text, an uncovered phase, a dead end: nothing is published unread.
JOURNEY_FAIL_ON = "warning"
'''


# pelican-journey is not on PyPI yet: the line says how to install it meanwhile.
REQUIREMENTS = {
    "nl": "# Zolang pelican-journey niet op PyPI staat: vervang de regel hieronder\n"
    "# door het pad van een kloon of van het wheel-bestand, bijvoorbeeld\n"
    "# ./vendor/pelican_journey-0.1.0-py3-none-any.whl\n"
    "pelican-journey\n",
    "en": "# Until pelican-journey is on PyPI, replace the line below with the path\n"
    "# of a clone or of its wheel file, for example\n"
    "# ./vendor/pelican_journey-0.1.0-py3-none-any.whl\n"
    "pelican-journey\n",
}

_GITIGNORE = """output/
cache/
journey-report/
__pycache__/
*.pyc
"""


def _readme(name: str, lang: str, model: Model, files: list[StarterFile]) -> str:
    rows = []
    for item in files:
        phase = model.get(item.phase)
        label = phase.label(lang) if phase else item.phase
        rows.append(f"| {label} | `content/{item.path}` — {item.title} |")
    template = Template((STARTER / lang / "README.md").read_text(encoding="utf-8"))
    return template.substitute(name=name, model=model.id, pages="\n".join(rows))


def site_files(name: str, lang: str, model: Model, date: dt.date) -> dict[str, str]:
    """Every file of a new site: path relative to the site folder -> text."""
    content = plan_content(model, lang, name)
    files = {
        "pelicanconf.py": _settings(name, lang, model),
        "publishconf.py": _PUBLISHCONF,
        "README.md": _readme(name, lang, model, content),
        "requirements.txt": REQUIREMENTS[lang],
        ".gitignore": _GITIGNORE,
    }
    for path, body in render_content(content, model, name, date).items():
        files[f"content/{path}"] = body
    return files


# Folders a new site has from the start, even while empty: Pelican's default
# STATIC_PATHS, so a first build does not warn that it is missing.
EMPTY_FOLDERS = ("content/images",)


def _write_tree(root: Path, files: dict[str, str]) -> None:
    for rel, body in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8", newline="\n")


def _move_into(staging: Path, target: Path) -> None:
    """Move the staged site to ``target``; an existing (empty) target is kept."""
    if not target.exists():
        staging.rename(target)
        return
    moved: list[Path] = []
    try:
        for entry in sorted(staging.iterdir()):
            destination = target / entry.name
            entry.rename(destination)
            moved.append(destination)
    except OSError:
        for path in moved:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        raise
    staging.rmdir()


def init_site(
    directory: str | os.PathLike[str],
    *,
    lang: str = "nl",
    name: str | None = None,
    model: str = "six-phase",
) -> int:
    """Write a new site into ``directory`` (new or empty); return the exit status."""
    target = Path(directory)
    if lang not in LANGS:
        raise SiteError(f"--lang {lang!r}: allowed: {', '.join(LANGS)}")
    journey_model = BUILTIN_MODELS.get(model)
    if journey_model is None:
        raise SiteError(f"--model {model!r}: allowed: {', '.join(BUILTIN_MODELS)}")
    _check_target(target)
    business = _check_name(name, target, lang)
    files = site_files(business, lang, journey_model, dt.date.today())

    parent = target.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    except OSError as error:
        raise SiteError(f"{target}: cannot create the folder: {error}") from None
    try:
        _write_tree(staging, files)
        for folder in EMPTY_FOLDERS:
            (staging / folder).mkdir(parents=True, exist_ok=True)
        mode = 0o777 & ~_umask()
        for path in (staging, *staging.rglob("*")):
            path.chmod(mode if path.is_dir() else mode & 0o666)
        _move_into(staging, target)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteError(f"{target}: cannot write the site: {error}") from None

    from rich.console import Console  # noqa: PLC0415 - only needed here

    console = Console(highlight=False, markup=False)
    console.print(
        text(
            "init-done",
            lang,
            name=business,
            target=target,
            count=len(files),
            model=journey_model.id,
        )
    )
    here = target.resolve() == Path.cwd().resolve()
    console.print(text("init-next-here" if here else "init-next", lang, target=target))
    return 0


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
