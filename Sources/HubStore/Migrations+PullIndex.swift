extension Migrations {
    /// Step 14: a scope's rows by version under the scope's key too, as every pull names them
    /// (`SQLHubStore.inScope`): counting what remains after a page reads the index alone, not every row left (a
    /// first sync of a hundred thousand rows read its scope's rows again for each of its pages). Shipped: never
    /// edited.
    static let pullIndex = Step(
        version: 14, name: "pull index",
        statements: [
            "CREATE INDEX sync_rows_by_scope_version ON sync_rows (scope_key, scope, version)",
            "DROP INDEX sync_rows_by_version",
        ])
}
