import Foundation
import KijkjeDomain

extension SQLHubStore {
    /// Offers every free place of a session to the next people in line who can take it (the per-person rules
    /// still hold for them), each for the edition's claim window. Runs under the session's lock.
    func offerFreedPlaces(_ tx: any SQLExecutor, session: Session, edition: Edition, at now: Date) async throws {
        var free = session.placesLeft(taken: try await placesTaken(tx, session))
        guard free > 0 else { return }
        let queue = try await tx.run(
            """
            SELECT * FROM enrolments WHERE tenant_id = \(session.tenantId) AND session_id = \(session.id) AND state = 'waitlisted'
            ORDER BY queue_number
            """
        ).map(Enrolment.init(row:))
        let candidate = try await planned(tx, session)
        for var next in queue where free > 0 {
            let held = try await heldSessions(tx, personTenantId: next.personTenantId, personId: next.personId, editionId: edition.id)
            if EnrolmentRules.check(candidate, against: held, limits: edition.limits) != nil { continue }
            next.state = .offered
            next.offeredUntil = now.addingTimeInterval(Double(edition.claimWindowHours) * 3600)
            next.updatedAt = now
            try await save(tx, next)
            try await record(
                tx, next, in: session, from: .waitlisted, at: now,
                reason: "a place became free: yours to claim for \(edition.claimWindowHours) hours",
                notice: .offered)
            free -= 1
        }
    }

    /// Lets a session's overdue offers lapse (declined) and passes the places on. Runs under the session's lock.
    func expireOffers(_ tx: any SQLExecutor, session: Session, edition: Edition, at now: Date) async throws {
        let overdue = try await tx.run(
            """
            SELECT * FROM enrolments WHERE tenant_id = \(session.tenantId) AND session_id = \(session.id) AND state = 'offered'
              AND offered_until <= \(now)
            """
        ).map(Enrolment.init(row:))
        guard !overdue.isEmpty else { return }
        for var lapsed in overdue {
            lapsed.state = .declined
            lapsed.offeredUntil = nil
            lapsed.updatedAt = now
            try await save(tx, lapsed)
            try await record(tx, lapsed, in: session, from: .offered, at: now, reason: "the offer expired unclaimed", notice: .lapsed)
        }
        try await offerFreedPlaces(tx, session: session, edition: edition, at: now)
    }

    /// Expires every overdue offer in the hub and passes the places on; returns how many lapsed.
    /// The hub calls this on a timer; every operation on a session also does it for that session first.
    public func expireOffers(at now: Date) async throws -> Int {
        let sessions = try await database.run(
            """
            SELECT DISTINCT tenant_id, session_id FROM enrolments WHERE state = 'offered' AND offered_until <= \(now)
            """)
        var lapsed = 0
        for row in sessions {
            let tenantId = try row.uuid("tenant_id"), sessionId = try row.uuid("session_id")
            lapsed += try await database.transaction { tx in
                let session = try Session(
                    row: try await expectRow(
                        tx,
                        """
                        SELECT * FROM sessions WHERE tenant_id = \(tenantId) AND id = \(sessionId)\(unsafeRaw: database.dialect.forUpdate)
                        """, "session"))
                let edition = try await edition(tx, of: session)
                let before =
                    try await tx.run(
                        """
                        SELECT COUNT(*) AS n FROM enrolments WHERE tenant_id = \(tenantId) AND session_id = \(sessionId)
                          AND state = 'offered' AND offered_until <= \(now)
                        """
                    ).first?.int("n") ?? 0
                try await expireOffers(tx, session: session, edition: edition, at: now)
                return before
            }
        }
        return lapsed
    }
}
