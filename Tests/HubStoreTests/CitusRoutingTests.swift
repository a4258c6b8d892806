import Foundation
import HubStore
import KijkjeDomain
import KijkjeTestSupport
import Synchronization
import Testing

/// On a Citus cluster, one school's enrolment runs on that school's worker: every statement it sends is planned for
/// one shard (the router plan in EXPLAIN), and an enrolment across two schools touches at most their two workers.
@Suite("Citus routing", .enabled(if: StoreKind.scaledOut.contains(.citus), "the test run has no Citus cluster"))
struct CitusRoutingTests {
    @Test("an enrolment, its cancellation and the offer to the next in line each run on the schools' own workers")
    func enrolmentRoutesToOneWorker() async throws {
        try await withStore(.citus) { store in
            let f = try await Fixture.make(in: store)
            let other = Fixture.makeTenant("De Linde")
            try await store.addTenant(other, to: f.network.id, as: .member, at: Date())
            let guest = Person(
                id: UUIDv7.make(), tenantId: other.id, name: "Bram Smit", email: "bram@\(other.emailDomains[0])", role: .teacher)
            try await store.addPerson(guest, in: f.network.id, at: Date())
            var full = f.session
            full.capacity = 1
            try await store.updateSession(full, in: f.network.id, at: Date())
            let now = Fixture.time("2026-10-01T12:00:00Z")

            // The same school: the person, the session and the feed scope all on one worker.
            let recorder = RecordingDatabase(store.database)
            let recorded = SQLHubStore(database: recorder)
            let own = try await recorded.enrol(request(f.person, f.session), in: f.network.id, at: now)
            let sameSchool = try await plans(of: recorder.take(), on: store)
            #expect(sameSchool.multiShard.isEmpty, "statements over many shards: \(sameSchool.multiShard)")
            #expect(sameSchool.workers.count == 1)

            // Another school's person, queued; then the place is given up and offered to them: two schools, two
            // workers at most (one when their shards share a worker).
            let queued = try await recorded.enrol(request(guest, f.session), in: f.network.id, at: now)
            #expect(queued.state == .waitlisted)
            _ = try await recorded.cancelEnrolment(id: own.id, in: f.network.id, at: now)
            _ = try await recorded.claimOffer(id: queued.id, in: f.network.id, at: now)
            let crossSchool = try await plans(of: recorder.take(), on: store)
            #expect(crossSchool.multiShard.isEmpty, "statements over many shards: \(crossSchool.multiShard)")
            #expect((1...2).contains(crossSchool.workers.count))
            #expect(crossSchool.routed > 10)
            // The check has teeth: a lookup by id alone asks every shard.
            let byIdAlone = try await plans(of: ["SELECT * FROM enrolments WHERE id = \(own.id)"], on: store)
            #expect(byIdAlone.multiShard.count == 1)
        }
    }

    func request(_ person: Person, _ session: Session) -> EnrolmentRequest {
        EnrolmentRequest(personTenantId: person.tenantId, personId: person.id, sessionId: session.id, enforceRegistrationWindow: true)
    }

    /// What EXPLAIN says of each statement: the ones Citus plans over more than one shard, the workers the others
    /// run on, and how many ran on a worker.
    func plans(of statements: [SQLQuery], on store: SQLHubStore) async throws -> (multiShard: [String], workers: Set<String>, routed: Int) {
        let coordinator = try await store.database.run("SELECT inet_server_port() AS port").first?.int("port") ?? 0
        var multiShard: [String] = []
        var workers: Set<String> = []
        var routed = 0
        let distributed = Set(Migrations.distributedTables)
        for statement in statements {
            let plan = try await store.database.run("EXPLAIN \(statement)").map { try $0.string("QUERY PLAN") }.joined(separator: "\n")
            guard plan.contains("Custom Scan (Citus") else { continue }  // a table of the coordinator's own
            let tasks = plan.firstMatch(of: /Task Count: (\d+)/).map { Int($0.1) ?? 0 } ?? 0
            if tasks != 1 {
                multiShard.append(statement.text)
                continue
            }
            // A reference table is read from whichever node holds a copy; only shards of a school's data place a statement.
            let shards = plan.matches(of: /(\w+?)_\d{6,}/).map { String($0.1) }
            guard shards.contains(where: distributed.contains) else { continue }
            for node in plan.matches(of: /Node: host=\S+ port=(\d+)/) where Int(node.1) != coordinator {
                workers.insert(String(node.1))
                routed += 1
            }
        }
        return (multiShard, workers, routed)
    }
}

/// A database that remembers every statement the store sends through it, in transactions too.
final class RecordingDatabase: SQLDatabase {
    let inner: any SQLDatabase
    private let statements = Mutex<[SQLQuery]>([])

    init(_ inner: any SQLDatabase) { self.inner = inner }

    var dialect: SQLDialect { inner.dialect }
    var feed: FeedSignal { inner.feed }
    var writesTwoTablesAtOnce: Bool { inner.writesTwoTablesAtOnce }

    /// The statements sent since the last call.
    func take() -> [SQLQuery] {
        statements.withLock { taken in
            defer { taken = [] }; return taken
        }
    }

    func run(_ sql: SQLQuery) async throws -> [SQLRow] {
        statements.withLock { $0.append(sql) }
        return try await inner.run(sql)
    }

    func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        try await inner.transaction { tx in try await body(Recording(inner: tx, database: self)) }
    }

    struct Recording: SQLExecutor {
        let inner: any SQLExecutor
        let database: RecordingDatabase
        func run(_ sql: SQLQuery) async throws -> [SQLRow] {
            database.statements.withLock { $0.append(sql) }
            return try await inner.run(sql)
        }
    }
}
