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
        portal.get("organiser/allocation") { request, context in
            let networkId = context.caller.networkId
            let edition = try await store.currentEdition(in: networkId)
            let run = try await store.allocationRun(editionId: edition.id, in: networkId)
            return pages.page("allocation", title: "allocation", [
                "ranked": edition.allocationMode == .ranked, "waiting": edition.awaitsAllocation,
                "choices": try await store.rankedChoices(editionId: edition.id, in: networkId).count,
                "run": run.map { ["placed": $0.placed, "unplaced": $0.unplaced, "worst": $0.worstRank, "seed": $0.seed,
                                  "at": PortalFormat.moment($0.ranAt, context.visitor.language)] } as Any,
                "message": message(request, context.visitor),
            ], visitor: context.visitor)
        }
        portal.post("organiser/allocation") { request, context in
            let form = try await PortalForm.checked(request, context: context)
            let networkId = context.caller.networkId
            let edition = try await store.currentEdition(in: networkId)
            _ = try await operations.runAllocation(editionId: edition.id, seed: Int(form["seed"] ?? ""), fairShare: form["fair_share"] == "1",
                                                   by: context.caller, at: context.now)
            return PortalPages.redirect("/organiser/allocation", message: "allocation_done")
        }
        portal.get("organiser/matching") { request, context in
            let networkId = context.caller.networkId
            let (words, language) = (context.visitor.words, context.visitor.language)
            let edition = try await store.currentEdition(in: networkId)
            let requests = try await store.shadowRequests(editionId: edition.id, in: networkId)
            let offers = try await store.shadowOffers(editionId: edition.id, in: networkId)
            let schools = Dictionary(try await store.tenants(in: networkId).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            func requestLabel(_ id: UUID) -> String {
                guard let r = requests.first(where: { $0.id == id }) else { return "?" }
                return "\(schools[r.tenantId] ?? "") — \(r.roles.map { words["role_\($0.rawValue)"] ?? $0.rawValue }.joined(separator: "/"))"
            }
            func offerLabel(_ id: UUID) -> String {
                guard let o = offers.first(where: { $0.id == id }) else { return "?" }
                return "\(schools[o.tenantId] ?? "") — \(words["role_\(o.role.rawValue)"] ?? o.role.rawValue)"
            }
            let matches = try await store.shadowMatches(editionId: edition.id, in: networkId).filter { $0.state != .withdrawn }
            let run = try await store.latestShadowMatchingRun(editionId: edition.id, in: networkId)
            return pages.page("matching", title: "matching", [
                "requests": requests.count, "offers": offers.count,
                "run": run.map { ["matched": $0.matched, "score": $0.totalScore, "at": PortalFormat.moment($0.ranAt, language)] } as Any,
                "pairs": matches.map { m -> [String: Any] in
                    ["request": requestLabel(m.requestId), "offer": offerLabel(m.offerId), "day": PortalFormat.day(m.day, language),
                     "state": words["match_\(m.state.rawValue)"] ?? m.state.rawValue, "score": m.score, "pinned": m.pinned, "open": m.state == .proposed,
                     "reasons": m.reasons.map { PortalWords.reason($0, words, language) }.joined(separator: "; "),
                     "requestId": m.requestId.uuidString, "offerId": m.offerId.uuidString]
                },
                "unmatched": (run?.unmatched ?? []).map { u -> [String: Any] in
                    ["request": requestLabel(u.requestId), "requestId": u.requestId.uuidString,
                     "alternatives": u.alternatives.map { ["offer": offerLabel($0.offerId), "offerId": $0.offerId.uuidString,
                                                           "why": PortalWords.blockers($0.blockers, words)] }]
                },
                "rules": try await store.shadowRules(editionId: edition.id, in: networkId).map {
                    ["kind": words["rule_\($0.kind.rawValue)"] ?? $0.kind.rawValue, "request": requestLabel($0.requestId),
                     "offer": offerLabel($0.offerId), "requestId": $0.requestId.uuidString, "offerId": $0.offerId.uuidString]
                },
                "message": message(request, context.visitor),
            ], visitor: context.visitor)
        }
        portal.post("organiser/matching") { request, context in
            let form = try await PortalForm.checked(request, context: context)
            let networkId = context.caller.networkId
            let edition = try await store.currentEdition(in: networkId)
            _ = try await operations.runMatching(editionId: edition.id, seed: Int(form["seed"] ?? ""), by: context.caller, at: context.now)
            return PortalPages.redirect("/organiser/matching", message: "matching_done")
        }
        portal.post("organiser/rules") { request, context in
            let form = try await PortalForm.checked(request, context: context)
            let networkId = context.caller.networkId
            let edition = try await store.currentEdition(in: networkId)
            _ = try await operations.setShadowRule(editionId: edition.id, requestId: form["request"].flatMap(UUID.init(uuidString:)),
                                                   offerId: form["offer"].flatMap(UUID.init(uuidString:)), kind: form["kind"],
                                                   fields: ("request", "offer"), by: context.caller)
            return PortalPages.redirect("/organiser/matching", message: "rule_saved")
        }
        portal.post("organiser/rules/remove") { request, context in
            let form = try await PortalForm.checked(request, context: context)
            let networkId = context.caller.networkId
            let edition = try await store.currentEdition(in: networkId)
            guard let requestId = form["request"].flatMap(UUID.init(uuidString:)), let offerId = form["offer"].flatMap(UUID.init(uuidString:)) else {
                throw StoreError.notFound("shadow rule")
            }
            try await operations.removeShadowRule(editionId: edition.id, requestId: requestId, offerId: offerId, by: context.caller)
            return PortalPages.redirect("/organiser/matching", message: "rule_removed")
        }
        portal.get("organiser/invitations") { request, context in
            let networkId = context.caller.networkId
            let schools = try await store.tenants(in: networkId)
            let kinds = Dictionary(try await store.memberships(in: networkId).map { ($0.tenantId, $0.kind) }, uniquingKeysWith: { first, _ in first })
            let invitations = try await store.invitations(in: networkId)
            return pages.page("invitations", title: "invitations", [
                "schools": schools.sorted { $0.name < $1.name }.map { school -> [String: Any] in
                    ["id": school.id.uuidString, "name": school.name, "brin": school.brin, "guest": kinds[school.id] == .guest,
                     "joined": invitations.contains { $0.tenantId == school.id && $0.usedAt != nil }]
                },
                "code": request.uri.queryParameters["code"].map(String.init) ?? "", "message": message(request, context.visitor),
            ], visitor: context.visitor)
        }
        portal.post("organiser/invitations") { request, context in
            let form = try await PortalForm.checked(request, context: context)
            let networkId = context.caller.networkId
            let issued: IssuedInvitation
            if let tenantId = form["school"].flatMap(UUID.init(uuidString:)) {
                _ = try await store.tenant(id: tenantId, in: networkId)
                issued = try await operations.issueInvitation(tenantId: tenantId, validDays: nil, by: context.caller, at: context.now)
            } else {
                // A new outside school joins as a guest.
                issued = try await operations.inviteGuest(TenantDraft(
                    name: form["name"], brin: form["brin"], town: form["town"], latitude: Double(form["latitude"] ?? ""),
                    longitude: Double(form["longitude"] ?? ""), emailDomains: form["domain"].map { [$0] }), by: context.caller, at: context.now)
            }
            return PortalPages.redirect("/organiser/invitations?code=\(issued.code)")
        }
    }
}
