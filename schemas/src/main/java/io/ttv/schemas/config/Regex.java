package io.ttv.schemas.config;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A regular expression from the config: the source as the user wrote it (what Spark's {@code rlike}
 * takes, since Spark uses Java's regex dialect) and the compiled pattern (for code outside Spark).
 *
 * <p>Matching is "found anywhere", as {@code rlike} does: anchor with {@code ^}/{@code $} to match
 * a whole name. A rule that is switched off is {@link #NEVER}, a real pattern that matches nothing,
 * so callers need no null check and Spark gets a valid expression either way.
 *
 * <p>Equality is by source: {@link Pattern} itself only has identity equality.
 */
public record Regex(String source, Pattern pattern) implements Serializable {

  /** The source of {@link #NEVER}: an empty lookahead that fails at every position. */
  public static final String NEVER_SOURCE = "(?!)";

  /** Matches nothing: what an empty string or an absent "none" default in the config means. */
  public static final Regex NEVER = of(NEVER_SOURCE);

  public Regex {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(pattern, "pattern");
    if (!pattern.pattern().equals(source)) {
      throw new IllegalArgumentException("pattern must be Pattern.compile(source)");
    }
  }

  /**
   * Compiles {@code source}; an empty string gives {@link #NEVER} (an empty Java regex would match
   * everything, which no rule of the config ever wants).
   *
   * @throws java.util.regex.PatternSyntaxException when the source is not a valid Java regex
   */
  public static Regex of(String source) {
    String effective = source.isEmpty() ? NEVER_SOURCE : source;
    return new Regex(effective, Pattern.compile(effective));
  }

  /**
   * True when the pattern occurs anywhere in {@code input} (Spark's {@code rlike}); false for null.
   */
  public boolean foundIn(CharSequence input) {
    return input != null && pattern.matcher(input).find();
  }

  /** True for the pattern that matches nothing (a switched-off rule). */
  public boolean isNever() {
    return NEVER_SOURCE.equals(source);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Regex other && source.equals(other.source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return isNever() ? "none" : source;
  }
}
