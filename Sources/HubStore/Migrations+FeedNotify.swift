extension Migrations {
    /// Step 11: on PostgreSQL every statement that moves a sync scope on also notifies `kijkje_feed`, delivered
    /// when its transaction commits to every hub process listening, which wakes their long-polling agents at once
    /// (`FeedSignal`). A trigger, so the writers send no statement more. SQLite, one process, needs nothing here.
    /// Shipped: never edited.
    static let feedNotify = Step(
        version: 11, name: "feed notifications",
        statements: [],
        postgresStatements: [
            """
            CREATE FUNCTION kijkje_notify_feed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('kijkje_feed', '');
                RETURN NULL;
            END
            $$
            """,
            """
            CREATE TRIGGER sync_scopes_notify AFTER INSERT OR UPDATE ON sync_scopes
            FOR EACH STATEMENT EXECUTE FUNCTION kijkje_notify_feed()
            """,
        ])

    /// The channel the trigger of step 11 notifies.
    public static let feedChannel = "kijkje_feed"
}
