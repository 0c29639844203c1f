-- racefree schema, version 12: where change-feed consumers keep their cursors. A consumer's row is
-- locked (SELECT ... FOR UPDATE) by the transaction that reads its next page, handles it and
-- stores the cursor past it: the page's effects and the new cursor commit together or not at all,
-- and a second process with the same consumer name waits for the first instead of reading the
-- same page. The cursor is the text of racefree's ChangeCursor (snapshots of the reads, see
-- Ledger.changes), opaque to SQL.
CREATE TABLE change_feed_cursors (
    consumer    text        PRIMARY KEY CHECK (length(consumer) BETWEEN 1 AND 200),
    feed_cursor text        NOT NULL CHECK (length(feed_cursor) BETWEEN 1 AND 1048576),
    created_at  timestamptz NOT NULL DEFAULT statement_timestamp(),
    updated_at  timestamptz NOT NULL DEFAULT statement_timestamp()
);

-- The application role may also keep cursors.
CREATE OR REPLACE FUNCTION grant_application_role(role_name name) RETURNS void
    LANGUAGE plpgsql
    SECURITY INVOKER
    SET search_path = pg_catalog
AS $$
DECLARE
    s text := '${flyway:defaultSchema}';
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', s, role_name);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I.accounts TO %I', s, role_name);
    EXECUTE format('GRANT SELECT, INSERT ON %I.ledger_entries, %I.hold_events, %I.reversals TO %I',
                   s, s, s, role_name);
    EXECUTE format('GRANT SELECT ON %I.posting_sides TO %I', s, role_name);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I.holds, %I.redemption_tokens TO %I',
                   s, s, role_name);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I.idempotency_keys, %I.stored_responses TO %I',
                   s, s, role_name);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I.change_feed_cursors TO %I', s, role_name);
END
$$;

REVOKE ALL ON FUNCTION grant_application_role(name) FROM PUBLIC;
