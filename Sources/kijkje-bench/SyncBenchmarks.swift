import Agent
import ArgumentParser
import AsyncHTTPClient
import Foundation
import Hub
import GRDB
import HubStore
import HubStorePostgres
import KijkjeDomain
import KijkjeSync
import NIOSSL

/// `sync-initial`: a fresh agent pulls a whole catalogue over HTTPS into its replica, against inserting the same rows
/// straight into a SQLite file (the floor any replica write has), measured in the same run.
struct SyncInitial: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync-initial",
        abstract: "Rows/s of a fresh agent's first pull against plain SQLite inserts.")
    @Option(help: "Catalogue rows.") var rows = 100_000
    @Option(help: "Rows per page.") var pageSize = 5000
    @Option(help: "Runs; medians are printed.") var runs = 3

    func run() async throws {
        say("sync-initial: \(rows) workshops at the hub (SQLite, HTTPS), pages of \(pageSize), \(runs) runs, medians")
        try await SyncBenchHub.with(schools: 35, catalogue: rows) { bench in
            var ours: [Double] = [], plain: [Double] = []
            for run in 1...runs {
                let folder = try await bench.join(bench.schools[run % 35])
                let replica = try folder.replica()
                let client = try folder.client()
                var sync = SyncSession(school: folder.settings.tenantId, replica: replica, client: client)
                sync.pageSize = pageSize
                let started = ContinuousClock.now
                try await sync.round()
                let seconds = (ContinuousClock.now - started).seconds
                let count = try replica.rowCount()
                try await client.shutdown()
                ours.append(Double(count) / seconds)
                // The same rows, straight into SQLite in one transaction.
                let data = try replica.allRows()
                let path = folder.path.appendingPathComponent("plain.sqlite").path
                let queue = try DatabaseQueue(path: path)
                try await queue.write { try $0.execute(sql: "CREATE TABLE rows (key TEXT PRIMARY KEY, data TEXT NOT NULL)") }
                let plainStart = ContinuousClock.now
                try await queue.write { db in
                    for (key, json) in data { try db.execute(sql: "INSERT INTO rows (key, data) VALUES (?, ?)", arguments: [key, json]) }
                }
                plain.append(Double(data.count) / (ContinuousClock.now - plainStart).seconds)
                say(
                    "  run \(run): \(count) rows in \(String(format: "%.2f", seconds)) s = \(String(format: "%.0f", ours.last!)) rows/s; "
                        + "plain inserts \(String(format: "%.0f", plain.last!)) rows/s"
                )
            }
            say(
                """
                  kijkje agent first pull  median \(String(format: "%.0f", median(ours))) rows/s (HTTPS, JSON, replica with cursors)
                  plain SQLite inserts     median \(String(format: "%.0f", median(plain))) rows/s (same rows, one transaction)
                  ratio pull : plain = \(String(format: "%.3f", median(ours) / median(plain)))
                """)
        }
    }
}

/// `sync-idle`: empty pulls per second one hub serves to many concurrent agents that are up to date, against a
/// request to `/health` (no store, no authentication) with the same clients and concurrency.
struct SyncIdle: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync-idle",
        abstract: "Empty pulls/s for many up-to-date agents against /health requests/s.")
    @Option(help: "Concurrent agents.") var agents = 50
    @Option(help: "Seconds each measurement lasts.") var seconds = 5.0
    @Option(help: "Runs; medians are printed.") var runs = 3

    func run() async throws {
        say("sync-idle: \(agents) up-to-date agents pulling without waiting, \(seconds) s per measurement, \(runs) runs, medians")
        try await SyncBenchHub.with(schools: agents, catalogue: 1000) { bench in
            var sessions: [SyncSession] = []
            for school in bench.schools {
                let folder = try await bench.join(school)
                let session = SyncSession(school: school.id, replica: try folder.replica(), client: try folder.client())
                try await session.round()
                sessions.append(session)
            }
            var pulls: [Double] = [], health: [Double] = []
            for run in 1...runs {
                pulls.append(
                    try await Self.rate(sessions, seconds: seconds) { session in
                        let response = try await session.client.pull(try session.replica.nextPull())
                        guard !response.scopes.contains(where: { !$0.rows.isEmpty }) else { throw BenchmarkError("a pull was not empty") }
                    })
                health.append(try await Self.rate(sessions, seconds: seconds) { session in try await session.client.health() })
                say("  run \(run): \(String(format: "%.0f", pulls.last!)) empty pulls/s, \(String(format: "%.0f", health.last!)) /health/s")
            }
            for session in sessions { try await session.client.shutdown() }
            say(
                """
                  kijkje empty pulls  median \(String(format: "%.0f", median(pulls))) pulls/s (\(agents) agents, 3 scopes each)
                  /health             median \(String(format: "%.0f", median(health))) requests/s (same clients)
                  ratio pulls : health = \(String(format: "%.3f", median(pulls) / median(health)))
                """)
        }
    }

    /// Requests per second when every session repeats `request` for `seconds`.
    static func rate(
        _ sessions: [SyncSession], seconds: Double, _ request: @escaping @Sendable (SyncSession) async throws -> Void
    ) async throws -> Double {
        let deadline = ContinuousClock.now + .seconds(seconds)
        let started = ContinuousClock.now
        let count = try await withThrowingTaskGroup(of: Int.self) { group in
            for session in sessions {
                group.addTask {
                    var n = 0
                    while ContinuousClock.now < deadline { try await request(session); n += 1 }
                    return n
                }
            }
            return try await group.reduce(0, +)
        }
        return Double(count) / (ContinuousClock.now - started).seconds
    }
}

/// `sync-latency`: from a change at the hub to its arrival in a long-polling agent's replica, against the round
/// trip of one plain (non-waiting) pull from the same agent.
struct SyncLatency: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync-latency",
        abstract: "Change-to-replica latency of a long-polling agent (p50, p99) against a plain pull's round trip.")
    @Option(help: "Changes measured per run.") var changes = 100
    @Option(help: "Runs; medians are printed.") var runs = 3
    @Flag(help: "The hub on PostgreSQL (a throwaway cluster), the changes written by a second pool, as another hub process would.")
    var postgres = false

    func run() async throws {
        say(
            "sync-latency: \(changes) changes a run, one long-polling agent, \(runs) runs, medians of p50 and p99, "
                + (postgres ? "PostgreSQL, changes by a second pool (another hub process)" : "SQLite, one hub process"))
        let cluster = postgres ? try ThrowawayCluster(url: nil) : nil
        defer { cluster?.stop() }
        let url = try cluster?.freshDatabase("kijkje_latency").url
        // On PostgreSQL the changes come through a pool of their own: the hub's pool hears of them only by NOTIFY.
        let writer = try url.map {
            PostgresDatabase(client: try PostgresDatabase.client(url: $0, logger: .quietBench), logger: .quietBench)
        }
        let running = Task { await writer?.run() }
        defer { running.cancel() }
        try await SyncBenchHub.with(schools: 3, catalogue: 1000, databaseURL: url) { bench in
            let writes = writer.map { SQLHubStore(database: $0) } ?? bench.store
            let folder = try await bench.join(bench.schools[1])
            let sync = SyncSession(school: folder.settings.tenantId, replica: try folder.replica(), client: try folder.client())
            try await sync.round()
            var p50s: [Double] = [], p99s: [Double] = [], trips: [Double] = []
            let target = try await bench.store.sessions(editionId: bench.edition.id, in: bench.network).first {
                $0.tenantId == bench.schools[0].id
            }!
            for run in 1...runs {
                var latencies: [Double] = []
                var roundTrips: [Double] = []
                for i in 0..<changes {
                    let plainStart = ContinuousClock.now
                    try await sync.round()
                    roundTrips.append((ContinuousClock.now - plainStart).seconds)
                    let title = "run \(run) change \(i)"
                    let poller = Task { try await sync.round(wait: 25) }
                    try await Task.sleep(for: .milliseconds(Int.random(in: 20...80)))
                    var changed = SessionDraft(target)
                    changed.title = title
                    let changedAt = ContinuousClock.now
                    _ = try await Operations(store: writes).updateSession(
                        id: target.id, changed, by: Organiser(networkId: bench.network),
                        at: Date().roundedToMillis)
                    _ = try await poller.value
                    // The clock stops when the round has applied the page; checking the replica (it decodes every
                    // session) is not part of the latency.
                    let arrived = ContinuousClock.now
                    guard try sync.replica.rows(.session, as: Session.self)[target.id]?.title == title else {
                        throw BenchmarkError("the change did not arrive with the long poll")
                    }
                    latencies.append((arrived - changedAt).seconds)
                }
                p50s.append(percentile(latencies, 0.5))
                p99s.append(percentile(latencies, 0.99))
                trips.append(percentile(roundTrips, 0.5))
                say("  run \(run): p50 \(ms(p50s.last!)) ms, p99 \(ms(p99s.last!)) ms; plain pull round trip p50 \(ms(trips.last!)) ms")
            }
            try await sync.client.shutdown()
            say(
                """
                  kijkje change to replica  median p50 \(ms(median(p50s))) ms, p99 \(ms(median(p99s))) ms (long poll, woken by the \
                feed's signal)
                  plain pull round trip     median p50 \(ms(median(trips))) ms
                  ratio latency p50 : round trip = \(String(format: "%.2f", median(p50s) / median(trips)))
                """)
        }
    }

    func ms(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1000) }
}
