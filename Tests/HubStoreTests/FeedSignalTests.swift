import Foundation
import HubStore
import HubStorePostgres
import KijkjeTestSupport
import Testing

/// The signal that wakes long-polling pulls: fired by a commit that moves the sync feed on, on PostgreSQL also in
/// another hub process's pool (LISTEN/NOTIFY), and its waits end when fired, at their deadline, or cancelled.
@Suite("Feed signal")
struct FeedSignalTests {
    @Test("a commit that moves the feed on fires the signal; on PostgreSQL another pool's listener hears it", arguments: StoreKind.allCases)
    func commitFires(kind: StoreKind) async throws {
        try await withStore(kind) { store, location in
            guard case .postgres(let url) = location else {
                let seen = store.feed.generation
                _ = try await Fixture.make(in: store)
                #expect(store.feed.generation > seen)
                return
            }
            // A second pool on the same database, as a second hub process has.
            let other = PostgresDatabase(client: try PostgresDatabase.client(url: url))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await other.run() }
                defer { group.cancelAll() }
                // The listener fires once when it starts listening.
                await other.feed.wait(beyond: 0, until: .now + .seconds(60))
                try #require(other.feed.generation > 0, "the listener started")
                let seen = other.feed.generation
                _ = try await Fixture.make(in: store)
                await other.feed.wait(beyond: seen, until: .now + .seconds(60))
                #expect(other.feed.generation > seen)
            }
        }
    }

    @Test("firing wakes every waiter; a wait without a firing ends at its deadline, and when its task is cancelled")
    func waits() async throws {
        let signal = FeedSignal()
        let seen = signal.generation
        async let first: Void = signal.wait(beyond: seen, until: .now + .seconds(600))
        async let second: Void = signal.wait(beyond: seen, until: .now + .seconds(600))
        try await Task.sleep(for: .milliseconds(20))
        signal.fire()
        _ = await (first, second)
        #expect(signal.generation == seen + 1)
        // Already beyond: no wait at all.
        await signal.wait(beyond: seen, until: .now + .seconds(600))
        await signal.wait(beyond: signal.generation, until: .now + .milliseconds(10))
        let waiting = Task { await signal.wait(beyond: signal.generation, until: .now + .seconds(600)) }
        waiting.cancel()
        await waiting.value
        #expect(signal.generation == seen + 1)
    }
}

/// Statements prepared once per connection (`PostgresDatabase`) across a change of the schema.
@Suite("Prepared statements")
struct PreparedStatementTests {
    @Test("a prepared SELECT * still answers after another hub process adds a column to its table", arguments: StoreKind.allCases)
    func schemaChangeUnderPreparedStatement(kind: StoreKind) async throws {
        try await withStore(kind) { store, location in
            guard case .postgres(let url) = location else { return }
            _ = try await Fixture.make(in: store)
            for _ in 1...5 { _ = try await store.database.run("SELECT * FROM tenants") }
            let other = PostgresDatabase(client: try PostgresDatabase.client(url: url))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await other.run() }
                defer { group.cancelAll() }
                try await other.run("ALTER TABLE tenants ADD COLUMN added_later INTEGER")
            }
            for _ in 1...5 {
                let rows = try await store.database.run("SELECT * FROM tenants")
                #expect(!rows.isEmpty && rows.allSatisfy { $0.values.keys.contains("added_later") })
            }
        }
    }
}
