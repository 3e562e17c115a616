"""The journey map opens with what to do first (SPEC §7, issue 18)."""

from __future__ import annotations

import lxml.html

from pelican.plugins.journey.model.findings import Finding
from pelican.plugins.journey.model.phases import BUILTIN_MODELS
from pelican.plugins.journey.report.actions import MAX_ACTIONS, plan_actions
from pelican.plugins.journey.rules import REGISTRY

SIX = BUILTIN_MODELS["six-phase"]

# Gaps of every kind: an empty purchase and experience phase, an aftercare page
# without contact details, a dead end, an untagged page, a generic label.
GAPS = {
    "blog/ketting.md": """
        Title: Vijf tekenen dat je ketting op is
        Date: 2026-01-05
        Phase: bewustwording
        CTA: Klik hier | {filename}/pages/diensten.md

        Een piepende ketting is geen karakter.
    """,
    "pages/diensten.md": """
        Title: Onze diensten
        Phase: overweging

        Wij repareren fietsen.
    """,
    "pages/vergelijk.md": """
        Title: Welke fiets past bij jou?
        Phase: besluitvorming

        Zo kies je.
    """,
    "pages/service.md": """
        Title: Service na aankoop
        Phase: nazorg

        We helpen je graag verder.
    """,
    "pages/nieuws.md": """
        Title: Nieuws

        Zonder fase.
    """,
}


def actions_of(built) -> list[lxml.html.HtmlElement]:
    path = built.reports / "journey-map.html"
    tree = lxml.html.fromstring(path.read_text(encoding="utf-8"))
    (section,) = tree.xpath('//*[contains(@class, "journey-actions")]')
    # The actions come first: before the summary and the phase columns.
    html = path.read_text(encoding="utf-8")
    html = html[html.index("<body") :]  # after the inlined stylesheet
    assert html.index("journey-actions") < html.index("jm-stats")
    assert html.index("journey-actions") < html.index("jm-columns")
    return section.xpath(".//li")


def test_map_opens_with_ranked_actions_in_dutch(site):
    built = site(GAPS, JOURNEY_FAIL_ON="never")
    items = actions_of(built)
    texts = [" ".join(li.text_content().split()) for li in items]
    assert 1 <= len(texts) <= MAX_ACTIONS
    # The empty phases first, in journey order, with the customer's question.
    assert texts[0] == (
        "Schrijf een pagina voor de fase Aankoop — klanten vragen hier: "
        "Waar koop ik het?"
    )
    assert texts[1].startswith("Schrijf een pagina voor de fase Gebruikservaring")
    # Then a way to reach a person after the sale.
    assert texts[2].startswith("Zet je telefoonnummer en e-mailadres op een pagina")
    assert "Nazorg" in texts[2]
    rules = [li.get("data-rule") for li in items]
    assert rules[:3] == ["phase-empty", "phase-empty", "aftercare-contact"]
    assert "generic-cta" not in rules  # a label's wording is not among the first five
    # No action is only an internal id.
    for text in texts:
        assert text not in {"phase-empty", "aftercare-contact", "dead-end"}


def test_map_actions_in_english(site):
    built = site(GAPS, JOURNEY_FAIL_ON="never", JOURNEY_LANG="en")
    texts = [" ".join(li.text_content().split()) for li in actions_of(built)]
    assert texts[0] == (
        "Write a page for the Purchase phase — customers ask here: Where will I buy it?"
    )
    assert texts[2].startswith("Put your phone number and e-mail address")


def test_errors_come_before_warnings_and_rules_are_grouped():
    page = "content/a.md"
    findings = [
        Finding("dead-end", "warning", "m", page),
        Finding("dead-end", "warning", "m", "content/b.md"),
        Finding("generic-cta", "warning", "label", page),
        Finding("broken-target", "error", "link x leads nowhere", page),
    ]
    actions = plan_actions(findings, [], SIX, "en")
    assert [a.rule for a in actions] == ["broken-target", "dead-end", "generic-cta"]
    assert actions[1].count == 2 and actions[1].text.endswith("(and 1 more)")
    assert "link x leads nowhere" in actions[0].text


def test_baselined_findings_make_no_action_and_at_most_five():
    findings = [
        Finding("phase-empty", "warning", "m", None, phase=p.id) for p in SIX.phases
    ]
    findings.append(Finding("dead-end", "warning", "m", "content/x.md", baselined=True))
    actions = plan_actions(findings, [], SIX, "nl")
    assert len(actions) == MAX_ACTIONS
    assert all(a.rule == "phase-empty" for a in actions)
    assert "Bewustwording" in actions[0].text and "Nazorg" not in actions[-1].text


def test_a_site_without_findings_says_nothing_is_urgent(site):
    built = site(
        {"pages/a.md": "Title: A\nPhase: awareness\n\nTekst."},
        JOURNEY_RULES=dict.fromkeys(REGISTRY, "off"),
    )
    assert built.report()["findings"] == []
    path = built.reports / "journey-map.html"
    tree = lxml.html.fromstring(path.read_text(encoding="utf-8"))
    (section,) = tree.xpath('//*[contains(@class, "journey-actions")]')
    assert section.xpath(".//li") == []
    assert "Niets dringends" in section.text_content()
