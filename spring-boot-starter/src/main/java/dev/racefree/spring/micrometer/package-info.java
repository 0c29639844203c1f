/**
 * racefree's operations in Micrometer: {@link dev.racefree.spring.micrometer.MeterObserver}
 * (meters) and {@link dev.racefree.spring.micrometer.ObservationObserver} (observations, so
 * traces), made by {@link dev.racefree.spring.micrometer.RacefreeMicrometerAutoConfiguration} when
 * the application has a {@code MeterRegistry} or an {@code ObservationRegistry}.
 */
@NullMarked
package dev.racefree.spring.micrometer;

import org.jspecify.annotations.NullMarked;
