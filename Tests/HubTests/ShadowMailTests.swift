import Foundation
@testable import Hub
import HubStore
import KijkjeTestSupport
import Logging
import KijkjeDomain
import Testing

/// The mails of shadow matching, delivered over SMTP to a real server on loopback (aiosmtpd) and read back with
/// Python's mailbox and icalendar packages.
@Suite("Shadow matching mail")
struct ShadowMailTests {
    typealias SMTPServer = SMTPTestServer

    @Test(
        "proposals name no contact details; the confirmation gives both sides each other's, with an invitation, each mail once",
        arguments: StoreKind.allCases)
    func consentBeforeContact(kind: StoreKind) async throws {
        let smtp = try await SMTPServer.started()
        defer { smtp.stop() }
        let settings = smtp.configuration()
        try await withHub(kind, configuration: settings) { hub in
            let a = try await hub.seed("Post")
            let org = a.organiserToken
            let courier = MailCourier(
                store: hub.store, transport: settings.mailTransport(), interval: .seconds(1),
                logger: Logger(label: "test"))
            let match = try #require(try await hub.call(.get, "/api/v1/editions/\(a.editionId)/shadow-matches", token: org).items.first)
            let requesterId = try #require(match["person_id"] as? String)
            let requester = try await hub.call(.get, "/api/v1/tenants/\(a.tenantId)/people/\(requesterId)", token: org)
            let host = try await hub.call(.get, "/api/v1/tenants/\(a.tenantId)/people/\(a.personId)", token: org)
            let requesterMail = requester.string("email"), hostMail = host.string("email")

            // What counts is what the server received: each mail exactly once.
            await Self.deliver(courier)
            let proposals = try smtp.messages(to: a.domain)
            #expect(proposals.count == 2)
            for message in proposals {
                let text = message["text"] as? String ?? ""
                #expect(!text.contains(requesterMail) && !text.contains(hostMail), "a proposal shows no address")
                #expect(message["event"] is NSNull)
                #expect((message["subject"] as? String ?? "").hasPrefix("Voorstel"))
            }

            let matchId = try #require(match["id"] as? String)
            _ = try await hub.call(.post, "/api/v1/shadow-matches/\(matchId)/accept", token: org, json: ["side": "requester"])
            await Self.deliver(courier)
            #expect(try smtp.messages(to: a.domain).count == 2, "one yes exchanges nothing")
            _ = try await hub.call(.post, "/api/v1/shadow-matches/\(matchId)/accept", token: org, json: ["side": "host"])
            // A restart between: a fresh courier delivers what is due, nothing twice.
            let restarted = MailCourier(
                store: hub.store, transport: settings.mailTransport(), interval: .seconds(1),
                logger: Logger(label: "test"))
            await Self.deliver(restarted)
            await Self.deliver(courier)

            let all = try smtp.messages(to: a.domain)
            #expect(all.count == 4)
            let confirmations = all.filter { ($0["subject"] as? String ?? "").hasPrefix("Bevestigd") }
            #expect(confirmations.count == 2)
            let toRequester = try #require(confirmations.first { ($0["to"] as? String ?? "").contains(requesterMail) })
            let toHost = try #require(confirmations.first { ($0["to"] as? String ?? "").contains(hostMail) })
            #expect((toRequester["text"] as? String ?? "").contains(hostMail))
            #expect((toHost["text"] as? String ?? "").contains(requesterMail))
            let event = try #require(toRequester["event"] as? [String: Any])
            #expect(event["method"] as? String == "REQUEST")
            #expect((event["start"] as? String ?? "").hasPrefix("2026-11-18T07:30:00"))
            #expect((event["attendees"] as? [String]) == ["mailto:\(hostMail)", "mailto:\(requesterMail)"].sorted())
            #expect(Set(all.compactMap { $0["message_id"] as? String }).count == 4)
            #expect(try await hub.store.mailOutbox().allSatisfy { $0.sentAt != nil })
        }
    }

    /// Delivers until the outbox has nothing due, as the courier's timer would over a few hours (a server still
    /// starting up under a loaded test run gets its retry); returns how many mails went out.
    @discardableResult
    static func deliver(_ courier: MailCourier) async -> Int {
        var sent = 0
        for round in 1...4 { sent += await courier.deliverDue(at: Date().addingTimeInterval(Double(round) * 7200)) }
        return sent
    }

    @Test("mail goes over STARTTLS to a server whose certificate a configured private CA vouches for")
    func startTLS() async throws {
        let certificates = try TestCertificates.make()
        let smtp = try await SMTPServer.started(certificates: certificates)
        defer { smtp.stop() }
        var configuration = HubConfiguration()
        configuration.smtpURL = "smtp://localhost:\(smtp.port)"
        configuration.smtpStartTLS = 2
        configuration.smtpCAFile = certificates.caCertificatePath
        let settings = configuration
        try await withHub(.sqlite, configuration: settings) { hub in
            _ = try await hub.seed("Tls")
            let courier = MailCourier(
                store: hub.store, transport: settings.mailTransport(), interval: .seconds(1), logger: Logger(label: "test"))
            #expect(await Self.deliver(courier) == 2)
            #expect(try smtp.messages().count == 2)
            // Without the CA the server's certificate is refused and nothing is sent.
            var untrusting = settings
            untrusting.smtpCAFile = nil
            try await hub.store.enqueueMail(
                [
                    MailMessage(
                        id: UUIDv7.make(), dedupeKey: "tls-check", toAddress: "x@y.nl", toName: "X",
                        subject: "Check", body: "Check", kind: .signIn)
                ], at: Date())
            let strict = MailCourier(
                store: hub.store, transport: untrusting.mailTransport(), interval: .seconds(1), logger: Logger(label: "test"))
            #expect(await strict.deliverDue(at: Date().addingTimeInterval(1)) == 0)
            #expect(try smtp.messages().count == 2)
        }
    }

    @Test("a mail that cannot be delivered stays in the outbox and is retried later, not lost", arguments: [StoreKind.sqlite])
    func retriedNotLost(kind: StoreKind) async throws {
        var configuration = HubConfiguration()
        configuration.smtpURL = "smtp://127.0.0.1:\(try freePort())"
        configuration.smtpStartTLS = 0
        let settings = configuration
        try await withHub(kind, configuration: settings) { hub in
            _ = try await hub.seed("Retry")
            let courier = MailCourier(
                store: hub.store, transport: settings.mailTransport(), interval: .seconds(1), logger: Logger(label: "test"))
            #expect(await courier.deliverDue(at: Date()) == 0)
            let outbox = try await hub.store.mailOutbox()
            #expect(outbox.count == 2)
            #expect(outbox.allSatisfy { $0.sentAt == nil && $0.attempts == 1 && $0.lastError?.contains("SMTP") == true })
            #expect(await courier.deliverDue(at: Date()) == 0, "not due again before its backoff")
            #expect(try await hub.store.claimMail(limit: 10, at: Date().addingTimeInterval(10), lease: 60).count == 2)
        }
    }
}

/// The mail texts themselves, in both languages.
@Suite("Shadow mail texts")
struct ShadowMailTextTests {
    @Test(
        "English and Dutch proposals and confirmations say the day; only confirmations hold addresses and an invitation",
        arguments: Language.allCases)
    func texts(language: Language) throws {
        let match = ShadowMatch(
            id: UUID(), editionId: UUID(), tenantId: UUID(), requestId: UUID(), personId: UUID(), offerTenantId: UUID(),
            offerId: UUID(), hostPersonId: UUID(), day: try #require(Day("2026-11-18")), score: 90, reasons: [],
            state: .confirmed, proposedAt: Date())
        let requester = ShadowMail.Contact(name: "Anna", email: "anna@a.nl", role: .teacher, school: "Het Baken", town: "Zwolle")
        let host = ShadowMail.Contact(name: "Dirk", email: "dirk@b.nl", role: .principal, school: "Noorderlicht", town: "Meppel")
        let mail = ShadowMail(language: language)
        let proposals = mail.proposal(match, requester: requester, host: host)
        #expect(proposals.allSatisfy { !$0.body.contains("anna@a.nl") && !$0.body.contains("dirk@b.nl") && $0.calendar == nil })
        #expect(proposals[0].body.contains(language == .nl ? "woensdag 18 november 2026" : "Wednesday, 18 November 2026"))
        #expect(proposals[0].body.contains(language == .nl ? "schoolleider" : "principal"))
        let confirmations = mail.confirmation(match, requester: requester, host: host, at: Date())
        #expect(confirmations[0].body.contains("dirk@b.nl") && confirmations[1].body.contains("anna@a.nl"))
        let calendar = try #require(confirmations[0].calendar)
        #expect(calendar.contains("DTSTART:20261118T073000Z\r\n"))
        #expect(calendar.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
    }
}

extension SMTPTestServer {
    /// A hub configuration whose mail goes to this server (no STARTTLS), from the network's own address.
    func configuration() -> HubConfiguration {
        var configuration = HubConfiguration()
        configuration.smtpURL = "smtp://127.0.0.1:\(port)"
        configuration.smtpStartTLS = 0
        configuration.mailFrom = "loopbaancentrum@kijkje.test"
        return configuration
    }
}
