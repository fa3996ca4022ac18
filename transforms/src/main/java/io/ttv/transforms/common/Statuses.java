package io.ttv.transforms.common;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * Maps a system's status words onto ttv's conclusions. A word the map does not know is never an
 * error: it becomes {@link #UNKNOWN} (the raw value stays in the table's status column) and a
 * {@link NormalizedRows#NOTE} so the run counts it.
 */
public final class Statuses {
  private Statuses() {}

  public static final String UNKNOWN = "unknown";

  /** Marks a status that is known and means "not finished yet" (the conclusion is then null). */
  public static final String RUNNING = "";

  /**
   * The conclusion for {@code status} (compared lower-case): the mapped value, null for a known
   * unfinished status or a null status, {@link #UNKNOWN} otherwise.
   */
  public static Column conclusion(Column status, Map<String, String> known) {
    Column s = lower(status);
    Column out = lit(UNKNOWN);
    for (Map.Entry<String, String> e : known.entrySet()) {
      Column value = e.getValue().equals(RUNNING) ? lit(null).cast("string") : lit(e.getValue());
      out = when(s.equalTo(e.getKey()), value).otherwise(out);
    }
    return when(status.isNotNull(), out);
  }

  /** A note when {@code status} is present and not in {@code known}; null otherwise. */
  public static Column noteIfUnknown(String what, Column status, Map<String, String> known) {
    Column s = lower(status);
    Column isKnown = lit(false);
    for (String k : known.keySet()) {
      isKnown = isKnown.or(s.equalTo(k));
    }
    return when(status.isNotNull().and(isKnown.unary_$bang()), concat(lit("unknown " + what + " '"), status, lit("'")));
  }
}
