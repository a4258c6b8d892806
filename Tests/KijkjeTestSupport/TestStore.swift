import Foundation
import HubStore
import HubStorePostgres
import HubStoreSQLite
import Logging
import PostgresNIO

/// The stores every store test runs on.
public enum StoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres
    /// PostgreSQL sharded by Citus (a coordinator and two workers), when `scripts/test` could start one.
    case citus

    public var description: String { rawValue }

    /// The two stores every hub feature runs on.
    public static var allCases: [StoreKind] { [.sqlite, .postgres] }

    /// Both stores and, when the test run has a Citus cluster (`KIJKJE_TEST_CITUS_URL`), Citus: for the suites that
    /// prove the hub scales out (store conformance, organiser API, sync oracle, capacity across processes).
    public static var scaledOut: [StoreKind] {
        allCases + (ProcessInfo.processInfo.environment[PostgresTemplate.citus.variable] == nil ? [] : [.citus])
    }
}

/// Runs `body` on a fresh, migrated store of `kind` that no other test sees, and removes it afterwards.
/// PostgreSQL databases are copies of a template migrated once per test process (`CREATE DATABASE ... TEMPLATE`).
public func withStore<T: Sendable>(_ kind: StoreKind, _ body: @Sendable (SQLHubStore) async throws -> T) async throws -> T {
    try await withStore(kind, inMemory: true) { store, _ in try await body(store) }
}

/// Where a test's store lives, for handing to a `kijkje-hub` process: a database URL or a data folder.
public enum StoreLocation: Sendable {
    case postgres(url: String)
    case sqlite(dataDirectory: String)

    /// The `kijkje-hub` arguments that open this store.
    public var hubArguments: [String] {
        switch self {
        case .postgres(let url): ["--database", url]
        case .sqlite(let folder): ["--data-dir", folder]
        }
    }
}

/// Like `withStore`, but SQLite lives in a file (unless `inMemory`), and `body` learns where the store is.
public func withStore<T: Sendable>(
    _ kind: StoreKind, inMemory: Bool = false,
    _ body: @Sendable (SQLHubStore, StoreLocation?) async throws -> T
) async throws -> T {
    switch kind {
    case .sqlite where inMemory:
        let store = try SQLiteDatabase.store(path: ":memory:")
        try await store.migrate()
        return try await body(store, nil)
    case .sqlite:
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteDatabase.store(path: folder.appendingPathComponent("hub.sqlite").path)
        try await store.migrate()
        return try await body(store, .sqlite(dataDirectory: folder.path))
    case .postgres, .citus:
        let template = kind == .citus ? PostgresTemplate.citus : PostgresTemplate.shared
        let name = try await template.makeDatabase()
        let url = try template.url(database: name)
        let database = PostgresDatabase(client: try PostgresDatabase.client(url: url, logger: quietLogger), logger: quietLogger)
        do {
            let result = try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    await database.run(); return nil
                }
                defer { group.cancelAll() }
                return try await body(SQLHubStore(database: database), .postgres(url: url))
            }
            try await template.drop(name)
            return result
        } catch {
            try? await template.drop(name)
            throw error
        }
    }
}

let quietLogger = Logger(label: "kijkje.test", factory: { _ in SwiftLogNoOpLogHandler() })

/// Creates, once per process, a database with the current schema from which each test's database is copied. On a
/// Citus cluster the template and every copy exist on each node under one name: a copy of all three is a cluster
/// database of its own (its shards and metadata copied with it), ready in a second instead of a migration's minute.
public actor PostgresTemplate {
    public static let shared = PostgresTemplate(variable: "KIJKJE_TEST_POSTGRES_URL", starter: "PostgreSQL")
    public static let citus = PostgresTemplate(variable: "KIJKJE_TEST_CITUS_URL", starter: "a Citus cluster")
    /// The environment variable with the base URL from `scripts/test`, which starts the throwaway cluster.
    public nonisolated let variable: String
    private nonisolated let starter: String
    private var template: Task<[Int], any Error>?
    private let templateName = "kijkje_template_\(ProcessInfo.processInfo.processIdentifier)"

    init(variable: String, starter: String) {
        self.variable = variable
        self.starter = starter
    }

    /// The URL of `database` on the cluster (its coordinator on Citus).
    public nonisolated func url(database: String) throws -> String {
        guard let base = ProcessInfo.processInfo.environment[variable], var components = URLComponents(string: base) else {
            throw TestSetupError("\(variable) is not set: run the tests with scripts/test, which starts \(starter)")
        }
        components.path = "/" + database
        return components.string ?? base
    }

    /// A new database with the migrated schema; its name is returned for `drop`.
    public func makeDatabase() async throws -> String {
        // The actor yields at every await; one shared task keeps the template from being made twice.
        if template == nil { template = Task { try await makeTemplate() } }
        guard let ports = try await template?.value else { throw TestSetupError("no template") }
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        for port in ports { try await admin("CREATE DATABASE \(name) TEMPLATE \(templateName)", port: port) }
        return name
    }

    /// Makes the template (on every node of a Citus cluster) and returns the ports of the nodes holding it.
    private func makeTemplate() async throws -> [Int] {
        let ports = try await nodePorts()
        for port in ports {
            try await admin("DROP DATABASE IF EXISTS \(templateName) WITH (FORCE)", port: port)
            try await admin("CREATE DATABASE \(templateName)", port: port)
        }
        if ports.count > 1 {
            for port in ports { try await admin("CREATE EXTENSION citus", port: port, database: templateName) }
            try await admin("SELECT citus_set_coordinator_host('127.0.0.1', \(ports[0]))", port: ports[0], database: templateName)
            for port in ports.dropFirst() {
                try await admin("SELECT citus_add_node('127.0.0.1', \(port))", port: ports[0], database: templateName)
            }
        }
        let client = try PostgresDatabase.client(url: try url(database: templateName), logger: quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await SQLHubStore(database: PostgresDatabase(client: client, logger: quietLogger)).migrate()
        }
        if ports.count > 1 {
            // Citus keeps a maintenance connection to each of its databases; a template must have none to be copied.
            for port in ports { try await closeConnections(to: templateName, port: port) }
        }
        return ports
    }

    /// The coordinator's port, then (on Citus) the workers' ones, as the cluster's own database lists them.
    private func nodePorts() async throws -> [Int] {
        let coordinator = try port()
        guard self === Self.citus else { return [coordinator] }
        let own = URLComponents(string: ProcessInfo.processInfo.environment[variable] ?? "")?.path.dropFirst() ?? ""
        let workers = try await query(
            "SELECT nodeport FROM pg_dist_node WHERE groupid > 0 ORDER BY groupid", port: coordinator, database: String(own))
        return [coordinator] + workers
    }

    public func drop(_ name: String) async throws {
        guard let ports = try await template?.value else { return }
        for port in ports {
            if ports.count > 1 {
                // `WITH (FORCE)` ends sessions but not Citus' maintenance connection.
                try await closeConnections(to: name, port: port)
            }
            try await admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", port: port)
        }
    }

    /// Ends every connection to `database` on a node, Citus' maintenance daemon's too, and lets no new one in.
    private func closeConnections(to database: String, port: Int) async throws {
        try await admin("ALTER DATABASE \(database) ALLOW_CONNECTIONS false", port: port)
        try await admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)'", port: port)
    }

    private nonisolated func port() throws -> Int {
        guard let components = URLComponents(string: try url(database: "postgres")), components.host != nil else {
            throw TestSetupError("\(variable) is not a postgres:// URL")
        }
        return components.port ?? 5432
    }

    /// Runs one statement on a node's `database` over a short-lived connection.
    private func admin(_ statement: String, port: Int, database: String = "postgres") async throws {
        _ = try await query(statement, port: port, database: database)
    }

    /// Runs one statement over a short-lived connection and returns the first column of each row as an integer.
    private func query(_ statement: String, port: Int, database: String) async throws -> [Int] {
        guard let components = URLComponents(string: try url(database: "postgres")), let host = components.host else {
            throw TestSetupError("\(variable) is not a postgres:// URL")
        }
        let configuration = PostgresConnection.Configuration(
            host: host, port: port, username: components.user ?? "postgres",
            password: components.password, database: database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: quietLogger)
        do {
            var values: [Int] = []
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: statement), logger: quietLogger) {
                if let value = try? row.decode(Int.self) { values.append(value) }
            }
            try await connection.close()
            return values
        } catch {
            try? await connection.close()
            throw TestSetupError("\(statement): \(String(reflecting: error))")
        }
    }
}

public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
