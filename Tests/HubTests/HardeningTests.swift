import Foundation
import HTTPTypes
import Hub
import HubStore
import KijkjeDomain
import KijkjeTestSupport
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
