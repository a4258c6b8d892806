import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import NIOCore

/// "My week": the person's sessions and shadow days by day, and a secret, revocable iCalendar feed of them.
struct WeekPages {
    let operations: Operations
    let pages: PortalPages
    var store: any HubStore { operations.store }
    let settings: PortalSettings

    /// One thing in someone's week.
    struct Item {
        var uid: String
        var start: Date
        var end: Date
        var title: String
        var place: String
        var note: String
    }

    func add(to portal: RouterGroup<StaffPageContext>, anonymous: RouterGroup<HubContext>) {
        portal.get("week") { request, context in
            let me = context.caller
            let language = context.visitor.language
            let (edition, items) = try await week(tenantId: me.tenantId, personId: me.personId, networkId: me.networkId, words: context.visitor.words)
            let days = edition.days.map { day -> [String: Any] in
                let today = items.filter { Calendar.networkCalendar.day(of: $0.start) == day }
                return ["label": PortalFormat.day(day, language), "empty": today.isEmpty,
                        "items": today.map { ["time": PortalFormat.time($0.start, $0.end), "title": $0.title, "place": $0.place, "note": $0.note] }]
            }
            let feed = request.uri.queryParameters["feed"].map(String.init)
            return pages.page("week", title: "my_week", [
                "days": days, "hasFeed": try await store.hasCalendarFeed(tenantId: me.tenantId, personId: me.personId),
                "feedURL": feed.map { settings.baseURL(context) + "/calendar/\($0).ics" } ?? "", "message": message(request, context.visitor),
            ], visitor: context.visitor)
        }
        portal.post("week/feed") { request, context in
            _ = try await PortalForm.checked(request, context: context)
            let me = context.caller
            let token = try await operations.renewCalendarFeed(as: me, at: context.now)
            // The address is shown once, right after it is made; only its hash is kept.
            return PortalPages.redirect("/week?feed=\(token)")
        }
        portal.post("week/feed/revoke") { request, context in
            _ = try await PortalForm.checked(request, context: context)
            let me = context.caller
            try await operations.revokeCalendarFeed(as: me, at: context.now)
            return PortalPages.redirect("/week", message: "feed_revoked")
        }
        anonymous.get("calendar/:feed") { _, context in
            let name = context.parameters.get("feed") ?? ""
            let token = name.hasSuffix(".ics") ? String(name.dropLast(4)) : name
            guard let owner = try await store.calendarFeedOwner(tokenHash: Secret.hash(token)) else { throw StoreError.notFound("calendar") }
            let (_, items) = try await week(tenantId: owner.tenantId, personId: owner.personId, networkId: owner.networkId,
                                            words: PortalText.words(.nl))
            let feed = CalendarFeed(name: "Kijkje", events: items.map {
                CalendarFeed.Event(uid: $0.uid, start: $0.start, end: $0.end, summary: $0.title, location: $0.place, description: $0.note)
            }, stamp: Date())
            return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: feed.text)))
        }
    }

    /// The person's confirmed (and offered or waiting) sessions and confirmed shadow days of the current edition.
    func week(tenantId: UUID, personId: UUID, networkId: UUID, words: [String: String]) async throws -> (Edition, [Item]) {
        let week = try await PortalWeek.load(store, networkId: networkId, tenantId: tenantId, personId: personId)
        var items: [Item] = []
        for session in week.sessions {
            guard let enrolment = week.mine[session.id], enrolment.state.isActive else { continue }
            let school = week.schools[session.tenantId]
            items.append(Item(uid: "enrolment-\(enrolment.id.uuidString.lowercased())@kijkje", start: session.startsAt, end: session.endsAt,
                              title: session.title, place: "\(session.location), \(school?.name ?? ""), \(school?.town ?? "")",
                              note: enrolment.state == .confirmed ? "" : words["state_\(enrolment.state.rawValue)"] ?? enrolment.state.rawValue))
        }
        for match in try await store.shadowMatches(editionId: week.edition.id, in: networkId) where match.state == .confirmed {
            let requester = match.tenantId == tenantId && match.personId == personId
            guard requester || (match.offerTenantId == tenantId && match.hostPersonId == personId) else { continue }
            let sides = try await ShadowMail.contacts(for: match, store: store, in: networkId)
            let other = requester ? sides.host : sides.requester
            let hours = ShadowMatch.hours(on: match.day)
            items.append(Item(uid: "shadow-\(match.id.uuidString.lowercased())@kijkje", start: hours.start, end: hours.end,
                              title: (words[requester ? "shadowing" : "hosting"] ?? "") + " \(other.name)",
                              place: "\(requester ? other.school : sides.requester.school), \(requester ? other.town : sides.host.town)",
                              note: other.email))
        }
        return (week.edition, items.sorted { $0.start < $1.start })
    }
}
