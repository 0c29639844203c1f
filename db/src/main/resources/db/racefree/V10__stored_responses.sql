-- racefree schema, version 10: stored HTTP responses, for Idempotency-Key handling in web
-- services. A request claims its key by inserting the key's row in the caller's transaction, the
-- handler runs in that same transaction, and its response is stored before the commit: the
-- handler's writes and the stored response commit together or not at all. A concurrent duplicate
-- blocks on the unique index until the first transaction ends, then reads the stored response (or,
-- after a rollback, claims the key itself). No lock rows with time limits: the row lock ends with
-- commit, rollback or a lost connection.
CREATE TABLE stored_responses (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope        text        NOT NULL CHECK (length(scope) BETWEEN 1 AND 100),
    key          text        NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    -- SHA-256 of the request as the caller describes it: the same key with another request is
    -- refused.
    fingerprint  bytea       NOT NULL CHECK (length(fingerprint) = 32),
    -- NULL only inside the transaction that claimed the key: see the trigger below.
    status       integer     CHECK (status BETWEEN 100 AND 599),
    content_type text        CHECK (length(content_type) BETWEEN 1 AND 1000),
    body         bytea       CHECK (length(body) <= 1048576),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    CONSTRAINT stored_responses_scope_key UNIQUE (scope, key),
    CONSTRAINT stored_responses_status_and_body CHECK ((status IS NULL) = (body IS NULL)),
    CONSTRAINT stored_responses_content_type CHECK (content_type IS NULL OR status IS NOT NULL)
);
CREATE INDEX stored_responses_expires_at ON stored_responses (expires_at);

-- A transaction that claimed a key commits only with its response: checked at commit, on the row
-- as it is then, so no other transaction ever sees a claim without its response. A claim the
-- caller gives up on goes with a rollback.
CREATE FUNCTION stored_responses_completed() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
DECLARE
    open_claim boolean;
BEGIN
    -- The table by the trigger's own schema: the caller's search_path may not name it.
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.%I WHERE id = $1 AND status IS NULL)',
                   TG_TABLE_SCHEMA, TG_TABLE_NAME)
        INTO open_claim USING NEW.id;
    IF open_claim THEN
        RAISE EXCEPTION 'stored response % (scope %, key %) was claimed but not completed',
            NEW.id, NEW.scope, NEW.key
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER stored_responses_complete_at_commit
    AFTER INSERT OR UPDATE ON stored_responses
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION stored_responses_completed();

-- The application role may also claim, complete and purge stored responses.
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
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I.holds, %I.redemption_tokens TO %I',
                   s, s, role_name);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I.idempotency_keys, %I.stored_responses TO %I',
                   s, s, role_name);
END
$$;

REVOKE ALL ON FUNCTION grant_application_role(name) FROM PUBLIC;
