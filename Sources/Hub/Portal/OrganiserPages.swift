import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import NIOCore

/// The organisers' pages: the dashboard (tables, charts, CSV), the edition and its sessions, the allocation, the
/// shadow matching with its review, and invitations for outside schools. Each calls the operation the organiser
/// API calls.
struct OrganiserPages {
    let operations: Operations
    let pages: PortalPages
    var store: any HubStore { operations.store }

    func add(to portal: RouterGroup<OrganiserPageContext>) {
        portal.get("organiser") { request, context in
            let networkId = context.caller.networkId
            let words = context.visitor.words
            guard try await !store.editions(in: networkId).isEmpty else { return PortalPages.redirect("/organiser/edition") }
            let dashboard = try await Dashboard.load(store, networkId: networkId, words: words)
            return pages.page("dashboard", title: "dashboard", [
                "tables": dashboard.tables.map { table -> [String: Any] in
                    ["name": table.name, "title": words["table_\(table.name)"] ?? table.name, "columns": table.columns,
                     "rows": table.rows.map { ["cells": $0] }, "empty": table.rows.isEmpty,
                     "chart": table.bars.map { Dashboard.svg($0, title: words["table_\(table.name)"] ?? table.name) } ?? ""]
                },
                "message": message(request, context.visitor),
            ], visitor: context.visitor)
        }
        portal.get("organiser/tables/:table") { _, context in
            let networkId = context.caller.networkId
            let name = (context.parameters.get("table") ?? "").replacingOccurrences(of: ".csv", with: "")
            guard let table = try await Dashboard.load(store, networkId: networkId, words: context.visitor.words).table(name) else {
                throw StoreError.notFound("table")
            }
            var headers: HTTPFields = [.contentType: "text/csv; charset=utf-8"]
            headers[.contentDisposition] = "attachment; filename=\"kijkje-\(name).csv\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: Dashboard.csv(table))))
        }
        portal.get("organiser/edition") { request, context in
            let networkId = context.caller.networkId
            let edition = try await store.latestEdition(in: networkId)
            let iso = Date.ISO8601FormatStyle(timeZone: Calendar.networkCalendar.timeZone).year().month().day().time(includingFractionalSeconds: false)
                .timeSeparator(.colon).dateSeparator(.dash).dateTimeSeparator(.standard)
            func local(_ date: Date?) -> String { date.map { String($0.formatted(iso).prefix(16)) } ?? "" }
            return pages.page("edition", title: "edition", [
                "exists": edition != nil, "year": edition.map { "\($0.year)" } ?? "",
                "days": edition?.days.map(\.description).joined(separator: " ") ?? "",
                "opens": local(edition?.registrationOpensAt), "closes": local(edition?.registrationClosesAt),
                "deadline": local(edition?.matchingDeadline), "ranked": edition?.allocationMode == .ranked,
                "claim": edition.map { "\($0.claimWindowHours)" } ?? "24", "message": message(request, context.visitor),
            ], visitor: context.visitor)
        }
        portal.post("organiser/edition") { request, context in
            let form = try await PortalForm.checked(request, context: context)
            var v = Validator()
            let days = (form["days"] ?? "").split(whereSeparator: { " ,".contains($0) }).map { text -> Day? in
                let day = Day(String(text))
                if day == nil { v.fail("days", "\(text) is not a day like 2026-11-17") }
                return day
            }
            let draft = EditionDraft(year: Int(form["year"] ?? ""), days: days.compactMap { $0 },
                                     registrationOpensAt: localTime(form["opens"], "registration_opens_at", &v),
                                     registrationClosesAt: localTime(form["closes"], "registration_closes_at", &v),
                                     allocationMode: form["ranked"] == "1" ? "ranked" : "fcfs", claimWindowHours: Int(form["claim"] ?? ""),
                                     matchingDeadline: localTime(form["deadline"], "matching_deadline", &v))
            try v.check()
            _ = try await operations.saveCurrentEdition(draft, by: context.caller, at: context.now)
            return PortalPages.redirect("/organiser/edition", message: "edition_saved")
        }
        portal.get("organiser/sessions") { request, context in
            let networkId = context.caller.networkId
            guard let edition = try await store.latestEdition(in: networkId) else {
                return PortalPages.redirect("/organiser/edition")
            }
            let week = try await PortalWeek.load(store, networkId: networkId, tenantId: nil, personId: nil)
            return pages.page("organiser-sessions", title: "sessions", [
                "sessions": week.sessions.map { week.row($0, context.visitor.words, context.visitor.language) },
                "schools": week.schools.values.sorted { $0.name < $1.name }.map { ["value": $0.id.uuidString, "label": $0.name] },
                "days": edition.days.map { ["value": $0.description, "label": PortalFormat.day($0, context.visitor.language)] },
                "message": message(request, context.visitor),
            ], visitor: context.visitor)
        }
        portal.post("organiser/sessions") { request, context in
            let form = try await PortalForm.checked(request, context: context)
            let networkId = context.caller.networkId
            let edition = try await store.currentEdition(in: networkId)
            var v = Validator()
            let starts = localTime(form["day"].map { "\($0)T\(form["start"] ?? "")" }, "starts_at", &v)
            let ends = localTime(form["day"].map { "\($0)T\(form["end"] ?? "")" }, "ends_at", &v)
            try v.check()
            let draft = SessionDraft(editionId: edition.id, tenantId: form["school"].flatMap(UUID.init(uuidString:)), kind: form["kind"],
                                     title: form["title"], description: form["description"], presenter: form["presenter"],
                                     location: form["location"], startsAt: starts, endsAt: ends, capacity: Int(form["capacity"] ?? ""),
                                     visibility: form["visibility"], topics: (form["topics"] ?? "").split(separator: ",").map {
                                         $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            _ = try await operations.addSession(draft, by: context.caller, at: context.now)
            return PortalPages.redirect("/organiser/sessions", message: "session_saved")
        }
        OrganiserReviewPages(operations: operations, pages: pages).add(to: portal)
    }
}

/// A `datetime-local` field ("2026-11-17T09:00") in the network's time zone.
func localTime(_ text: String?, _ field: String, _ v: inout Validator) -> Date? {
    guard let text, !text.isEmpty else { v.fail(field, "is required"); return nil }
    let parts = text.split(whereSeparator: { "-T:".contains($0) }).compactMap { Int($0) }
    guard parts.count >= 5, let date = Calendar.networkCalendar.date(from: DateComponents(
        year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4])) else {
        v.fail(field, "is not a time like 2026-11-17T09:00")
        return nil
    }
    return date
}
