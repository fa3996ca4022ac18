package io.ttv.jobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docs/benchmarks.md}: one section per benchmark ({@code ttv bench}, {@code ttv bench walk}),
 * each between its own comment markers. A run replaces its own section and leaves the others; a
 * section not there yet is appended, and a file not there yet is created with a short header.
 */
public final class BenchmarksFile {
  private BenchmarksFile() {}

  static final String HEADER =
      "# Benchmarks\n\n"
          + "Measured by `ttv bench` (the pipeline against a bare-copy floor) and `ttv bench walk` (the commit-graph\n"
          + "walk). Each command rewrites its own section of this file with its latest run; the machine, versions and\n"
          + "load are written next to the figures, which are single runs and only comparable on a quiet machine.\n";

  /** Writes {@code body} as the section {@code id} of {@code file}. */
  public static void writeSection(Path file, String id, String body) {
    String begin = "<!-- ttv bench: " + id + " -->";
    String end = "<!-- /ttv bench: " + id + " -->";
    String section = begin + "\n" + body.strip() + "\n" + end;
    try {
      String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : HEADER;
      int b = text.indexOf(begin);
      int e = text.indexOf(end);
      String updated;
      if (b >= 0 && e > b) {
        updated = text.substring(0, b) + section + text.substring(e + end.length());
      } else {
        updated = text.stripTrailing() + "\n\n" + section + "\n";
      }
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.writeString(file, updated, StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
    }
  }

  /** A markdown table padded so it also reads as plain text; columns after the first are right-aligned. */
  static List<String> table(String[] header, List<String[]> rows) {
    int[] width = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      width[i] = Math.max(3, header[i].length());
      for (String[] r : rows) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    List<String> out = new ArrayList<>();
    out.add(line(header, width));
    String[] rule = new String[header.length];
    for (int i = 0; i < header.length; i++) {
      rule[i] = i == 0 ? "-".repeat(width[i]) : "-".repeat(width[i] - 1) + ":";
    }
    out.add(line(rule, width));
    for (String[] r : rows) {
      out.add(line(r, width));
    }
    return out;
  }

  private static String line(String[] cells, int[] width) {
    StringBuilder sb = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i];
      String pad = " ".repeat(width[i] - c.length());
      sb.append(' ').append(i == 0 ? c + pad : pad + c).append(" |");
    }
    return sb.toString();
  }
}
