import Foundation

/// Where a school is, for distances.
public struct Place: Sendable, Equatable, Codable {
    public var tenantId: UUID
    public var latitude: Double
    public var longitude: Double
    /// Whether the school is a guest of the network (guests see only what is shared with `all`).
    public var isGuest: Bool

    public init(tenantId: UUID, latitude: Double, longitude: Double, isGuest: Bool = false) {
        self.tenantId = tenantId
        self.latitude = latitude
        self.longitude = longitude
        self.isGuest = isGuest
    }

    public func distanceKm(to other: Place) -> Double {
        EnrolmentRules.distanceKm(latitude, longitude, other.latitude, other.longitude)
    }
}

/// Why a pair was made: each wish the offer meets.
public enum ShadowReason: Sendable, Equatable, Codable {
    /// The host's role, and where the requester ranked it (1 = first wish; nil = any role was fine).
    case role(Role, wish: Int?)
    case subjects([String])
    case schoolType(SchoolType)
    case distanceKm(Int)
    case days([Day])
}

/// What keeps a request and an offer apart.
public enum ShadowBlocker: Sendable, Equatable, Codable {
    case roleNotWished(Role)
    case noSharedDay
    case tooFar(km: Int, maxKm: Int)
    case ownSchool
    case ownOffer
    case notVisible
    case forbidden
    /// Compatible, but the host's places on the shared days went to others.
    case full
}

/// How well an offer fits a request: a score (higher is better) with its reasons, or what blocks it.
public struct ShadowFit: Sendable, Equatable, Codable {
    public var score: Int
    public var reasons: [ShadowReason]
    public var days: [Day]
    public var blockers: [ShadowBlocker]

    public var isCompatible: Bool { blockers.isEmpty }
}

/// The compatibility rules and the score of shadow pairs. Hard rules: a wished role, a shared day, within the
/// distance, another school unless the own one is allowed, never the requester's own offer, visible to the
/// requester's school. The score weighs the role's rank most, then subjects, school type and nearness.
public enum ShadowCompatibility {
    public static func assess(_ request: ShadowRequest, requester: Place, _ offer: ShadowOffer, host: Place) -> ShadowFit {
        var blockers: [ShadowBlocker] = []
        var reasons: [ShadowReason] = []
        var score = 0
        if offer.hostPersonId == request.personId { blockers.append(.ownOffer) }
        if host.tenantId == requester.tenantId && !request.ownSchoolAllowed { blockers.append(.ownSchool) }
        if !offer.visibility.admits(viewer: requester.tenantId, owner: host.tenantId, viewerIsGuest: requester.isGuest) {
            blockers.append(.notVisible)
        }
        if request.roles.isEmpty {
            score += 50
            reasons.append(.role(offer.role, wish: nil))
        } else if let rank = request.roles.firstIndex(of: offer.role) {
            score += max(25, 100 - 25 * rank)
            reasons.append(.role(offer.role, wish: rank + 1))
        } else {
            blockers.append(.roleNotWished(offer.role))
        }
        let days = request.days.filter(offer.days.contains)
        if days.isEmpty { blockers.append(.noSharedDay) } else { reasons.append(.days(days)) }
        let km = requester.distanceKm(to: host)
        if let max = request.maxDistanceKm, km > Double(max) { blockers.append(.tooFar(km: Int(km.rounded()), maxKm: max)) }
        let shared = offer.subjects.filter { subject in request.subjects.contains { $0.caseInsensitiveCompare(subject) == .orderedSame } }
        if !shared.isEmpty {
            score += min(30, 10 * shared.count)
            reasons.append(.subjects(shared))
        }
        if request.schoolTypes.contains(offer.schoolType) {
            score += 20
            reasons.append(.schoolType(offer.schoolType))
        } else if request.schoolTypes.isEmpty {
            score += 10
        }
        score += max(0, 20 - Int(km / 5))
        reasons.append(.distanceKm(Int(km.rounded())))
        return ShadowFit(score: max(1, score), reasons: reasons, days: days, blockers: blockers)
    }
}
