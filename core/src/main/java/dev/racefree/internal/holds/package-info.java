/**
 * Holds: opening a reservation against an account's spare funds, capturing it (whole or in part),
 * releasing it, and sweeping holds past their expiry. Not API.
 */
@NullMarked
package dev.racefree.internal.holds;

import org.jspecify.annotations.NullMarked;
