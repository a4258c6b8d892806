import Foundation
import HTTPTypes
import Hub
import HubStore
import KijkjeDomain
import KijkjeTestSupport
import Logging
import Testing

/// Findings of the attacker's review of the portal, each shown closed.
@Suite("Hardening: the portal")
struct PortalHardeningTests {
    @Test(
        "a redirect never leaves the portal: control characters, spaces and backslashes in `back` and `next` go to the start",
        arguments: StoreKind.allCases)
    func noOpenRedirect(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let browser = PortalBrowser(hub)
            for back in [
                "/%09/other.host/x", "/%0a/other.host", "/%20/other.host", "/%5C/other.host", "//other.host", "https://other.host",
            ] {
                #expect(try await browser.get("/language/en?back=\(back)").location == "/", "back=\(back)")
            }
            #expect(try await browser.get("/language/en?back=/catalogue").location == "/catalogue")
            let page = try await browser.get("/sign-in?next=/%09/other.host/x")
            #expect(page.html.contains("name=\"next\" value=\"/\""))
        }
    }

    @Test("every page forbids scripts, framing, sniffing and referrers", arguments: StoreKind.allCases)
    func securityHeaders(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let world = try await PortalWorld.make(hub)
            let browser = PortalBrowser(hub)
            try await browser.signIn("anne@\(world.domainA)")
            for path in ["/sign-in", "/catalogue", "/sessions/\(UUID())"] {
                let page = try await browser.get(path)
                let policy = page.headers[HTTPField.Name("Content-Security-Policy")!] ?? ""
                #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"), "\(path)")
                #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                #expect(page.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            }
        }
    }

    @Test("a survey topic written as a formula reaches the organiser's CSV as text", arguments: StoreKind.allCases)
    func csvFormulas(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let world = try await PortalWorld.make(hub)
            let anne = PortalBrowser(hub)
            try await anne.signIn("anne@\(world.domainA)")
            _ = try await anne.get("/survey")
            #expect(try await anne.post("/survey", [("topics", "=HYPERLINK(\"http://x\",\"y\")")]).status == 303)
            let organiser = PortalBrowser(hub)
            try await organiser.signIn(world.organiserEmail)
            let csv = try await organiser.get("/organiser/tables/survey.csv").html
            #expect(csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1"))
            #expect(!csv.split(separator: "\r\n").contains { $0.hasPrefix("=") })
        }
    }

    @Test(
        "an address is stored and compared in one form: a decomposed é signs in as the person stored with the composed one",
        arguments: StoreKind.allCases)
    func canonicalAddresses(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let world = try await PortalWorld.make(hub)
            let composed = "ren\u{E9}@\(world.domainA)", decomposed = "RENE\u{301}@\(world.domainA)"
            let added = try await hub.call(
                .post, "/api/v1/tenants/\(world.schoolA)/people", token: world.org,
                json: ["name": "René", "email": decomposed, "role": "teacher"])
            #expect(added.status == 201 && Array(added.string("email").utf8) == Array(composed.utf8))
            let browser = PortalBrowser(hub)
            try await browser.signIn(decomposed)
            let people = try await hub.store.people(tenantId: UUID(uuidString: world.schoolA)!, in: UUID(uuidString: world.networkId)!)
            #expect(people.filter { $0.name == "René" || $0.email.unicodeScalars.elementsEqual(composed.unicodeScalars) }.count == 1)
            #expect(!people.contains { $0.email.unicodeScalars.contains("\u{301}") }, "no address is stored decomposed")
        }
    }
}

@Suite("CSV")
struct CSVTests {
    @Test("a field a spreadsheet would run as a formula is written as text")
    func formulas() {
        #expect(CSV.field("=1+1") == "'=1+1")
        #expect(CSV.field("+31 6") == "'+31 6" && CSV.field("-2") == "'-2" && CSV.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSV.field("=A1,\"x\"") == "\"'=A1,\"\"x\"\"\"")
        #expect(CSV.field("2026-11-17") == "2026-11-17" && CSV.field("Het Baken") == "Het Baken")
    }
}

@Suite("Hardening: logs")
struct LogHardeningTests {
    @Test("at debug level the log holds no sign-in token, calendar secret or SMTP password", arguments: StoreKind.allCases)
    func noSecretsInLogs(kind: StoreKind) async throws {
        let captured = LogSink()
        var configuration = HubConfiguration()
        configuration.port = 0
        configuration.smtpURL = "smtp://127.0.0.1:9"
        configuration.smtpUser = "kijkje"
        configuration.smtpPassword = "geheim-wachtwoord-123"
        configuration.mailInterval = .seconds(3600)
        configuration.clockIntervalSeconds = 3600
        let settings = configuration
        try await withStore(kind) { store in
            let token = try await IssuedToken.issue(.operatorAccount, networkId: nil, label: "test", in: store).token
            let app = try buildApplication(settings, store: store, logger: captured.logger(label: "kijkje.hub.test"))
            try await app.test(.live) { client in
                let hub = HubHarness(client: client, store: store, operatorToken: token)
                let world = try await PortalWorld.make(hub)
                let browser = PortalBrowser(hub)
                try await browser.signIn("anne@\(world.domainA)")
                let link = try await browser.latestLink(to: "anne@\(world.domainA)")
                _ = try await browser.get("/week")
                let feed = try await browser.post("/week/feed")
                let secret = String(feed.location?.split(separator: "=").last ?? "")
                #expect(try await browser.get("/calendar/\(secret).ics").status == 200)
                _ = try await browser.get("/week?feed=\(secret)")
                let log = captured.text
                #expect(log.contains("route") && log.contains("/calendar/{feed}"), "requests are logged by their route")
                #expect(!log.contains(String(link.split(separator: "/").last!.split(separator: "?")[0])))
                #expect(!secret.isEmpty && !log.contains(secret))
                #expect(!log.contains("kjk_in_") && !log.contains("kjk_cal_"))
                #expect(log.contains("MailCourier(SMTP smtp://127.0.0.1:9 as kijkje"), "the service group logs the courier it starts")
                #expect(!log.contains("geheim-wachtwoord-123"))
            }
        }
    }
}

@Suite("Hardening: connections")
struct ConnectionHardeningTests {
    @Test("a malformed chunked body answers 400 with a problem, not 500", arguments: StoreKind.allCases)
    func malformedChunkedBody(kind: StoreKind) async throws {
        try await withHub(kind, live: true) { hub in
            let port = try #require(hub.client.port)
            let request =
                "POST /api/v1/networks HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(hub.operatorToken)\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{\"name\":\"x\"}\r\n0\r\n\r\n"
            let (reply, _) = try await RawConnection.open(port: port).exchange(request, timeout: .seconds(5))
            #expect(reply.hasPrefix("HTTP/1.1 400"), "\(reply.prefix(200))")
            #expect(try await hub.store.networks().isEmpty)
        }
    }

    @Test(
        "an idle connection and a request that trickles in (slowloris) are closed after the read timeout; a whole one is answered",
        arguments: StoreKind.allCases)
    func readTimeout(kind: StoreKind) async throws {
        var configuration = HubConfiguration()
        configuration.readTimeoutSeconds = 1
        try await withHub(kind, configuration: configuration, live: true) { hub in
            let port = try #require(hub.client.port)
            let idle = try await RawConnection.open(port: port).exchange("", timeout: .seconds(10))
            #expect(idle.closed && idle.reply.isEmpty, "an idle connection is closed")
            // A header line every 0.3 s keeps the connection busy, but the request never ends.
            let lines = ["GET /health HTTP/1.1\r\n"] + (0..<20).map { "X-Slow-\($0): 1\r\n" }
            let (reply, closed) = try await RawConnection.open(port: port).exchange(
                chunks: lines, every: .milliseconds(300), timeout: .seconds(2))
            #expect(closed && !reply.contains("200"), "headers that trickle in are cut off")
            let whole = try await RawConnection.open(port: port)
                .exchange("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", timeout: .seconds(10))
            #expect(whole.reply.hasPrefix("HTTP/1.1 200"))
        }
    }
}

@Suite("Hardening: the contract")
struct ContractHardeningTests {
    @Test("a method a path does not take answers 405 with Allow; an unknown path stays 404", arguments: StoreKind.allCases)
    func methodNotAllowed(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            for (method, path) in [
                (HTTPRequest.Method.head, "/health"), (.delete, "/api/v1/networks"), (HTTPRequest.Method("TRACE")!, "/ready"),
            ] {
                let reply = try await hub.call(method, path, token: hub.operatorToken)
                #expect(reply.status == 405, "\(method) \(path)")
            }
            let reply = try await hub.client.execute(uri: "/api/v1/editions/\(UUID())", method: .post) { $0 }
            #expect(reply.status == .methodNotAllowed && reply.headers[.allow] == "DELETE, GET, PUT")
            #expect(try await hub.call(.get, "/nergens").status == 404)
        }
    }

    @Test("fields the contract does not have, nulls and a membership that is no kind are refused by name", arguments: StoreKind.allCases)
    func strictBodies(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let world = try await PortalWorld.make(hub)
            let unknown = try await hub.call(
                .post, "/api/v1/organisers", token: world.org, json: ["email": "a@\(world.domainA)", "name": "A", "body": ""])
            #expect(unknown.status == 422 && unknown.fields == ["body"])
            let null = try await hub.call(
                .put, "/api/v1/tenants/\(world.schoolA)", token: world.org,
                json: Payload.tenant(brin: "12AB", domain: world.domainA, name: "Het Baken").merging(["town": NSNull()]) { $1 })
            #expect(null.status == 422 && null.fields == ["town"])
            let kind = try await hub.call(
                .put, "/api/v1/tenants/\(world.schoolA)", token: world.org,
                json: Payload.tenant(brin: "12AB", domain: world.domainA, name: "Het Baken", membership: "AAA"))
            #expect(kind.status == 422 && kind.fields == ["membership"])
            #expect(
                try await hub.store.tenant(id: UUID(uuidString: world.schoolA)!, in: UUID(uuidString: world.networkId)!).name == "Het Baken"
            )
        }
    }

    @Test("a session in the year 20261 is refused by name; it once crashed the hub (found by fuzzing)", arguments: StoreKind.allCases)
    func farFutureSession(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let world = try await PortalWorld.make(hub)
            var draft = Payload.session(edition: world.editionId, tenant: world.schoolA, title: "Ver weg")
            draft["starts_at"] = "20261-11-17T09:00:00Z"
            draft["ends_at"] = "20261-11-17T10:00:00Z"
            let reply = try await hub.call(.post, "/api/v1/sessions", token: world.org, json: draft)
            #expect(reply.status == 422 && reply.fields.contains("starts_at"), "\(reply.text)")
        }
    }

    @Test("the allocation and the matching run without a body, as the contract allows", arguments: StoreKind.allCases)
    func optionalBodies(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let world = try await PortalWorld.make(hub, ranked: true)
            let allocation = try await hub.client.execute(
                uri: "/api/v1/editions/\(world.editionId)/allocation", method: .post, headers: [.authorization: "Bearer \(world.org)"]
            ) { $0 }
            #expect(allocation.status == .created, "no body is read as no options")
            let matching = try await hub.client.execute(
                uri: "/api/v1/editions/\(world.editionId)/shadow-matching", method: .post, headers: [.authorization: "Bearer \(world.org)"]
            ) { $0 }
            #expect(matching.status == .created)
        }
    }
}
