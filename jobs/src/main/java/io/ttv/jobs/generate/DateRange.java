package io.ttv.jobs.generate;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/** The export dates a generation covers, both ends included (UTC dates, as the exporters name folders). */
public record DateRange(LocalDate first, LocalDate last) {
  public DateRange {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    if (last.isBefore(first)) {
      throw new IllegalArgumentException("date range ends before it starts: " + first + ".." + last);
    }
  }

  public List<LocalDate> dates() {
    return first.datesUntil(last.plusDays(1)).toList();
  }

  public int days() {
    return (int) (last.toEpochDay() - first.toEpochDay()) + 1;
  }

  /** Epoch second of the first date's UTC midnight. */
  public long startEpoch() {
    return first.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
  }

  /** Epoch second of the UTC midnight after the last date (exclusive end). */
  public long endEpoch() {
    return last.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
  }
}
