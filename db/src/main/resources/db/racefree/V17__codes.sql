-- racefree schema, version 17: multi-use codes (promotion codes, referral codes, event passes),
-- each redeemable at most max_uses times in total, at most max_per_redeemer times by one redeemer,
-- inside [valid_from, valid_until). A code is stored only as the SHA-256 of its text. Its uses
-- are counted on its row; every redemption is a row of code_redemptions, with who and when, and
-- when it was reversed. A redemption locks the code's row first, so the redemptions of one code
-- are decided one after another, each on the newest count.
CREATE TABLE codes (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- SHA-256 of the code's text. The text itself is never stored.
    code_hash        bytea       NOT NULL UNIQUE CHECK (length(code_hash) = 32),
    purpose          text        NOT NULL CHECK (length(purpose) BETWEEN 1 AND 200),
    max_uses         bigint      NOT NULL CHECK (max_uses BETWEEN 1 AND 4611686018427387903),
    max_per_redeemer bigint      NOT NULL CHECK (max_per_redeemer BETWEEN 1 AND max_uses),
    valid_from       timestamptz NOT NULL,
    valid_until      timestamptz NOT NULL,
    -- The redemptions not reversed: counted with them, in the same statement.
    uses             bigint      NOT NULL DEFAULT 0 CHECK (uses BETWEEN 0 AND max_uses),
    created_at       timestamptz NOT NULL DEFAULT statement_timestamp(),
    CONSTRAINT codes_window CHECK (valid_until > valid_from)
);

CREATE TABLE code_redemptions (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code_id     bigint      NOT NULL REFERENCES codes (id),
    redeemer    text        NOT NULL CHECK (length(redeemer) BETWEEN 1 AND 200),
    redeemed_at timestamptz NOT NULL DEFAULT statement_timestamp(),
    -- Set once, when the redemption is reversed and its use given back.
    reversed_at timestamptz
);

-- A redeemer's redemptions of a code still counted: read by every redemption.
CREATE INDEX code_redemptions_counted ON code_redemptions (code_id, redeemer)
    WHERE reversed_at IS NULL;

-- A code's redemptions, a page at a time.
CREATE INDEX code_redemptions_by_code ON code_redemptions (code_id, id);

-- The application role may also count quotas, hold quota reservations and create and redeem codes.
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
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I.quotas, %I.quota_reservations TO %I',
                   s, s, role_name);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I.codes, %I.code_redemptions TO %I',
                   s, s, role_name);
END
$$;

REVOKE ALL ON FUNCTION grant_application_role(name) FROM PUBLIC;
