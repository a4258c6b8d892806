import Foundation
import KijkjeDomain

extension SQLHubStore {
    public func shadowMatchingInput(editionId: UUID, in networkId: UUID) async throws -> ShadowMatchingInput {
        let edition = try await edition(id: editionId, in: networkId)
        var places: [UUID: Place] = [:]
        for row in try await database.run(
            """
            SELECT t.id, t.latitude, t.longitude, m.kind FROM tenants t JOIN memberships m ON m.tenant_id = t.id
            WHERE m.network_id = \(networkId)
            """)
        {
            let id = try row.uuid("id")
            places[id] = Place(
                tenantId: id, latitude: try row.double("latitude"), longitude: try row.double("longitude"),
                isGuest: try row.choice("kind", as: MembershipKind.self) == .guest)
        }
        let matches = try await shadowMatches(editionId: editionId, in: networkId)
        return ShadowMatchingInput(
            edition: edition, requests: try await shadowRequests(editionId: editionId, in: networkId),
            offers: try await shadowOffers(editionId: editionId, in: networkId), places: places,
            confirmed: matches.filter { $0.state == .confirmed }, declined: matches.filter { $0.state == .declined },
            rules: try await shadowRules(editionId: editionId, in: networkId))
    }

    /// Stores a run's proposals: the open proposals of earlier runs are withdrawn, confirmed ones stay.
    public func applyShadowMatching(
        _ run: ShadowMatchingRun, proposals: [ShadowMatch], mail: [MailMessage], in networkId: UUID
    ) async throws {
        try await database.transaction { tx in
            _ = try await networkEdition(tx, id: run.editionId, in: networkId, lock: true)
            try await tx.run(
                """
                UPDATE shadow_matches SET state = 'withdrawn', decided_at = \(run.ranAt)
                WHERE edition_id = \(run.editionId) AND state = 'proposed' AND \(Self.inNetwork(networkId))
                """)
            for match in proposals { try await insertShadowMatch(tx, match) }
            try await enqueue(tx, mail, at: run.ranAt, networkId: networkId)
            try await tx.run(
                """
                INSERT INTO shadow_matching_runs (edition_id, ran_at, seed, matched, unmatched, total_score)
                VALUES (\(run.editionId), \(run.ranAt), \(run.seed), \(run.matched), \(JSONColumn(run.unmatched)), \(run.totalScore))
                """)
        }
    }

    func insertShadowMatch(_ tx: any SQLExecutor, _ m: ShadowMatch) async throws {
        try await tx.run(
            """
            INSERT INTO shadow_matches (tenant_id, id, edition_id, request_id, person_id, offer_tenant_id, offer_id, host_person_id,
                                        day, score, reasons, state, requester_accepted, host_accepted, pinned, proposed_at, decided_at)
            VALUES (\(m.tenantId), \(m.id), \(m.editionId), \(m.requestId), \(m.personId), \(m.offerTenantId), \(m.offerId),
                    \(m.hostPersonId), \(m.day.description), \(m.score), \(JSONColumn(m.reasons)), \(m.state.rawValue),
                    \(m.requesterAccepted), \(m.hostAccepted), \(m.pinned), \(m.proposedAt), \(m.decidedAt))
            """)
        try await tx.run("INSERT INTO row_schools (id, tenant_id) VALUES (\(m.id), \(m.tenantId))")
    }

    public func shadowMatches(editionId: UUID, in networkId: UUID) async throws -> [ShadowMatch] {
        try await database.run(
            """
            SELECT * FROM shadow_matches WHERE edition_id = \(editionId) AND \(Self.inNetwork(networkId)) ORDER BY proposed_at, id
            """
        ).map(ShadowMatch.init(row:))
    }

    public func shadowMatch(id: UUID, in networkId: UUID) async throws -> ShadowMatch {
        try ShadowMatch(row: try await row(database, in: "shadow_matches", id: id, tenantId: nil, networkId: networkId, "shadow match"))
    }

    /// Records one side's answer to a proposal; both yes confirms the pair, a no declines it.
    public func answerShadowMatch(
        id: UUID, side: ShadowSide, accept: Bool, at time: Date, in networkId: UUID,
        onConfirm: @Sendable (ShadowMatch) -> [MailMessage]
    ) async throws -> ShadowMatch {
        try await database.transaction { tx in
            var match = try ShadowMatch(
                row: try await row(tx, in: "shadow_matches", id: id, tenantId: nil, networkId: networkId, "shadow match", lock: true))
            guard match.state == .proposed else {
                throw StoreError.conflict("this pair is \(match.state.rawValue); only proposals can be answered")
            }
            match.answer(side, accept: accept, at: time)
            try await tx.run(
                """
                UPDATE shadow_matches SET state = \(match.state.rawValue), requester_accepted = \(match.requesterAccepted),
                    host_accepted = \(match.hostAccepted), decided_at = \(match.decidedAt)
                WHERE tenant_id = \(match.tenantId) AND id = \(match.id)
                """)
            if match.state == .confirmed {
                try await enqueue(tx, onConfirm(match), at: time, networkId: networkId)
                try await publishShadowDay(tx, match, at: time)
            }
            return match
        }
    }

    public func latestShadowMatchingRun(editionId: UUID, in networkId: UUID) async throws -> ShadowMatchingRun? {
        _ = try await edition(id: editionId, in: networkId)
        return try await database.run(
            """
            SELECT * FROM shadow_matching_runs WHERE edition_id = \(editionId) ORDER BY ran_at DESC LIMIT 1
            """
        ).first.map { row in
            ShadowMatchingRun(
                editionId: try row.uuid("edition_id"), ranAt: try row.date("ran_at"), seed: try row.int("seed"),
                matched: try row.int("matched"), totalScore: try row.int("total_score"),
                unmatched: try row.json("unmatched"))
        }
    }
}

extension ShadowMatch {
    init(row: SQLRow) throws {
        func optionalBool(_ column: String) throws -> Bool? { try row.value(column) == .null ? nil : try row.bool(column) }
        guard let day = Day(try row.string("day")) else { throw StoreError.corrupt("shadow_matches.day is not a day") }
        self.init(
            id: try row.uuid("id"), editionId: try row.uuid("edition_id"), tenantId: try row.uuid("tenant_id"),
            requestId: try row.uuid("request_id"), personId: try row.uuid("person_id"),
            offerTenantId: try row.uuid("offer_tenant_id"), offerId: try row.uuid("offer_id"),
            hostPersonId: try row.uuid("host_person_id"), day: day, score: try row.int("score"),
            reasons: try row.json("reasons"), state: try row.choice("state"),
            requesterAccepted: try optionalBool("requester_accepted"), hostAccepted: try optionalBool("host_accepted"),
            pinned: try row.bool("pinned"), proposedAt: try row.date("proposed_at"), decidedAt: try row.optionalDate("decided_at"))
    }
}

extension SQLHubStore {
    /// Editions past their matching deadline that have requests but no matching run yet. (Subqueries that name no
    /// outer row: on a sharded cluster they run once each, not once per edition.)
    public func editionsDueForShadowMatching(at now: Date) async throws -> [Edition] {
        try await database.run(
            """
            SELECT * FROM editions WHERE matching_deadline <= \(now)
              AND id IN (SELECT edition_id FROM shadow_requests)
              AND id NOT IN (SELECT edition_id FROM shadow_matching_runs)
            """
        ).map(Edition.init(row:))
    }
}
