import Foundation

extension Migrations {
    /// Step 7: the retention purge: when an edition's personal data went, and the aggregate figures kept of it.
    /// Shipped: never edited.
    static let retention = Step(
        version: 7, name: "retention",
        statements: [
            "ALTER TABLE editions ADD COLUMN purged_at {time}",
            // The dashboard's tables of a purged edition, as they stood (JSON: columns and rows, no person in them).
            """
            CREATE TABLE edition_figures (
                edition_id {id} NOT NULL REFERENCES editions (id),
                name text NOT NULL,
                document text NOT NULL,
                PRIMARY KEY (edition_id, name)
            )
            """,
        ])
}
