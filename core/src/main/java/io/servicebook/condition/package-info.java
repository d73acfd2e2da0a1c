/**
 * Protocol conditions: CEL expressions ({@code applies_when}, {@code decide.when}, {@code
 * pause_when}, action {@code when}) compiled and type-checked against the variables a protocol
 * declares, and evaluated later under a cost limit.
 *
 * <p>Start with {@link io.servicebook.condition.Conditions#forFields(java.util.List)}. Plain Java:
 * no I/O, and no clock; time comes only from {@link io.servicebook.condition.ConditionInput#now()}.
 */
package io.servicebook.condition;
