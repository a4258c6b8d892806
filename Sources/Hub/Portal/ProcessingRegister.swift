import Foundation
import KijkjeDomain

/// The register of processing (AVG / GDPR article 30) of what the hub keeps about people: what, why, how long and
/// who sees it, in the reader's language, with the hub's own retention settings filled in.
struct ProcessingRegister: Sendable {
    struct Entry: Encodable, Sendable, Equatable {
        var what: String
        var data: String
        var why: String
        var howLong: String
        var who: String
    }

    var entries: [Entry]

    /// The register as this hub keeps it: `retentionDays` after an edition's last day, `tombstoneDays` for sync records.
    init(language: Language, retentionDays: Int, tombstoneDays: Int) {
        let nl = language == .nl
        let kept =
            nl
            ? "tot \(retentionDays) dagen na de laatste dag van de editie (daarna gewist; alleen de totalen blijven); wie "
                + "zijn account wist, meteen"
            : "until \(retentionDays) days after the edition's last day (then erased; only the totals stay); at once when the "
                + "person erases their account"
        entries = Self.personal(nl: nl, kept: kept) + Self.operational(nl: nl, tombstoneDays: tombstoneDays)
    }

    /// What the hub keeps of the people who take part.
    private static func personal(nl: Bool, kept: String) -> [Entry] {
        [
            Entry(
                what: nl ? "Deelnemers" : "Participants",
                data: nl ? "naam, e-mailadres van school, functie, school" : "name, school email address, role, school",
                why: nl
                    ? "inschrijven, toewijzen, koppelen en mailen tijdens de week"
                    : "enrolling, allocating, matching and mailing during the week",
                howLong: kept,
                who: nl
                    ? "de persoon zelf; de organisatoren van het netwerk; de agent van de eigen school; na een wederzijds ja "
                        + "de andere kant van een meeloopdag"
                    : "the person; the network's organisers; their own school's agent; after both said yes, the other side of "
                        + "a shadow day"),
            Entry(
                what: nl ? "Inschrijvingen en keuzes" : "Enrolments and choices",
                data: nl
                    ? "sessies, wachtlijst, voorkeursvolgorde, uitleg van de toewijzing, lotnummer"
                    : "sessions, waiting list, ranked choices, the allocation's explanation, lottery number",
                why: nl ? "plaatsen eerlijk verdelen en de persoon laten zien waarom" : "sharing places fairly and showing the person why",
                howLong: kept,
                who: nl
                    ? "de persoon; de organisatoren; de agenten van de eigen en de gastschool"
                    : "the person; the organisers; the agents of their own and the host school"),
            Entry(
                what: nl ? "Meelopen" : "Shadowing",
                data: nl
                    ? "wensen (functie, vak, schooltype, dagen, afstand), aanbod, voorstellen, antwoorden"
                    : "wishes (role, subject, school type, days, distance), offers, proposals, answers",
                why: nl
                    ? "meeloopdagen koppelen; contactgegevens pas na twee keer ja"
                    : "matching shadow days; contact details only after both said yes",
                howLong: kept,
                who: nl
                    ? "de persoon; de organisatoren; de andere kant na twee keer ja; de agenten van beide scholen (bevestigde dagen)"
                    : "the person; the organisers; the other side after both said yes; both schools' agents (confirmed days)"),
            Entry(
                what: nl ? "Wensen en evaluatie" : "Survey and evaluation",
                data: nl ? "gekozen onderwerpen, een wens, een cijfer en opmerkingen" : "chosen topics, a wish, a rating and comments",
                why: nl ? "het programma van volgend jaar" : "next year's programme",
                howLong: kept,
                who: nl
                    ? "de persoon; de organisatoren (onderwerpen alleen geteld)"
                    : "the person; the organisers (topics "
                        + "only as counts)"),
        ]
    }

    /// What the hub keeps to run: sign-in, feeds, mail, head counts, sync and logs.
    private static func operational(nl: Bool, tombstoneDays: Int) -> [Entry] {
        [
            Entry(
                what: nl ? "Inloggen" : "Signing in",
                data: nl
                    ? "e-mailadres, een hash van de link, pogingen per adres en per client-adres, sessies"
                    : "email address, a hash of the link, attempts per address and per client address, sessions",
                why: nl ? "inloggen zonder wachtwoord en misbruik beperken" : "signing in without a password and limiting abuse",
                howLong: nl
                    ? "een link 15 minuten, een sessie 12 uur; gewist bij de eerstvolgende opschoning"
                    : "a link 15 minutes, a session 12 hours; erased at the next purge",
                who: nl ? "niemand; de hub bewaart alleen hashes" : "nobody; the hub keeps only hashes"),
            Entry(
                what: nl ? "Agenda-abonnement" : "Calendar feed",
                data: nl ? "een hash van het geheime adres" : "a hash of the secret address",
                why: nl ? "de eigen week in de agenda" : "one's week in one's calendar",
                howLong: nl ? "tot het wordt ingetrokken of de persoon wordt gewist" : "until revoked or the person is erased",
                who: nl ? "wie het geheime adres heeft" : "whoever has the secret address"),
            Entry(
                what: nl ? "Verstuurde mail" : "Mail sent",
                data: nl ? "ontvanger, onderwerp, tekst, agenda-uitnodiging" : "recipient, subject, text, calendar invitation",
                why: nl ? "iedereen op tijd laten weten wat er besloten is" : "telling everyone in time what was decided",
                howLong: nl ? "tot bezorgd, daarna tot de opschoning van de editie" : "until delivered, then until the edition's purge",
                who: nl ? "de beheerder van de hub" : "the hub's operator"),
            Entry(
                what: nl ? "Personeelslijst van een school" : "A school's staff list",
                data: nl
                    ? "blijft op de school (in de agent); de hub krijgt alleen aantallen per functie"
                    : "stays at the school (in its agent); the hub receives only head counts per role",
                why: nl ? "bereik per school en per functie" : "reach per school and per role",
                howLong: nl ? "zolang de school meedoet" : "as long as the school takes part",
                who: nl ? "de organisatoren (alleen aantallen)" : "the organisers (counts only)"),
            Entry(
                what: nl ? "Synchronisatie met agenten" : "Synchronisation with agents",
                data: nl
                    ? "welke rij wanneer veranderde, en verwijderde rijen als merkteken"
                    : "which row changed when, and removed rows as markers",
                why: nl ? "agenten bijwerken zonder iets te verliezen" : "keeping agents up to date without losing anything",
                howLong: nl ? "merktekens \(tombstoneDays) dagen" : "markers \(tombstoneDays) days",
                who: nl ? "de agent van de school die de rij mag zien" : "the agent of the school that may see the row"),
            Entry(
                what: nl ? "Logboek van de hub" : "The hub's log",
                data: nl
                    ? "route, status en duur van verzoeken; geen adressen, namen of geheimen"
                    : "route, status and duration of requests; no addresses, names or secrets",
                why: nl ? "storingen vinden" : "finding faults",
                howLong: nl ? "zoals de beheerder het logboek bewaart" : "as the operator keeps the log",
                who: nl ? "de beheerder van de hub" : "the hub's operator"),
        ]
    }

    /// The register as CSV, its column names first.
    func csv(_ words: [String: String]) -> String {
        let columns = ["register_what", "register_data", "register_why", "register_how_long", "register_who"].map { words[$0] ?? $0 }
        return CSV.document([columns] + entries.map { [$0.what, $0.data, $0.why, $0.howLong, $0.who] })
    }
}

/// The register of processing as the organiser reads it.
struct RegisterPage: PortalPage {
    static let template = "register", title = "register"
    var entries: [ProcessingRegister.Entry]
    var csv = PortalPath.organiserRegisterCSV.rawValue
}
