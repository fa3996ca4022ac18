package io.ttv.jobs.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads a generated landing zone back with plain Jackson, as a test oracle independent of ttv's readers. */
final class Exports {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DT = Pattern.compile("dt=(\\d{4}-\\d{2}-\\d{2})");

  /** One record and where it came from. */
  record Item(String dt, Path file, JsonNode node) {}

  final List<Item> runs = new ArrayList<>();
  final List<Item> jobs = new ArrayList<>();
  /** Files (or NDJSON lines, as "file:line") that did not parse. */
  final List<String> unreadable = new ArrayList<>();
  final List<Path> runFiles = new ArrayList<>();
  /** The wrapper pages ({@code .json}, {@code .json.gz}). */
  final List<Item> runPages = new ArrayList<>();

  static Exports read(Path landing) {
    return read(landing, true);
  }

  /** Reads the runs, and the jobs too when {@code withJobs}. */
  static Exports read(Path landing, boolean withJobs) {
    Exports e = new Exports();
    for (Path file : files(landing.resolve("github/workflow_runs"))) {
      e.runFiles.add(file);
      String dt = dt(file);
      String name = file.getFileName().toString();
      if (name.endsWith(".ndjson")) {
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
          try {
            e.runs.add(new Item(dt, file, JSON.readTree(lines.get(i))));
          } catch (IOException ex) {
            e.unreadable.add(file + ":" + (i + 1));
          }
        }
      } else {
        JsonNode page = parse(file, e);
        if (page != null) {
          e.runPages.add(new Item(dt, file, page));
          page.get("workflow_runs").forEach(r -> e.runs.add(new Item(dt, file, r)));
        }
      }
    }
    for (Path file : withJobs ? files(landing.resolve("github/workflow_jobs")) : List.<Path>of()) {
      JsonNode page = parse(file, e);
      if (page != null) {
        page.get("jobs").forEach(j -> e.jobs.add(new Item(dt(file), file, j)));
      }
    }
    return e;
  }

  private static JsonNode parse(Path file, Exports e) {
    try (InputStream in = open(file)) {
      return JSON.readTree(in);
    } catch (IOException ex) {
      e.unreadable.add(file.toString());
      return null;
    }
  }

  static InputStream open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    return file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
  }

  static List<Path> files(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  static String dt(Path file) {
    Matcher m = DT.matcher(file.toString());
    if (!m.find()) {
      throw new IllegalArgumentException("no dt= in " + file);
    }
    return m.group(1);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
