import Foundation
import HubStore
import KijkjeDomain
import KijkjeTestSupport
import Testing

/// The outbox, on every store: mails are leased in the order they fell due, a leased mail is not handed out again
/// before its lease ends, and the counts by kind follow what was sent.
@Suite("Mail outbox conformance")
struct MailOutboxConformanceTests {
    static func mail(_ n: Int, _ kind: MailKind) -> MailMessage {
        MailMessage(
            id: UUID(), dedupeKey: "outbox-\(n)", toAddress: "p\(n)@example.nl", toName: "P \(n)", subject: "Mail \(n)", body: "Body \(n)",
            kind: kind)
    }

    /// The whole outbox's counts by kind: (sent, not sent).
    static func counts(_ store: any HubStore) async throws -> [MailKind: [Int]] {
        Dictionary(uniqueKeysWithValues: try await store.outboxSummary().map { ($0.kind, [$0.sent, $0.waiting + $0.failing]) })
    }

    @Test(
        "claims lease due mail in the order it fell due, once per lease; counts by kind follow what was sent",
        arguments: StoreKind.scaledOut)
    func claimsAndCounts(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let mails = (0..<5).map { Self.mail($0, $0 < 3 ? .confirmed : .allocation) }
            for (n, mail) in mails.enumerated() { try await store.enqueueMail([mail], at: start.addingTimeInterval(Double(n))) }
            #expect(try await Self.counts(store) == [.confirmed: [0, 3], .allocation: [0, 2]])

            let now = start.addingTimeInterval(60)
            let first = try await store.claimMail(limit: 3, at: now, lease: 120)
            #expect(first.map(\.id) == mails.prefix(3).map(\.id), "the three that fell due first, in that order")
            let second = try await store.claimMail(limit: 10, at: now, lease: 120)
            #expect(second.map(\.id) == mails.suffix(2).map(\.id), "leased ones are not handed out again")
            #expect(try await store.claimMail(limit: 10, at: now, lease: 120).isEmpty)

            for mail in first { try await store.markMailSent(id: mail.id, at: now) }
            #expect(try await Self.counts(store) == [.confirmed: [3, 0], .allocation: [0, 2]])
            let afterLease = try await store.claimMail(limit: 10, at: now.addingTimeInterval(121), lease: 120)
            #expect(afterLease.map(\.id) == mails.suffix(2).map(\.id), "unsent mail comes back when its lease ends; sent mail does not")
            #expect(try await store.mailOutbox().first { $0.message.id == mails[4].id }?.attempts == 2)
        }
    }
}
