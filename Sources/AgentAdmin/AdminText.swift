import KijkjeDomain

/// Every word the administrator's pages show, in Dutch and in English.
enum AdminText {
    static func words(_ language: Language) -> [String: String] { language == .nl ? dutch : english }

    static let dutch = Dictionary(uniqueKeysWithValues: table.map { ($0.0, $0.1) })
    static let english = Dictionary(uniqueKeysWithValues: table.map { ($0.0, $0.2) })

    static let table: [(String, String, String)] = [
        ("title", "Kijkje — beheer van de school", "Kijkje — school administration"), ("other_lang", "English", "Nederlands"),
        ("skip", "Naar de inhoud", "Skip to content"),
        ("overview", "Overzicht", "Overview"), ("staff", "Personeel", "Staff"), ("workshops", "Workshops", "Workshops"),
        ("enrolments", "Inschrijvingen", "Enrolments"), ("absences", "Afwezig", "Away"), ("admins", "Beheerders", "Administrators"),
        ("sign_out", "Uitloggen", "Sign out"), ("sign_in", "Inloggen", "Sign in"), ("join", "Aansluiten", "Join"),
        (
            "join_intro", "Sluit deze school aan bij het netwerk met de uitnodigingscode van de organisatie, en kies je wachtwoord.",
            "Join this school to the network with the organisers' invitation code, and choose your password."
        ),
        ("hub", "Adres van de hub", "The hub's address"), ("code", "Uitnodigingscode", "Invitation code"),
        ("ca", "CA-bestand (optioneel, pad op deze server)", "CA file (optional, a path on this server)"),
        ("name", "Naam", "Name"), ("password", "Wachtwoord (minstens 10 tekens)", "Password (at least 10 characters)"),
        ("password2", "Wachtwoord nog eens", "Password again"),
        (
            "bad_hub", "Het adres van de hub moet beginnen met https:// of http://.",
            "The hub's address must start with https:// or http://."
        ),
        ("passwords_differ", "De twee wachtwoorden verschillen.", "The two passwords differ."),
        (
            "password_short", "Vul een naam in en een wachtwoord van minstens 10 tekens.",
            "Give a name and a password of at least 10 characters."
        ),
        ("wrong_password", "Naam of wachtwoord klopt niet.", "Name or password is wrong."),
        (
            "no_admins", "Er is nog geen beheerder. Maak een eenmalige link met: kijkje-agent admin-link",
            "There is no administrator yet. Make a one-time link with: kijkje-agent admin-link"
        ),
        ("use_link", "Inloggen met deze link", "Sign in with this link"),
        ("link_invalid", "Deze link is al gebruikt of verlopen.", "This link was used or has expired."),
        ("sign_in_first", "Log eerst in.", "Sign in first."),
        ("form_expired", "Het formulier is verlopen; open de pagina opnieuw.", "The form has expired; open the page again."),
        ("last_sync", "Laatste synchronisatie", "Last sync"), ("never", "nog nooit", "never"),
        ("hub_state", "Hub", "Hub"), ("reachable", "bereikbaar", "reachable"), ("unreachable", "niet bereikbaar", "not reachable"),
        ("last_error", "Laatste fout", "Last error"), ("pending", "Wijzigingen die nog naar de hub moeten", "Changes waiting to be sent"),
        ("refusals", "Geweigerd door de hub", "Refused by the hub"), ("staff_count", "Personeelsleden in de lijst", "Staff on the list"),
        (
            "staff_intro",
            "Upload de export uit het personeelssysteem (CSV). De lijst blijft op school; alleen aantallen per functie gaan naar de hub.",
            "Upload the export of the HR system (CSV). The list stays at school; only head counts per role go to the hub."
        ),
        ("file", "CSV-bestand", "CSV file"), ("check", "Controleren", "Check"),
        ("preview", "Voorbeeld", "Preview"), ("will_import", "personeelsleden worden ingelezen", "staff will be imported"),
        ("skipped", "Overgeslagen regels", "Skipped lines"), ("per_role", "Per functie", "Per role"),
        ("replace", "Vervang de lijst", "Replace the list"), ("role", "Functie", "Role"), ("email", "E-mail", "Email"),
        ("add_workshop", "Workshop toevoegen", "Add a workshop"), ("title_field", "Titel", "Title"),
        ("description", "Beschrijving", "Description"), ("presenter", "Presentator", "Presenter"), ("location", "Lokaal", "Room"),
        ("day", "Dag", "Day"), ("start", "Begin", "Start"), ("end", "Einde", "End"), ("capacity", "Plaatsen", "Places"),
        ("visibility", "Zichtbaar voor", "Visible to"), ("vis_school", "alleen onze school", "our school only"),
        ("vis_network", "het netwerk", "the network"), ("vis_all", "iedereen, ook gasten", "everyone, guests too"),
        ("save", "Opslaan", "Save"), ("withdraw", "Intrekken", "Withdraw"), ("when", "Wanneer", "When"), ("status", "Stand", "Status"),
        ("status_confirmed", "bevestigd", "confirmed"), ("status_pending", "wacht op de hub", "waiting for the hub"),
        ("status_withdrawal pending", "intrekking wacht op de hub", "withdrawal waiting for the hub"),
        ("enrol", "Inschrijven", "Enrol"), ("colleague", "Collega", "Colleague"), ("session", "Sessie", "Session"),
        ("absences_intro", "Wie is wanneer weg, voor de vervanging.", "Who is away when, for cover planning."),
        ("download_csv", "Download als CSV", "Download as CSV"), ("add_admin", "Beheerder toevoegen", "Add an administrator"),
        ("nothing", "Nog niets.", "Nothing yet."),
        ("invitations", "Uitnodigen", "Invitations"), ("poster", "Poster", "Poster"),
        ("offers", "Meelopen", "Shadowing"),
        (
            "offers_intro", "Collega's die een dag een meeloper ontvangen van een andere school.",
            "Colleagues who host someone from another school for a day."
        ),
        ("host", "Gastheer of gastvrouw", "Host"), ("days", "Dagen", "Days"),
        ("add_offer", "Meeloopplek toevoegen", "Add a shadowing place"),
        ("host_pending", "(nog niet bij de hub)", "(not at the hub yet)"), ("school_type", "Soort school", "Kind of school"),
        ("type_primary", "basisonderwijs", "primary"), ("type_vmbo", "vmbo", "vmbo"), ("type_havo_vwo", "havo/vwo", "havo/vwo"),
        ("type_mbo", "mbo", "mbo"), ("type_special", "speciaal onderwijs", "special needs"), ("type_other", "anders", "other"),
        ("edit", "Wijzigen", "Change"), ("shadow_days", "Meeloopdagen", "Shadow days"),
        ("poster_title", "Kijkje in elkaars keuken", "Kijkje: a look in each other's kitchen"),
        (
            "poster_intro", "Volg workshops op andere scholen of loop een dag mee met een collega. Scan de code of ga naar:",
            "Follow workshops at other schools or shadow a colleague for a day. Scan the code or go to:"
        ),
        ("poster_ours", "Bij ons op school", "At our school"),
        (
            "poster_print", "Druk deze pagina af op A4 (de balk bovenaan valt weg).",
            "Print this page on A4 (the bar at the top is left out)."
        ),
        (
            "invitations_intro",
            "Nodig collega's persoonlijk uit voor de week, met de mailserver van de school. De adressen blijven op school; de hub hoort "
                + "alleen hoeveel collega's per functie zijn uitgenodigd.",
            "Invite colleagues personally to the week, through the school's mail server. The addresses stay at school; the hub only "
                + "learns how many colleagues per role were invited."
        ),
        ("invitations_sent", "uitnodigingen verstuurd.", "invitations sent."), ("not_yet", "nog niet meegedaan", "not taken part yet"),
        ("invited_so_far", "tot nu toe uitgenodigd", "invited so far"), ("which_roles", "Wie", "Who"), ("round", "Ronde", "Round"),
        ("round_invite", "uitnodiging aan iedereen van deze functies", "an invitation to everyone in these roles"),
        (
            "round_remind", "herinnering, alleen aan wie nog niet meedoet", "a reminder, only to those who have not taken part yet"
        ),
        ("note", "Wat is er nieuw? (komt onder de uitnodiging)", "What is new? (goes below the invitation)"),
        ("send_invitations", "Versturen", "Send"),
        ("role_teacher", "docent", "teacher"), ("role_support_staff", "onderwijsondersteuner", "support staff"),
        ("role_team_leader", "teamleider", "team leader"), ("role_principal", "schoolleider", "principal"),
        ("role_board_member", "bestuurder", "board member"), ("role_other", "overig", "other"),
    ]
}
