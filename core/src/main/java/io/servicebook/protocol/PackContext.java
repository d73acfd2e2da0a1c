package io.servicebook.protocol;

import io.servicebook.calendar.BusinessCalendar;
import java.util.Map;

/** What the rest of the pack offers a protocol file: its calendars and shared fragments. */
public record PackContext(
    Map<String, BusinessCalendar> calendars, Map<String, Fragment> fragments) {

  public static final PackContext EMPTY = new PackContext(Map.of(), Map.of());

  public PackContext {
    calendars = Map.copyOf(calendars);
    fragments = Map.copyOf(fragments);
  }
}
