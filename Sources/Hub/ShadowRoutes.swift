import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeSync

/// The organiser API for shadow requests, matching rules, matching runs and the answers to proposals.
struct ShadowRoutes {
    let store: any HubStore
    let mail: ShadowMail

    struct RuleDraft: Decodable { var requestId: UUID?; var offerId: UUID?; var kind: String? }
    struct RunDraft: Decodable { var seed: Int? }
    struct AnswerDraft: Decodable { var side: String? }

    func add(to router: Router<HubContext>) {
        let api = router.group("api/v1")
        api.post("shadow-requests") { request, context in
            let networkId = try context.organiserNetwork()
            let draft = try await request.decodeBody(ShadowRequestDraft.self, context: context)
            let edition = try await store.edition(namedBy: draft.editionId, in: networkId)
            let shadowRequest = try draft.validated(id: UUIDv7.make(), edition: edition, now: Date().roundedToMillis)
            try await store.addShadowRequest(shadowRequest, in: networkId)
            return JSONBody(shadowRequest, status: .created)
        }
        api.get("editions/:editionId/shadow-requests") { _, context in
            let networkId = try context.organiserNetwork()
            let editionId = try context.parameters.id("editionId", "edition")
            _ = try await store.edition(id: editionId, in: networkId)
            return JSONBody<Items<ShadowRequest>>.list(try await store.shadowRequests(editionId: editionId, in: networkId))
        }
        api.get("shadow-requests/:requestId") { _, context in
            let networkId = try context.organiserNetwork()
            return JSONBody(try await store.shadowRequest(id: try context.parameters.id("requestId", "shadow request"), in: networkId))
        }
        api.delete("shadow-requests/:requestId") { _, context in
            let networkId = try context.organiserNetwork()
            try await store.removeShadowRequest(id: try context.parameters.id("requestId", "shadow request"), in: networkId)
            return Response(status: .noContent)
        }
        api.get("editions/:editionId/shadow-rules") { _, context in
            let networkId = try context.organiserNetwork()
            return JSONBody<Items<ShadowRule>>.list(
                try await store.shadowRules(editionId: try context.parameters.id("editionId", "edition"), in: networkId))
        }
        api.put("editions/:editionId/shadow-rules") { request, context in
            let networkId = try context.organiserNetwork()
            let editionId = try context.parameters.id("editionId", "edition")
            let draft = try await request.decodeBody(RuleDraft.self, context: context)
            var v = Validator()
            let requestId = v.required(draft.requestId, "request_id"), offerId = v.required(draft.offerId, "offer_id")
            let kind = v.choice(draft.kind, "kind", as: ShadowRule.Kind.self)
            try v.check()
            let rule = ShadowRule(editionId: editionId, requestId: requestId!, offerId: offerId!, kind: kind!)
            try await store.setShadowRule(rule, in: networkId)
            return JSONBody(rule)
        }
        api.delete("editions/:editionId/shadow-rules/:requestId/:offerId") { _, context in
            let networkId = try context.organiserNetwork()
            try await store.removeShadowRule(editionId: try context.parameters.id("editionId", "edition"),
                                             requestId: try context.parameters.id("requestId", "shadow request"),
                                             offerId: try context.parameters.id("offerId", "shadow offer"), in: networkId)
            return Response(status: .noContent)
        }
        api.post("editions/:editionId/shadow-matching") { request, context in
            let networkId = try context.organiserNetwork()
            let editionId = try context.parameters.id("editionId", "edition")
            let draft = try await request.decodeBody(RunDraft.self, context: context)
            var v = Validator()
            let seed = draft.seed == nil ? Int.random(in: 0...Int(Int32.max)) : v.integer(draft.seed, "seed", in: 0...Int(Int32.max))
            try v.check()
            let run = try await ShadowMatchingRunner.run(editionId: editionId, in: networkId, seed: seed, store: store, mail: mail,
                                                         at: Date().roundedToMillis)
            return JSONBody(run, status: .created)
        }
        api.get("editions/:editionId/shadow-matching") { _, context in
            let networkId = try context.organiserNetwork()
            guard let run = try await store.latestShadowMatchingRun(editionId: try context.parameters.id("editionId", "edition"), in: networkId)
            else { throw ProblemDetails(.notFound, detail: "the shadow matching of this edition has not run yet") }
            return JSONBody(run)
        }
        api.get("editions/:editionId/shadow-matches") { _, context in
            let networkId = try context.organiserNetwork()
            let editionId = try context.parameters.id("editionId", "edition")
            _ = try await store.edition(id: editionId, in: networkId)
            return JSONBody<Items<ShadowMatch>>.list(try await store.shadowMatches(editionId: editionId, in: networkId))
        }
        api.get("shadow-matches/:matchId") { _, context in
            let networkId = try context.organiserNetwork()
            return JSONBody(try await store.shadowMatch(id: try context.parameters.id("matchId", "shadow match"), in: networkId))
        }
        for (action, accept) in [("accept", true), ("decline", false)] {
            api.post("shadow-matches/:matchId/\(action)") { request, context in
                let networkId = try context.organiserNetwork()
                let id = try context.parameters.id("matchId", "shadow match")
                let draft = try await request.decodeBody(AnswerDraft.self, context: context)
                var v = Validator()
                let side = v.choice(draft.side, "side", as: ShadowSide.self)
                try v.check()
                return JSONBody(try await mail.answer(id, side: side!, accept: accept, store: store, in: networkId))
            }
        }
    }
}
