package io.ttv.schemas.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * {@code report}: the leaders' report.
 *
 * @param outUri where reports are written, a normalised URI without a trailing slash (default: the
 *     folder {@code reports} next to the warehouse, {@code <warehouse>/../reports})
 * @param weeks how many weeks a report covers, at least 1
 * @param minGroupSize the smallest team shown by name (smaller teams are folded into "other
 *     teams"), at least 1
 */
public record Report(String outUri, int weeks, int minGroupSize) implements Serializable {

  public static final int DEFAULT_WEEKS = 13;
  public static final int DEFAULT_MIN_GROUP_SIZE = 5;

  public Report {
    Objects.requireNonNull(outUri, "outUri");
    if (weeks < 1) {
      throw new IllegalArgumentException("report weeks must be 1 or more, got " + weeks);
    }
    if (minGroupSize < 1) {
      throw new IllegalArgumentException("min_group_size must be 1 or more, got " + minGroupSize);
    }
  }
}
