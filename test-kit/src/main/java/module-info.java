/**
 * racefree-test: a race-conformance kit for a team's own code on PostgreSQL. The API is {@code
 * dev.racefree.test}; {@code dev.racefree.test.internal} is not exported and may change in any
 * release.
 */
module dev.racefree.test {
  requires transitive java.sql;
  requires transitive dev.racefree.core;
  requires transitive org.jspecify;
  requires static transitive jakarta.servlet;
  requires static transitive jdk.httpserver;

  exports dev.racefree.test;
}
