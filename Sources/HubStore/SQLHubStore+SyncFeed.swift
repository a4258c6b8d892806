import Foundation
import KijkjeDomain
import KijkjeSync

/// The change feed the agents pull: every write of a published row also writes the row's new state (or tombstone)
/// into each scope that may see it, with that scope's next version, in the same transaction.
extension SQLHubStore {
    /// Publishes a row's new state to `scopes`; scopes that held it before and no longer may see it get a tombstone.
    /// `value` nil withdraws the row everywhere. Scopes are bumped in name order, so writers never deadlock on them.
    func publish(
        _ tx: any SQLExecutor, _ kind: SyncRowKind, id: UUID, value: (some Encodable)?, to scopes: Set<SyncScope>,
        at now: Date
    ) async throws {
        let data = try value.map { String(decoding: try JSONEncoder.hub.encode($0), as: UTF8.self) }
        let held = try await tx.run(
            """
            SELECT scope FROM sync_rows WHERE kind = \(kind.rawValue) AND id = \(id) AND deleted = \(false)
            """
        ).map { SyncScope(try $0.string("scope")) }
        let visible = data == nil ? [] : scopes
        for scope in visible.union(held).sorted() {
            let version = try await bump(tx, scope)
            let shown = visible.contains(scope)
            try await tx.run(
                """
                INSERT INTO sync_rows (scope, kind, id, version, deleted, data, changed_at)
                VALUES (\(scope.name), \(kind.rawValue), \(id), \(version), \(!shown), \(shown ? data : nil), \(now))
                ON CONFLICT (scope, kind, id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted,
                    data = excluded.data, changed_at = excluded.changed_at
                """)
        }
    }

    /// The scope's next version; the row lock this takes orders the scope's writers, so commits follow versions.
    private func bump(_ tx: any SQLExecutor, _ scope: SyncScope) async throws -> Int {
        try await expectRow(
            tx,
            """
            INSERT INTO sync_scopes (scope, epoch, version) VALUES (\(scope.name), \(UUID().uuidString.lowercased()), 1)
            ON CONFLICT (scope) DO UPDATE SET version = sync_scopes.version + 1
            RETURNING version
            """, "sync scope"
        ).int("version")
    }

    /// The scopes a session or shadow offer of `owner` is published to, by its visibility.
    static func catalogueScopes(owner: UUID, visibility: Visibility, networkId: UUID) -> Set<SyncScope> {
        switch visibility {
        case .school: [.tenant(owner)]
        case .network: [.tenant(owner), .members(networkId)]
        case .all: [.tenant(owner), .everyone(networkId)]
        }
    }

    func publish(_ tx: any SQLExecutor, _ session: Session, in networkId: UUID, at now: Date) async throws {
        try await publish(
            tx, .session, id: session.id, value: session,
            to: Self.catalogueScopes(owner: session.tenantId, visibility: session.visibility, networkId: networkId), at: now)
    }

    func publish(_ tx: any SQLExecutor, _ offer: ShadowOffer, in networkId: UUID, at now: Date) async throws {
        try await publish(
            tx, .shadowOffer, id: offer.id, value: offer,
            to: Self.catalogueScopes(owner: offer.tenantId, visibility: offer.visibility, networkId: networkId), at: now)
    }

    /// An enrolment is seen by the hosting school and by the person's own school.
    func publish(_ tx: any SQLExecutor, _ enrolment: Enrolment, at now: Date) async throws {
        try await publish(
            tx, .enrolment, id: enrolment.id, value: enrolment,
            to: [.tenant(enrolment.tenantId), .tenant(enrolment.personTenantId)], at: now)
    }

    /// A confirmed shadow day goes to both schools' agents (the shadower's school plans cover for the day).
    func publishShadowDay(_ tx: any SQLExecutor, _ match: ShadowMatch, at now: Date) async throws {
        let host = try Tenant(row: try await expectRow(tx, "SELECT * FROM tenants WHERE id = \(match.offerTenantId)", "school"))
        let day = ShadowDay(
            id: match.id, editionId: match.editionId, day: match.day, requesterTenantId: match.tenantId,
            requesterPersonId: match.personId, hostTenantId: match.offerTenantId, hostPersonId: match.hostPersonId,
            hostSchool: host.name, hostTown: host.town)
        try await publish(tx, .shadowDay, id: match.id, value: day, to: [.tenant(match.tenantId), .tenant(match.offerTenantId)], at: now)
    }

    /// A tombstone for a row that was removed.
    func withdraw(_ tx: any SQLExecutor, _ kind: SyncRowKind, id: UUID, at now: Date) async throws {
        try await publish(tx, kind, id: id, value: Optional<Int>.none, to: [], at: now)
    }
}
