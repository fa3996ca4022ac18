package io.ttv.transforms.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Test helpers: fixture text, a read context, and the occurrences / problems of a reader's output. */
final class CalendarFixtures {
  private CalendarFixtures() {}

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static String text(String resource) {
    try (InputStream in = CalendarFixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ReadContext window(String owner, ZoneId fallback, String from, String to) {
    return new ReadContext(owner, fallback, Instant.parse(from), Instant.parse(to), null);
  }

  static List<Occurrence> occurrences(List<CalendarItem> items) {
    return items.stream().filter(i -> i instanceof Occurrence).map(i -> (Occurrence) i)
        .sorted(java.util.Comparator.comparing(Occurrence::start).thenComparing(Occurrence::eventUid, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))).toList();
  }

  static List<String> problems(List<CalendarItem> items) {
    return items.stream().filter(i -> i instanceof CalendarItem.Problem).map(i -> ((CalendarItem.Problem) i).reason()).toList();
  }

  /** "rid start..end" of each occurrence, with (cancelled), for compact assertions. */
  static List<String> slots(List<Occurrence> os) {
    return os.stream().map(o -> o.recurrenceId() + " " + o.start() + ".." + o.end() + (o.isCancelled() ? " cancelled" : "")).toList();
  }
}
