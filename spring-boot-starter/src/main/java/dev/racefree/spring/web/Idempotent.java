package dev.racefree.spring.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Spring MVC handler method (or every handler of a controller) as idempotent by the
 * request's {@code Idempotency-Key} header: the handler runs at most once per key, in one
 * transaction with the stored response, and a repeat of the same request gets that response again
 * instead of running it.
 *
 * <pre>{@code
 * @Idempotent
 * @PostMapping("/payments")
 * ResponseEntity<Payment> pay(@RequestBody PaymentRequest request) { ... }
 * }</pre>
 *
 * <ul>
 *   <li>no key, or one that is empty, too long (over 200 characters) or blank: 400;
 *   <li>the same key while its first request is still running, after waiting {@code
 *       racefree.http.idempotency.in-flight-wait} for it: 409;
 *   <li>the same key with another method, path, query or body: 422;
 *   <li>a response below 500 is stored with the handler's writes and replayed with the header
 *       {@code Idempotent-Replayed: true}; a 5xx, an error sent with {@code sendError} (Spring's
 *       default answer to an exception) or an exception rolls the handler's writes back and stores
 *       nothing, so a retry runs again.
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Idempotent {}
