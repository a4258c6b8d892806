import Foundation
import Hub
import HubStore
import KijkjeDomain
import KijkjeTestSupport
import Testing

/// The portal in a real browser: headless Chromium (Debian's package, through Selenium) against a live hub whose
/// mail goes over SMTP to aiosmtpd on loopback. Screenshots are written to `test-artifacts/portal/` (not committed).
@Suite("Portal in a browser")
struct PortalBrowserTests {
    static let screenshots = OpenAPISpecTests.root.appendingPathComponent("test-artifacts/portal")

    @Test("a teacher signs in by the mailed link, enrols, accepts a proposal and sees the week; the organiser sees the dashboard")
    func browserFlow() async throws {
        let smtp = try await ShadowMailTests.SMTPServer.started()
        defer { smtp.stop() }
        var configuration = HubConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.smtpURL = "smtp://127.0.0.1:\(smtp.port)"
        configuration.smtpStartTLS = 0
        configuration.mailInterval = .seconds(1)
        configuration.clockIntervalSeconds = 3600
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        try await withHub(.sqlite, configuration: configuration, live: true) { hub in
            let port = try #require(hub.client.port)
            let world = try await PortalWorld.make(hub)
            // A host at the guest school offers a day; the teacher asked for one; the host has said yes already.
            let teacher = "anne.docent@\(world.domainA)"
            let org = world.org
            let host = try await hub.call(
                .post, "/api/v1/tenants/\(world.guest)/people", token: org,
                json: ["name": "Dirk Directeur", "email": "dirk@\(world.guestDomain)", "role": "principal"]
            ).string("id")
            let anne = try await hub.call(
                .post, "/api/v1/tenants/\(world.schoolA)/people", token: org,
                json: ["name": "Anne Docent", "email": teacher, "role": "teacher"]
            ).string("id")
            try await hub.call(
                .post, "/api/v1/shadow-offers", token: org,
                json: [
                    "edition_id": world.editionId, "tenant_id": world.guest, "host_person_id": host, "role": "principal",
                    "school_type": "vmbo", "days": ["2026-11-18"], "capacity": 1, "visibility": "all",
                ])
            try await hub.call(
                .post, "/api/v1/shadow-requests", token: org,
                json: [
                    "edition_id": world.editionId, "tenant_id": world.schoolA, "person_id": anne, "roles": ["principal"],
                    "days": ["2026-11-18"],
                ])
            try await hub.call(.post, "/api/v1/editions/\(world.editionId)/shadow-matching", token: org, json: ["seed": 1])
            let match =
                try await hub.call(.get, "/api/v1/editions/\(world.editionId)/shadow-matches", token: org).items.first?["id"] as? String
                ?? ""
            try await hub.call(.post, "/api/v1/shadow-matches/\(match)/accept", token: org, json: ["side": "host"])
            // A place in a full workshop is given up; Anne, next in line, is mailed it with a link to claim it.
            var full = Payload.session(edition: world.editionId, tenant: world.schoolA, title: "Leren met AI")
            full["capacity"] = 1
            full["starts_at"] = "2026-11-19T13:00:00Z"
            full["ends_at"] = "2026-11-19T14:00:00Z"
            let fullId = try await hub.call(.post, "/api/v1/sessions", token: org, json: full).string("id")
            let piet = try await hub.call(
                .post, "/api/v1/tenants/\(world.schoolA)/people", token: org,
                json: ["name": "Piet Plek", "email": "piet@\(world.domainA)", "role": "teacher"]
            ).string("id")
            let pietsPlace = try await hub.call(
                .post, "/api/v1/enrolments", token: org, json: ["tenant_id": world.schoolA, "person_id": piet, "session_id": fullId]
            ).string("id")
            let waiting = try await hub.call(
                .post, "/api/v1/enrolments", token: org, json: ["tenant_id": world.schoolA, "person_id": anne, "session_id": fullId]
            ).string("id")
            try await hub.call(.post, "/api/v1/enrolments/\(pietsPlace)/cancel", token: org)

            let run = try await pythonInBackground([
                OpenAPISpecTests.root.appendingPathComponent("scripts/browser_flow.py").path, "http://127.0.0.1:\(port)",
                smtp.maildir.path, Self.screenshots.path, teacher, world.organiserEmail, world.small,
            ])
            let outbox = try await hub.store.mailOutbox().map {
                "\($0.message.kind.rawValue) sent: \($0.sentAt != nil) \($0.lastError ?? "")"
            }
            #expect(run.status == 0, "the browser flow failed: \(run.output)\noutbox: \(outbox), smtp port \(smtp.port)")
            let seen = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
            #expect(seen["enrolled"] as? Bool == true && seen["accepted"] as? Bool == true)
            #expect((seen["week"] as? String)?.contains("Formatief evalueren") == true)
            #expect((seen["week"] as? String)?.contains("Meelopen met Dirk Directeur") == true)
            #expect((seen["dashboard_charts"] as? Int ?? 0) >= 2)
            #expect(seen["claim_page_claims_nothing"] as? Bool == true && seen["claimed"] as? Bool == true)
            #expect(seen["preferences"] as? Bool == true && (seen["outbox"] as? String ?? "").contains("Plek aangeboden"))
            #expect(try await hub.call(.get, "/api/v1/enrolments/\(waiting)", token: org).text.contains("\"confirmed\""))
            // The hub agrees with what the browser showed.
            let network = UUID(uuidString: world.networkId)!
            let enrolments = try await hub.store.enrolments(sessionId: UUID(uuidString: world.small)!, in: network)
            #expect(enrolments.map(\.state) == [.confirmed])
            #expect(try await hub.store.shadowMatch(id: UUID(uuidString: match)!, in: network).state == .confirmed)
            for name in [
                "catalogue.png", "catalogue-phone.png", "week.png", "dashboard.png", "mail-claim.png", "mail-claim-phone.png",
                "mail-claimed.png", "account.png", "account-phone.png", "dashboard-outbox.png",
            ] {
                let size =
                    (try? FileManager.default.attributesOfItem(atPath: Self.screenshots.appendingPathComponent(name).path)[.size] as? Int)
                    ?? 0
                #expect(size > 10_000, "\(name) is missing or empty")
            }
        }
    }
}
