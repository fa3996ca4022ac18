package io.ttv.jobs.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The landing zone being written: {@code <root>/<system>/<dataset>/dt=<date>/[key=value/...]<file>}
 * (contract section 4), with counts of what was written and the list of injected faults.
 */
final class Landing {

  /** A fault is only placed on an export date whose dataset has at least this many records. */
  static final long FAULT_MIN_DAY_RECORDS = 150;

  private final Path root;
  private final Map<String, Long> records = new TreeMap<>();
  private final Map<String, Long> files = new TreeMap<>();
  private final List<InjectedFault> faults = new ArrayList<>();
  private Path lastDirectory;

  Landing(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** The partition folder; {@code segments} are {@code key=value} pairs, values not yet encoded. */
  Path partition(String system, String dataset, LocalDate date, String... segments) {
    Path dir = root.resolve(system).resolve(dataset).resolve("dt=" + date);
    for (int i = 0; i + 1 < segments.length; i += 2) {
      dir = dir.resolve(segments[i] + "=" + encode(segments[i + 1]));
    }
    return dir;
  }

  /** Writes one file and counts it and its records under {@code <system>/<dataset>}. */
  void write(String system, String dataset, Path file, byte[] bytes, long recordCount) {
    try {
      Path dir = file.getParent();
      if (!dir.equals(lastDirectory)) {
        Files.createDirectories(dir);
        lastDirectory = dir;
      }
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    String key = system + "/" + dataset;
    records.merge(key, recordCount, Long::sum);
    files.merge(key, 1L, Long::sum);
  }

  void fault(InjectedFault fault) {
    faults.add(fault);
  }

  Map<String, Long> records() {
    return Collections.unmodifiableMap(records);
  }

  Map<String, Long> files() {
    return Collections.unmodifiableMap(files);
  }

  List<InjectedFault> faults() {
    return List.copyOf(faults);
  }

  /**
   * URL-encodes a partition value as exporters do ({@code northwind/billing-api} becomes {@code
   * northwind%2Fbilling-api}): letters, digits and {@code -._~} stay, every other byte is {@code %XX}.
   */
  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
