import Foundation
import HubStore
import KijkjeDomain

/// A new credential with its token, which is shown this once and stored only as a hash.
public struct IssuedToken: Encodable, Sendable {
    public var token: String
    public var credential: Credential

    /// Creates an operator or organiser credential (agents get theirs by joining with an invitation).
    public static func issue(
        _ kind: Credential.Kind, networkId: UUID?, label: String, in store: any HubStore,
        at now: Date = Date().roundedToMillis
    ) async throws -> IssuedToken {
        let (token, hash) = Secret.make(kind == .operatorAccount ? .operatorToken : .organiserToken)
        let credential = Credential(
            id: UUIDv7.make(at: now), kind: kind, networkId: networkId, tenantId: nil, label: label,
            createdAt: now)
        try await store.addCredential(credential, tokenHash: hash)
        return IssuedToken(token: token, credential: credential)
    }
}
