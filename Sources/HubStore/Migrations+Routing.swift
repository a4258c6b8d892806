extension Migrations {
    /// Step 12: what lets one school's work name its school, so that on a sharded cluster it runs where that
    /// school's rows are (Citus, step 13). Shipped: never edited.
    /// - `scope_key`: the school or network a sync scope belongs to, so a scope's feed lives beside that school's data.
    /// - `row_schools`: the school of each session, enrolment, shadow offer and shadow match, for the requests that
    ///   name them by id alone.
    /// - `held_places`: the places a person holds, kept with the person (who may be of another school than the
    ///   sessions), for the rules on overlaps and travel time.
    static let routing = Step(
        version: 12, name: "routing",
        statements: [
            "ALTER TABLE sync_scopes ADD COLUMN scope_key {id}",
            "UPDATE sync_scopes SET scope_key = {key_of_scope}",
            "CREATE UNIQUE INDEX sync_scopes_by_key ON sync_scopes (scope_key, scope)",
            "ALTER TABLE sync_rows ADD COLUMN scope_key {id}",
            "UPDATE sync_rows SET scope_key = {key_of_scope}",
            "CREATE UNIQUE INDEX sync_rows_by_key ON sync_rows (scope_key, scope, kind, id)",
            """
            CREATE TABLE row_schools (
                id {id} PRIMARY KEY,
                tenant_id {id} NOT NULL
            )
            """,
            "INSERT INTO row_schools (id, tenant_id) SELECT id, tenant_id FROM sessions",
            "INSERT INTO row_schools (id, tenant_id) SELECT id, tenant_id FROM enrolments",
            "INSERT INTO row_schools (id, tenant_id) SELECT id, tenant_id FROM shadow_offers",
            "INSERT INTO row_schools (id, tenant_id) SELECT id, tenant_id FROM shadow_matches",
            """
            CREATE TABLE held_places (
                tenant_id {id} NOT NULL,
                person_id {id} NOT NULL,
                enrolment_id {id} NOT NULL,
                edition_id {id} NOT NULL,
                session_tenant_id {id} NOT NULL,
                session_id {id} NOT NULL,
                title text NOT NULL,
                starts_at {time} NOT NULL,
                ends_at {time} NOT NULL,
                PRIMARY KEY (tenant_id, enrolment_id)
            )
            """,
            "CREATE INDEX held_places_by_person ON held_places (tenant_id, person_id, edition_id)",
            "CREATE INDEX held_places_by_session ON held_places (session_tenant_id, session_id)",
            """
            INSERT INTO held_places (tenant_id, person_id, enrolment_id, edition_id, session_tenant_id, session_id, title,
                                     starts_at, ends_at)
            SELECT e.person_tenant_id, e.person_id, e.id, e.edition_id, s.tenant_id, s.id, s.title, s.starts_at, s.ends_at
            FROM enrolments e
            JOIN sessions s ON s.tenant_id = e.tenant_id AND s.id = e.session_id
            WHERE e.state IN ('confirmed', 'offered')
            """,
        ],
        postgresStatements: [
            "ALTER TABLE sync_scopes ALTER COLUMN scope_key SET NOT NULL",
            "ALTER TABLE sync_rows ALTER COLUMN scope_key SET NOT NULL",
        ] + routingTables.flatMap(policy))

    /// The tables whose every row has its school in `row_schools`.
    public static let rowSchoolTables: Set<String> = ["sessions", "enrolments", "shadow_offers", "shadow_matches"]

    /// The tables of step 12, under row-level security.
    public static let routingTables: [(table: String, rowsOf: String)] =
        ["row_schools", "held_places"].map {
            ($0, "tenant_id IN (SELECT tenant_id FROM memberships WHERE network_id = kijkje_scope_network())")
        }
}
