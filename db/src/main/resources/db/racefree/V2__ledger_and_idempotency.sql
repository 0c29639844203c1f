-- racefree schema, version 2: the append-only journal and idempotency keys.

-- Stored outcomes of keyed operations. A key binds its outcome, rejections included.
CREATE TABLE idempotency_keys (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope         text        NOT NULL CHECK (length(scope) BETWEEN 1 AND 100),
    key           text        NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    -- SHA-256 of the operation and its arguments: the same key with another request is a conflict.
    fingerprint   bytea       NOT NULL CHECK (length(fingerprint) = 32),
    -- NULL only inside the transaction that executes the operation.
    outcome       text        CHECK (outcome IN ('debited', 'credited', 'transferred', 'insufficient_funds')),
    balance       bigint,
    other_balance bigint,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    CONSTRAINT idempotency_keys_scope_key UNIQUE (scope, key)
);
CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);

CREATE TYPE entry_kind AS ENUM ('debit', 'credit', 'transfer', 'adjustment');

-- One row per balance change, written in the same statement or transaction as the change,
-- so that balance = sum(amount) holds for every account at every commit.
CREATE TABLE ledger_entries (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id         bigint      NOT NULL REFERENCES accounts (id),
    -- Signed, minor units: negative takes money out.
    amount             bigint      NOT NULL CHECK (amount <> 0),
    balance_after      bigint      NOT NULL CHECK (balance_after >= 0),
    kind               entry_kind  NOT NULL,
    -- Ties the two legs of a transfer together.
    correlation_id     uuid,
    -- The idempotency key this change ran under. Not a foreign key: expired keys are purged,
    -- while entries are never updated or deleted.
    idempotency_key_id bigint,
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_entries_account_id ON ledger_entries (account_id, id);
CREATE INDEX ledger_entries_correlation_id ON ledger_entries (correlation_id) WHERE correlation_id IS NOT NULL;

-- Append-only, for every role including the table owner: corrections are new entries.
CREATE FUNCTION ledger_entries_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'racefree.ledger_entries is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER ledger_entries_no_update_or_delete
    BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();

CREATE TRIGGER ledger_entries_no_truncate
    BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only();
