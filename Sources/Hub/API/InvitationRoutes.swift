import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeSync

/// The organiser API for invitations: a single-use code for each school's agent.
struct InvitationRoutes {
    let operations: Operations

    struct InvitationDraft: Codable { var tenantId: UUID?; var validDays: Int? }

    func add(to api: RouterGroup<OrganiserContext>) {
        api.get("invitations", use: list)
        api.post("invitations", use: issue)
        api.delete("invitations/:invitationId", use: withdraw)
    }

    @Sendable func list(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Items<Invitation>> {
        .list(try await operations.store.invitations(in: context.caller.networkId))
    }

    @Sendable func issue(_ request: Request, context: OrganiserContext) async throws -> JSONBody<IssuedInvitation> {
        let draft = try await request.decodeBody(InvitationDraft.self, context: context)
        return JSONBody(
            try await operations.issueInvitation(
                tenantId: draft.tenantId, validDays: draft.validDays, by: context.caller,
                at: context.now), status: .created)
    }

    @Sendable func withdraw(_ request: Request, context: OrganiserContext) async throws -> Response {
        try await operations.withdrawInvitation(id: try context.parameters.id("invitationId", "invitation"), by: context.caller)
        return Response(status: .noContent)
    }
}
