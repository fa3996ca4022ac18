package io.ttv.transforms.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.model.Recur;

/**
 * The slots of a recurring event inside a window, with ical4j's RFC 5545 recurrence code ({@link Recur}):
 * RRULEs (COUNT, UNTIL, INTERVAL, BYDAY such as {@code 3SA} / {@code -1SA}, ...) plus RDATEs, each slot
 * marked when an EXDATE removes it. A timed series is expanded in its own zone, so 10:00 local stays
 * 10:00 local across a DST change and only its UTC instant moves; an all-day series in dates.
 *
 * <p>COUNT counts from DTSTART, whatever the window: ical4j walks the rule from the seed, so the cost
 * grows with the distance from DTSTART to the window (about 1 ms for five years of a weekly rule), and
 * only the window's slots are kept.
 */
public final class Recurrences {
  private Recurrences() {}

  /** An event that expands to more slots than this inside one window is quarantined, not expanded. */
  public static final int MAX_SLOTS = 20_000;

  /** One slot: its start (a {@link ZonedDateTime} or, all-day, a {@link LocalDate}) and whether an EXDATE removes it. */
  public record Slot(Temporal start, boolean excluded) {}

  /** A rule ical4j cannot read or expand (the message names the rule). */
  public static final class BadRule extends Exception {
    public BadRule(String message) {
      super(message);
    }
  }

  private static final Pattern UNTIL = Pattern.compile("(?i)UNTIL=([0-9]{8})(T([0-9]{6})(Z?))?");
  private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;
  private static final DateTimeFormatter UTC_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

  /**
   * The slots of {@code seed}'s series that start in {@code [from, to)} (an all-day slot starts at midnight
   * UTC of its date, as {@code calendar_events.start_at} says), in start order.
   *
   * @param rules RRULE values ({@code FREQ=...}), without the {@code RRULE:} name
   * @param rdates extra starts, of the seed's kind
   * @param exdates removed starts: instants (timed) or dates (an all-day series, or a DATE EXDATE that
   *     removes every slot of that local date)
   * @param calendarZone where an all-day series' date-time UNTIL is read ({@code UNTIL=20200916T230000Z}
   *     ends an all-day series on 2020-09-17 in London, fixture exchange2010_allday_free_windows_tzid_until_utc)
   */
  public static List<Slot> slots(
      Temporal seed, List<String> rules, List<Temporal> rdates, List<Temporal> exdates, ZoneId calendarZone, Instant from, Instant to)
      throws BadRule {
    Set<Temporal> starts = new TreeSet<>(Recurrences::compare);
    boolean allDay = seed instanceof LocalDate;
    for (String rule : rules) {
      String normalised = withUntilOfSeedKind(rule, seed, calendarZone);
      try {
        if (allDay) {
          Recur<LocalDate> recur = new Recur<>(normalised);
          LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC).minusDays(1);
          LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC).plusDays(1);
          starts.addAll(recur.getDates((LocalDate) seed, first, last, MAX_SLOTS + 1));
        } else {
          ZonedDateTime z = (ZonedDateTime) seed;
          Recur<ZonedDateTime> recur = new Recur<>(normalised);
          starts.addAll(recur.getDates(z, from.atZone(z.getZone()).minusDays(1), to.atZone(z.getZone()).plusDays(1), MAX_SLOTS + 1));
        }
      } catch (RuntimeException e) {
        throw new BadRule("RRULE '" + rule + "' cannot be expanded: " + e.getMessage());
      }
      if (starts.size() > MAX_SLOTS) {
        throw new BadRule("RRULE '" + rule + "' gives more than " + MAX_SLOTS + " occurrences in the window; check the rule");
      }
    }
    // RFC 5545: DTSTART is always the first instance, and RDATEs add to the set
    starts.add(seed);
    starts.addAll(rdates);
    List<Slot> out = new ArrayList<>();
    for (Temporal s : starts) {
      Instant at = startInstant(s);
      if (at.isBefore(from) || !at.isBefore(to)) {
        continue;
      }
      out.add(new Slot(s, isExcluded(s, exdates)));
    }
    return out;
  }

  /** Where {@code calendar_events.start_at} puts a start: its instant, or midnight UTC of an all-day date. */
  public static Instant startInstant(Temporal t) {
    if (t instanceof LocalDate d) {
      return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    return Instant.from(t);
  }

  private static boolean isExcluded(Temporal slot, List<Temporal> exdates) {
    for (Temporal x : exdates) {
      if (slot instanceof LocalDate d) {
        if (x instanceof LocalDate xd ? xd.equals(d) : ((ZonedDateTime) x).toLocalDate().equals(d)) {
          return true;
        }
      } else {
        ZonedDateTime z = (ZonedDateTime) slot;
        if (x instanceof LocalDate xd ? z.toLocalDate().equals(xd) : ((ZonedDateTime) x).toInstant().equals(z.toInstant())) {
          return true;
        }
      }
    }
    return false;
  }

  private static int compare(Temporal a, Temporal b) {
    return startInstant(a).compareTo(startInstant(b));
  }

  /**
   * RFC 5545 wants UNTIL of DTSTART's kind; exports do not always comply. A date-time UNTIL of an all-day
   * series becomes its date in the calendar's zone; a date UNTIL of a timed series the end of that local
   * day; a floating UNTIL ({@code UNTIL=20200429T000000}, fixture
   * exchange2010_tzid_mismatch_floating_until_exdate_utc) is read in the series' own zone. Each becomes the
   * form ical4j compares without guessing.
   */
  static String withUntilOfSeedKind(String rule, Temporal seed, ZoneId calendarZone) {
    Matcher m = UNTIL.matcher(rule);
    if (!m.find()) {
      return rule;
    }
    LocalDate date = LocalDate.parse(m.group(1), BASIC_DATE);
    String replacement;
    if (seed instanceof LocalDate) {
      if (m.group(2) == null) {
        return rule;
      }
      LocalDateTime local = date.atTime(Integer.parseInt(m.group(3).substring(0, 2)), Integer.parseInt(m.group(3).substring(2, 4)),
          Integer.parseInt(m.group(3).substring(4, 6)));
      LocalDate inZone = m.group(4).isEmpty() ? local.toLocalDate() : local.atOffset(ZoneOffset.UTC).atZoneSameInstant(calendarZone).toLocalDate();
      replacement = "UNTIL=" + inZone.format(BASIC_DATE);
    } else {
      ZoneId zone = ((ZonedDateTime) seed).getZone();
      if (m.group(2) == null) {
        replacement = "UNTIL=" + date.atTime(23, 59, 59).atZone(zone).withZoneSameInstant(ZoneOffset.UTC).format(UTC_STAMP);
      } else if (m.group(4).isEmpty()) {
        LocalDateTime local = LocalDateTime.parse(m.group(1) + m.group(3), DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT));
        replacement = "UNTIL=" + local.atZone(zone).withZoneSameInstant(ZoneOffset.UTC).format(UTC_STAMP);
      } else {
        return rule;
      }
    }
    return rule.substring(0, m.start()) + replacement + rule.substring(m.end());
  }
}
