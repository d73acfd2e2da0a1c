/**
 * Compensation: what a protocol offers per case, when a supervisor must approve, and whether a
 * team's monthly budget still covers a grant. Money is {@link java.math.BigDecimal} with a
 * currency; time comes in from the caller.
 */
@NullMarked
package io.servicebook.compensation;

import org.jspecify.annotations.NullMarked;
