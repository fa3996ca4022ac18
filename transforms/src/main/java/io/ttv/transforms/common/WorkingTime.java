package io.ttv.transforms.common;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.Team;
import io.ttv.schemas.config.TtvConfig;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The working-time calendar of contract 6.6/6.7, shared by every metric that clips to working time: a
 * team's zone, working days and working hours ({@link Team}), as plain Spark columns over intervals.
 *
 * <p>An interval is two timestamp columns (start inclusive, end exclusive). The steps:
 *
 * <ul>
 *   <li>{@link #withTeamCalendar}: adds the zone and working time of a row's team (a team the config does
 *       not list, and {@code unassigned}: the reporting zone with the default 09:00-17:00, MON-FRI);
 *   <li>{@link #merged} / {@link #withoutOverlaps}: an hour of one person or item counted once;
 *   <li>{@link #perLocalDate}: cut at the local midnights of the zone, one piece per local date;
 *   <li>{@link #clipped}: the same, keeping only the part of each piece inside that date's working hours
 *       (nothing on a day that is not a working day).
 * </ul>
 *
 * <p>Durations are elapsed time between instants: a working day 09:00-17:00 is 8 hours on a DST switch day
 * too, and a local date of 23 or 25 hours holds that much time. A working-hours bound that a DST switch
 * skips (02:30 on a spring-forward night) moves forward by the gap, as {@code java.time} does. Nothing
 * depends on the session's time zone.
 */
public final class WorkingTime {
  private WorkingTime() {}

  /** The calendar columns {@link #withTeamCalendar} adds. */
  public static final String ZONE = "_wt_zone";

  public static final String WORK_START_SECOND = "_wt_work_start_second";
  public static final String WORK_END_SECOND = "_wt_work_end_second";
  public static final String WORKING_DAYS = "_wt_working_days";

  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final double MICROS_PER_HOUR = 3_600_000_000.0;

  /** The working time of a team the config does not list (and of {@code unassigned}). */
  public static Team defaultTeam(String name, TtvConfig cfg) {
    return Team.withDefaults(name, cfg.reportingZone());
  }

  /**
   * Adds {@link #ZONE}, {@link #WORK_START_SECOND}, {@link #WORK_END_SECOND} and {@link #WORKING_DAYS}
   * (ISO days, 1 = Monday) of the team named in {@code teamColumn}; a team the config does not list gets
   * the reporting zone and the default working time.
   */
  public static Dataset<Row> withTeamCalendar(Dataset<Row> rows, String teamColumn, TtvConfig cfg) {
    Team fallback = defaultTeam(Team.UNASSIGNED, cfg);
    List<Column> zones = new ArrayList<>();
    List<Column> starts = new ArrayList<>();
    List<Column> ends = new ArrayList<>();
    List<Column> days = new ArrayList<>();
    for (Team t : cfg.teams()) {
      zones.addAll(List.of(lit(t.name()), lit(t.zone().getId())));
      starts.addAll(List.of(lit(t.name()), lit(t.start().toSecondOfDay())));
      ends.addAll(List.of(lit(t.name()), lit(t.end().toSecondOfDay())));
      days.addAll(List.of(lit(t.name()), isoDays(t)));
    }
    Column team = col(teamColumn);
    return rows.withColumn(ZONE, lookup(zones, team, lit(fallback.zone().getId())))
        .withColumn(WORK_START_SECOND, lookup(starts, team, lit(fallback.start().toSecondOfDay())))
        .withColumn(WORK_END_SECOND, lookup(ends, team, lit(fallback.end().toSecondOfDay())))
        .withColumn(WORKING_DAYS, lookup(days, team, isoDays(fallback)));
  }

  /** Drops the columns {@link #withTeamCalendar} added. */
  public static Dataset<Row> withoutTeamCalendar(Dataset<Row> rows) {
    return rows.drop(ZONE, WORK_START_SECOND, WORK_END_SECOND, WORKING_DAYS);
  }

  private static Column lookup(List<Column> pairs, Column key, Column fallback) {
    return pairs.isEmpty() ? fallback : coalesce(try_element_at(map(pairs.toArray(Column[]::new)), key), fallback);
  }

  private static Column isoDays(Team t) {
    return org.apache.spark.sql.functions.array(
        t.workingDays().stream().map(DayOfWeek::getValue).sorted().map(d -> lit(d)).toArray(Column[]::new));
  }

  /**
   * The instant of a local date and second of the day in {@code zone}. A wall-clock time that a DST switch
   * skips is moved forward by the gap, as {@code java.time} does. Independent of the session's time zone:
   * {@code unix_date}, {@code timestamp_seconds} and {@code to_utc_timestamp} all work on UTC wall clocks.
   */
  public static Column atLocalTime(Column date, Column secondOfDay, Column zone) {
    return to_utc_timestamp(timestamp_seconds(unix_date(date).cast("long").multiply(86_400L).plus(secondOfDay)), zone);
  }

  /** The local date of an instant in {@code zone} (independent of the session's time zone). */
  public static Column localDate(Column instant, Column zone) {
    return date_from_unix_date(floor(unix_micros(from_utc_timestamp(instant, zone)).divide(MICROS_PER_DAY)).cast("int"));
  }

  /** Whether {@code date} is a working day of the row's team ({@link #withTeamCalendar} columns). */
  public static Column isWorkingDay(Column date) {
    Column isoDayOfWeek = dayofweek(date).plus(5).mod(7).plus(1); // Spark: 1 = Sunday; ISO: 1 = Monday
    return array_contains(col(WORKING_DAYS), isoDayOfWeek);
  }

  /** Whether an instant falls inside the working time of the row's team (its local working day and hours). */
  public static Column isWorkingTime(Column instant) {
    Column date = localDate(instant, col(ZONE));
    return isWorkingDay(date)
        .and(instant.geq(atLocalTime(date, col(WORK_START_SECOND), col(ZONE))))
        .and(instant.lt(atLocalTime(date, col(WORK_END_SECOND), col(ZONE))));
  }

  /** The start of a local date in {@code zone}: its midnight. */
  public static Column startOfDate(Column date, Column zone) {
    return atLocalTime(date, lit(0), zone);
  }

  /**
   * Each interval cut at the local midnights of its {@code zoneColumn}: one row per local date it touches,
   * with that date in {@code dateColumn} and start/end narrowed to the date. An interval ending exactly at
   * midnight leaves nothing on the next date.
   */
  public static Dataset<Row> perLocalDate(Dataset<Row> intervals, String start, String end, String zoneColumn, String dateColumn) {
    Column zone = col(zoneColumn);
    return intervals
        .withColumn(dateColumn, explode(sequence(localDate(col(start), zone), localDate(col(end), zone))))
        .withColumn(start, greatest(col(start), startOfDate(col(dateColumn), zone)))
        .withColumn(end, least(col(end), startOfDate(date_add(col(dateColumn), 1), zone)))
        .where(col(end).gt(col(start)));
  }

  /**
   * The parts of each interval inside the working time of its team ({@link #withTeamCalendar} columns):
   * cut at local midnights, then narrowed to the date's working hours; dates that are not working days,
   * and pieces outside the hours, leave no row.
   */
  public static Dataset<Row> clipped(Dataset<Row> intervals, String start, String end, String dateColumn) {
    Column date = col(dateColumn);
    return perLocalDate(intervals, start, end, ZONE, dateColumn)
        .where(isWorkingDay(date))
        .withColumn(start, greatest(col(start), atLocalTime(date, col(WORK_START_SECOND), col(ZONE))))
        .withColumn(end, least(col(end), atLocalTime(date, col(WORK_END_SECOND), col(ZONE))))
        .where(col(end).gt(col(start)));
  }

  /**
   * Overlapping (or touching) intervals merged into one, among rows equal in every other column: sorted
   * by start, an interval opens a new group when it starts after every earlier interval has ended.
   */
  public static Dataset<Row> merged(Dataset<Row> intervals, String start, String end) {
    Column[] keys =
        Arrays.stream(intervals.columns()).filter(c -> !c.equals(start) && !c.equals(end)).map(c -> col(c)).toArray(Column[]::new);
    WindowSpec ordered = Window.partitionBy(keys).orderBy(col(start), col(end));
    Column reach = max(col(end)).over(ordered.rowsBetween(Window.unboundedPreceding(), -1));
    Column opens = when(reach.isNull().or(col(start).gt(reach)), 1).otherwise(0);
    return intervals
        .withColumn("_wt_opens", opens)
        .withColumn("_wt_group", sum(col("_wt_opens")).over(ordered.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
        .groupBy(concat(keys, col("_wt_group")))
        .agg(min(col(start)).as(start), max(col(end)).as(end))
        .drop("_wt_group")
        .select(Arrays.stream(intervals.columns()).map(c -> col(c)).toArray(Column[]::new));
  }

  /**
   * Each interval narrowed to the part no earlier interval of the same {@code keys} covers (earlier: by
   * start, then by {@code tieBreak}); intervals left empty are dropped. The pieces are disjoint and cover
   * the union of the group's intervals exactly, like {@link #merged}, but every piece keeps the record it
   * came from, so a drill-down can name it.
   */
  public static Dataset<Row> withoutOverlaps(Dataset<Row> intervals, List<String> keys, String start, String end, String tieBreak) {
    WindowSpec ordered =
        Window.partitionBy(keys.stream().map(c -> col(c)).toArray(Column[]::new)).orderBy(col(start), col(tieBreak));
    Column reach = max(col(end)).over(ordered.rowsBetween(Window.unboundedPreceding(), -1));
    return intervals
        .withColumn(start, when(reach.isNull(), col(start)).otherwise(greatest(col(start), reach)))
        .where(col(end).gt(col(start)));
  }

  /** {@code end - start} in hours. */
  public static Column hours(Column start, Column end) {
    return unix_micros(end).minus(unix_micros(start)).divide(MICROS_PER_HOUR);
  }

  private static Column[] concat(Column[] keys, Column extra) {
    Column[] all = Arrays.copyOf(keys, keys.length + 1);
    all[keys.length] = extra;
    return all;
  }
}
