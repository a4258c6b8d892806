import Foundation
import KijkjeDomain
import KijkjeSync

/// What a retention purge removed of an edition.
public struct PurgeReport: Sendable, Equatable, Codable {
    public var enrolments = 0
    public var shadowRequests = 0
    public var shadowOffers = 0
    public var shadowMatches = 0
    public var answers = 0
    public var people = 0
    public var signInRecords = 0
    public var mails = 0

    public init() {}
}

/// The retention purge: some time after an edition's last day its personal data goes — enrolments, ranked choices and
/// explanations, shadow requests, offers and matches, survey answers and evaluations, the people who took part in
/// nothing else, their feeds and sessions, spent sign-in links and delivered mail — while the catalogue, the runs'
/// numbers and the dashboard's tables (kept as figures) stay. Agents receive tombstones for every row they held.
extension SQLHubStore {
    /// Editions not purged yet whose last day is before `day`.
    public func editionsDueForPurge(lastDayBefore day: Day) async throws -> [Edition] {
        try await database.run("SELECT * FROM editions WHERE purged_at IS NULL").map(Edition.init(row:))
            .filter { edition in edition.days.max().map { $0 < day } ?? false }
    }

    /// The figures kept of a purged edition, by table name (JSON documents).
    public func editionFigures(editionId: UUID, in networkId: UUID) async throws -> [String: String] {
        _ = try await edition(id: editionId, in: networkId)
        var figures: [String: String] = [:]
        for row in try await database.run("SELECT name, document FROM edition_figures WHERE edition_id = \(editionId)") {
            figures[try row.string("name")] = try row.string("document")
        }
        return figures
    }

    /// Purges one edition, keeping `figures`; all or nothing. Sign-in records that expired and mail delivered before
    /// `time` go as well.
    public func purgeEdition(id: UUID, in networkId: UUID, figures: [String: String], at time: Date) async throws -> PurgeReport {
        try await database.transaction { tx in
            _ = try await networkEdition(tx, id: id, in: networkId, lock: true)
            if try await !tx.run("SELECT id FROM editions WHERE id = \(id) AND purged_at IS NOT NULL").isEmpty {
                throw StoreError.conflict("this edition was purged already")
            }
            for (name, document) in figures.sorted(by: { $0.key < $1.key }) {
                try await tx.run("INSERT INTO edition_figures (edition_id, name, document) VALUES (\(id), \(name), \(document))")
            }
            var report = PurgeReport()
            report.enrolments = try await purgeEnrolments(tx, editionId: id, at: time)
            try await tx.run("DELETE FROM ranked_choices WHERE edition_id = \(id)")
            try await tx.run("DELETE FROM allocation_explanations WHERE edition_id = \(id)")
            for row in try await tx.run(
                "SELECT id, tenant_id, offer_tenant_id FROM shadow_matches WHERE edition_id = \(id) AND state = 'confirmed'")
            {
                let scopes: Set<SyncScope> = [.tenant(try row.uuid("tenant_id")), .tenant(try row.uuid("offer_tenant_id"))]
                try await withdraw(tx, .shadowDay, id: try row.uuid("id"), from: scopes, at: time)
            }
            report.shadowMatches = try await count(tx, "shadow_matches", editionId: id)
            try await tx.run("DELETE FROM shadow_matches WHERE edition_id = \(id)")
            try await tx.run("DELETE FROM shadow_rules WHERE edition_id = \(id)")
            report.shadowRequests = try await count(tx, "shadow_requests", editionId: id)
            try await tx.run("DELETE FROM shadow_requests WHERE edition_id = \(id)")
            let offers = try await tx.run("SELECT id, tenant_id FROM shadow_offers WHERE edition_id = \(id)")
            for row in offers {
                let scopes = Self.catalogueCandidates(owner: try row.uuid("tenant_id"), networkId: networkId)
                try await withdraw(tx, .shadowOffer, id: try row.uuid("id"), from: scopes, at: time)
            }
            report.shadowOffers = offers.count
            try await tx.run("DELETE FROM shadow_offers WHERE edition_id = \(id)")
            report.answers = try await count(tx, "survey_answers", editionId: id) + count(tx, "evaluations", editionId: id)
            try await tx.run("DELETE FROM survey_answers WHERE edition_id = \(id)")
            try await tx.run("DELETE FROM evaluations WHERE edition_id = \(id)")
            report.people = try await purgeIdlePeople(tx, in: networkId, at: time)
            report.signInRecords =
                try await tx.run("SELECT COUNT(*) AS n FROM sign_in_links WHERE expires_at < \(time)").first?.int("n") ?? 0
            try await tx.run("DELETE FROM sign_in_links WHERE expires_at < \(time)")
            try await tx.run("DELETE FROM sign_in_attempts WHERE at < \(time)")
            try await tx.run("DELETE FROM web_sessions WHERE expires_at < \(time)")
            report.mails =
                try await tx.run("SELECT COUNT(*) AS n FROM mail_outbox WHERE sent_at IS NOT NULL AND created_at < \(time)")
                .first?.int("n") ?? 0
            try await tx.run("DELETE FROM mail_outbox WHERE sent_at IS NOT NULL AND created_at < \(time)")
            try await tx.run("UPDATE editions SET purged_at = \(time) WHERE id = \(id)")
            return report
        }
    }

    private func count(_ tx: any SQLExecutor, _ table: String, editionId: UUID) async throws -> Int {
        try await tx.run("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE edition_id = \(editionId)").first?.int("n") ?? 0
    }

    private func purgeEnrolments(_ tx: any SQLExecutor, editionId: UUID, at time: Date) async throws -> Int {
        let enrolments = try await tx.run("SELECT id, tenant_id, person_tenant_id FROM enrolments WHERE edition_id = \(editionId)")
        for row in enrolments {
            let scopes = Self.enrolmentScopes(tenantId: try row.uuid("tenant_id"), personTenantId: try row.uuid("person_tenant_id"))
            try await withdraw(tx, .enrolment, id: try row.uuid("id"), from: scopes, at: time)
        }
        try await tx.run("DELETE FROM held_places WHERE edition_id = \(editionId)")
        try await tx.run("DELETE FROM row_schools WHERE id IN (SELECT id FROM enrolments WHERE edition_id = \(editionId))")
        try await tx.run(
            """
            DELETE FROM enrolment_events WHERE enrolment_id IN (SELECT id FROM enrolments WHERE edition_id = \(editionId))
            """)
        try await tx.run("DELETE FROM enrolments WHERE edition_id = \(editionId)")
        return enrolments.count
    }

    /// People of the network's schools that nothing holds any more (no enrolment, choice, request, offer or match).
    private func purgeIdlePeople(_ tx: any SQLExecutor, in networkId: UUID, at time: Date) async throws -> Int {
        let idle = try await tx.run(
            """
            SELECT tenant_id, id FROM people
            WHERE \(Self.inNetwork(networkId))
              AND (tenant_id, id) NOT IN (SELECT person_tenant_id, person_id FROM enrolments)
              AND (tenant_id, id) NOT IN (SELECT tenant_id, person_id FROM ranked_choices)
              AND (tenant_id, id) NOT IN (SELECT tenant_id, person_id FROM shadow_requests)
              AND (tenant_id, id) NOT IN (SELECT tenant_id, host_person_id FROM shadow_offers)
              AND (tenant_id, id) NOT IN (SELECT tenant_id, person_id FROM shadow_matches)
              AND (tenant_id, id) NOT IN (SELECT offer_tenant_id, host_person_id FROM shadow_matches)
            """)
        for row in idle {
            let (tenantId, personId) = (try row.uuid("tenant_id"), try row.uuid("id"))
            for table in ["calendar_feeds", "survey_answers", "evaluations", "web_sessions", "allocation_explanations"] {
                try await tx.run("DELETE FROM \(unsafeRaw: table) WHERE tenant_id = \(tenantId) AND person_id = \(personId)")
            }
            try await tx.run("DELETE FROM people WHERE tenant_id = \(tenantId) AND id = \(personId)")
            try await withdraw(tx, .person, id: personId, from: [.tenant(tenantId)], at: time)
        }
        return idle.count
    }
}
