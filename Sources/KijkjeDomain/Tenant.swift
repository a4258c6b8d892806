import Foundation

/// One school: the unit that owns rows, runs an agent and holds a credential.
public struct Tenant: Sendable, Equatable, Codable {
    public var id: UUID
    public var name: String
    /// The school's BRIN code: two digits and two letters ("20AB").
    public var brin: String
    public var town: String
    public var latitude: Double
    public var longitude: Double
    /// Mail domains of the school's staff ("example-school.nl"); a sign-in address names its school by these.
    public var emailDomains: [String]
    /// Staff head counts per role (role word to count); the staff list itself stays at the school.
    public var headCounts: [String: Int]

    public init(
        id: UUID, name: String, brin: String, town: String, latitude: Double, longitude: Double,
        emailDomains: [String], headCounts: [String: Int]
    ) {
        self.id = id
        self.name = name
        self.brin = brin
        self.town = town
        self.latitude = latitude
        self.longitude = longitude
        self.emailDomains = emailDomains
        self.headCounts = headCounts
    }

    /// Whether an address belongs to this school by its domain.
    public func owns(email: String) -> Bool {
        guard let domain = email.split(separator: "@").last.map({ $0.lowercased() }) else { return false }
        return emailDomains.contains(domain)
    }
}

/// How a school takes part in a network.
public enum MembershipKind: String, Sendable, Codable, CaseIterable {
    /// A school of the network itself.
    case member
    /// An outside school that uses what the network shares with guests.
    case guest
}

/// A school's place in a network.
public struct Membership: Sendable, Equatable, Codable {
    public var networkId: UUID
    public var tenantId: UUID
    public var kind: MembershipKind
    public var joinedAt: Date

    public init(networkId: UUID, tenantId: UUID, kind: MembershipKind, joinedAt: Date) {
        self.networkId = networkId
        self.tenantId = tenantId
        self.kind = kind
        self.joinedAt = joinedAt
    }
}

/// What an organiser sends to add or change a school; `membership` is used when adding.
extension Validator {
    /// Staff per role: known roles only, 0 to 100,000 each.
    public mutating func headCounts(_ counts: [String: Int], _ field: String) -> [String: Int] {
        for (role, count) in counts {
            if Role(rawValue: role) == nil { fail("\(field).\(role)", "is not a role; use one of: \(Role.accepted)") }
            if !(0...100_000).contains(count) { fail("\(field).\(role)", "must be between 0 and 100000") }
        }
        return counts
    }
}

public struct TenantDraft: Sendable, Codable {
    public var name: String?
    public var brin: String?
    public var town: String?
    public var latitude: Double?
    public var longitude: Double?
    public var emailDomains: [String]?
    public var headCounts: [String: Int]?
    public var membership: String?

    public init(
        name: String?, brin: String?, town: String?, latitude: Double?, longitude: Double?,
        emailDomains: [String]?, headCounts: [String: Int]? = nil, membership: String? = nil
    ) {
        self.name = name
        self.brin = brin
        self.town = town
        self.latitude = latitude
        self.longitude = longitude
        self.emailDomains = emailDomains
        self.headCounts = headCounts
        self.membership = membership
    }

    public func validated(id: UUID) throws(InvalidInput) -> Tenant {
        try validatedWithMembership(id: id).0
    }

    /// The tenant and its membership kind (member unless said otherwise), for adding a school. A membership that is
    /// no kind is refused also where it is not used (changing a school keeps its membership).
    public func validatedWithMembership(id: UUID) throws(InvalidInput) -> (Tenant, MembershipKind) {
        var v = Validator()
        let tenant = validate(id: id, into: &v)
        let kind = membership == nil ? .member : v.choice(membership, "membership", as: MembershipKind.self)
        try v.check()
        return (tenant, kind ?? .member)
    }

    private func validate(id: UUID, into v: inout Validator) -> Tenant {
        let name = v.text(name, "name")
        let brin = (v.required(brin, "brin") ?? "").uppercased()
        if self.brin != nil, brin.wholeMatch(of: /[0-9]{2}[A-Z]{2}/) == nil {
            v.fail("brin", "must be two digits and two letters, like 20AB")
        }
        let town = v.text(town, "town", maxLength: 100)
        let latitude = v.required(latitude, "latitude") ?? 0
        if !(-90...90).contains(latitude) { v.fail("latitude", "must be between -90 and 90") }
        let longitude = v.required(longitude, "longitude") ?? 0
        if !(-180...180).contains(longitude) { v.fail("longitude", "must be between -180 and 180") }
        let domains = v.labels(emailDomains, "email_domains", maxCount: 10, required: true).map { $0.lowercased() }
        for (index, domain) in domains.enumerated()
        where domain.wholeMatch(of: /[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+/) == nil {
            v.fail("email_domains[\(index)]", "must be a mail domain like school.nl")
        }
        let counts = v.headCounts(headCounts ?? [:], "head_counts")
        return Tenant(
            id: id, name: name, brin: brin, town: town, latitude: latitude, longitude: longitude,
            emailDomains: domains, headCounts: counts)
    }
}
