import Foundation
import HubStore
import KijkjeDomain

/// The week as one staff member sees it: the network's current edition, the sessions their school may see with
/// places left, and their own enrolments. Read fresh for every page.
struct PortalWeek: Sendable {
    let edition: Edition
    let sessions: [Session]
    let schools: [UUID: Tenant]
    /// Enrolments per session and state.
    let counts: [UUID: [EnrolmentState: Int]]
    let mine: [UUID: Enrolment]

    static func load(_ store: any HubStore, networkId: UUID, tenantId: UUID?, personId: UUID?) async throws -> PortalWeek {
        let edition = try await store.currentEdition(in: networkId)
        let memberships = try await store.memberships(in: networkId)
        let guest = memberships.first { $0.tenantId == tenantId }?.kind == .guest
        let all = try await store.sessions(editionId: edition.id, in: networkId)
        let visible =
            tenantId.map { viewer in all.filter { $0.visibility.admits(viewer: viewer, owner: $0.tenantId, viewerIsGuest: guest) } } ?? all
        let counts = try await store.enrolmentCounts(editionId: edition.id, in: networkId)
        var mine: [UUID: Enrolment] = [:]
        if let tenantId, let personId {
            for enrolment in try await store.enrolments(personTenantId: tenantId, personId: personId, in: networkId)
            where enrolment.state.isActive || mine[enrolment.sessionId] == nil {
                mine[enrolment.sessionId] = enrolment
            }
        }
        let schools = Dictionary(try await store.tenants(in: networkId).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return PortalWeek(
            edition: edition, sessions: visible.sorted { ($0.startsAt, $0.title) < ($1.startsAt, $1.title) },
            schools: schools, counts: counts, mine: mine)
    }

    func placesLeft(_ session: Session) -> Int { session.placesLeft(counts: counts[session.id] ?? [:]) }
}

/// Dates and times as the portal writes them, in the network's time zone.
enum PortalFormat {
    static func day(_ date: Date, _ language: Language) -> String {
        date.formatted(
            Date.FormatStyle(timeZone: Calendar.networkCalendar.timeZone).weekday(.wide).day().month(.wide)
                .locale(language.locale))
    }

    static func day(_ day: Day, _ language: Language) -> String {
        self.day(Calendar.networkCalendar.date(day, hour: 12), language)
    }

    static func time(_ start: Date, _ end: Date) -> String { "\(clock(start))–\(clock(end))" }

    static func clock(_ date: Date) -> String { Calendar.networkCalendar.clock(date) }

    static func moment(_ date: Date, _ language: Language) -> String { "\(day(date, language)) \(clock(date))" }
}
