import Foundation

/// The kind of school a host works at, as staff use the words in their wishes.
public enum SchoolType: String, Sendable, Codable, CaseIterable {
    case primary
    case vmbo
    case havoVwo = "havo_vwo"
    case mbo
    case special
    case other
}

/// Someone who offers to be shadowed for a day.
public struct ShadowOffer: Sendable, Equatable, Codable {
    public var id: UUID
    public var editionId: UUID
    public var tenantId: UUID
    public var hostPersonId: UUID
    public var role: Role
    public var subjects: [String]
    public var schoolType: SchoolType
    public var days: [Day]
    /// How many shadowers the host takes on each of the days.
    public var capacity: Int
    public var visibility: Visibility

    public init(
        id: UUID, editionId: UUID, tenantId: UUID, hostPersonId: UUID, role: Role, subjects: [String],
        schoolType: SchoolType, days: [Day], capacity: Int, visibility: Visibility
    ) {
        self.id = id
        self.editionId = editionId
        self.tenantId = tenantId
        self.hostPersonId = hostPersonId
        self.role = role
        self.subjects = subjects
        self.schoolType = schoolType
        self.days = days
        self.capacity = capacity
        self.visibility = visibility
    }
}

/// What an organiser (or a school's agent) sends to add or change a shadow offer.
public struct ShadowOfferDraft: Sendable, Codable, Equatable {
    public var editionId: UUID?
    public var tenantId: UUID?
    public var hostPersonId: UUID?
    public var role: String?
    public var subjects: [String]?
    public var schoolType: String?
    public var days: [Day]?
    public var capacity: Int?
    public var visibility: String?

    public init(
        editionId: UUID?, tenantId: UUID?, hostPersonId: UUID?, role: String?, subjects: [String]? = nil,
        schoolType: String?, days: [Day]?, capacity: Int? = nil, visibility: String? = nil
    ) {
        self.editionId = editionId
        self.tenantId = tenantId
        self.hostPersonId = hostPersonId
        self.role = role
        self.subjects = subjects
        self.schoolType = schoolType
        self.days = days
        self.capacity = capacity
        self.visibility = visibility
    }

    /// Checks the draft on its own and against its edition (offered days must be days of the week).
    /// The draft that would write `offer` as it is (to change some fields and put it again).
    public init(_ offer: ShadowOffer) {
        self.init(
            editionId: offer.editionId, tenantId: offer.tenantId, hostPersonId: offer.hostPersonId, role: offer.role.rawValue,
            subjects: offer.subjects, schoolType: offer.schoolType.rawValue, days: offer.days, capacity: offer.capacity,
            visibility: offer.visibility.rawValue)
    }

    public func validated(id: UUID, edition: Edition?) throws(InvalidInput) -> ShadowOffer {
        var v = Validator()
        let editionId = v.required(editionId, "edition_id") ?? UUID()
        let tenantId = v.required(tenantId, "tenant_id") ?? UUID()
        let host = v.required(hostPersonId, "host_person_id") ?? UUID()
        let role = v.choice(role, "role", as: Role.self)
        let subjects = v.labels(subjects, "subjects", maxCount: 20)
        let schoolType = v.choice(schoolType, "school_type", as: SchoolType.self)
        let days = Array(Set(v.required(days, "days") ?? [])).sorted()
        if self.days != nil && days.isEmpty { v.fail("days", "needs at least one day") }
        if let edition, let wrong = days.first(where: { !edition.days.contains($0) }) {
            v.fail("days", "\(wrong) is not a day of the edition")
        }
        let capacity = capacity == nil ? 1 : v.integer(capacity, "capacity", in: 1...20)
        let visibility = visibility == nil ? .network : v.choice(visibility, "visibility", as: Visibility.self)
        try v.check()
        return ShadowOffer(
            id: id, editionId: editionId, tenantId: tenantId, hostPersonId: host, role: role ?? .other,
            subjects: subjects, schoolType: schoolType ?? .other, days: days, capacity: capacity,
            visibility: visibility ?? .network)
    }
}
