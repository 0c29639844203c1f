-- racefree schema, version 8: idempotency keys on holds, captures and multi-leg transfers. A kept
-- hold names its hold, a kept multi-leg transfer its correlation id (its balances are read back
-- from the ledger entries under that id, which are what the database changed).
ALTER TYPE key_outcome ADD VALUE 'held';
ALTER TYPE key_outcome ADD VALUE 'captured';
ALTER TYPE key_outcome ADD VALUE 'legs_transferred';

ALTER TABLE idempotency_keys
    ADD COLUMN hold_id        bigint REFERENCES holds (id),
    ADD COLUMN correlation_id uuid;
