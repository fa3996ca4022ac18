package io.ttv.jobs.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes test landing zones: {@code <root>/<system>/<dataset>/dt=<date>/<segments>/<file>}. */
final class Landing {
  private final Path root;

  Landing(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** Copies a test resource (the real samples live in the transforms test-jar under /fixtures). */
  Landing copy(String system, String dataset, String date, String segments, String fileName, String resource) {
    try (InputStream in = Landing.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      Path f = file(system, dataset, date, segments, fileName);
      Files.copy(in, f);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Landing write(String system, String dataset, String date, String segments, String fileName, String text) {
    try {
      Files.writeString(file(system, dataset, date, segments, fileName), text, StandardCharsets.UTF_8);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path file(String system, String dataset, String date, String segments, String fileName) throws IOException {
    Path dir = root.resolve(system).resolve(dataset).resolve("dt=" + date);
    if (!segments.isEmpty()) {
      dir = dir.resolve(segments);
    }
    Files.createDirectories(dir);
    return dir.resolve(fileName);
  }
}
