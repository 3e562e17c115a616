"""Clue words per theme (Dutch and English) and how themes map onto models.

Data only: :mod:`.scoring` reads it.
"""

from __future__ import annotations

from collections.abc import Mapping

# Clue words per theme, Dutch and English, folded (lower case, no accents).
# "word" matches that word, "word*" every word starting so, "two words" the
# phrase; ":n" gives a weight (default 1). Themes are the six phases plus
# "pricing", which other models split from ordering (5k: kiezen / kopen).
LEXICON: Mapping[str, str] = {
    "awareness": """
        herken* wist:2 wist_je:2 signaal signalen tekenen waarom oorzaak oorzaken
        probleem problemen last_van:2 verhaal:2 geschiedenis:2 achtergrond
        ontdek* inspiratie trend* nieuws gevaar* risico* ongemerkt pas_als
        te_laat:2 gewoonte* weetje* mythe* fabel* merk_je niet_weten
        did_you_know:3 why sign signs signal* cause causes problem problems
        realis* realiz* notice* story:2 history:2 behind discover* inspiration
        trend* news habit* risk* quietly myth* never_notice:2 what_happens
        recognis* recogniz* hidden_cost* warning_signs:2
    """,
    "consideration": """
        diensten:3 dienstverlening aanbod:2 assortiment:3 overzicht:2
        wat_wij_doen:3 wat_we_doen:3 mogelijkheden:2 oplossing* soorten:2
        welke_soort* voor_wie:2 bekijk behandelingen:2 producten:2 collectie:2
        specialis* werkgebied regio uitleg op_zoek_naar:2 twijfel_je_of:2
        wat_doet hoe_werkt verzorgen particulieren zakelijk
        our_services:4 services:2 we_offer:3 offer range:2 overview:2
        solutions:2 solution options:2 what_we_do:3 types kinds kind_of
        for_whom who_it:2 treatments:2 products:2 collection browse:2
        looking_for:2 how_it_works:2 what_is_possible:2 explained specialis*
        catalog* design
    """,
    "decision": """
        klanten_zeggen:4 zeggen ervaringen:2 beoordeling*:3 review*:3
        recensie*:3 sterren:2 vergelijk*:3 voor_en_nadelen:4 voordelen
        nadelen:2 beter:2 beste keuze:2 kiezen:2 waarom_kiezen:4 waarom_ons:3
        waarom_wij:3 anders_dan:2 vakmanschap:2 jaar_ervaring:2 certific*
        keurmerk* referentie* portfolio praktijkvoorbeeld* eerlijk advies:2
        waar_let_je_op:3 let_op twijfel* gerust
        customers_say:4 clients_say:4 testimonial*:3 case_study:4 compare:3
        comparison:3 compared versus:2 pros_and_cons:4 pros cons better:2
        best choose:2 choice:2 chose:2 why_choose:4 why_us:3 decide:2
        different stars:2 rating*:2 trust* award* certified portfolio
        references honest* what_to_look_for:3 look_for which_is:2
        experienced:2 five_stars:3
    """,
    "pricing": """
        prijs:2 prijzen:3 tarief:3 tarieven:4 kost kosten euro:2 btw:2
        offerte:3 vaste_prijs:3 vrijblijvend* pakket* abonnement* korting
        prijslijst:3 voorrijkosten:2 inclusief per_maand per_uur
        price:2 prices:3 pricing:4 cost costs fee fees rates:2 quote:3
        package* plans subscription* monthly per_month discount hidden_costs:2
        vat fixed_price:3 no_contract
    """,
    "purchase": """
        bestellen:3 bestel:3 nu_bestellen:3 afspraak:2 maak_een_afspraak:4
        plan_je:2 inplannen reserveer*:3 boeken:3 boek_een inschrijv*
        aanmeld* afrekenen:3 betalen:2 betaal* pin ideal winkelwagen:3
        levertijd verzendkosten:2 bevestiging aanvragen:2 vraag_aan kosteloos
        afzeggen annuleren dag_en_tijd:2
        order:3 orders ordering book:3 booking:3 reserve:3 reservation:2
        appointment*:2 schedule sign_up:2 checkout:3 pay:2 payment* card
        basket:2 cart:2 buy:2 collection_date:2 delivery time_slot:3 slot
        confirm* test_ride:2 trial securely place_your_order:3
    """,
    "experience": """
        gefeliciteerd:3 je_nieuwe:3 nieuwe instellen:2 stel_je:2
        handleiding:3 stap_voor_stap:2 eerste_week:3 eerste_keer eerste_dagen:2
        gebruik gebruiken gebruikstips:3 het_meeste_uit:3 haal_meer:2
        optimaal bewaar*:2 recept*:2 aan_de_slag:2 opladen laad koppel* app
        gekocht welkom:2 vers
        congratulations:3 welcome:2 your_new:3 getting_started:3
        get_started:2 first_steps:3 step_by_step:2 guide how_to:2 set_up:2
        setting_up:2 first_week:3 first_month:3 first_time use using usage
        get_the_most:3 most_out_of:3 tips care_for:2 after_signing_up:3
        keep_off store recipes:2 manual:2 onboarding:3 tutorial:2
        between_appointments:2 have_had you_bought:2 exercises
    """,
    "aftercare": """
        klantenservice:4 service:2 nazorg:3 garantie:3 reparatie:3
        repareren:3 kapot:2 storing:3 defect* onderhoud:2 retour*:3
        terugsturen:3 ruilen:2 klacht*:3 factuur:2 facturen:2 levering
        je_bestelling:2 vraag_over:2 vragen neem_contact:3 contact:2 bel:2
        bellen e_mail mail bereikbaar:2 onderdelen:2 levensduur nakijken:2
        monteur na_de_aankoop:3 ook_na:2 veelgestelde_vragen:3 helpdesk:3
        support:3 openingstijden
        customer_service:4 help helpdesk warranty:3 guarantee:2 repair*:3
        broken:2 breaks:2 fault* defect* maintenance:3 servicing:3
        spare_parts:3 parts return returns:3 refund*:3 exchange complaint*:3
        invoice*:2 billing contact:2 get_in_touch:3 call phone email reach
        after_your_purchase:3 after_buying:3 after_the_sale:3 faq:3
        frequently_asked:3 questions opening_hours keep_running:2
        yearly_service:2 annual
    """,
}

# Which phase of a built-in model each theme means, and how sure that is.
THEME_MAP: Mapping[str, Mapping[str, tuple[str, float]]] = {
    "six-phase": {
        "awareness": ("awareness", 1.0),
        "consideration": ("consideration", 1.0),
        "decision": ("decision", 1.0),
        "pricing": ("purchase", 1.0),
        "purchase": ("purchase", 1.0),
        "experience": ("experience", 1.0),
        "aftercare": ("aftercare", 1.0),
    },
    "5k": {
        "awareness": ("komen", 1.0),
        "consideration": ("kijken", 1.0),
        "decision": ("keuren", 1.0),
        "pricing": ("kiezen", 1.0),
        "purchase": ("kopen", 1.0),
        # The 5 K's end at the sale: after-sale text fits "kopen" only loosely.
        "experience": ("kopen", 0.5),
        "aftercare": ("kopen", 0.5),
    },
    "see-think-do-care": {
        "awareness": ("see", 1.0),
        "consideration": ("think", 1.0),
        "decision": ("think", 1.0),
        "pricing": ("do", 1.0),
        "purchase": ("do", 1.0),
        "experience": ("care", 1.0),
        "aftercare": ("care", 1.0),
    },
}
