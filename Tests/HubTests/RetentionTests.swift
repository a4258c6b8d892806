import Foundation
import Hub
import HubStore
import KijkjeDomain
import KijkjeTestSupport
import Testing

@Suite("Retention")
struct RetentionTests {
    @Test(
        "after the retention an edition's personal data is purged, its catalogue and dashboard figures stay, and a second run does nothing",
        arguments: StoreKind.allCases)
    func purge(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let world = try await PortalWorld.make(hub)
            let anne = PortalBrowser(hub)
            try await anne.signIn("anne@\(world.domainA)")
            _ = try await anne.get("/sessions/\(world.small)")
            #expect(try await anne.post("/sessions/\(world.small)/enrol").status == 303)
            _ = try await anne.get("/survey")
            #expect(try await anne.post("/survey", [("topics", "ai")]).status == 303)
            _ = try await anne.get("/week")
            #expect(try await anne.post("/week/feed").status == 303)
            let network = UUID(uuidString: world.networkId)!, school = UUID(uuidString: world.schoolA)!
            for queued in try await hub.store.mailOutbox() { try await hub.store.markMailSent(id: queued.message.id, at: Date()) }
            let operations = Operations(store: hub.store)

            // Within the retention nothing goes.
            #expect(try await operations.purgeExpiredEditions(retentionDays: 30, at: Fixture.time("2026-12-01T12:00:00Z")).isEmpty)
            let purged = try await operations.purgeExpiredEditions(retentionDays: 30, at: Fixture.time("2027-01-15T12:00:00Z"))
            let report = try #require(purged.first?.report)
            #expect(purged.count == 1 && report.enrolments == 1 && report.answers == 1 && report.people >= 1)

            #expect(try await hub.store.people(tenantId: school, in: network).isEmpty)
            #expect(try await hub.store.enrolments(sessionId: UUID(uuidString: world.small)!, in: network).isEmpty)
            #expect(try await hub.store.surveyAnswers(editionId: UUID(uuidString: world.editionId)!, in: network).isEmpty)
            #expect(try await hub.store.mailOutbox().filter { $0.message.toAddress.hasPrefix("anne@") }.isEmpty, "delivered mail goes")
            #expect(
                try await hub.store.sessions(editionId: UUID(uuidString: world.editionId)!, in: network).count == 2, "the catalogue stays")
            let figures = try await hub.call(.get, "/api/v1/editions/\(world.editionId)/figures", token: world.org)
            let fill = try #require(figures.object["fill"] as? [String: Any])
            #expect((fill["rows"] as? [[String]])?.contains { $0.first == "Formatief evalueren" && $0[2] == "1" } == true)
            #expect((figures.object["survey"] as? [String: Any])?["rows"] as? [[String]] == [["ai", "1"]])
            // Anne's session is gone with her; she is entered anew if she signs in again.
            #expect(try await anne.get("/catalogue").status == 401)
            #expect(try await operations.purgeExpiredEditions(retentionDays: 30, at: Fixture.time("2027-02-01T12:00:00Z")).isEmpty)
        }
    }

    @Test(
        "the organiser reads and downloads the register of processing with this hub's retention; staff cannot",
        arguments: StoreKind.allCases)
    func register(kind: StoreKind) async throws {
        var configuration = HubConfiguration()
        configuration.retentionDays = 200
        try await withHub(kind, configuration: configuration) { hub in
            let world = try await PortalWorld.make(hub)
            let organiser = PortalBrowser(hub)
            try await organiser.signIn(world.organiserEmail)
            let page = try await organiser.get("/organiser/register")
            #expect(page.status == 200 && page.html.contains("Register van verwerkingen") && page.html.contains("200 dagen"))
            #expect(page.html.contains("Personeelslijst van een school"))
            let csv = try await organiser.get("/organiser/register.csv")
            #expect(csv.status == 200 && csv.html.hasPrefix("Wat,Gegevens,Waarom,Hoe lang,Wie ziet het\r\n"))
            #expect(csv.html.split(separator: "\r\n").count == 11)
            let staff = PortalBrowser(hub)
            try await staff.signIn("docent@\(world.domainA)")
            #expect(try await staff.get("/organiser/register").status == 403)
        }
    }
}
