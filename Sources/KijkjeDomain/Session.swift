import Foundation

/// A workshop, or the edition's kickoff (which everybody may attend and which counts as a session too).
public enum SessionKind: String, Sendable, Codable, CaseIterable {
    case workshop
    case kickoff
}

/// Something people enrol in: a workshop at a school, or the kickoff.
public struct Session: Sendable, Equatable, Codable {
    public var id: UUID
    public var editionId: UUID
    /// The hosting school, which owns the row.
    public var tenantId: UUID
    public var kind: SessionKind
    public var title: String
    public var description: String
    /// The presenter, or for a kickoff its speakers.
    public var presenter: String
    public var location: String
    public var startsAt: Date
    public var endsAt: Date
    public var capacity: Int
    public var visibility: Visibility
    public var topics: [String]

    public init(
        id: UUID, editionId: UUID, tenantId: UUID, kind: SessionKind, title: String, description: String,
        presenter: String, location: String, startsAt: Date, endsAt: Date, capacity: Int,
        visibility: Visibility, topics: [String]
    ) {
        self.id = id
        self.editionId = editionId
        self.tenantId = tenantId
        self.kind = kind
        self.title = title
        self.description = description
        self.presenter = presenter
        self.location = location
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.capacity = capacity
        self.visibility = visibility
        self.topics = topics
    }
}

/// What an organiser (or later a school's agent) sends to add or change a session.
public struct SessionDraft: Sendable, Codable, Equatable {
    public var editionId: UUID?
    public var tenantId: UUID?
    public var kind: String?
    public var title: String?
    public var description: String?
    public var presenter: String?
    public var location: String?
    public var startsAt: Date?
    public var endsAt: Date?
    public var capacity: Int?
    public var visibility: String?
    public var topics: [String]?

    public init(
        editionId: UUID?, tenantId: UUID?, kind: String? = nil, title: String?, description: String? = nil,
        presenter: String? = nil, location: String?, startsAt: Date?, endsAt: Date?, capacity: Int?,
        visibility: String? = nil, topics: [String]? = nil
    ) {
        self.editionId = editionId
        self.tenantId = tenantId
        self.kind = kind
        self.title = title
        self.description = description
        self.presenter = presenter
        self.location = location
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.capacity = capacity
        self.visibility = visibility
        self.topics = topics
    }

    /// The draft that would write `session` as it is (to change some fields and put it again).
    public init(_ session: Session) {
        self.init(
            editionId: session.editionId, tenantId: session.tenantId, kind: session.kind.rawValue, title: session.title,
            description: session.description, presenter: session.presenter, location: session.location, startsAt: session.startsAt,
            endsAt: session.endsAt, capacity: session.capacity, visibility: session.visibility.rawValue, topics: session.topics)
    }

    /// Checks the draft on its own and against its edition (the session must fall on one of the edition's days).
    public func validated(id: UUID, edition: Edition?, calendar: Calendar = .networkCalendar) throws(InvalidInput) -> Session {
        var v = Validator()
        let editionId = v.required(editionId, "edition_id") ?? UUID()
        let tenantId = v.required(tenantId, "tenant_id") ?? UUID()
        let kind = kind == nil ? .workshop : v.choice(kind, "kind", as: SessionKind.self)
        let title = v.text(title, "title")
        let description = v.optionalText(description, "description")
        let presenter = v.optionalText(presenter, "presenter", maxLength: 300)
        let location = v.text(location, "location")
        let starts = v.required(startsAt, "starts_at") ?? .distantPast
        let ends = v.required(endsAt, "ends_at") ?? .distantFuture
        if ends <= starts { v.fail("ends_at", "must be after starts_at") }
        if ends.timeIntervalSince(starts) > 12 * 3600 { v.fail("ends_at", "must be within 12 hours of starts_at") }
        let capacity = v.integer(capacity, "capacity", in: 1...10_000)
        let visibility = visibility == nil ? .network : v.choice(visibility, "visibility", as: Visibility.self)
        let topics = v.labels(topics, "topics", maxCount: 20)
        if let edition, startsAt != nil, !edition.days.contains(calendar.day(of: starts)) {
            v.fail("starts_at", "must fall on one of the edition's days (\(edition.days.map(\.description).joined(separator: ", ")))")
        }
        try v.check()
        return Session(
            id: id, editionId: editionId, tenantId: tenantId, kind: kind ?? .workshop, title: title,
            description: description, presenter: presenter, location: location, startsAt: starts,
            endsAt: ends, capacity: capacity, visibility: visibility ?? .network, topics: topics)
    }
}

extension Calendar {
    /// The calendar the week is planned in: Gregorian, Europe/Amsterdam.
    public static var networkCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        return calendar
    }

    /// The moment `hour:minute` on `day`, in this calendar's time zone.
    public func date(_ day: Day, hour: Int, minute: Int = 0) -> Date {
        date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute))
            ?? Date(timeIntervalSince1970: 0)
    }

    /// "09:00": 24-hour time in this calendar's time zone, whatever the language.
    public func clock(_ date: Date) -> String {
        let c = dateComponents([.hour, .minute], from: date)
        return Digits.padded(c.hour ?? 0, 2) + ":" + Digits.padded(c.minute ?? 0, 2)
    }

    /// The calendar day on which `date` falls.
    public func day(of date: Date) -> Day {
        let c = dateComponents([.year, .month, .day], from: date)
        return Day(year: c.year ?? 0, month: c.month ?? 1, day: c.day ?? 1)
    }
}

extension Session {
    /// Places still free: the capacity less the enrolments that hold a place (confirmed and offered alike: an
    /// offered place is kept for someone from the waiting list).
    public func placesLeft(taken: Int) -> Int { max(0, capacity - taken) }

    /// Places still free, from the session's enrolments counted per state.
    public func placesLeft(counts: [EnrolmentState: Int]) -> Int { placesLeft(taken: EnrolmentState.placesTaken(counts)) }
}
