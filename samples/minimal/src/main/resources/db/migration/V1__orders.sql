-- The application's own table, run by Boot's Flyway after racefree's migrations (schema racefree),
-- which it refers to.
CREATE TABLE public.orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES racefree.accounts (id),
  amount bigint NOT NULL CHECK (amount > 0)
);
