import Foundation
import KijkjeDomain
import KijkjeSync

/// Reading the change feed: pages of a scope after a cursor, ending on version boundaries.
extension SQLHubStore {
    /// A scope's rows: by its key first, so that on a sharded cluster the statement runs on its school's worker.
    static func inScope(_ scope: SyncScope) -> SQLQuery {
        "scope_key = \(scope.key) AND scope = \(scope.name)"
    }

    public func syncScopes(tenantId: UUID, networkId: UUID) async throws -> [SyncScope] {
        let kind = try await expectRow(
            database,
            """
            SELECT kind FROM memberships WHERE tenant_id = \(tenantId) AND network_id = \(networkId)
            """, "school"
        ).choice("kind", as: MembershipKind.self)
        let shared: [SyncScope] = kind == .guest ? [.everyone(networkId)] : [.members(networkId), .everyone(networkId)]
        return [.tenant(tenantId)] + shared
    }

    public func syncPage(scope: SyncScope, after cursor: ScopeCursor?, limit: Int) async throws -> ScopePage {
        guard
            let head = try await database.run(
                """
                SELECT epoch, version, horizon FROM sync_scopes WHERE \(Self.inScope(scope))
                """
            ).first
        else {
            // Nothing was ever published here; an epoch-less cursor at 0 fits any epoch the scope gets later.
            return ScopePage(scope: scope, epoch: "", version: 0, rows: [], more: false, remaining: 0)
        }
        let epoch = try head.string("epoch")
        let current = try head.int("version")
        let after = cursor?.version ?? 0
        if after > 0 {
            if cursor?.epoch != epoch { throw SyncRefusal.resyncRequired(scope: scope.name, reason: "the scope was reset (new epoch)") }
            if after < (try head.int("horizon")) {
                throw SyncRefusal.resyncRequired(scope: scope.name, reason: "the cursor is older than the retained tombstones")
            }
            if after > current { throw SyncRefusal.resyncRequired(scope: scope.name, reason: "the cursor is ahead of the hub") }
        }
        if after == current && cursor?.epoch == epoch {
            // Up to date: the common case of an idle agent costs one read.
            return ScopePage(scope: scope, epoch: epoch, version: current, rows: [], more: false, remaining: 0)
        }
        var rows = try await database.run(
            """
            SELECT kind, id, version, deleted, data FROM sync_rows WHERE \(Self.inScope(scope)) AND version > \(after)
            ORDER BY version, kind, id LIMIT \(limit + 1)
            """
        ).map(SyncRow.init(row:))
        guard rows.count > limit else {
            // Every version up to the newest row is here: commits follow versions within a scope.
            return ScopePage(
                scope: scope, epoch: epoch, version: max(current, rows.last?.version ?? 0), rows: rows,
                more: false, remaining: 0)
        }
        // End on a version boundary: drop the version the limit cut through, or take it whole if it is all there is.
        let cut = rows[limit].version
        rows.removeAll { $0.version >= cut }
        if rows.isEmpty {
            rows = try await database.run(
                """
                SELECT kind, id, version, deleted, data FROM sync_rows WHERE \(Self.inScope(scope)) AND version = \(cut)
                ORDER BY kind, id
                """
            ).map(SyncRow.init(row:))
        }
        let version = rows.last?.version ?? after
        let remaining =
            try await database.run(
                """
                SELECT COUNT(*) AS n FROM sync_rows WHERE \(Self.inScope(scope)) AND version > \(version)
                """
            ).first?.int("n") ?? 0
        return ScopePage(scope: scope, epoch: epoch, version: version, rows: rows, more: true, remaining: remaining)
    }

    public func syncVersions(_ scopes: [SyncScope]?) async throws -> [SyncScope: Int] {
        var versions: [SyncScope: Int] = [:]
        for row in try await database.run("SELECT scope, version FROM sync_scopes") {
            let scope = SyncScope(try row.string("scope"))
            if scopes?.contains(scope) ?? true { versions[scope] = try row.int("version") }
        }
        return versions
    }

    public func pruneTombstones(before time: Date) async throws -> Int {
        try await database.transaction { tx in
            let pruned = try await tx.run(
                """
                DELETE FROM sync_rows WHERE deleted = \(true) AND changed_at < \(time) RETURNING scope, version
                """)
            var horizons: [String: Int] = [:]
            for row in pruned {
                let scope = try row.string("scope")
                horizons[scope] = max(horizons[scope] ?? 0, try row.int("version"))
            }
            for (scope, horizon) in horizons.sorted(by: { $0.key < $1.key }) {
                try await tx.run(
                    """
                    UPDATE sync_scopes SET horizon = \(horizon) WHERE \(Self.inScope(SyncScope(scope))) AND horizon < \(horizon)
                    """)
            }
            return pruned.count
        }
    }
}

extension SyncRow {
    init(row: SQLRow) throws {
        let deleted = try row.bool("deleted")
        self.init(
            kind: try row.choice("kind"), id: try row.uuid("id"), version: try row.int("version"), deleted: deleted,
            data: deleted ? nil : JSONText(try row.string("data")))
    }
}
