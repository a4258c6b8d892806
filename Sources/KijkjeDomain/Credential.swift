import Foundation

/// Who a bearer token speaks for; the hub derives every allowed scope from this, never from the request.
public enum Principal: Sendable, Equatable {
    /// Runs the hub: creates networks and organiser tokens.
    case operatorAccount
    /// The career centre of one network: acts only inside it.
    case organiser(networkId: UUID)
    /// One school's agent: acts only for its tenant.
    case agent(tenantId: UUID, networkId: UUID)
}

/// A stored credential: never the token itself, only its hash.
public struct Credential: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case operatorAccount = "operator", organiser, agent }

    public var id: UUID
    public var kind: Kind
    public var networkId: UUID?
    public var tenantId: UUID?
    public var label: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(
        id: UUID, kind: Kind, networkId: UUID?, tenantId: UUID?, label: String, createdAt: Date,
        lastUsedAt: Date? = nil, revokedAt: Date? = nil
    ) {
        self.id = id
        self.kind = kind
        self.networkId = networkId
        self.tenantId = tenantId
        self.label = label
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    /// The principal this credential acts as, or nil when it is revoked or malformed.
    public var principal: Principal? {
        guard revokedAt == nil else { return nil }
        switch kind {
        case .operatorAccount: return .operatorAccount
        case .organiser: return networkId.map { .organiser(networkId: $0) }
        case .agent:
            guard let tenantId, let networkId else { return nil }
            return .agent(tenantId: tenantId, networkId: networkId)
        }
    }
}

/// A single-use code with which a school's agent joins a network and receives its credential.
public struct Invitation: Sendable, Equatable, Codable {
    public var id: UUID
    public var networkId: UUID
    public var tenantId: UUID
    public var createdAt: Date
    public var expiresAt: Date
    public var usedAt: Date?

    public init(id: UUID, networkId: UUID, tenantId: UUID, createdAt: Date, expiresAt: Date, usedAt: Date? = nil) {
        self.id = id
        self.networkId = networkId
        self.tenantId = tenantId
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }
}
