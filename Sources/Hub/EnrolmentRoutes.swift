import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeSync

/// The organiser API for enrolments, waiting lists, ranked choices and the allocation. Every change goes through
/// the store's enrolment operations, which agents and the staff portal use as well.
struct EnrolmentRoutes {
    let store: any HubStore

    struct EnrolmentDraft: Decodable { var tenantId: UUID?; var personId: UUID?; var sessionId: UUID? }
    struct ChoicesDraft: Decodable { var tenantId: UUID?; var personId: UUID?; var sessionIds: [UUID]? }
    struct AllocationDraft: Decodable { var seed: Int?; var fairShare: Bool? }
    struct EnrolmentWithHistory: Encodable, Sendable { var enrolment: Enrolment; var history: [EnrolmentEvent] }

    func add(to router: Router<HubContext>) {
        let api = router.group("api/v1")
        api.post("enrolments") { request, context in
            let networkId = try context.organiserNetwork()
            let draft = try await request.decodeBody(EnrolmentDraft.self, context: context)
            var v = Validator()
            let tenantId = v.required(draft.tenantId, "tenant_id"), personId = v.required(draft.personId, "person_id")
            let sessionId = v.required(draft.sessionId, "session_id")
            try v.check()
            let enrolment = try await store.enrol(
                EnrolmentRequest(personTenantId: tenantId!, personId: personId!, sessionId: sessionId!, enforceRegistrationWindow: false),
                in: networkId, at: Date().roundedToMillis)
            return JSONBody(enrolment, status: .created)
        }
        api.get("enrolments/:enrolmentId") { _, context in
            let networkId = try context.organiserNetwork()
            let id = try context.parameters.id("enrolmentId", "enrolment")
            return JSONBody(EnrolmentWithHistory(enrolment: try await store.enrolment(id: id, in: networkId),
                                                 history: try await store.enrolmentHistory(id: id, in: networkId)))
        }
        for (action, change) in [("cancel", store.cancelEnrolment), ("claim", store.claimOffer), ("decline", store.declineOffer)] {
            api.post("enrolments/:enrolmentId/\(action)") { _, context in
                let networkId = try context.organiserNetwork()
                return JSONBody(try await change(try context.parameters.id("enrolmentId", "enrolment"), networkId, Date().roundedToMillis))
            }
        }
        api.get("sessions/:sessionId/enrolments") { _, context in
            let networkId = try context.organiserNetwork()
            return JSONBody<Items<Enrolment>>.list(
                try await store.enrolments(sessionId: try context.parameters.id("sessionId", "session"), in: networkId))
        }
        api.get("tenants/:tenantId/people/:personId/enrolments") { _, context in
            let networkId = try context.organiserNetwork()
            return JSONBody<Items<Enrolment>>.list(try await store.enrolments(
                personTenantId: try context.parameters.id("tenantId", "school"),
                personId: try context.parameters.id("personId", "person"), in: networkId))
        }
        api.put("editions/:editionId/choices") { request, context in
            let networkId = try context.organiserNetwork()
            let editionId = try context.parameters.id("editionId", "edition")
            let draft = try await request.decodeBody(ChoicesDraft.self, context: context)
            var v = Validator()
            let tenantId = v.required(draft.tenantId, "tenant_id"), personId = v.required(draft.personId, "person_id")
            let sessions = v.required(draft.sessionIds, "session_ids") ?? []
            if draft.sessionIds != nil { RankedChoices.check(sessions, &v) }
            try v.check()
            let choices = RankedChoices(personTenantId: tenantId!, personId: personId!, editionId: editionId, sessionIds: sessions,
                                        submittedAt: Date().roundedToMillis)
            try await store.submitChoices(choices, in: networkId)
            return JSONBody(choices)
        }
        api.get("editions/:editionId/choices") { _, context in
            let networkId = try context.organiserNetwork()
            return JSONBody<Items<RankedChoices>>.list(
                try await store.rankedChoices(editionId: try context.parameters.id("editionId", "edition"), in: networkId))
        }
        api.post("editions/:editionId/allocation") { request, context in
            let networkId = try context.organiserNetwork()
            let editionId = try context.parameters.id("editionId", "edition")
            let draft = try await request.decodeBody(AllocationDraft.self, context: context)
            var v = Validator()
            let seed = draft.seed == nil ? Int.random(in: 0...Int(Int32.max)) : v.integer(draft.seed, "seed", in: 0...Int(Int32.max))
            try v.check()
            let run = try await RankedAllocation.run(editionId: editionId, in: networkId, seed: seed, fairShare: draft.fairShare ?? false,
                                                     store: store, at: Date().roundedToMillis)
            return JSONBody(run, status: .created)
        }
        api.get("editions/:editionId/allocation") { _, context in
            let networkId = try context.organiserNetwork()
            guard let run = try await store.allocationRun(editionId: try context.parameters.id("editionId", "edition"), in: networkId)
            else { throw ProblemDetails(.notFound, detail: "the allocation of this edition has not run yet") }
            return JSONBody(run)
        }
        api.get("editions/:editionId/allocation/:tenantId/:personId") { _, context in
            let networkId = try context.organiserNetwork()
            let json = try await store.allocationExplanation(
                editionId: try context.parameters.id("editionId", "edition"), personTenantId: try context.parameters.id("tenantId", "school"),
                personId: try context.parameters.id("personId", "person"), in: networkId)
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: .init(string: json)))
        }
    }
}
