package io.ttv.transforms.common;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/** Timestamps as APIs write them (ISO-8601 with Z or an offset), parsed with a check. */
public final class Times {
  private Times() {}

  /**
   * The instant of an ISO-8601 date-time string, or null (never an error) when it is missing or
   * malformed. Spark's cast alone is too lenient for API data: it reads {@code "12345"} as the year
   * 12345, so the text must look like a date and a time first.
   */
  public static Column parse(Column isoText) {
    return when(isoText.rlike(ISO_DATE_TIME), isoText.try_cast(DataTypes.TimestampType));
  }

  private static final String ISO_DATE_TIME = "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}";

  /** A problem text when the field is present but not a timestamp; null otherwise. */
  public static Column problemIfMalformed(String field, Column isoText) {
    return when(
        isoText.isNotNull().and(parse(isoText).isNull()),
        concat(lit(field + " '"), isoText, lit("' is not an ISO-8601 timestamp")));
  }

  /** Seconds from {@code start} to {@code end} (fractional), null when either is null. */
  public static Column secondsBetween(Column start, Column end) {
    return unix_micros(end).minus(unix_micros(start)).divide(1_000_000.0);
  }

  /** Like {@link #secondsBetween} but null when negative: clock skew in an export is not a duration. */
  public static Column nonNegativeSeconds(Column start, Column end) {
    Column s = secondsBetween(start, end);
    return when(s.geq(0), s);
  }
}
