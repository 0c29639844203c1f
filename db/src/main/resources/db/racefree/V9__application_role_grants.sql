-- racefree schema, version 9: the least privilege an application needs, granted by one call.
--
--   SELECT racefree.grant_application_role('my_app');
--
-- No DDL, no TRUNCATE, no UPDATE or DELETE of the journal (ledger_entries, hold_events,
-- reversals), no DELETE of accounts, holds or tokens. Idempotency keys may be deleted: that is
-- the purge. Run it as the schema's owner after every migration that adds a table (each such
-- migration replaces this function to cover it).
CREATE FUNCTION grant_application_role(role_name name) RETURNS void
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
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I.idempotency_keys TO %I',
                   s, role_name);
END
$$;

REVOKE ALL ON FUNCTION grant_application_role(name) FROM PUBLIC;
