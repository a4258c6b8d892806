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
        portal.get(PortalPath.week.route, use: week)
        portal.post(PortalPath.weekFeed.route, use: renewFeed)
        portal.post(PortalPath.weekFeedRevoke.route, use: revokeFeed)
        anonymous.get(PortalPath.calendarRoute, use: calendar)
    }

    @Sendable func week(_ request: Request, context: StaffPageContext) async throws -> Response {
        let me = context.caller
        let (edition, items) = try await week(
            tenantId: me.tenantId, personId: me.personId, networkId: me.networkId, words: context.visitor.words)
        let feed = request.uri.queryParameters["feed"].map { settings.baseURL(context) + PortalPath.calendar(String($0)) } ?? ""
        let hasFeed = try await store.hasCalendarFeed(tenantId: me.tenantId, personId: me.personId)
        return pages.page(
            WeekPage(edition: edition, items: items, hasFeed: hasFeed, feedURL: feed, language: context.visitor.language),
            for: request, visitor: context.visitor)
    }

    @Sendable func renewFeed(_ request: Request, context: StaffPageContext) async throws -> Response {
        _ = try await PortalForm.checked(request, context: context)
        let token = try await operations.renewCalendarFeed(as: context.caller, at: context.now)
        // The address is shown once, right after it is made; only its hash is kept.
        return PortalPages.redirect(PortalPath.week.rawValue + "?feed=\(token)")
    }

    @Sendable func revokeFeed(_ request: Request, context: StaffPageContext) async throws -> Response {
        _ = try await PortalForm.checked(request, context: context)
        try await operations.revokeCalendarFeed(as: context.caller, at: context.now)
        return PortalPages.redirect(.week, message: "feed_revoked")
    }

    /// The secret feed: whoever has its address reads the week, without signing in.
    @Sendable func calendar(_ request: Request, context: HubContext) async throws -> Response {
        let name = context.parameters.get("feed") ?? ""
        let token = name.hasSuffix(".ics") ? String(name.dropLast(4)) : name
        guard let owner = try await store.calendarFeedOwner(tokenHash: Secret.hash(token)) else { throw StoreError.notFound("calendar") }
        let (_, items) = try await week(
            tenantId: owner.tenantId, personId: owner.personId, networkId: owner.networkId,
            words: PortalText.words(.nl))
        let feed = CalendarFeed(
            name: "Kijkje",
            events: items.map {
                CalendarFeed.Event(uid: $0.uid, start: $0.start, end: $0.end, summary: $0.title, location: $0.place, description: $0.note)
            }, stamp: Date())
        return Response(
            status: .ok, headers: [.contentType: "text/calendar; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: feed.text)))
    }

    /// The person's confirmed (and offered or waiting) sessions and confirmed shadow days of the current edition.
    func week(tenantId: UUID, personId: UUID, networkId: UUID, words: [String: String]) async throws -> (Edition, [Item]) {
        let week = try await pages.weeks.load(networkId: networkId, tenantId: tenantId, personId: personId)
        var items: [Item] = []
        for session in week.sessions {
            guard let enrolment = week.mine[session.id], enrolment.state.isActive else { continue }
            let school = week.schools[session.tenantId]
            items.append(
                Item(
                    uid: "enrolment-\(enrolment.id.uuidString.lowercased())@kijkje", start: session.startsAt, end: session.endsAt,
                    title: session.title, place: "\(session.location), \(school?.name ?? ""), \(school?.town ?? "")",
                    note: enrolment.state == .confirmed ? "" : words["state_\(enrolment.state.rawValue)"] ?? enrolment.state.rawValue))
        }
        for match in try await store.shadowMatches(editionId: week.edition.id, in: networkId) where match.state == .confirmed {
            let requester = match.tenantId == tenantId && match.personId == personId
            guard requester || (match.offerTenantId == tenantId && match.hostPersonId == personId) else { continue }
            let sides = try await ShadowMail.contacts(for: match, store: store, in: networkId)
            let other = requester ? sides.host : sides.requester
            let hours = ShadowMatch.hours(on: match.day)
            items.append(
                Item(
                    uid: "shadow-\(match.id.uuidString.lowercased())@kijkje", start: hours.start, end: hours.end,
                    title: (words[requester ? "shadowing" : "hosting"] ?? "") + " \(other.name)",
                    place: "\(requester ? other.school : sides.requester.school), \(requester ? other.town : sides.host.town)",
                    note: other.email))
        }
        return (week.edition, items.sorted { $0.start < $1.start })
    }
}
