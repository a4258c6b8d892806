import Foundation

extension Migrations {
    /// Step 10: how many colleagues each school's agent has invited, per role (counts only; the addresses stay at
    /// school). Shipped: never edited.
    static let invitationCounts = Step(
        version: 10, name: "invitation counts",
        statements: [
            """
            CREATE TABLE invitation_counts (
                tenant_id {id} PRIMARY KEY,
                counts {json} NOT NULL,
                updated_at {time} NOT NULL
            )
            """
        ],
        postgresStatements: invitationCountTables.flatMap(policy))

    /// The table of step 10, under row-level security.
    public static let invitationCountTables: [(table: String, rowsOf: String)] = [
        ("invitation_counts", "tenant_id IN (SELECT tenant_id FROM memberships WHERE network_id = kijkje_scope_network())")
    ]
}
