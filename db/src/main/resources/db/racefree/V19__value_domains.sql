-- racefree schema, version 19: the bounds of a single value become the value's type.
--
-- PostgreSQL prepares every CHECK constraint of a table again at each execution of a statement
-- that writes the table (it reads the stored expression and plans it), and an UPDATE checks every
-- constraint, whichever columns it sets: on a deposit, the accounts' and the entries' constraints
-- cost more than the UPDATE and the INSERT themselves. A domain's constraint is prepared once per
-- connection and checked where a value of the domain is written, so a bound on one column that a
-- balance change does not write (the owner, the currency, the account's bounds, held) is no longer
-- evaluated by every balance change, and the entry's own bounds are no longer prepared by every
-- insert. The rules are the same, and so is every row they admit: each column keeps its base
-- type, and every value stored or written later is checked. Constraints across columns stay the
-- table's CHECK constraints.
--
-- Each domain is first created without its constraint, so that changing a column's type to it
-- rewrites nothing; adding the constraint then checks the rows already there.
CREATE DOMAIN account_owner AS text;
CREATE DOMAIN currency_code AS character(3);
CREATE DOMAIN lower_bound AS bigint;
CREATE DOMAIN upper_bound AS bigint;
CREATE DOMAIN held_amount AS bigint;
CREATE DOMAIN posting_reference AS text;
CREATE DOMAIN posting_metadata AS jsonb;
CREATE DOMAIN entry_hash AS bytea;

ALTER TABLE accounts
    ALTER COLUMN owner TYPE account_owner,
    ALTER COLUMN currency TYPE currency_code,
    ALTER COLUMN min_balance TYPE lower_bound,
    ALTER COLUMN max_balance TYPE upper_bound,
    ALTER COLUMN held TYPE held_amount;
ALTER TABLE ledger_entries
    ALTER COLUMN reference TYPE posting_reference,
    ALTER COLUMN metadata TYPE posting_metadata,
    ALTER COLUMN hash TYPE entry_hash;
ALTER TABLE holds
    ALTER COLUMN reference TYPE posting_reference,
    ALTER COLUMN metadata TYPE posting_metadata;

-- The rules of versions 1, 4, 11 and 15, as they were.
ALTER DOMAIN account_owner ADD CONSTRAINT account_owner_length
    CHECK (length(VALUE) BETWEEN 1 AND 200);
ALTER DOMAIN currency_code ADD CONSTRAINT currency_code_iso
    CHECK (VALUE ~ '^[A-Z]{3}$');
ALTER DOMAIN lower_bound ADD CONSTRAINT lower_bound_range
    CHECK (VALUE BETWEEN -4611686018427387904 AND 4611686018427387904);
ALTER DOMAIN upper_bound ADD CONSTRAINT upper_bound_range
    CHECK (VALUE BETWEEN -4611686018427387904 AND 9223372036854775807);
ALTER DOMAIN held_amount ADD CONSTRAINT held_amount_not_negative
    CHECK (VALUE >= 0);
ALTER DOMAIN posting_reference ADD CONSTRAINT posting_reference_length
    CHECK (length(VALUE) BETWEEN 1 AND 200);
ALTER DOMAIN posting_metadata ADD CONSTRAINT posting_metadata_object
    CHECK (jsonb_typeof(VALUE) = 'object');
ALTER DOMAIN entry_hash ADD CONSTRAINT entry_hash_length
    CHECK (length(VALUE) = 32);

ALTER TABLE accounts
    DROP CONSTRAINT accounts_owner_check,
    DROP CONSTRAINT accounts_currency_check,
    DROP CONSTRAINT accounts_min_balance_check,
    DROP CONSTRAINT accounts_max_balance_check,
    DROP CONSTRAINT accounts_held_check;
ALTER TABLE ledger_entries
    DROP CONSTRAINT ledger_entries_reference_check,
    DROP CONSTRAINT ledger_entries_metadata_check,
    DROP CONSTRAINT ledger_entries_hash_length;
ALTER TABLE holds
    DROP CONSTRAINT holds_reference_check,
    DROP CONSTRAINT holds_metadata_check;

-- No query reads entries by a range of created_at alone (every query starts from an account, a
-- counterparty, a code, a reference, a posting or a transaction, each with its own index), and the
-- BRIN index cost every insert its own work.
DROP INDEX ledger_entries_time;
