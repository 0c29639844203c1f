-- racefree's pessimistic debit (accounts().withLock(id, waitIndefinitely(), l -> l.debit(amount))), as pgbench
-- runs it: the very text racefree renders, with pgbench variables where racefree binds the request
-- (:id, :amount, :delta = -:amount) and its constants written as literals.
-- :lo and :hi are the lab's account ids (pgbench -D lo=... -D hi=... -D amount=...); one id for the hot row.
-- racefree checks the locked balance in Java before the debit; with the lab's huge balances it always passes.
-- BenchTest checks that the statement lines are exactly racefree's.
\set id random(:lo, :hi)
\set delta -1 * :amount
BEGIN;
select "racefree"."accounts"."id", "racefree"."accounts"."currency", "racefree"."accounts"."balance" from "racefree"."accounts" where "racefree"."accounts"."id" = :id for update;
with "changed" as (update "racefree"."accounts" set "balance" = ("racefree"."accounts"."balance" + :delta), "version" = ("racefree"."accounts"."version" + 1), "updated_at" = cast(current_timestamp as timestamp with time zone) where ("racefree"."accounts"."id" = :id and "racefree"."accounts"."balance" >= :amount) returning "racefree"."accounts"."id", "racefree"."accounts"."balance") insert into "racefree"."ledger_entries" ("account_id", "amount", "balance_after", "kind", "correlation_id", "idempotency_key_id") select "changed"."id", :delta, "changed"."balance", cast('debit' as "racefree"."entry_kind"), cast(NULL as uuid), NULL from "changed" returning "racefree"."ledger_entries"."balance_after";
COMMIT;
