import Foundation
@testable import Hub
import HubStore
import KijkjeTestSupport
import Logging
import KijkjeDomain
import Testing

/// The mails that reach people without anyone chasing them, delivered over SMTP to a real server on loopback
/// (aiosmtpd) and read back with Python's `email` and `icalendar` packages.
@Suite("Notifications")
struct NotificationTests {
    typealias SMTPServer = ShadowMailTests.SMTPServer
    static let portal = "https://kijkje.test"

    /// A hub whose mail goes to a fresh aiosmtpd, a courier that writes notices out, and a seeded network.
    static func withMailHub(
        _ kind: StoreKind, _ body: @escaping @Sendable (HubHarness, SeededNetwork, SMTPServer, MailCourier) async throws -> Void
    ) async throws {
        let smtp = try await SMTPServer.started()
        defer { smtp.stop() }
        var configuration = HubConfiguration()
        configuration.smtpURL = "smtp://127.0.0.1:\(smtp.port)"
        configuration.smtpStartTLS = 0
        configuration.mailFrom = "loopbaancentrum@kijkje.test"
        configuration.publicURL = portal
        let settings = configuration
        try await withHub(kind, configuration: settings) { hub in
            let seeded = try await hub.seed("Bericht")
            let courier = MailCourier(
                store: hub.store, transport: settings.mailTransport(), notices: settings.noticeMail(baseURL: { portal }),
                interval: .seconds(1), logger: Logger(label: "test"))
            try await body(hub, seeded, smtp, courier)
        }
    }

    static func subjects(_ messages: [[String: Any]]) -> [String] { messages.map { $0["subject"] as? String ?? "" }.sorted() }

    static func event(_ message: [String: Any]) -> [String: Any] { message["event"] as? [String: Any] ?? [:] }

    /// The tokens of the mail's links to the portal's `/mail/` page, in order.
    static func linkTokens(_ message: [String: Any]) -> [String] {
        let text = message["text"] as? String ?? ""
        return text.components(separatedBy: "\(portal)/mail/").dropFirst().map { String($0.prefix { !$0.isWhitespace }) }
    }

    @Test(
        "confirmed, cancelled (CANCEL), offered with one-click links, claimed, changed and withdrawn: one UID, SEQUENCE rising",
        arguments: StoreKind.allCases)
    func enrolmentLifecycle(kind: StoreKind) async throws {
        try await Self.withMailHub(kind) { hub, a, smtp, courier in
            let org = a.organiserToken
            var draft = Payload.session(edition: a.editionId, tenant: a.tenantId)
            draft["capacity"] = 1
            #expect(try await hub.call(.put, "/api/v1/sessions/\(a.sessionId)", token: org, json: draft).status == 200)
            let cees = try await hub.call(
                .post, "/api/v1/tenants/\(a.tenantId)/people", token: org,
                json: ["name": "Cees Jansen", "email": "cees@\(a.domain)", "role": "teacher"]
            ).string("id")
            let ceesId = try #require(UUID(uuidString: cees)), tenantId = try #require(UUID(uuidString: a.tenantId))
            let networkId = try #require(UUID(uuidString: a.networkId))
            try await hub.store.setMailPreferences(MailPreferences(language: .en), tenantId: tenantId, personId: ceesId, in: networkId)
            let waiting = try await hub.call(
                .post, "/api/v1/enrolments", token: org, json: ["tenant_id": a.tenantId, "person_id": cees, "session_id": a.sessionId])
            #expect(waiting.string("state") == "waitlisted")
            await ShadowMailTests.deliver(courier)

            let enrolled = try smtp.messages(to: "anna@").filter { ($0["subject"] as? String ?? "").hasPrefix("Ingeschreven") }
            #expect(enrolled.count == 1)
            let first = try #require(enrolled.first)
            #expect(Self.event(first)["method"] as? String == "REQUEST" && Self.event(first)["sequence"] as? Int == 0)
            let uid = try #require(Self.event(first)["uid"] as? String)
            #expect((first["html"] as? String ?? "").contains("<li>Formatief evalueren</li>"))
            #expect((first["text"] as? String ?? "").contains("Lokaal 12"))
            #expect((first["list_unsubscribe"] as? String ?? "").isEmpty, "a confirmation cannot be switched off")
            #expect(try smtp.messages(to: "cees@").isEmpty, "the waiting list itself mails nothing")

            // Anna gives her place up: her calendar drops the event, Cees is offered the place in English.
            #expect(try await hub.call(.post, "/api/v1/enrolments/\(a.enrolmentId)/cancel", token: org).status == 200)
            await ShadowMailTests.deliver(courier)
            let cancelled = try #require(try smtp.messages(to: "anna@").first { ($0["subject"] as? String ?? "").hasPrefix("Uitgeschreven") })
            #expect(Self.event(cancelled)["method"] as? String == "CANCEL" && Self.event(cancelled)["uid"] as? String == uid)
            #expect(Self.event(cancelled)["part_method"] as? String == "CANCEL" && Self.event(cancelled)["sequence"] as? Int == 1)
            let offered = try #require(try smtp.messages(to: "cees@").first)
            #expect(offered["subject"] as? String == "A place is free for you: Formatief evalueren")
            #expect((offered["text"] as? String ?? "").contains("The place is yours until"))
            let tokens = Self.linkTokens(offered)
            #expect(tokens.count == 2, "claim and decline")

            // Opening the claim link (as a mail scanner would) only shows a button; the button claims; once.
            let page = try await hub.call(.get, "/mail/\(tokens[0])")
            #expect(page.status == 200 && page.text.contains("id=\"confirm\""))
            let ceesEnrolment = waiting.string("id")
            #expect(try await hub.call(.get, "/api/v1/enrolments/\(ceesEnrolment)", token: org).text.contains("\"offered\""))
            #expect(try await hub.call(.post, "/mail/\(tokens[0])").status == 200)
            #expect(try await hub.call(.get, "/api/v1/enrolments/\(ceesEnrolment)", token: org).text.contains("\"confirmed\""))
            #expect(try await hub.call(.post, "/mail/\(tokens[0])").status == 410, "single use")
            #expect(try await hub.call(.post, "/mail/\(tokens[1])").status >= 400, "declining a claimed place does nothing")
            #expect(try await hub.call(.get, "/mail/kjk_ml_nonsense").status == 410)
            await ShadowMailTests.deliver(courier)
            let claimed = try #require(try smtp.messages(to: "cees@").first { ($0["subject"] as? String ?? "").hasPrefix("Enrolled") })
            let ceesUID = try #require(Self.event(claimed)["uid"] as? String)
            #expect(Self.event(claimed)["sequence"] as? Int == 1 && ceesUID != uid)

            // Saving the same session again changes nothing and mails nothing; a new room reaches Cees.
            draft["capacity"] = 1
            #expect(try await hub.call(.put, "/api/v1/sessions/\(a.sessionId)", token: org, json: draft).status == 200)
            await ShadowMailTests.deliver(courier)
            #expect(try smtp.messages(to: "cees@").count == 2)
            draft["location"] = "Aula"
            #expect(try await hub.call(.put, "/api/v1/sessions/\(a.sessionId)", token: org, json: draft).status == 200)
            await ShadowMailTests.deliver(courier)
            let changed = try #require(try smtp.messages(to: "cees@").first { ($0["subject"] as? String ?? "").hasPrefix("Changed") })
            #expect(Self.event(changed)["uid"] as? String == ceesUID && Self.event(changed)["sequence"] as? Int == 2)
            #expect((Self.event(changed)["location"] as? String ?? "").hasPrefix("Aula"))
            #expect((changed["text"] as? String ?? "").contains("Lokaal 12"), "says what it was")

            // Withdrawn: a CANCEL, and what else fits in the slot with a link that enrols.
            var other = Payload.session(edition: a.editionId, tenant: a.tenantId, title: "Leren met AI")
            other["starts_at"] = "2026-11-17T09:30:00Z"
            #expect(try await hub.call(.post, "/api/v1/sessions", token: org, json: other).status == 201)
            #expect(try await hub.call(.delete, "/api/v1/sessions/\(a.sessionId)", token: org).status == 204)
            await ShadowMailTests.deliver(courier)
            let withdrawn = try #require(try smtp.messages(to: "cees@").first { ($0["subject"] as? String ?? "").hasPrefix("Withdrawn") })
            #expect(Self.event(withdrawn)["method"] as? String == "CANCEL" && Self.event(withdrawn)["sequence"] as? Int == 3)
            #expect((withdrawn["text"] as? String ?? "").contains("Leren met AI"))
            let enrol = try #require(Self.linkTokens(withdrawn).first)
            // (The seeded week lies before today, when the link, valid until the session starts, has lapsed.)
            #expect(try await hub.call(.post, "/mail/\(enrol)").status == 410)
            let weekBefore = try #require(ISO8601DateFormatter().date(from: "2026-11-10T12:00:00Z"))
            let outcome = try await Operations(store: hub.store).followMailLink(token: enrol, at: weekBefore)
            guard case .enrolled(let enrolment) = outcome else { throw TestSetupError("not enrolled: \(outcome)") }
            #expect(enrolment.personId == ceesId && enrolment.state == .confirmed)

            // Every mail once: two couriers at the same time, and a restarted one, add nothing.
            let before = try smtp.messages().count
            let second = MailCourier(
                store: hub.store, transport: courier.transport, notices: courier.notices, interval: .seconds(1), logger: Logger(label: "t"))
            // (Both at the same moment: a courier that came hours later would rightly take over a lapsed lease.)
            let later = Date().addingTimeInterval(7200)
            async let one = courier.deliverDue(at: later)
            async let two = second.deliverDue(at: later)
            _ = await (one, two)
            await ShadowMailTests.deliver(MailCourier(
                store: hub.store, transport: courier.transport, notices: courier.notices, interval: .seconds(1), logger: Logger(label: "r")))
            let after = try smtp.messages()
            #expect(after.count == before + 1, "only the confirmation of the enrolment by link")
            #expect(Set(after.compactMap { $0["message_id"] as? String }).count == after.count)
        }
    }
}
