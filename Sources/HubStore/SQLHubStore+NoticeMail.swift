import Foundation
import KijkjeDomain

/// A kind of mail in the outbox, as the organiser's dashboard counts it.
public struct OutboxKindSummary: Sendable, Equatable {
    public var kind: MailKind
    public var sent: Int
    public var waiting: Int
    public var failing: Int
    public var lastError: String?

    public init(kind: MailKind, sent: Int, waiting: Int, failing: Int, lastError: String?) {
        self.kind = kind
        self.sent = sent
        self.waiting = waiting
        self.failing = failing
        self.lastError = lastError
    }
}

extension SQLHubStore {
    // MARK: Writing notices out as mail

    public func processNotices(
        limit: Int, at now: Date, render: @Sendable (Notice) -> (mails: [MailMessage], links: [MailLink])
    ) async throws -> Int {
        try await database.transaction { tx in
            let open = try await tx.run(
                """
                SELECT * FROM notices WHERE done_at IS NULL ORDER BY created_at, id
                LIMIT \(limit)\(unsafeRaw: database.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : "")
                """)
            for row in open {
                let tenantId = try row.uuid("person_tenant_id"), personId = try row.uuid("person_id")
                let notice = Notice(
                    id: try row.uuid("id"), dedupeKey: try row.string("dedupe_key"),
                    kind: MailKind(rawValue: try row.string("kind")) ?? .confirmed, networkId: try row.uuid("network_id"),
                    createdAt: try row.date("created_at"), recipient: try await recipient(tx, tenantId: tenantId, personId: personId),
                    details: try row.json("details"))
                let (mails, links) = render(notice)
                try await enqueue(tx, mails, at: now, networkId: notice.networkId)
                for link in links {
                    try await tx.run(
                        """
                        INSERT INTO mail_links (token_hash, action, network_id, tenant_id, person_id, subject_id, expires_at)
                        VALUES (\(link.tokenHash), \(link.action.rawValue), \(link.networkId), \(link.tenantId), \(link.personId),
                                \(link.subjectId), \(link.expiresAt))
                        """)
                }
                try await tx.run("UPDATE notices SET done_at = \(now) WHERE id = \(notice.id)")
            }
            return open.count
        }
    }

    /// The person a notice is for, as they stand now (nil when they were erased).
    func recipient(_ tx: any SQLExecutor, tenantId: UUID, personId: UUID) async throws -> Notice.Recipient? {
        guard let person = try await tx.run("SELECT * FROM people WHERE tenant_id = \(tenantId) AND id = \(personId)").first
        else { return nil }
        return Notice.Recipient(
            tenantId: tenantId, personId: personId, name: try person.string("name"), email: try person.string("email"),
            preferences: try await mailPreferences(tx, tenantId: tenantId, personId: personId))
    }

    func mailPreferences(_ executor: any SQLExecutor, tenantId: UUID, personId: UUID) async throws -> MailPreferences {
        guard
            let row = try await executor.run(
                "SELECT * FROM mail_preferences WHERE tenant_id = \(tenantId) AND person_id = \(personId)"
            ).first
        else { return MailPreferences() }
        return MailPreferences(language: try row.choice("language"), reminders: try row.bool("reminders"))
    }

    public func noticeCount(open: Bool) async throws -> Int {
        try await database.run(
            "SELECT COUNT(*) AS n FROM notices WHERE \(unsafeRaw: open ? "done_at IS NULL" : "done_at IS NOT NULL")"
        ).first?.int("n") ?? 0
    }

    // MARK: Preferences

    public func mailPreferences(tenantId: UUID, personId: UUID, in networkId: UUID) async throws -> MailPreferences {
        _ = try await person(id: personId, tenantId: tenantId, in: networkId)
        return try await mailPreferences(database, tenantId: tenantId, personId: personId)
    }

    public func setMailPreferences(_ preferences: MailPreferences, tenantId: UUID, personId: UUID, in networkId: UUID) async throws {
        _ = try await person(id: personId, tenantId: tenantId, in: networkId)
        try await database.run(
            """
            INSERT INTO mail_preferences (tenant_id, person_id, language, reminders)
            VALUES (\(tenantId), \(personId), \(preferences.language.rawValue), \(preferences.reminders))
            ON CONFLICT (tenant_id, person_id) DO UPDATE SET language = excluded.language, reminders = excluded.reminders
            """)
    }

    // MARK: Links in mails

    public func mailLink(tokenHash: String, at now: Date) async throws -> MailLink? {
        guard let row = try await database.run("SELECT * FROM mail_links WHERE token_hash = \(tokenHash)").first else { return nil }
        let link = MailLink(
            tokenHash: tokenHash, action: try row.choice("action"), networkId: try row.uuid("network_id"),
            tenantId: try row.uuid("tenant_id"), personId: try row.uuid("person_id"), subjectId: try row.optionalUUID("subject_id"),
            expiresAt: try row.date("expires_at"), usedAt: try row.optionalDate("used_at"))
        return link.expiresAt > now ? link : nil
    }

    /// Marks a single-use link used; false when it was used already (by a second click meanwhile).
    public func useMailLink(tokenHash: String, at now: Date) async throws -> Bool {
        !(try await database.run(
            "UPDATE mail_links SET used_at = \(now) WHERE token_hash = \(tokenHash) AND used_at IS NULL RETURNING token_hash"
        ).isEmpty)
    }

    // MARK: The outbox for organisers

    public func outboxSummary(networkId: UUID, at now: Date) async throws -> [OutboxKindSummary] {
        try await outboxSummary(of: "WHERE network_id = \(networkId)")
    }

    public func outboxSummary() async throws -> [OutboxKindSummary] { try await outboxSummary(of: "") }

    /// The outbox's mails of `filter` (a `WHERE` clause, or none) counted by kind.
    private func outboxSummary(of filter: SQLQuery) async throws -> [OutboxKindSummary] {
        var summaries: [MailKind: OutboxKindSummary] = [:]
        for row in try await database.run(
            "SELECT kind, sent_at IS NOT NULL AS sent, last_error, created_at FROM mail_outbox \(filter) ORDER BY created_at")
        {
            guard let kind = MailKind(rawValue: try row.string("kind")) else { continue }
            var summary = summaries[kind] ?? OutboxKindSummary(kind: kind, sent: 0, waiting: 0, failing: 0, lastError: nil)
            let error = try row.value("last_error") == .null ? nil : try row.string("last_error")
            if try row.bool("sent") {
                summary.sent += 1
            } else if let error {
                summary.failing += 1
                summary.lastError = error
            } else {
                summary.waiting += 1
            }
            summaries[kind] = summary
        }
        return MailKind.allCases.compactMap { summaries[$0] }
    }

    public func outboxMails(networkId: UUID, limit: Int) async throws -> [QueuedMail] {
        try await database.run(
            """
            SELECT * FROM mail_outbox WHERE network_id = \(networkId)
            ORDER BY CASE WHEN sent_at IS NULL AND last_error IS NOT NULL THEN 0 ELSE 1 END, created_at DESC LIMIT \(limit)
            """
        ).map(QueuedMail.init(row:))
    }

    /// Sends one mail of the network again, now (a failing one at once, a sent one once more).
    public func resendMail(id: UUID, networkId: UUID, at now: Date) async throws {
        _ = try await expectRow(
            database,
            """
            UPDATE mail_outbox SET sent_at = NULL, next_attempt_at = \(now), lease_until = NULL, attempts = 0
            WHERE id = \(id) AND network_id = \(networkId) RETURNING id
            """, "mail")
    }
}

extension QueuedMail {
    init(row: SQLRow) throws {
        self.init(
            message: try MailMessage(row: row), attempts: try row.int("attempts"), createdAt: try row.date("created_at"),
            sentAt: try row.optionalDate("sent_at"),
            lastError: try row.value("last_error") == .null ? nil : try row.string("last_error"))
    }
}
