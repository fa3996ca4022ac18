package io.ttv.transforms.calendar;

import io.ttv.schemas.tables.CalendarAttendanceTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The people of one copy of a meeting, as every reader builds them: the organizer (accepted unless their
 * own line says tentative or declined), the attendees with their responses, and the calendar's owner,
 * who attends what their own calendar holds (accepted when the event names nobody else, contract
 * section 4; else no reply unless listed). One entry per e-mail, lower case; rooms and resources are
 * never added (the readers skip them).
 */
final class Attendees {
  private final Map<String, Occurrence.Attendee> byEmail = new LinkedHashMap<>();
  private String organizer;

  /** Values of {@code calendar_attendance.response}. */
  static final String ACCEPTED = CalendarAttendanceTable.ACCEPTED;

  static final String TENTATIVE = CalendarAttendanceTable.TENTATIVE;
  static final String DECLINED = CalendarAttendanceTable.DECLINED;
  static final String NONE = CalendarAttendanceTable.NONE;

  /** The address of a {@code mailto:} URI or a plain address, lower case; null when there is none. */
  static String email(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    if (v.regionMatches(true, 0, "mailto:", 0, 7)) {
      v = v.substring(7).trim();
    }
    return v.isEmpty() || !v.contains("@") ? null : v.toLowerCase(Locale.ROOT);
  }

  /**
   * Google's addresses of calendars and resources ({@code ...@group.calendar.google.com}, fixtures
   * group261_events_list_single_event_2023 (organizer) and google_public_calendar_machbar (attendee);
   * {@code ...@resource.calendar.google.com} for rooms) are not people.
   */
  static boolean isPerson(String email) {
    return email != null && !email.endsWith(".calendar.google.com");
  }

  void organizer(String email) {
    if (email != null) {
      organizer = email;
      if (isPerson(email)) {
        byEmail.putIfAbsent(email, new Occurrence.Attendee(email, ACCEPTED, true));
      }
    }
  }

  void attendee(String email, String response) {
    if (!isPerson(email)) {
      return;
    }
    Occurrence.Attendee prior = byEmail.get(email);
    if (prior != null && prior.isOrganizer()) {
      // the organizer's own line can only take back their acceptance
      if (response.equals(DECLINED) || response.equals(TENTATIVE)) {
        byEmail.put(email, new Occurrence.Attendee(email, response, true));
      }
      return;
    }
    byEmail.put(email, new Occurrence.Attendee(email, response, false));
  }

  String organizerEmail() {
    return organizer;
  }

  /** The list, with the owner added when the copy does not name them. */
  List<Occurrence.Attendee> withOwner(String owner) {
    List<Occurrence.Attendee> out = new ArrayList<>(byEmail.values());
    if (owner != null && !byEmail.containsKey(owner)) {
      out.add(new Occurrence.Attendee(owner, byEmail.isEmpty() ? ACCEPTED : NONE, false));
    }
    return out;
  }

  /** iCalendar PARTSTAT -> response (NEEDS-ACTION, DELEGATED, absent: none). */
  static String ofPartstat(String partstat) {
    if (partstat == null) {
      return NONE;
    }
    return switch (partstat.trim().toUpperCase(Locale.ROOT)) {
      case "ACCEPTED" -> ACCEPTED;
      case "TENTATIVE" -> TENTATIVE;
      case "DECLINED" -> DECLINED;
      default -> NONE;
    };
  }

  /** Google {@code responseStatus} (needsAction, declined, tentative, accepted) -> response. */
  static String ofGoogle(String status) {
    if (status == null) {
      return NONE;
    }
    return switch (status) {
      case "accepted" -> ACCEPTED;
      case "tentative" -> TENTATIVE;
      case "declined" -> DECLINED;
      default -> NONE;
    };
  }

  /**
   * Graph {@code responseType} (none, organizer, tentativelyAccepted, accepted, declined, notResponded)
   * -> response; {@code organizer} is the organizer's own, accepted.
   */
  static String ofGraph(String response) {
    if (response == null) {
      return NONE;
    }
    return switch (response) {
      case "accepted", "organizer" -> ACCEPTED;
      case "tentativelyAccepted" -> TENTATIVE;
      case "declined" -> DECLINED;
      default -> NONE;
    };
  }
}
