package io.ttv.jobs.generate;

import io.ttv.jobs.UserError;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Options of {@code ttv generate}: where to write, how many engineers, how many export days from
 * {@code start}, and the seed. The same options always give byte-identical files.
 */
public record GenerateOptions(Path out, int engineers, int days, long seed, LocalDate start) {

  /** A Monday, so a short demo starts with working days. */
  public static final LocalDate DEFAULT_START = LocalDate.of(2026, 1, 5);

  public static final long DEFAULT_SEED = 42L;

  public static final int MAX_ENGINEERS = 100_000;

  public static final int MAX_DAYS = 3_660;

  public GenerateOptions {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(start, "start");
    if (engineers < 1 || engineers > MAX_ENGINEERS) {
      throw new UserError("--engineers must be between 1 and " + MAX_ENGINEERS + ", got " + engineers);
    }
    if (days < 1 || days > MAX_DAYS) {
      throw new UserError("--days must be between 1 and " + MAX_DAYS + ", got " + days);
    }
  }

  public LocalDate lastDate() {
    return start.plusDays(days - 1L);
  }
}
