import Agent
import Foundation
import GRDB
import Hub
import HubStore
import HubStorePostgres
import HubStoreSQLite
import KijkjeDomain
import KijkjeSync
import KijkjeTestSupport
import Logging
import ServiceLifecycle

/// A hub over HTTPS (a private CA made for the run) on an embedded SQLite store in a temporary folder, with a network
/// of schools, an edition and a catalogue; agents join it through the real join route.
struct SyncBenchHub {
    let store: SQLHubStore
    let hub: URL
    let certificates: TestCertificates
    let network: UUID
    let edition: Edition
    let schools: [Tenant]
    let folder: URL

    /// Starts the hub (on the PostgreSQL database at `databaseURL`, or SQLite in a temporary folder), runs `body`,
    /// stops the hub.
    static func with(
        schools count: Int, catalogue: Int, databaseURL: String? = nil, _ body: (SyncBenchHub) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let databaseURL else {
            let store = try SQLiteDatabase.store(path: folder.appendingPathComponent("hub.sqlite").path)
            return try await serve(store, folder: folder, schools: count, catalogue: catalogue, body)
        }
        let database = PostgresDatabase(client: try PostgresDatabase.client(url: databaseURL, logger: .quietBench), logger: .quietBench)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.run() }
            defer { group.cancelAll() }
            try await serve(SQLHubStore(database: database), folder: folder, schools: count, catalogue: catalogue, body)
        }
    }

    private static func serve(
        _ store: SQLHubStore, folder: URL, schools count: Int, catalogue: Int, _ body: (SyncBenchHub) async throws -> Void
    ) async throws {
        let certificates = try TestCertificates.make()
        try await store.migrate()
        let now = Date().roundedToMillis
        let operations = Operations(store: store)
        let network = try await BenchNetwork.make(operations, name: "Bench", schools: count, at: now)
        let organiser = network.organiser
        let schools = network.schools
        let days = ["2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"].compactMap(Day.init)
        let edition = try await operations.addEdition(
            EditionDraft(
                year: 2026, days: days, registrationOpensAt: now, registrationClosesAt: now.addingTimeInterval(86_400),
                allocationMode: "fcfs",
                claimWindowHours: 24, matchingDeadline: now.addingTimeInterval(86_400 * 2)), by: organiser, at: now)
        let start = Fixture.time("2026-11-17T08:00:00Z")
        var batch: [SessionDraft] = []
        for i in 0..<catalogue {
            let begins = start.addingTimeInterval(Double(i % 4) * 86_400 + Double(i % 8) * 3600)
            batch.append(
                SessionDraft(
                    editionId: edition.id, tenantId: schools[i % count].id, kind: "workshop", title: "Workshop \(i)",
                    description: "Over formatief evalueren en feedback in de les", presenter: "Docent \(i)",
                    location: "Lokaal \(i % 40)", startsAt: begins, endsAt: begins.addingTimeInterval(3600), capacity: 20,
                    visibility: "network", topics: ["didactiek", "feedback"]))
            if batch.count == 5000 || i == catalogue - 1 {
                _ = try await operations.importSessions(batch, by: organiser, at: now)
                batch.removeAll()
            }
        }
        var configuration = HubConfiguration()
        configuration.port = 0
        configuration.tlsCertificatePath = certificates.serverCertificatePath
        configuration.tlsKeyPath = certificates.serverKeyPath
        configuration.dataDirectory = folder.path
        var logger = Logger(label: "kijkje.bench")
        logger.logLevel = .error
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = try buildApplication(configuration, store: store, logger: logger) { portSink.yield($0) }
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw BenchmarkError("the hub did not start") }
            let bench = SyncBenchHub(
                store: store, hub: URL(string: "https://localhost:\(port)")!, certificates: certificates,
                network: network.id, edition: edition, schools: schools, folder: folder)
            do { try await body(bench) } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// A newly joined agent of `school`, in its own folder.
    func join(_ school: Tenant) async throws -> AgentFolder {
        let code = try await Operations(store: store).issueInvitation(
            tenantId: school.id, validDays: 1, by: Organiser(networkId: network),
            at: Date().roundedToMillis
        ).code
        return try await AgentFolder.join(
            hub: hub, code: code, caCertificate: certificates.caCertificatePath,
            at: folder.appendingPathComponent("agent-\(UUID().uuidString)"), label: "bench")
    }
}
