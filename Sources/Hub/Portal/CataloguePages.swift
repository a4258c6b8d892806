import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeMatching

/// Staff pages of the workshops: the catalogue with its filters, a session's page, enrolling, cancelling,
/// the waiting list and offered places, and ranked choices. Every change is the store's enrolment operation
/// that the organiser API and the agents' sync use as well.
struct CataloguePages {
    let operations: Operations
    let pages: PortalPages
    var store: any HubStore { operations.store }

    func add(to portal: RouterGroup<StaffPageContext>) {
        portal.get("catalogue") { request, context in
            let me = context.caller
            let week = try await PortalWeek.load(store, networkId: me.networkId, tenantId: me.tenantId, personId: me.personId)
            let query = request.uri.queryParameters
            let (day, school, topic, search) = (query["day"].map(String.init) ?? "", query["school"].map(String.init) ?? "",
                                                query["topic"].map(String.init) ?? "", query["q"].map(String.init) ?? "")
            let onlyFree = query["places"] == "1"
            let language = context.visitor.language
            let shown = week.sessions.filter { session in
                (day.isEmpty || Calendar.networkCalendar.day(of: session.startsAt).description == day)
                    && (school.isEmpty || session.tenantId.uuidString == school)
                    && (topic.isEmpty || session.topics.contains(topic))
                    && (!onlyFree || week.placesLeft(session) > 0)
                    && (search.isEmpty || [session.title, session.description, session.presenter].contains {
                        $0.localizedCaseInsensitiveContains(search)
                    })
            }
            let schoolIds = Set(week.sessions.map(\.tenantId))
            return pages.page("catalogue", title: "catalogue", [
                "sessions": shown.map { week.row($0, context.visitor.words, language) }, "count": shown.count,
                "days": week.edition.days.map { ["value": $0.description, "label": PortalFormat.day($0, language), "selected": $0.description == day] },
                "schools": week.schools.values.filter { schoolIds.contains($0.id) }.sorted { $0.name < $1.name }.map {
                    ["value": $0.id.uuidString, "label": $0.name, "selected": $0.id.uuidString == school]
                },
                "topics": Set(week.sessions.flatMap(\.topics)).sorted().map { ["value": $0, "label": $0, "selected": $0 == topic] },
                "q": search, "onlyFree": onlyFree, "ranked": week.edition.awaitsAllocation,
                "message": message(request, context.visitor),
            ], visitor: context.visitor)
        }
        portal.get("sessions/:sessionId") { request, context in
            let me = context.caller
            let id = try context.parameters.id("sessionId", "session")
            let week = try await PortalWeek.load(store, networkId: me.networkId, tenantId: me.tenantId, personId: me.personId)
            guard let session = week.sessions.first(where: { $0.id == id }) else { throw StoreError.notFound("session") }
            let mine = week.mine[id].flatMap { $0.state.isActive ? $0 : nil }
            return pages.page("session", title: "session", [
                "session": week.row(session, context.visitor.words, context.visitor.language),
                "enrolment": mine.map { e -> [String: Any] in
                    ["id": e.id.uuidString, "confirmed": e.state == .confirmed, "waiting": e.state == .waitlisted,
                     "offered": e.state == .offered, "queue": e.queueNumber,
                     "until": e.offeredUntil.map { PortalFormat.moment($0, context.visitor.language) } ?? ""]
                } as Any,
                "canEnrol": mine == nil && !week.edition.awaitsAllocation, "ranked": week.edition.awaitsAllocation,
                "message": message(request, context.visitor),
            ], visitor: context.visitor)
        }
        portal.post("sessions/:sessionId/enrol") { request, context in
            _ = try await PortalForm.checked(request, context: context)
            let me = context.caller
            let id = try context.parameters.id("sessionId", "session")
            let enrolment = try await operations.enrol(sessionId: id, as: me, at: context.now)
            return PortalPages.redirect("/sessions/\(id)", message: enrolment.state == .confirmed ? "enrolled" : "waitlisted")
        }
        for (change, note) in [(EnrolmentChange.cancel, "cancelled"), (.claim, "claimed"), (.decline, "declined")] {
            portal.post("enrolments/:enrolmentId/\(change.rawValue)") { request, context in
                _ = try await PortalForm.checked(request, context: context)
                let id = try context.parameters.id("enrolmentId", "enrolment")
                let enrolment = try await operations.change(change, enrolmentId: id, by: context.acting, at: context.now)
                return PortalPages.redirect("/sessions/\(enrolment.sessionId)", message: note)
            }
        }
        portal.get("choices") { request, context in
            let me = context.caller
            let week = try await PortalWeek.load(store, networkId: me.networkId, tenantId: me.tenantId, personId: me.personId)
            let current = try await store.rankedChoices(editionId: week.edition.id, in: me.networkId)
                .first { $0.personTenantId == me.tenantId && $0.personId == me.personId }?.sessionIds ?? []
            let workshops = week.sessions.filter { $0.kind == .workshop }
            let ranks = (0..<min(5, max(1, workshops.count))).map { rank in
                ["rank": rank + 1, "options": workshops.map { session -> [String: Any] in
                    ["value": session.id.uuidString, "selected": rank < current.count && current[rank] == session.id,
                     "label": "\(session.title) — \(week.schools[session.tenantId]?.name ?? ""), \(PortalFormat.day(session.startsAt, context.visitor.language))"]
                }] as [String: Any]
            }
            let outcome = try await allocationOutcome(week, me.tenantId, me.personId, me.networkId, context.visitor.words)
            return pages.page("choices", title: "choices", ["open": week.edition.awaitsAllocation, "ranks": ranks, "outcome": outcome as Any,
                                                             "closes": PortalFormat.moment(week.edition.registrationClosesAt, context.visitor.language),
                                                             "message": message(request, context.visitor)], visitor: context.visitor)
        }
        portal.post("choices") { request, context in
            let form = try await PortalForm.checked(request, context: context)
            let me = context.caller
            let edition = try await store.currentEdition(in: me.networkId)
            let picked = form.all("choice").filter { !$0.isEmpty }.map { UUID(uuidString: $0) }
            if picked.contains(nil) { throw InvalidInput(field: "choice", message: "names no session") }
            _ = try await operations.submitChoices(personTenantId: me.tenantId, personId: me.personId, editionId: edition.id,
                                                   sessionIds: picked.compactMap { $0 }, field: "choice", by: context.acting, at: context.now)
            return PortalPages.redirect("/choices", message: "choices_saved")
        }
    }
}

extension CataloguePages {
    /// Why the person got what they got in the allocation, choice by choice (nil before it ran or without choices).
    func allocationOutcome(_ week: PortalWeek, _ tenantId: UUID, _ personId: UUID, _ networkId: UUID,
                           _ words: [String: String]) async throws -> [String: Any]? {
        guard week.edition.allocatedAt != nil else { return nil }
        let explanation: Allocation.Explanation
        do {
            explanation = try await store.allocationExplanation(editionId: week.edition.id, personTenantId: tenantId, personId: personId,
                                                                in: networkId)
        } catch StoreError.notFound {
            return nil
        }
        let titles = Dictionary(week.sessions.map { ($0.id.uuidString, $0.title) }, uniquingKeysWith: { first, _ in first })
        return [
            "lottery": explanation.lotteryNumber,
            "choices": explanation.choices.map { choice -> [String: Any] in
                let why: String
                switch choice.reason {
                case .assigned: why = words["alloc_assigned"] ?? ""
                case .full: why = words["alloc_full"] ?? ""
                case .slotTaken: why = words["alloc_slot"] ?? ""
                case .schoolShareReached(let share): why = "\(words["alloc_share"] ?? "") (\(share))"
                case .unknownSession: why = words["alloc_unknown"] ?? ""
                case .lowerThanAssigned: why = words["alloc_lower"] ?? ""
                }
                return ["rank": choice.rank, "title": titles[choice.session] ?? "?", "why": why, "got": choice.reason == .assigned]
            },
        ]
    }
}

/// The message a redirect asked the next page to show, in the reader's words (unknown keys show nothing).
func message(_ request: Request, _ visitor: PortalVisitor) -> String {
    guard let key = request.uri.queryParameters["msg"].map(String.init) else { return "" }
    return visitor.words["msg_\(key)"] ?? ""
}
