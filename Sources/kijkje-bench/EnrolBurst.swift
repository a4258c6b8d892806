import ArgumentParser
import AsyncHTTPClient
import Foundation
import Hub
import HubStore
import HubStorePostgres
import KijkjeDomain
import Logging
import NIOCore
import PostgresNIO

/// `enrol-burst`: many concurrent HTTP clients enrolling through the hub on PostgreSQL, some workshops oversubscribed,
/// against pgbench's simple-update transactions (`pgbench -N`) on the same cluster, measured in the same run. With
/// `--citus`, the same on a Citus cluster (pgbench on its coordinator) and on plain PostgreSQL, side by side.
struct EnrolBurst: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrol-burst",
        abstract: "Concurrent enrolments per second (p50, p99) against pgbench -N TPS on the same PostgreSQL (or Citus).")

    @Option(help: "A PostgreSQL server URL (postgres://user@host:port/postgres); default: a throwaway cluster.") var database: String?
    @Flag(help: "Also on a throwaway Citus cluster (a coordinator and two workers, from ../shared/citus).") var citus = false
    @Option(help: "Concurrent HTTP clients (and pgbench clients).") var clients = 64
    @Option(help: "Enrolments per run.") var enrolments = 4000
    @Option(help: "Runs; medians are printed.") var runs = 3
    @Option(help: "Transactions per client in each pgbench run (-t; -T relies on a signal a spawned child may have blocked).")
    var pgbenchTransactions = 250

    /// One store's medians.
    struct Figures {
        var rate = 0.0, p50 = 0.0, p99 = 0.0, tps = 0.0
    }

    func run() async throws {
        say(
            "enrol-burst: \(clients) clients, \(enrolments) enrolments a run (30 workshops, 600 places, Zipf-popular), "
                + "\(runs) runs, medians"
        )
        var measured: [(String, Figures)] = []
        if citus {
            say("Citus 13 (a coordinator and two workers on this machine), pgbench on the coordinator:")
            measured.append(("Citus", try await measure(try ThrowawayCluster(citus: ()))))
        }
        say("PostgreSQL:")
        measured.append(("PostgreSQL", try await measure(try ThrowawayCluster(url: database))))
        for (store, figures) in measured {
            say(
                """
                  \(store): kijkje enrol-burst median \(String(format: "%.0f", figures.rate)) enrolments/s, p50 \
                \(String(format: "%.1f", figures.p50 * 1000)) ms, p99 \(String(format: "%.1f", figures.p99 * 1000)) ms; pgbench -N median \
                \(String(format: "%.0f", figures.tps)) TPS (\(clients) clients, \(pgbenchTransactions) transactions each); \
                ratio enrolments/s : pgbench TPS = \(String(format: "%.3f", figures.rate / figures.tps))
                """)
        }
        if let sharded = measured.first(where: { $0.0 == "Citus" })?.1, let plain = measured.last?.1 {
            say("  ratio Citus : PostgreSQL enrolments/s = \(String(format: "%.2f", sharded.rate / plain.rate))")
        }
    }

    /// The burst through the hub, then pgbench, on one cluster (stopped afterwards).
    func measure(_ cluster: ThrowawayCluster) async throws -> Figures {
        defer { cluster.stop() }
        let (name, url) = try cluster.freshDatabase("kijkje_bench")
        var rates: [Double] = [], p50s: [Double] = [], p99s: [Double] = []
        var configuration = HubConfiguration()
        configuration.databaseURL = url
        try await withBenchHub(configuration, logger: .quietBench) { port, store in
            for run in 1...runs {
                let burst = try await BurstRound.prepare(store: store, people: enrolments, round: run)
                let outcome: Load.Outcome
                do {
                    outcome = try await burst.fire(port: port, clients: clients)
                } catch {
                    say("  run \(run) failed: \(error)")
                    throw error
                }
                let placed = try await placesTaken(burst.sessions, in: burst.networkId, store: store)
                rates.append(outcome.rate)
                p50s.append(outcome.p50)
                p99s.append(outcome.p99)
                say(
                    "  run \(run): \(String(format: "%.0f", outcome.rate)) enrolments/s, "
                        + "\(placed) places of 600 taken, capacity held"
                )
            }
        }
        try cluster.psql("DROP DATABASE IF EXISTS \(name)_pgbench")
        try cluster.psql("CREATE DATABASE \(name)_pgbench")
        try cluster.pgbench(["-i", "-q", "-s", "10", "\(name)_pgbench"])
        var tps: [Double] = []
        for _ in 1...runs {
            tps.append(try cluster.pgbenchTPS(["-N", "-c", "\(clients)", "-j", "2", "-t", "\(pgbenchTransactions)", "\(name)_pgbench"]))
        }
        return Figures(rate: median(rates), p50: median(p50s), p99: median(p99s), tps: median(tps))
    }
}

/// One round: fresh people and 30 workshops; each person enrols in one workshop, popular ones oversubscribed.
struct BurstRound {
    let networkId: UUID
    let token: String
    let requests: [(tenant: UUID, person: UUID, session: UUID)]
    let sessions: [Session]

    /// A network with one school, an open edition, 30 workshops of 20 places and `count` people, set up through the
    /// hub's operations as the operator and the organiser would.
    static func prepare(store: any HubStore, people count: Int, round: Int) async throws -> BurstRound {
        let now = Date().roundedToMillis
        let operations = Operations(store: store)
        let network = try await operations.addNetwork(NetworkDraft(name: "Benchmark \(round)"), by: Operator(), at: now)
        let organiser = Organiser(networkId: network.id)
        let tenant = try await operations.addTenant(
            TenantDraft(
                name: "School \(round)", brin: String(format: "%02dBB", round % 100), town: "Zwolle", latitude: 52.5, longitude: 6.1,
                emailDomains: ["bench\(round)-\(UUID().uuidString.prefix(6).lowercased()).nl"]), by: organiser, at: now)
        let edition = try await operations.addEdition(
            EditionDraft(
                year: 2026, days: [Day("2026-11-17")!], registrationOpensAt: now.addingTimeInterval(-3600),
                registrationClosesAt: now.addingTimeInterval(86_400), allocationMode: "fcfs", claimWindowHours: 24,
                matchingDeadline: now.addingTimeInterval(86_400), limits: .init(maxPerDay: 10, maxPerEdition: 10)), by: organiser, at: now)
        let start = Calendar.networkCalendar.date(from: DateComponents(year: 2026, month: 11, day: 17, hour: 9))!
        let sessions = try await operations.importSessions(
            (0..<30).map { s in
                SessionDraft(
                    editionId: edition.id, tenantId: tenant.id, title: "Workshop \(s)", location: "Lokaal \(s)", startsAt: start,
                    endsAt: start.addingTimeInterval(3600), capacity: 20)
            }, by: organiser, at: now)
        var requests: [(UUID, UUID, UUID)] = []
        var lottery = SystemRandomNumberGenerator()
        for p in 0..<count {
            let person = try await operations.addPerson(
                tenantId: tenant.id,
                PersonDraft(
                    name: "Deelnemer \(p)", email: "p\(p)@\(tenant.emailDomains[0])", role: "teacher"), by: organiser, at: now)
            // Zipf: workshop k is chosen with weight 1/(k+1).
            let weights = (0..<30).map { 1.0 / Double($0 + 1) }
            var x = Double.random(in: 0..<weights.reduce(0, +), using: &lottery)
            var pick = 0
            while x >= weights[pick] && pick < 29 { x -= weights[pick]; pick += 1 }
            requests.append((tenant.id, person.id, sessions[pick].id))
        }
        let token = try await operations.issueOrganiserToken(networkId: network.id, label: "bench", by: Operator(), at: now).token
        return BurstRound(networkId: network.id, token: token, requests: requests, sessions: sessions)
    }

    /// Sends every enrolment with `clients` in flight at once.
    func fire(port: Int, clients: Int) async throws -> Load.Outcome {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = clients
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        defer { _ = client.shutdown() }
        let load = Load(client: client, base: "http://127.0.0.1:\(port)", clients: clients)
        return try await load.each(requests.count) { r in
            let (tenant, person, session) = requests[r]
            var request = HTTPClientRequest(url: "/api/v1/enrolments")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: #"{"tenant_id":"\#(tenant)","person_id":"\#(person)","session_id":"\#(session)"}"#))
            return try await load.send(("/api/v1/enrolments", request), expect: .created)
        }
    }
}

/// The places taken in `sessions` (one edition's), after checking that none was overbooked.
func placesTaken(_ sessions: [Session], in networkId: UUID, store: any HubStore) async throws -> Int {
    guard let edition = sessions.first?.editionId else { return 0 }
    let counts = try await store.enrolmentCounts(editionId: edition, in: networkId)
    var taken = 0
    for session in sessions {
        let confirmed = counts[session.id]?[.confirmed] ?? 0
        guard confirmed <= session.capacity else { throw BenchmarkError("\(session.title) was overbooked: \(confirmed)") }
        taken += confirmed
    }
    return taken
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.down)))]
}
