/**
 * Not API: the internals of the {@code Idempotency-Key} filter that {@link
 * dev.racefree.spring.web.RacefreeWebAutoConfiguration} registers (the filter, the exchange that
 * claims a key and stores the response, request fingerprints, problem responses). They are public
 * only for the auto-configuration; they may change or go in any release. Applications use {@link
 * dev.racefree.spring.web.Idempotent} and {@link dev.racefree.spring.web.IdempotencyScopeResolver}.
 */
@NullMarked
package dev.racefree.spring.internal.web;

import org.jspecify.annotations.NullMarked;
