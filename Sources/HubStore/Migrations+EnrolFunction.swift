extension Migrations {
    /// Step 15: on plain PostgreSQL an enrolment's writes are one statement, a call of `kijkje_enrol`, run on its own
    /// (its own transaction): the rules are checked by the hub beforehand without locks (`SQLHubStore.enrol`); the
    /// function locks the person, answers `changed` when what the rules read moved meanwhile (an active enrolment in
    /// the session, other held places in the edition, a person or session gone) and `overdue` when the session has
    /// an offer to expire first — the hub then takes its transactional path, as SQLite and Citus always do — and
    /// otherwise locks the session, counts its places and writes the enrolment, its school, its held place, its first
    /// event, its sync rows under each scope's next version, and its confirmation's notice. So the session's lock is
    /// held for no round trip between hub and database at all (before, for ten), which is what orders a popular
    /// workshop's enrolments when registration opens.
    ///
    /// The hub gives everything the rules and the texts decide (the states lists, the reasons, the row's JSON and the
    /// notice's details); the function decides only the state, by the places left, and the arrival number.
    /// Shipped: never edited.
    static let enrolFunction = Step(
        version: 15, name: "enrolment in one statement",
        statements: [],
        postgresStatements: [
            """
            CREATE FUNCTION kijkje_enrol(
                p_person_tenant uuid, p_person uuid, p_session_tenant uuid, p_session uuid, p_edition uuid, p_held text,
                p_active_states text, p_holding_states text, p_now timestamptz, p_enrolment uuid, p_event uuid,
                p_confirmed_reason text, p_waitlisted_reason text, p_kind text, p_data text,
                p_first_key uuid, p_first_scope text, p_second_key uuid, p_second_scope text,
                p_notice uuid, p_notice_key text, p_notice_kind text, p_network uuid, p_notice_details text,
                OUT outcome text, OUT new_state text, OUT new_queue_number integer
            ) LANGUAGE plpgsql AS $$
            DECLARE
                s record;
                taken bigint;
                scope_row record;
                scope_version bigint;
                row_data text;
            BEGIN
                PERFORM 1 FROM people p WHERE p.tenant_id = p_person_tenant AND p.id = p_person FOR UPDATE;
                IF NOT FOUND OR EXISTS (
                    SELECT 1 FROM enrolments e WHERE e.tenant_id = p_session_tenant AND e.session_id = p_session
                      AND e.person_tenant_id = p_person_tenant AND e.person_id = p_person
                      AND e.state = ANY (string_to_array(p_active_states, ','))
                ) OR ARRAY(
                    SELECT h.session_id FROM held_places h
                    WHERE h.tenant_id = p_person_tenant AND h.person_id = p_person AND h.edition_id = p_edition ORDER BY 1
                ) <> ARRAY(SELECT CAST(x AS uuid) FROM unnest(string_to_array(p_held, ',')) x ORDER BY 1) THEN
                    outcome := 'changed';
                    RETURN;
                END IF;
                SELECT * INTO s FROM sessions x WHERE x.tenant_id = p_session_tenant AND x.id = p_session AND x.edition_id = p_edition
                FOR UPDATE;
                IF NOT FOUND THEN
                    outcome := 'changed';
                    RETURN;
                END IF;
                IF EXISTS (
                    SELECT 1 FROM enrolments e WHERE e.tenant_id = p_session_tenant AND e.session_id = p_session
                      AND e.state = 'offered' AND e.offered_until <= p_now
                ) THEN
                    outcome := 'overdue';
                    RETURN;
                END IF;
                SELECT COUNT(*) INTO taken FROM enrolments e WHERE e.tenant_id = p_session_tenant AND e.session_id = p_session
                  AND e.state = ANY (string_to_array(p_holding_states, ','));
                new_state := CASE WHEN s.capacity - taken > 0 THEN 'confirmed' ELSE 'waitlisted' END;
                UPDATE sessions x SET enrolment_seq = x.enrolment_seq + 1 WHERE x.tenant_id = p_session_tenant AND x.id = p_session
                RETURNING x.enrolment_seq INTO new_queue_number;
                INSERT INTO enrolments (tenant_id, id, session_id, edition_id, person_tenant_id, person_id, state, queue_number,
                                        created_at, updated_at)
                VALUES (p_session_tenant, p_enrolment, p_session, p_edition, p_person_tenant, p_person, new_state, new_queue_number,
                        p_now, p_now);
                INSERT INTO row_schools (id, tenant_id) VALUES (p_enrolment, p_session_tenant);
                IF new_state = 'confirmed' THEN
                    INSERT INTO held_places (tenant_id, person_id, enrolment_id, edition_id, session_tenant_id, session_id, title,
                                             starts_at, ends_at)
                    VALUES (p_person_tenant, p_person, p_enrolment, p_edition, p_session_tenant, p_session, s.title, s.starts_at,
                            s.ends_at);
                END IF;
                INSERT INTO enrolment_events (tenant_id, id, enrolment_id, from_state, to_state, at, reason)
                VALUES (p_session_tenant, p_event, p_enrolment, NULL, new_state, p_now,
                        CASE WHEN new_state = 'confirmed' THEN p_confirmed_reason ELSE p_waitlisted_reason END);
                IF new_state = 'confirmed' THEN
                    INSERT INTO notices (id, dedupe_key, kind, network_id, person_tenant_id, person_id, details, created_at)
                    VALUES (p_notice, p_notice_key, p_notice_kind, p_network, p_person_tenant, p_person, p_notice_details, p_now)
                    ON CONFLICT (dedupe_key) DO NOTHING;
                END IF;
                -- Last, as the scope's version is locked from its bump to the commit: every enrolment of the school waits for it.
                row_data := jsonb_set(jsonb_set(CAST(p_data AS jsonb), '{state}', to_jsonb(new_state)),
                                      '{queueNumber}', to_jsonb(new_queue_number))::text;
                FOR scope_row IN
                    SELECT * FROM (VALUES (p_first_key, p_first_scope), (p_second_key, p_second_scope)) AS v (key, name)
                    WHERE v.name IS NOT NULL ORDER BY v.name COLLATE "C"
                LOOP
                    UPDATE sync_scopes x SET version = x.version + 1 WHERE x.scope_key = scope_row.key AND x.scope = scope_row.name
                    RETURNING x.version INTO scope_version;
                    IF NOT FOUND THEN
                        -- The scope's first row: its counter, unless another writer made it meanwhile (on either key).
                        INSERT INTO sync_scopes (scope_key, scope, epoch, version)
                        VALUES (scope_row.key, scope_row.name, CAST(gen_random_uuid() AS text), 0)
                        ON CONFLICT DO NOTHING;
                        UPDATE sync_scopes x SET version = x.version + 1 WHERE x.scope_key = scope_row.key AND x.scope = scope_row.name
                        RETURNING x.version INTO scope_version;
                    END IF;
                    INSERT INTO sync_rows (scope_key, scope, kind, id, version, deleted, data, changed_at)
                    VALUES (scope_row.key, scope_row.name, p_kind, p_enrolment, scope_version, false, row_data, p_now)
                    ON CONFLICT (scope_key, scope, kind, id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted,
                        data = excluded.data, changed_at = excluded.changed_at;
                END LOOP;
                outcome := 'enrolled';
            END
            $$
            """,
            // The feed's notifications name the table that changed, so a hub process can tell a new enrolment's
            // sync rows from a changed credential (`change(notified:)`).
            """
            CREATE OR REPLACE FUNCTION kijkje_notify_feed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('kijkje_feed', TG_TABLE_NAME);
                RETURN NULL;
            END
            $$
            """,
        ])

    /// What a notification on `feedChannel` says may have changed: only the feed and the rows behind it when a sync
    /// scope or an agent's mutation moved on; anything else (a credential, a membership, or a notification from a hub
    /// of before step 15, which names nothing) may touch who may do what.
    public static func change(notified payload: String) -> FeedSignal.Change {
        ["sync_scopes", "agent_mutations", "agent_sequences"].contains(payload) ? .rowsOnly : .anything
    }
}
