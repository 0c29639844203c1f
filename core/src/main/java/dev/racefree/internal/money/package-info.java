/**
 * Moving money: conditional debits and credits, deadlock-free transfers that lock rows in id order,
 * multi-leg transfers, optimistic version checks and row locks held for caller code. Not API.
 */
@NullMarked
package dev.racefree.internal.money;

import org.jspecify.annotations.NullMarked;
