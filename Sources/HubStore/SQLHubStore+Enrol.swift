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

/// Making a new enrolment: the rules, then a place or the waiting list. Changing one, and the pieces both share, are
/// in `SQLHubStore+Enrolments.swift`.
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
}
