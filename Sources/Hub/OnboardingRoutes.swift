import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeSync

/// Invitations (organiser API) and the agent's join (sync API): a single-use code becomes the agent's credential.
struct OnboardingRoutes {
    let store: any HubStore
    let defaultValidDays: Int

    struct InvitationDraft: Decodable { var tenantId: UUID?; var validDays: Int? }
    struct IssuedInvitation: Encodable, Sendable { var code: String; var invitation: Invitation }

    /// A new single-use code for a school's agent; only its hash is kept. The API and the organiser pages issue through this.
    static func issue(tenantId: UUID, validDays: Int, networkId: UUID, store: any HubStore) async throws -> IssuedInvitation {
        let now = Date().roundedToMillis
        let (code, hash) = Secret.make(.invitationCode)
        let invitation = Invitation(id: UUIDv7.make(), networkId: networkId, tenantId: tenantId, createdAt: now,
                                    expiresAt: now.addingTimeInterval(Double(validDays) * 86_400))
        try await store.addInvitation(invitation, codeHash: hash)
        return IssuedInvitation(code: code, invitation: invitation)
    }

    func add(to router: Router<HubContext>) {
        router.get("api/v1/invitations") { _, context in
            JSONBody<Items<Invitation>>.list(try await store.invitations(in: try context.organiserNetwork()))
        }
        router.post("api/v1/invitations") { request, context in
            let networkId = try context.organiserNetwork()
            let draft = try await request.decodeBody(InvitationDraft.self, context: context)
            var v = Validator()
            let tenantId = v.required(draft.tenantId, "tenant_id")
            let days = draft.validDays == nil ? defaultValidDays : v.integer(draft.validDays, "valid_days", in: 1...90)
            try v.check()
            return JSONBody(try await Self.issue(tenantId: tenantId ?? UUID(), validDays: days, networkId: networkId, store: store),
                            status: .created)
        }
        router.delete("api/v1/invitations/:invitationId") { _, context in
            let networkId = try context.organiserNetwork()
            try await store.removeInvitation(id: try context.parameters.id("invitationId", "invitation"), in: networkId)
            return Response(status: .noContent)
        }
        router.post("sync/v1/join") { request, context in
            let draft = try await request.decodeBody(JoinRequest.self, context: context)
            var v = Validator()
            let code = v.text(draft.code, "code")
            let label = draft.label == nil ? "agent" : v.text(draft.label, "label")
            try v.check()
            let (token, hash) = Secret.make(.agentToken)
            let now = Date().roundedToMillis
            let credential = Credential(id: UUIDv7.make(), kind: .agent, networkId: nil, tenantId: nil, label: label, createdAt: now)
            let invitation = try await store.redeemInvitation(codeHash: Secret.hash(code), at: now, credential: credential, tokenHash: hash)
            return JSONBody(JoinResponse(token: token, credentialId: credential.id, tenantId: invitation.tenantId,
                                         networkId: invitation.networkId), status: .created)
        }
    }
}
