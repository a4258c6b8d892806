import Foundation

extension Migrations {
    /// Step 1: networks, schools and their domains and memberships, editions, sessions, people and shadow offers. Shipped: never edited.
    static let catalogue = Step(
        version: 1, name: "catalogue",
        statements: [
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
        ])
}
