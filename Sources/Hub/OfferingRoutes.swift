import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeSync

/// The organiser API for what schools offer: sessions (workshops, kickoff) and shadow offers.
struct OfferingRoutes {
    let store: any HubStore

    func add(to router: Router<HubContext>) {
        let api = router.group("api/v1")
        api.get("editions/:editionId/sessions") { _, context in
            let networkId = try context.organiserNetwork()
            let editionId = try context.parameters.id("editionId", "edition")
            _ = try await store.edition(id: editionId, in: networkId)
            return JSONBody<Items<Session>>.list(try await store.sessions(editionId: editionId, in: networkId))
        }
        api.post("sessions") { request, context in
            let networkId = try context.organiserNetwork()
            let draft = try await request.decodeBody(SessionDraft.self, context: context)
            let session = try draft.validated(id: UUIDv7.make(), edition: try await store.edition(namedBy: draft.editionId, in: networkId))
            try await store.addSession(session, in: networkId)
            return JSONBody(session, status: .created)
        }
        api.get("sessions/:sessionId") { _, context in
            let networkId = try context.organiserNetwork()
            return JSONBody(try await store.session(id: try context.parameters.id("sessionId", "session"), in: networkId))
        }
        api.put("sessions/:sessionId") { request, context in
            let networkId = try context.organiserNetwork()
            let existing = try await store.session(id: try context.parameters.id("sessionId", "session"), in: networkId)
            let draft = try await request.decodeBody(SessionDraft.self, context: context)
            let session = try draft.validated(id: existing.id, edition: try await store.edition(namedBy: draft.editionId, in: networkId))
            try Self.keepHost(draft.tenantId, existing.tenantId)
            try await store.updateSession(session, in: networkId, at: Date().roundedToMillis)
            return JSONBody(session)
        }
        api.delete("sessions/:sessionId") { _, context in
            let networkId = try context.organiserNetwork()
            try await store.removeSession(id: try context.parameters.id("sessionId", "session"), in: networkId)
            return Response(status: .noContent)
        }
        api.get("editions/:editionId/shadow-offers") { _, context in
            let networkId = try context.organiserNetwork()
            let editionId = try context.parameters.id("editionId", "edition")
            _ = try await store.edition(id: editionId, in: networkId)
            return JSONBody<Items<ShadowOffer>>.list(try await store.shadowOffers(editionId: editionId, in: networkId))
        }
        api.post("shadow-offers") { request, context in
            let networkId = try context.organiserNetwork()
            let draft = try await request.decodeBody(ShadowOfferDraft.self, context: context)
            let offer = try draft.validated(id: UUIDv7.make(), edition: try await store.edition(namedBy: draft.editionId, in: networkId))
            try await store.addShadowOffer(offer, in: networkId)
            return JSONBody(offer, status: .created)
        }
        api.get("shadow-offers/:offerId") { _, context in
            let networkId = try context.organiserNetwork()
            return JSONBody(try await store.shadowOffer(id: try context.parameters.id("offerId", "shadow offer"), in: networkId))
        }
        api.put("shadow-offers/:offerId") { request, context in
            let networkId = try context.organiserNetwork()
            let existing = try await store.shadowOffer(id: try context.parameters.id("offerId", "shadow offer"), in: networkId)
            let draft = try await request.decodeBody(ShadowOfferDraft.self, context: context)
            let offer = try draft.validated(id: existing.id, edition: try await store.edition(namedBy: draft.editionId, in: networkId))
            try Self.keepHost(draft.tenantId, existing.tenantId)
            try await store.updateShadowOffer(offer, in: networkId)
            return JSONBody(offer)
        }
        api.delete("shadow-offers/:offerId") { _, context in
            let networkId = try context.organiserNetwork()
            try await store.removeShadowOffer(id: try context.parameters.id("offerId", "shadow offer"), in: networkId)
            return Response(status: .noContent)
        }
    }

    /// A row stays with the school that owns it.
    static func keepHost(_ requested: UUID?, _ owner: UUID) throws(InvalidInput) {
        if let requested, requested != owner {
            throw InvalidInput(field: "tenant_id", message: "cannot change; withdraw it and add it at the other school")
        }
    }
}
