-- racefree schema, version 14: imported history. An import keeps its outcome under its idempotency
-- key (how many postings and entries it wrote), so a retried import writes nothing and answers the
-- same. Imported entries carry the caller's event time in created_at and the time of the import in
-- imported_at (a column since version 11).
ALTER TYPE key_outcome ADD VALUE 'imported';
