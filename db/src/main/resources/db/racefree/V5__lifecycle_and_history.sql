-- racefree schema, version 5: account lifecycle, and ledger times fit for history.

-- open: every change; frozen: credits, captures and releases only (no debit, hold or outgoing
-- transfer); closed: nothing, and only reachable at zero balance with no active holds.
CREATE TYPE account_status AS ENUM ('open', 'frozen', 'closed');

ALTER TABLE accounts
    ADD COLUMN status account_status NOT NULL DEFAULT 'open',
    ADD CONSTRAINT accounts_closed_empty CHECK (status <> 'closed' OR (balance = 0 AND held = 0));

-- The moment each entry was written (not its transaction's start), so that for one account the
-- entries' times rise with their ids (both are taken under the account's row lock), and
-- "the balance at t" is the balance_after of the last entry written by t.
ALTER TABLE ledger_entries ALTER COLUMN created_at SET DEFAULT clock_timestamp();
CREATE INDEX ledger_entries_account_time ON ledger_entries (account_id, created_at, id);
