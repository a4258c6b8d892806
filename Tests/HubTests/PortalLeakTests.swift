import Foundation
import Hub
import HubStore
import Hummingbird
import KijkjeDomain
import KijkjeTestSupport
import Testing

/// Walks every portal page and form signed in as staff and as organiser of another network, aimed at network A's
/// ids, and checks that nothing of A comes back and nothing of A changes.
@Suite("Portal isolation")
struct PortalLeakTests {
    @Test("no portal page shows or changes another network's objects", arguments: StoreKind.allCases)
    func walkEveryPage(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let a = try await PortalWorld.make(hub), b = try await PortalWorld.make(hub)
            // A's people do things, so there is something to find.
            let anne = PortalBrowser(hub), host = PortalBrowser(hub)
            try await anne.signIn("anne.zichtbaar@\(a.domainA)")
            try await host.signIn("host.zichtbaar@\(a.domainA)")
            _ = try await anne.get("/sessions/\(a.small)")
            try await anne.post("/sessions/\(a.small)/enrol")
            _ = try await host.get("/shadow")
            try await host.post(
                "/shadow/offers", [("role", "principal"), ("school_type", "vmbo"), ("days", "2026-11-18"), ("capacity", "1")])
            _ = try await anne.get("/shadow")
            try await anne.post("/shadow/requests", [("roles", "principal"), ("days", "2026-11-18"), ("own_school", "1")])
            try await hub.call(.post, "/api/v1/editions/\(a.editionId)/shadow-matching", token: a.org, json: ["seed": 1])
            let network = UUID(uuidString: a.networkId)!, edition = UUID(uuidString: a.editionId)!
            let enrolment = try #require(try await hub.store.enrolments(sessionId: UUID(uuidString: a.small)!, in: network).first)
            let request = try #require(try await hub.store.shadowRequests(editionId: edition, in: network).first)
            let offer = try #require(try await hub.store.shadowOffers(editionId: edition, in: network).first)
            let match = try #require(try await hub.store.shadowMatches(editionId: edition, in: network).first)
            // A mail of network A's outbox, already sent: B's organiser cannot send it again.
            let mail = MailMessage(
                id: UUIDv7.make(), dedupeKey: "leak-check", toAddress: "anne@\(a.domainA)", toName: "Anne", subject: "Ingeschreven",
                body: "zichtbaar", kind: .confirmed, networkId: network)
            try await hub.store.enqueueMail([mail], at: Date())
            try await hub.store.markMailSent(id: mail.id, at: Date())
            let ids = [
                "{sessionId}": a.small, "{enrolmentId}": enrolment.id.uuidString, "{requestId}": request.id.uuidString,
                "{offerId}": offer.id.uuidString, "{matchId}": match.id.uuidString, "{feed}": "kjk_cal_nope.ics",
                "{token}": "kjk_in_nope", "{language}": "en", "{table}": "reach-schools.csv", "{mailId}": mail.id.uuidString,
            ]
            let secrets = [
                a.small, a.kickoff, a.schoolA, a.editionId, a.domainA, enrolment.id.uuidString, request.id.uuidString,
                offer.id.uuidString, match.id.uuidString, "zichtbaar",
            ]
            let form = [
                ("school", a.schoolA), ("choice", a.small), ("request", request.id.uuidString), ("offer", offer.id.uuidString),
                ("kind", "pin"), ("roles", "principal"), ("days", "2026-11-18"), ("name", "Leak"), ("role", "teacher"),
                ("topics", "ai"), ("rating", "3"), ("title", "Leak"), ("location", "x"), ("day", "2026-11-18"), ("start", "09:00"),
                ("end", "10:00"), ("capacity", "3"), ("year", "2026"), ("confirm", "0"),
            ]
            let before = try await snapshot(hub.store, network, edition)
            let routes = try buildRouter(HubConfiguration(), store: hub.store, metrics: HubMetrics()).routes.filter {
                isPortalPage($0.path.description)
            }
            #expect(routes.count >= 45)
            for who in ["docent.b@\(b.domainA)", b.organiserEmail] {
                let browser = PortalBrowser(hub)
                try await browser.signIn(who)
                for route in routes where route.path.description != "/sign-out" && route.path.description != "/account/erase" {
                    let path = ids.reduce(route.path.description) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
                    #expect(!path.contains("{"), "the walk does not know a parameter of \(route.path)")
                    _ = try await browser.get("/catalogue")
                    _ = try await browser.get("/organiser")
                    let page = route.method == .get ? try await browser.get(path) : try await browser.post(path, form)
                    let leaked = secrets.filter { page.html.localizedCaseInsensitiveContains($0) || (page.location ?? "").contains($0) }
                    #expect(leaked.isEmpty, "\(route.method) \(path) as \(who) answered \(page.status) with A's \(leaked)")
                }
            }
            #expect(try await hub.store.mailOutbox().first { $0.message.id == mail.id }?.sentAt != nil, "A's mail was not sent again")
            let after = try await snapshot(hub.store, network, edition)
            let changes = zip(before.split(separator: "\n"), after.split(separator: "\n")).filter { $0.0 != $0.1 }
            #expect(after == before, "A changed: \(changes.map { "\($0.0)\n→ \($0.1)" })")
        }
    }

    @Test("every form refuses a post without the session's token, and nothing changes", arguments: StoreKind.allCases)
    func everyFormNeedsItsToken(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let a = try await PortalWorld.make(hub)
            let browser = PortalBrowser(hub)
            try await browser.signIn(a.organiserEmail)
            _ = try await browser.get("/sessions/\(a.small)")
            try await browser.post("/sessions/\(a.small)/enrol")
            let network = UUID(uuidString: a.networkId)!, edition = UUID(uuidString: a.editionId)!
            let enrolment = try #require(try await hub.store.enrolments(sessionId: UUID(uuidString: a.small)!, in: network).first)
            let ids = [
                "{sessionId}": a.kickoff, "{enrolmentId}": enrolment.id.uuidString, "{requestId}": UUID().uuidString,
                "{offerId}": UUID().uuidString, "{matchId}": UUID().uuidString, "{mailId}": UUID().uuidString,
            ]
            let before = try await snapshot(hub.store, network, edition)
            let forms = try buildRouter(HubConfiguration(), store: hub.store, metrics: HubMetrics()).routes
                .filter {
                    isPortalPage($0.path.description) && $0.method == .post && !$0.path.description.hasPrefix("/sign-in")
                        // A mail's link is its own credential (a secret only that mail holds), used without a session.
                        && !$0.path.description.hasPrefix("/mail/")
                }
            #expect(forms.count >= 25)
            for route in forms {
                let path = ids.reduce(route.path.description) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
                for token in ["", "kjk_frm_vals"] {
                    let page = try await browser.post(
                        path, [("confirm", "1"), ("topics", "ai"), ("rating", "3"), ("kind", "pin")], csrf: token)
                    #expect(page.status == 403, "POST \(path) with token '\(token)' answered \(page.status)")
                }
            }
            #expect(try await snapshot(hub.store, network, edition) == before)
            #expect(try await browser.get("/catalogue").status == 200, "still signed in")
        }
    }

    /// Everything of network A the portal could touch, as text.
    func snapshot(_ store: any HubStore, _ network: UUID, _ edition: UUID) async throws -> String {
        var parts: [String] = []
        parts.append(try text(try await store.editions(in: network)))
        parts.append(try text(try await store.tenants(in: network)))
        for session in try await store.sessions(editionId: edition, in: network) {
            parts.append(try text(session) + (try text(try await store.enrolments(sessionId: session.id, in: network))))
        }
        for tenant in try await store.tenants(in: network) {
            parts.append(try text(try await store.people(tenantId: tenant.id, in: network)))
        }
        parts.append(try text(try await store.shadowRequests(editionId: edition, in: network)))
        parts.append(try text(try await store.shadowOffers(editionId: edition, in: network)))
        parts.append(try text(try await store.shadowMatches(editionId: edition, in: network)))
        parts.append(try text(try await store.shadowRules(editionId: edition, in: network)))
        parts.append(try text(try await store.rankedChoices(editionId: edition, in: network)))
        parts.append(try text(try await store.invitations(in: network).map(\.id)))
        parts.append(try text(try await store.surveyAnswers(editionId: edition, in: network)))
        parts.append(try text(try await store.evaluations(editionId: edition, in: network)))
        return parts.joined(separator: "\n")
    }

    func text(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
