import ArgumentParser
import AsyncHTTPClient
import Foundation
import Hub
import HubStore
import KijkjeDomain
import KijkjeMatching
import KijkjeTestSupport
import Logging
import NIOCore
import NIOHTTP1

/// `portal-load`: registration opens. Signed-in staff of 35 schools open the catalogue over and over, against
/// `/health` with the same clients; then each of them opens the catalogue and enrols (popular workshops fill).
/// Pages/s, enrolments/s and p99 in the same run, on PostgreSQL; nothing may be overbooked.
struct PortalLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal-load",
        abstract: "Catalogue pages/s and enrolments/s of signed-in staff (p99) against /health with the same clients.")

    @Option(help: "A PostgreSQL server URL (postgres://user@host:port/postgres); default: a throwaway cluster.") var database: String?
    @Option(help: "Concurrent HTTP clients.") var clients = 64
    @Option(help: "Signed-in staff (spread over 35 schools); each enrols once a run.") var staff = 1000
    @Option(help: "Seconds of page load and of /health load per run.") var seconds = 5.0
    @Option(help: "Runs; medians are printed.") var runs = 3

    func run() async throws {
        let cluster = try ThrowawayCluster(url: database)
        defer { cluster.stop() }
        let url = try cluster.freshDatabase("kijkje_portal").url
        say("portal-load: \(clients) clients, \(staff) signed-in staff of 35 schools, 140 workshops, \(runs) runs, medians")
        var configuration = HubConfiguration()
        configuration.databaseURL = url
        var pages: [Double] = [], pageP99: [Double] = [], health: [Double] = [], healthP99: [Double] = []
        var enrolments: [Double] = [], enrolP99: [Double] = [], pageBytes = 0, healthBytes = 0
        try await withBenchHub(configuration, logger: .quietBench) { port, store in
            var http = HTTPClient.Configuration()
            http.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = clients
            http.redirectConfiguration = .disallow
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: http)
            defer { _ = client.shutdown() }
            let load = Load(client: client, base: "http://127.0.0.1:\(port)", clients: clients)
            for run in 1...runs {
                let week = try await SignedInWeek.prepare(store: store, staff: staff, round: run)
                pageBytes = try await load.exchange(Load.get("/catalogue", cookie: week.people[0].cookie), expect: .ok).bytes
                healthBytes = try await load.exchange(Load.get("/health"), expect: .ok).bytes
                let catalogue = try await load.hammer(seconds: seconds) { n in
                    let person = week.people[n % week.people.count]
                    return (Load.get("/catalogue", cookie: person.cookie), .ok)
                }
                let reference = try await load.hammer(seconds: seconds) { _ in (Load.get("/health"), .ok) }
                let enrolled = try await load.each(week.people.count) { n in
                    let person = week.people[n]
                    _ = try await load.send(Load.get("/catalogue", cookie: person.cookie), expect: .ok)
                    return try await load.send(
                        Load.post("/sessions/\(person.wants)/enrol", form: "csrf=\(person.csrf)", cookie: person.cookie), expect: .seeOther)
                }
                let taken = try await placesTaken(week.sessions, in: week.networkId, store: store)
                pages.append(catalogue.rate)
                pageP99.append(catalogue.p99)
                health.append(reference.rate)
                healthP99.append(reference.p99)
                enrolments.append(enrolled.rate)
                enrolP99.append(enrolled.p99)
                say(
                    "  run \(run): \(Int(catalogue.rate)) pages/s (p99 \(ms(catalogue.p99))), /health \(Int(reference.rate))/s, "
                        + "\(Int(enrolled.rate)) enrolments/s (p99 \(ms(enrolled.p99))), \(taken) of 2800 places taken, none overbooked")
            }
        }
        say(
            """
              kijkje /catalogue  median \(Int(median(pages))) pages/s, p99 \(ms(median(pageP99))) ms (a signed-in teacher, 140 workshops)
              /health            median \(Int(median(health))) requests/s, p99 \(ms(median(healthP99))) ms (same clients)
              ratio pages : health = \(String(format: "%.3f", median(pages) / median(health)))
              bytes: a catalogue page \(pageBytes / 1024) KB of HTML, /health \(healthBytes) bytes; pages carry \
            \(String(format: "%.0f", median(pages) * Double(pageBytes) / 1_048_576)) MB/s, /health \
            \(String(format: "%.1f", median(health) * Double(healthBytes) / 1_048_576)) MB/s
              kijkje enrol       median \(Int(median(enrolments))) enrolments/s, p99 \(ms(median(enrolP99))) ms (catalogue, then the \
            enrol form)
            """)
    }

    func ms(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1000) }
}

/// A network of 35 schools with an open edition of 140 workshops (20 places each), and signed-in staff spread
/// over the schools, each with the workshop they will enrol in (popular ones more often: Zipf).
struct SignedInWeek {
    struct Member: Sendable {
        var cookie: String
        var csrf: String
        var wants: UUID
    }

    let networkId: UUID
    let sessions: [Session]
    let people: [Member]

    static func prepare(store: any HubStore, staff: Int, round: Int) async throws -> SignedInWeek {
        let now = Date().roundedToMillis
        let operations = Operations(store: store)
        let network = try await BenchNetwork.make(operations, name: "Portal \(round)", schools: 35, at: now)
        let organiser = network.organiser
        let days = ["2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"].compactMap(Day.init)
        let edition = try await operations.addEdition(
            EditionDraft(
                year: 2026, days: days, registrationOpensAt: now.addingTimeInterval(-60),
                registrationClosesAt: now.addingTimeInterval(86_400),
                allocationMode: "fcfs", claimWindowHours: 24, matchingDeadline: now.addingTimeInterval(86_400 * 2),
                limits: .init(maxPerDay: 10, maxPerEdition: 10)), by: organiser, at: now)
        let start = Fixture.time("2026-11-17T08:00:00Z")
        let sessions = try await operations.importSessions(
            (0..<140).map { i in
                let begins = start.addingTimeInterval(Double(i % 4) * 86_400 + Double(i % 8) * 3600)
                return SessionDraft(
                    editionId: edition.id, tenantId: network.schools[i % 35].id, kind: "workshop", title: "Workshop \(i)",
                    description: "Over formatief evalueren en feedback in de les", presenter: "Docent \(i)", location: "Lokaal \(i % 40)",
                    startsAt: begins, endsAt: begins.addingTimeInterval(3600), capacity: 20, visibility: "network",
                    topics: ["didactiek", "feedback"])
            }, by: organiser, at: now)
        var lottery = Lottery(seed: UInt64(round))
        let weights = (0..<sessions.count).map { 1.0 / Double($0 + 1) }
        var people: [Member] = []
        for p in 0..<staff {
            let school = network.schools[p % 35]
            let email = "p\(p)@\(school.emailDomains[0])"
            let person = try await operations.addPerson(
                tenantId: school.id, PersonDraft(name: "Deelnemer \(p)", email: email, role: "teacher"), by: organiser, at: now)
            let token = Secret.make(.webSession), csrf = Secret.make(.formToken).secret
            try await store.addWebSession(
                WebSession(
                    email: email, networkId: network.id, tenantId: school.id, personId: person.id, organiser: false, csrf: csrf,
                    expiresAt: now.addingTimeInterval(3600)), tokenHash: token.hash, at: now)
            var x = Double.random(in: 0..<weights.reduce(0, +), using: &lottery)
            var pick = 0
            while x >= weights[pick] && pick < weights.count - 1 {
                x -= weights[pick]
                pick += 1
            }
            people.append(Member(cookie: "kijkje_session=\(token.secret)", csrf: csrf, wants: sessions[pick].id))
        }
        return SignedInWeek(networkId: network.id, sessions: sessions, people: people)
    }
}
