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
        var configuration = smtp.configuration()
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
            let cancelled = try #require(
                try smtp.messages(to: "anna@").first { ($0["subject"] as? String ?? "").hasPrefix("Uitgeschreven") })
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
            await ShadowMailTests.deliver(
                MailCourier(
                    store: hub.store, transport: courier.transport, notices: courier.notices, interval: .seconds(1),
                    logger: Logger(label: "r")))
            let after = try smtp.messages()
            #expect(after.count == before + 1, "only the confirmation of the enrolment by link")
            #expect(Set(after.compactMap { $0["message_id"] as? String }).count == after.count)
        }
    }

    @Test(
        "lapse and quarter reminder on a test clock; the day before: programme, presenter's list, shadow host; preferences, unsubscribe",
        arguments: StoreKind.allCases)
    func reminders(kind: StoreKind) async throws {
        try await Self.withMailHub(kind) { hub, a, smtp, courier in
            let org = a.organiserToken, store = hub.store
            let networkId = try #require(UUID(uuidString: a.networkId)), tenantId = try #require(UUID(uuidString: a.tenantId))
            let anna = try #require(UUID(uuidString: a.personId))
            func at(_ text: String) throws -> Date { try #require(ISO8601DateFormatter().date(from: text)) }
            func subjects(_ to: String) throws -> [String] { Self.subjects(try smtp.messages(to: to)) }
            var draft = Payload.session(edition: a.editionId, tenant: a.tenantId)
            draft["capacity"] = 1
            draft["presenter"] = "Anna de Vries"
            #expect(try await hub.call(.put, "/api/v1/sessions/\(a.sessionId)", token: org, json: draft).status == 200)
            var waiting: [String: UUID] = [:]
            for name in ["Cees", "Dora", "Eva"] {
                let id = try await hub.call(
                    .post, "/api/v1/tenants/\(a.tenantId)/people", token: org,
                    json: ["name": "\(name) Smit", "email": "\(name.lowercased())@\(a.domain)", "role": "teacher"]
                ).string("id")
                waiting[name] = UUID(uuidString: id)
                _ = try await hub.call(
                    .post, "/api/v1/enrolments", token: org, json: ["tenant_id": a.tenantId, "person_id": id, "session_id": a.sessionId])
            }
            // The proposal of the seeded shadow match waits on both sides: after the edition's five days each gets one reminder.
            var edition = Payload.edition
            edition["proposal_reminder_days"] = 0
            let refused = try await hub.call(.put, "/api/v1/editions/\(a.editionId)", token: org, json: edition)
            #expect(refused.status == 422 && refused.fields == ["proposal_reminder_days"])
            edition["proposal_reminder_days"] = 5
            #expect(try await hub.call(.put, "/api/v1/editions/\(a.editionId)", token: org, json: edition).status == 200)
            try await store.addDueNotices(at: Date().addingTimeInterval(4 * 86_400))
            await ShadowMailTests.deliver(courier)
            #expect(try subjects("bram@").filter { $0.hasPrefix("Herinnering") }.isEmpty, "not before five days")
            try await store.addDueNotices(at: Date().addingTimeInterval(5 * 86_400 + 60))
            try await store.addDueNotices(at: Date().addingTimeInterval(6 * 86_400))
            await ShadowMailTests.deliver(courier)
            #expect(try subjects("bram@").filter { $0.hasPrefix("Herinnering") }.count == 1)
            #expect(try subjects("anna@").filter { $0.hasPrefix("Herinnering") }.count == 1)

            // Anna gives up her place on 10 November at noon: Cees has 24 hours.
            let noon = try at("2026-11-10T12:00:00Z")
            let annaEnrolment = try #require(UUID(uuidString: a.enrolmentId))
            _ = try await store.cancelEnrolment(id: annaEnrolment, in: networkId, at: noon)
            try await store.addDueNotices(at: noon.addingTimeInterval(17 * 3600))
            await ShadowMailTests.deliver(courier)
            #expect(try subjects("cees@") == ["Er is een plek voor je vrij: Formatief evalueren"], "more than a quarter left")
            try await store.addDueNotices(at: noon.addingTimeInterval(18 * 3600 + 1))
            try await store.addDueNotices(at: noon.addingTimeInterval(19 * 3600))
            await ShadowMailTests.deliver(courier)
            #expect(try subjects("cees@").filter { $0.hasPrefix("Nog even") }.count == 1, "one reminder, with the links again")
            #expect(
                Self.linkTokens(
                    try #require(try smtp.messages(to: "cees@").first { ($0["subject"] as? String ?? "").hasPrefix("Nog even") })
                ).count == 2)
            // The window passes: Cees hears the place went on, and Dora is offered it.
            #expect(try await store.expireOffers(at: noon.addingTimeInterval(25 * 3600)) == 1)
            await ShadowMailTests.deliver(courier)
            #expect(try subjects("cees@").contains("Plek doorgegeven: Formatief evalueren"))
            #expect(try subjects("dora@") == ["Er is een plek voor je vrij: Formatief evalueren"])
            // Dora turns it down by her mail's second link (within her window), and Eva is offered it; she takes it.
            let dorasMail = try #require(try smtp.messages(to: "dora@").first)
            let decline = try #require(Self.linkTokens(dorasMail).last)
            let declined = try await Operations(store: store).followMailLink(token: decline, at: noon.addingTimeInterval(25 * 3600 + 60))
            guard case .declined(let dorasEnrolment) = declined else { throw TestSetupError("not declined: \(declined)") }
            #expect(dorasEnrolment.state == .declined)
            await ShadowMailTests.deliver(courier)
            #expect(try subjects("eva@") == ["Er is een plek voor je vrij: Formatief evalueren"])
            let sessionId = try #require(UUID(uuidString: a.sessionId))
            let evasOffer = try #require(
                try await store.enrolments(sessionId: sessionId, in: networkId).first { $0.personId == waiting["Eva"] })
            _ = try await store.claimOffer(id: evasOffer.id, in: networkId, at: noon.addingTimeInterval(26 * 3600))

            // The shadow day is confirmed.
            for side in ["requester", "host"] {
                _ = try await hub.call(.post, "/api/v1/shadow-matches/\(a.matchId)/accept", token: org, json: ["side": side])
            }
            try await store.addDueNotices(at: try at("2026-11-16T13:00:00Z"))
            await ShadowMailTests.deliver(courier)
            #expect(try subjects("eva@").filter { $0.hasPrefix("Morgen") }.isEmpty, "not before 15:00 the day before")
            try await store.addDueNotices(at: try at("2026-11-16T14:30:00Z"))
            try await store.addDueNotices(at: try at("2026-11-16T20:00:00Z"))
            await ShadowMailTests.deliver(courier)
            let day = try #require(try smtp.messages(to: "eva@").first { ($0["subject"] as? String ?? "").hasPrefix("Morgen") })
            #expect((day["text"] as? String ?? "").contains("10:00–11:30 Formatief evalueren — School Bericht, Zwolle (Lokaal 12)"))
            #expect((day["list_unsubscribe"] as? String ?? "").contains("\(Self.portal)/mail/"))
            #expect(day["list_unsubscribe_post"] as? String == "List-Unsubscribe=One-Click")
            // Anna presents the session: she gets the list of who comes.
            let list = try #require(try smtp.messages(to: "anna@").first { ($0["subject"] as? String ?? "").hasPrefix("Morgen bij") })
            #expect(list["subject"] as? String == "Morgen bij Formatief evalueren: 1 deelnemer")
            #expect((list["text"] as? String ?? "").contains("Eva Smit — docent, School Bericht (Zwolle)"))

            // Anna switches the optional mails off: as host of the shadow day she hears nothing; Bram gets his day.
            try await store.setMailPreferences(MailPreferences(reminders: false), tenantId: tenantId, personId: anna, in: networkId)
            try await store.addDueNotices(at: try at("2026-11-17T15:00:00Z"))
            await ShadowMailTests.deliver(courier)
            #expect(try !subjects("anna@").contains("Morgen loopt Bram Bakker met je mee"), "Anna switched them off")
            try await store.setMailPreferences(MailPreferences(reminders: true), tenantId: tenantId, personId: anna, in: networkId)
            let bramsDay = try #require(try smtp.messages(to: "bram@").first { ($0["subject"] as? String ?? "").hasPrefix("Morgen") })
            #expect((bramsDay["text"] as? String ?? "").contains("meelopen met Anna de Vries, schoolleider van School Bericht"))

            // One click in the mail program (RFC 8058) stops Bram's reminders without signing in.
            let unsubscribe = (bramsDay["list_unsubscribe"] as? String ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
            let path = unsubscribe.replacingOccurrences(of: Self.portal, with: "")
            #expect(try await hub.call(.post, path, raw: "List-Unsubscribe=One-Click").status == 200)
            let people = try await hub.call(.get, "/api/v1/tenants/\(a.tenantId)/people", token: org).items
            let bram = try #require(
                people.first { $0["name"] as? String == "Bram Bakker" }.flatMap { UUID(uuidString: $0["id"] as? String ?? "") })
            #expect(try await store.mailPreferences(tenantId: tenantId, personId: bram, in: networkId).reminders == false)

            // The organiser sends Bram's day once more; another network's organiser cannot.
            let queued = try #require(
                try await store.outboxMails(networkId: networkId, limit: 100).first { $0.message.kind == .dayReminder })
            let other = try #require(UUID(uuidString: try await hub.seed("Ander").networkId))
            await #expect(throws: StoreError.self) {
                try await Operations(store: store).resendMail(id: queued.message.id, by: Organiser(networkId: other), at: Date())
            }
            try await Operations(store: store).resendMail(id: queued.message.id, by: Organiser(networkId: networkId), at: Date())
            await ShadowMailTests.deliver(courier)
            let again = try smtp.messages().filter {
                $0["message_id"] as? String == "<\(queued.message.id.uuidString.lowercased())@kijkje>"
            }
            #expect(again.count == 2, "sent again, once")
            let summary = try await store.outboxSummary(networkId: networkId, at: Date())
            #expect(summary.first { $0.kind == .dayReminder }.map { $0.sent > 0 && $0.waiting == 0 && $0.failing == 0 } == true)
        }
    }

    @Test(
        "the allocation result: what each got, why, the lottery number and an invitation; without a place, what fits with links",
        arguments: StoreKind.allCases)
    func allocationResult(kind: StoreKind) async throws {
        try await Self.withMailHub(kind) { hub, a, smtp, courier in
            let org = a.organiserToken
            var ranked = Payload.edition
            ranked["year"] = 2027
            ranked["days"] = ["2027-11-16", "2027-11-17"]
            ranked["allocation_mode"] = "ranked"
            ranked["registration_opens_at"] = "2027-09-01T08:00:00Z"
            ranked["registration_closes_at"] = "2027-10-15T17:00:00Z"
            ranked["matching_deadline"] = "2027-10-22T17:00:00Z"
            let edition = try await hub.call(.post, "/api/v1/editions", token: org, json: ranked).string("id")
            var ids: [String] = []
            for (title, start, capacity) in [("Klas A", "09:00", 1), ("Klas B", "09:00", 1), ("Middagsessie", "13:00", 5)] {
                var session = Payload.session(edition: edition, tenant: a.tenantId, title: title)
                session["starts_at"] = "2027-11-16T\(start):00Z"
                session["ends_at"] = "2027-11-16T\(start.prefix(2)):50:00Z"
                session["capacity"] = capacity
                let added = try await hub.call(.post, "/api/v1/sessions", token: org, json: session)
                #expect(added.status == 201, "\(added.text)")
                ids.append(added.string("id"))
            }
            for name in ["Cees", "Dora", "Eva"] {
                let person = try await hub.call(
                    .post, "/api/v1/tenants/\(a.tenantId)/people", token: org,
                    json: ["name": "\(name) Smit", "email": "\(name.lowercased())@\(a.domain)", "role": "teacher"]
                ).string("id")
                let choices = try await hub.call(
                    .put, "/api/v1/editions/\(edition)/choices", token: org,
                    json: ["tenant_id": a.tenantId, "person_id": person, "session_ids": [ids[0], ids[1]]])
                #expect(choices.status == 200, "\(choices.text)")
            }
            let run = try await hub.call(.post, "/api/v1/editions/\(edition)/allocation", token: org, json: ["seed": 7])
            #expect(run.status == 200 || run.status == 201, "\(run.text)")
            await ShadowMailTests.deliver(courier)
            var placed = 0, unplaced = 0
            for name in ["cees", "dora", "eva"] {
                let result = try #require(
                    try smtp.messages(to: "\(name)@").first { $0["subject"] as? String == "Je indeling voor de loopbaanweek" })
                let text = result["text"] as? String ?? ""
                #expect(text.contains("Je lotnummer was "))
                #expect(text.contains("1. Klas A: ") && text.contains("2. Klas B: "), "the explanation, choice by choice")
                if text.contains("Je hebt een plek in") {
                    placed += 1
                    #expect(Self.event(result)["method"] as? String == "REQUEST")
                    #expect((Self.event(result)["uid"] as? String ?? "").hasPrefix("enrolment-"))
                } else {
                    unplaced += 1
                    #expect(result["event"] is NSNull)
                    #expect(text.contains("Middagsessie") && !text.contains("Inschrijven voor Klas"), "what still has places and fits")
                    #expect(Self.linkTokens(result).count == 1, "one link to enrol in the afternoon session")
                }
            }
            #expect(placed == 2 && unplaced == 1)
        }
    }
}
