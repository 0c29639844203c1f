/**
 * HTTP idempotency for Spring MVC: a handler marked {@link dev.racefree.spring.web.Idempotent} runs
 * at most once per {@code Idempotency-Key}; a repeat gets the stored status, content type and body.
 * Missing or invalid keys are answered 400, a key whose first request is still running 409, a key
 * reused with another request 422, as the IETF draft on the {@code Idempotency-Key} header says.
 *
 * <p>This package is what applications use: {@link dev.racefree.spring.web.Idempotent}, {@link
 * dev.racefree.spring.web.IdempotencyScopeResolver} and the auto-configuration (to exclude it, or
 * to order filters around {@link
 * dev.racefree.spring.web.RacefreeWebAutoConfiguration#FILTER_ORDER}). The filter itself lives in
 * {@code dev.racefree.spring.internal.web}, which is not API.
 */
@NullMarked
package dev.racefree.spring.web;

import org.jspecify.annotations.NullMarked;
