-- The service's own table, migrated by Boot's Flyway after racefree's migrations: a payment is
-- recorded in the same transaction as its debit, and refers to racefree's account.
CREATE TABLE payments (
  id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint      NOT NULL REFERENCES racefree.accounts (id),
  amount     bigint      NOT NULL CHECK (amount > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
