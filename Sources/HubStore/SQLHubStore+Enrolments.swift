import Foundation
import KijkjeDomain
import KijkjeSync

/// Someone asking for a place in a session.
public struct EnrolmentRequest: Sendable {
    public var personTenantId: UUID
    public var personId: UUID
    public var sessionId: UUID
    /// Staff and agents enrol only while registration is open; organisers may enrol anyone at any time.
    public var enforceRegistrationWindow: Bool

    public init(personTenantId: UUID, personId: UUID, sessionId: UUID, enforceRegistrationWindow: Bool) {
        self.personTenantId = personTenantId
        self.personId = personId
        self.sessionId = sessionId
        self.enforceRegistrationWindow = enforceRegistrationWindow
    }
}

extension SQLHubStore {
    /// Enrols a person: a place when one is free, else the waiting list, in arrival order. The person's row and the
    /// session's row are locked, so concurrent requests (from any number of hubs) are counted one after another and
    /// capacity is never exceeded. On plain PostgreSQL the rules are checked first without locks, and the locks, a
    /// check that nothing the rules read has moved, the count and the writes are one statement (`kijkje_enrol`,
    /// migration 15), so a popular session is locked for no round trip; when something moved, or an offer of the
    /// session must expire first, the enrolment takes the transaction below, as on SQLite and Citus.
    public func enrol(_ request: EnrolmentRequest, in networkId: UUID, at now: Date) async throws -> Enrolment {
        if database.writesTwoTablesAtOnce, let enrolment = try await enrolInOneStatement(request, in: networkId, at: now) {
            return enrolment
        }
        return try await database.transaction { tx in try await enrol(tx, request, in: networkId, at: now) }
    }

    func enrol(_ tx: any SQLExecutor, _ request: EnrolmentRequest, in networkId: UUID, at now: Date) async throws -> Enrolment {
        // The person's lock guards the per-person rules; the session's lock, taken as late as possible, guards
        // its places, so a popular session is held only for the few statements that count and write.
        let checked = try await checkEnrolment(tx, request, in: networkId, at: now, lockingPerson: true)
        let session = try await lockSession(tx, id: checked.session.id, tenantId: checked.session.tenantId, networkId: networkId)
        try await expireOffers(tx, session: session, edition: checked.edition, at: now)
        let state: EnrolmentState = session.placesLeft(taken: try await placesTaken(tx, session)) > 0 ? .confirmed : .waitlisted
        return try await insertEnrolment(
            tx, session: session, personTenantId: request.personTenantId, personId: request.personId,
            state: state, at: now, reason: Self.enrolledReason(state), notice: state == .confirmed ? .confirmed : nil,
            noticeSession: (checked.place.with(session), networkId))
    }

    /// What the rules of an enrolment read, once they allowed it.
    struct CheckedEnrolment {
        /// The session as read before its lock.
        var session: Session
        var edition: Edition
        /// The session with its school (its place on the map for the travel rule, its name for the confirmation).
        var place: SessionSnapshot
        /// The sessions in which the person held a place in the edition when the rules were checked.
        var held: [PlannedSession]
    }

    /// Checks every rule of an enrolment but the places left: the person's school sees the session, registration is
    /// open (when asked) and not awaiting ranked choices, no active enrolment of the person in the session, and the
    /// per-person limits and travel times against the places the person holds.
    func checkEnrolment(
        _ executor: any SQLExecutor, _ request: EnrolmentRequest, in networkId: UUID, at now: Date, lockingPerson: Bool
    ) async throws -> CheckedEnrolment {
        // The person's lock first (in a transaction), as what is read next is what it guards.
        if lockingPerson { try await lockPersonRow(executor, tenantId: request.personTenantId, personId: request.personId) }
        // The session with its school (its place on the map for the travel rule, its name for the confirmation) and
        // the person's active enrolment in it, in one read.
        guard let school = try await self.school(executor, of: request.sessionId, in: "sessions", networkId: networkId) else {
            throw StoreError.notFound("session")
        }
        let found = try await sessionWithSchool(
            executor, tenantId: school, sessionId: request.sessionId, networkId: networkId,
            activeEnrolmentOf: (request.personTenantId, request.personId))
        let (session, place) = (found.session, found.snapshot)
        let (membership, held) = try await membershipAndHeld(
            executor, tenantId: request.personTenantId, personId: request.personId, networkId: networkId, editionId: session.editionId)
        let edition = try await edition(executor, of: session)
        guard session.visibility.admits(viewer: request.personTenantId, owner: session.tenantId, viewerIsGuest: membership == .guest)
        else { throw EnrolmentRefusal.notVisible }
        if request.enforceRegistrationWindow && !(edition.registrationOpensAt...edition.registrationClosesAt).contains(now) {
            throw EnrolmentRefusal.registrationClosed
        }
        if edition.awaitsAllocation { throw EnrolmentRefusal.rankedChoicesOpen(until: edition.registrationClosesAt) }
        if let active = found.activeEnrolment { throw EnrolmentRefusal.alreadyEnrolled(enrolmentId: active) }
        if let refusal = EnrolmentRules.check(place.planned, against: held, limits: edition.limits) { throw refusal }
        return CheckedEnrolment(session: session, edition: edition, place: place, held: held)
    }

    /// The enrolment on plain PostgreSQL: the rules checked without locks, then `kijkje_enrol` (migration 15) in one
    /// statement of its own. Nil when the function found something moved since the rules read it (twice: someone
    /// enrolling the same person at once) or an offer to expire first: the caller then takes the transaction.
    private func enrolInOneStatement(_ request: EnrolmentRequest, in networkId: UUID, at now: Date) async throws -> Enrolment? {
        for _ in 0..<2 {
            let checked = try await checkEnrolment(database, request, in: networkId, at: now, lockingPerson: false)
            switch try await enrolAtOnce(request, checked, in: networkId, at: now) {
            case .enrolled(let enrolment): return enrolment
            case .changed: continue
            case .overdue: return nil
            }
        }
        return nil
    }

    /// What `kijkje_enrol` did.
    enum AtOnce: Equatable {
        case enrolled(Enrolment)
        /// Nothing written: what the rules read moved meanwhile.
        case changed
        /// Nothing written: an offer of the session must expire first.
        case overdue
    }

    /// One call of `kijkje_enrol` for an enrolment whose rules were checked as `checked` says.
    func enrolAtOnce(_ request: EnrolmentRequest, _ checked: CheckedEnrolment, in networkId: UUID, at now: Date) async throws -> AtOnce {
        let session = checked.session
        // The enrolment as the function writes it, but for its state and arrival number, which it decides.
        var enrolment = Enrolment(
            id: UUIDv7.make(at: now), tenantId: session.tenantId, sessionId: session.id, editionId: session.editionId,
            personTenantId: request.personTenantId, personId: request.personId, state: .confirmed, queueNumber: 0,
            createdAt: now, updatedAt: now)
        let confirmedReason = Self.enrolledReason(.confirmed)
        let notice = Self.enrolmentNotice(enrolment, from: nil, reason: confirmedReason, at: now, sequence: 0, session: checked.place)
        let scopes = Self.enrolmentScopes(tenantId: session.tenantId, personTenantId: request.personTenantId).sorted()
        let states = { (states: [EnrolmentState]) in states.map(\.rawValue).joined(separator: ",") }
        let call: SQLQuery = """
            SELECT * FROM kijkje_enrol(\(request.personTenantId), \(request.personId), \(session.tenantId), \(session.id),
                \(session.editionId), \(checked.held.map(\.id.uuidString).joined(separator: ",")), \(states(EnrolmentState.active)),
                \(states(EnrolmentState.holdingPlace)), \(now), \(enrolment.id), \(UUIDv7.make(at: now)), \(confirmedReason),
                \(Self.enrolledReason(.waitlisted)), \(SyncRowKind.enrolment.rawValue), \(try Self.syncData(enrolment)),
                \(scopes[0].key), \(scopes[0].name), \(scopes.dropFirst().first?.key), \(scopes.dropFirst().first?.name),
                \(UUIDv7.make(at: now)), \(notice.key), \(MailKind.confirmed.rawValue), \(networkId), \(JSONColumn(notice.details)))
            """
        let row = try await expectRow(database, call.writing(.rowsOnly), "enrolment")
        switch try row.string("outcome") {
        case "enrolled":
            guard let state = EnrolmentState(rawValue: try row.string("new_state")) else { throw StoreError.notFound("enrolment state") }
            enrolment.state = state
            enrolment.queueNumber = try row.int("new_queue_number")
            return .enrolled(enrolment)
        case "changed": return .changed
        default: return .overdue
        }
    }

    /// Why a new enrolment has the state it has, as its first event says.
    static func enrolledReason(_ state: EnrolmentState) -> String {
        state == .confirmed ? "enrolled" : "the session is full: on the waiting list"
    }

    /// Writes a new enrolment with the session's next arrival number, and its first event. Runs under the session's lock.
    func insertEnrolment(
        _ tx: any SQLExecutor, session: Session, personTenantId: UUID, personId: UUID, state: EnrolmentState,
        at now: Date, reason: String, notice: MailKind?, noticeSession: (session: SessionSnapshot, networkId: UUID)? = nil
    ) async throws -> Enrolment {
        let queue =
            try await tx.run(
                """
                UPDATE sessions SET enrolment_seq = enrolment_seq + 1 WHERE tenant_id = \(session.tenantId) AND id = \(session.id)
                RETURNING enrolment_seq
                """
            ).first?.int("enrolment_seq") ?? 0
        let enrolment = Enrolment(
            id: UUIDv7.make(at: now), tenantId: session.tenantId, sessionId: session.id, editionId: session.editionId,
            personTenantId: personTenantId, personId: personId, state: state, queueNumber: queue,
            createdAt: now, updatedAt: now)
        try await tx.run(
            """
            INSERT INTO enrolments (tenant_id, id, session_id, edition_id, person_tenant_id, person_id, state, queue_number,
                                    created_at, updated_at)
            VALUES (\(enrolment.tenantId), \(enrolment.id), \(enrolment.sessionId), \(enrolment.editionId),
                    \(personTenantId), \(personId), \(state.rawValue), \(queue), \(now), \(now))
            """)
        try await tx.run("INSERT INTO row_schools (id, tenant_id) VALUES (\(enrolment.id), \(enrolment.tenantId))")
        try await record(tx, enrolment, in: session, from: nil, at: now, reason: reason, notice: notice, noticeSession: noticeSession)
        return enrolment
    }

    /// Gives up a place or a spot in the queue; a freed place goes at once to the next in line.
    public func cancelEnrolment(id: UUID, in networkId: UUID, at now: Date) async throws -> Enrolment {
        try await changeEnrolment(id: id, in: networkId, at: now) { enrolment, _ in
            guard enrolment.state.isActive else { throw EnrolmentRefusal.notActive(state: enrolment.state) }
            return (.cancelled, "cancelled")
        }
    }

    /// Takes an offered place before the claim window closes.
    public func claimOffer(id: UUID, in networkId: UUID, at now: Date) async throws -> Enrolment {
        try await changeEnrolment(id: id, in: networkId, at: now) { enrolment, _ in
            guard enrolment.state == .offered else { throw EnrolmentRefusal.notOffered(state: enrolment.state) }
            return (.confirmed, "claimed the offered place")
        }
    }

    /// Turns an offered place down; it goes to the next in line.
    public func declineOffer(id: UUID, in networkId: UUID, at now: Date) async throws -> Enrolment {
        try await changeEnrolment(id: id, in: networkId, at: now) { enrolment, _ in
            guard enrolment.state == .offered else { throw EnrolmentRefusal.notOffered(state: enrolment.state) }
            return (.declined, "declined the offered place")
        }
    }

    /// Moves one enrolment to the state `decide` names, under the session's lock, then hands out freed places.
    /// Overdue offers of the session expire first, and that is kept even when `decide` refuses.
    private func changeEnrolment(
        id: UUID, in networkId: UUID, at now: Date,
        _ decide: @Sendable @escaping (Enrolment, Edition) throws -> (EnrolmentState, String)
    ) async throws -> Enrolment {
        let outcome: Result<Enrolment, EnrolmentRefusal> = try await database.transaction { tx in
            let found = try await enrolment(tx, id: id, networkId: networkId)
            let session = try await lockSession(tx, id: found.sessionId, tenantId: found.tenantId, networkId: networkId)
            let edition = try await edition(tx, of: session)
            try await expireOffers(tx, session: session, edition: edition, at: now)
            var current = try await enrolment(tx, id: id, networkId: networkId)
            if found.state == .offered && current.state == .declined { return .failure(.offerExpired) }
            let next: (EnrolmentState, String)
            do {
                next = try decide(current, edition)
            } catch let refusal as EnrolmentRefusal {
                return .failure(refusal)
            }
            let previous = current.state
            current.state = next.0
            current.offeredUntil = nil
            current.updatedAt = now
            try await save(tx, current)
            let notice: MailKind? =
                switch (previous, current.state) {
                case (.offered, .confirmed): .confirmed
                case (.confirmed, .cancelled): .cancelled
                default: nil
                }
            try await record(tx, current, in: session, from: previous, at: now, reason: next.1, notice: notice)
            if previous.holdsPlace && !current.state.holdsPlace {
                try await offerFreedPlaces(tx, session: session, edition: edition, at: now)
            }
            return .success(current)
        }
        return try outcome.get()
    }

    public func enrolment(id: UUID, in networkId: UUID) async throws -> Enrolment {
        try await enrolment(database, id: id, networkId: networkId)
    }

    func enrolment(_ executor: any SQLExecutor, id: UUID, networkId: UUID) async throws -> Enrolment {
        try Enrolment(row: try await row(executor, in: "enrolments", id: id, tenantId: nil, networkId: networkId, "enrolment"))
    }

    /// A session's enrolments: places first, then the waiting list in arrival order.
    public func enrolments(sessionId: UUID, in networkId: UUID) async throws -> [Enrolment] {
        let session = try await self.session(id: sessionId, in: networkId)
        return try await database.run(
            """
            SELECT * FROM enrolments WHERE tenant_id = \(session.tenantId) AND session_id = \(session.id)
            ORDER BY CASE state WHEN 'confirmed' THEN 0 WHEN 'offered' THEN 1 WHEN 'waitlisted' THEN 2 ELSE 3 END, queue_number
            """
        ).map(Enrolment.init(row:))
    }

    /// How many enrolments each session of the edition has in each state, in one query (catalogue and dashboard).
    public func enrolmentCounts(editionId: UUID, in networkId: UUID) async throws -> [UUID: [EnrolmentState: Int]] {
        var counts: [UUID: [EnrolmentState: Int]] = [:]
        for row in try await database.run(
            """
            SELECT session_id, state, COUNT(*) AS n FROM enrolments WHERE edition_id = \(editionId) AND \(Self.inNetwork(networkId))
            GROUP BY session_id, state
            """)
        {
            guard let state = EnrolmentState(rawValue: try row.string("state")) else { continue }
            counts[try row.uuid("session_id"), default: [:]][state] = try row.int("n")
        }
        return counts
    }

    /// A person's enrolments in all sessions of the network.
    public func enrolments(personTenantId: UUID, personId: UUID, in networkId: UUID) async throws -> [Enrolment] {
        _ = try await person(id: personId, tenantId: personTenantId, in: networkId)
        return try await database.run(
            """
            SELECT * FROM enrolments WHERE person_tenant_id = \(personTenantId) AND person_id = \(personId)
              AND \(Self.inNetwork(networkId)) ORDER BY created_at, id
            """
        ).map(Enrolment.init(row:))
    }

    public func enrolmentHistory(id: UUID, in networkId: UUID) async throws -> [EnrolmentEvent] {
        let enrolment = try await enrolment(id: id, in: networkId)
        return try await database.run(
            """
            SELECT * FROM enrolment_events WHERE tenant_id = \(enrolment.tenantId) AND enrolment_id = \(id) ORDER BY at, id
            """
        ).map(EnrolmentEvent.init(row:))
    }

    // MARK: Pieces shared by the operations above and the waiting list

    /// Locks the person's row and returns their school's membership kind in the network.
    func lockPerson(_ tx: any SQLExecutor, tenantId: UUID, personId: UUID, networkId: UUID) async throws -> MembershipKind {
        try await lockPersonRow(tx, tenantId: tenantId, personId: personId)
        let membership = try await expectRow(
            tx,
            """
            SELECT kind FROM memberships WHERE tenant_id = \(tenantId) AND network_id = \(networkId)
            """, "person")
        return try membership.choice("kind")
    }

    /// Locks the person's row for the transaction (on its own: a sharded cluster locks a school's row only in a
    /// statement of that school's table alone).
    func lockPersonRow(_ tx: any SQLExecutor, tenantId: UUID, personId: UUID) async throws {
        _ = try await expectRow(
            tx, "SELECT id FROM people WHERE tenant_id = \(tenantId) AND id = \(personId)\(unsafeRaw: database.dialect.forUpdate)",
            "person")
    }

    /// The person's school's membership kind in the network and the sessions in which the person holds a place in an
    /// edition, in one read (a row per place held, or one without a place).
    func membershipAndHeld(
        _ executor: any SQLExecutor, tenantId: UUID, personId: UUID, networkId: UUID, editionId: UUID
    ) async throws -> (MembershipKind, [PlannedSession]) {
        let rows = try await executor.run(
            """
            SELECT m.kind, h.session_id, h.title, h.starts_at, h.ends_at, t.latitude, t.longitude
            FROM people p JOIN memberships m ON m.tenant_id = p.tenant_id
              LEFT JOIN held_places h ON h.tenant_id = p.tenant_id AND h.person_id = p.id AND h.edition_id = \(editionId)
              LEFT JOIN tenants t ON t.id = h.session_tenant_id
            WHERE p.tenant_id = \(tenantId) AND p.id = \(personId) AND m.network_id = \(networkId)
            """)
        guard let first = rows.first else { throw StoreError.notFound("person") }
        let held = try rows.filter { try $0.value("session_id") != .null }.map(Self.plannedSession)
        return (try first.choice("kind"), held)
    }

    /// Locks a session's row; `tenantId`, when the caller knows it, spares the lookup of the session's school.
    func lockSession(_ tx: any SQLExecutor, id: UUID, tenantId: UUID? = nil, networkId: UUID) async throws -> Session {
        try Session(row: try await row(tx, in: "sessions", id: id, tenantId: tenantId, networkId: networkId, "session", lock: true))
    }

    func placesTaken(_ tx: any SQLExecutor, _ session: Session) async throws -> Int {
        try await tx.run(
            """
            SELECT COUNT(*) AS n FROM enrolments WHERE tenant_id = \(session.tenantId) AND session_id = \(session.id)
              AND state IN \(states: EnrolmentState.holdingPlace)
            """
        ).first?.int("n") ?? 0
    }

    /// The session with its school's position, for the travel-time rule.
    func planned(_ tx: any SQLExecutor, _ session: Session) async throws -> PlannedSession {
        let school = try await expectRow(tx, "SELECT latitude, longitude FROM tenants WHERE id = \(session.tenantId)", "school")
        return PlannedSession(
            id: session.id, title: session.title, startsAt: session.startsAt, endsAt: session.endsAt,
            latitude: try school.double("latitude"), longitude: try school.double("longitude"))
    }

    /// The sessions in which a person holds a place (confirmed or offered) in an edition.
    /// Read from `held_places`, kept with the person (on a sharded cluster: on the person's school's worker).
    func heldSessions(_ tx: any SQLExecutor, personTenantId: UUID, personId: UUID, editionId: UUID) async throws -> [PlannedSession] {
        try await tx.run(
            """
            SELECT h.session_id, h.title, h.starts_at, h.ends_at, t.latitude, t.longitude
            FROM held_places h JOIN tenants t ON t.id = h.session_tenant_id
            WHERE h.tenant_id = \(personTenantId) AND h.person_id = \(personId) AND h.edition_id = \(editionId)
            """
        ).map(Self.plannedSession)
    }

    /// A held place read with its school's position.
    static func plannedSession(_ row: SQLRow) throws -> PlannedSession {
        PlannedSession(
            id: try row.uuid("session_id"), title: try row.string("title"), startsAt: try row.date("starts_at"),
            endsAt: try row.date("ends_at"), latitude: try row.double("latitude"), longitude: try row.double("longitude"))
    }

    func save(_ tx: any SQLExecutor, _ enrolment: Enrolment) async throws {
        try await tx.run(
            """
            UPDATE enrolments SET state = \(enrolment.state.rawValue), offered_until = \(enrolment.offeredUntil),
                updated_at = \(enrolment.updatedAt)
            WHERE tenant_id = \(enrolment.tenantId) AND id = \(enrolment.id)
            """)
    }

    /// Records an enrolment's change in its history, the person's held places and the sync feed, and the notice that
    /// mails it (if any).
    func record(
        _ tx: any SQLExecutor, _ enrolment: Enrolment, in session: Session, from: EnrolmentState?, at: Date, reason: String,
        notice: MailKind? = nil, noticeSession: (session: SessionSnapshot, networkId: UUID)? = nil
    ) async throws {
        if enrolment.state.holdsPlace && !(from?.holdsPlace ?? false) {
            try await tx.run(
                """
                INSERT INTO held_places (tenant_id, person_id, enrolment_id, edition_id, session_tenant_id, session_id, title,
                                         starts_at, ends_at)
                VALUES (\(enrolment.personTenantId), \(enrolment.personId), \(enrolment.id), \(enrolment.editionId), \(session.tenantId),
                        \(session.id), \(session.title), \(session.startsAt), \(session.endsAt))
                """)
        } else if !enrolment.state.holdsPlace && (from?.holdsPlace ?? false) {
            try await tx.run("DELETE FROM held_places WHERE tenant_id = \(enrolment.personTenantId) AND enrolment_id = \(enrolment.id)")
        }
        try await tx.run(
            """
            INSERT INTO enrolment_events (tenant_id, id, enrolment_id, from_state, to_state, at, reason)
            VALUES (\(enrolment.tenantId), \(UUIDv7.make(at: at)), \(enrolment.id), \(from?.rawValue), \(enrolment.state.rawValue),
                    \(at), \(reason))
            """)
        if let notice { try await addEnrolmentNotice(tx, notice, enrolment, from: from, reason: reason, at: at, session: noticeSession) }
        // Last: the scope's version stays locked from its bump to the commit, and every change of the school waits for it.
        try await publish(tx, enrolment, at: at)
    }
}
