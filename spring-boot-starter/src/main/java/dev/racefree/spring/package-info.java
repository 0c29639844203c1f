/**
 * racefree in Spring Boot: {@link dev.racefree.spring.RacefreeAutoConfiguration} makes a {@link
 * dev.racefree.Racefree} bean on Boot's {@code DSLContext} that joins {@code @Transactional}, runs
 * racefree's migrations at start-up ({@link dev.racefree.spring.RacefreeMigrationsInitializer}),
 * and reads {@code racefree.*} ({@link dev.racefree.spring.RacefreeProperties}).
 */
@NullMarked
package dev.racefree.spring;

import org.jspecify.annotations.NullMarked;
