/** Business calendars: opening hours, time zones and holidays that SLA clocks count on. */
@NullMarked
package io.servicebook.calendar;

import org.jspecify.annotations.NullMarked;
