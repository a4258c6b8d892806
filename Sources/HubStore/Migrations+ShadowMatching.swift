import Foundation

extension Migrations {
    /// Step 3: shadow requests, matches, rules and matching runs. Shipped: never edited.
    static let shadowMatching = Step(
        version: 3, name: "shadow matching",
        statements: [
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
        ])
}
