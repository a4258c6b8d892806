import Agent
import ArgumentParser
import Foundation
import Hub
import HubStore
import HubStorePostgres
import KijkjeDomain
import KijkjeSync
import KijkjeTestSupport
import Logging
import PostgresNIO

/// `chaos`: a seeded, replayable fault run. Schools' agents make thousands of local changes and sync through a TCP
/// fault proxy to two hub processes on PostgreSQL, while agents are killed with SIGKILL mid-sync, hub processes are
/// killed and restarted, and PostgreSQL restarts. Afterwards nothing may be lost, doubled or overbooked, and every
/// replica must hold exactly what the hub says its school may see.
struct Chaos: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fault injection: agents, hub processes and PostgreSQL killed and restarted behind a faulty network.")

    @Option(help: "The seed (printed; the same seed replays the same actions).") var seed: UInt64?
    @Option(help: "School agents.") var agents = 20
    @Option(help: "Local changes (mutations) in all.") var mutations = 5000
    @Option(help: "Mutations between two sync runs of an agent (each run may be killed).") var syncEvery = 20
    @Option(help: "Mutations between two hub process kills.") var hubKillEvery = 500
    @Option(help: "Mutations between two PostgreSQL restarts.") var restartEvery = 1500

    func run() async throws {
        let seed = seed ?? UInt64.random(in: 1...UInt64(UInt32.max))
        say("chaos: seed \(seed) (replay with --seed \(seed)), \(agents) agents, \(mutations) mutations")
        let started = ContinuousClock.now
        let cluster = try ThrowawayCluster(url: nil)
        defer { cluster.stop() }
        let name = "kijkje_chaos"
        try cluster.psql("CREATE DATABASE \(name)")
        var logger = Logger(label: "kijkje.chaos")
        logger.logLevel = .critical
        let database = PostgresDatabase(
            client: try PostgresDatabase.client(url: cluster.url(database: name), logger: logger), logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.run() }
            defer { group.cancelAll() }
            let store = SQLHubStore(database: database)
            try await store.migrate()
            let world = try await ChaosWorld.make(store: store, schools: agents)
            let hubs = try ChaosHubs(databaseURL: cluster.url(database: name), count: 2)
            defer { hubs.stopAll() }
            let proxy = FaultProxy(upstreams: hubs.ports, seed: seed ^ 0x5EED)
            let (ports, sink) = AsyncStream.makeStream(of: Int.self)
            group.addTask { try await proxy.run { sink.yield($0) } }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw BenchmarkError("the fault proxy did not start") }
            let hubURL = URL(string: "http://127.0.0.1:\(port)")!

            proxy.setFaults(false)
            var run = ChaosRun(world: world, seed: seed, hubs: hubs, cluster: cluster)
            try await run.join(through: hubURL, agents: agents)
            proxy.setFaults(true)
            try await run.play(mutations: mutations, syncEvery: syncEvery, hubKillEvery: hubKillEvery, restartEvery: restartEvery)
            proxy.setFaults(false)
            try await run.catchUp()
            let problems = try await run.check()
            let faults = proxy.counts
            let verdict =
                problems.isEmpty
                ? "nothing lost, nothing doubled, nothing overbooked; every replica equals what the hub says its school may see"
                : "\(problems.count) problems"
            say(
                """
                  \(run.figures.mutations) mutations by \(agents) agents; \(run.figures.syncRuns) sync runs, \
                \(run.figures.agentKills) killed with SIGKILL; \(run.figures.hubKills) hub processes killed and restarted; \
                \(run.figures.postgresRestarts) PostgreSQL restarts
                  proxy: \(faults.connections) connections, \(faults.refused) refused, \(faults.truncated) cut off, \
                \(faults.delayed) delayed
                  after the catch-up: \(verdict)
                  \(String(format: "%.1f", (ContinuousClock.now - started).seconds)) s in all
                """)
            for problem in problems.prefix(20) { say("  PROBLEM: \(problem)") }
            if !problems.isEmpty { throw BenchmarkError("the fault run found \(problems.count) problems (seed \(seed))") }
        }
    }
}
