/// The schema, as numbered steps applied in order at start and by `kijkje-hub migrate`.
/// A shipped step is never edited: change the schema with a new step.
///
/// Tenant tables carry `tenant_id` first in their primary and foreign keys so that PostgreSQL can be
/// scaled out with Citus (distributed by `tenant_id`; networks, tenants and editions as reference tables).
public enum Migrations {
    public struct Step: Sendable {
        public let version: Int
        public let name: String
        public let statements: [String]
    }

    public static let steps: [Step] = [
        Step(version: 1, name: "catalogue", statements: [
            """
            CREATE TABLE networks (
                id {id} PRIMARY KEY,
                name text NOT NULL,
                created_at {time} NOT NULL
            )
            """,
            """
            CREATE TABLE tenants (
                id {id} PRIMARY KEY,
                name text NOT NULL,
                brin text NOT NULL UNIQUE,
                town text NOT NULL,
                latitude {float} NOT NULL,
                longitude {float} NOT NULL,
                email_domains {json} NOT NULL,
                head_counts {json} NOT NULL
            )
            """,
            """
            CREATE TABLE tenant_domains (
                domain text PRIMARY KEY,
                tenant_id {id} NOT NULL REFERENCES tenants (id)
            )
            """,
            """
            CREATE TABLE memberships (
                tenant_id {id} NOT NULL REFERENCES tenants (id),
                network_id {id} NOT NULL REFERENCES networks (id),
                kind text NOT NULL,
                joined_at {time} NOT NULL,
                PRIMARY KEY (tenant_id, network_id)
            )
            """,
            "CREATE INDEX memberships_by_network ON memberships (network_id)",
            """
            CREATE TABLE editions (
                id {id} PRIMARY KEY,
                network_id {id} NOT NULL REFERENCES networks (id),
                year integer NOT NULL,
                days {json} NOT NULL,
                registration_opens_at {time} NOT NULL,
                registration_closes_at {time} NOT NULL,
                allocation_mode text NOT NULL,
                claim_window_hours integer NOT NULL,
                matching_deadline {time} NOT NULL,
                UNIQUE (network_id, year)
            )
            """,
            """
            CREATE TABLE sessions (
                tenant_id {id} NOT NULL REFERENCES tenants (id),
                id {id} NOT NULL,
                edition_id {id} NOT NULL REFERENCES editions (id),
                kind text NOT NULL,
                title text NOT NULL,
                description text NOT NULL,
                presenter text NOT NULL,
                location text NOT NULL,
                starts_at {time} NOT NULL,
                ends_at {time} NOT NULL,
                capacity integer NOT NULL,
                visibility text NOT NULL,
                topics {json} NOT NULL,
                PRIMARY KEY (tenant_id, id)
            )
            """,
            "CREATE INDEX sessions_by_edition ON sessions (edition_id, starts_at)",
            """
            CREATE TABLE people (
                tenant_id {id} NOT NULL REFERENCES tenants (id),
                id {id} NOT NULL,
                name text NOT NULL,
                email text NOT NULL,
                role text NOT NULL,
                PRIMARY KEY (tenant_id, id),
                UNIQUE (tenant_id, email)
            )
            """,
            """
            CREATE TABLE shadow_offers (
                tenant_id {id} NOT NULL REFERENCES tenants (id),
                id {id} NOT NULL,
                edition_id {id} NOT NULL REFERENCES editions (id),
                host_person_id {id} NOT NULL,
                role text NOT NULL,
                subjects {json} NOT NULL,
                school_type text NOT NULL,
                days {json} NOT NULL,
                capacity integer NOT NULL,
                visibility text NOT NULL,
                PRIMARY KEY (tenant_id, id),
                FOREIGN KEY (tenant_id, host_person_id) REFERENCES people (tenant_id, id)
            )
            """,
            "CREATE INDEX shadow_offers_by_edition ON shadow_offers (edition_id)",
            """
            CREATE TABLE credentials (
                id {id} PRIMARY KEY,
                kind text NOT NULL,
                network_id {id} REFERENCES networks (id),
                tenant_id {id} REFERENCES tenants (id),
                label text NOT NULL,
                token_hash text NOT NULL UNIQUE,
                created_at {time} NOT NULL,
                last_used_at {time},
                revoked_at {time}
            )
            """,
            """
            CREATE TABLE invitations (
                id {id} PRIMARY KEY,
                network_id {id} NOT NULL REFERENCES networks (id),
                tenant_id {id} NOT NULL REFERENCES tenants (id),
                code_hash text NOT NULL UNIQUE,
                created_at {time} NOT NULL,
                expires_at {time} NOT NULL,
                used_at {time}
            )
            """,
        ]),
        Step(version: 2, name: "enrolment", statements: [
            "ALTER TABLE editions ADD COLUMN max_per_day integer NOT NULL DEFAULT 3",
            "ALTER TABLE editions ADD COLUMN max_per_edition integer NOT NULL DEFAULT 6",
            "ALTER TABLE editions ADD COLUMN travel_speed_kmh integer NOT NULL DEFAULT 40",
            "ALTER TABLE editions ADD COLUMN minimum_gap_minutes integer NOT NULL DEFAULT 15",
            "ALTER TABLE editions ADD COLUMN allocated_at {time}",
            // Arrival order per session, bumped under the session's lock.
            "ALTER TABLE sessions ADD COLUMN enrolment_seq integer NOT NULL DEFAULT 0",
            """
            CREATE TABLE enrolments (
                tenant_id {id} NOT NULL,
                id {id} NOT NULL,
                session_id {id} NOT NULL,
                edition_id {id} NOT NULL REFERENCES editions (id),
                person_tenant_id {id} NOT NULL,
                person_id {id} NOT NULL,
                state text NOT NULL,
                queue_number integer NOT NULL,
                offered_until {time},
                created_at {time} NOT NULL,
                updated_at {time} NOT NULL,
                PRIMARY KEY (tenant_id, id),
                FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id),
                FOREIGN KEY (person_tenant_id, person_id) REFERENCES people (tenant_id, id)
            )
            """,
            """
            CREATE UNIQUE INDEX enrolments_one_active ON enrolments (tenant_id, session_id, person_tenant_id, person_id)
            WHERE state IN ('confirmed', 'waitlisted', 'offered')
            """,
            "CREATE INDEX enrolments_by_session ON enrolments (tenant_id, session_id, state, queue_number)",
            "CREATE INDEX enrolments_by_person ON enrolments (person_tenant_id, person_id, state)",
            "CREATE INDEX enrolments_open_offers ON enrolments (offered_until) WHERE state = 'offered'",
            """
            CREATE TABLE enrolment_events (
                tenant_id {id} NOT NULL,
                id {id} NOT NULL,
                enrolment_id {id} NOT NULL,
                from_state text,
                to_state text NOT NULL,
                at {time} NOT NULL,
                reason text NOT NULL,
                PRIMARY KEY (tenant_id, id),
                FOREIGN KEY (tenant_id, enrolment_id) REFERENCES enrolments (tenant_id, id)
            )
            """,
            "CREATE INDEX enrolment_events_by_enrolment ON enrolment_events (tenant_id, enrolment_id, at)",
            """
            CREATE TABLE ranked_choices (
                tenant_id {id} NOT NULL,
                person_id {id} NOT NULL,
                edition_id {id} NOT NULL REFERENCES editions (id),
                session_ids {json} NOT NULL,
                submitted_at {time} NOT NULL,
                PRIMARY KEY (tenant_id, person_id, edition_id),
                FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id)
            )
            """,
            """
            CREATE TABLE allocation_runs (
                edition_id {id} PRIMARY KEY REFERENCES editions (id),
                seed {int} NOT NULL,
                fair_share {bool} NOT NULL,
                ran_at {time} NOT NULL,
                placed integer NOT NULL,
                unplaced integer NOT NULL,
                worst_rank integer NOT NULL,
                sum_squared_ranks integer NOT NULL
            )
            """,
            """
            CREATE TABLE allocation_explanations (
                tenant_id {id} NOT NULL,
                person_id {id} NOT NULL,
                edition_id {id} NOT NULL REFERENCES editions (id),
                explanation {json} NOT NULL,
                PRIMARY KEY (tenant_id, person_id, edition_id)
            )
            """,
        ]),
        Step(version: 3, name: "shadow matching", statements: [
            """
            CREATE TABLE shadow_requests (
                tenant_id {id} NOT NULL,
                id {id} NOT NULL,
                edition_id {id} NOT NULL REFERENCES editions (id),
                person_id {id} NOT NULL,
                roles {json} NOT NULL,
                subjects {json} NOT NULL,
                school_types {json} NOT NULL,
                own_school_allowed {bool} NOT NULL,
                max_distance_km integer,
                days {json} NOT NULL,
                motivation text NOT NULL,
                created_at {time} NOT NULL,
                PRIMARY KEY (tenant_id, id),
                UNIQUE (tenant_id, person_id, edition_id),
                FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id)
            )
            """,
            "CREATE INDEX shadow_requests_by_edition ON shadow_requests (edition_id)",
            """
            CREATE TABLE shadow_matches (
                tenant_id {id} NOT NULL,
                id {id} NOT NULL,
                edition_id {id} NOT NULL REFERENCES editions (id),
                request_id {id} NOT NULL,
                person_id {id} NOT NULL,
                offer_tenant_id {id} NOT NULL,
                offer_id {id} NOT NULL,
                host_person_id {id} NOT NULL,
                day text NOT NULL,
                score integer NOT NULL,
                reasons {json} NOT NULL,
                state text NOT NULL,
                requester_accepted {bool},
                host_accepted {bool},
                pinned {bool} NOT NULL,
                proposed_at {time} NOT NULL,
                decided_at {time},
                PRIMARY KEY (tenant_id, id),
                FOREIGN KEY (tenant_id, request_id) REFERENCES shadow_requests (tenant_id, id),
                FOREIGN KEY (offer_tenant_id, offer_id) REFERENCES shadow_offers (tenant_id, id)
            )
            """,
            "CREATE INDEX shadow_matches_by_edition ON shadow_matches (edition_id, state)",
            """
            CREATE TABLE shadow_rules (
                edition_id {id} NOT NULL REFERENCES editions (id),
                request_id {id} NOT NULL,
                offer_id {id} NOT NULL,
                kind text NOT NULL,
                PRIMARY KEY (edition_id, request_id, offer_id)
            )
            """,
            """
            CREATE TABLE shadow_matching_runs (
                edition_id {id} NOT NULL REFERENCES editions (id),
                ran_at {time} NOT NULL,
                seed {int} NOT NULL,
                matched integer NOT NULL,
                unmatched {json} NOT NULL,
                total_score integer NOT NULL,
                PRIMARY KEY (edition_id, ran_at)
            )
            """,
        ]),
        Step(version: 4, name: "mail outbox", statements: [
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
        ]),
        Step(version: 5, name: "sync", statements: [
            // One version counter per scope, bumped in every writing transaction (which orders writers per scope);
            // `horizon`: tombstones up to this version have been purged, older cursors must resync.
            """
            CREATE TABLE sync_scopes (
                scope text PRIMARY KEY,
                epoch text NOT NULL,
                version {int} NOT NULL,
                horizon {int} NOT NULL DEFAULT 0
            )
            """,
            // Every published row's latest state per scope, or its tombstone.
            """
            CREATE TABLE sync_rows (
                scope text NOT NULL REFERENCES sync_scopes (scope),
                kind text NOT NULL,
                id {id} NOT NULL,
                version {int} NOT NULL,
                deleted {bool} NOT NULL,
                data {json},
                changed_at {time} NOT NULL,
                PRIMARY KEY (scope, kind, id)
            )
            """,
            "CREATE INDEX sync_rows_by_version ON sync_rows (scope, version)",
            "CREATE INDEX sync_rows_by_row ON sync_rows (kind, id)",
            // Per agent credential: the last mutation applied, and each mutation's recorded result.
            """
            CREATE TABLE agent_sequences (
                credential_id {id} PRIMARY KEY REFERENCES credentials (id),
                last_mutation_id {int} NOT NULL
            )
            """,
            """
            CREATE TABLE agent_mutations (
                credential_id {id} NOT NULL REFERENCES credentials (id),
                mutation_id {int} NOT NULL,
                kind text NOT NULL,
                digest text NOT NULL,
                result {json} NOT NULL,
                applied_at {time} NOT NULL,
                PRIMARY KEY (credential_id, mutation_id)
            )
            """,
        ]),
        Step(version: 6, name: "portal", statements: [
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
        ]),
    ]

    /// The newest schema version this build knows.
    public static var latest: Int { steps.last?.version ?? 0 }
}
