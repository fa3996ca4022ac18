package io.ttv.transforms.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One event of a Microsoft Graph {@code calendarView} or {@code events} page -> its occurrences in the
 * window. {@code start.dateTime} has no offset and 7 fractional digits; its {@code start.timeZone} is UTC
 * unless the exporter sent {@code Prefer: outlook.timezone} (fixture graphdocs_user_list_events_prefer_timezone_pst:
 * {@code "Pacific Standard Time"}, a Windows name, mapped through CLDR), which it keeps in a {@code tz=} folder
 * for pages whose events lack {@code timeZone}. {@code type}: a {@code seriesMaster} carries
 * {@code recurrence.pattern} + {@code range} (expanded here, in {@code range.recurrenceTimeZone}, with
 * ical4j; {@code endDate:"0001-01-01"} and {@code numberOfOccurrences:0} are "no end" sentinels, fixture
 * graphdocs_group_list_events_series_master_recurrence); a calendarView page already holds
 * {@code occurrence}s and {@code exception}s (moved: fixture graphdocs_event_list_instances_occurrence_exception,
 * listed out of start order), which stand for their {@code originalStart}. {@code isCancelled},
 * {@code isAllDay}, {@code showAs} ({@code free} is free), {@code responseStatus} (the owner's own answer),
 * {@code attendees[].status.response}, {@code attendees[].type} ({@code resource} is a room).
 */
public final class GraphCalendarEvents {
  private GraphCalendarEvents() {}

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
    String what = "event " + (id == null ? "without id" : id);
    try {
      String type = JsonEvents.text(e, "type") == null ? "singleInstance" : JsonEvents.text(e, "type");
      String zoneName = JsonEvents.text(e, "start", "timeZone");
      String note = null;
      ZoneId zone;
      if (zoneName != null) {
        zone = JsonEvents.zone(zoneName).orElse(ctx.fallbackZone());
        if (JsonEvents.zone(zoneName).isEmpty()) {
          note = "unknown time zone '" + zoneName + "' (read in the owner's team zone " + ctx.fallbackZone().getId() + ")";
        }
      } else {
        // no timeZone: the zone the exporter asked for (tz= folder), else Graph's default, UTC
        zone = JsonEvents.zone(ctx.preferredZone()).orElse(ZoneOffset.UTC);
      }
      boolean allDay = e.path("isAllDay").asBoolean(false);
      Temporal start = when(e.path("start"), zone, allDay);
      Temporal end = when(e.path("end"), zone, allDay);
      if (start == null) {
        out.add(new CalendarItem.Problem(what + " has no start.dateTime", json));
        return out;
      }
      Object length = length(start, end);
      Attendees people = new Attendees();
      people.organizer(Attendees.email(JsonEvents.text(e, "organizer", "emailAddress", "address")));
      for (JsonNode a : e.path("attendees")) {
        if ("resource".equals(JsonEvents.text(a, "type"))) {
          continue;
        }
        people.attendee(Attendees.email(JsonEvents.text(a, "emailAddress", "address")), Attendees.ofGraph(JsonEvents.text(a, "status", "response")));
      }
      String own = JsonEvents.text(e, "responseStatus", "response");
      if (own != null && !own.equals("none") && !own.equals("organizer")) {
        people.attendee(ctx.owner(), Attendees.ofGraph(own)); // the owner's own answer, on their own copy
      }
      boolean cancelled = e.path("isCancelled").asBoolean(false);
      boolean busy = !"free".equals(JsonEvents.text(e, "showAs"));
      String uid = ExchangeUids.series(JsonEvents.text(e, "iCalUId")); // an occurrence's id names its date: the series'
      String series = JsonEvents.text(e, "seriesMasterId");
      String stored = note == null && zoneName != null ? CalendarZones.stored(zone) : null;
      Shape shape = new Shape(e, uid, stored, allDay, cancelled, busy, people, note, ctx);
      switch (type) {
        case "seriesMaster" -> {
          ZoneId ruleZone = JsonEvents.zone(JsonEvents.text(e, "recurrence", "range", "recurrenceTimeZone")).orElse(zone);
          Temporal seed = seed(e.path("recurrence").path("range"), start, ruleZone);
          for (Recurrences.Slot s : Recurrences.slots(seed, List.of(rule(e.path("recurrence"))), List.of(), List.of(), ruleZone, ctx.from(), ctx.to())) {
            out.add(shape.occurrence(s.start(), s.start(), plus(s.start(), length), true, s.excluded(), null, id, "msgraph:" + id, false, null));
          }
        }
        case "occurrence", "exception" -> {
          String originalStart = JsonEvents.text(e, "originalStart");
          Temporal slot = originalStart == null ? start
              : allDay ? OffsetDateTime.parse(originalStart).toLocalDate() : OffsetDateTime.parse(originalStart).atZoneSameInstant(zone);
          String extra = originalStart == null && type.equals("exception")
              ? "exception without originalStart (recurrence id from its start, so it may not match its slot)" : null;
          if (ctx.inWindow(Recurrences.startInstant(start))) {
            out.add(shape.occurrence(slot, start, plus(start, length), true, false, series, id, "msgraph:" + (series == null ? id : series), true, extra));
          }
        }
        default -> {
          if (ctx.inWindow(Recurrences.startInstant(start))) {
            out.add(shape.occurrence(start, start, plus(start, length), false, false, null, id, "msgraph:" + id, false, null));
          }
        }
      }
    } catch (Recurrences.BadRule x) {
      out.add(new CalendarItem.Problem(what + ": " + x.getMessage(), json));
    } catch (RuntimeException x) {
      out.add(new CalendarItem.Problem(what + " cannot be read: " + x.getMessage(), json));
    }
    return out;
  }

  /** What every occurrence of one event shares. */
  private record Shape(
      JsonNode e, String uid, String zone, boolean allDay, boolean cancelled, boolean busy, Attendees people, String note, ReadContext ctx) {
    Occurrence occurrence(
        Temporal slot, Temporal start, Temporal end, boolean recurring, boolean excluded, String series, String id, String fallbackUid,
        boolean override, String extraNote) {
      return new Occurrence(
          uid, CalendarEvents.recurrenceId(slot), Recurrences.startInstant(start), Recurrences.startInstant(end), zone, allDay, recurring,
          cancelled || excluded, busy, people.organizerEmail(), JsonEvents.text(e, "subject"), JsonEvents.text(e, "bodyPreview"),
          people.withOwner(ctx.owner()), series, id, fallbackUid, override, note != null ? note : extraNote);
    }
  }

  /** {@code {"dateTime": "2017-08-14T21:00:00.0000000", "timeZone": "UTC"}} in {@code zone}; all-day: its date. */
  private static Temporal when(JsonNode n, ZoneId zone, boolean allDay) {
    String dt = JsonEvents.text(n, "dateTime");
    if (dt == null) {
      return null;
    }
    LocalDateTime local = LocalDateTime.parse(dt.endsWith("Z") ? dt.substring(0, dt.length() - 1) : dt);
    return allDay ? local.toLocalDate() : local.atZone(zone);
  }

  /** The series' first start: range.startDate at the start's local time in the recurrence zone. */
  private static Temporal seed(JsonNode range, Temporal start, ZoneId ruleZone) {
    String startDate = JsonEvents.text(range, "startDate");
    if (start instanceof LocalDate d) {
      return startDate == null ? d : LocalDate.parse(startDate);
    }
    ZonedDateTime local = ((ZonedDateTime) start).withZoneSameInstant(ruleZone);
    return startDate == null ? local : LocalDate.parse(startDate).atTime(local.toLocalTime()).atZone(ruleZone);
  }

  /** Graph's recurrence pattern and range as an RRULE. */
  static String rule(JsonNode recurrence) {
    JsonNode p = recurrence.path("pattern");
    JsonNode r = recurrence.path("range");
    String type = JsonEvents.text(p, "type");
    if (type == null) {
      throw new IllegalArgumentException("seriesMaster without recurrence.pattern.type");
    }
    int interval = Math.max(1, p.path("interval").asInt(1));
    String days = days(p.path("daysOfWeek"));
    String setPos = switch (String.valueOf(JsonEvents.text(p, "index"))) {
      case "second" -> "2";
      case "third" -> "3";
      case "fourth" -> "4";
      case "last" -> "-1";
      default -> "1";
    };
    StringBuilder rule = new StringBuilder();
    switch (type) {
      case "daily" -> rule.append("FREQ=DAILY");
      case "weekly" -> {
        rule.append("FREQ=WEEKLY;BYDAY=").append(days);
        String first = JsonEvents.text(p, "firstDayOfWeek");
        if (first != null) {
          rule.append(";WKST=").append(first.substring(0, 2).toUpperCase(Locale.ROOT));
        }
      }
      case "absoluteMonthly" -> rule.append("FREQ=MONTHLY;BYMONTHDAY=").append(p.path("dayOfMonth").asInt());
      case "relativeMonthly" -> rule.append("FREQ=MONTHLY;BYDAY=").append(days).append(";BYSETPOS=").append(setPos);
      case "absoluteYearly" -> rule.append("FREQ=YEARLY;BYMONTH=").append(p.path("month").asInt()).append(";BYMONTHDAY=").append(p.path("dayOfMonth").asInt());
      case "relativeYearly" -> rule.append("FREQ=YEARLY;BYMONTH=").append(p.path("month").asInt()).append(";BYDAY=").append(days).append(";BYSETPOS=").append(setPos);
      default -> throw new IllegalArgumentException("unknown recurrence pattern type '" + type + "'");
    }
    rule.append(";INTERVAL=").append(interval);
    String rangeType = String.valueOf(JsonEvents.text(r, "type"));
    if (rangeType.equals("endDate") && JsonEvents.text(r, "endDate") != null && !JsonEvents.text(r, "endDate").startsWith("0001")) {
      rule.append(";UNTIL=").append(JsonEvents.text(r, "endDate").replace("-", ""));
    } else if (rangeType.equals("numbered") && r.path("numberOfOccurrences").asInt(0) > 0) {
      rule.append(";COUNT=").append(r.path("numberOfOccurrences").asInt());
    }
    return rule.toString();
  }

  private static String days(JsonNode daysOfWeek) {
    List<String> out = new ArrayList<>();
    for (JsonNode d : daysOfWeek) {
      out.add(d.asText().substring(0, 2).toUpperCase(Locale.ROOT));
    }
    return String.join(",", out);
  }

  private static Object length(Temporal start, Temporal end) {
    if (start instanceof LocalDate s) {
      return java.time.Period.between(s, end instanceof LocalDate d && d.isAfter(s) ? d : s.plusDays(1));
    }
    if (end == null) {
      return Duration.ZERO;
    }
    Duration d = Duration.between(Instant.from(start), Instant.from(end));
    return d.isNegative() ? Duration.ZERO : d;
  }

  private static Temporal plus(Temporal start, Object length) {
    return start instanceof LocalDate d ? d.plus((java.time.Period) length) : ((ZonedDateTime) start).plus((Duration) length);
  }
}
