import Foundation

extension Migrations {
    /// Step 4: the mail outbox. Shipped: never edited.
    static let mailOutbox = Step(
        version: 4, name: "mail outbox",
        statements: [
            """
            CREATE TABLE mail_outbox (
                id {id} PRIMARY KEY,
                dedupe_key text NOT NULL UNIQUE,
                to_address text NOT NULL,
                to_name text NOT NULL,
                subject text NOT NULL,
                body text NOT NULL,
                calendar text,
                created_at {time} NOT NULL,
                attempts integer NOT NULL DEFAULT 0,
                next_attempt_at {time} NOT NULL,
                lease_until {time},
                sent_at {time},
                last_error text
            )
            """,
            "CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL",
        ])
}
