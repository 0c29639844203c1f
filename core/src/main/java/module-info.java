/**
 * racefree's core: the public API in {@code dev.racefree}, {@code dev.racefree.result} and {@code
 * dev.racefree.exception}. Everything under {@code dev.racefree.internal} is not exported: it may
 * change in any release.
 */
module dev.racefree.core {
  requires transitive java.sql;
  requires transitive org.jooq;
  requires transitive org.jspecify;

  exports dev.racefree;
  exports dev.racefree.result;
  exports dev.racefree.exception;

  // jOOQ reads the generated records and tables reflectively.
  opens dev.racefree.internal.schema to
      org.jooq;
  opens dev.racefree.internal.schema.enums to
      org.jooq;
  opens dev.racefree.internal.schema.routines to
      org.jooq;
  opens dev.racefree.internal.schema.tables to
      org.jooq;
  opens dev.racefree.internal.schema.tables.records to
      org.jooq;
}
