import Foundation
import Hub
import HubStore
import KijkjeDomain
import KijkjeTestSupport
import Testing

@Suite("Portal: staff pages")
struct PortalStaffTests {
    @Test(
        "the catalogue filters; enrolling, the waiting list, cancelling and the offered place go through the enrolment rules",
        arguments: StoreKind.allCases)
    func enrolment(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let world = try await PortalWorld.make(hub)
            let anne = PortalBrowser(hub), bram = PortalBrowser(hub)
            try await anne.signIn("anne@\(world.domainA)")
            try await bram.signIn("bram@\(world.domainA)")
            let catalogue = try await anne.get("/catalogue")
            #expect(catalogue.html.contains("Formatief evalueren") && catalogue.html.contains("Aftrap"))
            #expect(!(try await anne.get("/catalogue?q=aftrap").html.contains("Formatief evalueren")))
            #expect(try await anne.get("/catalogue?topic=didactiek").html.contains("Formatief evalueren"))
            #expect(try await anne.get("/catalogue?day=2026-11-19").html.contains("0 sessies"))
            // The filters offer the week's days and the topics, the chosen one selected, to every reader alike.
            #expect(catalogue.html.contains(#"<option value="2026-11-19">"#) && catalogue.html.contains(#"<option value="didactiek">"#))
            #expect(try await anne.get("/catalogue?topic=didactiek").html.contains(#"<option value="didactiek" selected>"#))
            #expect(try await bram.get("/catalogue?topic=didactiek").html.contains(#"<option value="didactiek" selected>"#))
            #expect(try await bram.get("/catalogue?topic=<b>").html.contains(#"<option value="didactiek">"#))
            // Without the form token nothing happens.
            _ = try await anne.get("/sessions/\(world.small)")
            #expect(try await anne.post("/sessions/\(world.small)/enrol", csrf: "vals").status == 403)
            #expect(try await anne.post("/sessions/\(world.small)/enrol", csrf: "").status == 403)
            #expect(
                try await hub.store.enrolments(sessionId: UUID(uuidString: world.small)!, in: UUID(uuidString: world.networkId)!).isEmpty)
            #expect(try await anne.post("/sessions/\(world.small)/enrol").location == "/sessions/\(world.small)?msg=enrolled")
            #expect(try await anne.get("/sessions/\(world.small)").html.contains("Je bent ingeschreven"))
            // The one place is taken: Bram joins the waiting list, then gets the place when Anne cancels.
            let full = try await bram.get("/sessions/\(world.small)")
            #expect(full.html.contains("Op de wachtlijst"))
            #expect(try await bram.post("/sessions/\(world.small)/enrol").location?.contains("waitlisted") == true)
            #expect(try await bram.get("/catalogue?places=1").html.contains("Formatief evalueren") == false)
            let enrolments = try await hub.store.enrolments(
                sessionId: UUID(uuidString: world.small)!, in: UUID(uuidString: world.networkId)!)
            let annes = try #require(enrolments.first { $0.state == .confirmed })
            // Bram cannot cancel Anne's place.
            _ = try await bram.get("/catalogue")
            #expect(try await bram.post("/enrolments/\(annes.id)/cancel").status == 404)
            _ = try await anne.get("/sessions/\(world.small)")
            #expect(try await anne.post("/enrolments/\(annes.id)/cancel").status == 303)
            let offered = try await bram.get("/sessions/\(world.small)")
            #expect(offered.html.contains("Plaats claimen"))
            let brams = try #require(
                try await hub.store.enrolments(sessionId: UUID(uuidString: world.small)!, in: UUID(uuidString: world.networkId)!)
                    .first { $0.state == .offered })
            #expect(try await bram.post("/enrolments/\(brams.id)/claim").location?.contains("claimed") == true)
            // A refusal of the rules is a page naming it, and nothing changes.
            let again = try await bram.post("/sessions/\(world.small)/enrol")
            #expect(again.status == 409 || again.status == 422)
            #expect(try await bram.get("/sessions/\(UUID())").status == 404)
        }
    }

    @Test(
        "a place on offer to the waiting list is not shown as free: the catalogue, the session page and the enrolment agree",
        arguments: StoreKind.allCases)
    func offeredPlaceIsTaken(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let world = try await PortalWorld.make(hub)
            let anne = PortalBrowser(hub), bram = PortalBrowser(hub), carla = PortalBrowser(hub)
            for (browser, name) in [(anne, "anne"), (bram, "bram"), (carla, "carla")] {
                try await browser.signIn("\(name)@\(world.domainA)")
            }
            _ = try await anne.get("/sessions/\(world.small)")
            #expect(try await anne.post("/sessions/\(world.small)/enrol").location?.contains("enrolled") == true)
            _ = try await bram.get("/sessions/\(world.small)")
            #expect(try await bram.post("/sessions/\(world.small)/enrol").location?.contains("waitlisted") == true)
            let network = UUID(uuidString: world.networkId)!, session = UUID(uuidString: world.small)!
            let annes = try #require(try await hub.store.enrolments(sessionId: session, in: network).first { $0.state == .confirmed })
            _ = try await anne.get("/catalogue")
            #expect(try await anne.post("/enrolments/\(annes.id)/cancel").status == 303)
            #expect(try await hub.store.enrolments(sessionId: session, in: network).contains { $0.state == .offered })
            // The one place is held for Bram: Carla sees no place left, and her enrolment joins the waiting list.
            #expect(!(try await carla.get("/catalogue?places=1").html.contains("Formatief evalueren")))
            let page = try await carla.get("/sessions/\(world.small)")
            #expect(page.html.contains("Vol") && !page.html.contains("1 van 1 plaatsen vrij"))
            #expect(try await carla.post("/sessions/\(world.small)/enrol").location?.contains("waitlisted") == true)
        }
    }

    @Test(
        "another school of the network sees neither a school-only session nor a network session when it is a guest",
        arguments: StoreKind.allCases)
    func visibilityAcrossSchools(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let world = try await PortalWorld.make(hub)
            var own = Payload.session(edition: world.editionId, tenant: world.schoolA, title: "Alleen voor Het Baken")
            own["visibility"] = "school"
            let ownId = try await hub.call(.post, "/api/v1/sessions", token: world.org, json: own).string("id")
            var network = Payload.session(edition: world.editionId, tenant: world.schoolA, title: "Voor het netwerk")
            network["visibility"] = "network"
            let networkId = try await hub.call(.post, "/api/v1/sessions", token: world.org, json: network).string("id")
            let guest = PortalBrowser(hub)
            try await guest.signIn("gast@\(world.guestDomain)")
            let catalogue = try await guest.get("/catalogue")
            #expect(catalogue.html.contains("Formatief evalueren"), "shared with all")
            #expect(!catalogue.html.contains("Alleen voor Het Baken") && !catalogue.html.contains("Voor het netwerk"))
            for id in [ownId, networkId] {
                #expect(try await guest.get("/sessions/\(id)").status == 404)
                let refused = try await guest.post("/sessions/\(id)/enrol")
                #expect([404, 409, 422].contains(refused.status), "enrolling in \(id) answered \(refused.status)")
                #expect(try await hub.store.enrolments(sessionId: UUID(uuidString: id)!, in: UUID(uuidString: world.networkId)!).isEmpty)
            }
        }
    }

    @Test("ranked choices are saved while the window is open and refused when twice the same", arguments: StoreKind.allCases)
    func rankedChoices(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let world = try await PortalWorld.make(hub, ranked: true)
            let anne = PortalBrowser(hub)
            try await anne.signIn("anne@\(world.domainA)")
            #expect(try await anne.get("/catalogue").html.contains("Dit jaar kies je je voorkeuren"))
            #expect(try await anne.get("/choices").html.contains("Keuze 1"))
            #expect(try await anne.post("/choices", [("choice", world.small), ("choice", world.small)]).status == 422)
            #expect(try await anne.post("/choices", [("choice", world.small), ("choice", "")]).status == 303)
            let choices = try await hub.store.rankedChoices(
                editionId: UUID(uuidString: world.editionId)!, in: UUID(uuidString: world.networkId)!)
            #expect(choices.map(\.sessionIds) == [[UUID(uuidString: world.small)!]])
            #expect(try await anne.get("/choices").html.contains("selected"))
        }
    }

    @Test(
        "shadowing: a request and an offer from the forms; a proposal answered on both sides shows the contact",
        arguments: StoreKind.allCases)
    func shadowing(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let world = try await PortalWorld.make(hub)
            let host = PortalBrowser(hub), guest = PortalBrowser(hub)
            try await host.signIn("directeur@\(world.domainA)")
            try await guest.signIn("docent@\(world.guestDomain)")
            _ = try await host.get("/account")
            #expect(try await host.post("/account", [("name", "Dirk Directeur"), ("role", "principal")]).status == 303)
            _ = try await host.get("/shadow")
            #expect(
                try await host.post(
                    "/shadow/offers",
                    [
                        ("role", "principal"), ("school_type", "havo_vwo"), ("days", "2026-11-18"),
                        ("capacity", "1"), ("visibility", "all"),
                    ]
                ).status == 303)
            _ = try await guest.get("/shadow")
            #expect(
                try await guest.post("/shadow/requests", [("roles", "principal"), ("days", "2026-11-18"), ("max_distance_km", "veel")])
                    .status == 422)
            #expect(
                try await guest.post("/shadow/requests", [("roles", "principal"), ("days", "2026-11-18"), ("motivation", "Benieuwd")])
                    .status == 303)
            #expect(try await guest.get("/shadow").html.contains("directeur"))
            try await hub.call(.post, "/api/v1/editions/\(world.editionId)/shadow-matching", token: world.org, json: ["seed": 3])
            let proposal = try await guest.get("/shadow")
            #expect(proposal.html.contains("Ja, graag") && !proposal.html.contains("directeur@"), "no contact before both said yes")
            let match = try #require(
                try await hub.store.shadowMatches(editionId: UUID(uuidString: world.editionId)!, in: UUID(uuidString: world.networkId)!)
                    .first)
            // Another person cannot answer it.
            let stranger = PortalBrowser(hub)
            try await stranger.signIn("iemand@\(world.domainA)")
            _ = try await stranger.get("/shadow")
            #expect(try await stranger.post("/shadow/matches/\(match.id)/accept").status == 404)
            #expect(try await guest.post("/shadow/matches/\(match.id)/accept").location?.contains("match_accepted") == true)
            _ = try await host.get("/shadow")
            #expect(try await host.post("/shadow/matches/\(match.id)/accept").location?.contains("match_confirmed") == true)
            let confirmed = try await guest.get("/shadow")
            #expect(confirmed.html.contains("Dirk Directeur") && confirmed.html.contains("directeur@\(world.domainA)"))
            #expect(
                try await hub.store.mailOutbox().contains {
                    $0.message.toAddress == "docent@\(world.guestDomain)" && $0.message.calendar != nil
                })
            #expect(try await guest.get("/week").html.contains("Meelopen met Dirk Directeur"))
        }
    }

    @Test(
        "my week, its secret calendar feed (revocable), survey, evaluation, export and erasing the account",
        arguments: StoreKind.allCases)
    func weekAndAccount(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let world = try await PortalWorld.make(hub)
            let anne = PortalBrowser(hub)
            try await anne.signIn("anne@\(world.domainA)")
            _ = try await anne.get("/sessions/\(world.kickoff)")
            try await anne.post("/sessions/\(world.kickoff)/enrol")
            let week = try await anne.get("/week")
            #expect(week.html.contains("Aftrap") && week.html.contains("dinsdag 17 november"))
            let made = try await anne.post("/week/feed")
            let shown = try await anne.get(made.location ?? "")
            let url = try #require(shown.html.firstMatch(of: /(\/calendar\/kjk_cal_[^<"]+\.ics)/)?.1)
            let feed = try await PortalBrowser(hub).get(String(url))
            #expect(feed.status == 200 && feed.headers[.contentType]?.hasPrefix("text/calendar") == true)
            #expect(feed.html.contains("BEGIN:VEVENT") && feed.html.contains("SUMMARY:Aftrap"))
            let events = try ICalendarCheck.parse(feed.html)
            #expect(events.map(\.summary) == ["Aftrap"])
            #expect(events.first?.start == "2026-11-17T13:00:00+00:00")
            _ = try await anne.get("/week")
            #expect(try await anne.post("/week/feed/revoke").status == 303)
            #expect(try await PortalBrowser(hub).get(String(url)).status == 404)

            _ = try await anne.get("/survey")
            #expect(try await anne.post("/survey", []).status == 422)
            #expect(try await anne.post("/survey", [("topics", "ai"), ("topics", "welzijn"), ("wish", "Meer over AI")]).status == 303)
            _ = try await anne.get("/evaluation")
            #expect(try await anne.post("/evaluation", [("rating", "9")]).status == 422)
            #expect(try await anne.post("/evaluation", [("rating", "4"), ("best", "De aftrap"), ("improve", "Koffie")]).status == 303)
            let export = try await anne.get("/account/export")
            #expect(export.headers[.contentDisposition]?.contains("attachment") == true)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(export.html.utf8)) as? [String: Any])
            #expect(
                (json["enrolments"] as? [Any])?.count == 1 && (json["survey"] as? [Any])?.count == 1
                    && (json["evaluations"] as? [Any])?.count == 1)

            _ = try await anne.get("/account")
            #expect(try await anne.post("/account/erase", []).status == 422)
            #expect(try await anne.post("/account/erase", [("confirm", "1")]).location == "/sign-in")
            let people = try await hub.store.people(tenantId: UUID(uuidString: world.schoolA)!, in: UUID(uuidString: world.networkId)!)
            #expect(!people.contains { $0.email == "anne@\(world.domainA)" })
            #expect(
                try await hub.store.enrolments(sessionId: UUID(uuidString: world.kickoff)!, in: UUID(uuidString: world.networkId)!)
                    .allSatisfy { $0.state != .confirmed })
            #expect(try await anne.get("/week").status == 401)
        }
    }
}

/// The `icalendar` package's reading of a feed (scripts/read_calendar.py).
enum ICalendarCheck {
    struct Event: Decodable { var uid: String; var summary: String; var location: String; var start: String; var end: String }
    struct Feed: Decodable { var method: String; var events: [Event] }

    static func parse(_ text: String) throws -> [Event] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("feed-\(UUID().uuidString).ics")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let read = try python([OpenAPISpecTests.root.appendingPathComponent("scripts/read_calendar.py").path, file.path])
        guard read.status == 0 else { throw TestSetupError("icalendar could not read the feed: \(read.output)") }
        let feed = try JSONDecoder().decode(Feed.self, from: Data(read.output.utf8))
        guard feed.method == "PUBLISH" else { throw TestSetupError("the feed's method is \(feed.method)") }
        return feed.events
    }
}
