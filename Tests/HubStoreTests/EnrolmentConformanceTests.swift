import Foundation
import HubStore
import KijkjeDomain
import KijkjeTestSupport
import Testing

/// Enrolment, waiting lists, per-person rules and ranked allocation, on SQLite and PostgreSQL alike.
@Suite("Enrolment conformance")
struct EnrolmentConformanceTests {
    static let now = Fixture.time("2026-10-01T12:00:00Z")

    /// People of the fixture's school.
    static func people(_ count: Int, _ f: Fixture, _ store: SQLHubStore, tenant: Tenant? = nil) async throws -> [Person] {
        let school = tenant ?? f.tenant
        var made: [Person] = []
        for i in 0..<count {
            let person = Person(
                id: UUIDv7.make(), tenantId: school.id, name: "Docent \(i)",
                email: "docent\(i)-\(UUID().uuidString.prefix(4))@\(school.emailDomains[0])", role: .teacher)
            try await store.addPerson(person, in: f.network.id, at: Date())
            made.append(person)
        }
        return made
    }

    /// A session of the fixture's edition at a school, from `start` for `minutes`.
    static func session(
        _ f: Fixture, _ store: SQLHubStore, at tenant: Tenant? = nil, start: String, minutes: Int = 60,
        capacity: Int = 10, visibility: Visibility = .network, title: String = "Workshop"
    ) async throws -> Session {
        let begin = Fixture.time(start)
        let session = Session(
            id: UUIDv7.make(), editionId: f.edition.id, tenantId: (tenant ?? f.tenant).id, kind: .workshop,
            title: title, description: "", presenter: "", location: "Aula", startsAt: begin,
            endsAt: begin.addingTimeInterval(Double(minutes) * 60), capacity: capacity, visibility: visibility, topics: [])
        try await store.addSession(session, in: f.network.id, at: Date())
        return session
    }

    static func enrol(
        _ store: SQLHubStore, _ f: Fixture, _ person: Person, _ session: Session, at time: Date = now
    ) async throws -> Enrolment {
        try await store.enrol(
            EnrolmentRequest(
                personTenantId: person.tenantId, personId: person.id, sessionId: session.id,
                enforceRegistrationWindow: true), in: f.network.id, at: time)
    }

    @Test("places go to the first arrivals, the rest queue in arrival order, and nobody twice", arguments: StoreKind.scaledOut)
    func capacityAndQueue(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            let session = try await Self.session(f, store, start: "2026-11-17T13:00:00Z", capacity: 3)
            var states: [EnrolmentState] = []
            for person in try await Self.people(6, f, store) {
                states.append(try await Self.enrol(store, f, person, session).state)
            }
            #expect(states == [.confirmed, .confirmed, .confirmed, .waitlisted, .waitlisted, .waitlisted])
            let listed = try await store.enrolments(sessionId: session.id, in: f.network.id)
            #expect(listed.map(\.queueNumber) == [1, 2, 3, 4, 5, 6])
            let first = listed[0]
            let person = Person(id: first.personId, tenantId: first.personTenantId, name: "", email: "", role: .teacher)
            await #expect(throws: EnrolmentRefusal.alreadyEnrolled(enrolmentId: first.id)) {
                try await Self.enrol(store, f, person, session)
            }
        }
    }

    @Test("many concurrent enrolments for few places never overbook", arguments: StoreKind.scaledOut)
    func concurrentEnrolments(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            let session = try await Self.session(f, store, start: "2026-11-17T13:00:00Z", capacity: 10)
            let people = try await Self.people(60, f, store)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for person in people + people.prefix(10) {
                    group.addTask {
                        do { _ = try await Self.enrol(store, f, person, session) } catch is EnrolmentRefusal {}
                    }
                }
                try await group.waitForAll()
            }
            let listed = try await store.enrolments(sessionId: session.id, in: f.network.id)
            #expect(listed.filter { $0.state == .confirmed }.count == 10)
            #expect(listed.filter { $0.state == .waitlisted }.count == 50)
            #expect(Set(listed.map(\.personId)).count == 60)
            #expect(listed.map(\.queueNumber).sorted() == Array(1...60))
            #expect(listed.filter { $0.state == .confirmed }.map(\.queueNumber).sorted() == Array(1...10))
        }
    }

    @Test("a cancelled place is offered at once to the next in line, who can claim it", arguments: StoreKind.scaledOut)
    func cancelOffersTheNextInLine(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            let session = try await Self.session(f, store, start: "2026-11-17T13:00:00Z", capacity: 1)
            let people = try await Self.people(3, f, store)
            let holder = try await Self.enrol(store, f, people[0], session)
            let second = try await Self.enrol(store, f, people[1], session)
            let third = try await Self.enrol(store, f, people[2], session)
            let later = Self.now.addingTimeInterval(60)
            #expect(try await store.cancelEnrolment(id: holder.id, in: f.network.id, at: later).state == .cancelled)
            let offered = try await store.enrolment(id: second.id, in: f.network.id)
            #expect(offered.state == .offered)
            #expect(offered.offeredUntil == later.addingTimeInterval(24 * 3600))
            #expect(try await store.enrolment(id: third.id, in: f.network.id).state == .waitlisted)
            #expect(try await store.claimOffer(id: second.id, in: f.network.id, at: later.addingTimeInterval(3600)).state == .confirmed)
            let history = try await store.enrolmentHistory(id: second.id, in: f.network.id)
            #expect(history.map(\.to) == [.waitlisted, .offered, .confirmed])
            #expect(history[1].reason.contains("a place became free"))
            await #expect(throws: EnrolmentRefusal.notOffered(state: .waitlisted)) {
                try await store.claimOffer(id: third.id, in: f.network.id, at: later)
            }
        }
    }

    @Test("a declined or expired offer passes the place on", arguments: StoreKind.scaledOut)
    func declineAndExpiryPassItOn(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            let session = try await Self.session(f, store, start: "2026-11-17T13:00:00Z", capacity: 1)
            let people = try await Self.people(4, f, store)
            var queue: [Enrolment] = []
            for person in people { queue.append(try await Self.enrol(store, f, person, session)) }
            _ = try await store.cancelEnrolment(id: queue[0].id, in: f.network.id, at: Self.now)
            #expect(try await store.declineOffer(id: queue[1].id, in: f.network.id, at: Self.now).state == .declined)
            #expect(try await store.enrolment(id: queue[2].id, in: f.network.id).state == .offered)
            let lapse = Self.now.addingTimeInterval(24 * 3600 + 1)
            #expect(try await store.expireOffers(at: lapse) == 1)
            #expect(try await store.enrolment(id: queue[2].id, in: f.network.id).state == .declined)
            #expect(try await store.enrolment(id: queue[3].id, in: f.network.id).state == .offered)
            // Claiming after the window: refused, and the lapse is kept.
            let tooLate = lapse.addingTimeInterval(24 * 3600 + 1)
            await #expect(throws: EnrolmentRefusal.offerExpired) {
                try await store.claimOffer(id: queue[3].id, in: f.network.id, at: tooLate)
            }
            #expect(try await store.enrolment(id: queue[3].id, in: f.network.id).state == .declined)
            let taken = try await store.enrolments(sessionId: session.id, in: f.network.id).filter { $0.state.holdsPlace }
            #expect(taken.isEmpty)
        }
    }

    @Test("raising the capacity offers the new places; it cannot drop below the places taken", arguments: StoreKind.scaledOut)
    func capacityChanges(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            var session = try await Self.session(f, store, start: "2026-11-17T13:00:00Z", capacity: 2)
            var queue: [Enrolment] = []
            for person in try await Self.people(5, f, store) { queue.append(try await Self.enrol(store, f, person, session)) }
            session.capacity = 4
            try await store.updateSession(session, in: f.network.id, at: Self.now)
            let states = try await store.enrolments(sessionId: session.id, in: f.network.id).map(\.state)
            #expect(states == [.confirmed, .confirmed, .offered, .offered, .waitlisted])
            session.capacity = 3
            await #expect(throws: StoreError.conflict("4 places are taken; the capacity cannot go below that")) {
                try await store.updateSession(session, in: f.network.id, at: Self.now)
            }
        }
    }

    @Test("overlaps, travel time between schools and caps are refused with the rule and the session", arguments: StoreKind.scaledOut)
    func personalRules(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            var far = Fixture.makeTenant("Groningen College")
            far.latitude = 53.2194
            far.longitude = 6.5665
            try await store.addTenant(far, to: f.network.id, as: .member, at: Self.now)
            let anna = try await Self.people(1, f, store)[0]
            let morning = try await Self.session(f, store, start: "2026-11-18T08:00:00Z", title: "Ochtend")
            _ = try await Self.enrol(store, f, anna, morning)
            let overlapping = try await Self.session(f, store, start: "2026-11-18T08:30:00Z", title: "Overlap")
            await #expect(throws: EnrolmentRefusal.overlaps(sessionId: morning.id, title: "Ochtend")) {
                try await Self.enrol(store, f, anna, overlapping)
            }
            let distant = try await Self.session(f, store, at: far, start: "2026-11-18T09:30:00Z", title: "Ver weg")
            do {
                _ = try await Self.enrol(store, f, anna, distant)
                Issue.record("a session 85 km away 30 minutes later was accepted")
            } catch let refusal as EnrolmentRefusal {
                #expect(refusal.rule == "travel-time")
                #expect(refusal.conflictingSessionId == morning.id)
            }
            let next = try await Self.session(f, store, start: "2026-11-18T09:00:00Z", title: "Direct erna, zelfde school")
            #expect(try await Self.enrol(store, f, anna, next).state == .confirmed)
            let third = try await Self.session(f, store, start: "2026-11-18T11:00:00Z", title: "Derde")
            #expect(try await Self.enrol(store, f, anna, third).state == .confirmed)
            let fourth = try await Self.session(f, store, start: "2026-11-18T13:00:00Z", title: "Vierde")
            await #expect(throws: EnrolmentRefusal.dayCapReached(limit: 3, day: Day("2026-11-18")!)) {
                try await Self.enrol(store, f, anna, fourth)
            }
        }
    }

    @Test("the rules see a held session where it is now: moved, renamed, given up", arguments: StoreKind.scaledOut)
    func rulesFollowChanges(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            let other = Fixture.makeTenant("De Linde")
            try await store.addTenant(other, to: f.network.id, as: .member, at: Self.now)
            // A person of another school than the sessions': their places are kept with them.
            let bram = try await Self.people(1, f, store, tenant: other)[0]
            var moving = try await Self.session(f, store, start: "2026-11-18T08:00:00Z", title: "Ochtend")
            let held = try await Self.enrol(store, f, bram, moving)
            moving.startsAt = Fixture.time("2026-11-18T13:00:00Z")
            moving.endsAt = Fixture.time("2026-11-18T14:00:00Z")
            moving.title = "Middag"
            try await store.updateSession(moving, in: f.network.id, at: Self.now)
            let afternoon = try await Self.session(f, store, start: "2026-11-18T13:30:00Z", title: "Ook middag")
            await #expect(throws: EnrolmentRefusal.overlaps(sessionId: moving.id, title: "Middag")) {
                try await Self.enrol(store, f, bram, afternoon)
            }
            let morning = try await Self.session(f, store, start: "2026-11-18T08:00:00Z", title: "Nu vrij")
            #expect(try await Self.enrol(store, f, bram, morning).state == .confirmed)
            _ = try await store.cancelEnrolment(id: held.id, in: f.network.id, at: Self.now)
            #expect(try await Self.enrol(store, f, bram, afternoon).state == .confirmed)
        }
    }

    @Test("a school-only session refuses other schools; a guest cannot take a network-only session", arguments: StoreKind.scaledOut)
    func visibility(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            let guest = Fixture.makeTenant("Gastschool")
            try await store.addTenant(guest, to: f.network.id, as: .guest, at: Self.now)
            let visitor = try await Self.people(1, f, store, tenant: guest)[0]
            let own = try await Self.session(f, store, start: "2026-11-17T13:00:00Z", visibility: .school)
            let network = try await Self.session(f, store, start: "2026-11-18T13:00:00Z", visibility: .network)
            let open = try await Self.session(f, store, start: "2026-11-19T13:00:00Z", visibility: .all)
            await #expect(throws: EnrolmentRefusal.notVisible) { try await Self.enrol(store, f, visitor, own) }
            await #expect(throws: EnrolmentRefusal.notVisible) { try await Self.enrol(store, f, visitor, network) }
            #expect(try await Self.enrol(store, f, visitor, open).state == .confirmed)
            await #expect(throws: EnrolmentRefusal.registrationClosed) {
                try await Self.enrol(store, f, visitor, open, at: Fixture.time("2027-01-01T00:00:00Z"))
            }
        }
    }
}
