import Agent
import Foundation
import Hummingbird
import KijkjeDomain
import KijkjeSync

/// The school's shadow offers (a colleague from the staff list offers to be shadowed on some days), with their status,
/// and a workshop's edit form.
extension AdminPages {
    @Sendable func offers(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (joined, _) = try await signedIn(request) else { return redirect("/sign-in") }
        return await render("offers", try OffersModel(joined, words: words(request)), request)
    }

    @Sendable func addOffer(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (joined, form) = try await checkedAndJoined(request) else { return await refusal(.formExpired, request) }
        let admin = SchoolAdmin(school: joined.folder.settings.tenantId, replica: joined.replica)
        let words = words(request)
        return try await change(request, then: "/offers", page: "offers", model: { try OffersModel(joined, words: words) }) {
            let edition = try joined.replica.currentEdition()
            let days = form.keys.filter { $0.hasPrefix("day_") }.compactMap { Day(String($0.dropFirst("day_".count))) }.sorted()
            try admin.putOffer(
                hostEmail: form["host"] ?? "",
                ShadowOfferDraft(
                    editionId: edition?.id, tenantId: nil, hostPersonId: nil, role: nil, schoolType: form["school_type"], days: days,
                    capacity: Int(form["capacity"] ?? ""), visibility: form["visibility"]))
        }
    }

    @Sendable func withdrawOffer(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (joined, _) = try await checkedAndJoined(request) else { return await refusal(.formExpired, request) }
        guard let id = UUID(uuidString: context.parameters.get("id") ?? "") else { return redirect("/offers") }
        try SchoolAdmin(school: joined.folder.settings.tenantId, replica: joined.replica).withdrawOffer(id)
        return redirect("/offers")
    }

    /// Changes a shadow offer's days or places (the same host).
    @Sendable func editOffer(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (joined, form) = try await checkedAndJoined(request) else { return await refusal(.formExpired, request) }
        let admin = SchoolAdmin(school: joined.folder.settings.tenantId, replica: joined.replica)
        guard let id = UUID(uuidString: context.parameters.get("id") ?? ""),
            let current = try admin.offers().first(where: { $0.id == id })?.value,
            let host = try joined.replica.rows(.person, as: Person.self)[current.hostPersonId]
        else { return redirect("/offers") }
        let days = form.keys.filter { $0.hasPrefix("day_") }.compactMap { Day(String($0.dropFirst("day_".count))) }.sorted()
        let words = words(request)
        return try await change(request, then: "/offers", page: "offers", model: { try OffersModel(joined, words: words) }) {
            try admin.putOffer(
                id: id, hostEmail: host.email,
                ShadowOfferDraft(
                    editionId: current.editionId, tenantId: nil, hostPersonId: nil, role: current.role.rawValue, subjects: current.subjects,
                    schoolType: current.schoolType.rawValue, days: days, capacity: Int(form["capacity"] ?? "") ?? current.capacity,
                    visibility: current.visibility.rawValue))
        }
    }

    /// Changes a workshop's time, room, places or presenter (the hub decides; meanwhile it shows as waiting).
    @Sendable func editWorkshop(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (joined, form) = try await checkedAndJoined(request) else { return await refusal(.formExpired, request) }
        let admin = SchoolAdmin(school: joined.folder.settings.tenantId, replica: joined.replica)
        guard let id = UUID(uuidString: context.parameters.get("id") ?? ""),
            let current = try admin.workshops().first(where: { $0.id == id })?.value
        else { return redirect("/workshops") }
        let words = words(request)
        return try await change(
            request, then: "/workshops", page: "workshops",
            model: { try WorkshopsModel(joined.replica, school: joined.folder.settings.tenantId, words: words) }
        ) {
            let calendar = Calendar.networkCalendar
            func time(_ field: String, _ fallback: Date) throws -> Date {
                guard let text = form[field], !text.isEmpty else { return fallback }
                let parts = text.split(separator: ":").compactMap { Int($0) }
                guard parts.count == 2 else { throw AdminRefusal.invalid(field, "needs a time like 09:30") }
                return calendar.date(calendar.day(of: fallback), hour: parts[0], minute: parts[1])
            }
            try admin.putWorkshop(
                id: id,
                SessionDraft(
                    editionId: current.editionId, tenantId: nil, title: current.title, description: current.description,
                    presenter: form["presenter"] ?? current.presenter, location: form["location"] ?? current.location,
                    startsAt: try time("start", current.startsAt), endsAt: try time("end", current.endsAt),
                    capacity: Int(form["capacity"] ?? "") ?? current.capacity, visibility: current.visibility.rawValue,
                    topics: current.topics))
        }
    }
}

struct OffersModel: ShowsProblem {
    struct Line: Encodable {
        var id: String
        var host: String
        var days: String
        var capacity: Int
        var status: String
        var pending: Bool
        var confirmed: Bool
        var dayChoices: [DayChoice]
    }
    struct DayChoice: Encodable { var id: String; var value: String; var selected: Bool }
    struct Option: Encodable { var value: String; var label: String }
    var offers: [Line]
    var staff: [Option]
    var days: [Option]
    var schoolTypes: [Option]
    var problem = ""

    init(_ joined: (folder: AgentFolder, replica: Replica), words: [String: String]) throws {
        let school = joined.folder.settings.tenantId
        let people = try joined.replica.rows(.person, as: Person.self)
        let editionDays = try joined.replica.currentEdition()?.days ?? []
        offers = try SchoolAdmin(school: school, replica: joined.replica).offers().map { offer in
            Line(
                id: offer.id.uuidString, host: people[offer.value.hostPersonId]?.name ?? words["host_pending"] ?? "",
                days: offer.value.days.map(\.description).joined(separator: ", "), capacity: offer.value.capacity,
                status: words["status_\(offer.status)"] ?? offer.status, pending: offer.status.hasSuffix("pending"),
                confirmed: offer.status == "confirmed",
                dayChoices: editionDays.map {
                    DayChoice(id: offer.id.uuidString, value: $0.description, selected: offer.value.days.contains($0))
                })
        }
        staff = try joined.replica.staff().map { Option(value: $0.email, label: "\($0.name) <\($0.email)>") }
        let edition = try joined.replica.currentEdition()
        days = (edition?.days ?? []).map { Option(value: $0.description, label: $0.description) }
        schoolTypes = SchoolType.allCases.map { Option(value: $0.rawValue, label: words["type_\($0.rawValue)"] ?? $0.rawValue) }
    }
}
