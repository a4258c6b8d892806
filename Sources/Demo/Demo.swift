import Foundation
import Hub
import HubStore
import KijkjeDomain
import Logging
import ServiceLifecycle
import AgentAdmin

/// What `kijkje-hub demo` is asked for.
public struct DemoOptions: Sendable {
    public var seed: UInt64 = 2026
    public var schools = 35
    public var staff = 7000
    /// A fresh folder for the hub's SQLite store, its mailbox and the agents' folders (a former demo's is emptied).
    public var dataDirectory = "./kijkje-demo"
    /// A PostgreSQL (or Citus coordinator) database for the hub instead of the embedded SQLite store; it must be empty.
    public var databaseURL: String?
    public var host = "127.0.0.1"
    /// 0 asks the system for a free port.
    public var port = 8080
    /// End after the summary instead of keeping the hub running.
    public var exit = false
    /// How many agents (and organiser calls) work at once.
    public var width = 8

    public init() {}
}

/// `kijkje-hub demo`: a whole career week, on the embedded default (a fresh SQLite store) or an empty PostgreSQL or
/// Citus database. A hub on it, one agent per
/// school syncing over HTTP, the organiser driving the week through the API; then the summary.
public enum Demo {
    static let marker = ".kijkje-demo"

    /// Runs the week and returns its summary; `say` gets each line of progress and the summary. Without `exit`
    /// the hub keeps serving until SIGINT or SIGTERM.
    @discardableResult
    public static func run(_ options: DemoOptions, logger: Logger, say: @escaping @Sendable (String) -> Void) async throws -> DemoSummary {
        let folder = try freshFolder(options.dataDirectory)
        var configuration = HubConfiguration()
        configuration.dataDirectory = folder.path
        configuration.host = options.host
        configuration.port = options.port
        configuration.mailInterval = .milliseconds(200)
        configuration.databaseURL = options.databaseURL
        let opened = try OpenedStore.open(configuration, logger: logger)
        return try await opened.withRunning { [configuration] store in
            try await run(options, store: store, folder: folder, configuration: configuration, logger: logger, say: say)
        }
    }

    static func run(
        _ options: DemoOptions, store: any HubStore, folder: URL, configuration: HubConfiguration, logger: Logger,
        say: @escaping @Sendable (String) -> Void
    ) async throws -> DemoSummary {
        if options.databaseURL != nil, let applied = try? await store.schemaVersion().applied, applied > 0 {
            throw DemoError("the database already holds a hub's schema; the demo writes a whole network: give it an empty database")
        }
        try await store.migrate()
        let operatorToken = try await IssuedToken.issue(.operatorAccount, networkId: nil, label: "demo", in: store).token

        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = try buildApplication(configuration, store: store, logger: logger) { portSink.yield($0) }
        let group = ServiceGroup(
            configuration: .init(
                services: [app], gracefulShutdownSignals: options.exit ? [] : [.sigterm, .sigint],
                logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { portSink.finish() }
                try await group.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                // The hub stopped before it listened (its port taken, say): its own error says why.
                do { try await tasks.waitForAll() } catch {
                    throw DemoError(
                        "the hub could not listen on \(options.host):\(options.port) (\(error)); give another --port (0: any free one)")
                }
                throw DemoError("the hub did not start")
            }
            let hub = URL(string: "http://\(options.host):\(port)")!
            let summary: DemoSummary, organiserToken: String
            do {
                (summary, organiserToken) = try await week(
                    options, hub: hub, store: store, folder: folder, operatorToken: operatorToken, say: say)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            if options.exit {
                await group.triggerGracefulShutdown()
            } else {
                say("")
                say("The hub keeps running at \(hub.absoluteString) (Ctrl-C stops it). Try:")
                let agents = folder.appendingPathComponent("agents")
                let school = (try? FileManager.default.contentsOfDirectory(atPath: agents.path).sorted().first) ?? "<BRIN>"
                say("  curl -H 'Authorization: Bearer \(organiserToken)' \(hub.absoluteString)/api/v1/editions")
                say("  swift run kijkje-agent enrolments --dir \(agents.appendingPathComponent(school).path)")
                say("Sign in to the portal (each link works once, for 15 minutes):")
                for (email, link) in summary.signInLinks.sorted(by: { $0.key > $1.key }) { say("  \(email): \(link)") }
                // A school's administrator's pages, as its agent serves them (each school's: kijkje-agent run --dir <its folder>).
                let home = AgentHome(path: agents.appendingPathComponent(school))
                var settings = AdminSettings()
                settings.host = options.host
                settings.port = 0
                let (adminPorts, adminSink) = AsyncStream.makeStream(of: Int.self)
                let admin = try buildAdminApplication(home: home, settings: settings, logger: logger) { adminSink.yield($0) }
                let adminGroup = ServiceGroup(
                    configuration: .init(services: [admin], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
                tasks.addTask {
                    defer { adminSink.finish() }
                    try await adminGroup.run()
                }
                var adminIterator = adminPorts.makeAsyncIterator()
                if let adminPort = await adminIterator.next() {
                    let link = try home.accounts.issueLink(validFor: 3600)
                    say("The administrator's pages of \(school) (its agent's; one-time link, an hour):")
                    say("  http://\(options.host):\(adminPort)/sign-in/link/\(link)")
                }
            }
            try await tasks.waitForAll()
            return summary
        }
    }

    /// The phases, timed, and the summary.
    static func week(
        _ options: DemoOptions, hub: URL, store: any HubStore, folder: URL, operatorToken: String,
        say: @escaping @Sendable (String) -> Void
    ) async throws -> (DemoSummary, String) {
        let clock = ContinuousClock()
        var phases: [DemoSummary.Phase] = []
        func phase<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
            say("… \(name)")
            let start = clock.now
            let result = try await body()
            let elapsed = clock.now - start
            phases.append(.init(name: name, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
            return result
        }
        let plan = try await phase("planning the network") {
            DemoPlan.make(seed: options.seed, schools: options.schools, staff: options.staff)
        }
        say(
            "  \(plan.memberCount) schools, \(plan.schools.count - plan.memberCount) guests, \(plan.workshops.count) workshops, "
                + "\(plan.offers.count) shadow offers, \(plan.participants.count) participants, \(plan.shadowRequestCount) shadow requests")
        var week = DemoWeek(plan: plan, hub: hub, seed: options.seed, folder: folder.appendingPathComponent("agents"), width: options.width)
        do {
            let codes = try await phase("organiser sets up the network and the 2026 edition") {
                let codes = try await week.setUp(operatorToken: operatorToken)
                try await week.addOrganiserAddress()
                return codes
            }
            try await phase("agents join, import staff, publish workshops and offers") { try await week.publish(codes: codes) }
            let invited = try await phase("schools invite their staff (their agents' mailboxes)") {
                try await week.inviteStaff(reminder: false)
            }
            try await phase("participants rank choices and ask to shadow; allocation") { try await week.rankAndRequest() }
            try await phase("agents enrol their staff, first come first served") { try await week.enrolFirstComeFirstServed() }
            try await phase("shadow matching and answers") { try await week.matchShadowDays() }
            let reminded = try await phase("schools remind who has not taken part") {
                try await week.syncAll()
                return try await week.inviteStaff(reminder: true)
            }
            try await phase("a late workshop: a place given up, offered, lapsed; a room moved; withdrawn") {
                try await week.changeTheWeek(store: store)
            }
            let links = try await phase("sign-in links for a teacher and the organiser") {
                var links: [String: String] = [:]
                for email in [week.sampleTeacher, DemoWeek.organiserEmail] { links[email] = try await week.signInLink(email, store: store) }
                return links
            }
            // The week's clock moved on by hand: the reminders of the afternoon before each day (at 15:30 then).
            try await phase("reminders of the afternoon before each day") {
                for day in plan.days {
                    let afternoon = Calendar.networkCalendar.date(day, hour: 15, minute: 30).addingTimeInterval(-86_400)
                    try await store.addDueNotices(at: afternoon)
                }
            }
            let mailbox = folder.appendingPathComponent("mailbox")
            let (sent, byKind) = try await phase("mail delivered") { try await deliveredMail(store) }
            try await phase("agents catch up") { try await week.syncAll() }
            var summary = try await week.summary(mailSent: sent, mailbox: mailbox.path)
            summary.mailByKind = byKind
            summary.invitationsSent = invited
            summary.remindersSent = reminded
            let counts = try await store.invitationCounts(in: week.network.id)
            for index in summary.reach.indices {
                summary.reach[index].invited = counts[summary.reach[index].tenantId]?.values.reduce(0, +) ?? 0
            }
            summary.phases = phases
            summary.signInLinks = links
            summary.store = try await store.describe()
            say("")
            say(summary.text)
            await week.close()
            return (summary, week.organiserToken)
        } catch {
            await week.close()
            throw error
        }
    }

    /// Waits until every notice is written out and the outbox holds no unsent mail (the courier writes one .eml per
    /// message), and counts it, by kind.
    static func deliveredMail(_ store: any HubStore) async throws -> (Int, [String: Int]) {
        for _ in 0..<1200 {
            let outbox = try await store.outboxSummary()
            if try await store.noticeCount(open: true) == 0, outbox.allSatisfy({ $0.waiting + $0.failing == 0 }) {
                return (outbox.map(\.sent).reduce(0, +), Dictionary(uniqueKeysWithValues: outbox.map { ($0.kind.rawValue, $0.sent) }))
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw DemoError("mail was still unsent after two minutes; see the hub's log")
    }

    /// The data folder, emptied when a former demo left it; any other folder with something in it is refused.
    static func freshFolder(_ path: String) throws -> URL {
        let folder = URL(fileURLWithPath: path).standardizedFileURL
        let files = FileManager.default
        if let contents = try? files.contentsOfDirectory(atPath: folder.path), !contents.isEmpty {
            guard contents.contains(marker) else {
                throw DemoError("\(folder.path) holds files that are not a former demo's; give another --data-dir")
            }
            try files.removeItem(at: folder)
        }
        try files.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("kijkje-hub demo\n".utf8).write(to: folder.appendingPathComponent(marker))
        return folder
    }
}
