extension Migrations {
    /// Step 11: on PostgreSQL every statement that moves a sync scope on, or changes what an idle pull's answer
    /// rests on (credentials, memberships, the agents' mutation results and sequences), also notifies `kijkje_feed`, delivered when
    /// its transaction commits to every hub process listening: that wakes their long-polling agents at once and
    /// ends what they remember of idle answers (`FeedSignal`, `FeedCache`). Triggers, so the writers send no
    /// statement more. SQLite, one process, needs nothing here. Shipped: never edited.
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
            """
        ]
            + ["sync_scopes", "credentials", "memberships", "agent_mutations", "agent_sequences"].map { table in
                """
                CREATE TRIGGER \(table)_notify AFTER INSERT OR UPDATE OR DELETE ON \(table)
                FOR EACH STATEMENT EXECUTE FUNCTION kijkje_notify_feed()
                """
            })

    /// The channel the trigger of step 11 notifies.
    public static let feedChannel = "kijkje_feed"
}
