import Foundation
import KijkjeDomain
import KijkjeMatching

/// A person's ranked choices for an edition's ranked allocation.
public struct RankedChoices: Sendable, Equatable, Codable {
    public var personTenantId: UUID
    public var personId: UUID
    public var editionId: UUID
    /// Most wanted first.
    public var sessionIds: [UUID]
    public var submittedAt: Date

    public init(personTenantId: UUID, personId: UUID, editionId: UUID, sessionIds: [UUID], submittedAt: Date) {
        self.personTenantId = personTenantId
        self.personId = personId
        self.editionId = editionId
        self.sessionIds = sessionIds
        self.submittedAt = submittedAt
    }

    /// The rule for a ranking: 1 to 20 sessions, none twice.
    public static func check(_ sessionIds: [UUID], field: String = "session_ids", _ v: inout Validator) {
        if !(1...20).contains(sessionIds.count) { v.fail(field, "must rank 1 to 20 sessions") }
        if Set(sessionIds).count != sessionIds.count { v.fail(field, "must not rank a session twice") }
    }
}

/// What one ranked allocation did, kept and shown to organisers.
public struct AllocationRun: Sendable, Equatable, Codable {
    public var editionId: UUID
    /// The lottery's seed, published so anyone can redo the draw.
    public var seed: Int
    public var fairShare: Bool
    public var ranAt: Date
    public var placed: Int
    public var unplaced: Int
    public var worstRank: Int
    public var sumSquaredRanks: Int

    public init(editionId: UUID, seed: Int, fairShare: Bool, ranAt: Date, placed: Int, unplaced: Int, worstRank: Int, sumSquaredRanks: Int)
    {
        self.editionId = editionId
        self.seed = seed
        self.fairShare = fairShare
        self.ranAt = ranAt
        self.placed = placed
        self.unplaced = unplaced
        self.worstRank = worstRank
        self.sumSquaredRanks = sumSquaredRanks
    }
}

/// A place the allocation gives, and the person's explanation of their result.
public struct Placement: Sendable {
    public var personTenantId: UUID
    public var personId: UUID
    public var sessionId: UUID?
    public var rank: Int?
    public var explanation: Allocation.Explanation

    public init(personTenantId: UUID, personId: UUID, sessionId: UUID?, rank: Int?, explanation: Allocation.Explanation) {
        self.personTenantId = personTenantId
        self.personId = personId
        self.sessionId = sessionId
        self.rank = rank
        self.explanation = explanation
    }
}

/// Everything the ranked allocation needs to know about an edition.
public struct AllocationInput: Sendable {
    public var edition: Edition
    public var sessions: [Session]
    /// Places already taken per session (confirmed or offered), before the allocation.
    public var placesTaken: [UUID: Int]
    public var choices: [RankedChoices]
    /// Each session with its school's position.
    public var planned: [UUID: PlannedSession]
    /// Per person ("tenant/person"), the sessions they already hold.
    public var held: [String: [PlannedSession]]
}

extension SQLHubStore {
    /// Stores (or replaces) a person's ranked choices while the edition awaits its allocation.
    public func submitChoices(_ choices: RankedChoices, in networkId: UUID) async throws {
        try await database.transaction { tx in
            _ = try await lockPerson(tx, tenantId: choices.personTenantId, personId: choices.personId, networkId: networkId)
            let edition = try await networkEdition(tx, id: choices.editionId, in: networkId)
            guard edition.awaitsAllocation else {
                throw StoreError.conflict("this edition does not take ranked choices (now); enrol directly")
            }
            for (index, sessionId) in choices.sessionIds.enumerated() {
                let owner = try await school(tx, of: sessionId, in: "sessions", networkId: networkId)
                guard let owner,
                    try await !tx.run(
                        """
                        SELECT id FROM sessions WHERE tenant_id = \(owner) AND id = \(sessionId) AND edition_id = \(edition.id)
                          AND \(Self.inNetwork(networkId))
                        """
                    ).isEmpty
                else {
                    throw StoreError.invalidReference(field: "session_ids[\(index)]", message: "no session with this id in this edition")
                }
            }
            try await tx.run(
                """
                DELETE FROM ranked_choices WHERE tenant_id = \(choices.personTenantId) AND person_id = \(choices.personId)
                  AND edition_id = \(edition.id)
                """)
            try await tx.run(
                """
                INSERT INTO ranked_choices (tenant_id, person_id, edition_id, session_ids, submitted_at)
                VALUES (\(choices.personTenantId), \(choices.personId), \(edition.id),
                        \(JSONColumn(choices.sessionIds)), \(choices.submittedAt))
                """)
        }
    }

    public func rankedChoices(editionId: UUID, in networkId: UUID) async throws -> [RankedChoices] {
        _ = try await edition(id: editionId, in: networkId)
        return try await database.run(
            """
            SELECT * FROM ranked_choices WHERE edition_id = \(editionId) AND \(Self.inNetwork(networkId))
            ORDER BY submitted_at, tenant_id, person_id
            """
        ).map { row in
            RankedChoices(
                personTenantId: try row.uuid("tenant_id"), personId: try row.uuid("person_id"),
                editionId: try row.uuid("edition_id"), sessionIds: try row.json("session_ids"),
                submittedAt: try row.date("submitted_at"))
        }
    }

    public func allocationInput(editionId: UUID, in networkId: UUID) async throws -> AllocationInput {
        let edition = try await edition(id: editionId, in: networkId)
        let sessions = try await sessions(editionId: editionId, in: networkId)
        var taken: [UUID: Int] = [:]
        var planned: [UUID: PlannedSession] = [:]
        for session in sessions {
            taken[session.id] = try await placesTaken(database, session)
            planned[session.id] = try await self.planned(database, session)
        }
        let choices = try await rankedChoices(editionId: editionId, in: networkId)
        var held: [String: [PlannedSession]] = [:]
        for choice in choices {
            held["\(choice.personTenantId)/\(choice.personId)"] = try await heldSessions(
                database, personTenantId: choice.personTenantId, personId: choice.personId, editionId: editionId)
        }
        return AllocationInput(edition: edition, sessions: sessions, placesTaken: taken, choices: choices, planned: planned, held: held)
    }

    /// Writes an allocation: confirmed places, everyone's explanation and the run, all or nothing. Each place is
    /// counted under its session's lock, so an allocation can never overbook what first come, first served took meanwhile.
    public func applyAllocation(_ run: AllocationRun, placements: [Placement], in networkId: UUID) async throws {
        try await database.transaction { tx in
            let edition = try await networkEdition(tx, id: run.editionId, in: networkId, lock: true)
            guard edition.awaitsAllocation else { throw StoreError.conflict("the allocation of this edition ran already") }
            var results: [(Placement, Enrolment?)] = []
            for placement in placements {
                try await tx.run(
                    """
                    INSERT INTO allocation_explanations (tenant_id, person_id, edition_id, explanation)
                    VALUES (\(placement.personTenantId), \(placement.personId), \(edition.id), \(JSONColumn(placement.explanation)))
                    """)
                guard let sessionId = placement.sessionId else {
                    results.append((placement, nil))
                    continue
                }
                let session = try await lockSession(tx, id: sessionId, networkId: networkId)
                guard session.placesLeft(taken: try await placesTaken(tx, session)) > 0 else {
                    throw StoreError.conflict("\"\(session.title)\" filled up while the allocation ran; run it again")
                }
                let enrolment = try await insertEnrolment(
                    tx, session: session, personTenantId: placement.personTenantId, personId: placement.personId,
                    state: .confirmed, at: run.ranAt,
                    reason: "ranked allocation: choice \(placement.rank ?? 0) (lottery seed \(run.seed))", notice: nil)
                results.append((placement, enrolment))
            }
            try await addAllocationNotices(tx, results, edition: edition, at: run.ranAt)
            try await tx.run(
                """
                INSERT INTO allocation_runs (edition_id, seed, fair_share, ran_at, placed, unplaced, worst_rank, sum_squared_ranks)
                VALUES (\(run.editionId), \(run.seed), \(run.fairShare), \(run.ranAt), \(run.placed), \(run.unplaced),
                        \(run.worstRank), \(run.sumSquaredRanks))
                """)
            try await tx.run("UPDATE editions SET allocated_at = \(run.ranAt) WHERE id = \(edition.id)")
        }
    }

    public func allocationRun(editionId: UUID, in networkId: UUID) async throws -> AllocationRun? {
        _ = try await edition(id: editionId, in: networkId)
        return try await database.run("SELECT * FROM allocation_runs WHERE edition_id = \(editionId)").first.map { row in
            AllocationRun(
                editionId: try row.uuid("edition_id"), seed: try row.int("seed"), fairShare: try row.bool("fair_share"),
                ranAt: try row.date("ran_at"), placed: try row.int("placed"), unplaced: try row.int("unplaced"),
                worstRank: try row.int("worst_rank"), sumSquaredRanks: try row.int("sum_squared_ranks"))
        }
    }

    /// A person's explanation of their allocation result.
    public func allocationExplanation(
        editionId: UUID, personTenantId: UUID, personId: UUID,
        in networkId: UUID
    ) async throws -> Allocation.Explanation {
        let text = try await expectRow(
            database,
            """
            SELECT explanation FROM allocation_explanations WHERE tenant_id = \(personTenantId) AND person_id = \(personId)
              AND edition_id = \(editionId) AND \(Self.inNetwork(networkId))
            """, "allocation result for this person"
        ).string("explanation")
        if let explanation = try? StoredJSON.value(Allocation.Explanation.self, from: text) { return explanation }
        // Explanations stored by earlier hubs kept the API's snake_case keys.
        let older = JSONDecoder()
        older.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try older.decode(Allocation.Explanation.self, from: Data(text.utf8))
        } catch {
            throw StoreError.corrupt("an allocation explanation does not decode: \(error)")
        }
    }

    /// Ranked editions whose choice window has closed and that were not allocated yet.
    public func editionsAwaitingAllocation(at now: Date) async throws -> [Edition] {
        try await database.run(
            """
            SELECT * FROM editions WHERE allocation_mode = 'ranked' AND allocated_at IS NULL AND registration_closes_at <= \(now)
            """
        ).map(Edition.init(row:))
    }
}
