-- racefree schema, version 1: balances and single-use tokens.
-- Every race is decided by these constraints and by conditional UPDATEs against them.

CREATE TABLE accounts (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner      text        NOT NULL CHECK (length(owner) BETWEEN 1 AND 200),
    -- ISO 4217 alphabetic code, upper case.
    currency   char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- Minor units. The CHECK is defence in depth: racefree's own UPDATEs never go below zero.
    balance    bigint      NOT NULL DEFAULT 0 CHECK (balance >= 0),
    -- Optimistic locking: every write bumps it.
    version    bigint      NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE redemption_tokens (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- SHA-256 of the token value. The value itself is never stored.
    token_hash  bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    purpose     text        NOT NULL CHECK (length(purpose) BETWEEN 1 AND 200),
    -- When set, only this redeemer may redeem the token.
    issued_to   text        CHECK (length(issued_to) BETWEEN 1 AND 200),
    expires_at  timestamptz,
    issued_at   timestamptz NOT NULL DEFAULT now(),
    redeemed    boolean     NOT NULL DEFAULT false,
    redeemed_by text,
    redeemed_at timestamptz,
    -- A redeemed token records who and when; an unredeemed one records neither.
    CONSTRAINT redemption_tokens_redeemed_consistent CHECK (
        (redeemed AND redeemed_by IS NOT NULL AND redeemed_at IS NOT NULL)
        OR (NOT redeemed AND redeemed_by IS NULL AND redeemed_at IS NULL))
);
