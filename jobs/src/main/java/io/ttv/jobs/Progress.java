package io.ttv.jobs;

import java.time.Duration;
import java.time.Instant;

/** Progress lines for people and Airflow logs: always on stderr, so stdout stays for data. */
public final class Progress {
  private Progress() {}

  private static volatile boolean quiet;

  public static void setQuiet(boolean q) {
    quiet = q;
  }

  public static void info(String message) {
    if (!quiet) {
      System.err.println("ttv: " + message);
    }
  }

  public static String since(Instant start) {
    Duration d = Duration.between(start, Instant.now());
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
