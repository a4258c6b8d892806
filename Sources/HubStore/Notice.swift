import Foundation
import KijkjeDomain
import KijkjeMatching

/// A session as a mail describes it, captured when the event happened (a withdrawn session is gone by the time
/// the mail is written).
public struct SessionSnapshot: Sendable, Equatable, Codable {
    public var id: UUID
    public var title: String
    public var presenter: String
    public var location: String
    public var startsAt: Date
    public var endsAt: Date
    public var capacity: Int
    public var school: String
    public var town: String
    public var latitude: Double
    public var longitude: Double

    public init(_ session: Session, at school: Tenant) {
        self.init(session, school: school.name, town: school.town, latitude: school.latitude, longitude: school.longitude)
    }

    public init(_ session: Session, school: String, town: String, latitude: Double, longitude: Double) {
        id = session.id
        title = session.title
        presenter = session.presenter
        location = session.location
        startsAt = session.startsAt
        endsAt = session.endsAt
        capacity = session.capacity
        self.school = school
        self.town = town
        self.latitude = latitude
        self.longitude = longitude
    }

    /// The session as the enrolment rules weigh it (its times and its school's place).
    public var planned: PlannedSession {
        PlannedSession(id: id, title: title, startsAt: startsAt, endsAt: endsAt, latitude: latitude, longitude: longitude)
    }

    /// `session` as it is now, at this snapshot's school.
    public func with(_ session: Session) -> SessionSnapshot {
        SessionSnapshot(session, school: school, town: town, latitude: latitude, longitude: longitude)
    }
}

/// The other side of a shadow day, as the day-before mails name them.
public struct ShadowSnapshot: Sendable, Equatable, Codable {
    public var matchId: UUID
    public var day: Day
    public var name: String
    public var role: Role
    public var school: String
    public var town: String

    public init(matchId: UUID, day: Day, name: String, role: Role, school: String, town: String) {
        self.matchId = matchId
        self.day = day
        self.name = name
        self.role = role
        self.school = school
        self.town = town
    }
}

/// A participant as a presenter's list names them.
public struct PersonSnapshot: Sendable, Equatable, Codable {
    public var name: String
    public var role: Role
    public var school: String
    public var town: String

    public init(name: String, role: Role, school: String, town: String) {
        self.name = name
        self.role = role
        self.school = school
        self.town = town
    }
}

/// What happened, as the store records it in the transaction that made it happen; the hub's notifier turns it
/// into mail. Everything a mail says is in here, so a notice can be written out after its session is gone.
public struct NoticeDetails: Sendable, Equatable, Codable {
    public var enrolmentId: UUID?
    public var from: EnrolmentState?
    public var to: EnrolmentState?
    public var reason: String?
    public var offeredUntil: Date?
    /// The calendar SEQUENCE for the enrolment's event: raised on every change.
    public var sequence: Int?
    public var session: SessionSnapshot?
    /// The session as it was before a change.
    public var previous: SessionSnapshot?
    /// A day's sessions, an allocation's places, or what else fits (after a withdrawal or without a place).
    public var sessions: [SessionSnapshot]?
    public var alternatives: [SessionSnapshot]?
    /// Lines the mail lists: an allocation's explanation, a presenter's participants.
    public var lines: [String]?
    /// What the ranked allocation gave the person, and why.
    public var explanation: Allocation.Explanation?
    public var lotteryNumber: Int?
    public var shadow: ShadowSnapshot?
    public var day: Day?
    /// A presenter's participants.
    public var people: [PersonSnapshot]?
    /// For the travel between a day's schools.
    public var travelSpeedKmh: Int?

    public init(
        enrolmentId: UUID? = nil, from: EnrolmentState? = nil, to: EnrolmentState? = nil, reason: String? = nil,
        offeredUntil: Date? = nil, sequence: Int? = nil, session: SessionSnapshot? = nil, previous: SessionSnapshot? = nil,
        sessions: [SessionSnapshot]? = nil, alternatives: [SessionSnapshot]? = nil, lines: [String]? = nil,
        explanation: Allocation.Explanation? = nil, lotteryNumber: Int? = nil, shadow: ShadowSnapshot? = nil, day: Day? = nil,
        people: [PersonSnapshot]? = nil, travelSpeedKmh: Int? = nil
    ) {
        self.enrolmentId = enrolmentId
        self.from = from
        self.to = to
        self.reason = reason
        self.offeredUntil = offeredUntil
        self.sequence = sequence
        self.session = session
        self.previous = previous
        self.sessions = sessions
        self.alternatives = alternatives
        self.lines = lines
        self.explanation = explanation
        self.lotteryNumber = lotteryNumber
        self.shadow = shadow
        self.day = day
        self.people = people
        self.travelSpeedKmh = travelSpeedKmh
    }
}

/// How a person wants their mail: the language, and whether the optional mails come.
public struct MailPreferences: Sendable, Equatable, Codable {
    public var language: Language
    public var reminders: Bool

    public init(language: Language = .nl, reminders: Bool = true) {
        self.language = language
        self.reminders = reminders
    }
}

/// A notice to be written out, with its recipient as they stand now.
public struct Notice: Sendable, Equatable {
    public struct Recipient: Sendable, Equatable {
        public var tenantId: UUID
        public var personId: UUID
        public var name: String
        public var email: String
        public var preferences: MailPreferences

        public init(tenantId: UUID, personId: UUID, name: String, email: String, preferences: MailPreferences) {
            self.tenantId = tenantId
            self.personId = personId
            self.name = name
            self.email = email
            self.preferences = preferences
        }
    }

    public var id: UUID
    public var dedupeKey: String
    public var kind: MailKind
    public var networkId: UUID
    public var createdAt: Date
    /// Nil when the person was erased meanwhile: nothing is sent.
    public var recipient: Recipient?
    public var details: NoticeDetails

    public init(
        id: UUID, dedupeKey: String, kind: MailKind, networkId: UUID, createdAt: Date, recipient: Recipient?,
        details: NoticeDetails
    ) {
        self.id = id
        self.dedupeKey = dedupeKey
        self.kind = kind
        self.networkId = networkId
        self.createdAt = createdAt
        self.recipient = recipient
        self.details = details
    }
}

/// A link in a mail that works without signing in: its token's hash, what it does, for whom, until when.
public struct MailLink: Sendable, Equatable {
    public enum Action: String, Sendable, Codable {
        case claim, decline, enrol, unsubscribe
    }

    public var tokenHash: String
    public var action: Action
    public var networkId: UUID
    public var tenantId: UUID
    public var personId: UUID
    /// The enrolment (claim, decline) or session (enrol) it acts on.
    public var subjectId: UUID?
    public var expiresAt: Date
    public var usedAt: Date?

    public init(
        tokenHash: String, action: Action, networkId: UUID, tenantId: UUID, personId: UUID, subjectId: UUID?, expiresAt: Date,
        usedAt: Date? = nil
    ) {
        self.tokenHash = tokenHash
        self.action = action
        self.networkId = networkId
        self.tenantId = tenantId
        self.personId = personId
        self.subjectId = subjectId
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }
}
