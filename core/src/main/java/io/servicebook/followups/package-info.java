/**
 * Follow-ups and the closing of resolved cases: when a check-in with the customer comes due, which
 * moves a follow-up may make, and whether a resolved case closes by itself. Plain Java; time comes
 * in as parameters.
 */
@NullMarked
package io.servicebook.followups;

import org.jspecify.annotations.NullMarked;
