/**
 * Runs: one protocol version guiding an agent through a case, step by step, with every value
 * captured, every action requested, and every deviation (skip, going back, off-script) recorded
 * with its reason. Start with {@link io.servicebook.runs.RunEngine}. Plain Java and deterministic:
 * time comes only from the {@code at} of each operation.
 */
@NullMarked
package io.servicebook.runs;

import org.jspecify.annotations.NullMarked;
