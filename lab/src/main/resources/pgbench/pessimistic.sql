-- racefree's pessimistic debit (accounts().withLock(id, waitIndefinitely(), l -> l.debit(1))), as pgbench runs it.
-- :lo and :hi are the lab's account ids (pgbench -D lo=... -D hi=...); one id for the hot row.
\set id random(:lo, :hi)
BEGIN;
SELECT id, owner, currency, balance, version, created_at, updated_at FROM racefree.accounts WHERE id = :id FOR UPDATE;
UPDATE racefree.accounts SET balance = balance - 1, version = version + 1, updated_at = now() WHERE id = :id AND balance >= 1 RETURNING balance;
COMMIT;
