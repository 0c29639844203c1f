-- racefree schema, version 11: books a team can close. Every balance change is one side of a
-- posting between two accounts of one currency; entries carry the team's own reference, code and
-- metadata, the transaction that wrote them (for a change feed without gaps) and a hash chained
-- per account (tamper evidence).

-- External accounts: where money from outside comes from and goes to (a bank, a PSP, the world).
-- Their rows are never written by a balance change: their bounds are 0 and 0, so every debit,
-- credit, hold and transfer statement refuses them, and their balance is derived from the
-- postings against them (see posting_sides). Deposits therefore never queue on one hot row.
-- Every currency has one default external account, 'external:<currency>', which credit and debit
-- without a named counterparty post against; an internal account names its currency's default.
ALTER TABLE accounts
    ADD COLUMN external_name       text UNIQUE CHECK (length(external_name) BETWEEN 1 AND 200),
    ADD COLUMN default_external    boolean NOT NULL DEFAULT false,
    ADD COLUMN default_external_id bigint,
    -- The hash of the account's newest entry ('\x' before the first), and that entry's time:
    -- the head of the account's chain, moved by the statement that writes the entry.
    ADD COLUMN chain               bytea NOT NULL DEFAULT '\x'::bytea,
    ADD COLUMN last_entry_at       timestamptz,
    ADD CONSTRAINT accounts_external_untouched CHECK (
        external_name IS NULL
        OR (balance = 0 AND held = 0 AND min_balance = 0 AND max_balance = 0
            AND default_external_id IS NULL)),
    ADD CONSTRAINT accounts_default_is_external CHECK (NOT default_external OR external_name IS NOT NULL);
CREATE UNIQUE INDEX accounts_default_external ON accounts (currency) WHERE default_external;

INSERT INTO accounts (owner, currency, external_name, default_external, max_balance)
SELECT 'racefree', currency, 'external:' || currency, true, 0
FROM (SELECT DISTINCT currency FROM accounts) c
ORDER BY currency;
UPDATE accounts a
SET default_external_id = e.id
FROM accounts e
WHERE e.default_external AND e.currency = a.currency AND a.external_name IS NULL;
ALTER TABLE accounts ADD CONSTRAINT accounts_internal_has_default CHECK (
    external_name IS NOT NULL OR default_external_id IS NOT NULL);

ALTER TABLE ledger_entries
    -- Shared by every side of one posting: a transfer's two legs, a multi-leg transfer's legs, a
    -- reversal's legs. A posting against an external account is one entry, whose counterparty is
    -- that external account: the external side is not a row of its own (posting_sides shows it).
    ADD COLUMN posting_id       uuid,
    -- The other account of a two-sided posting (NULL for a multi-leg posting of more sides).
    -- Not a foreign key: a key check would share-lock the external account's row on every deposit.
    ADD COLUMN counterparty_id  bigint,
    -- The caller's own description of the movement.
    ADD COLUMN reference        text CHECK (length(reference) BETWEEN 1 AND 200),
    ADD COLUMN unique_reference boolean NOT NULL DEFAULT false,
    ADD COLUMN code             integer,
    ADD COLUMN metadata         jsonb CHECK (jsonb_typeof(metadata) = 'object'),
    -- Set when the entry was imported with a time of the caller's (created_at); NULL otherwise.
    ADD COLUMN imported_at      timestamptz,
    -- The transaction that wrote the entry (its xid8, epoch included, as a bigint): the change
    -- feed orders and fences by it.
    ADD COLUMN xact             bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint,
    ADD COLUMN hash             bytea,
    ADD CONSTRAINT ledger_entries_unique_reference_named CHECK (NOT unique_reference OR reference IS NOT NULL);

-- One link of an account's chain: the SHA-256 of the previous link and of every column the entry
-- states, each of fixed width or prefixed by its length. STABLE (text and enum output depend on
-- the database's encoding), so PostgreSQL inlines it into the statements that use it.
CREATE FUNCTION entry_link(
    previous bytea, account_id bigint, amount bigint, balance_after bigint, kind entry_kind,
    posting_id uuid, counterparty_id bigint, idempotency_key_id bigint, reference text,
    code integer, metadata jsonb, at timestamptz)
    RETURNS bytea
    LANGUAGE sql
    STABLE
    PARALLEL SAFE
RETURN sha256(
    previous
    || int8send(account_id) || int8send(amount) || int8send(balance_after)
    || int4send(octet_length(kind::text)) || textsend(kind::text)
    || uuid_send(posting_id)
    || int8send(coalesce(counterparty_id, 0)) || int8send(coalesce(idempotency_key_id, 0))
    || int4send(coalesce(octet_length(reference), -1)) || coalesce(textsend(reference), '\x'::bytea)
    || int8send(coalesce(code::bigint, -9223372036854775808))
    || int4send(coalesce(octet_length(jsonb_send(metadata)), -1))
    || coalesce(jsonb_send(metadata), '\x'::bytea)
    || timestamptz_send(at));

-- The links of several entries of one account written by one statement (a batch), as a running
-- aggregate: entry_chain(previous head, entry columns...) OVER (PARTITION BY account ORDER BY
-- entry) is each entry's link; the first row's previous head starts the chain.
CREATE FUNCTION entry_chain_step(
    state bytea, previous bytea, account_id bigint, amount bigint, balance_after bigint,
    kind entry_kind, posting_id uuid, counterparty_id bigint, idempotency_key_id bigint,
    reference text, code integer, metadata jsonb, at timestamptz)
    RETURNS bytea
    LANGUAGE sql
    STABLE
    PARALLEL SAFE
RETURN entry_link(coalesce(state, previous), account_id, amount, balance_after, kind, posting_id,
                  counterparty_id, idempotency_key_id, reference, code, metadata, at);

CREATE AGGREGATE entry_chain(
    previous bytea, account_id bigint, amount bigint, balance_after bigint, kind entry_kind,
    posting_id uuid, counterparty_id bigint, idempotency_key_id bigint, reference text,
    code integer, metadata jsonb, at timestamptz) (
    SFUNC = entry_chain_step,
    STYPE = bytea
);

-- Metadata is a flat object of strings: written from two arrays, read back as two arrays in key
-- order (typed functions, so the queries need no JSON library).
CREATE FUNCTION metadata_of(keys text[], vals text[]) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN jsonb_object(keys, vals);

CREATE FUNCTION metadata_keys(metadata jsonb) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ARRAY(SELECT k FROM jsonb_object_keys(metadata) k ORDER BY k);

CREATE FUNCTION metadata_values(metadata jsonb) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ARRAY(SELECT metadata ->> k FROM jsonb_object_keys(metadata) k ORDER BY k);

-- Existing entries become postings: the entries of one correlation are one posting under its id;
-- every other entry is a posting against its currency's default external account.
ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_no_update_or_delete;
UPDATE ledger_entries e
SET posting_id = coalesce(e.correlation_id, gen_random_uuid()),
    counterparty_id = CASE
        WHEN e.correlation_id IS NULL THEN a.default_external_id
        ELSE (SELECT min(o.account_id) FROM ledger_entries o
              WHERE o.correlation_id = e.correlation_id AND o.account_id <> e.account_id
              HAVING count(*) = 1
                 AND (SELECT count(*) FROM ledger_entries s WHERE s.correlation_id = e.correlation_id) = 2)
    END
FROM accounts a
WHERE a.id = e.account_id;
DO $$
DECLARE
    r record;
    head bytea;
    current_account bigint := NULL;
BEGIN
    FOR r IN SELECT * FROM ledger_entries ORDER BY account_id, id LOOP
        IF current_account IS DISTINCT FROM r.account_id THEN
            IF current_account IS NOT NULL THEN
                UPDATE accounts SET chain = head, last_entry_at = (
                    SELECT max(created_at) FROM ledger_entries WHERE account_id = current_account)
                WHERE id = current_account;
            END IF;
            current_account := r.account_id;
            head := '\x'::bytea;
        END IF;
        head := entry_link(head, r.account_id, r.amount, r.balance_after, r.kind, r.posting_id,
                           r.counterparty_id, r.idempotency_key_id, r.reference, r.code,
                           r.metadata, r.created_at);
        UPDATE ledger_entries SET hash = head WHERE id = r.id;
    END LOOP;
    IF current_account IS NOT NULL THEN
        UPDATE accounts SET chain = head, last_entry_at = (
            SELECT max(created_at) FROM ledger_entries WHERE account_id = current_account)
        WHERE id = current_account;
    END IF;
END
$$;
ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_no_update_or_delete;
ALTER TABLE ledger_entries
    ALTER COLUMN posting_id SET NOT NULL,
    ALTER COLUMN hash SET NOT NULL,
    ADD CONSTRAINT ledger_entries_hash_length CHECK (length(hash) = 32);

-- Every side of every posting, external ones included: per posting and per currency, the amounts
-- sum to zero. An external account's balance is the sum of its sides here.
CREATE VIEW posting_sides AS
SELECT e.id AS entry_id, e.posting_id, e.account_id, e.amount, e.created_at
FROM ledger_entries e
UNION ALL
SELECT e.id, e.posting_id, e.counterparty_id, -e.amount, e.created_at
FROM ledger_entries e
JOIN accounts x ON x.id = e.counterparty_id AND x.external_name IS NOT NULL;

-- The queries' indexes. Per account, ids and times rise together (both are taken under the
-- account's row lock, and an import may not go back in time), so (account_id, created_at, id)
-- serves history by time and by id, and the index on (account_id, id) goes.
DROP INDEX ledger_entries_account_id;
DROP INDEX ledger_entries_correlation_id;
CREATE INDEX ledger_entries_posting ON ledger_entries (posting_id);
CREATE INDEX ledger_entries_counterparty ON ledger_entries (counterparty_id, created_at, id);
CREATE INDEX ledger_entries_reference ON ledger_entries (reference, id) WHERE reference IS NOT NULL;
CREATE UNIQUE INDEX ledger_entries_unique_reference ON ledger_entries (account_id, reference)
    WHERE unique_reference;
CREATE INDEX ledger_entries_code ON ledger_entries (code, created_at, id) WHERE code IS NOT NULL;
CREATE INDEX ledger_entries_feed ON ledger_entries (xact, id);
CREATE INDEX ledger_entries_time ON ledger_entries USING brin (created_at);

-- The application role's grant on posting_sides comes with the next migration's
-- grant_application_role, which covers this one's view too.
