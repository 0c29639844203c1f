-- The application's own migration, run by Boot's Flyway: it refers to racefree's schema, which
-- racefree's migrations created first.
CREATE TABLE public.orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES racefree.accounts (id)
);
