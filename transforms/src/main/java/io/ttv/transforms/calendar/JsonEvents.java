package io.ttv.transforms.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.Locale;
import java.util.Optional;

/** What the Google and Graph readers share: JSON access and iCalendar date values of recurrence lines. */
final class JsonEvents {
  private JsonEvents() {}

  static final ObjectMapper JSON = new ObjectMapper();

  static String text(JsonNode n, String... path) {
    JsonNode x = n;
    for (String p : path) {
      x = x.path(p);
    }
    return x.isValueNode() && !x.isNull() && !x.asText().isBlank() ? x.asText() : null;
  }

  /** A zone name of the source: the zone, empty when absent or unknown (the caller notes the latter). */
  static Optional<ZoneId> zone(String name) {
    return CalendarZones.resolve(name);
  }

  /**
   * An iCalendar DATE or DATE-TIME value of a recurrence line ({@code EXDATE;TZID=Europe/Berlin:20260323T100000},
   * {@code EXDATE;VALUE=DATE:20260323}, {@code RDATE:20260401T090000Z}), in {@code zone} when floating.
   */
  static Temporal icalValue(String value, ZoneId zone) {
    String v = value.trim().toUpperCase(Locale.ROOT);
    if (v.length() == 8) {
      return LocalDate.parse(v, DateTimeFormatter.BASIC_ISO_DATE);
    }
    DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT);
    if (v.endsWith("Z")) {
      return LocalDateTime.parse(v.substring(0, v.length() - 1), local).atZone(ZoneOffset.UTC);
    }
    return LocalDateTime.parse(v, local).atZone(zone);
  }

  /** The parameters and values of a recurrence line {@code NAME;PARAM=x:v1,v2}. */
  record Line(String name, String tzid, String value) {
    static Line of(String line) {
      int colon = line.indexOf(':');
      String head = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      String[] parts = head.split(";");
      String tzid = null;
      for (int i = 1; i < parts.length; i++) {
        if (parts[i].toUpperCase(Locale.ROOT).startsWith("TZID=")) {
          tzid = parts[i].substring(5);
        }
      }
      return new Line(parts[0].trim().toUpperCase(Locale.ROOT), tzid, value.trim());
    }
  }
}
