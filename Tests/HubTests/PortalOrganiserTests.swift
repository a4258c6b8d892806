import Foundation
import Hub
import HubStore
import KijkjeDomain
import KijkjeTestSupport
import Testing

@Suite("Portal: organiser pages")
struct PortalOrganiserTests {
    @Test(
        "dashboard tables with SVG charts and CSV downloads; edition and sessions (a kickoff with speakers) from the forms",
        arguments: StoreKind.allCases)
    func dashboardAndSetup(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let world = try await PortalWorld.make(hub)
            let anne = PortalBrowser(hub)
            try await anne.signIn("anne@\(world.domainA)")
            _ = try await anne.get("/sessions/\(world.small)")
            try await anne.post("/sessions/\(world.small)/enrol")
            _ = try await anne.get("/survey")
            try await anne.post("/survey", [("topics", "ai")])
            let organiser = PortalBrowser(hub)
            try await organiser.signIn(world.organiserEmail)
            let dashboard = try await organiser.get("/organiser")
            #expect(dashboard.status == 200)
            for heading in ["Bereik per school", "Bereik per functie", "Bezetting per sessie", "Wachtlijsten", "Gewenste onderwerpen"] {
                #expect(dashboard.html.contains(heading), "\(heading)")
            }
            #expect(dashboard.html.contains("<svg role=\"img\""))
            let csv = try await organiser.get("/organiser/tables/fill.csv")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.html.split(separator: "\r\n")
            #expect(lines.first == "Sessie,School,Bezet,Plaatsen,%")
            #expect(lines.contains { $0.hasPrefix("Formatief evalueren,Het Baken,1,1,100.0") })
            let reach = try await organiser.get("/organiser/tables/reach-schools.csv").html
            #expect(reach.contains("Het Baken,,1,122,0.8"))
            #expect(try await organiser.get("/organiser/tables/survey.csv").html.contains("ai,1"))
            #expect(try await organiser.get("/organiser/tables/nope.csv").status == 404)

            let edition = try await organiser.get("/organiser/edition")
            #expect(edition.html.contains("2026-11-17 2026-11-18"))
            #expect(
                try await organiser.post(
                    "/organiser/edition",
                    [
                        ("year", "2026"), ("days", "2026-11-17 17-11"), ("opens", "2026-09-01T08:00"),
                        ("closes", "2026-12-20T17:00"), ("deadline", "2026-12-22T17:00"),
                    ]
                ).status == 422)
            #expect(
                try await organiser.post(
                    "/organiser/edition",
                    [
                        ("year", "2026"), ("days", "2026-11-17 2026-11-18"), ("opens", "2026-09-01T08:00"),
                        ("closes", "2026-12-20T17:00"), ("deadline", "2026-12-22T17:00"),
                        ("claim", "48"),
                    ]
                ).status == 303)
            let saved = try await hub.store.edition(id: UUID(uuidString: world.editionId)!, in: UUID(uuidString: world.networkId)!)
            #expect(saved.days.count == 2 && saved.claimWindowHours == 48)
            _ = try await organiser.get("/organiser/sessions")
            #expect(
                try await organiser.post(
                    "/organiser/sessions",
                    [
                        ("kind", "kickoff"), ("title", "Slotbijeenkomst"), ("presenter", "Sanne, Ahmed"),
                        ("school", world.schoolA), ("location", "Aula"), ("day", "2026-11-18"),
                        ("start", "15:00"), ("end", "16:30"), ("capacity", "200"),
                        ("visibility", "all"),
                    ]
                ).status == 303)
            let sessions = try await hub.store.sessions(editionId: saved.id, in: saved.networkId)
            let added = try #require(sessions.first { $0.title == "Slotbijeenkomst" })
            #expect(added.kind == .kickoff && added.presenter == "Sanne, Ahmed" && added.capacity == 200)
            #expect(PortalFormatCheck.localHour(added.startsAt) == 15)
            #expect(try await organiser.post("/organiser/sessions", [("title", "Zonder tijd"), ("school", world.schoolA)]).status == 422)
        }
    }

    @Test(
        "allocation and matching run from the pages; pins and forbidden pairs are kept; invitations for an outside school",
        arguments: StoreKind.allCases)
    func runsAndReview(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let world = try await PortalWorld.make(hub, ranked: true)
            let anne = PortalBrowser(hub), host = PortalBrowser(hub)
            try await anne.signIn("anne@\(world.domainA)")
            try await host.signIn("host@\(world.guestDomain)")
            _ = try await anne.get("/choices")
            try await anne.post("/choices", [("choice", world.small)])
            _ = try await host.get("/shadow")
            try await host.post(
                "/shadow/offers",
                [("role", "principal"), ("school_type", "vmbo"), ("days", "2026-11-18"), ("capacity", "1"), ("visibility", "all")])
            _ = try await anne.get("/shadow")
            try await anne.post("/shadow/requests", [("roles", "principal"), ("days", "2026-11-18")])

            let organiser = PortalBrowser(hub)
            try await organiser.signIn(world.organiserEmail)
            #expect(try await organiser.get("/organiser/allocation").html.contains("1 mensen gaven hun voorkeuren op"))
            #expect(try await organiser.post("/organiser/allocation", [("seed", "7")]).location?.contains("allocation_done") == true)
            #expect(try await organiser.get("/organiser/allocation").html.contains("1 geplaatst"))
            #expect(try await organiser.post("/organiser/allocation", [("seed", "7")]).status == 409)
            let outcome = try await anne.get("/choices")
            #expect(outcome.html.contains("De verdeling") && outcome.html.contains("Deze plaats kreeg je"), "each person sees why")

            #expect(try await organiser.post("/organiser/matching", [("seed", "1")]).status == 303)
            let matching = try await organiser.get("/organiser/matching")
            #expect(matching.html.contains("Gastschool") && matching.html.contains("voorgesteld"))
            #expect(matching.html.contains("voorgesteld — wacht op beiden (sinds "), "an open proposal says whose answer it waits for")
            let edition = UUID(uuidString: world.editionId)!, network = UUID(uuidString: world.networkId)!
            let match = try #require(try await hub.store.shadowMatches(editionId: edition, in: network).first)
            #expect(
                try await organiser.post(
                    "/organiser/rules",
                    [
                        ("request", match.requestId.uuidString), ("offer", match.offerId.uuidString),
                        ("kind", "forbid"),
                    ]
                ).status == 303)
            #expect(try await organiser.post("/organiser/rules", [("request", "nope"), ("kind", "pin")]).status == 422)
            #expect(try await organiser.post("/organiser/matching", [("seed", "2")]).status == 303)
            let after = try await hub.store.shadowMatches(editionId: edition, in: network).filter { $0.state == .proposed }
            #expect(after.isEmpty, "the forbidden pair is not proposed again")
            let review = try await organiser.get("/organiser/matching")
            #expect(review.html.contains("afgewezen of verboden"))
            #expect(
                try await organiser.post(
                    "/organiser/rules/remove",
                    [
                        ("request", match.requestId.uuidString),
                        ("offer", match.offerId.uuidString),
                    ]
                ).status == 303)
            #expect(try await hub.store.shadowRules(editionId: edition, in: network).isEmpty)

            #expect(
                try await organiser.post(
                    "/organiser/invitations",
                    [
                        ("name", "De Regenboog"), ("brin", "12"), ("town", "Ede"),
                        ("latitude", "52.04"), ("longitude", "5.66"), ("domain", "regenboog.nl"),
                    ]
                ).status == 422)
            let invited = try await organiser.post(
                "/organiser/invitations",
                [
                    ("name", "De Regenboog"), ("brin", "12RB"), ("town", "Ede"),
                    ("latitude", "52.04"), ("longitude", "5.66"), ("domain", "regenboog-\(UUID().uuidString.prefix(4)).nl"),
                ])
            let page = try await organiser.get(invited.location ?? "")
            #expect(page.html.contains("kjk_inv_") && page.html.contains("De Regenboog"))
            let guests = try await hub.store.memberships(in: network).filter { $0.kind == .guest }
            #expect(guests.count == 2)
        }
    }
}

enum PortalFormatCheck {
    static func localHour(_ date: Date) -> Int { Calendar.networkCalendar.component(.hour, from: date) }
}
