"""``pelican-journey suggest``: propose a phase for every untagged document.

The site is built for real (Pelican reads everything, output goes to a
temporary folder); each published document without a phase gets a proposal
from its title, text and category: Dutch and English keywords and phrases
scored per phase.

Only with ``--write``, and only for a proposal of at least :data:`CONFIDENT`
confidence, the command adds one ``Phase: <id>`` line to a Markdown file's
metadata or one ``:phase: <id>`` field to a reST file's field list, and only
where Pelican's own reader proves the edit safe (:mod:`.edit`). A file it
cannot edit safely is left alone with the reason. The plugin itself never
writes sources; only this command does, and only when asked.

Modules, by job: :mod:`.words` (clue words, data), :mod:`.scoring`
(proposals), :mod:`.site` (reading the site), :mod:`.edit` (editing
sources), :mod:`.console` (the command and its table).
"""

from __future__ import annotations

from .console import suggest
from .edit import (
    BOM,
    MARKDOWN_SUFFIXES,
    Editor,
    Skip,
    add_phase,
    markdown_edits,
    phase_edits,
    rest_edits,
    split_lines,
    write_bytes,
)
from .scoring import (
    CATEGORY_WEIGHT,
    CONFIDENT,
    MAX_REPEAT,
    TITLE_WEIGHT,
    Proposal,
    fold,
    plain_text,
    propose,
    theme_scores,
    words,
)
from .site import SOURCE_SUFFIXES, Candidate, collect
from .words import LEXICON, THEME_MAP

__all__ = [
    "BOM",
    "CATEGORY_WEIGHT",
    "CONFIDENT",
    "LEXICON",
    "MARKDOWN_SUFFIXES",
    "MAX_REPEAT",
    "SOURCE_SUFFIXES",
    "THEME_MAP",
    "TITLE_WEIGHT",
    "Candidate",
    "Editor",
    "Proposal",
    "Skip",
    "add_phase",
    "collect",
    "fold",
    "markdown_edits",
    "phase_edits",
    "plain_text",
    "propose",
    "rest_edits",
    "split_lines",
    "suggest",
    "theme_scores",
    "words",
    "write_bytes",
]
