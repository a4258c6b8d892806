import Foundation
import Hub
import HTTPTypes
import HubStore
import KijkjeDomain
import KijkjeSync
import KijkjeTestSupport
import Testing

/// A network for the portal: two schools (one a guest), an edition open for registration now, a workshop with
/// one place and the kickoff, an organiser address.
struct PortalWorld: Sendable {
    let hub: HubHarness
    let org: String
    let networkId: String
    let schoolA: String, domainA: String
    let guest: String, guestDomain: String
    let editionId: String
    let small: String, kickoff: String
    let organiserEmail: String

    static func make(_ hub: HubHarness, ranked: Bool = false) async throws -> PortalWorld {
        let tag = UUID().uuidString.prefix(6).lowercased()
        let network = try await hub.call(.post, "/api/v1/networks", token: hub.operatorToken, json: ["name": "Netwerk \(tag)"]).string("id")
        let org = try await hub.call(
            .post, "/api/v1/networks/\(network)/organiser-tokens", token: hub.operatorToken,
            json: ["label": "organiser"]
        ).string("token")
        let domainA = "baken-\(tag).nl", guestDomain = "gast-\(tag).nl"
        func brin() -> String {
            String(Int.random(in: 10...99)) + String((0..<2).map { _ in Character(UnicodeScalar(UInt8.random(in: 65...90))) })
        }
        let a = try await hub.call(
            .post, "/api/v1/tenants", token: org, json: Payload.tenant(brin: brin(), domain: domainA, name: "Het Baken")
        ).string("id")
        let g = try await hub.call(
            .post, "/api/v1/tenants", token: org,
            json: Payload.tenant(brin: brin(), domain: guestDomain, name: "Gastschool", membership: "guest")
        ).string("id")
        let now = Date()
        let edition = try await hub.call(
            .post, "/api/v1/editions", token: org,
            json: [
                "year": 2026, "days": ["2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"],
                "registration_opens_at": now.addingTimeInterval(-86_400).wireText,
                "registration_closes_at": now.addingTimeInterval(30 * 86_400).wireText,
                "allocation_mode": ranked ? "ranked" : "fcfs", "claim_window_hours": 24,
                "matching_deadline": now.addingTimeInterval(40 * 86_400).wireText,
            ]
        ).string("id")
        var small = Payload.session(edition: edition, tenant: a, title: "Formatief evalueren")
        small["capacity"] = 1
        small["visibility"] = "all"
        let smallId = try await hub.call(.post, "/api/v1/sessions", token: org, json: small).string("id")
        var kickoff = Payload.session(edition: edition, tenant: a, title: "Aftrap")
        kickoff["kind"] = "kickoff"
        kickoff["presenter"] = "Sanne de Vries, Ahmed El Amrani"
        kickoff["starts_at"] = "2026-11-17T13:00:00Z"
        kickoff["ends_at"] = "2026-11-17T14:00:00Z"
        let kickoffId = try await hub.call(.post, "/api/v1/sessions", token: org, json: kickoff).string("id")
        let organiserEmail = "organisatie@\(domainA)"
        try await hub.call(.post, "/api/v1/organisers", token: org, json: ["email": organiserEmail, "name": "Loopbaancentrum"])
        return PortalWorld(
            hub: hub, org: org, networkId: network, schoolA: a, domainA: domainA, guest: g, guestDomain: guestDomain,
            editionId: edition, small: smallId, kickoff: kickoffId, organiserEmail: organiserEmail)
    }
}

@Suite("Portal: sign-in")
struct PortalSignInTests {
    @Test(
        "a mailed single-use link signs a person in with an HttpOnly, SameSite=Lax cookie; the person is entered",
        arguments: StoreKind.allCases)
    func signInByLink(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let world = try await PortalWorld.make(hub)
            let browser = PortalBrowser(hub)
            let email = "anne.de.vries@\(world.domainA)"
            try await browser.get("/sign-in")
            let sent = try await browser.post("/sign-in", [("email", email), ("form", browser.cookies["kijkje_form"] ?? "")], csrf: "")
            #expect(sent.status == 200 && sent.html.contains(email))
            let link = try await browser.latestLink(to: email)
            let confirm = try await browser.get(link)
            #expect(confirm.status == 200 && confirm.html.contains("/sign-in/confirm"))
            #expect(browser.cookies["kijkje_session"] == nil, "opening the link alone does not sign in")
            let token = String(link.split(separator: "/").last!.split(separator: "?")[0])
            #expect(
                try await browser.post("/sign-in/confirm", [("token", token), ("next", "/"), ("form", "vals")], csrf: "").status == 403,
                "a confirmation from another site is refused")
            let done = try await browser.post(
                "/sign-in/confirm", [("token", token), ("next", "/"), ("form", browser.cookies["kijkje_form"] ?? "")],
                csrf: "")
            #expect(done.status == 303 && done.location == "/catalogue")
            let cookie = try #require(done.setCookies.first { $0.hasPrefix("kijkje_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"))
            let people = try await hub.store.people(tenantId: UUID(uuidString: world.schoolA)!, in: UUID(uuidString: world.networkId)!)
            #expect(people.contains { $0.email == email && $0.name == "Anne De Vries" })
            #expect(try await browser.get("/catalogue").status == 200)
            // The link works once.
            let other = PortalBrowser(hub)
            try await other.get(link)
            #expect(
                try await other.post("/sign-in/confirm", [("token", token), ("form", other.cookies["kijkje_form"] ?? "")], csrf: "").status
                    == 410)
            #expect(other.cookies["kijkje_session"] == nil)
            // Signing out ends the session.
            #expect(try await browser.post("/sign-out").status == 303)
            #expect(try await browser.get("/catalogue").status == 401)
        }
    }

    @Test(
        "an unknown address is answered as a known one; a form without its token, too many links and an expired link get a page",
        arguments: StoreKind.allCases)
    func refusals(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let world = try await PortalWorld.make(hub)
            let browser = PortalBrowser(hub)
            try await browser.get("/sign-in")
            let form = browser.cookies["kijkje_form"] ?? ""
            let mailsBefore = try await hub.store.mailOutbox().count
            // An unknown address is answered as a known one (no mail goes out): nobody learns which addresses exist.
            let unknown = try await browser.post("/sign-in", [("email", "iemand@elders.example"), ("form", form)], csrf: "")
            let known = try await PortalBrowser(hub).signInPage("bekend@\(world.domainA)")
            #expect(unknown.status == 200 && known.status == 200)
            #expect(unknown.html.replacingOccurrences(of: "iemand@elders.example", with: "X").contains("Komt er geen mail?"))
            #expect(try await hub.store.mailOutbox().filter { $0.message.toAddress == "iemand@elders.example" }.isEmpty)
            #expect(try await browser.post("/sign-in", [("email", "geen-adres"), ("form", form)], csrf: "").status == 422)
            #expect(try await browser.post("/sign-in", [("email", "a@\(world.domainA)"), ("form", "vals")], csrf: "").status == 403)
            #expect(try await hub.store.mailOutbox().count == mailsBefore + 1, "only the known address got a link")
            for attempt in 1...6 {
                let reply = try await browser.post("/sign-in", [("email", "vaak@\(world.domainA)"), ("form", form)], csrf: "")
                #expect(reply.status == (attempt <= 5 ? 200 : 429), "attempt \(attempt)")
            }
            #expect(try await hub.store.mailOutbox().filter { $0.message.toAddress == "vaak@\(world.domainA)" }.count == 5)
            // An expired link.
            let (token, hash) = Secret.make(.signInLink)
            let mail = MailMessage(
                id: UUID(), dedupeKey: "sign-in:\(hash)", toAddress: "oud@\(world.domainA)", toName: "", subject: "", body: "",
                kind: .signIn)
            try await hub.store.addSignInLink(
                tokenHash: hash, email: "oud@\(world.domainA)", at: Date().addingTimeInterval(-3600), validFor: 900, mail: mail)
            #expect(try await browser.post("/sign-in/confirm", [("token", token), ("form", form)], csrf: "").status == 410)
            // Pages behind sign-in and organiser pages for staff.
            #expect(try await PortalBrowser(hub).get("/week").status == 401)
            let staff = PortalBrowser(hub)
            try await staff.signIn("docent@\(world.domainA)")
            #expect(try await staff.get("/organiser").status == 403)
        }
    }

    @Test(
        "a sign-in link never follows the request's Host header: without a public address it names the socket the hub listens on",
        arguments: StoreKind.allCases)
    func linkIgnoresHostHeader(kind: StoreKind) async throws {
        try await withHub(kind, live: true) { hub in
            let world = try await PortalWorld.make(hub)
            let browser = PortalBrowser(hub)
            browser.extraHeaders[HTTPField.Name("Host")!] = "evil.example"
            try await browser.get("/sign-in")
            let email = "slachtoffer@\(world.domainA)"
            #expect(
                try await browser.post("/sign-in", [("email", email), ("form", browser.cookies["kijkje_form"] ?? "")], csrf: "").status
                    == 200)
            let mail = try #require(try await hub.store.mailOutbox().last { $0.message.toAddress == email })
            #expect(!mail.message.body.contains("evil.example"))
            #expect(mail.message.body.contains("http://127.0.0.1:"), "the link names the address the hub listens on")
        }
    }

    @Test("English by choice, Dutch by default; links in mail point at the configured public address")
    func languageAndPublicAddress() async throws {
        var configuration = HubConfiguration()
        configuration.publicURL = "https://kijkje.example.nl"
        try await withHub(.sqlite, configuration: configuration) { hub in
            let world = try await PortalWorld.make(hub)
            let browser = PortalBrowser(hub)
            #expect(try await browser.get("/sign-in").html.contains("Vul je e-mailadres van school in"))
            #expect(try await browser.get("/language/en?back=/sign-in").location == "/sign-in")
            #expect(try await browser.get("/sign-in").html.contains("Enter your school email address"))
            #expect(try await browser.get("/language/en?back=https://elders.example").location == "/")
            _ = try await browser.post(
                "/sign-in", [("email", "x@\(world.domainA)"), ("form", browser.cookies["kijkje_form"] ?? "")], csrf: "")
            let mail = try #require(try await hub.store.mailOutbox().last)
            #expect(mail.message.body.contains("https://kijkje.example.nl/sign-in/kjk_in_"))
            #expect(mail.message.subject == "Your link to sign in to Kijkje")
            let secure = try await browser.post(
                "/sign-in/confirm",
                [
                    (
                        "token",
                        String(
                            try await browser.latestLink(to: "x@\(world.domainA)")
                                .split(separator: "/").last!.split(separator: "?")[0])
                    ), ("form", browser.cookies["kijkje_form"] ?? ""),
                ], csrf: "")
            #expect(secure.setCookies.contains { $0.hasPrefix("kijkje_session=") && $0.contains("Secure") })
        }
    }
}
