import Foundation
import HubStore
import HubStorePostgres
import HubStoreSQLite
import Logging
import PostgresNIO
import ServiceLifecycle

/// The store a configuration names, and the service (if any) that must run beside it.
public struct OpenedStore: Sendable {
    public let store: any HubStore
    /// The PostgreSQL connection pool and its feed listener, which run as a service; nil for SQLite.
    public let service: (any Service)?

    /// SQLite at the configured data directory, or PostgreSQL when a database URL is given.
    public static func open(_ configuration: HubConfiguration, logger: Logger) throws -> OpenedStore {
        if let url = configuration.databaseURL, !url.isEmpty {
            let client = try PostgresDatabase.client(url: url, logger: logger)
            let database = PostgresDatabase(client: client, logger: logger)
            return OpenedStore(store: SQLHubStore(database: database), service: PostgresService(database: database))
        }
        return OpenedStore(store: try SQLiteDatabase.store(path: configuration.sqlitePath), service: nil)
    }

    /// Runs `body` with the store, keeping the PostgreSQL pool running meanwhile (for one-shot commands).
    public func withRunning<T: Sendable>(_ body: @Sendable @escaping (any HubStore) async throws -> T) async throws -> T {
        guard let service else { return try await body(store) }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await service.run(); return nil
            }
            defer { group.cancelAll() }
            let result = try await body(store)
            return result
        }
    }
}

/// The PostgreSQL pool running, and beside it the listener that wakes long polls when any hub process commits a
/// change to the sync feed.
struct PostgresService: Service {
    let database: HubStorePostgres.PostgresDatabase

    func run() async throws { await database.run() }
}
