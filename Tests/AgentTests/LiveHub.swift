import Agent
import AsyncHTTPClient
import Foundation
import Hub
import HubStore
import KijkjeDomain
import KijkjeSync
import KijkjeTestSupport
import Logging
import ServiceLifecycle

/// A hub on a real socket over real TLS (a private CA made for the test), on a fresh store of one kind, with a
/// network of two member schools and a guest school, an edition open for registration, and their agents joined.
struct SyncWorld: Sendable {
    let store: SQLHubStore
    let hub: URL
    let certificates: TestCertificates
    let networkId: UUID
    let edition: Edition
    /// Member schools A and B, guest school G.
    let schools: [Tenant]
    let folder: URL
    /// Stops and starts the hub on the same address (the store stays): agents see it go away and come back.
    let control: HubControl

    var memberA: Tenant { schools[0] }
    var memberB: Tenant { schools[1] }
    var guest: Tenant { schools[2] }

    /// Joins a new agent for `school` through the real join route (with `--ca-cert`), in a fresh folder.
    func joinAgent(_ school: Tenant, name: String = UUID().uuidString) async throws -> AgentFolder {
        let code = try await invitationCode(school)
        return try await AgentFolder.join(
            hub: hub, code: code, caCertificate: certificates.caCertificatePath,
            at: folder.appendingPathComponent(name), label: "test agent \(name)")
    }

    /// A fresh invitation code for `school`, valid a day.
    func invitationCode(_ school: Tenant) async throws -> String {
        let (code, hash) = Secret.make(.invitationCode)
        let now = Date().roundedToMillis
        try await store.addInvitation(
            Invitation(
                id: UUIDv7.make(), networkId: networkId, tenantId: school.id, createdAt: now,
                expiresAt: now.addingTimeInterval(86_400)), codeHash: hash)
        return code
    }

    /// A workshop written by an organiser straight into the store.
    func organiserSession(_ school: Tenant, title: String, visibility: Visibility, capacity: Int = 5, day: Int = 0) -> Session {
        let start = Fixture.time("2026-11-17T08:00:00Z").addingTimeInterval(Double(day) * 86_400 + Double(Int.random(in: 0...7)) * 3600)
        return Session(
            id: UUIDv7.make(), editionId: edition.id, tenantId: school.id, kind: .workshop, title: title,
            description: "", presenter: "", location: "Aula", startsAt: start, endsAt: start.addingTimeInterval(3000),
            capacity: capacity, visibility: visibility, topics: [])
    }

    /// What the hub says a school may see, as (kind/id → JSON of the hub's value), built from the organiser operations.
    func visible(to school: Tenant) async throws -> [String: String] {
        try await hubView(of: school, in: networkId, edition: edition, store: store)
    }
}

/// Runs `body` with a live TLS hub on a fresh store of `kind` and a seeded network.
func withSyncWorld(_ kind: StoreKind, _ body: @escaping @Sendable (SyncWorld) async throws -> Void) async throws {
    let certificates = try TestCertificates.make()
    var configuration = HubConfiguration()
    configuration.port = 0
    configuration.host = "127.0.0.1"
    configuration.tlsCertificatePath = certificates.serverCertificatePath
    configuration.tlsKeyPath = certificates.serverKeyPath
    configuration.mailInterval = .seconds(3600)
    configuration.clockIntervalSeconds = 3600
    let settings = configuration
    try await withStore(kind) { store in
        try await store.migrate()
        let now = Date().roundedToMillis
        let network = Network(id: UUIDv7.make(), name: "Netwerk", createdAt: now)
        try await store.addNetwork(network)
        var schools: [Tenant] = []
        for (name, kind) in [("Het Baken", MembershipKind.member), ("De Linde", .member), ("Gastschool", .guest)] {
            let school = Fixture.makeTenant(name)
            try await store.addTenant(school, to: network.id, as: kind, at: now)
            schools.append(school)
        }
        let days = ["2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"].compactMap(Day.init)
        let edition = Edition(
            id: UUIDv7.make(), networkId: network.id, year: 2026, days: days,
            registrationOpensAt: now.addingTimeInterval(-86_400), registrationClosesAt: now.addingTimeInterval(86_400 * 30),
            allocationMode: .fcfs, claimWindowHours: 24, matchingDeadline: now.addingTimeInterval(86_400 * 40),
            limits: EnrolmentLimits(maxPerDay: 20, maxPerEdition: 40, travelSpeedKmh: 1000, minimumGapMinutes: 0))
        try await store.addEdition(edition, at: Date())
        var logger = Logger(label: "kijkje.hub.test")
        logger.logLevel = .error
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-agents-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let control = HubControl(configuration: settings, store: store, logger: logger)
        let port = try await control.start()
        let world = SyncWorld(
            store: store, hub: URL(string: "https://localhost:\(port)")!, certificates: certificates,
            networkId: network.id, edition: edition, schools: schools, folder: folder, control: control)
        do {
            try await body(world)
        } catch {
            try? await control.stop()
            throw error
        }
        try await control.stop()
    }
}

/// The test's hub, which can be stopped and started again on the port it first got.
actor HubControl {
    let configuration: HubConfiguration
    let store: SQLHubStore
    let logger: Logger
    private var running: (group: ServiceGroup, task: Task<Void, any Error>)?
    private var port = 0

    init(configuration: HubConfiguration, store: SQLHubStore, logger: Logger) {
        self.configuration = configuration
        self.store = store
        self.logger = logger
    }

    /// Starts the hub (on its former port after a stop) and returns the port once it listens.
    @discardableResult
    func start() async throws -> Int {
        guard running == nil else { return port }
        var configuration = configuration
        configuration.port = port
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = try buildApplication(configuration, store: store, logger: logger) { port in portSink.yield(port) }
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task { try await group.run() }
        running = (group, task)
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw TestSetupError("the hub did not start") }
        self.port = port
        return port
    }

    func stop() async throws {
        guard let (group, task) = running else { return }
        running = nil
        await group.triggerGracefulShutdown()
        try await task.value
    }
}
