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
        portal.get(PortalPath.account.route, use: account)
        portal.post(PortalPath.account.route, use: saveAccount)
        portal.get(PortalPath.accountExport.route, use: export)
        portal.post(PortalPath.accountErase.route, use: erase)
        portal.get(PortalPath.survey.route, use: survey)
        portal.post(PortalPath.survey.route, use: answerSurvey)
        portal.get(PortalPath.evaluation.route, use: evaluation)
        portal.post(PortalPath.evaluation.route, use: evaluate)
    }

    @Sendable func account(_ request: Request, context: StaffPageContext) async throws -> Response {
        let me = context.caller
        let person = try await store.person(id: me.personId, tenantId: me.tenantId, in: me.networkId)
        let preferences = try await store.mailPreferences(tenantId: me.tenantId, personId: me.personId, in: me.networkId)
        return pages.page(
            AccountPage(person, preferences: preferences, words: context.visitor.words), for: request, visitor: context.visitor)
    }

    @Sendable func saveAccount(_ request: Request, context: StaffPageContext) async throws -> Response {
        let form = try await PortalForm.checked(request, context: context)
        let me = context.caller
        _ = try await operations.updatePerson(
            tenantId: me.tenantId, id: me.personId, PersonDraft(name: form["name"], email: nil, role: form["role"]),
            by: context.acting, at: context.now)
        try await operations.setMailPreferences(
            MailPreferences(language: Language(rawValue: form["language"] ?? "") ?? .nl, reminders: form["reminders"] == "1"),
            as: me)
        return PortalPages.redirect(.account, message: "account_saved")
    }

    @Sendable func export(_ request: Request, context: StaffPageContext) async throws -> Response {
        let export = try await operations.export(context.caller)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]
        headers[.contentDisposition] = "attachment; filename=\"kijkje-mijn-gegevens.json\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder.hub.encode(export))))
    }

    @Sendable func erase(_ request: Request, context: StaffPageContext) async throws -> Response {
        let form = try await PortalForm.checked(request, context: context)
        guard form["confirm"] == "1" else { throw InvalidInput(field: "confirm", message: "tick the box to confirm erasing your account") }
        try await operations.erase(context.caller, at: context.now)
        var response = PortalPages.redirect(.signIn)
        response.setCookie(settings.cookie("kijkje_session", "", maxAge: 0))
        return response
    }

    @Sendable func survey(_ request: Request, context: StaffPageContext) async throws -> Response {
        let me = context.caller
        let week = try await pages.weeks.load(networkId: me.networkId, tenantId: me.tenantId, personId: me.personId)
        let answer = try await store.surveyAnswers(editionId: week.edition.id, in: me.networkId)
            .first { me.isPerson(tenantId: $0.tenantId, personId: $0.personId) }
        return pages.page(SurveyPage(sessions: week.sessions, answer: answer), for: request, visitor: context.visitor)
    }

    @Sendable func answerSurvey(_ request: Request, context: StaffPageContext) async throws -> Response {
        let form = try await PortalForm.checked(request, context: context)
        try await operations.answerSurvey(topics: form.all("topics"), wish: form["wish"], as: context.caller, at: context.now)
        return PortalPages.redirect(.survey, message: "survey_saved")
    }

    @Sendable func evaluation(_ request: Request, context: StaffPageContext) async throws -> Response {
        let me = context.caller
        let edition = try await store.currentEdition(in: me.networkId)
        let answer = try await store.evaluations(editionId: edition.id, in: me.networkId)
            .first { me.isPerson(tenantId: $0.tenantId, personId: $0.personId) }
        return pages.page(EvaluationPage(answer), for: request, visitor: context.visitor)
    }

    @Sendable func evaluate(_ request: Request, context: StaffPageContext) async throws -> Response {
        let form = try await PortalForm.checked(request, context: context)
        try await operations.evaluate(
            rating: Int(form["rating"] ?? ""), best: form["best"], improve: form["improve"], as: context.caller,
            at: context.now)
        return PortalPages.redirect(.evaluation, message: "evaluation_saved")
    }
}
