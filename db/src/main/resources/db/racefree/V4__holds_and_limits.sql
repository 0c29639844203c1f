-- racefree schema, version 4: holds (two-phase debits) and per-account limits.

-- Limits. A debit, hold or transfer leg passes only when balance - held - amount >= min_balance,
-- and a credit only when balance + amount <= max_balance (when set); both in the statement's own
-- WHERE clause. min_balance below zero is a credit line. The bounds stay within +/- 2^62 so that
-- no sum of two of them can overflow bigint.
ALTER TABLE accounts
    ADD COLUMN held        bigint NOT NULL DEFAULT 0 CHECK (held >= 0),
    ADD COLUMN min_balance bigint NOT NULL DEFAULT 0
        CHECK (min_balance BETWEEN -4611686018427387904 AND 4611686018427387904),
    ADD COLUMN max_balance bigint
        CHECK (max_balance BETWEEN -4611686018427387904 AND 9223372036854775807);

-- Defence in depth, replacing balance >= 0: racefree's own statements never break it.
ALTER TABLE accounts DROP CONSTRAINT accounts_balance_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_within_limits CHECK (
    balance::numeric - held >= min_balance
    AND (max_balance IS NULL OR balance <= max_balance));
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_balance_after_check;

-- A hold reserves money on one account until it is captured (in part or in full), released, or
-- expires. Expiry is by the database's clock: from expires_at on, a hold can not be captured and
-- stops counting (racefree sweeps it the first time an operation on its account needs the money).
CREATE TYPE hold_state AS ENUM ('active', 'captured', 'released', 'expired');

CREATE TABLE holds (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id         bigint      NOT NULL REFERENCES accounts (id),
    amount             bigint      NOT NULL CHECK (amount > 0),
    state              hold_state  NOT NULL DEFAULT 'active',
    -- What a capture took; the rest went back to available. NULL unless captured.
    captured           bigint      CHECK (captured > 0),
    expires_at         timestamptz NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT statement_timestamp(),
    ended_at           timestamptz,
    CONSTRAINT holds_captured_within_amount CHECK (captured <= amount),
    CONSTRAINT holds_ended_once CHECK ((state = 'active') = (ended_at IS NULL)),
    CONSTRAINT holds_captured_amount CHECK ((state = 'captured') = (captured IS NOT NULL))
);
CREATE INDEX holds_active_by_account ON holds (account_id, expires_at) WHERE state = 'active';

-- Every state change of a hold, in the statement that made it.
CREATE TABLE hold_events (
    id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hold_id  bigint      NOT NULL REFERENCES holds (id),
    state    hold_state  NOT NULL,
    amount   bigint      NOT NULL CHECK (amount > 0),
    at       timestamptz NOT NULL DEFAULT statement_timestamp()
);
CREATE INDEX hold_events_hold_id ON hold_events (hold_id, id);

-- A capture journals the money it takes as a ledger entry of its own kind.
ALTER TYPE entry_kind ADD VALUE 'capture';
