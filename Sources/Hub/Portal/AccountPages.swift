import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeSync
import NIOCore

/// The staff member's own things: name and role, the needs survey, the evaluation after the week, everything
/// the hub holds of them as JSON, and erasing it all.
struct AccountPages {
    let store: any HubStore
    let pages: PortalPages
    let settings: PortalSettings

    /// Everything the hub holds of one person, as the export gives it.
    struct Export: Encodable, Sendable {
        var person: Person
        var enrolments: [Enrolment]
        var rankedChoices: [RankedChoices]
        var shadowRequests: [ShadowRequest]
        var shadowOffers: [ShadowOffer]
        var shadowMatches: [ShadowMatch]
        var survey: [SurveyAnswer]
        var evaluations: [Evaluation]
    }

    func add(to portal: RouterGroup<HubContext>) {
        portal.get("account") { request, context in
            let me = try context.visitor.staff()
            let person = try await store.person(id: me.personId, tenantId: me.tenantId, in: me.networkId)
            let words = context.visitor.words
            return pages.page("account", title: "account", [
                "name": person.name, "email": person.email,
                "roles": Role.allCases.map { ["value": $0.rawValue, "label": words["role_\($0.rawValue)"] ?? $0.rawValue, "selected": $0 == person.role] },
                "message": message(request, context),
            ], visitor: context.visitor)
        }
        portal.post("account") { request, context in
            let form = try await PortalForm.checked(request, context: context)
            let me = try context.visitor.staff()
            let tenant = try await store.tenant(id: me.tenantId, in: me.networkId)
            let person = try await store.person(id: me.personId, tenantId: me.tenantId, in: me.networkId)
            let changed = try PersonDraft(name: form["name"], email: person.email, role: form["role"]).validated(id: person.id, tenant: tenant)
            try await store.updatePerson(changed, in: me.networkId)
            return PortalPages.redirect("/account", message: "account_saved")
        }
        portal.get("account/export") { _, context in
            let me = try context.visitor.staff()
            let export = try await export(me.tenantId, me.personId, me.networkId)
            var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]
            headers[.contentDisposition] = "attachment; filename=\"kijkje-mijn-gegevens.json\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder.hub.encode(export))))
        }
        portal.post("account/erase") { request, context in
            let form = try await PortalForm.checked(request, context: context)
            let me = try context.visitor.staff()
            guard form["confirm"] == "1" else { throw InvalidInput(field: "confirm", message: "tick the box to confirm erasing your account") }
            try await erase(me.tenantId, me.personId, me.networkId)
            var response = PortalPages.redirect("/sign-in")
            response.setCookie(settings.cookie("kijkje_session", "", maxAge: 0))
            return response
        }
        portal.get("survey") { request, context in
            let me = try context.visitor.staff()
            let week = try await PortalWeek.load(store, networkId: me.networkId, tenantId: me.tenantId, personId: me.personId)
            let answer = try await store.surveyAnswers(editionId: week.edition.id, in: me.networkId)
                .first { $0.tenantId == me.tenantId && $0.personId == me.personId }
            let topics = Set(week.sessions.flatMap(\.topics) + PortalText.surveyTopics).sorted()
            return pages.page("survey", title: "survey", [
                "topics": topics.map { ["value": $0, "checked": answer?.topics.contains($0) ?? false] },
                "wish": answer?.wish ?? "", "message": message(request, context),
            ], visitor: context.visitor)
        }
        portal.post("survey") { request, context in
            let form = try await PortalForm.checked(request, context: context)
            let me = try context.visitor.staff()
            let edition = try await store.currentEdition(in: me.networkId)
            var v = Validator()
            let topics = v.labels(form.all("topics"), "topics", maxCount: 20)
            let wish = v.optionalText(form["wish"], "wish", maxLength: 2000)
            if topics.isEmpty && wish.isEmpty { v.fail("topics", "choose a topic or write a wish") }
            try v.check()
            try await store.saveSurveyAnswer(SurveyAnswer(tenantId: me.tenantId, personId: me.personId, editionId: edition.id,
                                                          topics: topics, wish: wish, answeredAt: Date().roundedToMillis))
            return PortalPages.redirect("/survey", message: "survey_saved")
        }
        portal.get("evaluation") { request, context in
            let me = try context.visitor.staff()
            let edition = try await store.currentEdition(in: me.networkId)
            let answer = try await store.evaluations(editionId: edition.id, in: me.networkId)
                .first { $0.tenantId == me.tenantId && $0.personId == me.personId }
            return pages.page("evaluation", title: "evaluation", [
                "ratings": (1...5).map { rating -> [String: Any] in ["value": rating, "checked": (answer?.rating ?? 0) == rating] },
                "best": answer?.best ?? "", "improve": answer?.improve ?? "", "message": message(request, context),
            ], visitor: context.visitor)
        }
        portal.post("evaluation") { request, context in
            let form = try await PortalForm.checked(request, context: context)
            let me = try context.visitor.staff()
            let edition = try await store.currentEdition(in: me.networkId)
            var v = Validator()
            let rating = v.integer(Int(form["rating"] ?? ""), "rating", in: 1...5)
            let best = v.optionalText(form["best"], "best", maxLength: 2000), improve = v.optionalText(form["improve"], "improve", maxLength: 2000)
            try v.check()
            try await store.saveEvaluation(Evaluation(tenantId: me.tenantId, personId: me.personId, editionId: edition.id, rating: rating,
                                                      best: best, improve: improve, answeredAt: Date().roundedToMillis))
            return PortalPages.redirect("/evaluation", message: "evaluation_saved")
        }
    }

    func export(_ tenantId: UUID, _ personId: UUID, _ networkId: UUID) async throws -> Export {
        let person = try await store.person(id: personId, tenantId: tenantId, in: networkId)
        var export = Export(person: person, enrolments: try await store.enrolments(personTenantId: tenantId, personId: personId, in: networkId),
                            rankedChoices: [], shadowRequests: [], shadowOffers: [], shadowMatches: [], survey: [], evaluations: [])
        for edition in try await store.editions(in: networkId) {
            export.rankedChoices += try await store.rankedChoices(editionId: edition.id, in: networkId)
                .filter { $0.personTenantId == tenantId && $0.personId == personId }
            export.shadowRequests += try await store.shadowRequests(editionId: edition.id, in: networkId)
                .filter { $0.tenantId == tenantId && $0.personId == personId }
            export.shadowOffers += try await store.shadowOffers(editionId: edition.id, in: networkId)
                .filter { $0.tenantId == tenantId && $0.hostPersonId == personId }
            export.shadowMatches += try await store.shadowMatches(editionId: edition.id, in: networkId).filter {
                ($0.tenantId == tenantId && $0.personId == personId) || ($0.offerTenantId == tenantId && $0.hostPersonId == personId)
            }
            export.survey += try await store.surveyAnswers(editionId: edition.id, in: networkId).filter { $0.tenantId == tenantId && $0.personId == personId }
            export.evaluations += try await store.evaluations(editionId: edition.id, in: networkId)
                .filter { $0.tenantId == tenantId && $0.personId == personId }
        }
        return export
    }

    /// Frees the person's places (the waiting list moves up), withdraws their requests and offers, then removes
    /// them. A confirmed shadow day stops it first: the other side counts on it.
    func erase(_ tenantId: UUID, _ personId: UUID, _ networkId: UUID) async throws {
        let mine = try await export(tenantId, personId, networkId)
        if mine.shadowMatches.contains(where: { $0.state == .confirmed }) {
            throw StoreError.conflict("you have a confirmed shadow day; ask the organiser to call it off before erasing your account")
        }
        let now = Date().roundedToMillis
        for enrolment in mine.enrolments where enrolment.state.isActive { _ = try await store.cancelEnrolment(id: enrolment.id, in: networkId, at: now) }
        for request in mine.shadowRequests { try await store.removeShadowRequest(id: request.id, in: networkId) }
        for offer in mine.shadowOffers { try await store.removeShadowOffer(id: offer.id, in: networkId) }
        try await store.removePortalData(tenantId: tenantId, personId: personId)
        try await store.removePerson(id: personId, tenantId: tenantId, in: networkId)
    }
}
