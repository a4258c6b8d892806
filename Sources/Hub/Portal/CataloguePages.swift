import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeMatching

/// Staff pages of the workshops: the catalogue with its filters, a session's page, enrolling, cancelling,
/// the waiting list and offered places, and ranked choices. Every change is an operation that the organiser API
/// and the agents' sync call as well.
struct CataloguePages {
    let operations: Operations
    let pages: PortalPages
    var store: any HubStore { operations.store }

    func add(to portal: RouterGroup<StaffPageContext>) {
        portal.get(PortalPath.catalogue.route, use: catalogue)
        portal.get(PortalPath.sessionRoute, use: session)
        portal.post(PortalPath.enrolRoute, use: enrol)
        portal.post(PortalPath.enrolmentRoute(.cancel)) { try await change(.cancel, $0, $1) }
        portal.post(PortalPath.enrolmentRoute(.claim)) { try await change(.claim, $0, $1) }
        portal.post(PortalPath.enrolmentRoute(.decline)) { try await change(.decline, $0, $1) }
        portal.get(PortalPath.choices.route, use: choices)
        portal.post(PortalPath.choices.route, use: submitChoices)
    }

    @Sendable func catalogue(_ request: Request, context: StaffPageContext) async throws -> Response {
        let me = context.caller, query = request.uri.queryParameters
        let week = try await pages.weeks.load(networkId: me.networkId, tenantId: me.tenantId, personId: me.personId)
        let filter = CataloguePage.Filter(
            day: query["day"].map(String.init) ?? "", school: query["school"].map(String.init) ?? "",
            topic: query["topic"].map(String.init) ?? "", search: query["q"].map(String.init) ?? "",
            onlyFree: query["places"] == "1")
        let words = context.visitor.words, language = context.visitor.language
        var page = CataloguePage(week: week, filter: filter, words: words, language: language)
        page.cards = week.cards(page.shown, words, language) { pages.card($0, words: words) }
        page.options = week.catalogueOptions(filter, language) { pages.options($0) }
        return pages.page(page, for: request, visitor: context.visitor)
    }

    @Sendable func session(_ request: Request, context: StaffPageContext) async throws -> Response {
        let me = context.caller, id = try context.parameters.id("sessionId", "session")
        let week = try await pages.weeks.load(networkId: me.networkId, tenantId: me.tenantId, personId: me.personId)
        guard let session = week.sessions.first(where: { $0.id == id }) else { throw StoreError.notFound("session") }
        return pages.page(
            SessionPage(session, week: week, words: context.visitor.words, language: context.visitor.language),
            for: request, visitor: context.visitor)
    }

    @Sendable func enrol(_ request: Request, context: StaffPageContext) async throws -> Response {
        _ = try await PortalForm.checked(request, context: context)
        let id = try context.parameters.id("sessionId", "session")
        let enrolment = try await operations.enrol(sessionId: id, as: context.caller, at: context.now)
        return PortalPages.redirect(PortalPath.session(id), message: enrolment.state == .confirmed ? "enrolled" : "waitlisted")
    }

    func change(_ change: EnrolmentChange, _ request: Request, _ context: StaffPageContext) async throws -> Response {
        _ = try await PortalForm.checked(request, context: context)
        let id = try context.parameters.id("enrolmentId", "enrolment")
        let enrolment = try await operations.change(change, enrolmentId: id, by: context.acting, at: context.now)
        let notes: [EnrolmentChange: String] = [.cancel: "cancelled", .claim: "claimed", .decline: "declined"]
        return PortalPages.redirect(PortalPath.session(enrolment.sessionId), message: notes[change])
    }

    @Sendable func choices(_ request: Request, context: StaffPageContext) async throws -> Response {
        let me = context.caller
        let week = try await pages.weeks.load(networkId: me.networkId, tenantId: me.tenantId, personId: me.personId)
        let current =
            try await store.rankedChoices(editionId: week.edition.id, in: me.networkId)
            .first { me.isPerson(tenantId: $0.personTenantId, personId: $0.personId) }?.sessionIds ?? []
        var explanation: Allocation.Explanation?
        if week.edition.allocatedAt != nil {
            explanation = try? await store.allocationExplanation(
                editionId: week.edition.id, personTenantId: me.tenantId,
                personId: me.personId, in: me.networkId)
        }
        return pages.page(
            ChoicesPage(
                week: week, current: current, explanation: explanation, words: context.visitor.words,
                language: context.visitor.language), for: request, visitor: context.visitor)
    }

    @Sendable func submitChoices(_ request: Request, context: StaffPageContext) async throws -> Response {
        let form = try await PortalForm.checked(request, context: context)
        let me = context.caller
        let edition = try await store.currentEdition(in: me.networkId)
        let picked = form.all("choice").filter { !$0.isEmpty }.map { UUID(uuidString: $0) }
        if picked.contains(nil) { throw InvalidInput(field: "choice", message: "names no session") }
        _ = try await operations.submitChoices(
            personTenantId: me.tenantId, personId: me.personId, editionId: edition.id,
            sessionIds: picked.compactMap { $0 }, field: "choice", by: context.acting, at: context.now)
        return PortalPages.redirect(.choices, message: "choices_saved")
    }
}
