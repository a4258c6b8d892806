import Foundation

/// Where a person stands with a session.
public enum EnrolmentState: String, Sendable, Codable, CaseIterable {
    /// Has a place.
    case confirmed
    /// In the queue for a place.
    case waitlisted
    /// A freed place is held for them until `offeredUntil`.
    case offered
    /// Turned down an offered place, or let the offer expire.
    case declined
    /// Gave up their place or their spot in the queue.
    case cancelled

    /// States that hold a place or a spot in the queue.
    public var isActive: Bool { self == .confirmed || self == .waitlisted || self == .offered }
    /// States that take one of the session's places.
    public var holdsPlace: Bool { self == .confirmed || self == .offered }

    /// The states that hold a place or a spot in the queue, as the store's queries read them.
    public static let active: [EnrolmentState] = allCases.filter(\.isActive)
    /// The states that take a place, as the store's queries count them.
    public static let holdingPlace: [EnrolmentState] = allCases.filter(\.holdsPlace)

    /// The places taken by enrolments counted per state.
    public static func placesTaken(_ counts: [EnrolmentState: Int]) -> Int {
        counts.filter { $0.key.holdsPlace }.values.reduce(0, +)
    }
}

/// A person's enrolment in a session. The row belongs to the hosting school (`tenantId`), where the session's
/// places are counted; `personTenantId` is the person's own school.
public struct Enrolment: Sendable, Equatable, Codable {
    public var id: UUID
    public var tenantId: UUID
    public var sessionId: UUID
    public var editionId: UUID
    public var personTenantId: UUID
    public var personId: UUID
    public var state: EnrolmentState
    /// Arrival order at the session: the waiting list is served by it.
    public var queueNumber: Int
    public var offeredUntil: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, tenantId: UUID, sessionId: UUID, editionId: UUID, personTenantId: UUID, personId: UUID,
        state: EnrolmentState, queueNumber: Int, offeredUntil: Date? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.tenantId = tenantId
        self.sessionId = sessionId
        self.editionId = editionId
        self.personTenantId = personTenantId
        self.personId = personId
        self.state = state
        self.queueNumber = queueNumber
        self.offeredUntil = offeredUntil
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One recorded change of an enrolment's state, with its reason.
public struct EnrolmentEvent: Sendable, Equatable, Codable {
    public var enrolmentId: UUID
    public var from: EnrolmentState?
    public var to: EnrolmentState
    public var at: Date
    public var reason: String

    public init(enrolmentId: UUID, from: EnrolmentState?, to: EnrolmentState, at: Date, reason: String) {
        self.enrolmentId = enrolmentId
        self.from = from
        self.to = to
        self.at = at
        self.reason = reason
    }
}
