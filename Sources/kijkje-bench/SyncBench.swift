import Agent
import Foundation
import GRDB
import Hub
import HubStore
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

    /// Starts the hub, runs `body`, stops the hub.
    static func with(schools count: Int, catalogue: Int, _ body: (SyncBenchHub) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let certificates = try TestCertificates.make()
        let store = try SQLiteDatabase.store(path: folder.appendingPathComponent("hub.sqlite").path)
        try await store.migrate()
        let now = Date().roundedToMillis
        let network = Network(id: UUIDv7.make(), name: "Bench", createdAt: now)
        try await store.addNetwork(network)
        var schools: [Tenant] = []
        for i in 0..<count {
            let school = Fixture.makeTenant("School \(i)")
            try await store.addTenant(school, to: network.id, as: .member, at: now)
            schools.append(school)
        }
        let days = ["2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"].compactMap(Day.init)
        let edition = Edition(id: UUIDv7.make(), networkId: network.id, year: 2026, days: days, registrationOpensAt: now,
                              registrationClosesAt: now.addingTimeInterval(86_400), allocationMode: .fcfs, claimWindowHours: 24,
                              matchingDeadline: now.addingTimeInterval(86_400 * 2))
        try await store.addEdition(edition, at: Date())
        let start = Fixture.time("2026-11-17T08:00:00Z")
        var batch: [Session] = []
        for i in 0..<catalogue {
            let begins = start.addingTimeInterval(Double(i % 4) * 86_400 + Double(i % 8) * 3600)
            batch.append(Session(id: UUIDv7.make(), editionId: edition.id, tenantId: schools[i % count].id, kind: .workshop,
                                 title: "Workshop \(i)", description: "Over formatief evalueren en feedback in de les", presenter: "Docent \(i)",
                                 location: "Lokaal \(i % 40)", startsAt: begins, endsAt: begins.addingTimeInterval(3600), capacity: 20,
                                 visibility: .network, topics: ["didactiek", "feedback"]))
            if batch.count == 5000 || i == catalogue - 1 {
                try await store.addSessions(batch, in: network.id, at: Date())
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
            let bench = SyncBenchHub(store: store, hub: URL(string: "https://localhost:\(port)")!, certificates: certificates,
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
        let (code, hash) = Secret.make(.invitationCode)
        let now = Date().roundedToMillis
        try await store.addInvitation(Invitation(id: UUIDv7.make(), networkId: network, tenantId: school.id, createdAt: now,
                                                 expiresAt: now.addingTimeInterval(3600)), codeHash: hash)
        return try await AgentFolder.join(hub: hub, code: code, caCertificate: certificates.caCertificatePath,
                                          at: folder.appendingPathComponent("agent-\(UUID().uuidString)"), label: "bench")
    }
}
