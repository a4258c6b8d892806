import Foundation
import KijkjeDomain

extension SQLHubStore {
    /// Records the notices the clock makes due: offer reminders when a quarter of the claim window is left, the
    /// afternoon-before mails of each day (the participant's day, the presenter's list, the shadow host's guest)
    /// and reminders of unanswered shadow proposals. Their keys make a second run (or a second hub) add nothing.
    public func addDueNotices(at now: Date) async throws {
        try await database.transaction { tx in
            try await addOfferReminders(tx, at: now)
            for edition in try await tx.run("SELECT * FROM editions WHERE purged_at IS NULL").map(Edition.init(row:)) {
                for day in edition.days where Self.isAfternoonBefore(day, now) {
                    try await addDayNotices(tx, edition: edition, day: day, at: now)
                }
                try await addProposalReminders(tx, edition: edition, at: now)
            }
        }
    }

    /// From 15:00 the day before until the day starts.
    static func isAfternoonBefore(_ day: Day, _ now: Date, calendar: Calendar = .networkCalendar) -> Bool {
        let start = calendar.date(day, hour: 0)
        guard let remindAt = calendar.date(byAdding: .hour, value: -9, to: start) else { return false }
        return remindAt <= now && now < start
    }

    func addOfferReminders(_ tx: any SQLExecutor, at now: Date) async throws {
        for row in try await tx.run(
            """
            SELECT en.*, ed.claim_window_hours FROM enrolments en JOIN editions ed ON ed.id = en.edition_id
            WHERE en.state = 'offered' AND en.offered_until > \(now)
            """)
        {
            let enrolment = try Enrolment(row: row)
            guard let until = enrolment.offeredUntil else { continue }
            let window = Double(try row.int("claim_window_hours")) * 3600
            guard until.timeIntervalSince(now) <= window / 4 else { continue }
            let (session, networkId) = try await snapshot(tx, tenantId: enrolment.tenantId, sessionId: enrolment.sessionId)
            try await addNotice(
                tx, .offerReminder, key: "offer-reminder:\(enrolment.id):\(Int(until.timeIntervalSince1970))", networkId: networkId,
                tenantId: enrolment.personTenantId, personId: enrolment.personId,
                details: NoticeDetails(enrolmentId: enrolment.id, to: .offered, offeredUntil: until, session: session), at: now)
        }
    }

    func addDayNotices(_ tx: any SQLExecutor, edition: Edition, day: Day, at now: Date) async throws {
        let calendar = Calendar.networkCalendar
        let (from, to) = (calendar.date(day, hour: 0), calendar.date(day, hour: 0).addingTimeInterval(86_400))
        // Every place held that day, with its session and school, in order; the people apart, from their places
        // kept with them (on a sharded cluster each query joins rows of one school).
        let places = try await tx.run(
            """
            SELECT e.person_tenant_id, e.person_id, s.*, \(unsafeRaw: Self.schoolColumns)
            FROM enrolments e
            JOIN sessions s ON s.tenant_id = e.tenant_id AND s.id = e.session_id
            JOIN tenants t ON t.id = s.tenant_id
            WHERE e.edition_id = \(edition.id) AND e.state = 'confirmed' AND s.starts_at >= \(from) AND s.starts_at < \(to)
            ORDER BY s.starts_at, s.id
            """)
        var people: [String: PersonSnapshot] = [:]
        for row in try await tx.run(
            """
            SELECT DISTINCT p.tenant_id, p.id, p.name, p.role, pt.name AS school, pt.town
            FROM held_places h
            JOIN people p ON p.tenant_id = h.tenant_id AND p.id = h.person_id
            JOIN tenants pt ON pt.id = p.tenant_id
            WHERE h.edition_id = \(edition.id) AND h.starts_at >= \(from) AND h.starts_at < \(to)
            """)
        {
            people["\(try row.uuid("tenant_id"))/\(try row.uuid("id"))"] = PersonSnapshot(
                name: try row.string("name"), role: try row.choice("role"), school: try row.string("school"), town: try row.string("town"))
        }
        var days: [String: (tenantId: UUID, personId: UUID, sessions: [SessionSnapshot])] = [:]
        var lists: [UUID: (session: Session, snapshot: SessionSnapshot, people: [PersonSnapshot])] = [:]
        for row in places {
            let tenantId = try row.uuid("person_tenant_id"), personId = try row.uuid("person_id")
            let session = try Session(row: row), snapshot = try SessionSnapshot(row: row)
            guard let person = people["\(tenantId)/\(personId)"] else { continue }
            days["\(tenantId)/\(personId)", default: (tenantId, personId, [])].sessions.append(snapshot)
            lists[session.id, default: (session, snapshot, [])].people.append(person)
        }
        for id in lists.keys { lists[id]?.people.sort { $0.name < $1.name } }
        // Confirmed shadow days: the requester's day names the host; the host hears who is coming.
        var shadows: [String: ShadowSnapshot] = [:]
        for match in try await tx.run(
            """
            SELECT * FROM shadow_matches WHERE edition_id = \(edition.id) AND state = 'confirmed' AND day = \(day.description)
            """
        ).map(ShadowMatch.init(row:)) {
            // Each side by its own school (the host's may be another than the requester's).
            func side(_ tenantId: UUID, _ personId: UUID) async throws -> ShadowSnapshot {
                let row = try await expectRow(
                    tx,
                    """
                    SELECT p.name, p.role, t.name AS school, t.town FROM people p JOIN tenants t ON t.id = p.tenant_id
                    WHERE p.tenant_id = \(tenantId) AND p.id = \(personId)
                    """, "person")
                return ShadowSnapshot(
                    matchId: match.id, day: day, name: try row.string("name"), role: try row.choice("role"),
                    school: try row.string("school"), town: try row.string("town"))
            }
            let requester = try await side(match.tenantId, match.personId)
            let (tenantId, personId, matchId) = (match.tenantId, match.personId, match.id)
            shadows["\(tenantId)/\(personId)"] = try await side(match.offerTenantId, match.hostPersonId)
            // The requester's day, even when the shadow day is all of it.
            if days["\(tenantId)/\(personId)"] == nil { days["\(tenantId)/\(personId)"] = (tenantId, personId, []) }
            try await addNotice(
                tx, .shadowHost, key: "shadow-host:\(matchId)", networkId: edition.networkId, tenantId: match.offerTenantId,
                personId: match.hostPersonId, details: NoticeDetails(shadow: requester, day: day), at: now)
        }
        for (key, plan) in days {
            try await addNotice(
                tx, .dayReminder, key: "day-reminder:\(day):\(key)", networkId: edition.networkId, tenantId: plan.tenantId,
                personId: plan.personId,
                details: NoticeDetails(
                    sessions: plan.sessions, shadow: shadows[key], day: day, travelSpeedKmh: edition.limits.travelSpeedKmh),
                at: now)
        }
        // The presenter is a name (or an address) in the session; they get the list when they are one of the school's people.
        for (sessionId, list) in lists {
            guard
                let presenter = try await tx.run(
                    """
                    SELECT id FROM people WHERE tenant_id = \(list.session.tenantId)
                      AND (lower(name) = lower(\(list.session.presenter)) OR lower(email) = lower(\(list.session.presenter)))
                    ORDER BY id LIMIT 1
                    """
                ).first
            else { continue }
            try await addNotice(
                tx, .presenterList, key: "presenter-list:\(sessionId)", networkId: edition.networkId, tenantId: list.session.tenantId,
                personId: try presenter.uuid("id"), details: NoticeDetails(session: list.snapshot, day: day, people: list.people), at: now)
        }
    }

    /// One reminder per unanswered side of a proposal older than the edition's reminder days.
    func addProposalReminders(_ tx: any SQLExecutor, edition: Edition, at now: Date) async throws {
        let days = edition.proposalReminderDays
        for row in try await tx.run(
            """
            SELECT * FROM shadow_matches WHERE edition_id = \(edition.id) AND state = 'proposed'
              AND proposed_at <= \(now.addingTimeInterval(-Double(days) * 86_400))
              AND (requester_accepted IS NULL OR host_accepted IS NULL)
            """)
        {
            let match = try ShadowMatch(row: row)
            var waiting: [(ShadowSide, UUID, UUID)] = []
            if match.requesterAccepted == nil { waiting.append((.requester, match.tenantId, match.personId)) }
            if match.hostAccepted == nil { waiting.append((.host, match.offerTenantId, match.hostPersonId)) }
            for (side, tenantId, personId) in waiting {
                try await addNotice(
                    tx, .proposalReminder, key: "proposal-reminder:\(match.id):\(side.rawValue)", networkId: edition.networkId,
                    tenantId: tenantId, personId: personId,
                    details: NoticeDetails(
                        shadow: ShadowSnapshot(matchId: match.id, day: match.day, name: "", role: .other, school: "", town: ""),
                        day: match.day),
                    at: now)
            }
        }
    }
}
