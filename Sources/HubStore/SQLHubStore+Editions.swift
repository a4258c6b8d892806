import Foundation
import KijkjeDomain

extension SQLHubStore {
    public func addEdition(_ edition: Edition, at time: Date) async throws {
        try await database.transaction { tx in
            _ = try await expectRow(tx, "SELECT id FROM networks WHERE id = \(edition.networkId)", "network")
            try await tx.run(
                """
                INSERT INTO editions (id, network_id, year, days, registration_opens_at, registration_closes_at,
                                      allocation_mode, claim_window_hours, matching_deadline, max_per_day, max_per_edition,
                                      travel_speed_kmh, minimum_gap_minutes, proposal_reminder_days)
                VALUES (\(edition.id), \(edition.networkId), \(edition.year), \(JSONColumn(edition.days)),
                        \(edition.registrationOpensAt), \(edition.registrationClosesAt), \(edition.allocationMode.rawValue),
                        \(edition.claimWindowHours), \(edition.matchingDeadline), \(edition.limits.maxPerDay),
                        \(edition.limits.maxPerEdition), \(edition.limits.travelSpeedKmh), \(edition.limits.minimumGapMinutes),
                        \(edition.proposalReminderDays))
                """)
            try await publish(tx, edition, at: time)
        }
    }

    public func editions(in networkId: UUID) async throws -> [Edition] {
        try await database.run("SELECT * FROM editions WHERE network_id = \(networkId) ORDER BY year, id")
            .map(Edition.init(row:))
    }

    public func edition(id: UUID, in networkId: UUID) async throws -> Edition {
        try await networkEdition(database, id: id, in: networkId)
    }

    /// The rule "this edition belongs to the network", once: the edition, or not found (another network's edition
    /// is as unknown as a wrong id). `lock` holds it for the transaction.
    func networkEdition(_ tx: any SQLExecutor, id: UUID, in networkId: UUID, lock: Bool = false) async throws -> Edition {
        try Edition(
            row: try await expectRow(
                tx,
                """
                SELECT * FROM editions WHERE id = \(id) AND network_id = \(networkId)\(unsafeRaw: lock ? database.dialect.forUpdate : "")
                """, "edition"))
    }

    /// The edition a session (already found in its network) belongs to.
    func edition(_ tx: any SQLExecutor, of session: Session) async throws -> Edition {
        try Edition(row: try await expectRow(tx, "SELECT * FROM editions WHERE id = \(session.editionId)", "edition"))
    }

    /// The edition a draft names, which must be one of the network's: otherwise its `edition_id` field is at fault.
    func draftEdition(_ tx: any SQLExecutor, id: UUID, in networkId: UUID) async throws -> Edition {
        do {
            return try await networkEdition(tx, id: id, in: networkId)
        } catch StoreError.notFound {
            throw StoreError.unknownEdition
        }
    }

    public func updateEdition(_ edition: Edition, at time: Date) async throws {
        try await database.transaction { tx in
            _ = try await expectRow(
                tx,
                """
                UPDATE editions SET year = \(edition.year), days = \(JSONColumn(edition.days)),
                    registration_opens_at = \(edition.registrationOpensAt),
                    registration_closes_at = \(edition.registrationClosesAt),
                    allocation_mode = \(edition.allocationMode.rawValue), claim_window_hours = \(edition.claimWindowHours),
                    matching_deadline = \(edition.matchingDeadline), max_per_day = \(edition.limits.maxPerDay),
                    max_per_edition = \(edition.limits.maxPerEdition), travel_speed_kmh = \(edition.limits.travelSpeedKmh),
                    minimum_gap_minutes = \(edition.limits.minimumGapMinutes),
                    proposal_reminder_days = \(edition.proposalReminderDays)
                WHERE id = \(edition.id) AND network_id = \(edition.networkId) RETURNING id
                """, "edition")
            try await publish(tx, edition, at: time)
        }
    }

    /// Editions are shared with every school of the network, guests included.
    private func publish(_ tx: any SQLExecutor, _ edition: Edition, at time: Date) async throws {
        try await publish(
            tx, .edition, id: edition.id, value: edition, to: [.everyone(edition.networkId)], among: [.everyone(edition.networkId)],
            at: time)
    }

    public func removeEdition(id: UUID, in networkId: UUID, at time: Date) async throws {
        try await database.transaction { tx in
            _ = try await networkEdition(tx, id: id, in: networkId)
            let used = try await tx.run(
                """
                SELECT (SELECT COUNT(*) FROM sessions WHERE edition_id = \(id))
                     + (SELECT COUNT(*) FROM shadow_offers WHERE edition_id = \(id))
                     + (SELECT COUNT(*) FROM shadow_requests WHERE edition_id = \(id)) AS n
                """)
            if try used.first?.int("n") ?? 0 > 0 {
                throw StoreError.conflict("the edition still holds sessions, shadow offers or shadow requests; remove those first")
            }
            // What runs and choices left behind goes with the edition.
            for table in ["shadow_matching_runs", "shadow_rules", "allocation_runs", "allocation_explanations", "ranked_choices"] {
                try await tx.run("DELETE FROM \(unsafeRaw: table) WHERE edition_id = \(id)")
            }
            try await tx.run("DELETE FROM editions WHERE id = \(id) AND network_id = \(networkId)")
            try await withdraw(tx, .edition, id: id, from: [.everyone(networkId)], at: time)
        }
    }

    /// Refuses a row whose edition or school lies outside the network, naming the field at fault.
    func requireInNetwork(_ tx: any SQLExecutor, editionId: UUID, tenantId: UUID, networkId: UUID) async throws {
        _ = try await draftEdition(tx, id: editionId, in: networkId)
        if try await tx.run(
            """
            SELECT tenant_id FROM memberships WHERE tenant_id = \(tenantId) AND network_id = \(networkId)
            """
        ).isEmpty {
            throw StoreError.invalidReference(field: "tenant_id", message: "no school with this id in this network")
        }
    }
}
