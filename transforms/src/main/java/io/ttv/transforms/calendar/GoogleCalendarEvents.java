package io.ttv.transforms.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;

/**
 * One item of a Google Calendar API v3 {@code events.list} page -> its occurrences in the window.
 * {@code start.dateTime} carries an offset and usually {@code start.timeZone} (fixture
 * group261_events_list_single_event_2023: {@code -04:00} and America/Toronto); {@code start.date} is an
 * all-day event. A series' item has {@code recurrence[]} (RRULE, EXDATE, RDATE lines), expanded with
 * ical4j in {@code start.timeZone}; its moved or cancelled instances are separate items with
 * {@code recurringEventId} and {@code originalStartTime} (a cancelled one, {@code status:"cancelled"}, is
 * a tombstone that may carry nothing else: it borrows its series' UID). Attendees: {@code responseStatus}
 * per person, {@code resource:true} rooms left out, {@code self} the owner; the organizer may be a calendar
 * ({@code ...@group.calendar.google.com}), which is no person. {@code transparency:"transparent"} is free.
 */
public final class GoogleCalendarEvents {
  private GoogleCalendarEvents() {}

  public static List<CalendarItem> read(String json, ReadContext ctx) {
    List<CalendarItem> out = new ArrayList<>();
    JsonNode e;
    try {
      e = JsonEvents.JSON.readTree(json);
    } catch (Exception x) {
      out.add(new CalendarItem.Problem("event is not JSON: " + x.getMessage(), json));
      return out;
    }
    String id = JsonEvents.text(e, "id");
    String uid = JsonEvents.text(e, "iCalUID");
    String series = JsonEvents.text(e, "recurringEventId");
    boolean cancelled = "cancelled".equals(JsonEvents.text(e, "status"));
    String what = "event " + (id == null ? "without id" : id);
    try {
      String zoneName = JsonEvents.text(e, "start", "timeZone");
      ZoneId zone = JsonEvents.zone(zoneName).orElse(ctx.fallbackZone());
      String note = zoneName != null && JsonEvents.zone(zoneName).isEmpty()
          ? "unknown time zone '" + zoneName + "' (read in the owner's team zone " + ctx.fallbackZone().getId() + ")" : null;
      Temporal start = when(e.path("start"), zone);
      Temporal original = when(e.path("originalStartTime"), zone);
      Temporal end = when(e.path("end"), zone);
      Attendees people = new Attendees();
      people.organizer(Attendees.email(JsonEvents.text(e, "organizer", "email")));
      for (JsonNode a : e.path("attendees")) {
        if (a.path("resource").asBoolean(false)) {
          continue;
        }
        people.attendee(Attendees.email(JsonEvents.text(a, "email")), Attendees.ofGoogle(JsonEvents.text(a, "responseStatus")));
      }
      boolean busy = !"transparent".equals(JsonEvents.text(e, "transparency"));
      String fallbackUid = (series != null ? series : id) + "@google.com";
      if (series != null) {
        // an instance of a series (moved, changed or cancelled): it stands for its original slot
        Temporal slot = original != null ? original : start;
        if (slot == null) {
          out.add(new CalendarItem.Problem(what + " names its series but has no originalStartTime or start", json));
          return out;
        }
        Temporal at = start != null ? start : slot;
        if (ctx.inWindow(Recurrences.startInstant(at))) {
          out.add(occurrence(e, uid, slot, at, end, true, cancelled, busy, people, series, id, fallbackUid, true, note, ctx));
        }
        return out;
      }
      if (start == null) {
        out.add(new CalendarItem.Problem(what + (cancelled ? " is a cancelled event without start (it cannot be placed)" : " has no start"), json));
        return out;
      }
      List<String> rules = new ArrayList<>();
      List<Temporal> rdates = new ArrayList<>();
      List<Temporal> exdates = new ArrayList<>();
      for (JsonNode l : e.path("recurrence")) {
        JsonEvents.Line line = JsonEvents.Line.of(l.asText());
        ZoneId lineZone = line.tzid() == null ? zone : JsonEvents.zone(line.tzid()).orElse(zone);
        switch (line.name()) {
          case "RRULE" -> rules.add(line.value());
          case "EXDATE", "RDATE" -> {
            for (String v : line.value().split(",")) {
              if (!v.isBlank()) {
                Temporal t = JsonEvents.icalValue(v, lineZone);
                if (start instanceof LocalDate && t instanceof ZonedDateTime z) {
                  t = z.toLocalDate();
                }
                (line.name().equals("EXDATE") ? exdates : rdates).add(t);
              }
            }
          }
          default -> { } // EXRULE is deprecated by RFC 5545; Google writes none
        }
      }
      if (rules.isEmpty() && rdates.isEmpty()) {
        if (ctx.inWindow(Recurrences.startInstant(start))) {
          out.add(occurrence(e, uid, start, start, end, false, cancelled, busy, people, null, id, fallbackUid, false, note, ctx));
        }
        return out;
      }
      Object length = length(start, end);
      for (Recurrences.Slot s : Recurrences.slots(start, rules, rdates, exdates, zone, ctx.from(), ctx.to())) {
        out.add(occurrence(e, uid, s.start(), s.start(), plus(s.start(), length), true, cancelled || s.excluded(), busy, people, null, id,
            fallbackUid, false, note, ctx));
      }
    } catch (Recurrences.BadRule x) {
      out.add(new CalendarItem.Problem(what + ": " + x.getMessage(), json));
    } catch (RuntimeException x) {
      out.add(new CalendarItem.Problem(what + " cannot be read: " + x.getMessage(), json));
    }
    return out;
  }

  /** {@code {"dateTime": "2023-10-01T20:00:00-04:00", "timeZone": ...}} in {@code zone}, or {@code {"date": "2023-10-01"}}. */
  private static Temporal when(JsonNode n, ZoneId zone) {
    String date = JsonEvents.text(n, "date");
    if (date != null) {
      return LocalDate.parse(date);
    }
    String dateTime = JsonEvents.text(n, "dateTime");
    return dateTime == null ? null : OffsetDateTime.parse(dateTime).atZoneSameInstant(zone);
  }

  private static Object length(Temporal start, Temporal end) {
    if (start instanceof LocalDate s) {
      return java.time.Period.between(s, end instanceof LocalDate d && d.isAfter(s) ? d : s.plusDays(1));
    }
    if (end == null) {
      return java.time.Duration.ZERO;
    }
    java.time.Duration d = java.time.Duration.between(Instant.from(start), Recurrences.startInstant(end));
    return d.isNegative() ? java.time.Duration.ZERO : d;
  }

  private static Temporal plus(Temporal start, Object length) {
    if (start instanceof LocalDate d) {
      return d.plus((java.time.Period) length);
    }
    return ((ZonedDateTime) start).plus((java.time.Duration) length);
  }

  private static Occurrence occurrence(
      JsonNode e, String uid, Temporal slot, Temporal start, Temporal end, boolean recurring, boolean cancelled, boolean busy, Attendees people,
      String series, String id, String fallbackUid, boolean override, String note, ReadContext ctx) {
    Temporal stop = end == null || Recurrences.startInstant(end).isBefore(Recurrences.startInstant(start)) ? plus(start, length(start, null)) : end;
    ZoneId z = start instanceof ZonedDateTime zd ? zd.getZone() : null;
    return new Occurrence(
        uid,
        CalendarEvents.recurrenceId(slot),
        Recurrences.startInstant(start),
        Recurrences.startInstant(stop),
        note == null && z != null && JsonEvents.text(e, "start", "timeZone") != null ? CalendarZones.stored(z) : null,
        start instanceof LocalDate,
        recurring,
        cancelled,
        busy,
        people.organizerEmail(),
        JsonEvents.text(e, "summary"),
        JsonEvents.text(e, "description"),
        people.withOwner(ctx.owner()),
        series,
        id,
        fallbackUid,
        override,
        note);
  }
}
