import Foundation

extension Migrations {
    /// Step 9: notifications. What happened (a notice, written in the transaction that made it happen), the
    /// outbox's kind, HTML and unsubscribe address per mail, links in mails that work without signing in, and each
    /// person's mail preferences. Shipped: never edited.
    static let notifications = Step(
        version: 9, name: "notifications",
        statements: [
            """
            CREATE TABLE notices (
                id {id} PRIMARY KEY,
                dedupe_key text NOT NULL UNIQUE,
                kind text NOT NULL,
                network_id {id} NOT NULL,
                person_tenant_id {id} NOT NULL,
                person_id {id} NOT NULL,
                details {json} NOT NULL,
                created_at {time} NOT NULL,
                done_at {time}
            )
            """,
            "CREATE INDEX notices_open ON notices (created_at) WHERE done_at IS NULL",
            "CREATE INDEX notices_by_person ON notices (person_tenant_id, person_id)",
            "ALTER TABLE mail_outbox ADD COLUMN kind text NOT NULL DEFAULT 'sign-in'",
            "ALTER TABLE mail_outbox ADD COLUMN html text",
            "ALTER TABLE mail_outbox ADD COLUMN unsubscribe_url text",
            "ALTER TABLE mail_outbox ADD COLUMN network_id {id}",
            """
            CREATE TABLE mail_links (
                token_hash text PRIMARY KEY,
                action text NOT NULL,
                network_id {id} NOT NULL,
                tenant_id {id} NOT NULL,
                person_id {id} NOT NULL,
                subject_id {id},
                expires_at {time} NOT NULL,
                used_at {time}
            )
            """,
            "CREATE INDEX mail_links_by_person ON mail_links (tenant_id, person_id)",
            """
            CREATE TABLE mail_preferences (
                tenant_id {id} NOT NULL,
                person_id {id} NOT NULL,
                language text NOT NULL,
                reminders {bool} NOT NULL,
                PRIMARY KEY (tenant_id, person_id)
            )
            """,
            "ALTER TABLE editions ADD COLUMN proposal_reminder_days integer NOT NULL DEFAULT 3",
        ],
        postgresStatements: notificationTables.flatMap(policy))
}
