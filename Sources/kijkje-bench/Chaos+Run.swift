import Agent
import Foundation
import HubStore
import KijkjeDomain
import KijkjeSync
import KijkjeTestSupport

/// One chaos run: the agents, the seeded actions, and what came of them.
struct ChaosRun {
    struct Figures {
        var mutations = 0, syncRuns = 0, agentKills = 0, hubKills = 0, postgresRestarts = 0
    }

    struct Agent {
        let school: Tenant
        let folder: AgentFolder
        let admin: SchoolAdmin
    }

    let world: ChaosWorld
    var random: SplitMix
    let hubs: ChaosHubs
    let cluster: ThrowawayCluster
    var agents: [Agent] = []
    var figures = Figures()

    init(world: ChaosWorld, seed: UInt64, hubs: ChaosHubs, cluster: ThrowawayCluster) {
        self.world = world
        random = SplitMix(seed: seed)
        self.hubs = hubs
        self.cluster = cluster
    }

    static var agentBinary: URL { Bundle.main.executableURL!.deletingLastPathComponent().appendingPathComponent("kijkje-agent") }

    /// Every school's agent joins through the proxy (faults off) and imports its staff list.
    mutating func join(through hub: URL, agents count: Int) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-chaos-agents-\(UUID().uuidString)")
        for school in world.schools.prefix(count) {
            var joined: AgentFolder?
            for attempt in 1...5 where joined == nil {
                // A hub process may still be settling: a failed join is tried again with a new code and folder.
                joined = try? await AgentFolder.join(
                    hub: hub, code: try await world.invitation(for: school), caCertificate: nil,
                    at: root.appendingPathComponent("\(school.brin)-\(attempt)"), label: "chaos \(school.brin)")
                if joined == nil { try await Task.sleep(for: .milliseconds(200)) }
            }
            guard let folder = joined else { throw BenchmarkError("\(school.name)'s agent could not join") }
            let replica = try folder.replica()
            let imported = try StaffImport(text: staffCSV(school, count: 12))
            try replica.replaceStaff(imported.staff)
            _ = try replica.enqueue(.headCounts(counts: imported.headCounts))
            figures.mutations += 1
            agents.append(Agent(school: school, folder: folder, admin: SchoolAdmin(school: school.id, replica: replica)))
        }
    }

    /// The seeded actions: local changes by random agents, their syncs (killed at random points), hub processes
    /// killed and restarted, PostgreSQL restarted.
    mutating func play(mutations total: Int, syncEvery: Int, hubKillEvery: Int, restartEvery: Int) async throws {
        var sinceSync = Array(repeating: 0, count: agents.count)
        while figures.mutations < total {
            let index = random.next(agents.count)
            if try change(agents[index]) {
                figures.mutations += 1
                sinceSync[index] += 1
            }
            if sinceSync[index] >= syncEvery {
                sinceSync[index] = 0
                try await sync(agents[index], killAfter: random.next(3) == 0 ? .milliseconds(5 + random.next(300)) : nil)
            }
            if figures.mutations % hubKillEvery == 0 {
                try hubs.killAndRestart(random.next(hubs.ports.count))
                figures.hubKills += 1
            }
            if figures.mutations % restartEvery == 0 {
                try restartPostgres()
                figures.postgresRestarts += 1
            }
        }
    }

    /// One local change by the school's administrator; false when the drawn change had nothing to act on.
    mutating func change(_ agent: Agent) throws -> Bool {
        let roll = random.next(10)
        if roll < 4 {
            let start = Fixture.time("2026-11-17T07:00:00Z").addingTimeInterval(
                Double(random.next(4)) * 86_400 + Double(random.next(9)) * 3600)
            let mine = try agent.admin.workshops().filter { $0.status == "confirmed" }
            let id = roll == 0 && !mine.isEmpty ? mine[random.next(mine.count)].id : nil
            _ = try agent.admin.putWorkshop(
                id: id,
                SessionDraft(
                    editionId: world.edition.id, tenantId: nil, title: "Workshop \(figures.mutations)",
                    location: "Lokaal \(random.next(40))",
                    startsAt: start, endsAt: start.addingTimeInterval(2700), capacity: 1 + random.next(3),
                    visibility: ["school", "network", "all"][random.next(3)]))
            return true
        }
        if roll == 4 {
            let mine = try agent.admin.workshops().filter { $0.status == "confirmed" }
            guard !mine.isEmpty else { return false }
            try agent.admin.withdrawWorkshop(mine[random.next(mine.count)].id)
            return true
        }
        let sessions = try agent.admin.replica.rows(.session, as: Session.self).keys.sorted { $0.uuidString < $1.uuidString }
        let staff = try agent.admin.replica.staff()
        guard !sessions.isEmpty, !staff.isEmpty else { return false }
        _ = try agent.admin.enrol(email: staff[random.next(staff.count)].email, session: sessions[random.next(sessions.count)].uuidString)
        return true
    }

    /// `kijkje-agent sync` for the agent, killed with SIGKILL after `killAfter` unless nil.
    mutating func sync(_ agent: Agent, killAfter: Duration?) async throws {
        let process = Process()
        process.executableURL = Self.agentBinary
        process.arguments = ["sync", "--dir", agent.folder.path.path, "--page-size", "50"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        figures.syncRuns += 1
        if let killAfter {
            try await Task.sleep(for: killAfter)
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                figures.agentKills += 1
            }
        }
        while process.isRunning { try await Task.sleep(for: .milliseconds(5)) }
    }

    /// PostgreSQL stops and starts again (fast shutdown: open transactions are rolled back).
    func restartPostgres() throws {
        guard let folder = cluster.folder else { return }
        let data = URL(fileURLWithPath: folder).appendingPathComponent("data").path
        let pgctl = URL(
            fileURLWithPath: try runCommand(
                "/usr/bin/env", ["bash", "-c", "dirname $(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)"]
            )
            .trimmingCharacters(in: .whitespacesAndNewlines)
        ).appendingPathComponent("pg_ctl").path
        let asPostgres = getuid() == 0 ? ["runuser", "-u", "postgres", "--"] : []
        _ = try runCommand("/usr/bin/env", asPostgres + [pgctl, "-D", data, "-m", "fast", "-w", "restart"])
    }

    /// Without faults, every agent syncs until its outbox has its results and its replica is current.
    func catchUp() async throws {
        for _ in 0..<3 {
            for agent in agents {
                let client = try agent.folder.client()
                let session = SyncSession(school: agent.school.id, replica: agent.admin.replica, client: client)
                for attempt in 0..<20 {
                    do {
                        _ = try await session.round()
                        if try agent.admin.replica.outbox(pendingOnly: true).isEmpty { break }
                    } catch  where attempt < 19 {
                        try await Task.sleep(for: .milliseconds(200))
                    }
                }
                try await client.shutdown()
            }
        }
    }

    /// What went wrong, if anything: lost, doubled or overbooked; a replica unlike the hub's view of its school.
    func check() async throws -> [String] {
        var problems: [String] = []
        let store = world.store
        for agent in agents {
            let expected = try await hubView(of: agent.school, in: world.network, edition: world.edition, store: store)
            let held = try agent.admin.replica.visibleRows()
            if held != expected {
                let differing =
                    Set(held.keys).symmetricDifference(expected.keys).count
                    + expected.filter { held[$0.key] != nil && held[$0.key] != $0.value }.count
                problems.append("\(agent.school.brin): the replica differs from the hub in \(differing) rows")
            }
            let outbox = try agent.admin.replica.outbox()
            if outbox.contains(where: \.isPending) { problems.append("\(agent.school.brin): mutations still pending (lost)") }
            let recorded = try await store.mutationResults(credentialId: agent.folder.settings.credentialId, after: 0)
            if recorded.last != outbox.count {
                problems.append("\(agent.school.brin): \(outbox.count) mutations, the hub recorded \(recorded.last)")
            }
            if recorded.results != outbox.compactMap(\.result) {
                problems.append("\(agent.school.brin): results differ from the hub's record")
            }
            let enrolled = recorded.results.compactMap(\.enrolmentId)
            if Set(enrolled).count != enrolled.count { problems.append("\(agent.school.brin): an enrolment applied twice") }
            if try agent.admin.replica.integrityCheck() != "ok" { problems.append("\(agent.school.brin): replica integrity") }
        }
        for session in try await store.sessions(editionId: world.edition.id, in: world.network) {
            let taken = try await store.enrolments(sessionId: session.id, in: world.network).filter(\.state.holdsPlace).count
            if taken > session.capacity { problems.append("\(session.title): \(taken) places taken of \(session.capacity) (overbooked)") }
        }
        return problems
    }
}
