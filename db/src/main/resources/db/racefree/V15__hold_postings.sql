-- racefree schema, version 15: a hold carries the caller's posting. Opening a hold writes no
-- ledger entry, so its reference, code and metadata (and, for a plain hold, the external account
-- its capture posts against) are kept on the hold, and a capture that gives no posting of its own
-- writes its entries with them.
ALTER TABLE holds
    ADD COLUMN reference        text CHECK (length(reference) BETWEEN 1 AND 200),
    ADD COLUMN unique_reference boolean NOT NULL DEFAULT false,
    ADD COLUMN code             integer,
    ADD COLUMN metadata         jsonb CHECK (jsonb_typeof(metadata) = 'object'),
    -- Not a foreign key, as ledger_entries.counterparty_id: no share lock on the external row.
    ADD COLUMN external_id      bigint,
    ADD CONSTRAINT holds_unique_reference_named CHECK (NOT unique_reference OR reference IS NOT NULL);

-- An active hold's unique reference is reserved on its account: a hold opening with one looks here
-- (and in the account's entries) under the account's row lock.
CREATE INDEX holds_unique_reference ON holds (account_id, reference)
    WHERE unique_reference AND state = 'active';
