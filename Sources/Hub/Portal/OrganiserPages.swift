import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import NIOCore

/// The organisers' pages: the dashboard (tables, charts, CSV), the edition and its sessions. Each change is the
/// operation the organiser API calls. The runs and their review are `OrganiserReviewPages`.
struct OrganiserPages {
    let operations: Operations
    let pages: PortalPages
    let settings: PortalSettings
    var store: any HubStore { operations.store }

    func add(to portal: RouterGroup<OrganiserPageContext>) {
        portal.get(PortalPath.organiser.route, use: dashboard)
        portal.get(PortalPath.tableRoute, use: table)
        portal.get(PortalPath.organiserEdition.route, use: edition)
        portal.post(PortalPath.organiserEdition.route, use: saveEdition)
        portal.get(PortalPath.organiserSessions.route, use: sessions)
        portal.post(PortalPath.organiserSessions.route, use: addSession)
        portal.post(PortalPath.resendMailRoute, use: resendMail)
        portal.get(PortalPath.organiserRegister.route, use: register)
        portal.get(PortalPath.organiserRegisterCSV.route, use: registerCSV)
        OrganiserReviewPages(operations: operations, pages: pages).add(to: portal)
    }

    @Sendable func dashboard(_ request: Request, context: OrganiserPageContext) async throws -> Response {
        let networkId = context.caller.networkId
        guard try await !store.editions(in: networkId).isEmpty else { return PortalPages.redirect(.organiserEdition) }
        let dashboard = try await Dashboard.load(store, networkId: networkId, words: context.visitor.words)
        let page = DashboardPage(
            dashboard, outbox: try await store.outboxSummary(networkId: networkId, at: context.now),
            mails: try await store.outboxMails(networkId: networkId, limit: 20), words: context.visitor.words)
        return pages.page(page, for: request, visitor: context.visitor)
    }

    /// Sends one mail of the network again (a failing one at once).
    @Sendable func resendMail(_ request: Request, context: OrganiserPageContext) async throws -> Response {
        _ = try await PortalForm.checked(request, context: context)
        guard let id = context.parameters.get("mailId").flatMap(UUID.init(uuidString:)) else { throw StoreError.notFound("mail") }
        try await operations.resendMail(id: id, by: context.caller, at: context.now)
        return PortalPages.redirect(.organiser, message: "mail_resent")
    }

    @Sendable func table(_ request: Request, context: OrganiserPageContext) async throws -> Response {
        let name = (context.parameters.get("table") ?? "").replacingOccurrences(of: ".csv", with: "")
        guard let table = try await Dashboard.load(store, networkId: context.caller.networkId, words: context.visitor.words).table(name)
        else {
            throw StoreError.notFound("table")
        }
        var headers: HTTPFields = [.contentType: "text/csv; charset=utf-8"]
        headers[.contentDisposition] = "attachment; filename=\"kijkje-\(name).csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: Dashboard.csv(table))))
    }

    /// The register of processing (AVG article 30), and the same as CSV.
    @Sendable func register(_ request: Request, context: OrganiserPageContext) async throws -> Response {
        pages.page(RegisterPage(entries: register(context.visitor.language).entries), for: request, visitor: context.visitor)
    }

    @Sendable func registerCSV(_ request: Request, context: OrganiserPageContext) async throws -> Response {
        var headers: HTTPFields = [.contentType: "text/csv; charset=utf-8"]
        headers[.contentDisposition] = "attachment; filename=\"kijkje-register.csv\""
        let csv = register(context.visitor.language).csv(context.visitor.words)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: csv)))
    }

    private func register(_ language: Language) -> ProcessingRegister {
        ProcessingRegister(language: language, retentionDays: settings.retentionDays, tombstoneDays: settings.tombstoneDays)
    }

    @Sendable func edition(_ request: Request, context: OrganiserPageContext) async throws -> Response {
        pages.page(EditionPage(try await store.latestEdition(in: context.caller.networkId)), for: request, visitor: context.visitor)
    }

    @Sendable func saveEdition(_ request: Request, context: OrganiserPageContext) async throws -> Response {
        let form = try await PortalForm.checked(request, context: context)
        var v = Validator()
        let days = (form["days"] ?? "").split(whereSeparator: { " ,".contains($0) }).map { text -> Day? in
            let day = Day(String(text))
            if day == nil { v.fail("days", "\(text) is not a day like 2026-11-17") }
            return day
        }
        let draft = EditionDraft(
            year: Int(form["year"] ?? ""), days: days.compactMap { $0 },
            registrationOpensAt: localTime(form["opens"], "registration_opens_at", &v),
            registrationClosesAt: localTime(form["closes"], "registration_closes_at", &v),
            allocationMode: form["ranked"] == "1" ? "ranked" : "fcfs", claimWindowHours: Int(form["claim"] ?? ""),
            matchingDeadline: localTime(form["deadline"], "matching_deadline", &v),
            proposalReminderDays: Int(form["reminder_days"] ?? ""))
        try v.check()
        _ = try await operations.saveCurrentEdition(draft, by: context.caller, at: context.now)
        return PortalPages.redirect(.organiserEdition, message: "edition_saved")
    }

    @Sendable func sessions(_ request: Request, context: OrganiserPageContext) async throws -> Response {
        guard try await store.latestEdition(in: context.caller.networkId) != nil else { return PortalPages.redirect(.organiserEdition) }
        let week = try await pages.weeks.load(networkId: context.caller.networkId, tenantId: nil, personId: nil)
        return pages.page(
            OrganiserSessionsPage(week: week, words: context.visitor.words, language: context.visitor.language),
            for: request, visitor: context.visitor)
    }

    @Sendable func addSession(_ request: Request, context: OrganiserPageContext) async throws -> Response {
        let form = try await PortalForm.checked(request, context: context)
        let edition = try await store.currentEdition(in: context.caller.networkId)
        var v = Validator()
        let starts = localTime(form["day"].map { "\($0)T\(form["start"] ?? "")" }, "starts_at", &v)
        let ends = localTime(form["day"].map { "\($0)T\(form["end"] ?? "")" }, "ends_at", &v)
        try v.check()
        let draft = SessionDraft(
            editionId: edition.id, tenantId: form["school"].flatMap(UUID.init(uuidString:)), kind: form["kind"],
            title: form["title"], description: form["description"], presenter: form["presenter"],
            location: form["location"], startsAt: starts, endsAt: ends, capacity: Int(form["capacity"] ?? ""),
            visibility: form["visibility"],
            topics: (form["topics"] ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty })
        _ = try await operations.addSession(draft, by: context.caller, at: context.now)
        return PortalPages.redirect(.organiserSessions, message: "session_saved")
    }
}

/// A `datetime-local` field ("2026-11-17T09:00") in the network's time zone.
func localTime(_ text: String?, _ field: String, _ v: inout Validator) -> Date? {
    guard let text, !text.isEmpty else { v.fail(field, "is required"); return nil }
    let parts = text.split(whereSeparator: { "-T:".contains($0) }).compactMap { Int($0) }
    guard parts.count >= 5,
        let date = Calendar.networkCalendar.date(
            from: DateComponents(
                year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4]))
    else {
        v.fail(field, "is not a time like 2026-11-17T09:00")
        return nil
    }
    return date
}
