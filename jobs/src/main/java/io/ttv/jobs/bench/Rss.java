package io.ttv.jobs.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The driver's resident memory, from Linux's {@code /proc/self/status}. In local mode the driver runs
 * the executors' tasks too, so this is the whole job's memory. {@code VmHWM} is the peak since the
 * process started or since {@link #resetPeak()} (Linux 4.0+: writing 5 to {@code /proc/self/clear_refs}),
 * which lets each phase report its own peak. Elsewhere the figures are -1 ("n/a").
 */
final class Rss {
  private Rss() {}

  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  /** The peak resident set size in bytes ({@code VmHWM}), or -1 when the system does not say. */
  static long peakBytes() {
    return field("VmHWM:");
  }

  /** The current resident set size in bytes ({@code VmRSS}), or -1. */
  static long currentBytes() {
    return field("VmRSS:");
  }

  /** Starts a new peak at the current size; false when the kernel does not allow it (the peak then runs on). */
  static boolean resetPeak() {
    try {
      Files.writeString(CLEAR_REFS, "5", StandardCharsets.US_ASCII);
      return true;
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static long field(String name) {
    try {
      List<String> lines = Files.readAllLines(STATUS, StandardCharsets.US_ASCII);
      for (String line : lines) {
        if (line.startsWith(name)) {
          // "VmHWM:	  123456 kB"
          String[] parts = line.substring(name.length()).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024L;
        }
      }
      return -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
