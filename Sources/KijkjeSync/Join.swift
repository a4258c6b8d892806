import Foundation

/// The sync protocol's version; every request carries it in `Kijkje-Protocol`, and changes are additive: the hub
/// sends an agent only the row kinds its version knows (version 2 added `shadow_day`).
public enum SyncProtocol {
    public static let version = 2
    public static let header = "Kijkje-Protocol"
}

/// An agent exchanging its school's invitation code for its credential.
public struct JoinRequest: Sendable, Codable {
    public var code: String?
    /// What the credential is called in the organisers' token list ("agent on server X").
    public var label: String?

    public init(code: String?, label: String? = nil) {
        self.code = code
        self.label = label
    }
}

/// The agent's credential, shown this once.
public struct JoinResponse: Sendable, Codable, Equatable {
    public var token: String
    public var credentialId: UUID
    public var tenantId: UUID
    public var networkId: UUID

    public init(token: String, credentialId: UUID, tenantId: UUID, networkId: UUID) {
        self.token = token
        self.credentialId = credentialId
        self.tenantId = tenantId
        self.networkId = networkId
    }
}
