"""User-facing text in Dutch and English.

Every message a user reads (findings, console summary, CLI output) comes from
:data:`MESSAGES`, keyed by a stable id, with one template per language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .phases import LANGS

# The comment every starter text of ``pelican-journey init`` carries (Markdown
# keeps it in the HTML), and the visible hints next to each placeholder.
STARTER_MARKER = "pelican-journey:starter"
STARTER_HINTS = ("[vervang deze tekst]", "[replace this text]")

MESSAGES: dict[str, Mapping[str, str]] = {
    # The journey map's "what to do first" (report/actions.py): one sentence
    # per rule, naming the page or phase and the change. {page}, {phase},
    # {question} and {message} (the finding's own words) are available.
    "action-more": {"nl": "(en nog {count})", "en": "(and {count} more)"},
    "action-phase-empty": {
        "nl": "Schrijf een pagina voor de fase {phase} — klanten vragen hier: "
        "{question}",
        "en": "Write a page for the {phase} phase — customers ask here: {question}",
    },
    "action-aftercare-contact": {
        "nl": "Zet je telefoonnummer en e-mailadres op een pagina voor {phase}, "
        "zodat klanten je na de aankoop vinden",
        "en": "Put your phone number and e-mail address on a page for {phase}, so "
        "customers find you after they bought",
    },
    "action-reachability": {
        "nl": "Zet je openingstijden op {page}: wanneer neemt iemand de telefoon op?",
        "en": "Put your opening hours on {page}: when does someone answer the phone?",
    },
    "action-noreply-contact": {
        "nl": "Vervang het no-reply-adres op {page} door een adres waar iemand "
        "antwoordt",
        "en": "Replace the no-reply address on {page} with one where someone answers",
    },
    "action-contact-depth": {
        "nl": "Link vanaf de startpagina naar {page}, zodat klanten je snel bereiken",
        "en": "Link to {page} from the home page, so customers reach you quickly",
    },
    "action-starter-text": {
        "nl": "Vervang de voorbeeldtekst op {page} door je eigen woorden",
        "en": "Replace the example text on {page} with your own words",
    },
    "action-return-terms": {
        "nl": "Schrijf op een pagina voor {phase} hoe klanten kunnen ruilen, "
        "annuleren of terugsturen",
        "en": "Say on a page for {phase} how customers can exchange, cancel or return",
    },
    "action-price-clarity": {
        "nl": "Laat je prijzen zien op een pagina voor {phase}",
        "en": "Show your prices on a page for {phase}",
    },
    "action-forced-account": {
        "nl": "Laat klanten op {page} kopen zonder eerst een account te maken",
        "en": "Let customers buy on {page} without making an account first",
    },
    "action-dead-end": {
        "nl": "Geef {page} een link naar de volgende stap",
        "en": "Give {page} a link to the next step",
    },
    "action-missing-cta": {
        "nl": "{page} heeft geen knop naar een volgende stap: {message}",
        "en": "{page} has no button to a next step: {message}",
    },
    "action-social-proof": {
        "nl": "Zet ervaringen van klanten op een pagina voor {phase}",
        "en": "Put what customers say about you on a page for {phase}",
    },
    "action-expertise-blog": {
        "nl": "Schrijf blogs met bruikbare tips voor de fase {phase} — klanten "
        "vragen hier: {question}",
        "en": "Write blog posts with useful tips for the {phase} phase — customers "
        "ask here: {question}",
    },
    "action-untagged": {
        "nl": "Geef {page} een fase (pelican-journey suggest stelt er een voor)",
        "en": "Give {page} a phase (pelican-journey suggest proposes one)",
    },
    "action-broken-target": {
        "nl": "Herstel de link op {page}: {message}",
        "en": "Fix the link on {page}: {message}",
    },
    "action-unknown-phase": {
        "nl": "Verbeter de fase van {page}: {message}",
        "en": "Correct the phase of {page}: {message}",
    },
    "action-generic-cta": {
        "nl": "Zeg in de knop op {page} waar die heen gaat: {message}",
        "en": "Say in the button on {page} where it leads: {message}",
    },
    "map-actions": {"nl": "Wat eerst te doen", "en": "What to do first"},
    "map-no-actions": {
        "nl": "Niets dringends: elke fase heeft inhoud en er staan geen "
        "bevindingen open.",
        "en": "Nothing urgent: every phase has content and no finding is open.",
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
        "nl": "Klantreis: {phases}",
        "en": "Customer journey: {phases}",
    },
    "summary-site-wide": {"nl": "Hele site", "en": "Whole site"},
    "summary-map": {
        "nl": "Klantreiskaart: {path}",
        "en": "Customer journey map: {path}",
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
        "nl": ", {count} eerder geaccepteerd (baseline)",
        "en": ", {count} accepted earlier (baseline)",
    },
    "step-summary-errors": {"nl": "Fouten ({count})", "en": "Errors ({count})"},
    "step-summary-warnings": {
        "nl": "Waarschuwingen ({count})",
        "en": "Warnings ({count})",
    },
    "step-summary-baselined": {
        "nl": "Geaccepteerd in de baseline ({count})",
        "en": "Accepted in the baseline ({count})",
    },
    "step-summary-rule": {"nl": "Controle", "en": "Rule"},
    "step-summary-file": {"nl": "Bestand", "en": "File"},
    "step-summary-line": {"nl": "Regel", "en": "Line"},
    "step-summary-message": {"nl": "Melding", "en": "Message"},
    "step-summary-left-out": {
        "nl": "… en nog {count} bevinding(en): te veel voor de samenvatting, "
        "zie report.json",
        "en": "… and {count} more finding(s): too many for the summary, "
        "see report.json",
    },
    "step-summary-failed": {
        "nl": "pelican-journey: kan de samenvatting niet schrijven in {path}: {error}",
        "en": "pelican-journey: cannot write the step summary to {path}: {error}",
    },
    "report-in-output": {
        "nl": "pelican-journey: JOURNEY_REPORT_PATH {path} ligt in OUTPUT_PATH "
        "{output}: de rapporten en de klantreiskaart worden met de site "
        "gepubliceerd; kies een map buiten OUTPUT_PATH als dat niet de bedoeling is",
        "en": "pelican-journey: JOURNEY_REPORT_PATH {path} is inside OUTPUT_PATH "
        "{output}: the reports and the journey map get published with the site; "
        "choose a folder outside OUTPUT_PATH unless that is what you want",
    },
    "reports-written": {
        "nl": "pelican-journey: rapporten geschreven in {path}",
        "en": "pelican-journey: reports written to {path}",
    },
    "in-site-map-failed": {
        "nl": "pelican-journey: het thema kan de klantreiskaart niet tonen "
        "({error}); de losse kaart staat in journey-map/index.html",
        "en": "pelican-journey: the theme cannot show the journey map "
        "({error}); the standalone map is in journey-map/index.html",
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
    "baseline-starter-skipped": {
        "nl": "pelican-journey: {count} bevinding(en) van starter-text niet in de "
        "baseline: vervang de voorbeeldtekst, een baseline accepteert die nooit",
        "en": "pelican-journey: {count} starter-text finding(s) left out of the "
        "baseline: replace the placeholder text; a baseline never accepts it",
    },
    "baseline-stale": {
        "nl": "pelican-journey: {count} regel(s) in de baseline passen bij geen "
        "bevinding meer en kunnen weg (pelican-journey baseline --prune):",
        "en": "pelican-journey: {count} baseline entr(y/ies) match no finding any "
        "more and can be removed (pelican-journey baseline --prune):",
    },
    "baseline-pruned": {
        "nl": "pelican-journey: {count} regel(s) die bij geen bevinding meer "
        "passen uit de baseline verwijderd:",
        "en": "pelican-journey: {count} baseline entr(y/ies) that matched no "
        "finding removed:",
    },
    "baseline-replaced": {
        "nl": "pelican-journey: de oude baseline wordt vervangen: {error}",
        "en": "pelican-journey: the old baseline is replaced: {error}",
    },
    "baseline-hint": {
        "nl": "Zet in je instellingen: JOURNEY_BASELINE = {value!r}",
        "en": "Set in your settings: JOURNEY_BASELINE = {value!r}",
    },
    "build-failed": {
        "nl": "pelican-journey: {count} bevinding(en) houden het publiceren "
        "tegen (JOURNEY_FAIL_ON = {level!r}); de build stopt (exit 3)",
        "en": "pelican-journey: {count} finding(s) stop publishing "
        "(JOURNEY_FAIL_ON = {level!r}); the build stops (exit 3)",
    },
    "build-failed-autoreload": {
        "nl": "pelican-journey: {count} bevinding(en) zouden het publiceren "
        "tegenhouden (JOURNEY_FAIL_ON = {level!r}); de server blijft draaien",
        "en": "pelican-journey: {count} finding(s) would stop publishing "
        "(JOURNEY_FAIL_ON = {level!r}); still serving",
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
    "init-next-here": {
        "nl": "Verder: pelican -s pelicanconf.py --listen --autoreload; vervang "
        "alle tekst met [vervang deze tekst] (zie README.md)",
        "en": "Next: pelican -s pelicanconf.py --listen --autoreload; replace all "
        "text marked [replace this text] (see README.md)",
    },
    # pelican-journey suggest
    "analytics-missing": {
        "nl": "JOURNEY_ANALYTICS: {path} bestaat niet; geef een bestand of map "
        "met een export van je bezoekersstatistieken",
        "en": "JOURNEY_ANALYTICS: {path} does not exist; give a file or folder "
        "with an export of your visitor statistics",
    },
    "analytics-bad-zip": {
        "nl": "{path}: geen leesbaar zip-bestand ({error})",
        "en": "{path}: not a readable zip file ({error})",
    },
    "analytics-empty-folder": {
        "nl": "{path}: de map is leeg; zet er de export van je statistieken in",
        "en": "{path}: the folder is empty; put the statistics export in it",
    },
    "analytics-unreadable": {
        "nl": "{path}: kan het bestand niet lezen ({error})",
        "en": "{path}: cannot read the file ({error})",
    },
    "analytics-empty": {
        "nl": "{path}: het bestand is leeg; exporteer de statistieken opnieuw",
        "en": "{path}: the file is empty; export the statistics again",
    },
    "analytics-unknown": {
        "nl": "{path}: geen export die pelican-journey leest; verwacht: een "
        "toegangslog (Common of Combined Log Format, ook .gz), de CSV-export van "
        "Plausible, de CSV-export van GoatCounter (versie 2) of Matomo's "
        "Actions.getPageUrls als CSV",
        "en": "{path}: not an export pelican-journey reads; expected: an access "
        "log (Common or Combined Log Format, also .gz), Plausible's CSV export, "
        "GoatCounter's CSV export (version 2) or Matomo's Actions.getPageUrls "
        "as CSV",
    },
    "analytics-goatcounter-version": {
        "nl": "{path}: GoatCounter-export versie {version}; pelican-journey leest "
        "versie 2 (exporteer opnieuw)",
        "en": "{path}: GoatCounter export format version {version}; "
        "pelican-journey reads version 2 (export again)",
    },
    "analytics-mixed": {
        "nl": "{path}: de map bevat exports van verschillende soorten ({formats}); "
        "geef er één",
        "en": "{path}: the folder holds exports of different kinds ({formats}); "
        "give one",
    },
    "analytics-left-out": {
        "nl": "{path}: geen toegangslog of export, overgeslagen",
        "en": "{path}: not an access log or export, left out",
    },
    "analytics-plausible-pages": {
        "nl": "{path}: geen imported_pages*.csv in deze Plausible-export",
        "en": "{path}: no imported_pages*.csv in this Plausible export",
    },
    "analytics-no-column": {
        "nl": "{path}: de kolom {column!r} ontbreekt",
        "en": "{path}: the column {column!r} is missing",
    },
    "analytics-skipped": {
        "nl": "{path}: {count} onleesbare regel(s) overgeslagen (eerste: regel {line})",
        "en": "{path}: {count} unreadable line(s) skipped (first: line {line})",
    },
    "analytics-none": {
        "nl": "geen statistieken: zet JOURNEY_ANALYTICS in de instellingen of geef "
        "--analytics PAD",
        "en": "no statistics: set JOURNEY_ANALYTICS in the settings or give "
        "--analytics PATH",
    },
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
    "suggest-not-changed-unsafe": {
        "nl": "niet veranderd: Pelican zou het bestand anders lezen: {reason}",
        "en": "not changed: Pelican would read the file differently: {reason}",
    },
    "suggest-not-changed-unreadable": {
        "nl": "niet veranderd: Pelican kan het bestand niet lezen: {error}",
        "en": "not changed: Pelican cannot read the file: {error}",
    },
    "suggest-not-changed-readonly": {
        "nl": "niet veranderd: het bestand is alleen-lezen voor jou",
        "en": "not changed: the file is read-only for you",
    },
    "suggest-not-changed-special": {
        "nl": "niet veranderd: geen gewoon bestand",
        "en": "not changed: not a regular file",
    },
    "suggest-not-changed-error": {
        "nl": "niet veranderd: onverwachte fout: {error}",
        "en": "not changed: unexpected error: {error}",
    },
    "suggest-skip-error": {
        "nl": "overgeslagen: kan niet schrijven: {error}",
        "en": "skipped: cannot write: {error}",
    },
    # the journey map (report/journey_map.py)
    "map-title": {"nl": "Klantreiskaart", "en": "Customer journey map"},
    "map-drawn-from": {
        "nl": "Deze kaart is getekend uit de inhoud van de site: de fase, het "
        "contactpunt en de persona in de metadata van elke pagina, en de links "
        "tussen de pagina's. Wat de site niet vertelt (gevoelens, kanalen buiten "
        "de site) staat er niet op.",
        "en": "This map is drawn from the site's content: the phase, touchpoint "
        "and persona in each page's metadata, and the links between the pages. "
        "What the site does not tell (feelings, channels outside the site) is "
        "not on it.",
    },
    "map-model": {"nl": "De reis", "en": "The journey"},
    "map-summary": {"nl": "Samenvatting", "en": "Summary"},
    "map-covered": {"nl": "fasen gedekt", "en": "phases covered"},
    "map-content": {"nl": "pagina's en artikelen", "en": "pages and articles"},
    "map-untagged": {"nl": "zonder fase", "en": "without a phase"},
    "map-errors": {"nl": "fouten", "en": "errors"},
    "map-warnings": {"nl": "waarschuwingen", "en": "warnings"},
    "map-phases": {"nl": "Fasen", "en": "Phases"},
    "map-question": {"nl": "Vraag van de klant", "en": "The customer's question"},
    "map-gap": {
        "nl": "Gat: geen gepubliceerde inhoud in deze fase",
        "en": "Gap: no published content in this phase",
    },
    "map-article": {"nl": "artikel", "en": "article"},
    "map-page": {"nl": "pagina", "en": "page"},
    "map-touchpoint": {"nl": "Soort pagina", "en": "Kind of page"},
    "map-cta": {"nl": "Knop naar de volgende stap", "en": "Next-step button"},
    "map-no-cta": {"nl": "geen knop", "en": "no button"},
    "map-mapped": {"nl": "fase uit categorie", "en": "phase from category"},
    "map-content-unseen": {
        "nl": "het template toont de tekst niet: de links erin tellen niet",
        "en": "its template does not show the text: the links in it do not count",
    },
    "map-onward": {
        "nl": "Links naar een volgende fase",
        "en": "Links to a next phase",
    },
    "map-clicks": {
        "nl": "Klikken vanaf de startpagina",
        "en": "Clicks from the home page",
    },
    "map-unreachable": {"nl": "onbereikbaar", "en": "unreachable"},
    "map-all-phases": {"nl": "Fasen", "en": "Phases"},
    "map-personas": {"nl": "Persona's", "en": "Personas"},
    "map-for-all": {"nl": "iedereen", "en": "everyone"},
    "map-filter": {"nl": "Toon de reis van", "en": "Show the journey of"},
    "map-all": {"nl": "alle persona's", "en": "all personas"},
    "map-per-persona": {"nl": "Reis per persona", "en": "Journey per persona"},
    "map-persona-note": {
        "nl": "Pagina's zonder persona gelden voor iedereen.",
        "en": "Pages without a persona are for everyone.",
    },
    "map-flow": {"nl": "Links tussen fasen", "en": "Links between phases"},
    "map-flow-desc": {
        "nl": "Hoeveel pagina's van elke fase linken naar een pagina van een "
        "latere fase (inhoud, oproep en volgende stap).",
        "en": "How many pages of each phase link to a page of a later phase "
        "(content, call to action and next step).",
    },
    "map-from": {"nl": "Van", "en": "From"},
    "map-to": {"nl": "Naar", "en": "To"},
    "map-links": {"nl": "Links", "en": "Links"},
    "map-no-flow": {
        "nl": "Geen enkele pagina linkt naar een latere fase.",
        "en": "No page links to a later phase.",
    },
    "map-facts": {"nl": "Feiten uit de links", "en": "Link facts"},
    "map-dead-ends": {"nl": "Doodlopende pagina's", "en": "Dead ends"},
    "map-dead-ends-desc": {
        "nl": "linken naar geen pagina van een latere fase",
        "en": "link to no page of a later phase",
    },
    "map-orphans": {"nl": "Weespagina's", "en": "Orphan pages"},
    "map-orphans-desc": {
        "nl": "getagde pagina's waar geen andere pagina en niet de homepage "
        "naartoe linkt",
        "en": "tagged pages that no other page and not the home page links to",
    },
    "map-contact": {"nl": "Contactpagina (nazorg)", "en": "Contact page (aftercare)"},
    "map-no-contact": {
        "nl": "geen contactpagina in de laatste fase",
        "en": "no contact page in the final phase",
    },
    "map-none": {"nl": "geen", "en": "none"},
    "map-findings": {"nl": "Bevindingen", "en": "Findings"},
    "map-site-findings": {
        "nl": "Bevindingen voor de hele site",
        "en": "Site-wide findings",
    },
    "map-no-findings": {"nl": "Geen bevindingen.", "en": "No findings."},
    "map-no-phase": {"nl": "Zonder fase", "en": "Without a phase"},
    "map-error": {"nl": "fout", "en": "error"},
    "map-warning": {"nl": "waarschuwing", "en": "warning"},
    "map-baselined": {"nl": "in baseline", "en": "baselined"},
    "map-skip": {"nl": "Naar de fasen", "en": "Skip to the phases"},
    "map-views": {"nl": "Paginaweergaven", "en": "Page views"},
    # default CTA labels by the target's touchpoint (model/labels.py)
    "cta-label-touchpoint-contact": {
        "nl": "Neem contact met ons op",
        "en": "Get in touch with us",
    },
    "cta-label-touchpoint-booking": {
        "nl": "Maak een afspraak of reserveer",
        "en": "Book an appointment or reserve",
    },
    "cta-label-touchpoint-pricing": {"nl": "Bekijk de prijzen", "en": "See the prices"},
    "cta-label-touchpoint-quote": {
        "nl": "Vraag een offerte aan",
        "en": "Request a quote",
    },
    "cta-label-touchpoint-review": {
        "nl": "Lees wat klanten zeggen",
        "en": "Read what customers say",
    },
    "cta-label-touchpoint-case": {
        "nl": "Bekijk een voorbeeld uit de praktijk",
        "en": "See a real-life example",
    },
    "cta-label-touchpoint-service": {
        "nl": "Bekijk onze diensten",
        "en": "See our services",
    },
    "cta-label-touchpoint-product": {
        "nl": "Bekijk ons aanbod",
        "en": "See what we offer",
    },
    "cta-label-touchpoint-returns": {
        "nl": "Lees hoe ruilen en retourneren werkt",
        "en": "See how returns and exchanges work",
    },
    "cta-label-touchpoint-faq": {
        "nl": "Lees de veelgestelde vragen",
        "en": "Read the frequently asked questions",
    },
    # default CTA labels from the target's title, by what it is
    "cta-label-title-blog": {"nl": "Lees: {title}", "en": "Read: {title}"},
    "cta-label-title-guide": {
        "nl": "Lees de uitleg: {title}",
        "en": "Read the guide: {title}",
    },
    "cta-label-title-article": {"nl": "Lees: {title}", "en": "Read: {title}"},
    "cta-label-title-page": {"nl": "Bekijk: {title}", "en": "See: {title}"},
    # the analytics funnel (report/funnel.py)
    "funnel-funnel": {"nl": "Echte bezoeken per fase", "en": "Real visits per phase"},
    "funnel-funnel-desc": {
        "nl": "Uit je bezoekersstatistieken: hoeveel bezoeken een pagina van elke "
        "fase zagen, hoeveel daarvan doorgingen naar de volgende fase en hoeveel "
        "er ophielden.",
        "en": "From your visitor statistics: how many visits saw a page of each "
        "phase, how many of them went on to the next phase and how many ended "
        "there.",
    },
    "funnel-source": {"nl": "Bron", "en": "Source"},
    "funnel-period": {"nl": "Periode", "en": "Period"},
    "funnel-unknown-period": {"nl": "onbekend", "en": "unknown"},
    "funnel-phase": {"nl": "Fase", "en": "Phase"},
    "funnel-pageviews": {"nl": "Paginaweergaven", "en": "Page views"},
    "funnel-visits": {"nl": "Bezoeken", "en": "Visits"},
    "funnel-entries": {"nl": "Begonnen hier", "en": "Started here"},
    "funnel-exits": {"nl": "Gestopt hier", "en": "Ended here"},
    "funnel-drop-off": {"nl": "Haakt af", "en": "Drop-off"},
    "funnel-onward": {"nl": "Door naar volgende fase", "en": "On to next phase"},
    "funnel-visits-unit": {"nl": "bezoeken", "en": "visits"},
    "funnel-goes-on": {"nl": "gaat door", "en": "go on"},
    "funnel-drops": {"nl": "haakt af", "en": "drop off"},
    "funnel-per-page": {
        "nl": "Deze export telt per pagina, niet per bezoek: hoeveel bezoeken van "
        "de ene fase naar de volgende gingen, staat er niet in. Een toegangslog "
        "of GoatCounter-export laat dat wel zien.",
        "en": "This export counts per page, not per visit: how many visits went "
        "from one phase to the next is not in it. An access log or a "
        "GoatCounter export shows that.",
    },
    "funnel-unmatched": {
        "nl": "Bezochte adressen die de site niet heeft",
        "en": "Visited paths the site does not have",
    },
    "funnel-unmatched-desc": {
        "nl": "Oude links of typefouten: een redirect naar de juiste pagina "
        "waard. Alle: {count} paginaweergaven.",
        "en": "Old links or typos: worth a redirect to the right page. "
        "All: {count} page views.",
    },
    "funnel-skipped": {
        "nl": "{count} onleesbare regel(s) in de export zijn overgeslagen.",
        "en": "{count} unreadable line(s) of the export were skipped.",
    },
    "funnel-views-on-card": {"nl": "Paginaweergaven", "en": "Page views"},
    # Touchpoint words as the owner reads them (the map's cards).
    "touchpoint-contact": {"nl": "contact", "en": "contact"},
    "touchpoint-blog": {"nl": "blog", "en": "blog post"},
    "touchpoint-review": {"nl": "ervaringen van klanten", "en": "customer reviews"},
    "touchpoint-faq": {"nl": "veelgestelde vragen", "en": "questions and answers"},
    "touchpoint-pricing": {"nl": "prijzen", "en": "prices"},
    "touchpoint-quote": {"nl": "offerte", "en": "quote"},
    "touchpoint-booking": {"nl": "afspraak of reservering", "en": "booking"},
    "touchpoint-returns": {"nl": "ruilen en terugsturen", "en": "returns"},
    "touchpoint-service": {"nl": "service", "en": "service"},
    "touchpoint-guide": {"nl": "uitleg", "en": "guide"},
    "touchpoint-case": {"nl": "praktijkvoorbeeld", "en": "case study"},
    "touchpoint-product": {"nl": "product", "en": "product"},
}


def text(key: str, lang: str, **values: Any) -> str:
    """The message ``key`` in ``lang`` (English when missing), formatted."""
    templates = MESSAGES[key]
    template = templates.get(lang) or templates["en"]
    return template.format(**values)


def coverage_line(summary: Mapping[str, int], lang: str) -> str:
    """The summary's coverage sentence (console and CI step summary)."""
    return text(
        "summary-coverage",
        lang,
        covered=summary["covered_phases"],
        total=summary["total_phases"],
        content=summary["content"],
        untagged=summary["untagged"],
    )


def pick(value: Mapping[str, str] | str, lang: str) -> str:
    """A per-language text, or a plain string used for every language."""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("en") or next(iter(value.values()), "")


def check_catalogue() -> list[str]:
    """Message ids that lack a template in one of the languages."""
    return [key for key, t in MESSAGES.items() if any(lang not in t for lang in LANGS)]


def table(prefix: str) -> dict[str, Mapping[str, str]]:
    """The messages whose id starts with ``prefix``, by the rest of the id.

    For modules that show a set of texts (the journey map, the funnel, the
    default CTA labels): their templates stay unformatted.
    """
    return {
        key.removeprefix(prefix): templates
        for key, templates in MESSAGES.items()
        if key.startswith(prefix)
    }
