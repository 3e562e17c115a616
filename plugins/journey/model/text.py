"""User-facing text in Dutch and English.

Every message a user reads (findings, console summary, CLI output) comes from
:data:`MESSAGES`, keyed by a stable id, with one template per language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .phases import LANGS

MESSAGES: dict[str, Mapping[str, str]] = {
    "unknown-phase": {
        "nl": "onbekende fase {value!r}{hint}",
        "en": "unknown phase {value!r}{hint}",
    },
    "did-you-mean": {
        "nl": "; bedoel je {suggestion}?",
        "en": "; did you mean {suggestion}?",
    },
    "allowed-phases": {
        "nl": "; toegestaan: {allowed}",
        "en": "; allowed: {allowed}",
    },
    "cta-title": {
        "nl": "Jouw volgende stap",
        "en": "Your next step",
    },
    "next-title": {
        "nl": "Volgende stap",
        "en": "Next step",
    },
    "progress-label": {
        "nl": "Klantreis",
        "en": "Customer journey",
    },
    "inject-theme-without-partials": {
        "nl": "pelican-journey: JOURNEY_INJECT is 'theme', maar de templates "
        "{templates} van het thema gebruiken journey/cta.html niet; "
        "zet JOURNEY_INJECT op 'auto' of 'content'",
        "en": "pelican-journey: JOURNEY_INJECT is 'theme', but the theme's "
        "templates {templates} do not include journey/cta.html; "
        "set JOURNEY_INJECT to 'auto' or 'content'",
    },
    "summary-title": {
        "nl": "Klantreis ({model})",
        "en": "Customer journey ({model})",
    },
    "summary-phase": {"nl": "Fase", "en": "Phase"},
    "summary-count": {"nl": "Inhoud", "en": "Content"},
    "summary-findings": {"nl": "Bevindingen", "en": "Findings"},
    "summary-coverage": {
        "nl": "{covered}/{total} fasen gedekt; {content} pagina's en artikelen, "
        "{untagged} zonder fase",
        "en": "{covered}/{total} phases covered; {content} documents, "
        "{untagged} untagged",
    },
    "summary-totals": {
        "nl": "{errors} fout(en), {warnings} waarschuwing(en){baselined}",
        "en": "{errors} error(s), {warnings} warning(s){baselined}",
    },
    "summary-baselined": {
        "nl": ", {count} in de baseline",
        "en": ", {count} baselined",
    },
    "reports-written": {
        "nl": "pelican-journey: rapporten geschreven in {path}",
        "en": "pelican-journey: reports written to {path}",
    },
    "reports-failed": {
        "nl": "pelican-journey: kan de rapporten niet schrijven in {path}: {error}",
        "en": "pelican-journey: cannot write the reports to {path}: {error}",
    },
    "check-clean": {
        "nl": "pelican-journey: geen bevindingen",
        "en": "pelican-journey: no findings",
    },
    "check-build-failed": {
        "nl": "pelican-journey: Pelican kon de site niet bouwen (zie hierboven)",
        "en": "pelican-journey: Pelican could not build the site (see above)",
    },
    "baseline-written": {
        "nl": "pelican-journey: {count} bevinding(en) in de baseline {path}",
        "en": "pelican-journey: {count} finding(s) written to the baseline {path}",
    },
    "baseline-hint": {
        "nl": "Zet in je instellingen: JOURNEY_BASELINE = {value!r}",
        "en": "Set in your settings: JOURNEY_BASELINE = {value!r}",
    },
    "build-failed": {
        "nl": "pelican-journey: {count} bevinding(en) op of boven {level!r}; "
        "de build is afgekeurd (exit 3)",
        "en": "pelican-journey: {count} finding(s) at or above {level!r}; "
        "the build fails (exit 3)",
    },
    "build-failed-autoreload": {
        "nl": "pelican-journey: {count} bevinding(en) op of boven {level!r}; "
        "de server blijft draaien",
        "en": "pelican-journey: {count} finding(s) at or above {level!r}; "
        "still serving",
    },
    "settings-autoreload": {
        "nl": "pelican-journey: {error} — de site wordt zonder klantreis gebouwd "
        "tot de instelling klopt; de server blijft kijken",
        "en": "pelican-journey: {error} — the site is built without the journey "
        "until the setting is fixed; still watching",
    },
    "not-enabled": {
        "nl": "pelican-journey is geïnstalleerd maar niet aangezet voor deze site; "
        "niets geschreven. Beginnen: zet 'journey' in PLUGINS en draai "
        "`pelican-journey suggest` voor een fase per pagina",
        "en": "pelican-journey is installed but not enabled for this site; "
        "nothing written. To start: add 'journey' to PLUGINS and run "
        "`pelican-journey suggest` for a phase per page",
    },
    "no-phase-yet": {
        "nl": "nog geen enkele pagina of artikel heeft een fase ({count} zonder); "
        "begin met `pelican-journey suggest` (voorstel per bestand, --write "
        "voegt de 'Phase:'-regels toe)",
        "en": "no page or article has a phase yet ({count} without); start with "
        "`pelican-journey suggest` (a proposal per file; --write adds the "
        "'Phase:' lines)",
    },
    # pelican-journey init
    "init-done": {
        "nl": "{name}: nieuwe site ({count} bestanden, model {model}) in {target}",
        "en": "{name}: new site ({count} files, model {model}) in {target}",
    },
    "init-next": {
        "nl": "Verder: cd {target} && pelican -s pelicanconf.py --listen "
        "--autoreload; vervang alle tekst met [vervang deze tekst] (zie README.md)",
        "en": "Next: cd {target} && pelican -s pelicanconf.py --listen "
        "--autoreload; replace all text marked [replace this text] (see README.md)",
    },
    # pelican-journey suggest
    "suggest-title": {
        "nl": "Voorgestelde fasen voor inhoud zonder fase",
        "en": "Proposed phases for content without a phase",
    },
    "suggest-col-file": {"nl": "Bestand", "en": "File"},
    "suggest-col-title": {"nl": "Titel", "en": "Title"},
    "suggest-col-phase": {"nl": "Voorgestelde fase", "en": "Proposed phase"},
    "suggest-col-confidence": {"nl": "Zekerheid", "en": "Confidence"},
    "suggest-col-words": {"nl": "Woorden", "en": "Words"},
    "suggest-col-result": {"nl": "Resultaat", "en": "Result"},
    "suggest-none": {
        "nl": "Alle gepubliceerde inhoud heeft een fase; niets voor te stellen.",
        "en": "All published content has a phase; nothing to propose.",
    },
    "suggest-summary": {
        "nl": "{count} zonder fase, {confident} met zekerheid >= {threshold}; "
        "schrijf die met: pelican-journey suggest --write",
        "en": "{count} without a phase, {confident} with confidence >= {threshold}; "
        "write those with: pelican-journey suggest --write",
    },
    "suggest-summary-written": {
        "nl": "{count} zonder fase, {confident} met zekerheid >= {threshold}; "
        "{written} bestand(en) aangevuld met een Phase-regel",
        "en": "{count} without a phase, {confident} with confidence >= {threshold}; "
        "added a Phase line to {written} file(s)",
    },
    "suggest-written": {
        "nl": "geschreven: Phase: {phase}",
        "en": "written: Phase: {phase}",
    },
    "suggest-skip-unsure": {
        "nl": "niet geschreven: zekerheid onder {threshold}",
        "en": "not written: confidence below {threshold}",
    },
    "suggest-skip-has-phase": {
        "nl": "overgeslagen: het bestand heeft al een fase",
        "en": "skipped: the file already has a phase",
    },
    "suggest-skip-yaml": {
        "nl": "overgeslagen: YAML-kop (---) wordt niet bewerkt; voeg de fase zelf toe",
        "en": "skipped: YAML front matter (---) is not edited; add the phase by hand",
    },
    "suggest-skip-no-meta": {
        "nl": "overgeslagen: geen metadatablok bovenaan het bestand",
        "en": "skipped: no metadata block at the top of the file",
    },
    "suggest-skip-rest-layout": {
        "nl": "overgeslagen: geen titel met veldenlijst zoals Pelican die leest",
        "en": "skipped: no title and field list as Pelican reads them",
    },
    "suggest-skip-layout": {
        "nl": "overgeslagen: de regels van het bestand zijn niet veilig te splitsen",
        "en": "skipped: the file's lines cannot be split safely",
    },
    "suggest-skip-encoding": {
        "nl": "overgeslagen: het bestand is geen UTF-8",
        "en": "skipped: the file is not UTF-8",
    },
    "suggest-skip-format": {
        "nl": "overgeslagen: {suffix}-bestanden worden niet bewerkt "
        "(alleen Markdown en reST)",
        "en": "skipped: {suffix} files are not edited (Markdown and reST only)",
    },
    "suggest-skip-changed": {
        "nl": "overgeslagen: het bestand is veranderd sinds de build het las; "
        "draai suggest opnieuw",
        "en": "skipped: the file changed since the build read it; run suggest again",
    },
    "suggest-skip-outside": {
        "nl": "overgeslagen: het bestand ligt buiten PATH van de site",
        "en": "skipped: the file is outside the site's PATH",
    },
    "suggest-skip-error": {
        "nl": "overgeslagen: kan niet schrijven: {error}",
        "en": "skipped: cannot write: {error}",
    },
}


def text(key: str, lang: str, **values: Any) -> str:
    """The message ``key`` in ``lang`` (English when missing), formatted."""
    templates = MESSAGES[key]
    template = templates.get(lang) or templates["en"]
    return template.format(**values)


def pick(value: Mapping[str, str] | str, lang: str) -> str:
    """A per-language text, or a plain string used for every language."""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("en") or next(iter(value.values()), "")


def check_catalogue() -> list[str]:
    """Message ids that lack a template in one of the languages."""
    return [key for key, t in MESSAGES.items() if any(lang not in t for lang in LANGS)]
