-- racefree's atomic debit (accounts().debit), as pgbench runs it.
-- :lo and :hi are the lab's account ids (pgbench -D lo=... -D hi=...); one id for the hot row.
\set id random(:lo, :hi)
UPDATE racefree.accounts SET balance = balance - 1, version = version + 1, updated_at = now() WHERE id = :id AND balance >= 1 RETURNING balance;
