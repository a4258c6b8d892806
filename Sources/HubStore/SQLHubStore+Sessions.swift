import Foundation
import KijkjeDomain

extension SQLHubStore {
    public func addSession(_ session: Session, in networkId: UUID, at time: Date) async throws {
        try await database.transaction { tx in try await addSession(tx, session, in: networkId, at: time) }
    }

    public func addSessions(_ sessions: [Session], in networkId: UUID, at time: Date) async throws {
        try await database.transaction { tx in
            for session in sessions { try await addSession(tx, session, in: networkId, at: time) }
        }
    }

    func addSession(_ tx: any SQLExecutor, _ session: Session, in networkId: UUID, at now: Date) async throws {
        try await requireInNetwork(tx, editionId: session.editionId, tenantId: session.tenantId, networkId: networkId)
        try await tx.run(
            """
            INSERT INTO sessions (tenant_id, id, edition_id, kind, title, description, presenter, location,
                                  starts_at, ends_at, capacity, visibility, topics)
            VALUES (\(session.tenantId), \(session.id), \(session.editionId), \(session.kind.rawValue),
                    \(session.title), \(session.description), \(session.presenter), \(session.location),
                    \(session.startsAt), \(session.endsAt), \(session.capacity), \(session.visibility.rawValue),
                    \(JSONColumn(session.topics)))
            """)
        try await tx.run("INSERT INTO row_schools (id, tenant_id) VALUES (\(session.id), \(session.tenantId))")
        try await publish(tx, session, in: networkId, at: now)
    }

    public func sessions(editionId: UUID, in networkId: UUID) async throws -> [Session] {
        try await database.run(
            """
            SELECT * FROM sessions WHERE edition_id = \(editionId) AND \(Self.inNetwork(networkId))
            ORDER BY starts_at, title, id
            """
        ).map(Session.init(row:))
    }

    public func session(id: UUID, in networkId: UUID) async throws -> Session {
        try Session(row: try await row(database, in: "sessions", id: id, tenantId: nil, networkId: networkId, "session"))
    }

    public func updateSession(_ session: Session, in networkId: UUID, at time: Date) async throws {
        try await database.transaction { tx in try await updateSession(tx, session, in: networkId, at: time) }
    }

    func updateSession(_ tx: any SQLExecutor, _ session: Session, in networkId: UUID, at time: Date) async throws {
        try await requireInNetwork(tx, editionId: session.editionId, tenantId: session.tenantId, networkId: networkId)
        let before = try await lockSession(tx, id: session.id, networkId: networkId)
        let taken = try await placesTaken(tx, before)
        if session.capacity < taken {
            throw StoreError.conflict("\(taken) places are taken; the capacity cannot go below that")
        }
        _ = try await expectRow(
            tx,
            """
            UPDATE sessions SET edition_id = \(session.editionId), kind = \(session.kind.rawValue),
                title = \(session.title), description = \(session.description), presenter = \(session.presenter),
                location = \(session.location), starts_at = \(session.startsAt), ends_at = \(session.endsAt),
                capacity = \(session.capacity), visibility = \(session.visibility.rawValue),
                topics = \(JSONColumn(session.topics))
            WHERE tenant_id = \(session.tenantId) AND id = \(session.id) RETURNING id
            """, "session")
        if (session.title, session.startsAt, session.endsAt) != (before.title, before.startsAt, before.endsAt) {
            // The people holding places keep a copy of what the rules on overlaps and travel need.
            try await tx.run(
                """
                UPDATE held_places SET title = \(session.title), starts_at = \(session.startsAt), ends_at = \(session.endsAt)
                WHERE session_tenant_id = \(session.tenantId) AND session_id = \(session.id)
                """)
        }
        if session.capacity > before.capacity {
            let edition = try await edition(tx, of: session)
            try await offerFreedPlaces(tx, session: session, edition: edition, at: time)
        }
        try await addSessionChangeNotices(tx, before: before, after: session, at: time)
        try await publish(tx, session, in: networkId, at: time)
    }

    /// Withdraws a session: everyone holding a place, an offer or a spot in the queue is cancelled and told (with what
    /// else fits in that slot), and the session goes with all its enrolments.
    public func removeSession(id: UUID, in networkId: UUID, at time: Date) async throws {
        try await database.transaction { tx in try await removeSession(tx, id: id, in: networkId, at: time) }
    }

    func removeSession(_ tx: any SQLExecutor, id: UUID, in networkId: UUID, at now: Date) async throws {
        let session = try await lockSession(tx, id: id, networkId: networkId)
        try await cancelForWithdrawal(tx, session, at: now)
        let past = try await tx.run(
            """
            SELECT id, person_tenant_id FROM enrolments WHERE tenant_id = \(session.tenantId) AND session_id = \(id)
            """)
        for row in past {
            let scopes = Self.enrolmentScopes(tenantId: session.tenantId, personTenantId: try row.uuid("person_tenant_id"))
            try await withdraw(tx, .enrolment, id: try row.uuid("id"), from: scopes, at: now)
            try await tx.run("DELETE FROM row_schools WHERE id = \(try row.uuid("id"))")
        }
        try await tx.run(
            """
            DELETE FROM enrolment_events WHERE tenant_id = \(session.tenantId)
              AND enrolment_id IN (SELECT id FROM enrolments WHERE tenant_id = \(session.tenantId) AND session_id = \(id))
            """)
        try await tx.run("DELETE FROM enrolments WHERE tenant_id = \(session.tenantId) AND session_id = \(id)")
        try await tx.run("DELETE FROM sessions WHERE tenant_id = \(session.tenantId) AND id = \(id)")
        try await tx.run("DELETE FROM row_schools WHERE id = \(id)")
        try await withdraw(tx, .session, id: id, from: Self.catalogueCandidates(owner: session.tenantId, networkId: networkId), at: now)
    }
}
