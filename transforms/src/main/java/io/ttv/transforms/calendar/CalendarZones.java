package io.ttv.transforms.calendar;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * The IANA zone of a time-zone name as calendar exports write it: an IANA id ({@code Europe/Berlin}), a
 * Windows zone id ({@code W. Europe Standard Time}, Exchange and Microsoft Graph), mapped through the CLDR
 * {@code windowsZones} data that ICU4J ships (never a hand-typed table), or quoted / backslash-escaped
 * variants of either ({@code "Canberra, Melbourne, Sydney"}, fixture
 * outlook2003_daily_standup_quoted_windows_tzid; {@code Pacific Time (US & Canada)\, Tijuana}, fixture
 * exchange_cdo_meeting_request_attendees_busystatus). Old Windows display names like those two are in no
 * table: they, and empty TZIDs (fixture exchange2010_blank_tzid_google_uid), are unknown, and the caller
 * reads the time in the owner's team zone and notes it.
 */
public final class CalendarZones {
  private CalendarZones() {}

  /** The zone of {@code name}, or empty when it names none this reader knows. */
  public static Optional<ZoneId> resolve(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.trim();
    if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
      n = n.substring(1, n.length() - 1).trim();
    }
    n = n.replace("\\,", ",").replace("\\;", ";");
    if (n.isEmpty()) {
      return Optional.empty();
    }
    // Lotus Notes and some exporters write "/mozilla.org/20050126_1/Europe/Berlin": the IANA id at the end
    if (n.startsWith("/")) {
      int slash = n.lastIndexOf('/', n.lastIndexOf('/') - 1);
      n = slash >= 0 ? n.substring(slash + 1) : n.substring(1);
    }
    if (n.equalsIgnoreCase("Z") || n.equalsIgnoreCase("UTC") || n.equalsIgnoreCase("GMT") || n.equalsIgnoreCase("Etc/UTC")) {
      return Optional.of(ZoneId.of("UTC"));
    }
    if (n.indexOf('/') > 0 && !n.contains(" ")) {
      try {
        return Optional.of(ZoneId.of(n));
      } catch (DateTimeException e) {
        // not an IANA id after all: try Windows below
      }
    }
    String iana = com.ibm.icu.util.TimeZone.getIDForWindowsID(n, null);
    if (iana == null && !n.toLowerCase(Locale.ROOT).endsWith(" time")) {
      iana = com.ibm.icu.util.TimeZone.getIDForWindowsID(n + " Standard Time", null);
    }
    if (iana != null) {
      try {
        return Optional.of(ZoneId.of(iana));
      } catch (DateTimeException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The IANA id to store for a resolved zone: null for UTC (contract: times are UTC anyway). */
  public static String stored(ZoneId zone) {
    if (zone == null) {
      return null;
    }
    String id = zone.normalized().getId();
    return id.equals("Z") || id.equals("UTC") ? null : zone.getId();
  }
}
