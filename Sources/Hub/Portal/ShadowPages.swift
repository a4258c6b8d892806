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
        portal.get("shadow") { request, context in
            let me = context.caller
            let (words, language) = (context.visitor.words, context.visitor.language)
            let edition = try await store.currentEdition(in: me.networkId)
            let requests = try await store.shadowRequests(editionId: edition.id, in: me.networkId)
                .filter { $0.tenantId == me.tenantId && $0.personId == me.personId }
            let offers = try await store.shadowOffers(editionId: edition.id, in: me.networkId)
                .filter { $0.tenantId == me.tenantId && $0.hostPersonId == me.personId }
            let matches = try await store.shadowMatches(editionId: edition.id, in: me.networkId).filter {
                ($0.tenantId == me.tenantId && $0.personId == me.personId) || ($0.offerTenantId == me.tenantId && $0.hostPersonId == me.personId)
            }
            var proposals: [[String: Any]] = []
            for match in matches where match.state == .proposed || match.state == .confirmed {
                let mySide: ShadowSide = match.tenantId == me.tenantId && match.personId == me.personId ? .requester : .host
                let sides = try await ShadowMail.contacts(for: match, store: store, in: me.networkId)
                let other = mySide == .requester ? sides.host : sides.requester
                let answered = mySide == .requester ? match.requesterAccepted : match.hostAccepted
                proposals.append([
                    "id": match.id.uuidString, "side": mySide.rawValue, "asRequester": mySide == .requester,
                    "day": PortalFormat.day(match.day, language), "role": words["role_\(other.role)"] ?? other.role, "school": other.school,
                    "town": other.town, "confirmed": match.state == .confirmed, "waitingForOther": match.state == .proposed && answered == true,
                    "mustAnswer": match.state == .proposed && answered == nil,
                    "name": match.state == .confirmed ? other.name : "", "email": match.state == .confirmed ? other.email : "",
                    "reasons": match.reasons.map { PortalWords.reason($0, words, language) },
                ])
            }
            let me2 = try await store.person(id: me.personId, tenantId: me.tenantId, in: me.networkId)
            return pages.page("shadow", title: "shadow", [
                "proposals": proposals,
                "requests": requests.map { r -> [String: Any] in
                    ["id": r.id.uuidString, "roles": r.roles.map { words["role_\($0.rawValue)"] ?? $0.rawValue }.joined(separator: ", "),
                     "days": r.days.map { PortalFormat.day($0, language) }.joined(separator: ", "),
                     "distance": r.maxDistanceKm.map { "\($0) km" } ?? "", "matched": matches.contains { $0.requestId == r.id && $0.state != .declined }]
                },
                "offers": offers.map { o -> [String: Any] in
                    ["id": o.id.uuidString, "days": o.days.map { PortalFormat.day($0, language) }.joined(separator: ", "), "capacity": o.capacity]
                },
                "roles": Role.allCases.map { ["value": $0.rawValue, "label": words["role_\($0.rawValue)"] ?? $0.rawValue,
                                              "mine": $0.rawValue == me2.role.rawValue] },
                "types": SchoolType.allCases.map { ["value": $0.rawValue, "label": words["type_\($0.rawValue)"] ?? $0.rawValue] },
                "days": edition.days.map { ["value": $0.description, "label": PortalFormat.day($0, language)] },
                "message": message(request, context.visitor),
            ], visitor: context.visitor)
        }
        portal.post("shadow/requests") { request, context in
            let form = try await PortalForm.checked(request, context: context)
            let me = context.caller
            let edition = try await store.currentEdition(in: me.networkId)
            let distance = form["max_distance_km"].flatMap { $0.isEmpty ? nil : $0 }
            if let distance, Int(distance) == nil { throw InvalidInput(field: "max_distance_km", message: "must be a whole number of kilometres") }
            let draft = ShadowRequestDraft(editionId: edition.id, tenantId: me.tenantId, personId: me.personId, roles: form.all("roles"),
                                           schoolTypes: form.all("school_types"), ownSchoolAllowed: form["own_school"] == "1",
                                           maxDistanceKm: distance.flatMap { Int($0) }, days: form.all("days").compactMap(Day.init),
                                           motivation: form["motivation"])
            _ = try await operations.addShadowRequest(draft, by: context.acting, at: context.now)
            return PortalPages.redirect("/shadow", message: "request_saved")
        }
        portal.post("shadow/requests/:requestId/withdraw") { request, context in
            _ = try await PortalForm.checked(request, context: context)
            let id = try context.parameters.id("requestId", "shadow request")
            try await operations.withdrawShadowRequest(id: id, by: context.acting)
            return PortalPages.redirect("/shadow", message: "request_withdrawn")
        }
        portal.post("shadow/offers") { request, context in
            let form = try await PortalForm.checked(request, context: context)
            let me = context.caller
            let edition = try await store.currentEdition(in: me.networkId)
            let person = try await store.person(id: me.personId, tenantId: me.tenantId, in: me.networkId)
            guard let capacity = Int(form["capacity"] ?? "1") else { throw InvalidInput(field: "capacity", message: "must be a whole number") }
            let draft = ShadowOfferDraft(editionId: edition.id, tenantId: me.tenantId, hostPersonId: me.personId,
                                         role: form["role"] ?? person.role.rawValue, subjects: [], schoolType: form["school_type"],
                                         days: form.all("days").compactMap(Day.init), capacity: capacity, visibility: form["visibility"] ?? "network")
            _ = try await operations.addShadowOffer(draft, by: context.acting, at: context.now)
            return PortalPages.redirect("/shadow", message: "offer_saved")
        }
        portal.post("shadow/offers/:offerId/withdraw") { request, context in
            _ = try await PortalForm.checked(request, context: context)
            let id = try context.parameters.id("offerId", "shadow offer")
            try await operations.withdrawShadowOffer(id: id, by: context.acting, at: context.now)
            return PortalPages.redirect("/shadow", message: "offer_withdrawn")
        }
        for (action, accept) in [("accept", true), ("decline", false)] {
            portal.post("shadow/matches/:matchId/\(action)") { request, context in
                _ = try await PortalForm.checked(request, context: context)
                let id = try context.parameters.id("matchId", "shadow match")
                let answered = try await operations.answer(matchId: id, accept: accept, by: context.acting, at: context.now)
                return PortalPages.redirect("/shadow", message: answered.state == .confirmed ? "match_confirmed" : accept ? "match_accepted" : "match_declined")
            }
        }
    }
}
