import Foundation
import KijkjeDomain

/// Changing an enrolment (cancel, claim, decline), reading enrolments, and the pieces these share with making one
/// (`SQLHubStore+Enrol.swift`) and with the waiting list.
extension SQLHubStore {
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
            SELECT m.kind, \(unsafeRaw: Self.heldColumns)
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
            SELECT \(unsafeRaw: Self.heldColumns)
            FROM held_places h JOIN tenants t ON t.id = h.session_tenant_id
            WHERE h.tenant_id = \(personTenantId) AND h.person_id = \(personId) AND h.edition_id = \(editionId)
            """
        ).map(Self.plannedSession)
    }

    /// What a held place is read as: `held_places h` with its session's school `tenants t`.
    static let heldColumns = "h.session_id, h.title, h.starts_at, h.ends_at, t.latitude, t.longitude"

    /// A held place read with its school's position (`heldColumns`).
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
