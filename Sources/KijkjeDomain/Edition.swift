import Foundation

/// How scarce workshop places are handed out in an edition.
public enum AllocationMode: String, Sendable, Codable, CaseIterable {
    /// First come, first served, with a waiting list.
    case fcfs
    /// Ranked choices during the window, an optimal allocation at its close.
    case ranked
}

/// One year's career week of a network.
public struct Edition: Sendable, Equatable, Codable {
    public var id: UUID
    public var networkId: UUID
    public var year: Int
    public var days: [Day]
    public var registrationOpensAt: Date
    public var registrationClosesAt: Date
    public var allocationMode: AllocationMode
    /// How long a freed place is held for the next person on the waiting list.
    public var claimWindowHours: Int
    public var matchingDeadline: Date

    public init(id: UUID, networkId: UUID, year: Int, days: [Day], registrationOpensAt: Date, registrationClosesAt: Date,
                allocationMode: AllocationMode, claimWindowHours: Int, matchingDeadline: Date) {
        self.id = id
        self.networkId = networkId
        self.year = year
        self.days = days
        self.registrationOpensAt = registrationOpensAt
        self.registrationClosesAt = registrationClosesAt
        self.allocationMode = allocationMode
        self.claimWindowHours = claimWindowHours
        self.matchingDeadline = matchingDeadline
    }
}

/// What an organiser sends to set up or change an edition.
public struct EditionDraft: Sendable, Codable {
    public var year: Int?
    public var days: [Day]?
    public var registrationOpensAt: Date?
    public var registrationClosesAt: Date?
    public var allocationMode: String?
    public var claimWindowHours: Int?
    public var matchingDeadline: Date?

    public init(year: Int?, days: [Day]?, registrationOpensAt: Date?, registrationClosesAt: Date?,
                allocationMode: String? = nil, claimWindowHours: Int? = nil, matchingDeadline: Date?) {
        self.year = year
        self.days = days
        self.registrationOpensAt = registrationOpensAt
        self.registrationClosesAt = registrationClosesAt
        self.allocationMode = allocationMode
        self.claimWindowHours = claimWindowHours
        self.matchingDeadline = matchingDeadline
    }

    public func validated(id: UUID, networkId: UUID) throws(InvalidInput) -> Edition {
        var v = Validator()
        let year = v.integer(year, "year", in: 2000...2100)
        let days = (v.required(days, "days") ?? []).sorted()
        if self.days != nil && days.isEmpty { v.fail("days", "needs at least one day") }
        if days.count > 14 { v.fail("days", "may hold at most 14 days") }
        if Set(days).count != days.count { v.fail("days", "must not repeat a day") }
        if days.contains(where: { $0.year != year }) { v.fail("days", "must all fall in \(year)") }
        let opens = v.required(registrationOpensAt, "registration_opens_at") ?? .distantPast
        let closes = v.required(registrationClosesAt, "registration_closes_at") ?? .distantFuture
        if closes <= opens { v.fail("registration_closes_at", "must be after registration_opens_at") }
        let mode = allocationMode == nil ? .fcfs : v.choice(allocationMode, "allocation_mode", as: AllocationMode.self)
        let claim = claimWindowHours == nil ? 24 : v.integer(claimWindowHours, "claim_window_hours", in: 1...336)
        let deadline = v.required(matchingDeadline, "matching_deadline") ?? .distantPast
        try v.check()
        return Edition(id: id, networkId: networkId, year: year, days: days, registrationOpensAt: opens,
                       registrationClosesAt: closes, allocationMode: mode ?? .fcfs, claimWindowHours: claim,
                       matchingDeadline: deadline)
    }
}
