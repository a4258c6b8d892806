import Foundation
import Hummingbird
import HubStore
import KijkjeDomain

/// The organisers' runs and their review: the ranked allocation, the shadow matching with its pairs, reasons,
/// pins and forbidden pairs and the unmatched with their nearest alternatives, and invitations for outside schools.
struct OrganiserReviewPages {
    let operations: Operations
    let pages: PortalPages
    var store: any HubStore { operations.store }

    func add(to portal: RouterGroup<OrganiserPageContext>) {
        portal.get(PortalPath.organiserAllocation.route, use: allocation)
        portal.post(PortalPath.organiserAllocation.route, use: runAllocation)
        portal.get(PortalPath.organiserMatching.route, use: matching)
        portal.post(PortalPath.organiserMatching.route, use: runMatching)
        portal.post(PortalPath.organiserRules.route, use: setRule)
        portal.post(PortalPath.organiserRulesRemove.route, use: removeRule)
        portal.get(PortalPath.organiserInvitations.route, use: invitations)
        portal.post(PortalPath.organiserInvitations.route, use: invite)
    }

    @Sendable func allocation(_ request: Request, context: OrganiserPageContext) async throws -> Response {
        let networkId = context.caller.networkId
        let edition = try await store.currentEdition(in: networkId)
        let choices = try await store.rankedChoices(editionId: edition.id, in: networkId).count
        let run = try await store.allocationRun(editionId: edition.id, in: networkId)
        return pages.page(
            AllocationPage(edition: edition, choices: choices, run: run, language: context.visitor.language),
            for: request, visitor: context.visitor)
    }

    @Sendable func runAllocation(_ request: Request, context: OrganiserPageContext) async throws -> Response {
        let form = try await PortalForm.checked(request, context: context)
        let edition = try await store.currentEdition(in: context.caller.networkId)
        _ = try await operations.runAllocation(
            editionId: edition.id, seed: Int(form["seed"] ?? ""), fairShare: form["fair_share"] == "1",
            by: context.caller, at: context.now)
        return PortalPages.redirect(.organiserAllocation, message: "allocation_done")
    }

    @Sendable func matching(_ request: Request, context: OrganiserPageContext) async throws -> Response {
        let networkId = context.caller.networkId
        let edition = try await store.currentEdition(in: networkId)
        let schools = Dictionary(try await store.tenants(in: networkId).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let page = MatchingPage(
            requests: try await store.shadowRequests(editionId: edition.id, in: networkId),
            offers: try await store.shadowOffers(editionId: edition.id, in: networkId), schools: schools,
            matches: try await store.shadowMatches(editionId: edition.id, in: networkId),
            run: try await store.latestShadowMatchingRun(editionId: edition.id, in: networkId),
            rules: try await store.shadowRules(editionId: edition.id, in: networkId), words: context.visitor.words,
            language: context.visitor.language)
        return pages.page(page, for: request, visitor: context.visitor)
    }

    @Sendable func runMatching(_ request: Request, context: OrganiserPageContext) async throws -> Response {
        let form = try await PortalForm.checked(request, context: context)
        let edition = try await store.currentEdition(in: context.caller.networkId)
        _ = try await operations.runMatching(editionId: edition.id, seed: Int(form["seed"] ?? ""), by: context.caller, at: context.now)
        return PortalPages.redirect(.organiserMatching, message: "matching_done")
    }

    @Sendable func setRule(_ request: Request, context: OrganiserPageContext) async throws -> Response {
        let form = try await PortalForm.checked(request, context: context)
        let edition = try await store.currentEdition(in: context.caller.networkId)
        _ = try await operations.setShadowRule(
            editionId: edition.id, requestId: form["request"].flatMap(UUID.init(uuidString:)),
            offerId: form["offer"].flatMap(UUID.init(uuidString:)), kind: form["kind"],
            fields: ("request", "offer"), by: context.caller)
        return PortalPages.redirect(.organiserMatching, message: "rule_saved")
    }

    @Sendable func removeRule(_ request: Request, context: OrganiserPageContext) async throws -> Response {
        let form = try await PortalForm.checked(request, context: context)
        let edition = try await store.currentEdition(in: context.caller.networkId)
        guard let requestId = form["request"].flatMap(UUID.init(uuidString:)), let offerId = form["offer"].flatMap(UUID.init(uuidString:))
        else {
            throw StoreError.notFound("shadow rule")
        }
        try await operations.removeShadowRule(editionId: edition.id, requestId: requestId, offerId: offerId, by: context.caller)
        return PortalPages.redirect(.organiserMatching, message: "rule_removed")
    }

    @Sendable func invitations(_ request: Request, context: OrganiserPageContext) async throws -> Response {
        let networkId = context.caller.networkId
        let page = InvitationsPage(
            schools: try await store.tenants(in: networkId), memberships: try await store.memberships(in: networkId),
            invitations: try await store.invitations(in: networkId),
            code: request.uri.queryParameters["code"].map(String.init) ?? "")
        return pages.page(page, for: request, visitor: context.visitor)
    }

    @Sendable func invite(_ request: Request, context: OrganiserPageContext) async throws -> Response {
        let form = try await PortalForm.checked(request, context: context)
        let issued: IssuedInvitation
        if let tenantId = form["school"].flatMap(UUID.init(uuidString:)) {
            _ = try await store.tenant(id: tenantId, in: context.caller.networkId)
            issued = try await operations.issueInvitation(tenantId: tenantId, validDays: nil, by: context.caller, at: context.now)
        } else {
            // A new outside school joins as a guest.
            issued = try await operations.inviteGuest(
                TenantDraft(
                    name: form["name"], brin: form["brin"], town: form["town"], latitude: Double(form["latitude"] ?? ""),
                    longitude: Double(form["longitude"] ?? ""), emailDomains: form["domain"].map { [$0] }), by: context.caller,
                at: context.now)
        }
        return PortalPages.redirect(PortalPath.organiserInvitations.rawValue + "?code=\(issued.code)")
    }
}
