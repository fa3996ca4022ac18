package io.ttv.transforms.calendar;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.trim;

import io.ttv.schemas.tables.RawTables;
import io.ttv.transforms.common.Cols;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The window of occurrences each calendar record expands (docs/metrics.md, "Calendar window"). The
 * normalise step reads export dates {@code from..to}; a raw record of owner O exported on E expands the
 * occurrences that start in
 *
 * <pre>
 *   [ start of (O's previous export date in this run, else from - late_data_days) - 1 day,
 *     end of (O's next export date in this run - 1 day, else to) + 1 day )
 * </pre>
 *
 * (the day on each side is a margin for time zones: windows are in UTC, meetings in local days). A
 * backfill over daily exports thus expands each day from about two exports (the newest wins), a nightly
 * run only the days it recomputes, and a single export that covers a year the whole run. A rule that never
 * ends is bounded by it. Previous and next export are per (system, owner), from the distinct export dates
 * of the run's raw rows (one row per ICS file; small either way), by a window function.
 */
public final class CalendarWindow {
  private CalendarWindow() {}

  /** The owner ({@code owner=} folder, lower case), the first and the end (exclusive) instants of the window. */
  public static final String OWNER = "_owner";

  public static final String FROM = "_window_from";
  public static final String TO = "_window_to";

  /** The owner of a raw record: its {@code owner=<email>} folder, lower case; null when absent. */
  public static Column owner() {
    return lower(nullif(trim(Cols.pathParam(col(RawTables.PATH_PARAMS), "owner")), lit("")));
  }

  /** {@code raw} with {@link #OWNER}, {@link #FROM} and {@link #TO}. */
  public static Dataset<Row> withWindow(Dataset<Row> raw, LocalDate from, LocalDate to, int lateDataDays) {
    Dataset<Row> withOwner = raw.withColumn(OWNER, owner());
    Column runStart = lit(Date.valueOf(from.minusDays(lateDataDays)));
    Column runEnd = lit(Date.valueOf(to));
    WindowSpec byOwner = Window.partitionBy(col("_w_system"), col("_w_owner")).orderBy(col("_w_date"));
    Dataset<Row> dates =
        withOwner
            .select(col(RawTables.SOURCE_SYSTEM).as("_w_system"), col(OWNER).as("_w_owner"), col(RawTables.EXPORT_DATE).as("_w_date"))
            .distinct()
            .withColumn("_w_prev", lag(col("_w_date"), 1).over(byOwner))
            .withColumn("_w_next", lead(col("_w_date"), 1).over(byOwner))
            .withColumn(FROM, midnightUtc(date_sub(coalesce(col("_w_prev"), runStart), 1)))
            .withColumn(TO, midnightUtc(date_add(coalesce(date_sub(col("_w_next"), 1), runEnd), 2)));
    return withOwner
        .join(
            dates,
            col(RawTables.SOURCE_SYSTEM).equalTo(col("_w_system"))
                .and(col(OWNER).eqNullSafe(col("_w_owner")))
                .and(col(RawTables.EXPORT_DATE).equalTo(col("_w_date"))),
            "inner")
        .drop("_w_system", "_w_owner", "_w_date", "_w_prev", "_w_next");
  }

  /** 00:00 UTC of a date, whatever the session's time zone. */
  private static Column midnightUtc(Column date) {
    return timestamp_seconds(unix_date(date).cast("long").multiply(86_400L));
  }
}
