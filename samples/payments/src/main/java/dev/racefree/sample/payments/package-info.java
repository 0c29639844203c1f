/**
 * A payments service on racefree-spring-boot-starter: {@link
 * dev.racefree.sample.payments.PaymentsApplication}.
 */
@NullMarked
package dev.racefree.sample.payments;

import org.jspecify.annotations.NullMarked;
