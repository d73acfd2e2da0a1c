package io.servicebook.pack;

import io.servicebook.calendar.BusinessCalendar;
import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.protocol.Fragment;
import io.servicebook.protocol.Protocol;
import java.util.List;
import java.util.Map;

/**
 * A folder of protocols with its calendars and fragments, as read from disk, with every problem
 * found in any of its files.
 */
public record ProtocolPack(
    List<Protocol> protocols,
    Map<String, BusinessCalendar> calendars,
    Map<String, Fragment> fragments,
    List<Diagnostic> diagnostics,
    int files) {

  public ProtocolPack {
    protocols = List.copyOf(protocols);
    calendars = Map.copyOf(calendars);
    fragments = Map.copyOf(fragments);
    diagnostics = diagnostics.stream().sorted(Diagnostic.READING_ORDER).toList();
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
