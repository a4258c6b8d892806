import Foundation

extension Migrations {
    /// Step 5: the agents' change feed and their mutations. Shipped: never edited.
    static let sync = Step(
        version: 5, name: "sync",
        statements: [
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
        ])
}
