package io.ttv.jobs.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ttv.jobs.generate.CalendarExports.Changed;
import io.ttv.jobs.generate.CalendarExports.Invite;
import io.ttv.jobs.generate.CalendarExports.Meeting;
import io.ttv.transforms.calendar.ExchangeUids;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.fortuna.ical4j.model.Period;

/**
 * One person's calendar as the pages of the calendar APIs (contract section 4), for the people whose
 * calendars {@link CalendarExports#systemOf} puts in Google or Microsoft 365:
 *
 * <ul>
 *   <li>Google Calendar API v3 {@code events.list} (without {@code singleEvents}): a series is one item
 *       with {@code recurrence[]} (its RRULE and EXDATE lines), a moved instance an item with
 *       {@code recurringEventId} and {@code originalStartTime}, a cancelled instance a tombstone that
 *       carries nothing but those and {@code status:"cancelled"}; times with an offset and the zone;
 *       {@code transparency:"transparent"} for free time; rooms as {@code resource:true} attendees.
 *   <li>Microsoft Graph {@code calendarView} over the export date plus and minus the sync days: series
 *       already expanded into {@code occurrence}s (ical4j computes them from the same RRULE and EXDATE as
 *       the ICS files), moved and cancelled ones as {@code exception}s with {@code originalStart};
 *       {@code start.dateTime} in UTC without offset and 7 fractional digits, as Graph writes it when no
 *       {@code Prefer: outlook.timezone} is sent; the owner's answer in {@code responseStatus};
 *       {@code iCalUId} as Exchange writes it for a meeting that came by iCalendar (a {@code vCal-Uid}
 *       global object id holding the UID, with the occurrence's date: different for every occurrence).
 * </ul>
 *
 * The same meetings, UIDs ({@code iCalUID}; inside {@code iCalUId}) and answers as in the ICS files, so a
 * meeting seen in an ICS export, a Google page and a Graph page is one occurrence.
 */
final class CalendarApiPages {

  static final String GOOGLE = "google_calendar";
  static final String GRAPH = "msgraph_calendar";
  static final String DATASET = "events";

  private static final DateTimeFormatter GOOGLE_INSTANCE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);
  private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'.0000000'", Locale.ROOT);

  private final Person owner;
  private final ZoneId ownerZone;
  private final Instant stamp;
  private int lastItemCount;

  CalendarApiPages(Person owner, ZoneId ownerZone, Instant stamp) {
    this.owner = owner;
    this.ownerZone = ownerZone;
    this.stamp = stamp;
  }

  /** Items in the page last written (the landing zone counts records). */
  int lastItemCount() {
    return lastItemCount;
  }

  // ---------------------------------------------------------------------------------------------
  // Google Calendar

  byte[] googleEventsPage(List<Meeting> meetings) {
    ObjectNode page = JsonFiles.MAPPER.createObjectNode();
    page.put("kind", "calendar#events");
    page.put("etag", "\"" + stamp.getEpochSecond() + "000\"");
    page.put("summary", owner.email());
    page.put("updated", stamp.toString());
    page.put("timeZone", ownerZone.getId());
    page.put("accessRole", "owner");
    page.putArray("defaultReminders");
    ArrayNode items = page.putArray("items");
    for (Meeting m : meetings) {
      items.add(googleEvent(m, m.start, null));
      for (Changed o : m.overrides) {
        items.add(o.cancelled() ? googleTombstone(m, o.slot()) : googleEvent(m, o.start(), o.slot()));
      }
    }
    lastItemCount = items.size();
    return JsonFiles.bytes(page);
  }

  private ObjectNode googleEvent(Meeting m, ZonedDateTime start, ZonedDateTime slot) {
    ObjectNode e = JsonFiles.MAPPER.createObjectNode();
    e.put("kind", "calendar#event");
    e.put("etag", "\"" + stamp.getEpochSecond() + "001\"");
    e.put("id", slot == null ? googleId(m) : googleInstanceId(m, slot));
    e.put("status", "confirmed");
    e.put("created", stamp.toString());
    e.put("updated", stamp.toString());
    e.put("summary", m.title);
    Person organizer = m.organizer != null ? m.organizer : m.owner;
    ObjectNode org = e.putObject("organizer").put("email", organizer.email()).put("displayName", organizer.name());
    if (organizer.equals(owner)) {
      org.put("self", true);
    }
    if (m.allDay != null) {
      e.putObject("start").put("date", m.allDay.toString());
      e.putObject("end").put("date", m.allDay.plusDays(1).toString());
    } else {
      googleTime(e.putObject("start"), start);
      googleTime(e.putObject("end"), start.plus(m.length));
    }
    if (slot != null) {
      e.put("recurringEventId", googleId(m));
      googleTime(e.putObject("originalStartTime"), slot);
    } else if (m.rrule != null) {
      ArrayNode rec = e.putArray("recurrence");
      rec.add("RRULE:" + m.rrule);
      if (!m.exdates.isEmpty()) {
        StringBuilder ex = new StringBuilder("EXDATE;TZID=" + m.start.getZone().getId() + ":");
        for (int i = 0; i < m.exdates.size(); i++) {
          ex.append(i == 0 ? "" : ",").append(m.exdates.get(i).toLocalDateTime().format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT)));
        }
        rec.add(ex.toString());
      }
    }
    if (m.transparent) {
      e.put("transparency", "transparent");
    }
    e.put("iCalUID", m.uid);
    e.put("sequence", 0);
    if (!m.invites.isEmpty()) {
      ArrayNode attendees = e.putArray("attendees");
      for (Invite i : m.invites) {
        ObjectNode a = attendees.addObject().put("email", i.email()).put("displayName", i.name());
        if (m.organizer != null && i.email().equals(m.organizer.email())) {
          a.put("organizer", true);
        }
        if (i.email().equals(owner.email())) {
          a.put("self", true);
        }
        if (i.room()) {
          a.put("resource", true);
        }
        a.put("responseStatus", googleResponse(i.partStat()));
      }
    }
    e.putObject("reminders").put("useDefault", true);
    e.put("eventType", "default");
    return e;
  }

  /** A cancelled instance as events.list returns it: only what names the slot. */
  private ObjectNode googleTombstone(Meeting m, ZonedDateTime slot) {
    ObjectNode e = JsonFiles.MAPPER.createObjectNode();
    e.put("kind", "calendar#event");
    e.put("etag", "\"" + stamp.getEpochSecond() + "002\"");
    e.put("id", googleInstanceId(m, slot));
    e.put("status", "cancelled");
    e.put("recurringEventId", googleId(m));
    googleTime(e.putObject("originalStartTime"), slot);
    return e;
  }

  private static void googleTime(ObjectNode node, ZonedDateTime t) {
    node.put("dateTime", iso(t));
    node.put("timeZone", t.getZone().getId());
  }

  /** {@code 2026-01-05T09:30:00+01:00}: seconds always written, as Google does. */
  private static String iso(ZonedDateTime t) {
    return t.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT));
  }

  /** Google's event ids are base32hex; a hex digest of the UID is one. */
  private static String googleId(Meeting m) {
    return String.format(Locale.ROOT, "%016x", m.uid.hashCode() * 0x9E3779B97F4A7C15L);
  }

  private static String googleInstanceId(Meeting m, ZonedDateTime slot) {
    return googleId(m) + "_" + slot.withZoneSameInstant(ZoneOffset.UTC).format(GOOGLE_INSTANCE);
  }

  private static String googleResponse(String partStat) {
    return switch (partStat) {
      case "ACCEPTED" -> "accepted";
      case "DECLINED" -> "declined";
      case "TENTATIVE" -> "tentative";
      default -> "needsAction";
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Microsoft Graph

  /** The calendarView of the local dates {@code d - days .. d + days} in the owner's zone. */
  byte[] graphCalendarView(List<Meeting> meetings, LocalDate d, int days) {
    ZonedDateTime from = d.minusDays(days).atStartOfDay(ownerZone);
    ZonedDateTime to = d.plusDays(days + 1L).atStartOfDay(ownerZone);
    ObjectNode page = JsonFiles.MAPPER.createObjectNode();
    page.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#users('" + owner.email() + "')/calendarView");
    ArrayNode value = page.putArray("value");
    List<ObjectNode> items = new ArrayList<>();
    for (Meeting m : meetings) {
      if (m.rrule == null) {
        ZonedDateTime start = m.allDay != null ? m.allDay.atStartOfDay(ownerZone) : m.start;
        if (start.isBefore(to) && start.plus(length(m)).isAfter(from)) {
          items.add(graphEvent(m, start, null, false, "singleInstance"));
        }
        continue;
      }
      Set<Period<ZonedDateTime>> set = CalendarExports.event(m, m.start, null, false, stamp).calculateRecurrenceSet(new Period<>(from, to));
      for (Period<ZonedDateTime> p : set) {
        ZonedDateTime slot = p.getStart().withZoneSameInstant(m.start.getZone());
        Changed changed = m.overrides.stream().filter(o -> o.slot().toInstant().equals(slot.toInstant())).findFirst().orElse(null);
        if (changed == null) {
          items.add(graphEvent(m, slot, slot, false, "occurrence"));
        } else {
          items.add(graphEvent(m, changed.start(), slot, changed.cancelled(), "exception"));
        }
      }
      for (Changed o : m.overrides) {
        boolean slotInView = o.slot().isBefore(to) && o.slot().plus(m.length).isAfter(from);
        boolean startInView = o.start().isBefore(to) && o.start().plus(m.length).isAfter(from);
        if (!slotInView && startInView) { // moved into the view from a slot outside it
          items.add(graphEvent(m, o.start(), o.slot(), o.cancelled(), "exception"));
        }
      }
    }
    items.sort(Comparator.comparing(o -> o.path("start").path("dateTime").asText()));
    items.forEach(value::add);
    lastItemCount = items.size();
    return JsonFiles.bytes(page);
  }

  private ObjectNode graphEvent(Meeting m, ZonedDateTime start, ZonedDateTime slot, boolean cancelled, String type) {
    ObjectNode e = JsonFiles.MAPPER.createObjectNode();
    String seriesId = graphId(m.uid);
    e.put("@odata.etag", "W/\"" + seriesId.substring(0, 16) + "\"");
    e.put("id", slot == null ? seriesId : graphId(m.uid + "/" + slot.toInstant()));
    e.put("createdDateTime", stamp.toString());
    e.put("lastModifiedDateTime", stamp.toString());
    // Exchange's id of a meeting that came by iCalendar: its UID inside, the occurrence's date in front
    LocalDate instance = slot == null ? null : slot.toLocalDate();
    e.put("iCalUId", ExchangeUids.forExternalUid(m.uid, instance == null ? 0 : instance.getYear(), instance == null ? 0 : instance.getMonthValue(),
        instance == null ? 0 : instance.getDayOfMonth()));
    e.put("subject", m.title);
    e.put("isAllDay", m.allDay != null);
    e.put("isCancelled", cancelled);
    Person organizer = m.organizer != null ? m.organizer : m.owner;
    e.put("isOrganizer", organizer.equals(owner));
    e.put("showAs", m.transparent ? "free" : "busy");
    e.put("type", type);
    if (slot != null) {
      e.put("seriesMasterId", seriesId);
      e.put("originalStart", slot.withZoneSameInstant(ZoneOffset.UTC).toInstant().toString());
    } else {
      e.putNull("seriesMasterId");
    }
    if (m.allDay != null) {
      e.putObject("start").put("dateTime", m.allDay.atStartOfDay().format(GRAPH_TIME)).put("timeZone", "UTC");
      e.putObject("end").put("dateTime", m.allDay.plusDays(1).atStartOfDay().format(GRAPH_TIME)).put("timeZone", "UTC");
    } else {
      e.putObject("start").put("dateTime", start.withZoneSameInstant(ZoneOffset.UTC).format(GRAPH_TIME)).put("timeZone", "UTC");
      e.putObject("end").put("dateTime", start.plus(m.length).withZoneSameInstant(ZoneOffset.UTC).format(GRAPH_TIME)).put("timeZone", "UTC");
    }
    String own = organizer.equals(owner) ? "organizer" : "none";
    for (Invite i : m.invites) {
      if (i.email().equals(owner.email()) && !organizer.equals(owner)) {
        own = graphResponse(i.partStat());
      }
    }
    e.putObject("responseStatus").put("response", own).put("time", "0001-01-01T00:00:00Z");
    e.putObject("organizer").putObject("emailAddress").put("name", organizer.name()).put("address", organizer.email());
    ArrayNode attendees = e.putArray("attendees");
    for (Invite i : m.invites) {
      ObjectNode a = attendees.addObject();
      a.put("type", i.room() ? "resource" : "required");
      a.putObject("status").put("response", m.organizer != null && i.email().equals(m.organizer.email()) ? "organizer" : graphResponse(i.partStat()))
          .put("time", "0001-01-01T00:00:00Z");
      a.putObject("emailAddress").put("name", i.name()).put("address", i.email());
    }
    return e;
  }

  private static java.time.Duration length(Meeting m) {
    return m.allDay != null ? java.time.Duration.ofDays(1) : m.length;
  }

  /** Graph ids are long base64 strings; this one is derived from the UID so that it is stable. */
  private static String graphId(String key) {
    String hex = String.format(Locale.ROOT, "%016x%016x", key.hashCode() * 0x9E3779B97F4A7C15L, (long) key.length() * 0xC2B2AE3D27D4EB4FL + key.hashCode());
    return "AAMkAGI2TG93AAA=" + hex;
  }

  private static String graphResponse(String partStat) {
    return switch (partStat) {
      case "ACCEPTED" -> "accepted";
      case "DECLINED" -> "declined";
      case "TENTATIVE" -> "tentativelyAccepted";
      default -> "notResponded";
    };
  }
}
