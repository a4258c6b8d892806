import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeSync

/// The organiser API for shadow requests, matching rules, matching runs and the answers to proposals.
struct ShadowRoutes {
    let operations: Operations
    var store: any HubStore { operations.store }

    struct RuleDraft: Codable { var requestId: UUID?; var offerId: UUID?; var kind: String? }
    struct RunDraft: Codable { var seed: Int? }
    struct AnswerDraft: Codable { var side: String? }

    func add(to api: RouterGroup<OrganiserContext>) {
        api.post("shadow-requests", use: addRequest)
        api.get("editions/:editionId/shadow-requests", use: requests)
        api.get("shadow-requests/:requestId", use: request)
        api.delete("shadow-requests/:requestId", use: withdrawRequest)
        api.get("editions/:editionId/shadow-rules", use: rules)
        api.put("editions/:editionId/shadow-rules", use: setRule)
        api.delete("editions/:editionId/shadow-rules/:requestId/:offerId", use: removeRule)
        api.post("editions/:editionId/shadow-matching", use: runMatching)
        api.get("editions/:editionId/shadow-matching", use: latestRun)
        api.get("editions/:editionId/shadow-matches", use: matches)
        api.get("shadow-matches/:matchId", use: match)
        api.post("shadow-matches/:matchId/accept") { try await answer(true, $0, $1) }
        api.post("shadow-matches/:matchId/decline") { try await answer(false, $0, $1) }
    }

    @Sendable func addRequest(_ request: Request, context: OrganiserContext) async throws -> JSONBody<ShadowRequest> {
        let draft = try await request.decodeBody(ShadowRequestDraft.self, context: context)
        return JSONBody(try await operations.addShadowRequest(draft, by: context.acting, at: context.now), status: .created)
    }

    @Sendable func requests(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Items<ShadowRequest>> {
        let editionId = try context.parameters.id("editionId", "edition")
        _ = try await store.edition(id: editionId, in: context.caller.networkId)
        return .list(try await store.shadowRequests(editionId: editionId, in: context.caller.networkId))
    }

    @Sendable func request(_ request: Request, context: OrganiserContext) async throws -> JSONBody<ShadowRequest> {
        JSONBody(try await store.shadowRequest(id: try context.parameters.id("requestId", "shadow request"), in: context.caller.networkId))
    }

    @Sendable func withdrawRequest(_ request: Request, context: OrganiserContext) async throws -> Response {
        try await operations.withdrawShadowRequest(id: try context.parameters.id("requestId", "shadow request"), by: context.acting)
        return Response(status: .noContent)
    }

    @Sendable func rules(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Items<ShadowRule>> {
        .list(try await store.shadowRules(editionId: try context.parameters.id("editionId", "edition"), in: context.caller.networkId))
    }

    @Sendable func setRule(_ request: Request, context: OrganiserContext) async throws -> JSONBody<ShadowRule> {
        let editionId = try context.parameters.id("editionId", "edition")
        let draft = try await request.decodeBody(RuleDraft.self, context: context)
        return JSONBody(
            try await operations.setShadowRule(
                editionId: editionId, requestId: draft.requestId, offerId: draft.offerId,
                kind: draft.kind, fields: ("request_id", "offer_id"), by: context.caller))
    }

    @Sendable func removeRule(_ request: Request, context: OrganiserContext) async throws -> Response {
        try await operations.removeShadowRule(
            editionId: try context.parameters.id("editionId", "edition"),
            requestId: try context.parameters.id("requestId", "shadow request"),
            offerId: try context.parameters.id("offerId", "shadow offer"), by: context.caller)
        return Response(status: .noContent)
    }

    @Sendable func runMatching(_ request: Request, context: OrganiserContext) async throws -> JSONBody<ShadowMatchingRun> {
        let editionId = try context.parameters.id("editionId", "edition")
        let draft = try await request.decodeOptionalBody(RunDraft.self, context: context, empty: RunDraft())
        var v = Validator()
        let seed = draft.seed == nil ? nil : v.integer(draft.seed, "seed", in: 0...Int(Int32.max))
        try v.check()
        return JSONBody(
            try await operations.runMatching(editionId: editionId, seed: seed, by: context.caller, at: context.now), status: .created)
    }

    @Sendable func latestRun(_ request: Request, context: OrganiserContext) async throws -> JSONBody<ShadowMatchingRun> {
        let editionId = try context.parameters.id("editionId", "edition")
        guard let run = try await store.latestShadowMatchingRun(editionId: editionId, in: context.caller.networkId)
        else { throw ProblemDetails(.notFound, detail: "the shadow matching of this edition has not run yet") }
        return JSONBody(run)
    }

    @Sendable func matches(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Items<ShadowMatch>> {
        let editionId = try context.parameters.id("editionId", "edition")
        _ = try await store.edition(id: editionId, in: context.caller.networkId)
        return .list(try await store.shadowMatches(editionId: editionId, in: context.caller.networkId))
    }

    @Sendable func match(_ request: Request, context: OrganiserContext) async throws -> JSONBody<ShadowMatch> {
        JSONBody(try await store.shadowMatch(id: try context.parameters.id("matchId", "shadow match"), in: context.caller.networkId))
    }

    func answer(_ accept: Bool, _ request: Request, _ context: OrganiserContext) async throws -> JSONBody<ShadowMatch> {
        let id = try context.parameters.id("matchId", "shadow match")
        let draft = try await request.decodeBody(AnswerDraft.self, context: context)
        var v = Validator()
        let side = v.choice(draft.side, "side", as: ShadowSide.self)
        try v.check()
        return JSONBody(try await operations.answer(matchId: id, side: side, accept: accept, by: context.acting, at: context.now))
    }
}
