import Foundation
import HubStore
import KijkjeDomain
import KijkjeMatching

extension Operations {
    /// Runs an edition's ranked allocation: reads the choices, solves with the min-cost-flow allocator, and writes
    /// the places and everyone's explanation in one transaction. Afterwards the edition is first come, first served.
    public func runAllocation(
        editionId: UUID, seed: Int? = nil, fairShare: Bool = false, by organiser: Organiser,
        at now: Date
    ) async throws -> AllocationRun {
        let input = try await store.allocationInput(editionId: editionId, in: organiser.networkId)
        guard input.edition.awaitsAllocation else {
            throw StoreError.conflict(
                input.edition.allocationMode == .ranked
                    ? "the allocation of this edition ran already" : "this edition is first come, first served")
        }
        let seed = seed ?? Self.randomSeed()
        let result = Allocation.solve(RankedAllocation.instance(input, seed: seed, fairShare: fairShare))
        let placements = zip(input.choices, result.explanations).map { choice, explanation in
            Placement(
                personTenantId: choice.personTenantId, personId: choice.personId,
                sessionId: explanation.assigned.flatMap(UUID.init(uuidString:)), rank: explanation.rank, explanation: explanation)
        }
        let run = AllocationRun(
            editionId: editionId, seed: seed, fairShare: fairShare, ranAt: now, placed: result.assigned.count,
            unplaced: result.unassigned.count, worstRank: result.worstRank, sumSquaredRanks: result.sumSquaredRanks)
        try await store.applyAllocation(run, placements: placements, in: organiser.networkId)
        return run
    }
}

/// The ranked allocation's translation of an edition into the allocator's instance.
enum RankedAllocation {
    /// The allocator's instance: remaining places per session; a choice that breaks a person's rules against
    /// what they already hold (overlap, travel, caps) is blocked through the slot mechanism (slot = session id).
    static func instance(_ input: AllocationInput, seed: Int, fairShare: Bool) -> Allocation.Instance {
        let sessions = input.sessions.map { session in
            Allocation.Session(
                id: session.id.uuidString, capacity: session.placesLeft(taken: input.placesTaken[session.id] ?? 0),
                slot: session.id.uuidString)
        }
        let staff = input.choices.map { choice in
            let held = input.held["\(choice.personTenantId)/\(choice.personId)"] ?? []
            let blocked = choice.sessionIds.filter { id in
                guard let planned = input.planned[id] else { return false }
                return EnrolmentRules.check(planned, against: held, limits: input.edition.limits) != nil
            }
            return Allocation.Person(
                id: "\(choice.personTenantId)/\(choice.personId)", choices: choice.sessionIds.map(\.uuidString),
                school: choice.personTenantId.uuidString, heldSlots: blocked.map(\.uuidString))
        }
        return Allocation.Instance(sessions: sessions, staff: staff, seed: UInt64(seed), fairShare: fairShare)
    }
}
