import Foundation
import HubStore
import KijkjeDomain

extension DemoWeek {
    /// The summary, read back through the organiser API; the agents' outboxes say how their enrolments fared.
    func summary(mailSent: Int, mailbox: String) async throws -> DemoSummary {
        let base = "api/v1/editions/\(edition.id)"
        let organiser = self.organiser!
        var summary = DemoSummary()
        summary.network = network.name
        summary.members = plan.memberCount
        summary.guests = plan.schools.count - plan.memberCount

        let tenants = try await organiser.call(.GET, "api/v1/tenants", as: Listing<Tenant>.self).items
        let names = Dictionary(tenants.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let sessions = try await organiser.call(.GET, "\(base)/sessions", as: Listing<Session>.self).items
            .sorted { ($0.kind == .kickoff ? 0 : 1, $0.startsAt, $0.title) < ($1.kind == .kickoff ? 0 : 1, $1.startsAt, $1.title) }
        let enrolments = try await concurrently(sessions, width: width) { session in
            try await organiser.call(.GET, "api/v1/sessions/\(session.id)/enrolments", as: Listing<Enrolment>.self).items
        }
        let format = Date.FormatStyle(timeZone: Calendar.networkCalendar.timeZone).weekday(.abbreviated).day().month(.abbreviated)
            .hour(.twoDigits(amPM: .omitted)).minute(.twoDigits).locale(Locale(identifier: "nl_NL"))
        for (session, list) in zip(sessions, enrolments) {
            summary.workshops.append(
                DemoSummary.Workshop(
                    sessionId: session.id, title: session.kind == .kickoff ? "\(session.title) (kickoff)" : session.title,
                    school: names[session.tenantId] ?? "?", starts: session.startsAt.formatted(format), capacity: session.capacity,
                    confirmed: list.filter { $0.state == .confirmed }.count, waiting: list.filter { $0.state == .waitlisted }.count))
        }

        summary.ranked = plan.participants.filter { !$0.ranked.isEmpty }.count
        let allocation = try await organiser.call(.GET, "\(base)/allocation", as: AllocationRun.self)
        (summary.placedByAllocation, summary.unplacedByAllocation, summary.worstRank) = (
            allocation.placed, allocation.unplaced, allocation.worstRank
        )
        for agent in agents {
            let results = try agent.results()
            for (state, count) in results.applied { summary.agentEnrolments[state, default: 0] += count }
            for (reason, count) in results.refused { summary.agentEnrolments["refused (\(reason))", default: 0] += count }
            if results.pending > 0 { summary.agentEnrolments["pending", default: 0] += results.pending }
        }

        summary.shadowRequests = try await organiser.call(.GET, "\(base)/shadow-requests", as: Listing<ShadowRequest>.self).items.count
        summary.shadowOffers = try await organiser.call(.GET, "\(base)/shadow-offers", as: Listing<ShadowOffer>.self).items.count
        let matches = try await organiser.call(.GET, "\(base)/shadow-matches", as: Listing<ShadowMatch>.self).items
        summary.confirmedMatches = matches.filter { $0.state == .confirmed }.count
        summary.declinedProposals = matches.filter { $0.state == .declined }.count
        summary.openProposals = matches.filter { $0.state == .proposed }.count
        let tookPart = Participation.people(enrolments: enrolments.flatMap { $0 }, matches: matches)
        let latest = try await organiser.call(.GET, "\(base)/shadow-matching", as: ShadowMatchingRun.self)
        for request in latest.unmatched { summary.unmatched[DemoSummary.reason(request.alternatives), default: 0] += 1 }

        let guests = Set(plan.schools.indices.filter { plan.schools[$0].kind == .guest }.map { self.tenants[$0].id })
        summary.reach = tenants.map { tenant in
            DemoSummary.Reach(
                tenantId: tenant.id, school: tenant.name, guest: guests.contains(tenant.id),
                participants: tookPart.filter { $0.tenantId == tenant.id }.count,
                staff: tenant.headCounts.values.reduce(0, +))
        }
        summary.memberStaff = summary.reach.filter { !$0.guest }.reduce(0) { $0 + $1.staff }
        summary.mailSent = mailSent
        summary.mailbox = mailbox
        return summary
    }
}
