import Foundation

extension Migrations {
    /// Step 2: enrolments with their history, ranked choices and the allocation. Shipped: never edited.
    static let enrolment = Step(
        version: 2, name: "enrolment",
        statements: [
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
        ])
}
