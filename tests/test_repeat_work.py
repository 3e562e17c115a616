"""Work the analysis does once instead of again, with the same result.

``Analysis.summary`` counts the index once; ``reachability`` reads the contact
pages the page pass kept instead of extracting them again.
"""

from __future__ import annotations

from test_friction import PROBLEMS

from pelican.plugins.journey.rules import RuleContext
from pelican.plugins.journey.rules.friction import _reachability_docs
from pelican.plugins.journey.rules.words import (
    _PASSES,
    PAGE_CHECKS,
    _page_pass,
    page_text,
)
from pelican.plugins.journey.site.text import extract

# A second contact page with non-ASCII text and odd white space (French).
CONTACT_EN = """
    Title: Contactez-nous
    Phase: nazorg
    Touchpoint: contact

    Écrivez à   [noreply@fietsen.example](mailto:noreply@fietsen.example) \u2013
    nous répondons\u00a0vite.
"""


def _reachability(built):
    return [f.log_line() for f in built.analysis.findings if f.rule == "reachability"]


def test_reachability_reads_the_pages_the_pass_kept_with_the_same_findings(site):
    files = {**PROBLEMS, "pages/contact-fr.md": CONTACT_EN}
    built = site(files, JOURNEY_FAIL_ON="never")
    index = built.analysis.index
    ref, entry = _PASSES[id(index)]
    assert ref() is index
    context = RuleContext(index, index.config.rules["reachability"].options, "nl", None)
    docs = _reachability_docs(context)
    assert len(docs) == 2
    # reachability took the pages the pass kept and let them go: none is
    # held into the writing of the site.
    assert entry.kept == {}
    # A pass keeps exactly the pages reachability reads, as extract() makes
    # them.
    fresh = _page_pass(context)
    assert set(fresh.kept) == {id(d) for d in docs}
    for doc in docs:
        assert fresh.kept[id(doc)] == extract(doc.html)
    # A kept page is handed out once; asked again, the page is read again.
    probe = docs[0]
    entry.kept[id(probe)] = marker = fresh.kept[id(probe)]
    assert page_text(context, probe) is marker
    assert id(probe) not in entry.kept
    again = page_text(context, probe)
    assert again is not marker
    assert again == marker
    found = _reachability(built)
    assert len(found) == 2

    # Without a page pass (every page check off) the rule reads the pages
    # itself, and finds the same.
    off = dict.fromkeys(PAGE_CHECKS, "off")
    alone = site(files, JOURNEY_FAIL_ON="never", JOURNEY_RULES=off)
    assert id(alone.analysis.index) not in _PASSES
    assert _reachability(alone) == found


def test_page_text_without_a_pass_extracts_the_page(site):
    built = site(PROBLEMS, JOURNEY_FAIL_ON="never")
    index = built.analysis.index
    context = RuleContext(index, {}, "nl", None)
    doc = index.by_key["pages/bestellen.md"]
    assert id(doc) not in _PASSES[id(index)][1].kept
    assert page_text(context, doc) == extract(doc.html)


def test_the_summary_counts_the_index_once_and_the_findings_each_time(site):
    built = site(PROBLEMS, JOURNEY_FAIL_ON="never")
    analysis = built.analysis
    index = analysis.index
    plain = {
        "errors": sum(
            f.severity == "error" for f in analysis.findings if not f.baselined
        ),
        "warnings": sum(
            f.severity == "warning" for f in analysis.findings if not f.baselined
        ),
        "covered_phases": sum(1 for n in index.phase_counts().values() if n),
        "total_phases": len(index.phase_counts()),
        "content": index.content_counts()[0],
        "untagged": index.content_counts()[1],
    }
    assert analysis.summary() == plain
    assert analysis.phase_counts() == index.phase_counts()
    assert analysis.phase_counts() is not analysis.phase_counts()

    calls = []
    index.phase_counts = lambda: calls.append(1) or {}  # type: ignore[method-assign]
    assert analysis.summary() == plain
    assert calls == []  # counted once already

    # Findings and their flags may still change: counted on every call.
    warnings = plain["warnings"]
    assert warnings > 0
    first = next(f for f in analysis.findings if f.severity == "warning")
    first.baselined = True
    assert analysis.summary()["warnings"] == warnings - 1
    first.baselined = False
    analysis.findings = []
    assert analysis.summary()["warnings"] == 0

    # Another index (or one that grew) is counted again.
    index.documents = [*index.documents, index.documents[0]]
    assert analysis.summary()["total_phases"] == 0
    assert calls == [1]
