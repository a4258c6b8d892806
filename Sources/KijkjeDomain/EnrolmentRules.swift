import Foundation

/// A session as the per-person rules see it: when, and at which school (for travel time).
public struct PlannedSession: Sendable, Equatable {
    public var id: UUID
    public var title: String
    public var startsAt: Date
    public var endsAt: Date
    public var latitude: Double
    public var longitude: Double

    public init(id: UUID, title: String, startsAt: Date, endsAt: Date, latitude: Double, longitude: Double) {
        self.id = id
        self.title = title
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// An edition's per-person limits.
public struct EnrolmentLimits: Sendable, Equatable, Codable {
    public var maxPerDay: Int
    public var maxPerEdition: Int
    /// Average travel speed between schools, for the time needed to get from one to the next.
    public var travelSpeedKmh: Int
    /// The least time between two sessions at different schools, on top of the travel.
    public var minimumGapMinutes: Int

    public init(maxPerDay: Int = 3, maxPerEdition: Int = 6, travelSpeedKmh: Int = 40, minimumGapMinutes: Int = 15) {
        self.maxPerDay = maxPerDay
        self.maxPerEdition = maxPerEdition
        self.travelSpeedKmh = travelSpeedKmh
        self.minimumGapMinutes = minimumGapMinutes
    }
}

/// Why an enrolment was refused: the rule, and the session it conflicts with where there is one.
public enum EnrolmentRefusal: Error, Sendable, Equatable {
    case overlaps(sessionId: UUID, title: String)
    case tooLittleTravelTime(sessionId: UUID, title: String, neededMinutes: Int)
    case dayCapReached(limit: Int, day: Day)
    case editionCapReached(limit: Int)
    case alreadyEnrolled(enrolmentId: UUID)
    case notVisible
    case registrationClosed
    case rankedChoicesOpen(until: Date)
    case offerExpired
    case notOffered(state: EnrolmentState)
    case notActive(state: EnrolmentState)

    /// A stable name of the rule, for clients and problem details.
    public var rule: String {
        switch self {
        case .overlaps: "overlap"
        case .tooLittleTravelTime: "travel-time"
        case .dayCapReached: "day-cap"
        case .editionCapReached: "edition-cap"
        case .alreadyEnrolled: "already-enrolled"
        case .notVisible: "not-visible"
        case .registrationClosed: "registration-closed"
        case .rankedChoicesOpen: "ranked-choices-open"
        case .offerExpired: "offer-expired"
        case .notOffered: "not-offered"
        case .notActive: "not-active"
        }
    }

    /// The session the request conflicts with, if any.
    public var conflictingSessionId: UUID? {
        switch self {
        case .overlaps(let id, _), .tooLittleTravelTime(let id, _, _): id
        default: nil
        }
    }

    /// What a person reads.
    public var message: String {
        switch self {
        case .overlaps(_, let title): "it overlaps \"\(title)\", in which you are enrolled"
        case .tooLittleTravelTime(_, let title, let minutes):
            "there is not enough time to travel from or to \"\(title)\" (\(minutes) minutes needed)"
        case .dayCapReached(let limit, let day): "you have reached the limit of \(limit) sessions on \(day)"
        case .editionCapReached(let limit): "you have reached the limit of \(limit) sessions this week"
        case .alreadyEnrolled: "you are already enrolled in or queued for this session"
        case .notVisible: "this session is not open to your school"
        case .registrationClosed: "registration for this edition is not open"
        case .rankedChoicesOpen(let until):
            "places are allocated from ranked choices; rank your choices before \(until.formatted(.iso8601))"
        case .offerExpired: "the offered place has expired and was passed on"
        case .notOffered(let state): "no place is on offer to you (the enrolment is \(state.rawValue))"
        case .notActive(let state): "the enrolment is \(state.rawValue) already"
        }
    }
}

/// The per-person rules: no overlaps (counting travel between schools), caps per day and per edition.
public enum EnrolmentRules {
    /// The first rule `candidate` breaks given the sessions the person already holds, or nil when it fits.
    public static func check(
        _ candidate: PlannedSession, against held: [PlannedSession], limits: EnrolmentLimits,
        calendar: Calendar = .networkCalendar
    ) -> EnrolmentRefusal? {
        for other in held.sorted(by: { $0.startsAt < $1.startsAt }) {
            if candidate.startsAt < other.endsAt && other.startsAt < candidate.endsAt {
                return .overlaps(sessionId: other.id, title: other.title)
            }
            let needed = neededGap(from: candidate, to: other, limits: limits)
            let gap =
                candidate.startsAt >= other.endsAt
                ? candidate.startsAt.timeIntervalSince(other.endsAt) : other.startsAt.timeIntervalSince(candidate.endsAt)
            if gap < needed {
                return .tooLittleTravelTime(sessionId: other.id, title: other.title, neededMinutes: Int((needed / 60).rounded(.up)))
            }
        }
        let day = calendar.day(of: candidate.startsAt)
        if held.filter({ calendar.day(of: $0.startsAt) == day }).count >= limits.maxPerDay {
            return .dayCapReached(limit: limits.maxPerDay, day: day)
        }
        if held.count >= limits.maxPerEdition { return .editionCapReached(limit: limits.maxPerEdition) }
        return nil
    }

    /// Seconds needed between two sessions: none at the same school, else the minimum gap plus the travel.
    public static func neededGap(from a: PlannedSession, to b: PlannedSession, limits: EnrolmentLimits) -> TimeInterval {
        let km = distanceKm(a.latitude, a.longitude, b.latitude, b.longitude)
        guard km > 0.2 else { return 0 }
        return Double(limits.minimumGapMinutes) * 60 + km / Double(max(limits.travelSpeedKmh, 1)) * 3600
    }

    /// Great-circle distance in kilometres (haversine).
    public static func distanceKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let r = 6371.0
        let dLat = (lat2 - lat1) * .pi / 180, dLon = (lon2 - lon1) * .pi / 180
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * .pi / 180) * cos(lat2 * .pi / 180) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, sqrt(h)))
    }
}
