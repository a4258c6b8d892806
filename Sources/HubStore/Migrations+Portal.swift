import Foundation

extension Migrations {
    /// Step 6: the portal: organisers, sign-in links and sessions, calendar feeds, survey and evaluation. Shipped: never edited.
    static let portal = Step(
        version: 6, name: "portal",
        statements: [
            // Who organises a network's week in the portal (they sign in by mail like staff).
            """
            CREATE TABLE organisers (
                network_id {id} NOT NULL REFERENCES networks (id),
                email text NOT NULL,
                name text NOT NULL,
                PRIMARY KEY (network_id, email)
            )
            """,
            // A mailed sign-in link: single use, short-lived, kept as a hash.
            """
            CREATE TABLE sign_in_links (
                token_hash text PRIMARY KEY,
                email text NOT NULL,
                created_at {time} NOT NULL,
                expires_at {time} NOT NULL,
                used_at {time}
            )
            """,
            // Requests for a link, per address and per client, for the rate limit.
            """
            CREATE TABLE sign_in_attempts (
                key text NOT NULL,
                at {time} NOT NULL
            )
            """,
            "CREATE INDEX sign_in_attempts_by_key ON sign_in_attempts (key, at)",
            """
            CREATE TABLE web_sessions (
                token_hash text PRIMARY KEY,
                email text NOT NULL,
                network_id {id} NOT NULL REFERENCES networks (id),
                tenant_id {id},
                person_id {id},
                organiser {bool} NOT NULL,
                csrf text NOT NULL,
                created_at {time} NOT NULL,
                expires_at {time} NOT NULL
            )
            """,
            // A person's secret calendar feed; a new one replaces the old, and it can be revoked.
            """
            CREATE TABLE calendar_feeds (
                tenant_id {id} NOT NULL,
                person_id {id} NOT NULL,
                token_hash text NOT NULL UNIQUE,
                created_at {time} NOT NULL,
                PRIMARY KEY (tenant_id, person_id),
                FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id) ON DELETE CASCADE
            )
            """,
            // The needs survey (topics wanted next year) and the evaluation after the week, one each per edition.
            """
            CREATE TABLE survey_answers (
                tenant_id {id} NOT NULL,
                person_id {id} NOT NULL,
                edition_id {id} NOT NULL REFERENCES editions (id),
                topics {json} NOT NULL,
                wish text NOT NULL,
                answered_at {time} NOT NULL,
                PRIMARY KEY (tenant_id, person_id, edition_id),
                FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id) ON DELETE CASCADE
            )
            """,
            """
            CREATE TABLE evaluations (
                tenant_id {id} NOT NULL,
                person_id {id} NOT NULL,
                edition_id {id} NOT NULL REFERENCES editions (id),
                rating {int} NOT NULL,
                best text NOT NULL,
                improve text NOT NULL,
                answered_at {time} NOT NULL,
                PRIMARY KEY (tenant_id, person_id, edition_id),
                FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id) ON DELETE CASCADE
            )
            """,
        ])
}
