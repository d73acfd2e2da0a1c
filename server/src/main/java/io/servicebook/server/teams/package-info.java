/**
 * Teams and the escalation ladder as the admins keep them: teams with their members and leads
 * ({@link io.servicebook.server.teams.Teams}), the ladder's levels and whom each notifies ({@link
 * io.servicebook.server.teams.EscalationLadders}), and what a protocol's {@code escalate}, {@code
 * reassign} and {@code notify} may therefore name ({@link
 * io.servicebook.server.teams.Teams#knownTargets()}).
 */
@NullMarked
package io.servicebook.server.teams;

import org.jspecify.annotations.NullMarked;
