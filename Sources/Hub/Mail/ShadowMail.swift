import Foundation
import HubStore
import KijkjeDomain

/// The mails of shadow matching, in Dutch or English: a proposal to each side (without the other's contact
/// details), and once both accepted, a confirmation to each with the other's contact details and an invitation.
public struct ShadowMail: Sendable {
    /// A side of a pair, as the mails name it.
    public struct Contact: Sendable {
        public var name: String
        public var email: String
        public var role: Role
        public var school: String
        public var town: String
    }

    public var language: Language
    public var organiserName: String
    public var organiserEmail: String

    public init(language: Language = .nl, organiserName: String = "Kijkje", organiserEmail: String = "kijkje@localhost") {
        self.language = language
        self.organiserName = organiserName
        self.organiserEmail = organiserEmail
    }

    /// Both sides of many pairs, reading each school's people once (a matching run mails thousands).
    public static func contacts(
        for matches: [ShadowMatch], store: any HubStore, in networkId: UUID
    ) async throws
        -> [(requester: Contact, host: Contact)]
    {
        let schools = Dictionary(try await store.tenants(in: networkId).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var people: [UUID: [UUID: Person]] = [:]
        func contact(_ personId: UUID, _ tenantId: UUID) async throws -> Contact {
            if people[tenantId] == nil {
                people[tenantId] = Dictionary(
                    try await store.people(tenantId: tenantId, in: networkId).map { ($0.id, $0) },
                    uniquingKeysWith: { first, _ in first })
            }
            guard let person = people[tenantId]?[personId], let school = schools[tenantId] else { throw StoreError.notFound("person") }
            return Contact(person, at: school)
        }
        var pairs: [(requester: Contact, host: Contact)] = []
        for match in matches {
            pairs.append((try await contact(match.personId, match.tenantId), try await contact(match.hostPersonId, match.offerTenantId)))
        }
        return pairs
    }

    /// Both sides of one pair, read from the store (two people and two schools; the batch above reads whole schools).
    public static func contacts(
        for match: ShadowMatch, store: any HubStore, in networkId: UUID
    ) async throws -> (requester: Contact, host: Contact) {
        func contact(_ personId: UUID, _ tenantId: UUID) async throws -> Contact {
            Contact(
                try await store.person(id: personId, tenantId: tenantId, in: networkId),
                at: try await store.tenant(id: tenantId, in: networkId))
        }
        return (try await contact(match.personId, match.tenantId), try await contact(match.hostPersonId, match.offerTenantId))
    }

    public func proposal(_ match: ShadowMatch, requester: Contact, host: Contact) -> [MailMessage] {
        let day = Self.dayText(match.day, language)
        let text =
            language == .nl
            ? (
                requesterSubject: "Voorstel: een dag meelopen op \(day)",
                requester:
                    "Beste \(requester.name),\n\nWe stellen voor dat je op \(day) meeloopt met een "
                    + "\(Self.role(host.role, language)) van \(host.school) in \(host.town).\nLaat weten of je dit "
                    + "voorstel aanneemt. Zodra jullie allebei ja zeggen, krijg je de contactgegevens en een "
                    + "agenda-uitnodiging.\n\nHartelijke groet,\n\(organiserName)\n",
                hostSubject: "Voorstel: iemand loopt op \(day) met je mee",
                host:
                    "Beste \(host.name),\n\nWe stellen voor dat een \(Self.role(requester.role, language)) van "
                    + "\(requester.school) in \(requester.town) op \(day) met je meeloopt.\nLaat weten of je dit voorstel "
                    + "aanneemt. Zodra jullie allebei ja zeggen, krijg je de contactgegevens en een "
                    + "agenda-uitnodiging.\n\nHartelijke groet,\n\(organiserName)\n"
            )
            : (
                requesterSubject: "Proposal: a shadow day on \(day)",
                requester:
                    "Dear \(requester.name),\n\nWe propose that you shadow a \(Self.role(host.role, language)) of "
                    + "\(host.school) in \(host.town) on \(day).\nPlease accept or decline. Once you both say yes, you "
                    + "receive the contact details and a calendar invitation.\n\nKind regards,\n\(organiserName)\n",
                hostSubject: "Proposal: someone shadows you on \(day)",
                host:
                    "Dear \(host.name),\n\nWe propose that a \(Self.role(requester.role, language)) of \(requester.school) in "
                    + "\(requester.town) shadows you on \(day).\nPlease accept or decline. Once you both say yes, you "
                    + "receive the contact details and a calendar invitation.\n\nKind regards,\n\(organiserName)\n"
            )
        return [
            MailMessage(
                id: UUIDv7.make(), dedupeKey: "shadow:\(match.id):proposed:requester", toAddress: requester.email,
                toName: requester.name, subject: text.requesterSubject, body: text.requester, kind: .shadowProposal),
            MailMessage(
                id: UUIDv7.make(), dedupeKey: "shadow:\(match.id):proposed:host", toAddress: host.email,
                toName: host.name, subject: text.hostSubject, body: text.host, kind: .shadowProposal),
        ]
    }

    public func confirmation(_ match: ShadowMatch, requester: Contact, host: Contact, at now: Date) -> [MailMessage] {
        let day = Self.dayText(match.day, language)
        let hours = ShadowMatch.hours(on: match.day)
        let invitation = CalendarInvitation(
            uid: "shadow-\(match.id.uuidString.lowercased())@kijkje", start: hours.start, end: hours.end,
            summary: language == .nl ? "Meeloopdag: \(requester.name) bij \(host.name)" : "Shadow day: \(requester.name) with \(host.name)",
            location: "\(host.school), \(host.town)",
            description: language == .nl ? "Kijkje in elkaars keuken: een dag meelopen." : "Kijkje: a day of shadowing a colleague.",
            organizer: .init(name: organiserName, email: organiserEmail),
            attendees: [.init(name: requester.name, email: requester.email), .init(name: host.name, email: host.email)], stamp: now)
        func details(_ other: Contact) -> String {
            language == .nl
                ? "\(other.name), \(Self.role(other.role, language)) van \(other.school) in \(other.town)\nE-mail: \(other.email)"
                : "\(other.name), \(Self.role(other.role, language)) of \(other.school) in \(other.town)\nEmail: \(other.email)"
        }
        func body(_ to: Contact, _ other: Contact) -> String {
            language == .nl
                ? "Beste \(to.name),\n\nJullie hebben allebei ja gezegd: de meeloopdag op \(day) gaat "
                    + "door.\n\n\(details(other))\n\nDe agenda-uitnodiging zit in de bijlage.\n\nHartelijke groet,\n\(organiserName)\n"
                : "Dear \(to.name),\n\nYou both said yes: the shadow day on \(day) is on.\n\n\(details(other))\n\nThe "
                    + "calendar invitation is attached.\n\nKind regards,\n\(organiserName)\n"
        }
        let subject = language == .nl ? "Bevestigd: meeloopdag op \(day)" : "Confirmed: shadow day on \(day)"
        return [
            MailMessage(
                id: UUIDv7.make(), dedupeKey: "shadow:\(match.id):confirmed:requester", toAddress: requester.email,
                toName: requester.name, subject: subject, body: body(requester, host), calendar: invitation.text,
                kind: .shadowConfirmed),
            MailMessage(
                id: UUIDv7.make(), dedupeKey: "shadow:\(match.id):confirmed:host", toAddress: host.email,
                toName: host.name, subject: subject, body: body(host, requester), calendar: invitation.text,
                kind: .shadowConfirmed),
        ]
    }

    static func dayText(_ day: Day, _ language: Language) -> String {
        let calendar = Calendar.networkCalendar
        let date = calendar.date(day, hour: 12)
        var style = Date.FormatStyle(date: .complete, time: .omitted).locale(language.locale)
        style.timeZone = calendar.timeZone
        return date.formatted(style)
    }

    static func role(_ role: Role, _ language: Language) -> String {
        switch (role, language) {
        case (.teacher, .nl): "docent"
        case (.supportStaff, .nl): "onderwijsondersteuner"
        case (.teamLeader, .nl): "teamleider"
        case (.principal, .nl): "schoolleider"
        case (.boardMember, .nl): "bestuurder"
        case (.other, .nl): "collega"
        case (.teacher, .en): "teacher"
        case (.supportStaff, .en): "support staff member"
        case (.teamLeader, .en): "team leader"
        case (.principal, .en): "principal"
        case (.boardMember, .en): "board member"
        case (.other, .en): "colleague"
        }
    }
}

extension ShadowMail.Contact {
    /// A person as the other side of a pair sees them: name, address, role, and their school.
    init(_ person: Person, at school: Tenant) {
        self.init(name: person.name, email: person.email, role: person.role, school: school.name, town: school.town)
    }
}
