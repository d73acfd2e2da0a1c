/**
 * Escalations: the ladder of levels a case climbs (agent → team lead → supervisor → manager, or
 * whatever the company configures), who hears of each level, and the rules of moving up and down
 * it. Start with {@link io.servicebook.escalation.EscalationLadder}. Plain Java, no I/O.
 */
@NullMarked
package io.servicebook.escalation;

import org.jspecify.annotations.NullMarked;
