import Agent
import Foundation
import HubStore
import KijkjeDomain

/// What happens to a week after the enrolments: the organiser adds a late workshop with two places and four
/// people, one gives up her place (the next in line is offered it, is reminded, lets it lapse, and it passes on),
/// the room moves, and the workshop is withdrawn again; proposals left unanswered get their reminder. The clock
/// moves by hand through the store (`addDueNotices`, `expireOffers` at chosen times). The agents' own figures
/// are untouched: everything happens in the organiser's workshop.
extension DemoWeek {
    struct Enrol: Encodable { var tenantId: UUID; var personId: UUID; var sessionId: UUID }

    func changeTheWeek(store: any HubStore) async throws {
        let organiser = self.organiser!
        let slot = time(plan.days.count - 1, slot: DemoPlan.slots.count - 1)
        var draft = SessionDraft(
            editionId: edition.id, tenantId: tenants[0].id, kind: SessionKind.workshop.rawValue, title: "Terugblik op de week",
            description: "Wat namen we mee? Een gesprek met het loopbaancentrum.", presenter: "Ahmed El Amrani",
            location: "Mediatheek, \(tenants[0].name)", startsAt: slot.start, endsAt: slot.end, capacity: 2,
            visibility: Visibility.network.rawValue, topics: ["reflectie"])
        let late = try await organiser.call(.POST, "api/v1/sessions", draft, as: Session.self)
        var enrolled: [Enrolment] = []
        for person in people where enrolled.count < 4 {
            // Someone whose week has no room for it is refused; the next one is asked.
            if let enrolment = try? await organiser.call(
                .POST, "api/v1/enrolments", Enrol(tenantId: person.tenantId, personId: person.id, sessionId: late.id), as: Enrolment.self)
            {
                enrolled.append(enrolment)
            }
        }
        guard enrolled.count == 4 else { throw DemoError("the late workshop found \(enrolled.count) people, not 4") }
        _ = try await organiser.call(.POST, "api/v1/enrolments/\(enrolled[0].id)/cancel", as: Enrolment.self)
        let offered = try await store.enrolment(id: enrolled[2].id, in: network.id)
        guard let until = offered.offeredUntil else { throw DemoError("the place was not offered on") }
        try await store.addDueNotices(at: until.addingTimeInterval(-3600))
        _ = try await store.expireOffers(at: until.addingTimeInterval(1))
        draft.location = "Aula, \(tenants[0].name)"
        _ = try await organiser.call(.PUT, "api/v1/sessions/\(late.id)", draft, as: Session.self)
        _ = try await organiser.call(.DELETE, "api/v1/sessions/\(late.id)", as: NoContent.self)
        // A workshop's presenter who is one of its school's people gets the list of participants the day before.
        let sessions = try await store.sessions(editionId: edition.id, in: network.id)
        let counts = try await store.enrolmentCounts(editionId: edition.id, in: network.id)
        if let (workshop, presenter) = sessions.lazy.filter({ $0.kind == .workshop && (counts[$0.id]?[.confirmed] ?? 0) > 0 })
            .compactMap({ session in self.people.first { $0.tenantId == session.tenantId }.map { (session, $0) } }).first
        {
            let moved = SessionDraft(
                editionId: workshop.editionId, tenantId: workshop.tenantId, kind: workshop.kind.rawValue, title: workshop.title,
                description: workshop.description, presenter: presenter.name, location: workshop.location, startsAt: workshop.startsAt,
                endsAt: workshop.endsAt, capacity: workshop.capacity, visibility: workshop.visibility.rawValue, topics: workshop.topics)
            _ = try await organiser.call(.PUT, "api/v1/sessions/\(workshop.id)", moved, as: Session.self)
        }
        // Four days on, proposals nobody answered are brought up once.
        try await store.addDueNotices(at: Date().addingTimeInterval(4 * 86_400))
    }
}
