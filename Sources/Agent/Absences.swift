import Foundation
import KijkjeDomain
import KijkjeSync

/// Who of the school's staff is away when during an edition, for cover planning: their places (confirmed or
/// offered) in sessions, at this school or elsewhere, and their confirmed shadow days at other schools.
public struct Absence: Sendable, Equatable {
    public var day: Day
    public var startsAt: Date
    public var endsAt: Date
    public var name: String
    public var email: String
    public var session: String
    public var location: String
    public var state: EnrolmentState

    public static func list(in replica: Replica, school: UUID, edition: Edition) throws -> [Absence] {
        let people = try replica.rows(.person, as: Person.self)
        let sessions = try replica.rows(.session, as: Session.self)
        let calendar = Calendar.networkCalendar
        let places = try replica.rows(.enrolment, as: Enrolment.self).values.compactMap { enrolment -> Absence? in
            guard enrolment.personTenantId == school, enrolment.editionId == edition.id, enrolment.state.holdsPlace,
                let session = sessions[enrolment.sessionId]
            else { return nil }
            let person = people[enrolment.personId]
            return Absence(
                day: calendar.day(of: session.startsAt), startsAt: session.startsAt, endsAt: session.endsAt,
                name: person?.name ?? "?", email: person?.email ?? enrolment.personId.uuidString,
                session: session.title, location: session.location, state: enrolment.state)
        }
        // A shadower is away the whole school day; the host is at their own school.
        let shadowDays = try replica.rows(.shadowDay, as: ShadowDay.self).values.compactMap { day -> Absence? in
            guard day.requesterTenantId == school, day.editionId == edition.id else { return nil }
            let person = people[day.requesterPersonId], hours = ShadowMatch.hours(on: day.day)
            return Absence(
                day: day.day, startsAt: hours.start, endsAt: hours.end, name: person?.name ?? "?",
                email: person?.email ?? day.requesterPersonId.uuidString, session: "shadow day",
                location: "\(day.hostSchool), \(day.hostTown)", state: .confirmed)
        }
        return (places + shadowDays).sorted { ($0.startsAt, $0.name) < ($1.startsAt, $1.name) }
    }

    /// The list as CSV (comma separated, quoted where needed), times in the network's time zone.
    public static func csv(_ absences: [Absence]) -> String {
        let calendar = Calendar.networkCalendar
        return CSV.document(
            [["day", "from", "until", "name", "email", "session", "location", "state"]]
                + absences.map { a in
                    [
                        a.day.description, calendar.clock(a.startsAt), calendar.clock(a.endsAt), a.name, a.email, a.session, a.location,
                        a.state.rawValue,
                    ]
                }, lineEnd: "\n")
    }
}
