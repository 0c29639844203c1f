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
 *   <li>no key, the header given more than once, or a key that is empty, too long (over 200
 *       characters), blank or malformed: 400 as {@code application/problem+json}, and nothing runs.
 *       A key is an RFC 8941 Structured Field String as the IETF draft defines it ({@code
 *       Idempotency-Key: "8e03978e-40d5"}: printable ASCII 0x20 to 0x7E, {@code \"} and {@code \\}
 *       escaped) or a bare token ({@code Idempotency-Key: 8e03978e-40d5}: printable ASCII without
 *       space, {@code "}, {@code ,} or {@code \}); a tab, control characters (such as U+0085),
 *       non-ASCII characters, an unterminated string or a list are malformed;
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
