package io.ttv.transforms.calendar;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.util.CompatibilityHints;

/**
 * One {@code .ics} export (RFC 5545; Google, Outlook/Exchange, Thunderbird, Apple) -> the occurrences of
 * its VEVENTs inside the record's window. ical4j parses the file leniently (CRLF or LF, lines folded with
 * a space or a tab, blank lines, {@code X-LIC-ERROR} lines, Outlook's and Notes' quirks) and its
 * {@code Recur} expands the rules ({@link Recurrences}); times are read from the properties' text here,
 * so that a TZID ical4j does not know never fails a file: IANA ids, Windows ids through CLDR
 * ({@link CalendarZones}), and for anything else (an empty {@code TZID=}, an old Windows display name)
 * the owner's team zone, noted. The file's VTIMEZONE blocks are not used: they are often wrong (fixture
 * exchange2010_tzid_mismatch_floating_until_exdate_utc defines {@code W. Europe Standard Time} while its
 * events say {@code Europe/Berlin}), and the zone database knows the real rules.
 *
 * <p>Per UID: the event without RECURRENCE-ID is the series (or single meeting); every VEVENT with a
 * RECURRENCE-ID overrides the one slot it names, which keeps that recurrence id wherever it moved
 * (Google's export, fixture google_public_calendar_machbar_rrule_exdate_recurrenceid), and a
 * {@code STATUS:CANCELLED} override cancels just that occurrence (Thunderbird, fixture
 * thunderbird_cancelled_occurrence_recurrence_id). An EXDATE'd slot is kept as a cancelled occurrence, so a
 * later export that drops an occurrence cancels it in {@code calendar_events}.
 */
public final class IcsCalendars {
  private IcsCalendars() {}

  static {
    // process-wide ical4j switches (the executors' JVMs load this class too): lenient with real exports
    CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_UNFOLDING, true);
    CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_PARSING, true);
    CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_VALIDATION, true);
    CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_OUTLOOK_COMPATIBILITY, true);
    CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_NOTES_COMPATIBILITY, true);
  }

  private static final int EVIDENCE_LIMIT = 64 * 1024;
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT);

  /** The occurrences and problems of one calendar file's text. */
  public static List<CalendarItem> read(String text, ReadContext ctx) {
    List<CalendarItem> out = new ArrayList<>();
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    Calendar calendar;
    List<VEvent> events = new ArrayList<>();
    try {
      calendar = build(t);
      events.addAll(calendar.<VEvent>getComponents(Component.VEVENT));
    } catch (ParserException | IOException | RuntimeException whole) {
      // ical4j stops at the first property it rejects (an RRULE it cannot read fails the file): read the
      // calendar without its events, then each event on its own, so one bad event does not cost the others
      Blocks blocks = Blocks.of(t);
      try {
        calendar = build(blocks.header());
      } catch (ParserException | IOException | RuntimeException e) {
        out.add(new CalendarItem.Problem("calendar could not be read as iCalendar (RFC 5545): " + whole.getMessage(), evidence(text)));
        return out;
      }
      for (String block : blocks.events()) {
        try {
          events.addAll(build("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + block + "END:VCALENDAR\r\n").<VEvent>getComponents(Component.VEVENT));
        } catch (ParserException | IOException | RuntimeException e) {
          java.util.regex.Matcher uid = java.util.regex.Pattern.compile("(?im)^UID:(.*)$").matcher(block);
          String which = uid.find() ? "event " + uid.group(1).trim() : "an event without UID";
          out.add(new CalendarItem.Problem(which + " cannot be read as iCalendar: " + e.getMessage(), evidence(block)));
        }
      }
    }
    boolean cancelAll = calendar.getProperty(Property.METHOD).map(p -> p.getValue().trim().equalsIgnoreCase("CANCEL")).orElse(false);
    ZoneId calendarZone = calendarZone(calendar, ctx.fallbackZone());
    Map<String, List<VEvent>> byUid = new LinkedHashMap<>();
    for (VEvent e : events) {
      Optional<String> uid = e.getProperty(Property.UID).map(Property::getValue).map(String::trim).filter(s -> !s.isEmpty());
      if (uid.isEmpty()) {
        out.add(new CalendarItem.Problem("event has no UID, so its occurrences cannot be identified", evidence(e.toString())));
        continue;
      }
      byUid.computeIfAbsent(uid.get(), k -> new ArrayList<>()).add(e);
    }
    for (Map.Entry<String, List<VEvent>> e : byUid.entrySet()) {
      new Series(e.getKey(), e.getValue(), ctx, calendarZone, cancelAll, out).emit();
    }
    return out;
  }

  private static Calendar build(String text) throws IOException, ParserException {
    return new CalendarBuilder().build(new StringReader(text));
  }

  /** A calendar's text cut into its VEVENT blocks (each with its line ends) and the rest. */
  private record Blocks(String header, List<String> events) {
    static Blocks of(String text) {
      StringBuilder header = new StringBuilder();
      List<String> events = new ArrayList<>();
      StringBuilder event = null;
      for (String line : text.split("(?<=\n)")) {
        String l = line.strip();
        if (event == null && l.equalsIgnoreCase("BEGIN:VEVENT")) {
          event = new StringBuilder();
        }
        (event == null ? header : event).append(line.endsWith("\n") ? line : line + "\r\n");
        if (event != null && l.equalsIgnoreCase("END:VEVENT")) {
          events.add(event.toString());
          event = null;
        }
      }
      if (event != null) {
        events.add(event.toString()); // cut short: its own parse reports it
      }
      return new Blocks(header.toString(), events);
    }
  }

  /** X-WR-TIMEZONE (Google), else the file's only VTIMEZONE when it names a known zone, else the owner's. */
  private static ZoneId calendarZone(Calendar c, ZoneId fallback) {
    Optional<ZoneId> wr = c.getProperty("X-WR-TIMEZONE").flatMap(p -> CalendarZones.resolve(p.getValue()));
    if (wr.isPresent()) {
      return wr.get();
    }
    List<net.fortuna.ical4j.model.component.CalendarComponent> zones = c.getComponents(Component.VTIMEZONE);
    if (zones.size() == 1) {
      Optional<ZoneId> z = zones.get(0).getProperty(Property.TZID).flatMap(p -> CalendarZones.resolve(p.getValue()));
      if (z.isPresent()) {
        return z.get();
      }
    }
    return fallback;
  }

  private static String evidence(String s) {
    return s.length() > EVIDENCE_LIMIT ? s.substring(0, EVIDENCE_LIMIT) : s;
  }

  /** A date or date-time property read from its text: the value and the zone it was written in. */
  private record When(Temporal value, String storedZone, String note) {}

  /** The VEVENTs of one UID. */
  private static final class Series {
    private final String uid;
    private final ReadContext ctx;
    private final ZoneId calendarZone;
    private final boolean cancelAll;
    private final List<CalendarItem> out;
    private VEvent master;
    private final List<VEvent> overrides = new ArrayList<>();

    Series(String uid, List<VEvent> events, ReadContext ctx, ZoneId calendarZone, boolean cancelAll, List<CalendarItem> out) {
      this.uid = uid;
      this.ctx = ctx;
      this.calendarZone = calendarZone;
      this.cancelAll = cancelAll;
      this.out = out;
      for (VEvent e : events) {
        if (e.getProperty(Property.RECURRENCE_ID).isPresent()) {
          overrides.add(e);
        } else if (master == null || sequence(e) >= sequence(master)) {
          master = e; // the same UID twice: the higher SEQUENCE (then the later one) is the current version
        }
      }
    }

    void emit() {
      Map<Object, VEvent> overridden = new LinkedHashMap<>();
      Temporal masterStart = null;
      String masterZone = null;
      String masterNote = null;
      if (master != null) {
        try {
          When start = when(master, Property.DTSTART).orElseThrow(() -> new Unusable("event " + uid + " has no DTSTART"));
          masterStart = start.value();
          masterZone = start.storedZone();
          masterNote = start.note();
        } catch (Unusable u) {
          out.add(new CalendarItem.Problem(u.getMessage(), evidence(master.toString())));
          master = null;
        }
      }
      boolean recurring = !overrides.isEmpty() || (master != null && (has(master, Property.RRULE) || has(master, Property.RDATE)));
      for (VEvent o : overrides) {
        try {
          When rid = when(o, Property.RECURRENCE_ID).orElseThrow();
          Temporal slot = masterStart instanceof LocalDate && rid.value() instanceof ZonedDateTime z ? z.toLocalDate() : rid.value();
          overridden.put(key(slot), o);
          When start = when(o, Property.DTSTART).orElse(rid);
          Temporal end = end(o, start.value(), master == null ? null : durationOf(master, masterStart));
          if (ctx.inWindow(Recurrences.startInstant(start.value()))) {
            out.add(occurrence(o, slot, start, end, true, cancelled(o)));
          }
        } catch (Unusable | RuntimeException e) {
          out.add(new CalendarItem.Problem("override of event " + uid + " cannot be read: " + e.getMessage(), evidence(o.toString())));
        }
      }
      if (master == null) {
        return;
      }
      try {
        When start = new When(masterStart, masterZone, masterNote);
        Object length = durationOf(master, masterStart);
        if (!recurring || (!has(master, Property.RRULE) && !has(master, Property.RDATE))) {
          if (ctx.inWindow(Recurrences.startInstant(masterStart))) {
            out.add(occurrence(master, masterStart, start, plus(masterStart, length), recurring, cancelled(master)));
          }
          return;
        }
        List<String> rules = master.getProperties(Property.RRULE).stream().map(p -> p.getValue().trim()).toList();
        List<Temporal> rdates = dateList(master, Property.RDATE, masterStart);
        List<Temporal> exdates = dateList(master, Property.EXDATE, masterStart);
        for (Recurrences.Slot s : Recurrences.slots(masterStart, rules, rdates, exdates, calendarZone, ctx.from(), ctx.to())) {
          if (overridden.containsKey(key(s.start()))) {
            continue; // the override stands for this slot (emitted above when it starts in the window)
          }
          When at = new When(s.start(), masterZone, masterNote);
          out.add(occurrence(master, s.start(), at, plus(s.start(), length), true, s.excluded() || cancelled(master)));
        }
      } catch (Recurrences.BadRule e) {
        out.add(new CalendarItem.Problem("event " + uid + ": " + e.getMessage(), evidence(master.toString())));
      } catch (Unusable | RuntimeException e) {
        out.add(new CalendarItem.Problem("event " + uid + " cannot be read: " + e.getMessage(), evidence(master.toString())));
      }
    }

    private Occurrence occurrence(VEvent e, Temporal slot, When start, Temporal end, boolean recurring, boolean cancelled) {
      Attendees people = new Attendees();
      e.getProperty(Property.ORGANIZER).ifPresent(p -> people.organizer(Attendees.email(p.getValue())));
      for (Property a : e.getProperties(Property.ATTENDEE)) {
        String cutype = a.getParameter(Parameter.CUTYPE).map(Parameter::getValue).orElse("");
        if (cutype.equalsIgnoreCase("ROOM") || cutype.equalsIgnoreCase("RESOURCE")) {
          continue; // rooms and resources are not people (contract 6.6)
        }
        people.attendee(Attendees.email(a.getValue()), Attendees.ofPartstat(a.getParameter(Parameter.PARTSTAT).map(Parameter::getValue).orElse(null)));
      }
      boolean free =
          e.getProperty(Property.TRANSP).map(p -> p.getValue().trim().equalsIgnoreCase("TRANSPARENT")).orElse(false)
              || e.getProperty("X-MICROSOFT-CDO-BUSYSTATUS").map(p -> p.getValue().trim().equalsIgnoreCase("FREE")).orElse(false);
      return new Occurrence(
          uid,
          CalendarEvents.recurrenceId(slot),
          Recurrences.startInstant(start.value()),
          Recurrences.startInstant(end),
          start.storedZone(),
          start.value() instanceof LocalDate,
          recurring,
          cancelled || cancelAll,
          !free,
          people.organizerEmail(),
          text(e, Property.SUMMARY),
          text(e, Property.DESCRIPTION),
          people.withOwner(ctx.owner()),
          null,
          null,
          null,
          e != master,
          start.note());
    }

    private static boolean cancelled(VEvent e) {
      return e.getProperty(Property.STATUS).map(p -> p.getValue().trim().equalsIgnoreCase("CANCELLED")).orElse(false);
    }

    private static String text(VEvent e, String name) {
      return e.getProperty(name).map(Property::getValue).filter(s -> !s.isBlank()).orElse(null);
    }

    private static boolean has(VEvent e, String name) {
      return !e.getProperties(name).isEmpty();
    }

    private static int sequence(VEvent e) {
      try {
        return e.getProperty(Property.SEQUENCE).map(p -> Integer.parseInt(p.getValue().trim())).orElse(0);
      } catch (NumberFormatException x) {
        return 0;
      }
    }

    /** How long each occurrence lasts: DTEND - DTSTART, else DURATION, else nothing (a day when all-day). */
    private Object durationOf(VEvent e, Temporal start) throws Unusable {
      Optional<When> end = when(e, Property.DTEND);
      if (end.isPresent()) {
        Temporal ev = end.get().value();
        if (start instanceof LocalDate s) {
          LocalDate ed = ev instanceof LocalDate d ? d : ((ZonedDateTime) ev).toLocalDate();
          return java.time.Period.between(s, ed.isAfter(s) ? ed : s.plusDays(1));
        }
        Instant ei = Recurrences.startInstant(ev);
        Duration d = Duration.between(Instant.from(start), ei);
        return d.isNegative() ? Duration.ZERO : d;
      }
      Optional<String> duration = e.getProperty(Property.DURATION).map(p -> p.getValue().trim());
      if (duration.isPresent()) {
        try {
          Duration d = isoDuration(duration.get());
          if (start instanceof LocalDate) {
            return java.time.Period.ofDays((int) Math.max(1, d.toDays()));
          }
          return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException | ArithmeticException x) {
          throw new Unusable("event " + uid + " has a DURATION that cannot be read: " + duration.get());
        }
      }
      return start instanceof LocalDate ? java.time.Period.ofDays(1) : Duration.ZERO;
    }

    /** RFC 5545 durations: {@code PT1H}, {@code P1DT2H}, {@code P2W} (weeks, which java.time's Duration lacks). */
    private static Duration isoDuration(String v) {
      java.util.regex.Matcher weeks = java.util.regex.Pattern.compile("^([+-]?)P([0-9]+)W$").matcher(v);
      if (weeks.matches()) {
        return Duration.ofDays(7L * Long.parseLong(weeks.group(2))).multipliedBy(weeks.group(1).equals("-") ? -1 : 1);
      }
      return Duration.parse(v);
    }

    private Temporal end(VEvent e, Temporal start, Object masterLength) throws Unusable {
      Object length = e.getProperty(Property.DTEND).isPresent() || e.getProperty(Property.DURATION).isPresent() || masterLength == null
          ? durationOf(e, start) : masterLength;
      return plus(start, length);
    }

    private static Temporal plus(Temporal start, Object length) {
      if (start instanceof LocalDate d) {
        return d.plus(length instanceof java.time.Period p ? p : java.time.Period.ofDays(Math.max(1, (int) ((Duration) length).toDays())));
      }
      ZonedDateTime z = (ZonedDateTime) start;
      // a nominal length (P1D) keeps the local time; an exact one (DTEND - DTSTART) the elapsed time
      return length instanceof java.time.Period p ? z.plus(p) : z.plus((Duration) length);
    }

    /** Identity of a slot for matching overrides: an instant, or a date for an all-day series. */
    private static Object key(Temporal slot) {
      return slot instanceof LocalDate ? slot : Instant.from(slot);
    }

    /** Every value of every {@code name} property (EXDATE, RDATE: comma lists, each with its TZID). */
    private List<Temporal> dateList(VEvent e, String name, Temporal seed) throws Unusable {
      List<Temporal> out = new ArrayList<>();
      for (Property p : e.getProperties(name)) {
        for (String v : p.getValue().split(",")) {
          String one = v.trim();
          if (one.isEmpty()) {
            continue;
          }
          if (one.contains("/")) {
            one = one.substring(0, one.indexOf('/')); // a PERIOD RDATE: its start
          }
          Temporal t = parse(p, one).value();
          if (seed instanceof LocalDate && t instanceof ZonedDateTime z) {
            t = z.toLocalDate();
          } else if (seed instanceof ZonedDateTime s && t instanceof LocalDate d && name.equals(Property.RDATE)) {
            t = d.atTime(s.toLocalTime()).atZone(s.getZone());
          }
          out.add(t);
        }
      }
      return out;
    }

    private Optional<When> when(VEvent e, String name) throws Unusable {
      Optional<Property> p = e.getProperty(name);
      if (p.isEmpty() || p.get().getValue() == null || p.get().getValue().isBlank()) {
        return Optional.empty();
      }
      return Optional.of(parse(p.get(), p.get().getValue().trim()));
    }

    /**
     * A DATE ({@code 20200402}) or DATE-TIME value: {@code ...Z} is UTC, a TZID the zone it names, no TZID
     * floating (read in the owner's team zone, stored without a zone). A TZID that names no known zone,
     * empty included, is read in the owner's team zone too, with a note.
     */
    private When parse(Property p, String value) throws Unusable {
      String v = value.toUpperCase(Locale.ROOT);
      try {
        if (v.length() == 8 || p.getParameter(Parameter.VALUE).map(x -> x.getValue().equalsIgnoreCase("DATE")).orElse(false) && v.length() >= 8) {
          return new When(LocalDate.parse(v.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE), null, null);
        }
        if (v.endsWith("Z")) {
          return new When(LocalDateTime.parse(v.substring(0, v.length() - 1), LOCAL).atZone(ZoneOffset.UTC), null, null);
        }
        LocalDateTime local = LocalDateTime.parse(v, LOCAL);
        Optional<String> tzid = p.getParameter(Parameter.TZID).map(Parameter::getValue);
        if (tzid.isEmpty()) {
          return new When(local.atZone(ctx.fallbackZone()), null, null);
        }
        Optional<ZoneId> zone = CalendarZones.resolve(tzid.get());
        if (zone.isPresent()) {
          return new When(local.atZone(zone.get()), CalendarZones.stored(zone.get()), null);
        }
        String name = tzid.get().isBlank() ? "an empty TZID" : "unknown time zone '" + tzid.get() + "'";
        return new When(local.atZone(ctx.fallbackZone()), null, name + " (read in the owner's team zone " + ctx.fallbackZone().getId() + ")");
      } catch (DateTimeParseException e) {
        throw new Unusable("event " + uid + " has a " + p.getName() + " that is not a date or date-time: '" + value + "'");
      }
    }
  }

  /** An event that cannot be used (quarantined on its own; the file's other events go on). */
  private static final class Unusable extends Exception {
    Unusable(String message) {
      super(message);
    }
  }
}
