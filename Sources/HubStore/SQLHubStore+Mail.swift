import Foundation
import KijkjeDomain

extension SQLHubStore {
    /// Puts mails in the outbox inside the caller's transaction, so a mail exists exactly when what it reports
    /// does. A mail whose dedupe key is there already is left out.
    func enqueue(_ tx: any SQLExecutor, _ messages: [MailMessage], at now: Date, networkId: UUID? = nil) async throws {
        for m in messages {
            try await tx.run(
                """
                INSERT INTO mail_outbox (id, dedupe_key, to_address, to_name, subject, body, calendar, created_at, next_attempt_at,
                                         kind, html, unsubscribe_url, network_id)
                VALUES (\(m.id), \(m.dedupeKey), \(m.toAddress), \(m.toName), \(m.subject), \(m.body), \(m.calendar), \(now), \(now),
                        \(m.kind.rawValue), \(m.html), \(m.unsubscribeURL), \(m.networkId ?? networkId))
                ON CONFLICT (dedupe_key) DO NOTHING
                """)
        }
    }

    public func enqueueMail(_ messages: [MailMessage], at now: Date) async throws {
        try await database.transaction { tx in try await enqueue(tx, messages, at: now) }
    }

    /// Takes up to `limit` due mails for delivery, leasing them so no other hub process sends them meanwhile.
    public func claimMail(limit: Int, at now: Date, lease: TimeInterval) async throws -> [MailMessage] {
        try await database.transaction { tx in
            let due = try await tx.run(
                """
                SELECT id FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= \(now)
                  AND (lease_until IS NULL OR lease_until <= \(now))
                ORDER BY next_attempt_at, id LIMIT \(limit)\(unsafeRaw: database.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : "")
                """)
            let ids = try due.map { try $0.uuid("id") }
            guard !ids.isEmpty else { return [] }
            let leased = try await tx.run(
                """
                UPDATE mail_outbox SET lease_until = \(now.addingTimeInterval(lease)), attempts = attempts + 1
                WHERE id IN \(list: ids) RETURNING *
                """
            ).map(MailMessage.init(row:))
            // In the order they fell due (RETURNING keeps none).
            let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
            return leased.sorted { order[$0.id, default: 0] < order[$1.id, default: 0] }
        }
    }

    public func markMailSent(id: UUID, at now: Date) async throws {
        try await database.run("UPDATE mail_outbox SET sent_at = \(now), lease_until = NULL, last_error = NULL WHERE id = \(id)")
    }

    /// Records a failed attempt; the mail is tried again after a backoff that doubles per attempt (up to an hour).
    public func markMailFailed(id: UUID, error: String, at now: Date) async throws {
        try await database.transaction { tx in
            let attempts = try await expectRow(tx, "SELECT attempts FROM mail_outbox WHERE id = \(id)", "mail").int("attempts")
            let backoff = min(3600.0, 5 * pow(2, Double(max(0, attempts - 1))))
            try await tx.run(
                """
                UPDATE mail_outbox SET lease_until = NULL, last_error = \(error), next_attempt_at = \(now.addingTimeInterval(backoff))
                WHERE id = \(id)
                """)
        }
    }

    public func mailOutbox() async throws -> [QueuedMail] {
        try await database.run("SELECT * FROM mail_outbox ORDER BY created_at, id").map(QueuedMail.init(row:))
    }
}

extension MailMessage {
    init(row: SQLRow) throws {
        self.init(
            id: try row.uuid("id"), dedupeKey: try row.string("dedupe_key"), toAddress: try row.string("to_address"),
            toName: try row.string("to_name"), subject: try row.string("subject"), body: try row.string("body"),
            calendar: try row.value("calendar") == .null ? nil : try row.string("calendar"),
            kind: MailKind(rawValue: try row.string("kind")) ?? .signIn,
            html: try row.value("html") == .null ? nil : try row.string("html"),
            unsubscribeURL: try row.value("unsubscribe_url") == .null ? nil : try row.string("unsubscribe_url"),
            networkId: try row.optionalUUID("network_id"))
    }
}
