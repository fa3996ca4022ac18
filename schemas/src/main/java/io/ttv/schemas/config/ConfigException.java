package io.ttv.schemas.config;

import java.util.List;

/**
 * A config that cannot be used. {@link #problems()} holds every problem found, one line each,
 * naming the JSON path ({@code $.teams[0].timezone: unknown time zone 'Europe/Berln'}) or, for a
 * file that cannot be read or parsed, the file.
 */
public final class ConfigException extends RuntimeException {

  private final String source;
  private final List<String> problems;

  public ConfigException(String source, List<String> problems) {
    super(message(source, problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /** The file (or other name) the config came from. */
  public String source() {
    return source;
  }

  /** Every problem, one line each. */
  public List<String> problems() {
    return problems;
  }

  private static String message(String source, List<String> problems) {
    String head =
        problems.size() == 1
            ? "1 problem in config " + source
            : problems.size() + " problems in config " + source;
    return head + ":\n  " + String.join("\n  ", problems);
  }
}
