import Foundation

/// Someone asking to shadow a colleague for a day: whom they want to see, where and when.
public struct ShadowRequest: Sendable, Equatable, Codable {
    public var id: UUID
    public var editionId: UUID
    /// The requester's school, which owns the row.
    public var tenantId: UUID
    public var personId: UUID
    /// Roles to shadow, most wanted first (empty: any role).
    public var roles: [Role]
    public var subjects: [String]
    /// School types wished for (empty: any).
    public var schoolTypes: [SchoolType]
    /// Whether a host at the requester's own school will do.
    public var ownSchoolAllowed: Bool
    public var maxDistanceKm: Int?
    public var days: [Day]
    public var motivation: String
    public var createdAt: Date

    public init(
        id: UUID, editionId: UUID, tenantId: UUID, personId: UUID, roles: [Role], subjects: [String],
        schoolTypes: [SchoolType], ownSchoolAllowed: Bool, maxDistanceKm: Int?, days: [Day], motivation: String,
        createdAt: Date
    ) {
        self.id = id
        self.editionId = editionId
        self.tenantId = tenantId
        self.personId = personId
        self.roles = roles
        self.subjects = subjects
        self.schoolTypes = schoolTypes
        self.ownSchoolAllowed = ownSchoolAllowed
        self.maxDistanceKm = maxDistanceKm
        self.days = days
        self.motivation = motivation
        self.createdAt = createdAt
    }
}

/// What a person (or an organiser or agent on their behalf) sends to ask for a shadow day.
public struct ShadowRequestDraft: Sendable, Codable {
    public var editionId: UUID?
    public var tenantId: UUID?
    public var personId: UUID?
    public var roles: [String]?
    public var subjects: [String]?
    public var schoolTypes: [String]?
    public var ownSchoolAllowed: Bool?
    public var maxDistanceKm: Int?
    public var days: [Day]?
    public var motivation: String?

    public init(
        editionId: UUID?, tenantId: UUID?, personId: UUID?, roles: [String]? = nil, subjects: [String]? = nil,
        schoolTypes: [String]? = nil, ownSchoolAllowed: Bool? = nil, maxDistanceKm: Int? = nil, days: [Day]?,
        motivation: String? = nil
    ) {
        self.editionId = editionId
        self.tenantId = tenantId
        self.personId = personId
        self.roles = roles
        self.subjects = subjects
        self.schoolTypes = schoolTypes
        self.ownSchoolAllowed = ownSchoolAllowed
        self.maxDistanceKm = maxDistanceKm
        self.days = days
        self.motivation = motivation
    }

    public func validated(id: UUID, edition: Edition?, now: Date) throws(InvalidInput) -> ShadowRequest {
        var v = Validator()
        let editionId = v.required(editionId, "edition_id") ?? UUID()
        let tenantId = v.required(tenantId, "tenant_id") ?? UUID()
        let personId = v.required(personId, "person_id") ?? UUID()
        var roles: [Role] = []
        for (index, word) in (self.roles ?? []).enumerated() {
            if let role = Role(rawValue: word) {
                if !roles.contains(role) { roles.append(role) }
            } else {
                v.fail("roles[\(index)]", "must be one of: \(Role.accepted)")
            }
        }
        var types: [SchoolType] = []
        for (index, word) in (schoolTypes ?? []).enumerated() {
            if let type = SchoolType(rawValue: word) {
                if !types.contains(type) { types.append(type) }
            } else {
                v.fail("school_types[\(index)]", "must be one of: \(SchoolType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        let subjects = v.labels(subjects, "subjects", maxCount: 20)
        if let km = maxDistanceKm, !(1...500).contains(km) { v.fail("max_distance_km", "must be between 1 and 500") }
        let days = Array(Set(v.required(days, "days") ?? [])).sorted()
        if self.days != nil && days.isEmpty { v.fail("days", "needs at least one day") }
        if let edition, let wrong = days.first(where: { !edition.days.contains($0) }) {
            v.fail("days", "\(wrong) is not a day of the edition")
        }
        let motivation = v.optionalText(motivation, "motivation", maxLength: 2000)
        try v.check()
        return ShadowRequest(
            id: id, editionId: editionId, tenantId: tenantId, personId: personId, roles: roles, subjects: subjects,
            schoolTypes: types, ownSchoolAllowed: ownSchoolAllowed ?? false, maxDistanceKm: maxDistanceKm,
            days: days, motivation: motivation, createdAt: now)
    }
}
