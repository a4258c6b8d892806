import Foundation
import KijkjeDomain
import KijkjeSync

/// The change feed the agents pull: every write of a published row also writes the row's new state (or tombstone)
/// into each scope that may see it, with that scope's next version, in the same transaction.
extension SQLHubStore {
    /// Publishes a row's new state to `scopes`; of the `candidates` (every scope the row may ever be published to),
    /// those that held it before and no longer may see it get a tombstone. `value` nil withdraws the row from all
    /// of them. Scopes are bumped in name order, so writers never deadlock on them. Naming the candidates keeps
    /// every statement on the scopes' own shards on a sharded cluster, and a row whose scopes never change (an
    /// enrolment, a person) costs no read at all.
    func publish(
        _ tx: any SQLExecutor, _ kind: SyncRowKind, id: UUID, value: (some Encodable)?, to scopes: Set<SyncScope>,
        among candidates: Set<SyncScope>, at now: Date
    ) async throws {
        let data = try value.map { try Self.syncData($0) }
        let visible = data == nil ? [] : scopes
        let others = candidates.subtracting(visible)
        let held =
            others.isEmpty
            ? []
            : try await tx.run(
                """
                SELECT scope FROM sync_rows WHERE scope_key IN \(list: others.map(\.key)) AND scope IN \(list: others.map(\.name))
                  AND kind = \(kind.rawValue) AND id = \(id) AND deleted = \(false)
                """
            ).map { SyncScope(try $0.string("scope")) }
        for scope in visible.union(held).sorted() {
            let shown = visible.contains(scope)
            // The row's columns and values, under the scope's next version (a value, or the bump's column).
            let into: SQLQuery = "INSERT INTO sync_rows (scope_key, scope, kind, id, version, deleted, data, changed_at)"
            func row(version: SQLQuery) -> SQLQuery {
                "\(scope.key), \(scope.name), \(kind.rawValue), \(id), \(version), \(!shown), \(shown ? data : nil), \(now)"
            }
            let upsert: SQLQuery = """
                ON CONFLICT (scope_key, scope, kind, id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted,
                    data = excluded.data, changed_at = excluded.changed_at
                """
            /// The row under the scope's next version; false when the scope has no counter yet (nothing written).
            func write() async throws -> Bool {
                if database.writesTwoTablesAtOnce {
                    // One round trip: the scope's bump and the row, in one statement.
                    return try await !tx.run(
                        "WITH bumped AS (\(bump(scope))) \(into) SELECT \(row(version: "version")) FROM bumped \(upsert) RETURNING version"
                    ).isEmpty
                }
                guard let version = try await tx.run(bump(scope)).first?.int("version") else { return false }
                try await tx.run("\(into) VALUES (\(row(version: "\(version)"))) \(upsert)")
                return true
            }
            if try await write() { continue }
            // The scope's first row: its counter first.
            try await tx.run(Self.newScope(scope))
            guard try await write() else { throw StoreError.notFound("sync scope \(scope.name)") }
        }
    }

    /// A row's value as the sync feed carries it.
    static func syncData(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder.hub.encode(value), as: UTF8.self)
    }

    /// The statement that takes the scope's next version, when the scope has its counter; the row lock it takes
    /// orders the scope's writers, so commits follow versions.
    private func bump(_ scope: SyncScope) -> SQLQuery {
        "UPDATE sync_scopes SET version = version + 1 WHERE scope_key = \(scope.key) AND scope = \(scope.name) RETURNING version"
    }

    /// A scope's counter at version 0 in a new epoch, unless another writer made it first: then nothing, whichever
    /// of the scope's two keys that writer's row met first (an upsert names one key, and a race met on the other
    /// raised a duplicate before).
    static func newScope(_ scope: SyncScope) -> SQLQuery {
        """
        INSERT INTO sync_scopes (scope_key, scope, epoch, version)
        VALUES (\(scope.key), \(scope.name), \(UUID().uuidString.lowercased()), 0)
        ON CONFLICT DO NOTHING
        """
    }

    /// The scopes a session or shadow offer of `owner` is published to, by its visibility.
    static func catalogueScopes(owner: UUID, visibility: Visibility, networkId: UUID) -> Set<SyncScope> {
        switch visibility {
        case .school: [.tenant(owner)]
        case .network: [.tenant(owner), .members(networkId)]
        case .all: [.tenant(owner), .everyone(networkId)]
        }
    }

    /// Every scope a session or shadow offer of `owner` may be published to, whatever its visibility.
    static func catalogueCandidates(owner: UUID, networkId: UUID) -> Set<SyncScope> {
        [.tenant(owner), .members(networkId), .everyone(networkId)]
    }

    /// The scopes an enrolment is seen in: the hosting school's and the person's own school's.
    static func enrolmentScopes(tenantId: UUID, personTenantId: UUID) -> Set<SyncScope> {
        [.tenant(tenantId), .tenant(personTenantId)]
    }

    func publish(_ tx: any SQLExecutor, _ session: Session, in networkId: UUID, at now: Date) async throws {
        try await publish(
            tx, .session, id: session.id, value: session,
            to: Self.catalogueScopes(owner: session.tenantId, visibility: session.visibility, networkId: networkId),
            among: Self.catalogueCandidates(owner: session.tenantId, networkId: networkId), at: now)
    }

    func publish(_ tx: any SQLExecutor, _ offer: ShadowOffer, in networkId: UUID, at now: Date) async throws {
        try await publish(
            tx, .shadowOffer, id: offer.id, value: offer,
            to: Self.catalogueScopes(owner: offer.tenantId, visibility: offer.visibility, networkId: networkId),
            among: Self.catalogueCandidates(owner: offer.tenantId, networkId: networkId), at: now)
    }

    func publish(_ tx: any SQLExecutor, _ enrolment: Enrolment, at now: Date) async throws {
        let scopes = Self.enrolmentScopes(tenantId: enrolment.tenantId, personTenantId: enrolment.personTenantId)
        try await publish(tx, .enrolment, id: enrolment.id, value: enrolment, to: scopes, among: scopes, at: now)
    }

    /// A confirmed shadow day goes to both schools' agents (the shadower's school plans cover for the day).
    func publishShadowDay(_ tx: any SQLExecutor, _ match: ShadowMatch, at now: Date) async throws {
        let host = try Tenant(row: try await expectRow(tx, "SELECT * FROM tenants WHERE id = \(match.offerTenantId)", "school"))
        let day = ShadowDay(
            id: match.id, editionId: match.editionId, day: match.day, requesterTenantId: match.tenantId,
            requesterPersonId: match.personId, hostTenantId: match.offerTenantId, hostPersonId: match.hostPersonId,
            hostSchool: host.name, hostTown: host.town)
        let scopes = Self.shadowDayScopes(match)
        try await publish(tx, .shadowDay, id: match.id, value: day, to: scopes, among: scopes, at: now)
    }

    /// A shadow day is seen by both schools.
    static func shadowDayScopes(_ match: ShadowMatch) -> Set<SyncScope> {
        [.tenant(match.tenantId), .tenant(match.offerTenantId)]
    }

    /// A tombstone in each of `candidates` that shows the removed row.
    func withdraw(_ tx: any SQLExecutor, _ kind: SyncRowKind, id: UUID, from candidates: Set<SyncScope>, at now: Date) async throws {
        try await publish(tx, kind, id: id, value: Optional<Int>.none, to: [], among: candidates, at: now)
    }
}
