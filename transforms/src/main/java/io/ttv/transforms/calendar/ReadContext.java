package io.ttv.transforms.calendar;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What a calendar reader needs besides the record: whose calendar it is, the zone to read floating and
 * unknown times in (the owner's team zone, else the reporting zone), the record's expansion window
 * {@code [from, to)} (see {@link CalendarWindow}), and the zone the exporter asked Graph for ({@code tz=}
 * folder), if any.
 */
public record ReadContext(String owner, ZoneId fallbackZone, Instant from, Instant to, String preferredZone) {

  /** Whether an occurrence starting at {@code start} belongs to this record's window. */
  public boolean inWindow(Instant start) {
    return !start.isBefore(from) && start.isBefore(to);
  }
}
