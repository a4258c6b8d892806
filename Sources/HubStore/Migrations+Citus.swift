extension Migrations {
    /// Where each table lives on a Citus cluster: the one list of it. Later steps that create a table add it here and
    /// put `distribute(_:)` of it in their `citusStatements`.
    public enum Placement: Sendable, Equatable {
        /// Sharded by `column`, colocated with `group`'s first table (so joins and foreign keys within a group stay
        /// on one worker).
        case distributed(column: String, group: String)
        /// A small shared table, copied whole to every node.
        case reference
        /// Stays on the coordinator: keyed by something no school owns (a mail address, a dedupe key) and reached
        /// by the hub's own jobs rather than by a school's work.
        case coordinator
    }

    /// Every table of the schema with its place on a Citus cluster, in the order they are distributed.
    public static let placements: [(table: String, placement: Placement)] =
        [
            "networks", "tenants", "tenant_domains", "memberships", "editions", "credentials", "invitations", "organisers",
            "allocation_runs", "shadow_rules", "shadow_matching_runs", "edition_figures",
        ].map { ($0, .reference) }
        // A school's data, by its school: one school's work runs on one worker.
        + [
            "people", "sessions", "shadow_offers", "enrolments", "enrolment_events", "ranked_choices", "allocation_explanations",
            "shadow_requests", "shadow_matches", "survey_answers", "evaluations", "calendar_feeds", "mail_preferences",
            "invitation_counts", "held_places",
        ].map { ($0, .distributed(column: "tenant_id", group: "people")) }
        // The sync feed by the school (or network) a scope belongs to: a school's scope beside its data, so an
        // enrolment and what it publishes share a worker.
        + ["sync_scopes", "sync_rows"].map { ($0, .distributed(column: "scope_key", group: "people")) }
        // The agents' mutation log by credential.
        + ["agent_sequences", "agent_mutations"].map { ($0, .distributed(column: "credential_id", group: "agent_sequences")) }
        + [
            "schema_migrations", "mail_outbox", "notices", "mail_links", "sign_in_links", "sign_in_attempts", "web_sessions",
            "row_schools",
        ].map { ($0, .coordinator) }

    /// Constraints Citus cannot keep across shards, dropped before distributing. Each is checked by the operations
    /// instead (see `hub/README.md`, "Running on Citus").
    static let crossShardConstraints: [(table: String, constraint: String)] = [
        // An enrolment lives with its session's school; its person may be of another school. Enrolling locks and
        // reads the person first, and removing a person removes their enrolments in the same transaction.
        ("enrolments", "enrolments_person_tenant_id_person_id_fkey"),
        // A match lives with the requester's school; the offer may be of another. Matching reads the offers it
        // proposes, and withdrawing an offer removes its matches in the same transaction.
        ("shadow_matches", "shadow_matches_offer_tenant_id_offer_id_fkey"),
        // A unique key must hold the distribution column. Feed tokens are 256 random bits, so two never meet;
        // the index below keeps the lookup by token.
        ("calendar_feeds", "calendar_feeds_token_hash_key"),
        // The feed's keys without the distribution column: `sync_scopes_by_key` and `sync_rows_by_key` (step 12)
        // hold the same rule with it (a scope's name determines its key). A scope's counter is written in the
        // transaction, before its rows, by the one function that publishes.
        ("sync_rows", "sync_rows_scope_fkey"), ("sync_rows", "sync_rows_pkey"), ("sync_scopes", "sync_scopes_pkey"),
    ]

    /// Whether the database is a Citus cluster's coordinator: a row when the `citus` extension exists in it.
    public static let citusProbe: SQLQuery = "SELECT 1 AS one FROM pg_extension WHERE extname = 'citus'"

    /// Step 13: on a Citus cluster (the `citus` extension created before `kijkje-hub migrate`), every table goes to
    /// its place (`placements`). Elsewhere the step does nothing. Shipped: never edited.
    static let citus = Step(
        version: 13, name: "citus", statements: [],
        citusStatements: [
            // Distributing tables that have foreign keys to reference tables in one transaction needs this.
            "SET LOCAL citus.multi_shard_modify_mode TO 'sequential'"
        ]
            // The feed's notify triggers (step 11) cannot run on shards; the hub notifies at commit instead.
            + ["sync_scopes", "credentials", "memberships", "agent_mutations", "agent_sequences"].map {
                "DROP TRIGGER IF EXISTS \($0)_notify ON \($0)"
            }
            // Row-level security reads the transaction's settings, which the coordinator does not pass to the
            // workers: on Citus the queries' own network filters are the wall.
            + protectedTables.map(\.table).filter { table in placements.contains { $0.table == table && $0.placement != .coordinator } }
            .flatMap { table in
                [
                    "DROP POLICY IF EXISTS kijkje_network ON \(table)", "ALTER TABLE \(table) NO FORCE ROW LEVEL SECURITY",
                    "ALTER TABLE \(table) DISABLE ROW LEVEL SECURITY",
                ]
            }
            + crossShardConstraints.map { "ALTER TABLE \($0.table) DROP CONSTRAINT \($0.constraint)" }
            + ["CREATE INDEX calendar_feeds_by_token ON calendar_feeds (token_hash)"]
            // A table may be distributed only while no undistributed table's key points at it: the keys between
            // distributed tables are set aside, the tables distributed, and the keys put back (all colocated).
            + [
                """
                CREATE TEMPORARY TABLE kijkje_keys ON COMMIT DROP AS
                SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
                WHERE contype = 'f' AND connamespace = 'public'::regnamespace
                  AND confrelid::regclass::text IN (\(distributedTables.map { "'\($0)'" }.joined(separator: ", ")))
                """,
                """
                DO $$ DECLARE k record; BEGIN
                  FOR k IN SELECT * FROM kijkje_keys LOOP EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', k.tbl, k.name); END LOOP;
                END $$
                """,
            ]
            + distribute(placements.map(\.table))
            + [
                """
                DO $$ DECLARE k record; BEGIN
                  FOR k IN SELECT * FROM kijkje_keys LOOP
                    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.tbl, k.name, k.def);
                  END LOOP;
                END $$
                """
            ])

    /// The tables sharded across the workers, and those copied to every node.
    public static var distributedTables: [String] {
        placements.compactMap { if case .distributed = $0.placement { $0.table } else { nil } }
    }
    public static var referenceTables: [String] { placements.filter { $0.placement == .reference }.map(\.table) }

    /// The Citus calls that put `tables` in their place.
    public static func distribute(_ tables: [String]) -> [String] {
        tables.compactMap { table in
            switch placements.first(where: { $0.table == table })?.placement {
            case .reference: "SELECT create_reference_table('\(table)')"
            case .distributed(let column, let group) where group == table:
                "SELECT create_distributed_table('\(table)', '\(column)', colocate_with => 'none')"
            case .distributed(let column, let group):
                "SELECT create_distributed_table('\(table)', '\(column)', colocate_with => '\(group)')"
            case .coordinator, nil: nil
            }
        }
    }
}
