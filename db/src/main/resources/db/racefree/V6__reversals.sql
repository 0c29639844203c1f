-- racefree schema, version 6: reversing a transfer at most once.

-- One row per reversed transfer: its primary key decides, however many callers race, that a
-- transfer is reversed once. Written in the transaction that writes the reversal's two legs.
CREATE TABLE reversals (
    correlation_id          uuid        PRIMARY KEY,
    reversal_correlation_id uuid        NOT NULL UNIQUE,
    reversed_at             timestamptz NOT NULL DEFAULT statement_timestamp()
);

-- The legs of a reversal are journaled under the reversal's own correlation id.
ALTER TYPE entry_kind ADD VALUE 'reversal';
