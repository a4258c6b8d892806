import Foundation
@testable import HubStore
import KijkjeDomain
import KijkjeSync
import KijkjeTestSupport
import Testing

/// On plain PostgreSQL an enrolment is one call of `kijkje_enrol` (migration 15); elsewhere, and when that call finds
/// something moved, a transaction of single statements. Both must leave the same rows behind.
@Suite("Enrolment in one statement")
struct EnrolInOneStatementTests {
    typealias Conformance = EnrolmentConformanceTests

    /// What an enrolment left in every table it writes, without the ids that differ from one enrolment to another.
    static func traces(_ store: SQLHubStore, _ enrolment: Enrolment) async throws -> [String] {
        let db = store.database
        var lines = ["enrolment \(enrolment.state) \(enrolment.queueNumber)"]
        for row in try await db.run(
            """
            SELECT from_state, to_state, reason FROM enrolment_events
            WHERE tenant_id = \(enrolment.tenantId) AND enrolment_id = \(enrolment.id)
            """
        ) {
            lines.append(
                "event \(try row.value("from_state") == .null ? "-" : try row.string("from_state")) "
                    + "\(try row.string("to_state")) \(try row.string("reason"))"
            )
        }
        for row in try await db.run(
            "SELECT title FROM held_places WHERE tenant_id = \(enrolment.personTenantId) AND enrolment_id = \(enrolment.id)")
        {
            lines.append("held \(try row.string("title"))")
        }
        lines.append("school \(try await db.run("SELECT tenant_id FROM row_schools WHERE id = \(enrolment.id)").count)")
        for row in try await db.run(
            "SELECT scope, deleted, data FROM sync_rows WHERE kind = 'enrolment' AND id = \(enrolment.id) ORDER BY scope")
        {
            var synced = try JSONDecoder.hub.decode(Enrolment.self, from: Data(try row.string("data").utf8))
            #expect(synced.id == enrolment.id)
            synced.id = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
            synced.sessionId = synced.id
            synced.personId = synced.id
            lines.append("sync \(try row.string("scope") == "tenant:\(enrolment.tenantId)") \(try row.bool("deleted")) \(synced)")
        }
        for row in try await db.run(
            "SELECT kind, details FROM notices WHERE person_tenant_id = \(enrolment.personTenantId) AND person_id = \(enrolment.personId)")
        {
            var details = try StoredJSON.value(NoticeDetails.self, from: try row.string("details"))
            #expect(details.enrolmentId == enrolment.id)
            details.enrolmentId = nil
            lines.append(
                "notice \(try row.string("kind")) \(details.to.map { "\($0)" } ?? "-") \(details.sequence ?? -1) "
                    + (details.session?.title ?? "-")
            )
        }
        return lines
    }

    @Test("the one statement and the transaction write the same rows, for a place and for the waiting list", arguments: StoreKind.scaledOut)
    func sameRows(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            let sessions = [
                try await Conformance.session(f, store, start: "2026-11-17T13:00:00Z", capacity: 1, title: "Twin"),
                try await Conformance.session(f, store, start: "2026-11-17T13:00:00Z", capacity: 1, title: "Twin"),
            ]
            let people = try await Conformance.people(4, f, store)
            @Sendable func request(_ person: Person, _ session: Session) -> EnrolmentRequest {
                EnrolmentRequest(
                    personTenantId: person.tenantId, personId: person.id, sessionId: session.id, enforceRegistrationWindow: true)
            }
            for pair in [(people[0], people[1]), (people[2], people[3])] {
                // The store's own way (one statement on plain PostgreSQL) beside the transaction SQLite and Citus take.
                let once = try await store.enrol(request(pair.0, sessions[0]), in: f.network.id, at: Conformance.now)
                let stepwise = try await store.database.transaction { tx in
                    try await store.enrol(tx, request(pair.1, sessions[1]), in: f.network.id, at: Conformance.now)
                }
                #expect(try await Self.traces(store, once) == Self.traces(store, stepwise))
                #expect(try await store.enrolment(id: once.id, in: f.network.id) == once)
            }
        }
    }

    @Test("an offer overdue in the session is expired first, and the enrolment still made", arguments: StoreKind.scaledOut)
    func overdueOfferFirst(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            let session = try await Conformance.session(f, store, start: "2026-11-17T13:00:00Z", capacity: 1)
            let people = try await Conformance.people(3, f, store)
            let first = try await Conformance.enrol(store, f, people[0], session)
            let second = try await Conformance.enrol(store, f, people[1], session)
            _ = try await store.cancelEnrolment(id: first.id, in: f.network.id, at: Conformance.now)
            #expect(try await store.enrolment(id: second.id, in: f.network.id).state == .offered)
            // After the claim window the offer lapses as the newcomer arrives, and the place is the newcomer's.
            let late = Conformance.now.addingTimeInterval(3 * 24 * 3600)
            let third = try await store.enrol(
                EnrolmentRequest(
                    personTenantId: people[2].tenantId, personId: people[2].id, sessionId: session.id, enforceRegistrationWindow: false),
                in: f.network.id, at: late)
            #expect(try await store.enrolment(id: second.id, in: f.network.id).state == .declined)
            #expect(third.state == .confirmed)
        }
    }
}

extension EnrolInOneStatementTests {
    @Test("one person enrolling in two overlapping sessions at once gets one place and one refusal", arguments: StoreKind.scaledOut)
    func overlapAtOnce(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            for person in try await Conformance.people(8, f, store) {
                let sessions = [
                    try await Conformance.session(f, store, start: "2026-11-17T13:00:00Z", title: "Een"),
                    try await Conformance.session(f, store, start: "2026-11-17T13:30:00Z", title: "Twee"),
                ]
                let outcomes = try await withThrowingTaskGroup(of: EnrolmentRefusal?.self) { group in
                    for session in sessions {
                        group.addTask {
                            do {
                                _ = try await Conformance.enrol(store, f, person, session)
                                return nil
                            } catch let refusal as EnrolmentRefusal {
                                return refusal
                            }
                        }
                    }
                    return try await group.reduce(into: [EnrolmentRefusal?]()) { $0.append($1) }
                }
                #expect(outcomes.filter { $0 == nil }.count == 1)
                #expect(outcomes.compactMap { $0?.rule } == ["overlap"])
                let held = try await store.enrolments(personTenantId: person.tenantId, personId: person.id, in: f.network.id)
                #expect(held.map(\.state) == [.confirmed])
            }
        }
    }
}

extension EnrolInOneStatementTests {
    @Test(
        "the function writes nothing when a place was taken or the same enrolment made since the rules read",
        arguments: [StoreKind.postgres])
    func movedMeanwhile(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            let person = try await Conformance.people(1, f, store)[0]
            let early = try await Conformance.session(f, store, start: "2026-11-17T09:00:00Z", title: "Vroeg")
            let late = try await Conformance.session(f, store, start: "2026-11-17T15:00:00Z", title: "Laat")
            let request = EnrolmentRequest(
                personTenantId: person.tenantId, personId: person.id, sessionId: late.id, enforceRegistrationWindow: true)
            func enrolmentsOf() async throws -> [Enrolment] {
                try await store.enrolments(personTenantId: person.tenantId, personId: person.id, in: f.network.id)
            }
            // The rules read no held place; then the person takes one.
            let stale = try await store.checkEnrolment(store.database, request, in: f.network.id, at: Conformance.now, lockingPerson: false)
            _ = try await Conformance.enrol(store, f, person, early)
            #expect(try await store.enrolAtOnce(request, stale, in: f.network.id, at: Conformance.now) == .changed)
            #expect(try await enrolmentsOf().map(\.sessionId) == [early.id])
            // The rules read no enrolment in the session; then the same enrolment is made.
            let before = try await store.checkEnrolment(
                store.database, request, in: f.network.id, at: Conformance.now, lockingPerson: false)
            let made = try await Conformance.enrol(store, f, person, late)
            #expect(try await store.enrolAtOnce(request, before, in: f.network.id, at: Conformance.now) == .changed)
            // (Both made at the same moment: in no particular order.)
            #expect(Set(try await enrolmentsOf().map(\.sessionId)) == [early.id, late.id])
            #expect(try await enrolmentsOf().contains(made))
        }
    }
}

extension EnrolInOneStatementTests {
    @Test("an enrolment in one statement tells the feed it changed rows only; another change, anything", arguments: [StoreKind.postgres])
    func firesRowsOnly(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            let person = try await Conformance.people(1, f, store)[0]
            let session = try await Conformance.session(f, store, start: "2026-11-17T09:00:00Z")
            let (generation, access) = (store.feed.generation, store.feed.accessGeneration)
            _ = try await Conformance.enrol(store, f, person, session)
            #expect(store.feed.generation > generation)
            #expect(store.feed.accessGeneration == access)
            // Any other change may touch who may do what.
            _ = try await Conformance.people(1, f, store)
            #expect(store.feed.accessGeneration > access)
        }
    }
}

extension EnrolInOneStatementTests {
    @Test("writers that publish a scope's first rows at once all succeed, each under its own version", arguments: StoreKind.scaledOut)
    func firstRowsOfAScopeAtOnce(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            // Schools' scopes that have no counter yet, each written by many at once (the race is narrow: several tries).
            for _ in 0..<8 {
                let scope = SyncScope.tenant(UUIDv7.make())
                let versions = try await withThrowingTaskGroup(of: Int.self) { group in
                    for n in 0..<16 {
                        group.addTask {
                            try await store.database.transaction { tx in
                                try await store.publish(
                                    tx, .person, id: UUIDv7.make(), value: ["n": n], to: [scope], among: [scope], at: Date())
                                return try await tx.run(
                                    "SELECT version FROM sync_scopes WHERE scope_key = \(scope.key) AND scope = \(scope.name)"
                                )[0].int("version")
                            }
                        }
                    }
                    return try await group.reduce(into: [Int]()) { $0.append($1) }
                }
                #expect(versions.sorted() == Array(1...16))
            }
        }
    }
}
