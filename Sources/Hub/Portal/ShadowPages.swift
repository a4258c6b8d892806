import Foundation
import Hummingbird
import HubStore
import KijkjeDomain

/// Staff pages for shadow days: asking to shadow someone, offering to be shadowed, and answering proposals.
/// Contact details of the other side show only once both said yes.
struct ShadowPages {
    let operations: Operations
    let pages: PortalPages
    var store: any HubStore { operations.store }

    func add(to portal: RouterGroup<StaffPageContext>) {
        portal.get(PortalPath.shadow.route, use: overview)
        portal.post(PortalPath.shadowRequests.route, use: ask)
        portal.post(PortalPath.withdrawRequestRoute, use: withdrawRequest)
        portal.post(PortalPath.shadowOffers.route, use: offer)
        portal.post(PortalPath.withdrawOfferRoute, use: withdrawOffer)
        portal.post(PortalPath.answerRoute(accept: true)) { try await answer(true, $0, $1) }
        portal.post(PortalPath.answerRoute(accept: false)) { try await answer(false, $0, $1) }
    }

    @Sendable func overview(_ request: Request, context: StaffPageContext) async throws -> Response {
        let me = context.caller
        let edition = try await store.currentEdition(in: me.networkId)
        let requests = try await store.shadowRequests(editionId: edition.id, in: me.networkId)
            .filter { me.isPerson(tenantId: $0.tenantId, personId: $0.personId) }
        let offers = try await store.shadowOffers(editionId: edition.id, in: me.networkId)
            .filter { me.isPerson(tenantId: $0.tenantId, personId: $0.hostPersonId) }
        let matches = try await store.shadowMatches(editionId: edition.id, in: me.networkId).filter {
            me.isPerson(tenantId: $0.tenantId, personId: $0.personId) || me.isPerson(tenantId: $0.offerTenantId, personId: $0.hostPersonId)
        }
        var contacts: [(requester: ShadowMail.Contact, host: ShadowMail.Contact)] = []
        for match in matches where match.state == .proposed || match.state == .confirmed {
            contacts.append(try await ShadowMail.contacts(for: match, store: store, in: me.networkId))
        }
        let person = try await store.person(id: me.personId, tenantId: me.tenantId, in: me.networkId)
        return pages.page(
            ShadowPage(
                me: me, person: person, edition: edition, requests: requests, offers: offers, matches: matches,
                contacts: contacts, words: context.visitor.words, language: context.visitor.language),
            for: request, visitor: context.visitor)
    }

    @Sendable func ask(_ request: Request, context: StaffPageContext) async throws -> Response {
        let form = try await PortalForm.checked(request, context: context)
        let me = context.caller
        let edition = try await store.currentEdition(in: me.networkId)
        let distance = form["max_distance_km"].flatMap { $0.isEmpty ? nil : $0 }
        if let distance, Int(distance) == nil {
            throw InvalidInput(field: "max_distance_km", message: "must be a whole number of kilometres")
        }
        let draft = ShadowRequestDraft(
            editionId: edition.id, tenantId: me.tenantId, personId: me.personId, roles: form.all("roles"),
            schoolTypes: form.all("school_types"), ownSchoolAllowed: form["own_school"] == "1",
            maxDistanceKm: distance.flatMap { Int($0) }, days: form.all("days").compactMap(Day.init),
            motivation: form["motivation"])
        _ = try await operations.addShadowRequest(draft, by: context.acting, at: context.now)
        return PortalPages.redirect(.shadow, message: "request_saved")
    }

    @Sendable func withdrawRequest(_ request: Request, context: StaffPageContext) async throws -> Response {
        _ = try await PortalForm.checked(request, context: context)
        try await operations.withdrawShadowRequest(id: try context.parameters.id("requestId", "shadow request"), by: context.acting)
        return PortalPages.redirect(.shadow, message: "request_withdrawn")
    }

    @Sendable func offer(_ request: Request, context: StaffPageContext) async throws -> Response {
        let form = try await PortalForm.checked(request, context: context)
        let me = context.caller
        let edition = try await store.currentEdition(in: me.networkId)
        let person = try await store.person(id: me.personId, tenantId: me.tenantId, in: me.networkId)
        guard let capacity = Int(form["capacity"] ?? "1") else { throw InvalidInput(field: "capacity", message: "must be a whole number") }
        let draft = ShadowOfferDraft(
            editionId: edition.id, tenantId: me.tenantId, hostPersonId: me.personId,
            role: form["role"] ?? person.role.rawValue, subjects: [], schoolType: form["school_type"],
            days: form.all("days").compactMap(Day.init), capacity: capacity, visibility: form["visibility"] ?? "network")
        _ = try await operations.addShadowOffer(draft, by: context.acting, at: context.now)
        return PortalPages.redirect(.shadow, message: "offer_saved")
    }

    @Sendable func withdrawOffer(_ request: Request, context: StaffPageContext) async throws -> Response {
        _ = try await PortalForm.checked(request, context: context)
        try await operations.withdrawShadowOffer(
            id: try context.parameters.id("offerId", "shadow offer"), by: context.acting, at: context.now)
        return PortalPages.redirect(.shadow, message: "offer_withdrawn")
    }

    func answer(_ accept: Bool, _ request: Request, _ context: StaffPageContext) async throws -> Response {
        _ = try await PortalForm.checked(request, context: context)
        let id = try context.parameters.id("matchId", "shadow match")
        let answered = try await operations.answer(matchId: id, accept: accept, by: context.acting, at: context.now)
        return PortalPages.redirect(
            .shadow, message: answered.state == .confirmed ? "match_confirmed" : accept ? "match_accepted" : "match_declined")
    }
}
