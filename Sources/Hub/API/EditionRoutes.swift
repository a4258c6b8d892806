import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeSync

/// The organiser API for the network's editions and what schools offer in them: sessions and shadow offers.
struct EditionRoutes {
    let operations: Operations
    var store: any HubStore { operations.store }

    func add(to api: RouterGroup<OrganiserContext>) {
        api.get("editions", use: list)
        api.post("editions", use: create)
        api.get("editions/:editionId", use: show)
        api.put("editions/:editionId", use: update)
        api.delete("editions/:editionId", use: remove)
        api.get("editions/:editionId/figures", use: figures)
        api.get("editions/:editionId/sessions", use: sessions)
        api.post("sessions", use: addSession)
        api.get("sessions/:sessionId", use: session)
        api.put("sessions/:sessionId", use: updateSession)
        api.delete("sessions/:sessionId", use: removeSession)
        api.get("editions/:editionId/shadow-offers", use: shadowOffers)
        api.post("shadow-offers", use: addShadowOffer)
        api.get("shadow-offers/:offerId", use: shadowOffer)
        api.put("shadow-offers/:offerId", use: updateShadowOffer)
        api.delete("shadow-offers/:offerId", use: withdrawShadowOffer)
    }

    @Sendable func list(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Items<Edition>> {
        .list(try await store.editions(in: context.caller.networkId))
    }

    @Sendable func create(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Edition> {
        let draft = try await request.decodeBody(EditionDraft.self, context: context)
        return JSONBody(try await operations.addEdition(draft, by: context.caller, at: context.now), status: .created)
    }

    @Sendable func show(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Edition> {
        JSONBody(try await store.edition(id: try context.parameters.id("editionId", "edition"), in: context.caller.networkId))
    }

    @Sendable func update(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Edition> {
        let id = try context.parameters.id("editionId", "edition")
        _ = try await store.edition(id: id, in: context.caller.networkId)
        let draft = try await request.decodeBody(EditionDraft.self, context: context)
        return JSONBody(try await operations.updateEdition(id: id, draft, by: context.caller, at: context.now))
    }

    @Sendable func remove(_ request: Request, context: OrganiserContext) async throws -> Response {
        try await operations.removeEdition(id: try context.parameters.id("editionId", "edition"), by: context.caller, at: context.now)
        return Response(status: .noContent)
    }

    /// The dashboard's tables kept of an edition whose personal data was purged (none before the purge).
    @Sendable func figures(_ request: Request, context: OrganiserContext) async throws -> JSONBody<[String: Dashboard.KeptTable]> {
        let kept = try await store.editionFigures(
            editionId: try context.parameters.id("editionId", "edition"), in: context.caller.networkId)
        return JSONBody(try kept.mapValues { try StoredJSON.value(Dashboard.KeptTable.self, from: $0) })
    }

    @Sendable func sessions(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Items<Session>> {
        let editionId = try context.parameters.id("editionId", "edition")
        _ = try await store.edition(id: editionId, in: context.caller.networkId)
        return .list(try await store.sessions(editionId: editionId, in: context.caller.networkId))
    }

    @Sendable func addSession(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Session> {
        let draft = try await request.decodeBody(SessionDraft.self, context: context)
        return JSONBody(try await operations.addSession(draft, by: context.caller, at: context.now), status: .created)
    }

    @Sendable func session(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Session> {
        JSONBody(try await store.session(id: try context.parameters.id("sessionId", "session"), in: context.caller.networkId))
    }

    @Sendable func updateSession(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Session> {
        let id = try context.parameters.id("sessionId", "session")
        _ = try await store.session(id: id, in: context.caller.networkId)
        let draft = try await request.decodeBody(SessionDraft.self, context: context)
        return JSONBody(try await operations.updateSession(id: id, draft, by: context.caller, at: context.now))
    }

    @Sendable func removeSession(_ request: Request, context: OrganiserContext) async throws -> Response {
        try await operations.removeSession(id: try context.parameters.id("sessionId", "session"), by: context.caller, at: context.now)
        return Response(status: .noContent)
    }

    @Sendable func shadowOffers(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Items<ShadowOffer>> {
        let editionId = try context.parameters.id("editionId", "edition")
        _ = try await store.edition(id: editionId, in: context.caller.networkId)
        return .list(try await store.shadowOffers(editionId: editionId, in: context.caller.networkId))
    }

    @Sendable func addShadowOffer(_ request: Request, context: OrganiserContext) async throws -> JSONBody<ShadowOffer> {
        let draft = try await request.decodeBody(ShadowOfferDraft.self, context: context)
        return JSONBody(try await operations.addShadowOffer(draft, by: context.acting, at: context.now), status: .created)
    }

    @Sendable func shadowOffer(_ request: Request, context: OrganiserContext) async throws -> JSONBody<ShadowOffer> {
        JSONBody(try await store.shadowOffer(id: try context.parameters.id("offerId", "shadow offer"), in: context.caller.networkId))
    }

    @Sendable func updateShadowOffer(_ request: Request, context: OrganiserContext) async throws -> JSONBody<ShadowOffer> {
        let id = try context.parameters.id("offerId", "shadow offer")
        _ = try await store.shadowOffer(id: id, in: context.caller.networkId)
        let draft = try await request.decodeBody(ShadowOfferDraft.self, context: context)
        return JSONBody(try await operations.updateShadowOffer(id: id, draft, by: context.caller, at: context.now))
    }

    @Sendable func withdrawShadowOffer(_ request: Request, context: OrganiserContext) async throws -> Response {
        try await operations.withdrawShadowOffer(
            id: try context.parameters.id("offerId", "shadow offer"), by: context.acting, at: context.now)
        return Response(status: .noContent)
    }
}
