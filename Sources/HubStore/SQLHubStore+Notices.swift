import Foundation
import KijkjeDomain
import KijkjeMatching

extension SQLHubStore {
    // MARK: Writing notices, inside the transaction of what they report

    /// Records that something happened which a person must hear of; a notice whose key is there already is left out.
    func addNotice(
        _ tx: any SQLExecutor, _ kind: MailKind, key: String, networkId: UUID, tenantId: UUID, personId: UUID,
        details: NoticeDetails, at now: Date
    ) async throws {
        try await tx.run(
            """
            INSERT INTO notices (id, dedupe_key, kind, network_id, person_tenant_id, person_id, details, created_at)
            VALUES (\(UUIDv7.make(at: now)), \(key), \(kind.rawValue), \(networkId), \(tenantId), \(personId), \(JSONColumn(details)),
                    \(now))
            ON CONFLICT (dedupe_key) DO NOTHING
            """)
    }

    /// A session as mails describe it (with its school), and the network of its edition.
    func snapshot(_ tx: any SQLExecutor, tenantId: UUID, sessionId: UUID) async throws -> (session: SessionSnapshot, networkId: UUID) {
        let row = try await expectRow(
            tx,
            """
            SELECT s.*, \(unsafeRaw: Self.schoolColumns), e.network_id AS edition_network_id
            FROM sessions s JOIN tenants t ON t.id = s.tenant_id JOIN editions e ON e.id = s.edition_id
            WHERE s.tenant_id = \(tenantId) AND s.id = \(sessionId)
            """, "session")
        return (try SessionSnapshot(row: row), try row.uuid("edition_network_id"))
    }

    /// A session of the network, the same session as mails describe it (with its school), and the id of a person's
    /// active enrolment in it, in one read (the school named in each table, so a sharded cluster runs it on that
    /// school's worker alone).
    func sessionWithSchool(
        _ executor: any SQLExecutor, tenantId: UUID, sessionId: UUID, networkId: UUID, activeEnrolmentOf person: (tenantId: UUID, id: UUID)
    ) async throws -> (session: Session, snapshot: SessionSnapshot, activeEnrolment: UUID?) {
        let row = try await expectRow(
            executor,
            """
            SELECT s.*, \(unsafeRaw: Self.schoolColumns),
              (SELECT e.id FROM enrolments e WHERE e.tenant_id = \(tenantId) AND e.session_id = \(sessionId)
                 AND e.person_tenant_id = \(person.tenantId) AND e.person_id = \(person.id) AND e.state IN \(states: EnrolmentState.active)
              ) AS active_enrolment_id
            FROM sessions s JOIN tenants t ON t.id = s.tenant_id
            WHERE s.tenant_id = \(tenantId) AND s.id = \(sessionId) AND s.\(Self.inNetwork(networkId))
            """, "session")
        return (try Session(row: row), try SessionSnapshot(row: row), try row.optionalUUID("active_enrolment_id"))
    }

    /// The notice an enrolment's change sends, if any: a place offered, confirmed, given up or lapsed, or the
    /// session withdrawn. Its calendar SEQUENCE counts the enrolment's earlier notices.
    func addEnrolmentNotice(
        _ tx: any SQLExecutor, _ kind: MailKind, _ enrolment: Enrolment, from: EnrolmentState?, reason: String, at now: Date,
        session known: (session: SessionSnapshot, networkId: UUID)? = nil, previous: SessionSnapshot? = nil,
        alternatives: [SessionSnapshot]? = nil
    ) async throws {
        var found = known
        if found == nil { found = try await snapshot(tx, tenantId: enrolment.tenantId, sessionId: enrolment.sessionId) }
        guard let (snapshot, networkId) = found else { return }
        // A new enrolment has had no notice yet.
        let earlier =
            from == nil
            ? 0
            : try await tx.run(
                """
                SELECT COUNT(*) AS n FROM notices WHERE person_tenant_id = \(enrolment.personTenantId)
                  AND person_id = \(enrolment.personId) AND dedupe_key LIKE \("enrolment:\(enrolment.id):%")
                """
            ).first?.int("n") ?? 0
        let notice = Self.enrolmentNotice(
            enrolment, from: from, reason: reason, at: now, sequence: earlier, session: snapshot, previous: previous,
            alternatives: alternatives)
        try await addNotice(
            tx, kind, key: notice.key, networkId: networkId, tenantId: enrolment.personTenantId, personId: enrolment.personId,
            details: notice.details, at: now)
    }

    /// The key and details of the notice an enrolment's change sends: its key unique to the change, its details what
    /// the mail says.
    static func enrolmentNotice(
        _ enrolment: Enrolment, from: EnrolmentState?, reason: String, at now: Date, sequence: Int, session: SessionSnapshot,
        previous: SessionSnapshot? = nil, alternatives: [SessionSnapshot]? = nil
    ) -> (key: String, details: NoticeDetails) {
        let details = NoticeDetails(
            enrolmentId: enrolment.id, from: from, to: enrolment.state, reason: reason, offeredUntil: enrolment.offeredUntil,
            sequence: sequence, session: session, previous: previous, alternatives: alternatives)
        return ("enrolment:\(enrolment.id):\(UUIDv7.make(at: now))", details)
    }

    /// Tells everyone enrolled, offered or waiting that their session changed time, room or capacity (nothing when
    /// none of those changed).
    func addSessionChangeNotices(_ tx: any SQLExecutor, before: Session, after: Session, at now: Date) async throws {
        let moved = before.startsAt != after.startsAt || before.endsAt != after.endsAt || before.location != after.location
        guard moved || before.capacity != after.capacity else { return }
        // More or fewer places matter only to those still waiting (places it adds were offered already).
        let states = moved ? EnrolmentState.active : [.waitlisted]
        let current = try await snapshot(tx, tenantId: after.tenantId, sessionId: after.id)
        var previous = current.session
        previous.startsAt = before.startsAt
        previous.endsAt = before.endsAt
        previous.location = before.location
        previous.capacity = before.capacity
        for row in try await tx.run(
            """
            SELECT * FROM enrolments WHERE tenant_id = \(after.tenantId) AND session_id = \(after.id)
              AND state IN \(states: states)
            """)
        {
            let enrolment = try Enrolment(row: row)
            try await addEnrolmentNotice(
                tx, .changed, enrolment, from: enrolment.state, reason: "the session changed", at: now, session: current,
                previous: previous)
        }
    }
}

extension SQLHubStore {
    /// What a session's snapshot reads beside `s.*`: its school's name, town and position (`tenants t` joined).
    static let schoolColumns =
        "t.name AS school_name, t.town AS school_town, t.latitude AS school_latitude, t.longitude AS school_longitude"

    /// Whether the school is a guest of the network (guests see only what is shared with everyone).
    func isGuest(_ tx: any SQLExecutor, tenantId: UUID, networkId: UUID) async throws -> Bool {
        try await tx.run("SELECT kind FROM memberships WHERE tenant_id = \(tenantId) AND network_id = \(networkId)")
            .first?.choice("kind", as: MembershipKind.self) == .guest
    }
}

extension SessionSnapshot {
    /// A session row joined with its school's name, town and position.
    init(row: SQLRow) throws {
        self.init(
            try Session(row: row), school: try row.string("school_name"), town: try row.string("school_town"),
            latitude: try row.double("school_latitude"), longitude: try row.double("school_longitude"))
    }
}

extension SQLHubStore {
    /// Cancels every active enrolment of a session that is being withdrawn, telling each person what else fits in
    /// that slot. Runs under the session's lock.
    func cancelForWithdrawal(_ tx: any SQLExecutor, _ session: Session, at now: Date) async throws {
        let active = try await tx.run(
            """
            SELECT * FROM enrolments WHERE tenant_id = \(session.tenantId) AND session_id = \(session.id)
              AND state IN \(states: EnrolmentState.active)
            """
        ).map(Enrolment.init(row:))
        guard !active.isEmpty else { return }
        let current = try await snapshot(tx, tenantId: session.tenantId, sessionId: session.id)
        let others = try await tx.run(
            """
            SELECT s.*, \(unsafeRaw: Self.schoolColumns) FROM sessions s JOIN tenants t ON t.id = s.tenant_id
            WHERE s.edition_id = \(session.editionId) AND s.id <> \(session.id)
              AND s.starts_at < \(session.endsAt) AND s.ends_at > \(session.startsAt)
            ORDER BY s.starts_at, s.title
            """)
        var open: [(Session, SessionSnapshot)] = []
        for row in others {
            let other = try Session(row: row)
            if other.placesLeft(taken: try await placesTaken(tx, other)) > 0 { open.append((other, try SessionSnapshot(row: row))) }
        }
        for var enrolment in active {
            let previous = enrolment.state
            enrolment.state = .cancelled
            enrolment.offeredUntil = nil
            enrolment.updatedAt = now
            try await save(tx, enrolment)
            try await record(tx, enrolment, in: session, from: previous, at: now, reason: "the session was withdrawn")
            let guest = try await isGuest(tx, tenantId: enrolment.personTenantId, networkId: current.networkId)
            let fitting = open.filter { other, _ in
                other.visibility.admits(viewer: enrolment.personTenantId, owner: other.tenantId, viewerIsGuest: guest)
            }
            try await addEnrolmentNotice(
                tx, .withdrawn, enrolment, from: previous, reason: "the session was withdrawn", at: now, session: current,
                alternatives: fitting.prefix(5).map(\.1))
        }
    }
}

extension SQLHubStore {
    /// Everyone who ranked hears what they got and why; those left without a place get the workshops with places
    /// left that fit their week.
    func addAllocationNotices(_ tx: any SQLExecutor, _ results: [(Placement, Enrolment?)], edition: Edition, at now: Date) async throws {
        var open: [(Session, SessionSnapshot, PlannedSession)] = []
        // The titles of the ranked sessions, in the order of each explanation's choices (for the mail's lines).
        var titles: [String: String] = [:]
        for row in try await tx.run("SELECT id, title FROM sessions WHERE edition_id = \(edition.id)") {
            titles[try row.uuid("id").uuidString] = try row.string("title")
        }
        if results.contains(where: { $0.1 == nil }) {
            for row in try await tx.run(
                """
                SELECT s.*, \(unsafeRaw: Self.schoolColumns) FROM sessions s JOIN tenants t ON t.id = s.tenant_id
                WHERE s.edition_id = \(edition.id) AND s.kind = 'workshop' ORDER BY s.starts_at, s.title
                """)
            {
                let session = try Session(row: row)
                if session.placesLeft(taken: try await placesTaken(tx, session)) > 0 {
                    let snapshot = try SessionSnapshot(row: row)
                    open.append((session, snapshot, snapshot.planned))
                }
            }
        }
        for (placement, enrolment) in results {
            var details = NoticeDetails(
                lines: placement.explanation.choices.map { titles[$0.session.uppercased()] ?? titles[$0.session] ?? "?" },
                explanation: placement.explanation, lotteryNumber: placement.explanation.lotteryNumber)
            if let enrolment {
                let (session, _) = try await snapshot(tx, tenantId: enrolment.tenantId, sessionId: enrolment.sessionId)
                details.enrolmentId = enrolment.id
                details.sequence = 0
                details.sessions = [session]
            } else {
                let guest = try await isGuest(tx, tenantId: placement.personTenantId, networkId: edition.networkId)
                let held = try await heldSessions(
                    tx, personTenantId: placement.personTenantId, personId: placement.personId, editionId: edition.id)
                details.alternatives = Array(
                    open.filter { session, _, planned in
                        session.visibility.admits(viewer: placement.personTenantId, owner: session.tenantId, viewerIsGuest: guest)
                            && EnrolmentRules.check(planned, against: held, limits: edition.limits) == nil
                    }
                    .prefix(5).map(\.1))
            }
            try await addNotice(
                tx, .allocation, key: "allocation:\(edition.id):\(placement.personTenantId)/\(placement.personId)",
                networkId: edition.networkId, tenantId: placement.personTenantId, personId: placement.personId, details: details,
                at: now)
        }
    }
}
