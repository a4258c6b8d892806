import Foundation
import HubStore
import KijkjeDomain

/// Shadow requests and the organiser's matching rules.
extension Operations {
    /// A request to shadow someone: the organiser's for anyone of the network, a staff member's only for themselves.
    public func addShadowRequest(_ draft: ShadowRequestDraft, by caller: Acting, at now: Date) async throws -> ShadowRequest {
        if let tenantId = draft.tenantId, let person = draft.personId {
            try caller.requireOwn(tenantId: tenantId, personId: person, "person")
        }
        let edition = try await edition(namedBy: draft.editionId, in: caller.networkId)
        let request = try draft.validated(id: UUIDv7.make(at: now), edition: edition, now: now)
        try await store.addShadowRequest(request, in: caller.networkId)
        return request
    }

    /// Withdraws a request: the organiser any of the network's, staff only their own.
    public func withdrawShadowRequest(id: UUID, by caller: Acting) async throws {
        let request = try await store.shadowRequest(id: id, in: caller.networkId)
        try caller.requireOwn(tenantId: request.tenantId, personId: request.personId, "shadow request")
        try await store.removeShadowRequest(id: id, in: caller.networkId)
    }

    /// Pins or forbids a pair for the next matching runs.
    public func setShadowRule(
        editionId: UUID, requestId: UUID?, offerId: UUID?, kind: String?, fields: (request: String, offer: String),
        by organiser: Organiser
    ) async throws -> ShadowRule {
        var v = Validator()
        let requestId = v.required(requestId, fields.request), offerId = v.required(offerId, fields.offer)
        let kind = v.choice(kind, "kind", as: ShadowRule.Kind.self)
        try v.check()
        let rule = ShadowRule(editionId: editionId, requestId: requestId!, offerId: offerId!, kind: kind!)
        try await store.setShadowRule(rule, in: organiser.networkId)
        return rule
    }

    public func removeShadowRule(editionId: UUID, requestId: UUID, offerId: UUID, by organiser: Organiser) async throws {
        try await store.removeShadowRule(editionId: editionId, requestId: requestId, offerId: offerId, in: organiser.networkId)
    }
}
