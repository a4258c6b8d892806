import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeMatching
import KijkjeSync

/// The organiser API for enrolments, waiting lists, ranked choices and the allocation.
struct EnrolmentRoutes {
    let operations: Operations
    var store: any HubStore { operations.store }

    struct EnrolmentDraft: Codable { var tenantId: UUID?; var personId: UUID?; var sessionId: UUID? }
    struct ChoicesDraft: Codable { var tenantId: UUID?; var personId: UUID?; var sessionIds: [UUID]? }
    struct AllocationDraft: Codable { var seed: Int?; var fairShare: Bool? }
    struct EnrolmentWithHistory: Encodable, Sendable { var enrolment: Enrolment; var history: [EnrolmentEvent] }

    func add(to api: RouterGroup<OrganiserContext>) {
        api.post("enrolments", use: enrol)
        api.get("enrolments/:enrolmentId", use: show)
        api.post("enrolments/:enrolmentId/cancel") { try await change(.cancel, $0, $1) }
        api.post("enrolments/:enrolmentId/claim") { try await change(.claim, $0, $1) }
        api.post("enrolments/:enrolmentId/decline") { try await change(.decline, $0, $1) }
        api.get("sessions/:sessionId/enrolments", use: sessionEnrolments)
        api.get("tenants/:tenantId/people/:personId/enrolments", use: personEnrolments)
        api.put("editions/:editionId/choices", use: submitChoices)
        api.get("editions/:editionId/choices", use: choices)
        api.post("editions/:editionId/allocation", use: runAllocation)
        api.get("editions/:editionId/allocation", use: allocation)
        api.get("editions/:editionId/allocation/:tenantId/:personId", use: explanation)
    }

    @Sendable func enrol(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Enrolment> {
        let draft = try await request.decodeBody(EnrolmentDraft.self, context: context)
        var v = Validator()
        let tenantId = v.required(draft.tenantId, "tenant_id"), personId = v.required(draft.personId, "person_id")
        let sessionId = v.required(draft.sessionId, "session_id")
        try v.check()
        let enrolment = try await operations.enrol(
            personTenantId: tenantId!, personId: personId!, sessionId: sessionId!, by: context.caller,
            at: context.now)
        return JSONBody(enrolment, status: .created)
    }

    @Sendable func show(_ request: Request, context: OrganiserContext) async throws -> JSONBody<EnrolmentWithHistory> {
        let id = try context.parameters.id("enrolmentId", "enrolment"), networkId = context.caller.networkId
        return JSONBody(
            EnrolmentWithHistory(
                enrolment: try await store.enrolment(id: id, in: networkId),
                history: try await store.enrolmentHistory(id: id, in: networkId)))
    }

    func change(_ change: EnrolmentChange, _ request: Request, _ context: OrganiserContext) async throws -> JSONBody<Enrolment> {
        JSONBody(
            try await operations.change(
                change, enrolmentId: try context.parameters.id("enrolmentId", "enrolment"), by: context.acting,
                at: context.now))
    }

    @Sendable func sessionEnrolments(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Items<Enrolment>> {
        .list(try await store.enrolments(sessionId: try context.parameters.id("sessionId", "session"), in: context.caller.networkId))
    }

    @Sendable func personEnrolments(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Items<Enrolment>> {
        .list(
            try await store.enrolments(
                personTenantId: try context.parameters.id("tenantId", "school"),
                personId: try context.parameters.id("personId", "person"), in: context.caller.networkId))
    }

    @Sendable func submitChoices(_ request: Request, context: OrganiserContext) async throws -> JSONBody<RankedChoices> {
        let editionId = try context.parameters.id("editionId", "edition")
        let draft = try await request.decodeBody(ChoicesDraft.self, context: context)
        var v = Validator()
        let tenantId = v.required(draft.tenantId, "tenant_id"), personId = v.required(draft.personId, "person_id")
        let sessions = v.required(draft.sessionIds, "session_ids")
        try v.check()
        return JSONBody(
            try await operations.submitChoices(
                personTenantId: tenantId!, personId: personId!, editionId: editionId,
                sessionIds: sessions!, by: context.acting, at: context.now))
    }

    @Sendable func choices(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Items<RankedChoices>> {
        .list(try await store.rankedChoices(editionId: try context.parameters.id("editionId", "edition"), in: context.caller.networkId))
    }

    @Sendable func runAllocation(_ request: Request, context: OrganiserContext) async throws -> JSONBody<AllocationRun> {
        let editionId = try context.parameters.id("editionId", "edition")
        let draft = try await request.decodeOptionalBody(AllocationDraft.self, context: context, empty: AllocationDraft())
        var v = Validator()
        let seed = draft.seed == nil ? nil : v.integer(draft.seed, "seed", in: 0...Int(Int32.max))
        try v.check()
        let run = try await operations.runAllocation(
            editionId: editionId, seed: seed, fairShare: draft.fairShare ?? false, by: context.caller,
            at: context.now)
        return JSONBody(run, status: .created)
    }

    @Sendable func allocation(_ request: Request, context: OrganiserContext) async throws -> JSONBody<AllocationRun> {
        guard
            let run = try await store.allocationRun(
                editionId: try context.parameters.id("editionId", "edition"), in: context.caller.networkId)
        else { throw ProblemDetails(.notFound, detail: "the allocation of this edition has not run yet") }
        return JSONBody(run)
    }

    @Sendable func explanation(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Allocation.Explanation> {
        JSONBody(
            try await store.allocationExplanation(
                editionId: try context.parameters.id("editionId", "edition"),
                personTenantId: try context.parameters.id("tenantId", "school"),
                personId: try context.parameters.id("personId", "person"), in: context.caller.networkId))
    }
}
