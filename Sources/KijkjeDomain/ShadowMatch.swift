import Foundation

/// Where a proposed shadow pair stands.
public enum ShadowMatchState: String, Sendable, Codable, CaseIterable {
    /// Proposed to both; waiting for their answers.
    case proposed
    /// Both accepted: contact details are exchanged.
    case confirmed
    /// One of them said no; the request goes back to the pool.
    case declined
    /// Replaced by a later matching run before anyone said no.
    case withdrawn
}

/// Which side of a pair answers.
public enum ShadowSide: String, Sendable, Codable, CaseIterable {
    case requester
    case host
}

/// A pair made by a matching run: a request, an offer, a day, and why.
public struct ShadowMatch: Sendable, Equatable, Codable {
    public var id: UUID
    public var editionId: UUID
    /// The requester's school, which owns the row.
    public var tenantId: UUID
    public var requestId: UUID
    public var personId: UUID
    public var offerTenantId: UUID
    public var offerId: UUID
    public var hostPersonId: UUID
    public var day: Day
    public var score: Int
    public var reasons: [ShadowReason]
    public var state: ShadowMatchState
    public var requesterAccepted: Bool?
    public var hostAccepted: Bool?
    /// Placed by an organiser's pin rather than by the optimisation.
    public var pinned: Bool
    public var proposedAt: Date
    public var decidedAt: Date?

    public init(
        id: UUID, editionId: UUID, tenantId: UUID, requestId: UUID, personId: UUID, offerTenantId: UUID, offerId: UUID,
        hostPersonId: UUID, day: Day, score: Int, reasons: [ShadowReason], state: ShadowMatchState,
        requesterAccepted: Bool? = nil, hostAccepted: Bool? = nil, pinned: Bool = false, proposedAt: Date, decidedAt: Date? = nil
    ) {
        self.id = id
        self.editionId = editionId
        self.tenantId = tenantId
        self.requestId = requestId
        self.personId = personId
        self.offerTenantId = offerTenantId
        self.offerId = offerId
        self.hostPersonId = hostPersonId
        self.day = day
        self.score = score
        self.reasons = reasons
        self.state = state
        self.requesterAccepted = requesterAccepted
        self.hostAccepted = hostAccepted
        self.pinned = pinned
        self.proposedAt = proposedAt
        self.decidedAt = decidedAt
    }

    /// Records one side's answer: both yes confirms, any no declines.
    public mutating func answer(_ side: ShadowSide, accept: Bool, at time: Date) {
        switch side {
        case .requester: requesterAccepted = accept
        case .host: hostAccepted = accept
        }
        if !accept {
            state = .declined
            decidedAt = time
        } else if requesterAccepted == true && hostAccepted == true {
            state = .confirmed
            decidedAt = time
        }
    }
}

/// An organiser's rule for the matching: a pair that must be made, or one that must not.
public struct ShadowRule: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case pin, forbid }

    public var editionId: UUID
    public var requestId: UUID
    public var offerId: UUID
    public var kind: Kind

    public init(editionId: UUID, requestId: UUID, offerId: UUID, kind: Kind) {
        self.editionId = editionId
        self.requestId = requestId
        self.offerId = offerId
        self.kind = kind
    }
}

extension ShadowMatch {
    /// A shadow day is a school day at the host's school: 08:30 to 16:00 in the network's time zone (the
    /// invitation, the person's week and the school's absence list all use it).
    public static func hours(on day: Day, calendar: Calendar = .networkCalendar) -> (start: Date, end: Date) {
        let start = calendar.date(day, hour: 8, minute: 30)
        return (start, start.addingTimeInterval(7.5 * 3600))
    }
}
