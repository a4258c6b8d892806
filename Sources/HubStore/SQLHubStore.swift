import Foundation
import KijkjeDomain

/// The one implementation of `HubStore`, written once in SQL both SQLite and PostgreSQL speak and run by either
/// driver. Capacity, scope and uniqueness rules live here, inside each operation's transaction.
public struct SQLHubStore: HubStore {
    public let database: any SQLDatabase
    public var feed: FeedSignal { database.feed }

    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// Rows of tenants that take part in a network: the scope of every organiser query on a tenant table.
    static func inNetwork(_ networkId: UUID) -> SQLQuery {
        "tenant_id IN (SELECT tenant_id FROM memberships WHERE network_id = \(networkId))"
    }

    /// Runs `sql` and fails with `notFound` when it touched no row.
    func expectRow(_ executor: any SQLExecutor, _ sql: SQLQuery, _ what: String) async throws -> SQLRow {
        guard let row = try await executor.run(sql).first else { throw StoreError.notFound(what) }
        return row
    }

    /// The row `id` of a school's table, locked for the transaction when asked. The statement names the row's
    /// school, so on a sharded cluster it runs on that school's worker alone (a lock by id alone would have to ask
    /// every worker, which Citus refuses).
    func row(
        _ executor: any SQLExecutor, in table: String, id: UUID, tenantId: UUID?, networkId: UUID, _ what: String,
        lock: Bool = false
    ) async throws -> SQLRow {
        var school = tenantId
        if school == nil { school = try await self.school(executor, of: id, in: table, networkId: networkId) }
        guard let school else { throw StoreError.notFound(what) }
        return try await expectRow(
            executor,
            """
            SELECT * FROM \(unsafeRaw: table) WHERE tenant_id = \(school) AND id = \(id) AND \(Self.inNetwork(networkId))\
            \(unsafeRaw: lock ? database.dialect.forUpdate : "")
            """, what)
    }

    /// The school of row `id` of a school's table (within the network, when one is given): `row_schools` knows it
    /// for every row of `Migrations.rowSchoolTables` (written with each row, filled by the migration that made it), so
    /// a row it does not know does not exist; of other tables a read by id alone finds it (on a sharded cluster, by
    /// asking every worker).
    func school(_ executor: any SQLExecutor, of id: UUID, in table: String, networkId: UUID?) async throws -> UUID? {
        if Migrations.rowSchoolTables.contains(table) {
            return try await executor.run("SELECT tenant_id FROM row_schools WHERE id = \(id)").first?.uuid("tenant_id")
        }
        let scope: SQLQuery = networkId.map { "AND \(Self.inNetwork($0))" } ?? ""
        return try await executor.run("SELECT tenant_id FROM \(unsafeRaw: table) WHERE id = \(id) \(scope)").first?.uuid("tenant_id")
    }

    // MARK: Schema

    public func migrate() async throws {
        // A current schema needs nothing, not even the right to create (a hub may run as a role that owns no tables).
        if let version = try? await schemaVersion(), version.applied == version.expected { return }
        try await database.run("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL)")
        let citus = try await onCitus()
        for step in Migrations.steps {
            try await database.transaction { tx in
                if database.dialect == .postgres {
                    // Hub processes starting together take turns; the loser sees the step applied.
                    try await tx.run("SELECT pg_advisory_xact_lock(\(Int(0x6B696A6B)))")
                }
                let done = try await tx.run("SELECT version FROM schema_migrations WHERE version = \(step.version)")
                guard done.isEmpty else { return }
                let statements =
                    step.statements + (database.dialect == .postgres ? step.postgresStatements : []) + (citus ? step.citusStatements : [])
                for statement in statements {
                    try await tx.run(SQLQuery(stringLiteral: database.dialect.columnTypes(in: statement)))
                }
                try await tx.run("INSERT INTO schema_migrations (version, name) VALUES (\(step.version), \(step.name))")
            }
        }
    }

    /// Whether the store is a Citus cluster's coordinator (the `citus` extension exists in its database).
    public func onCitus() async throws -> Bool {
        guard database.dialect == .postgres else { return false }
        return try await !database.run(Migrations.citusProbe).isEmpty
    }

    public func describe() async throws -> String {
        guard database.dialect == .postgres else {
            return "SQLite " + (try await database.run("SELECT sqlite_version() AS v").first?.string("v") ?? "")
        }
        let server = "PostgreSQL " + (try await database.run("SHOW server_version").first?.string("server_version") ?? "")
        guard try await onCitus() else { return server }
        let citus = try await database.run(
            """
            SELECT (SELECT extversion FROM pg_extension WHERE extname = 'citus') AS version,
                   (SELECT COUNT(*) FROM pg_dist_node WHERE groupid > 0) AS workers
            """
        ).first
        return "Citus \(try citus?.string("version") ?? "") on \(server), \(try citus?.int("workers") ?? 0) workers"
    }

    public func schemaVersion() async throws -> (applied: Int, expected: Int) {
        let rows = try await database.run("SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations")
        return (try rows.first?.int("version") ?? 0, Migrations.latest)
    }

    // MARK: Networks

    public func addNetwork(_ network: Network) async throws {
        try await database.run(
            """
            INSERT INTO networks (id, name, created_at) VALUES (\(network.id), \(network.name), \(network.createdAt))
            """)
    }

    public func networks() async throws -> [Network] {
        try await database.run("SELECT * FROM networks ORDER BY name, id").map(Network.init(row:))
    }

    public func network(id: UUID) async throws -> Network {
        try Network(row: try await expectRow(database, "SELECT * FROM networks WHERE id = \(id)", "network"))
    }
}
