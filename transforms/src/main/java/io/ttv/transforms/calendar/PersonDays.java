package io.ttv.transforms.calendar;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.Person;
import io.ttv.schemas.config.Team;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.CalendarAttendanceTable;
import io.ttv.schemas.tables.CalendarEventsTable;
import io.ttv.schemas.tables.CalendarsTable;
import io.ttv.schemas.tables.FactPersonDayTable;
import io.ttv.transforms.common.WorkingTime;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code calendar_events} + {@code calendar_attendance} + {@code calendars} -> {@code fact_person_day}
 * (contract 6.6): each config person's meeting, focus and fragmented hours per local date of their team's
 * zone.
 *
 * <p>Decisions the contract leaves open (docs/metrics.md, "fact_person_day"):
 *
 * <ul>
 *   <li>Only people of the config get rows. An attendee the config does not list ({@code email:...}) has no
 *       team, working hours or zone of their own; most are guests from outside engineering, and charging
 *       their meetings to {@code unassigned} would price other companies' time as our friction.
 *   <li>A person without a team: team {@code unassigned}, the reporting zone, and the default working time
 *       of section 3 (09:00-17:00, MON-FRI).
 *   <li>Durations are elapsed time between instants, so a working day 09:00-17:00 is 8 h on a DST switch
 *       day too, and a local date that lasts 23 or 25 hours holds that much busy time at most.
 *   <li>A meeting whose title matches both friction rules counts in both columns (contract 6.6): deploy
 *       planning by {@code calendar_events.category}, cross-team API by {@code is_api_topic}.
 * </ul>
 */
public final class PersonDays {
  private PersonDays() {}

  // the three kinds of interval merged and measured separately (a person's merged busy time, and the
  // merged time of the two friction categories, which may lie inside or outside working hours)
  private static final String BUSY = "busy";
  private static final String DEPLOY_PLANNING = "deploy_planning";
  private static final String CROSS_TEAM_API = "cross_team_api";

  private static final String PERSON = "_person";
  private static final String TEAM = "_team";
  private static final String ZONE = "_zone";
  private static final String WORK_START_SECOND = "_work_start_second";
  private static final String WORK_END_SECOND = "_work_end_second";
  private static final String WORKING_DAYS = "_working_days";
  private static final String KIND = "_kind";
  private static final String START = "_start";
  private static final String END = "_end";
  private static final String DATE = FactPersonDayTable.DATE;

  private static final long MICROS_PER_HOUR = 3_600_000_000L;

  /** The config's people with their team's zone and working time, one row each. */
  private static final StructType DIRECTORY =
      new StructType()
          .add(PERSON, DataTypes.StringType, false)
          .add(TEAM, DataTypes.StringType, false)
          .add(ZONE, DataTypes.StringType, false)
          .add(WORK_START_SECOND, DataTypes.IntegerType, false)
          .add(WORK_END_SECOND, DataTypes.IntegerType, false)
          .add(WORKING_DAYS, DataTypes.createArrayType(DataTypes.IntegerType, false), false);

  /**
   * One row per config person and local date of {@code from..to} that is a working day of the person's
   * team, or holds busy time of theirs; exactly {@link FactPersonDayTable#SCHEMA}. The hour columns are
   * elapsed hours (contract 6.6):
   *
   * <ul>
   *   <li>busy block: an occurrence not cancelled, not all day, busy for the person ({@code
   *       calendar_attendance.is_busy}), not declined by them, with {@code attendee_count} >= 2; a person's
   *       overlapping blocks are merged, then split at the local midnights of their zone;
   *   <li>{@code meeting_hours}: busy time inside the working hours of a working day;
   *   <li>{@code focus_hours}: the meeting-free gaps inside working hours (start of day to first block,
   *       between blocks, last block to end of day) of at least {@code focus.min_block_minutes};
   *   <li>{@code fragmented_hours}: working - meeting - focus;
   *   <li>{@code after_hours_meeting_hours}: the date's busy time outside working hours (all of it on a
   *       day that is not a working day);
   *   <li>{@code deploy_planning_meeting_hours}, {@code cross_team_api_meeting_hours}: the merged busy time
   *       on the date, in or out of working hours, of blocks of category {@code deploy_planning}, and of
   *       category {@code api} with two or more {@code teams}.
   * </ul>
   *
   * @param events {@code calendar_events}
   * @param attendance {@code calendar_attendance}
   * @param calendars {@code calendars} (who owns an exported calendar: {@code has_calendar})
   */
  public static Dataset<Row> daily(
      Dataset<Row> events, Dataset<Row> attendance, Dataset<Row> calendars, TtvConfig cfg, LocalDate from, LocalDate to) {
    SparkSession spark = events.sparkSession();
    Dataset<Row> directory = broadcast(spark.createDataFrame(directoryRows(cfg), DIRECTORY));
    long minFocusMicros = cfg.focus().minBlockMinutes() * 60_000_000L;

    // Two days either side of the window hold every zone's local dates of it; a block reaching further
    // (a week-long "meeting") is cut there after merging, so it is never split into more dates than that.
    Timestamp lo = Timestamp.from(from.minusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC));
    Timestamp hi = Timestamp.from(to.plusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC));
    Dataset<Row> pieces =
        busyBlocks(events, attendance, directory, lo, hi)
            .transform(PersonDays::merged)
            .withColumn(START, greatest(col(START), lit(lo)))
            .withColumn(END, least(col(END), lit(hi)))
            .transform(PersonDays::perLocalDate)
            .where(col(DATE).between(lit(from), lit(to)))
            .transform(PersonDays::withWorkingDay);

    Column isBusy = col(KIND).equalTo(BUSY);
    Column length = unix_micros(col(END)).minus(unix_micros(col(START)));
    Dataset<Row> busyPerDay =
        pieces
            .groupBy(col(PERSON), col(DATE))
            .agg(
                sum(when(isBusy, length)).as("_busy_micros"),
                sum(when(isBusy, insideWorkingHoursMicros())).as("_meeting_micros"),
                sum(when(col(KIND).equalTo(DEPLOY_PLANNING), length)).as("_deploy_micros"),
                sum(when(col(KIND).equalTo(CROSS_TEAM_API), length)).as("_api_micros"));

    // The meeting-free gaps before each busy block inside working hours; the gap after the last one is
    // measured against the end of the working day below (a day without blocks is one gap).
    Column clipStart = greatest(col(START), col("_work_start"));
    Column clipEnd = least(col(END), col("_work_end"));
    WindowSpec byStart = Window.partitionBy(col(PERSON), col(DATE)).orderBy(col("_clip_start"));
    Dataset<Row> gapsPerDay =
        pieces
            .where(isBusy.and(col("_is_working_day")).and(clipEnd.gt(clipStart)))
            .select(col(PERSON), col(DATE), col("_work_start"), clipStart.as("_clip_start"), clipEnd.as("_clip_end"))
            .withColumn(
                "_gap_micros",
                unix_micros(col("_clip_start")).minus(unix_micros(coalesce(lag(col("_clip_end"), 1).over(byStart), col("_work_start")))))
            .groupBy(col(PERSON), col(DATE))
            .agg(
                sum(when(col("_gap_micros").geq(minFocusMicros), col("_gap_micros"))).as("_focus_before_micros"),
                max(col("_clip_end")).as("_last_block_end"));

    Dataset<Row> owners =
        calendars.select(col(CalendarsTable.OWNER_PERSON_ID).as(PERSON)).distinct().withColumn("_has_calendar", lit(true));

    Dataset<Row> days =
        directory
            .withColumn(DATE, explode(sequence(lit(from), lit(to))))
            .transform(PersonDays::withWorkingDay)
            .join(busyPerDay, new String[] {PERSON, DATE}, "left")
            .join(gapsPerDay, new String[] {PERSON, DATE}, "left")
            .join(owners, new String[] {PERSON}, "left")
            .where(col("_is_working_day").or(col("_busy_micros").gt(0)));

    Column working = when(col("_is_working_day"), micros(col("_work_start"), col("_work_end"))).otherwise(lit(0L));
    Column meeting = coalesce(col("_meeting_micros"), lit(0L));
    Column tail = micros(coalesce(col("_last_block_end"), col("_work_start")), col("_work_end"));
    Column focus =
        when(
                col("_is_working_day"),
                coalesce(col("_focus_before_micros"), lit(0L)).plus(when(tail.geq(minFocusMicros), tail).otherwise(lit(0L))))
            .otherwise(lit(0L));
    return days.select(
        col(DATE).as(FactPersonDayTable.DATE),
        col(PERSON).as(FactPersonDayTable.PERSON_ID),
        col(TEAM).as(FactPersonDayTable.TEAM),
        hours(working).as(FactPersonDayTable.WORKING_HOURS),
        hours(meeting).as(FactPersonDayTable.MEETING_HOURS),
        hours(focus).as(FactPersonDayTable.FOCUS_HOURS),
        hours(working.minus(meeting).minus(focus)).as(FactPersonDayTable.FRAGMENTED_HOURS),
        hours(coalesce(col("_deploy_micros"), lit(0L))).as(FactPersonDayTable.DEPLOY_PLANNING_MEETING_HOURS),
        hours(coalesce(col("_api_micros"), lit(0L))).as(FactPersonDayTable.CROSS_TEAM_API_MEETING_HOURS),
        hours(coalesce(col("_busy_micros"), lit(0L)).minus(meeting)).as(FactPersonDayTable.AFTER_HOURS_MEETING_HOURS),
        coalesce(col("_has_calendar"), lit(false)).as(FactPersonDayTable.HAS_CALENDAR));
  }

  /**
   * The busy blocks of config people that overlap {@code lo..hi}, each tagged with the kinds it counts in:
   * {@code busy} always, plus {@code deploy_planning} or {@code cross_team_api} by its category and teams.
   */
  private static Dataset<Row> busyBlocks(Dataset<Row> events, Dataset<Row> attendance, Dataset<Row> directory, Timestamp lo, Timestamp hi) {
    Dataset<Row> occurrences =
        events
            .where(
                not(col(CalendarEventsTable.IS_CANCELLED))
                    .and(not(col(CalendarEventsTable.IS_ALL_DAY)))
                    .and(col(CalendarEventsTable.ATTENDEE_COUNT).geq(2))
                    .and(col(CalendarEventsTable.END_AT).gt(col(CalendarEventsTable.START_AT)))
                    .and(col(CalendarEventsTable.END_AT).gt(lit(lo)))
                    .and(col(CalendarEventsTable.START_AT).lt(lit(hi))))
            .select(
                col(CalendarEventsTable.EVENT_UID),
                col(CalendarEventsTable.RECURRENCE_ID),
                col(CalendarEventsTable.START_AT).as(START),
                col(CalendarEventsTable.END_AT).as(END),
                col(CalendarEventsTable.CATEGORY).as("_category"),
                col(CalendarEventsTable.IS_API_TOPIC).as("_api"),
                size(col(CalendarEventsTable.TEAMS)).as("_teams"));
    Dataset<Row> attending =
        attendance
            .where(col(CalendarAttendanceTable.IS_BUSY).and(col(CalendarAttendanceTable.RESPONSE).notEqual(CalendarAttendanceTable.DECLINED)))
            .select(
                col(CalendarAttendanceTable.EVENT_UID),
                col(CalendarAttendanceTable.RECURRENCE_ID),
                col(CalendarAttendanceTable.PERSON_ID).as(PERSON));
    Column kinds =
        array(
            lit(BUSY),
            when(col("_category").equalTo(CalendarEventsTable.DEPLOY_PLANNING), lit(DEPLOY_PLANNING)),
            when(col("_api").and(col("_teams").geq(2)), lit(CROSS_TEAM_API)));
    return attending
        .join(occurrences, new String[] {CalendarEventsTable.EVENT_UID, CalendarEventsTable.RECURRENCE_ID}, "inner")
        .join(directory, new String[] {PERSON}, "inner") // config people only (see the class comment)
        .withColumn(KIND, explode(kinds))
        .where(col(KIND).isNotNull())
        .select(col(PERSON), col(TEAM), col(ZONE), col(WORK_START_SECOND), col(WORK_END_SECOND), col(WORKING_DAYS), col(KIND), col(START), col(END));
  }

  /** Overlapping (or touching) intervals of one person and kind merged into one (the shared step). */
  private static Dataset<Row> merged(Dataset<Row> intervals) {
    return WorkingTime.merged(intervals, START, END);
  }

  /** Each interval cut at the local midnights of the person's zone: one piece per local date it touches. */
  private static Dataset<Row> perLocalDate(Dataset<Row> intervals) {
    return WorkingTime.perLocalDate(intervals, START, END, ZONE, DATE);
  }

  /** Adds whether {@code date} is a working day of the person, and that day's working hours as instants. */
  private static Dataset<Row> withWorkingDay(Dataset<Row> rows) {
    Column isoDayOfWeek = dayofweek(col(DATE)).plus(5).mod(7).plus(1); // Spark: 1 = Sunday; ISO: 1 = Monday
    return rows.withColumn("_is_working_day", array_contains(col(WORKING_DAYS), isoDayOfWeek))
        .withColumn("_work_start", atLocalTime(col(DATE), col(WORK_START_SECOND), col(ZONE)))
        .withColumn("_work_end", atLocalTime(col(DATE), col(WORK_END_SECOND), col(ZONE)));
  }

  /** The part of a piece inside its date's working hours, in microseconds (0 on a non-working day). */
  private static Column insideWorkingHoursMicros() {
    Column inside = micros(greatest(col(START), col("_work_start")), least(col(END), col("_work_end")));
    return when(col("_is_working_day").and(inside.gt(0)), inside).otherwise(lit(0L));
  }

  private static Column atLocalTime(Column date, Column secondOfDay, Column zone) {
    return WorkingTime.atLocalTime(date, secondOfDay, zone);
  }

  private static Column micros(Column start, Column end) {
    return unix_micros(end).minus(unix_micros(start));
  }

  private static Column hours(Column micros) {
    return micros.divide((double) MICROS_PER_HOUR);
  }

  /** The config's people as {@link #DIRECTORY} rows; a person without a team gets the defaults. */
  private static List<Row> directoryRows(TtvConfig cfg) {
    List<Row> rows = new ArrayList<>();
    for (Person p : cfg.people()) {
      Team team =
          p.team() == null
              ? new Team(Team.UNASSIGNED, cfg.reportingZone(), Team.DEFAULT_START, Team.DEFAULT_END, Team.DEFAULT_WORKING_DAYS)
              : cfg.team(p.team()).orElseThrow();
      rows.add(
          RowFactory.create(
              p.id(), team.name(), team.zone().getId(), secondOfDay(team.start()), secondOfDay(team.end()), isoDays(team.workingDays())));
    }
    return rows;
  }

  private static int secondOfDay(LocalTime t) {
    return t.toSecondOfDay();
  }

  private static List<Integer> isoDays(Set<DayOfWeek> days) {
    return days.stream().map(DayOfWeek::getValue).sorted().toList();
  }
}
