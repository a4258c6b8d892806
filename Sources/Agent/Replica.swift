import Foundation
import GRDB
import KijkjeSync

/// The agent's SQLite replica: what the hub says this school may see (per scope, with the scope's cursor), the
/// outbox of local changes, and the school's staff list. Each pulled page is applied with its cursors in one
/// transaction, so a kill at any moment loses nothing and applies nothing twice.
public struct Replica: Sendable {
    let queue: DatabaseQueue
    public static let defaultCacheKilobytes = 2000

    /// Opens (creating if needed) the replica at `path`. `cacheKilobytes` is SQLite's page cache: its default of two
    /// megabytes for an agent (a first sync writes a hundred thousand rows faster with it); hundreds of replicas in
    /// one process (the demo at ten times the network) take less each.
    public init(path: String, cacheKilobytes: Int = defaultCacheKilobytes) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -\(cacheKilobytes); PRAGMA temp_store = MEMORY") }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") }
        try Self.migrator.migrate(queue)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("replica") { db in
            try db.execute(
                sql: """
                    CREATE TABLE cursors (scope TEXT PRIMARY KEY, epoch TEXT NOT NULL, version INTEGER NOT NULL);
                    CREATE TABLE rows (
                        scope TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL,
                        PRIMARY KEY (scope, kind, id));
                    CREATE INDEX rows_by_kind ON rows (kind, id);
                    CREATE TABLE outbox (
                        id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, change TEXT NOT NULL, created_at TEXT NOT NULL,
                        result TEXT);
                    CREATE TABLE staff (email TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, subjects TEXT NOT NULL);
                    CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    """)
        }
        return migrator
    }

    // MARK: Cursors and pages

    public func cursors() throws -> [ScopeCursor] { try queue.read(cursors) }

    private func cursors(_ db: Database) throws -> [ScopeCursor] {
        try Row.fetchAll(try db.cachedStatement(sql: "SELECT scope, epoch, version FROM cursors ORDER BY scope")).map {
            ScopeCursor(scope: SyncScope($0["scope"]), epoch: $0["epoch"], version: $0["version"])
        }
    }

    /// The next pull from where the replica stands: its cursors and the last mutation result it holds, in one read
    /// (an up-to-date agent asks this before every pull). Without a transaction around the two statements (opening
    /// and ending one cost more than the reads): both are written only through this replica's one connection (a pull
    /// applied, a scope dropped), which runs one thing at a time, so nothing can come between them.
    public func nextPull(limit: Int? = nil, waitSeconds: Int? = nil) throws -> PullRequest {
        try queue.unsafeRead { db in
            PullRequest(
                cursors: try cursors(db), resultsAfter: try Self.resultsAfter(state(db, "results_after")), limit: limit,
                waitSeconds: waitSeconds)
        }
    }

    /// Applies one pull's answer: its rows, tombstones, cursors and mutation results, all or nothing. Scopes the
    /// hub no longer lists are dropped (the school may no longer read them).
    ///
    /// Committed without waiting for the disk (`synchronous = NORMAL`, in WAL mode): a crash of the agent loses
    /// nothing, and what a power cut could take back is whole pages with their cursors, pulled again; the outbox's own
    /// changes are committed with the disk's word as always.
    public func apply(_ response: PullResponse) throws { try apply([response]) }

    /// Applies pull answers in their order, in one transaction.
    public func apply(_ responses: [PullResponse]) throws {
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
            try db.inTransaction {
                for response in responses { try write(response, db) }
                return .commit
            }
        }
    }

    private func write(_ response: PullResponse, _ db: Database) throws {
        let listed = Set(response.scopes.map(\.scope.name))
        for stale in try String.fetchAll(db, sql: "SELECT scope FROM cursors") where !listed.contains(stale) {
            try dropScope(db, stale)
        }
        // Prepared once per write, bound per row: a first sync writes a hundred thousand rows.
        let remove = try db.cachedStatement(sql: "DELETE FROM rows WHERE scope = ? AND kind = ? AND id = ?")
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO rows (scope, kind, id, version, data) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (scope, kind, id) DO UPDATE SET version = excluded.version, data = excluded.data
                """)
        for page in response.scopes {
            for row in page.rows {
                let id = row.id.uuidString.lowercased()
                if row.deleted {
                    try remove.execute(arguments: [page.scope.name, row.kind.rawValue, id])
                } else {
                    try upsert.execute(arguments: [page.scope.name, row.kind.rawValue, id, row.version, row.data?.text ?? "null"])
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO cursors (scope, epoch, version) VALUES (?, ?, ?)
                    ON CONFLICT (scope) DO UPDATE SET epoch = excluded.epoch, version = excluded.version
                    """, arguments: [page.scope.name, page.epoch, page.version])
        }
        for result in response.results {
            try db.execute(
                sql: "UPDATE outbox SET result = ? WHERE id = ? AND result IS NULL",
                arguments: [try Self.text(result), result.mutationId])
        }
        if let newest = response.results.map(\.mutationId).max(),
            newest > Self.resultsAfter(try state(db, "results_after"))
        {
            try setState(db, "results_after", String(newest))
        }
    }

    /// Forgets a scope's rows and cursor, to be fetched again from the start (after a 410). The outbox stays.
    public func resetScope(_ scope: String) throws {
        try queue.write { db in try dropScope(db, scope) }
    }

    private func dropScope(_ db: Database, _ scope: String) throws {
        try db.execute(sql: "DELETE FROM rows WHERE scope = ?", arguments: [scope])
        try db.execute(sql: "DELETE FROM cursors WHERE scope = ?", arguments: [scope])
    }

    // MARK: Small state

    func state(_ db: Database, _ key: String) throws -> String? {
        try String.fetchOne(try db.cachedStatement(sql: "SELECT value FROM state WHERE key = ?"), arguments: [key])
    }

    func setState(_ db: Database, _ key: String, _ value: String) throws {
        try db.execute(
            sql: "INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            arguments: [key, value])
    }

    public func state(_ key: String) throws -> String? { try queue.read { try state($0, key) } }
    public func setState(_ key: String, _ value: String) throws { try queue.write { try setState($0, key, value) } }

    /// `PRAGMA integrity_check`'s answer ("ok" when the file is sound).
    public func integrityCheck() throws -> String {
        try queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") ?? "no answer" }
    }

    static func text(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder.hub.encode(value), as: UTF8.self)
    }
}
