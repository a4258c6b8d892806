import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeSync
import NIOCore

/// The staff member's own things: name and role, the needs survey, the evaluation after the week, everything
/// the hub holds of them as JSON, and erasing it all.
struct AccountPages {
    let operations: Operations
    let pages: PortalPages
    var store: any HubStore { operations.store }
    let settings: PortalSettings

    func add(to portal: RouterGroup<StaffPageContext>) {
        portal.get("account") { request, context in
            let me = context.caller
            let person = try await store.person(id: me.personId, tenantId: me.tenantId, in: me.networkId)
            let words = context.visitor.words
            return pages.page("account", title: "account", [
                "name": person.name, "email": person.email,
                "roles": Role.allCases.map { ["value": $0.rawValue, "label": words["role_\($0.rawValue)"] ?? $0.rawValue, "selected": $0 == person.role] },
                "message": message(request, context.visitor),
            ], visitor: context.visitor)
        }
        portal.post("account") { request, context in
            let form = try await PortalForm.checked(request, context: context)
            let me = context.caller
            _ = try await operations.updatePerson(tenantId: me.tenantId, id: me.personId, PersonDraft(name: form["name"], email: nil, role: form["role"]),
                                                  by: context.acting, at: context.now)
            return PortalPages.redirect("/account", message: "account_saved")
        }
        portal.get("account/export") { _, context in
            let me = context.caller
            let export = try await operations.export(me)
            var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]
            headers[.contentDisposition] = "attachment; filename=\"kijkje-mijn-gegevens.json\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder.hub.encode(export))))
        }
        portal.post("account/erase") { request, context in
            let form = try await PortalForm.checked(request, context: context)
            let me = context.caller
            guard form["confirm"] == "1" else { throw InvalidInput(field: "confirm", message: "tick the box to confirm erasing your account") }
            try await operations.erase(me, at: context.now)
            var response = PortalPages.redirect("/sign-in")
            response.setCookie(settings.cookie("kijkje_session", "", maxAge: 0))
            return response
        }
        portal.get("survey") { request, context in
            let me = context.caller
            let week = try await PortalWeek.load(store, networkId: me.networkId, tenantId: me.tenantId, personId: me.personId)
            let answer = try await store.surveyAnswers(editionId: week.edition.id, in: me.networkId)
                .first { $0.tenantId == me.tenantId && $0.personId == me.personId }
            let topics = Set(week.sessions.flatMap(\.topics) + PortalText.surveyTopics).sorted()
            return pages.page("survey", title: "survey", [
                "topics": topics.map { ["value": $0, "checked": answer?.topics.contains($0) ?? false] },
                "wish": answer?.wish ?? "", "message": message(request, context.visitor),
            ], visitor: context.visitor)
        }
        portal.post("survey") { request, context in
            let form = try await PortalForm.checked(request, context: context)
            let me = context.caller
            try await operations.answerSurvey(topics: form.all("topics"), wish: form["wish"], as: me, at: context.now)
            return PortalPages.redirect("/survey", message: "survey_saved")
        }
        portal.get("evaluation") { request, context in
            let me = context.caller
            let edition = try await store.currentEdition(in: me.networkId)
            let answer = try await store.evaluations(editionId: edition.id, in: me.networkId)
                .first { $0.tenantId == me.tenantId && $0.personId == me.personId }
            return pages.page("evaluation", title: "evaluation", [
                "ratings": (1...5).map { rating -> [String: Any] in ["value": rating, "checked": (answer?.rating ?? 0) == rating] },
                "best": answer?.best ?? "", "improve": answer?.improve ?? "", "message": message(request, context.visitor),
            ], visitor: context.visitor)
        }
        portal.post("evaluation") { request, context in
            let form = try await PortalForm.checked(request, context: context)
            let me = context.caller
            try await operations.evaluate(rating: Int(form["rating"] ?? ""), best: form["best"], improve: form["improve"], as: me, at: context.now)
            return PortalPages.redirect("/evaluation", message: "evaluation_saved")
        }
    }
}
