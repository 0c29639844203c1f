-- racefree schema, version 7: held transfers. A hold with a target moves what is captured to the
-- target, both legs journaled as a transfer under one correlation id.
ALTER TABLE holds
    ADD COLUMN target_account_id bigint REFERENCES accounts (id),
    ADD CONSTRAINT holds_target_is_another_account CHECK (target_account_id <> account_id);
