package io.ttv.jobs.bench;

import java.util.Locale;

/**
 * One timed phase of a benchmark.
 *
 * @param inputBytes bytes of the landing files the phase read (0 when it reads none, -1 when it does
 *     not apply)
 * @param records records the phase read (-1 when it does not apply)
 * @param peakRssBytes the driver's peak resident memory during the phase (-1 when unknown)
 */
public record Measurement(String phase, long inputBytes, long records, double seconds, long peakRssBytes) {

  static final double MB = 1024.0 * 1024.0;

  /** Input throughput in MB/s, or NaN when the phase reads no input. */
  public double mbPerSecond() {
    return inputBytes <= 0 || seconds <= 0 ? Double.NaN : inputBytes / MB / seconds;
  }

  /** The row of the results table: phase, input MB, records, seconds, MB/s, peak RSS MB. */
  String[] cells() {
    return new String[] {
      phase,
      inputBytes < 0 ? "" : String.format(Locale.ROOT, "%.1f", inputBytes / MB),
      records < 0 ? "" : String.format(Locale.ROOT, "%,d", records),
      String.format(Locale.ROOT, "%.1f", seconds),
      Double.isNaN(mbPerSecond()) ? "" : String.format(Locale.ROOT, "%.2f", mbPerSecond()),
      peakRssBytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", Math.round(peakRssBytes / MB))
    };
  }

  static final String[] HEADER = {"phase", "input MB", "records", "seconds", "MB/s", "peak RSS MB"};
}
