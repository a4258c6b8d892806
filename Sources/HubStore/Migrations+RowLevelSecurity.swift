import Foundation

extension Migrations {
    /// The tables whose rows belong to a network, by how a row names it. Row-level security admits a row when the
    /// transaction's `kijkje.network` setting names its network, or `kijkje.system` is on (the hub's own cross-network
    /// work: signing in, the scheduler, the mail courier); without either setting these tables read empty.
    /// Not covered, as their rows name no network (they are keyed by a mail address and reached only before anyone
    /// signed in, or by the courier): sign-in links and attempts, and the mail outbox. A new school (`tenants`,
    /// `tenant_domains`) may be written before its membership exists, so those two check reads and changes, not new rows.
    public static let networkTables: [(table: String, rowsOf: String)] =
        [("networks", "id = kijkje_scope_network()")]
        + ["memberships", "editions", "organisers", "invitations", "web_sessions"].map { ($0, "network_id = kijkje_scope_network()") }
        + ["tenants"].map { ($0, "id IN (SELECT tenant_id FROM memberships WHERE network_id = kijkje_scope_network())") }
        + [
            "tenant_domains", "people", "sessions", "shadow_offers", "enrolments", "enrolment_events", "ranked_choices",
            "allocation_explanations", "shadow_requests", "shadow_matches", "calendar_feeds", "survey_answers", "evaluations",
        ].map { ($0, "tenant_id IN (SELECT tenant_id FROM memberships WHERE network_id = kijkje_scope_network())") }
        + ["shadow_rules", "allocation_runs", "shadow_matching_runs", "edition_figures"].map {
            ($0, "edition_id IN (SELECT id FROM editions WHERE network_id = kijkje_scope_network())")
        }
        + [
            (
                "credentials",
                "network_id = kijkje_scope_network() OR "
                    + "tenant_id IN (SELECT tenant_id FROM memberships WHERE network_id = kijkje_scope_network())"
            )
        ]
        + ["agent_sequences", "agent_mutations"].map { ($0, "credential_id IN (SELECT id FROM credentials)") }
        // A sync scope is named "tenant:<school>", "members:<network>" or "all:<network>".
        + ["sync_scopes", "sync_rows"].map {
            (
                $0,
                "split_part(scope, ':', 2) = kijkje_scope_network()::text OR (split_part(scope, ':', 1) = 'tenant' AND "
                    + "split_part(scope, ':', 2) IN (SELECT tenant_id::text FROM memberships WHERE network_id = kijkje_scope_network()))"
            )
        }

    /// Step 8: row-level security on PostgreSQL, a second wall behind the queries' own network filters. Shipped: never edited.
    static let rowLevelSecurity = Step(
        version: 8, name: "row_level_security", statements: [],
        postgresStatements: [
            """
            CREATE FUNCTION kijkje_scope_network() RETURNS uuid LANGUAGE sql STABLE
            AS $$ SELECT NULLIF(current_setting('kijkje.network', true), '')::uuid $$
            """,
            """
            CREATE FUNCTION kijkje_scope_system() RETURNS boolean LANGUAGE sql STABLE
            AS $$ SELECT COALESCE(current_setting('kijkje.system', true), '') = 'on' $$
            """,
        ]
            + networkTables.flatMap(policy))

    /// The tables of step 9 (notifications), under the same wall.
    public static let notificationTables: [(table: String, rowsOf: String)] =
        ["notices", "mail_links"].map { ($0, "network_id = kijkje_scope_network()") }
        + [("mail_preferences", "tenant_id IN (SELECT tenant_id FROM memberships WHERE network_id = kijkje_scope_network())")]

    /// Every table row-level security covers.
    public static var protectedTables: [(table: String, rowsOf: String)] {
        networkTables + notificationTables + invitationCountTables + routingTables
    }

    /// Row-level security on one table: rows of the scope's network, or all of them for the hub's own work.
    static func policy(_ table: String, _ rowsOf: String) -> [String] {
        [
            "ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE \(table) FORCE ROW LEVEL SECURITY",
            """
            CREATE POLICY kijkje_network ON \(table)
            USING (kijkje_scope_system() OR \(rowsOf))
            WITH CHECK (\(["tenants", "tenant_domains"].contains(table) ? "true" : "kijkje_scope_system() OR \(rowsOf)"))
            """,
        ]
    }
}
