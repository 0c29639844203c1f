-- racefree schema, version 3: stored outcomes of idempotency keys become an enum, so that jOOQ
-- generates them and an unknown outcome cannot be written.

CREATE TYPE key_outcome AS ENUM ('debited', 'credited', 'transferred', 'insufficient_funds');

ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_outcome_check;
ALTER TABLE idempotency_keys
    ALTER COLUMN outcome TYPE key_outcome USING outcome::key_outcome;
