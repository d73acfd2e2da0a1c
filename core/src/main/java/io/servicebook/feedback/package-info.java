/**
 * Surveys after a case: their scales (CSAT 1–5, NPS 0–10, CES 1–7), the moves a survey may make,
 * the unguessable tokens of their links and when they expire. Plain Java; time comes from a {@link
 * java.time.Clock} or as parameters.
 */
@NullMarked
package io.servicebook.feedback;

import org.jspecify.annotations.NullMarked;
