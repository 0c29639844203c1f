-- racefree schema, version 13: the indexes the ledger's queries need beyond those of version 11.

-- The postings between one account and one counterparty, in event time: neither the account's
-- index nor the counterparty's orders them alone (against an external account, the counterparty's
-- index holds every deposit of every account), so a page would read and sort all of them.
CREATE INDEX ledger_entries_account_counterparty
    ON ledger_entries (account_id, counterparty_id, created_at, id)
    WHERE counterparty_id IS NOT NULL;

-- An external account's balance is derived: the sum of the amounts of every entry against it (up
-- to an instant). With the amount in the counterparty index, that sum is an index-only scan once
-- vacuum has marked the pages all-visible (an append-only table's pages stay so).
DROP INDEX ledger_entries_counterparty;
CREATE INDEX ledger_entries_counterparty
    ON ledger_entries (counterparty_id, created_at, id) INCLUDE (amount);
