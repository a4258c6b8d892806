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
    /// Per-person limits: sessions per day and per edition, travel between schools.
    public var limits: EnrolmentLimits
    /// When the ranked allocation ran (ranked editions); from then on the edition is first come, first served.
    public var allocatedAt: Date?
    /// Days a shadow proposal may wait for an answer before each side that has not answered is reminded (once).
    public var proposalReminderDays: Int

    public init(
        id: UUID, networkId: UUID, year: Int, days: [Day], registrationOpensAt: Date, registrationClosesAt: Date,
        allocationMode: AllocationMode, claimWindowHours: Int, matchingDeadline: Date,
        limits: EnrolmentLimits = EnrolmentLimits(), allocatedAt: Date? = nil, proposalReminderDays: Int = 3
    ) {
        self.proposalReminderDays = proposalReminderDays
        self.id = id
        self.networkId = networkId
        self.year = year
        self.days = days
        self.registrationOpensAt = registrationOpensAt
        self.registrationClosesAt = registrationClosesAt
        self.allocationMode = allocationMode
        self.claimWindowHours = claimWindowHours
        self.matchingDeadline = matchingDeadline
        self.limits = limits
        self.allocatedAt = allocatedAt
    }

    /// Whether staff rank choices now instead of enrolling directly.
    public var awaitsAllocation: Bool { allocationMode == .ranked && allocatedAt == nil }
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
    public var limits: LimitsDraft?
    public var proposalReminderDays: Int?

    /// Per-person limits; each left out keeps its default.
    public struct LimitsDraft: Sendable, Codable {
        public var maxPerDay: Int?
        public var maxPerEdition: Int?
        public var travelSpeedKmh: Int?
        public var minimumGapMinutes: Int?

        public init(maxPerDay: Int? = nil, maxPerEdition: Int? = nil, travelSpeedKmh: Int? = nil, minimumGapMinutes: Int? = nil) {
            self.maxPerDay = maxPerDay
            self.maxPerEdition = maxPerEdition
            self.travelSpeedKmh = travelSpeedKmh
            self.minimumGapMinutes = minimumGapMinutes
        }
    }

    public init(
        year: Int?, days: [Day]?, registrationOpensAt: Date?, registrationClosesAt: Date?,
        allocationMode: String? = nil, claimWindowHours: Int? = nil, matchingDeadline: Date?, limits: LimitsDraft? = nil,
        proposalReminderDays: Int? = nil
    ) {
        self.limits = limits
        self.proposalReminderDays = proposalReminderDays
        self.year = year
        self.days = days
        self.registrationOpensAt = registrationOpensAt
        self.registrationClosesAt = registrationClosesAt
        self.allocationMode = allocationMode
        self.claimWindowHours = claimWindowHours
        self.matchingDeadline = matchingDeadline
    }

    /// Checks the draft; `allocatedAt` carries over from the stored edition when changing one.
    public func validated(id: UUID, networkId: UUID, allocatedAt: Date? = nil) throws(InvalidInput) -> Edition {
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
        let reminder = proposalReminderDays == nil ? 3 : v.integer(proposalReminderDays, "proposal_reminder_days", in: 1...30)
        let defaults = EnrolmentLimits()
        func limit(_ value: Int?, _ field: String, _ fallback: Int, _ range: ClosedRange<Int>) -> Int {
            value == nil ? fallback : v.integer(value, "limits.\(field)", in: range)
        }
        let limits = EnrolmentLimits(
            maxPerDay: limit(self.limits?.maxPerDay, "max_per_day", defaults.maxPerDay, 1...20),
            maxPerEdition: limit(self.limits?.maxPerEdition, "max_per_edition", defaults.maxPerEdition, 1...100),
            travelSpeedKmh: limit(self.limits?.travelSpeedKmh, "travel_speed_kmh", defaults.travelSpeedKmh, 1...200),
            minimumGapMinutes: limit(self.limits?.minimumGapMinutes, "minimum_gap_minutes", defaults.minimumGapMinutes, 0...240))
        try v.check()
        return Edition(
            id: id, networkId: networkId, year: year, days: days, registrationOpensAt: opens,
            registrationClosesAt: closes, allocationMode: mode ?? .fcfs, claimWindowHours: claim,
            matchingDeadline: deadline, limits: limits, allocatedAt: allocatedAt, proposalReminderDays: reminder)
    }
}
