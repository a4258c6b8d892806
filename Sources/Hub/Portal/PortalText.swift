import Foundation
import HubStore
import KijkjeDomain

/// Every word the portal shows, in both languages.
enum PortalText {
    static func words(_ language: Language) -> [String: String] { language == .nl ? dutch : english }

    static let dutch = Dictionary(uniqueKeysWithValues: table.map { ($0.0, $0.1) })
    static let english = Dictionary(uniqueKeysWithValues: table.map { ($0.0, $0.2) })

    /// The words as the templates read them (`{{t.key}}`), made once per language rather than for every page.
    static func templateWords(_ language: Language) -> [String: Any] { language == .nl ? dutchValues : englishValues }
    // Immutable dictionaries of texts, typed as the templates read them: safe to share.
    nonisolated(unsafe) private static let dutchValues: [String: Any] = dutch.filter { !$0.value.isEmpty }
    nonisolated(unsafe) private static let englishValues: [String: Any] = english.filter { !$0.value.isEmpty }

    /// Topics offered in the needs survey besides those of this year's sessions.
    static let surveyTopics = ["ai", "burgerschap", "didactiek", "leiderschap", "passend onderwijs", "welzijn"]

    static let table: [(String, String, String)] = [
        ("other_lang", "en", "nl"), ("other_lang_name", "English", "Nederlands"), ("skip", "Naar de inhoud", "Skip to content"),
        ("menu", "Menu", "Menu"), ("organiser_menu", "Organisatie", "Organising"),
        ("sign_in", "Inloggen", "Sign in"), ("sign_out", "Uitloggen", "Sign out"),
        (
            "sign_in_intro", "Vul je e-mailadres van school in. Je krijgt een link om in te loggen.",
            "Enter your school email address. We mail you a link to sign in."
        ),
        ("school_email", "E-mailadres van school", "School email address"), ("send_link", "Stuur mij een link", "Mail me a link"),
        ("link_sent", "We hebben een link gestuurd naar", "We sent a sign-in link to"),
        (
            "link_valid",
            "De link werkt één keer en 15 minuten lang. Komt er geen mail? Dan hoort dit adres niet bij een school of organisatie in "
                + "Kijkje: gebruik je e-mailadres van school.",
            "The link works once, for 15 minutes. No mail? Then this address does not belong to a school or organiser in Kijkje: use "
                + "your school email address."
        ),
        ("confirm_sign_in", "Inloggen bij Kijkje", "Sign in to Kijkje"),
        ("mail_link", "Uit je mail", "From your mail"),
        ("mail_claim_heading", "Deze plek nemen?", "Take this place?"),
        ("mail_claim_button", "Ja, ik neem de plek", "Yes, I take the place"),
        ("mail_claim_done", "De plek is van jou. Je krijgt een bevestiging per mail.", "The place is yours. A confirmation is on its way."),
        ("mail_decline_heading", "Deze plek afslaan?", "Turn this place down?"),
        ("mail_decline_button", "Ja, geef de plek door", "Yes, pass the place on"),
        ("mail_decline_done", "De plek gaat naar de volgende op de wachtlijst.", "The place goes to the next person on the waiting list."),
        ("mail_enrol_heading", "Inschrijven voor deze workshop?", "Enrol in this workshop?"),
        ("mail_enrol_button", "Ja, schrijf mij in", "Yes, enrol me"),
        ("mail_enrol_done", "Je bent ingeschreven. Je krijgt een bevestiging per mail.", "You are enrolled. A confirmation is on its way."),
        (
            "mail_enrol_waitlisted", "De workshop was net vol: je staat op de wachtlijst.",
            "The workshop just filled up: you are on the waiting list."
        ),
        ("mail_unsubscribe_heading", "Geen herinneringen meer?", "Stop the reminders?"),
        ("mail_unsubscribe_button", "Ja, stuur mij geen herinneringen meer", "Yes, stop sending me reminders"),
        (
            "mail_unsubscribe_done", "Je krijgt geen herinneringen meer. Mails over wijzigingen en termijnen blijven komen.",
            "You will get no more reminders. Mails about changes and deadlines still come."
        ),
        ("mail_link_week", "Naar mijn week", "To my week"),
        ("outbox", "Mail", "Mail"), ("mail_kind", "Soort", "Kind"), ("mail_sent", "Verstuurd", "Sent"),
        ("mail_waiting", "Wacht", "Waiting"), ("mail_failing", "Mislukt", "Failing"), ("mail_last_error", "Laatste fout", "Last error"),
        ("mail_latest", "Laatste mails", "Latest mails"), ("mail_to", "Aan", "To"), ("mail_heading_subject", "Onderwerp", "Subject"),
        ("mail_state", "Stand", "State"), ("mail_resend", "Opnieuw sturen", "Send again"),
        ("mail_resent", "De mail gaat opnieuw de deur uit.", "The mail goes out again."),
        ("kind_sign-in", "Inloglink", "Sign-in link"), ("kind_shadow-proposal", "Meeloopvoorstel", "Shadow proposal"),
        ("kind_shadow-confirmed", "Meeloopdag bevestigd", "Shadow day confirmed"), ("kind_offered", "Plek aangeboden", "Place offered"),
        ("kind_offer-reminder", "Herinnering aanbod", "Offer reminder"), ("kind_lapsed", "Aanbod verlopen", "Offer lapsed"),
        ("kind_confirmed", "Ingeschreven", "Enrolled"), ("kind_cancelled", "Uitgeschreven", "Cancelled"),
        ("kind_allocation", "Indeling", "Allocation"), ("kind_changed", "Wijziging", "Change"),
        ("kind_withdrawn", "Gaat niet door", "Withdrawn"),
        ("kind_day-reminder", "Dag ervoor", "Day before"), ("kind_presenter-list", "Deelnemerslijst", "Participant list"),
        ("kind_shadow-host", "Meeloper komt", "Shadow guest"), ("kind_proposal-reminder", "Herinnering voorstel", "Proposal reminder"),
        ("mail_preferences", "Mail", "Mail"), ("mail_language", "Taal van je mail", "Language of your mail"),
        (
            "mail_reminders", "Herinneringen: de dag ervoor je programma, deelnemerslijsten en wie met je meeloopt",
            "Reminders: your programme the day before, participant lists and who shadows you"
        ),
        (
            "mail_always", "Mails met een termijn of een wijziging krijg je altijd.",
            "Mails with a deadline or a change always come."
        ),
        ("sign_in_first", "Log eerst in.", "Please sign in first."),
        ("not_organiser", "Deze pagina is voor de organisatie.", "This page is for organisers."),
        (
            "form_expired", "Dit formulier is verlopen. Laad de pagina opnieuw en probeer het nog eens.",
            "This form has expired. Reload the page and try again."
        ),
        (
            "too_many_links", "Te veel links aangevraagd. Probeer het over een kwartier opnieuw.",
            "Too many links requested. Try again in a quarter of an hour."
        ),
        (
            "unknown_address", "Dit adres hoort niet bij een school of organisatie in Kijkje. Gebruik je e-mailadres van school.",
            "This address does not belong to a school or organiser in Kijkje. Use your school email address."
        ),
        (
            "link_invalid", "Deze link is al gebruikt of verlopen. Vraag een nieuwe aan.",
            "This link was used already or has expired. Ask for a new one."
        ),
        ("mail_subject", "Je link om in te loggen bij Kijkje", "Your link to sign in to Kijkje"),
        (
            "mail_body",
            "Hallo,\n\nMet deze link log je in bij Kijkje (hij werkt één keer, 15 minuten lang):\n\n%@\n\nHeb je niets "
                + "aangevraagd? Dan kun je deze mail negeren.\n",
            "Hello,\n\nThis link signs you in to Kijkje (it works once, for 15 minutes):\n\n%@\n\nDid not ask for it? Then "
                + "ignore this mail.\n"
        ),
        ("problem", "Dat lukte niet", "That did not work"), ("back", "Terug", "Back"),
        ("catalogue", "Programma", "Catalogue"), ("session", "Sessie", "Session"), ("sessions", "Sessies", "Sessions"),
        ("my_week", "Mijn week", "My week"), ("shadow", "Meelopen", "Shadowing"), ("account", "Mijn gegevens", "My account"),
        ("survey", "Wensen voor volgend jaar", "Wishes for next year"), ("evaluation", "Evaluatie", "Evaluation"),
        ("dashboard", "Overzicht", "Dashboard"), ("edition", "Editie", "Edition"), ("allocation", "Toewijzing", "Allocation"),
        ("matching", "Meeloopkoppeling", "Shadow matching"), ("invitations", "Uitnodigingen", "Invitations"),
        ("register", "Register van verwerkingen", "Register of processing"),
        (
            "register_intro",
            "Wat Kijkje over mensen bewaart, waarom, hoe lang en wie het ziet (AVG artikel 30).",
            "What Kijkje keeps about people, why, how long and who sees it (GDPR article 30)."
        ),
        ("register_what", "Wat", "What"), ("register_data", "Gegevens", "Data"), ("register_why", "Waarom", "Why"),
        ("register_how_long", "Hoe lang", "How long"), ("register_who", "Wie ziet het", "Who sees it"),
        ("choices", "Mijn voorkeuren", "My choices"),
        ("day", "Dag", "Day"), ("days", "Dagen", "Days"), ("school", "School", "School"), ("topic", "Onderwerp", "Topic"),
        ("topics", "Onderwerpen", "Topics"),
        ("all", "Alle", "All"), ("search", "Zoeken", "Search"), ("filter", "Toon", "Show"),
        ("places_left_only", "Alleen met plaatsen vrij", "Only with places left"), ("sessions_found", "sessies", "sessions"),
        ("kickoff", "Aftrap", "Kickoff"), ("workshop", "Workshop", "Workshop"), ("full", "Vol", "Full"), ("of", "van", "of"),
        ("places_left", "plaatsen vrij", "places left"), ("places", "Plaatsen", "Places"),
        (
            "ranked_open", "Dit jaar kies je je voorkeuren; na de sluiting worden de plaatsen eerlijk verdeeld.",
            "This year you rank your choices; places are shared out fairly when registration closes."
        ),
        ("speakers", "Sprekers", "Speakers"), ("presenter", "Door", "Presenter"),
        ("you_are_enrolled", "Je bent ingeschreven.", "You are enrolled."),
        ("you_are_waiting", "Je staat op de wachtlijst, nummer", "You are on the waiting list, number"),
        ("place_offered", "Er is een plaats voor je vrij. Claim hem vóór", "A place has come free for you. Claim it before"),
        ("claim", "Plaats claimen", "Claim the place"), ("decline_place", "Plaats afslaan", "Turn it down"),
        ("cancel", "Uitschrijven", "Cancel"),
        ("enrol", "Inschrijven", "Enrol"), ("join_waiting_list", "Op de wachtlijst", "Join the waiting list"),
        ("back_to_catalogue", "Terug naar het programma", "Back to the catalogue"),
        (
            "choices_intro", "Zet de workshops die je wilt in volgorde van voorkeur. De inschrijving sluit",
            "Rank the workshops you want, most wanted first. Registration closes"
        ),
        ("choice", "Keuze", "Choice"), ("save", "Opslaan", "Save"),
        (
            "choices_closed", "Voorkeuren opgeven kan nu niet: schrijf je direct in via het programma.",
            "Ranking is closed: enrol directly from the catalogue."
        ),
        ("proposals", "Voorstellen", "Proposals"), ("no_proposals", "Nog geen voorstellen.", "No proposals yet."),
        ("you_shadow", "Jij loopt mee met:", "You shadow:"), ("you_host", "Bij jou loopt mee:", "Shadowing you:"),
        ("match_both_yes", "Jullie zeiden allebei ja.", "You both said yes."),
        ("waiting_for_other", "Wacht op het antwoord van de ander.", "Waiting for the other's answer."),
        ("accept", "Ja, graag", "Yes, please"), ("decline", "Nee, liever niet", "No, thank you"),
        ("my_requests", "Mijn verzoeken", "My requests"),
        ("no_requests", "Je hebt nog niet gevraagd om mee te lopen.", "You have not asked to shadow anyone yet."),
        ("matched", "gekoppeld", "matched"), ("withdraw", "Intrekken", "Withdraw"),
        ("new_request", "Ik wil meelopen", "I want to shadow someone"),
        ("wished_roles", "Met wie (functie)", "With whom (role)"), ("school_types", "Soort school", "Kind of school"),
        ("max_distance", "Hoogstens zo ver weg (km)", "At most this far away (km)"), ("motivation", "Waarom", "Why"),
        ("ask_to_shadow", "Verzoek versturen", "Send the request"), ("my_offers", "Bij mij meelopen", "Shadowing me"),
        ("offer_to_be_shadowed", "Laat iemand bij je meelopen", "Let someone shadow you"), ("role", "Functie", "Role"),
        ("school_type", "Soort school", "Kind of school"),
        ("how_many", "Hoeveel mensen per dag", "How many people a day"), ("visible_to", "Zichtbaar voor", "Visible to"),
        ("vis_network", "Scholen van het netwerk", "Schools of the network"),
        ("vis_all", "Iedereen, ook gastscholen", "Everyone, guest schools too"),
        ("vis_school", "Alleen mijn school", "My school only"), ("offer", "Aanbieden", "Offer"),
        ("nothing_planned", "Niets gepland.", "Nothing planned."), ("calendar_feed", "In je agenda", "In your calendar"),
        (
            "feed_intro", "Abonneer je agenda op je week. Het adres is geheim; maak een nieuw als je het kwijt bent of intrekt.",
            "Subscribe your calendar to your week. The address is secret; make a new one if it got out, or revoke it."
        ),
        ("feed_once", "Je agenda-adres (alleen nu te zien):", "Your calendar address (shown only now):"),
        ("feed_make", "Maak een agenda-adres", "Make a calendar address"), ("feed_new", "Maak een nieuw adres", "Make a new address"),
        ("feed_revoke", "Adres intrekken", "Revoke the address"), ("shadowing", "Meelopen met", "Shadowing"),
        ("hosting", "Meeloper:", "Shadowed by"),
        ("name", "Naam", "Name"), ("my_data", "Mijn gegevens", "My data"),
        ("export", "Download al mijn gegevens (JSON)", "Download all my data (JSON)"),
        (
            "erase_intro",
            "Je inschrijvingen vervallen (de wachtlijst schuift door), je verzoeken en aanbod worden ingetrokken en je gegevens gewist.",
            "Your places are given up (the waiting list moves up), your requests and offers withdrawn and your data erased."
        ),
        ("erase_confirm", "Ja, wis mijn account", "Yes, erase my account"), ("erase", "Account wissen", "Erase my account"),
        ("survey_intro", "Over welke onderwerpen wil je volgend jaar iets leren?", "Which topics would you like to learn about next year?"),
        ("wish", "Nog een wens", "Another wish"), ("rating", "Rapportcijfer voor de week (1–5)", "Your mark for the week (1–5)"),
        ("best", "Wat was het beste", "What was best"), ("improve", "Wat kan beter", "What could be better"),
        ("download_csv", "Download als CSV", "Download as CSV"), ("nothing_yet", "Nog niets.", "Nothing yet."),
        ("year", "Jaar", "Year"), ("days_of_week", "Dagen (JJJJ-MM-DD, gescheiden door spaties)", "Days (YYYY-MM-DD, separated by spaces)"),
        ("registration_opens", "Inschrijving opent", "Registration opens"),
        ("registration_closes", "Inschrijving sluit", "Registration closes"),
        ("matching_deadline", "Koppelen uiterlijk", "Matching deadline"),
        ("claim_hours", "Uren om een vrijgekomen plaats te claimen", "Hours to claim a freed place"),
        (
            "ranked_mode", "Voorkeuren opgeven en eerlijk verdelen (in plaats van wie het eerst komt)",
            "Ranked choices and a fair allocation (instead of first come, first served)"
        ),
        ("add_session", "Sessie toevoegen", "Add a session"), ("kind", "Soort", "Kind"), ("title_field", "Titel", "Title"),
        ("description", "Beschrijving", "Description"),
        ("presenter_or_speakers", "Presentator, of de sprekers van de aftrap", "Presenter, or the kickoff's speakers"),
        ("location", "Lokaal of zaal", "Room"),
        ("starts", "Begint", "Starts"), ("ends", "Eindigt", "Ends"),
        ("topics_comma", "Onderwerpen (met komma's)", "Topics (comma separated)"), ("add", "Toevoegen", "Add"),
        ("not_ranked", "Deze editie werkt met wie het eerst komt.", "This edition is first come, first served."),
        ("people_ranked", "mensen gaven hun voorkeuren op.", "people ranked their choices."),
        ("allocation_ran", "De toewijzing liep op", "The allocation ran on"),
        ("placed", "geplaatst", "placed"), ("not_placed", "niet geplaatst", "not placed"), ("worst_rank", "slechtste keuze", "worst rank"),
        ("seed", "Loting (seed)", "Lottery seed"),
        ("fair_share", "Eerlijk deel per school", "Fair share per school"),
        ("run_allocation", "Toewijzing uitvoeren", "Run the allocation"),
        ("requests", "verzoeken", "requests"), ("offers", "aanbiedingen", "offers"),
        ("matching_ran", "De koppeling liep op", "Matching ran on"),
        ("pairs", "paren", "pairs"), ("run_matching", "Koppelen", "Run the matching"), ("pairs_title", "Paren", "Pairs"),
        ("request", "Verzoek", "Request"),
        ("state", "Stand", "State"), ("why", "Waarom", "Why"), ("rules", "Regels", "Rules"), ("unmatched", "Niet gekoppeld", "Unmatched"),
        ("remove", "Weghalen", "Remove"),
        ("rule_pin", "Vastzetten", "Pin"), ("rule_forbid", "Verbieden", "Forbid"),
        ("code_once", "Code voor de agent van de school (alleen nu te zien):", "Code for the school's agent (shown only now):"),
        ("status", "Stand", "Status"), ("agent_joined", "agent aangesloten", "agent joined"), ("new_code", "Nieuwe code", "New code"),
        ("invite_outside", "Een school van buiten uitnodigen (als gast)", "Invite an outside school (as a guest)"),
        ("town", "Plaats", "Town"),
        ("latitude", "Breedtegraad", "Latitude"), ("longitude", "Lengtegraad", "Longitude"),
        ("mail_domain", "Maildomein (school.nl)", "Mail domain (school.nl)"),
        ("invite", "Uitnodigen", "Invite"), ("guest", "gast", "guest"), ("whole_network", "Heel het netwerk", "Whole network"),
        ("took_part", "Deden mee", "Took part"), ("staff", "Personeel", "Staff"),
        ("of_all_staff", "% van al het personeel", "% of all staff"),
        ("filled", "Bezet", "Filled"), ("waiting", "Wachtlijst", "Waiting"), ("answers", "Antwoorden", "Answers"),
        ("no_offer", "geen aanbod", "no offer"),
        ("table_reach-schools", "Bereik per school", "Reach per school"), ("table_reach-roles", "Bereik per functie", "Reach per role"),
        ("table_fill", "Bezetting per sessie", "Fill rate per session"), ("table_waiting", "Wachtlijsten", "Waiting lists"),
        ("table_unmet", "Meeloopverzoeken zonder koppeling", "Shadow requests without a match"),
        ("table_survey", "Gewenste onderwerpen", "Topics wanted"),
        ("state_confirmed", "ingeschreven", "enrolled"), ("state_waitlisted", "op de wachtlijst", "waiting list"),
        ("state_offered", "plaats vrij voor jou", "place offered"),
        ("match_proposed", "voorgesteld", "proposed"), ("match_confirmed", "bevestigd", "confirmed"),
        ("match_declined", "afgewezen", "declined"),
        (
            "reminder_days", "Dagen voordat een onbeantwoord meeloopvoorstel een herinnering krijgt",
            "Days before an unanswered shadow proposal gets a reminder"
        ),
        ("invited", "uitgenodigd door de school", "invited by the school"),
        ("waits_both", "wacht op beiden", "waits on both"), ("waits_requester", "wacht op de meeloper", "waits on the shadower"),
        ("waits_host", "wacht op de gastheer of gastvrouw", "waits on the host"), ("since", "sinds", "since"),
        ("match_withdrawn", "vervallen", "withdrawn"),
        ("role_teacher", "docent", "teacher"), ("role_support_staff", "onderwijsondersteuner", "support staff"),
        ("role_team_leader", "teamleider", "team leader"),
        ("role_principal", "directeur", "principal"), ("role_board_member", "bestuurder", "board member"),
        ("role_other", "anders", "other"),
        ("type_primary", "basisschool", "primary"), ("type_vmbo", "vmbo", "vmbo"), ("type_havo_vwo", "havo/vwo", "havo/vwo"),
        ("type_mbo", "mbo", "mbo"),
        ("type_special", "speciaal onderwijs", "special education"), ("type_other", "anders", "other"),
        ("why_role", "de functie die je zocht", "the role you asked for"), ("why_subjects", "zelfde vak", "same subject"),
        ("why_type", "soort school", "kind of school"),
        ("why_distance", "km", "km"), ("why_days", "op je dag", "on your day"),
        ("block_role", "niet de gezochte functie", "not the role wished"), ("block_day", "geen gedeelde dag", "no shared day"),
        ("block_far", "te ver", "too far"),
        ("block_own_school", "eigen school", "own school"), ("block_own_offer", "eigen aanbod", "own offer"),
        ("block_not_visible", "niet gedeeld met gasten", "not shared with guests"),
        ("block_forbidden", "afgewezen of verboden", "declined or forbidden"), ("block_full", "al vol", "already full"),
        ("alloc_outcome", "De verdeling", "The allocation"),
        (
            "alloc_intro",
            "De plaatsen zijn zo verdeeld dat de slechtste keuze die iemand kreeg zo goed mogelijk is, en daarna zoveel "
                + "mogelijk mensen een hoge keuze kregen. Gelijke gevallen besliste de loting; jouw lotnummer is",
            "Places were shared so that the worst choice anyone got is as good as it can be, and then as many people as "
                + "possible got a high choice. Ties were settled by the lottery; your number is"
        ),
        ("alloc_assigned", "Deze plaats kreeg je", "You got this place"),
        (
            "alloc_full", "Vol: de plaatsen gingen naar wie ze voor de eerlijkste verdeling nodig had",
            "Full: the places went to those the fairest sharing needed them for"
        ),
        ("alloc_slot", "Je had op dat moment al iets", "You already had something at that time"),
        ("alloc_share", "Het eerlijke deel van je school was bereikt", "Your school's fair share was reached"),
        ("alloc_unknown", "Deze sessie bestaat niet meer", "This session no longer exists"),
        ("alloc_lower", "Lager gerangschikt dan wat je kreeg", "Ranked below what you got"),
        ("msg_enrolled", "Je bent ingeschreven.", "You are enrolled."),
        ("msg_waitlisted", "De sessie is vol: je staat op de wachtlijst.", "The session is full: you are on the waiting list."),
        ("msg_cancelled", "Je bent uitgeschreven.", "You cancelled."), ("msg_claimed", "De plaats is van jou.", "The place is yours."),
        ("msg_declined", "De plaats gaat naar de volgende.", "The place goes to the next person."),
        ("msg_choices_saved", "Je voorkeuren zijn opgeslagen.", "Your choices are saved."),
        ("msg_request_saved", "Je verzoek staat erin.", "Your request is in."),
        ("msg_request_withdrawn", "Je verzoek is ingetrokken.", "Your request is withdrawn."),
        ("msg_offer_saved", "Dank je! Je aanbod staat erin.", "Thank you! Your offer is in."),
        ("msg_offer_withdrawn", "Je aanbod is ingetrokken.", "Your offer is withdrawn."),
        (
            "msg_match_confirmed", "Afgesproken! Jullie krijgen elkaars gegevens per mail.",
            "It's a match! You both get each other's details by mail."
        ),
        ("msg_match_accepted", "Je zei ja; nu de ander nog.", "You said yes; now the other side."),
        ("msg_match_declined", "Je zei nee; we zoeken verder.", "You said no; we look further."),
        ("msg_feed_revoked", "Het agenda-adres werkt niet meer.", "The calendar address no longer works."),
        ("msg_account_saved", "Opgeslagen.", "Saved."),
        ("msg_survey_saved", "Dank je voor je wensen.", "Thank you for your wishes."),
        ("msg_evaluation_saved", "Dank je voor je evaluatie.", "Thank you for your evaluation."),
        ("msg_edition_saved", "De editie is opgeslagen.", "The edition is saved."),
        ("msg_session_saved", "De sessie is toegevoegd.", "The session is added."),
        ("msg_allocation_done", "De toewijzing is klaar.", "The allocation is done."),
        ("msg_matching_done", "De koppeling is klaar; de voorstellen zijn gemaild.", "Matching is done; the proposals were mailed."),
        ("msg_rule_saved", "De regel geldt bij de volgende koppeling.", "The rule applies from the next matching run."),
        ("msg_rule_removed", "De regel is weg.", "The rule is removed."),
    ]
}

/// Matching's reasons and blockers in words.
enum PortalWords {
    static func reason(_ reason: ShadowReason, _ words: [String: String], _ language: Language) -> String {
        switch reason {
        case .role(let role, _): return words["role_\(role.rawValue)"] ?? role.rawValue
        case .subjects(let subjects): return "\(words["why_subjects"] ?? ""): \(subjects.joined(separator: ", "))"
        case .schoolType(let type): return words["type_\(type.rawValue)"] ?? type.rawValue
        case .distanceKm(let km): return "\(km) km"
        case .days(let days): return days.map { PortalFormat.day($0, language) }.joined(separator: ", ")
        }
    }

    static func blockers(_ blockers: [ShadowBlocker], _ words: [String: String]) -> String {
        blockers.map { blocker -> String in
            switch blocker {
            case .roleNotWished: words["block_role"] ?? ""
            case .noSharedDay: words["block_day"] ?? ""
            case .tooFar(let km, let max): "\(words["block_far"] ?? "") (\(km) > \(max) km)"
            case .ownSchool: words["block_own_school"] ?? ""
            case .ownOffer: words["block_own_offer"] ?? ""
            case .notVisible: words["block_not_visible"] ?? ""
            case .forbidden: words["block_forbidden"] ?? ""
            case .full: words["block_full"] ?? ""
            }
        }.joined(separator: ", ")
    }
}
