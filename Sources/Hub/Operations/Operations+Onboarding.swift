import Foundation
import HubStore
import KijkjeDomain
import KijkjeSync

/// A new single-use code for a school's agent (shown this once; only its hash is kept).
public struct IssuedInvitation: Encodable, Sendable {
    public var code: String
    public var invitation: Invitation
}

extension Operations {
    /// Networks: only the operator creates them.
    public func addNetwork(_ draft: NetworkDraft, by _: Operator, at now: Date) async throws -> Network {
        let network = try draft.validated(id: UUIDv7.make(at: now), now: now)
        try await store.addNetwork(network)
        return network
    }

    /// A token for a network's organisers; only the operator issues them.
    public func issueOrganiserToken(networkId: UUID, label: String?, by _: Operator, at now: Date) async throws -> IssuedToken {
        var v = Validator()
        let label = v.text(label, "label")
        try v.check()
        _ = try await store.network(id: networkId)
        return try await IssuedToken.issue(.organiser, networkId: networkId, label: label, in: store, at: now)
    }

    /// Revokes a token: the operator any, an organiser only their network's (another is not found).
    public func revokeToken(id: UUID, by organiser: Organiser?, at now: Date) async throws -> Credential {
        if let organiser {
            guard try await store.credentials(networkId: organiser.networkId).contains(where: { $0.id == id }) else {
                throw StoreError.notFound("token")
            }
        }
        return try await store.revokeCredential(id: id, at: now)
    }

    /// An address that may sign in to the organiser pages: not one of another network's schools.
    public func addOrganiser(email: String?, name: String?, by organiser: Organiser) async throws -> (email: String, name: String) {
        var v = Validator()
        let email = Person.canonicalAddress(v.text(email, "email")), name = v.text(name, "name")
        if !email.isEmpty && !Person.looksLikeMailAddress(email) { v.fail("email", "is not a mail address") }
        if let school = try await store.signInIdentity(email: email).schoolNetworkId, school != organiser.networkId {
            v.fail("email", "belongs to a school of another network; use an address of this network's schools or of the organisation")
        }
        try v.check()
        try await store.addOrganiser(email: email, name: name, networkId: organiser.networkId)
        return (email, name)
    }

    /// A single-use code with which a school of the network joins with its agent.
    public func issueInvitation(tenantId: UUID?, validDays: Int?, by organiser: Organiser, at now: Date) async throws -> IssuedInvitation {
        var v = Validator()
        let tenantId = v.required(tenantId, "tenant_id")
        let days = validDays == nil ? invitationDays : v.integer(validDays, "valid_days", in: 1...90)
        try v.check()
        let (code, hash) = Secret.make(.invitationCode)
        let invitation = Invitation(
            id: UUIDv7.make(at: now), networkId: organiser.networkId, tenantId: tenantId!, createdAt: now,
            expiresAt: now.addingTimeInterval(Double(days) * 86_400))
        try await store.addInvitation(invitation, codeHash: hash)
        return IssuedInvitation(code: code, invitation: invitation)
    }

    /// An outside school joins the network as a guest, and gets its invitation at once.
    public func inviteGuest(_ draft: TenantDraft, by organiser: Organiser, at now: Date) async throws -> IssuedInvitation {
        var guest = draft
        guest.membership = MembershipKind.guest.rawValue
        let school = try await addTenant(guest, by: organiser, at: now)
        return try await issueInvitation(tenantId: school.id, validDays: nil, by: organiser, at: now)
    }

    public func withdrawInvitation(id: UUID, by organiser: Organiser) async throws {
        try await store.removeInvitation(id: id, in: organiser.networkId)
    }

    /// A school's agent joins with its code: the code is used up and becomes the agent's credential.
    public func join(_ request: JoinRequest, at now: Date) async throws -> JoinResponse {
        var v = Validator()
        let code = v.text(request.code, "code")
        let label = request.label == nil ? "agent" : v.text(request.label, "label")
        try v.check()
        let (token, hash) = Secret.make(.agentToken)
        let credential = Credential(id: UUIDv7.make(at: now), kind: .agent, networkId: nil, tenantId: nil, label: label, createdAt: now)
        let invitation = try await store.redeemInvitation(codeHash: Secret.hash(code), at: now, credential: credential, tokenHash: hash)
        return JoinResponse(token: token, credentialId: credential.id, tenantId: invitation.tenantId, networkId: invitation.networkId)
    }
}
