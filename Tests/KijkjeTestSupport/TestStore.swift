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

    public var description: String { rawValue }
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
    case .postgres:
        let name = try await PostgresTemplate.shared.makeDatabase()
        let url = try PostgresTemplate.url(database: name)
        let database = PostgresDatabase(client: try PostgresDatabase.client(url: url, logger: quietLogger), logger: quietLogger)
        do {
            let result = try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    await database.run(); return nil
                }
                defer { group.cancelAll() }
                return try await body(SQLHubStore(database: database), .postgres(url: url))
            }
            try await PostgresTemplate.shared.drop(name)
            return result
        } catch {
            try? await PostgresTemplate.shared.drop(name)
            throw error
        }
    }
}

let quietLogger = Logger(label: "kijkje.test", factory: { _ in SwiftLogNoOpLogHandler() })

/// Creates, once per process, a database with the current schema from which each test's database is copied.
public actor PostgresTemplate {
    public static let shared = PostgresTemplate()
    private var template: Task<Void, any Error>?
    private let templateName = "kijkje_template_\(ProcessInfo.processInfo.processIdentifier)"

    /// The base URL from `scripts/test`, which starts the throwaway cluster; missing means the tests were not started by it.
    public static func url(database: String) throws -> String {
        guard let base = ProcessInfo.processInfo.environment["KIJKJE_TEST_POSTGRES_URL"],
            var components = URLComponents(string: base)
        else {
            throw TestSetupError("KIJKJE_TEST_POSTGRES_URL is not set: run the tests with scripts/test, which starts PostgreSQL")
        }
        components.path = "/" + database
        return components.string ?? base
    }

    /// A new database with the migrated schema; its name is returned for `drop`.
    public func makeDatabase() async throws -> String {
        // The actor yields at every await; one shared task keeps the template from being made twice.
        if template == nil { template = Task { try await makeTemplate() } }
        try await template?.value
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await admin("CREATE DATABASE \(name) TEMPLATE \(templateName)")
        return name
    }

    private func makeTemplate() async throws {
        try await admin("DROP DATABASE IF EXISTS \(templateName) WITH (FORCE)")
        try await admin("CREATE DATABASE \(templateName)")
        let client = try PostgresDatabase.client(url: try Self.url(database: templateName), logger: quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await SQLHubStore(database: PostgresDatabase(client: client, logger: quietLogger)).migrate()
        }
    }

    public func drop(_ name: String) async throws {
        try await admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs one statement on the cluster's maintenance database over a short-lived connection.
    private func admin(_ statement: String) async throws {
        guard let components = URLComponents(string: try Self.url(database: "postgres")), let host = components.host else {
            throw TestSetupError("KIJKJE_TEST_POSTGRES_URL is not a postgres:// URL")
        }
        let configuration = PostgresConnection.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: "postgres", tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: quietLogger)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: quietLogger)
            try await connection.close()
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
