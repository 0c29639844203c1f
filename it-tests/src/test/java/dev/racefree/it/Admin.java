package dev.racefree.it;

import javax.sql.DataSource;
import org.jooq.DSLContext;

/**
 * The test server's owner, for the few tests that do what an application role may not: migrate
 * other schemas, tamper with the journal to prove the audit or the triggers catch it. Every other
 * test runs as the application role racefree grants ({@code grant_application_role}).
 */
record Admin(DSLContext dsl, DataSource dataSource) {}
