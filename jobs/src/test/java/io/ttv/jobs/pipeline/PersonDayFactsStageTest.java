package io.ttv.jobs.pipeline;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.date;
import static io.ttv.testing.RawFixtures.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.jobs.spark.DeltaTables;
import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.CalendarAttendanceTable;
import io.ttv.schemas.tables.CalendarEventsTable;
import io.ttv.schemas.tables.FactFrictionDailyTable;
import io.ttv.schemas.tables.FactPersonDayTable;
import io.ttv.schemas.tables.FrictionIntervalsTable;
import io.ttv.testing.TestSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facts stage and fact_person_day: not written while no calendar source is enabled; with one, a
 * replaceWhere of the window's dates (the arithmetic is PersonDaysTest's; here only the wiring); and the
 * friction tables the same run writes from it.
 */
@Tag("slow") // two facts runs with Delta writes
class PersonDayFactsStageTest {
  @TempDir static Path dir;

  private static TtvConfig config(boolean ics) {
    return ConfigLoader.parse(
        "{\"warehouse\":\"" + dir.resolve("wh") + "\",\"landing\":\"" + dir.resolve("landing") + "\",\"late_data_days\":0,"
            + "\"sources\":{\"ics\":{\"enabled\":" + ics + "}},"
            + "\"teams\":[{\"name\":\"payments\",\"timezone\":\"Europe/Berlin\"}],"
            + "\"people\":[{\"id\":\"ana\",\"team\":\"payments\",\"emails\":[\"ana@example.com\"]},"
            + "{\"id\":\"ben\",\"team\":\"payments\",\"emails\":[\"ben@example.com\"]}]}",
        "test");
  }

  private static void facts(SparkSession spark, TtvConfig cfg, String date) {
    LocalDate d = LocalDate.parse(date);
    FactsStage.run(new RunContext(cfg, spark, d, d, "test", Instant.parse("2026-06-05T00:00:00Z"), null));
  }

  @Test
  void writtenOnlyWithACalendarSourceAndOnlyForTheWindowsDates() {
    SparkSession spark = TestSpark.session();
    TtvConfig off = config(false);
    facts(spark, off, "2026-06-04");
    assertThat(DeltaTables.exists(spark, off.tablePath(FactPersonDayTable.NAME))).as("fact_person_day without a calendar source").isFalse();

    // ana and ben in a one-hour meeting 10:00-11:00 Berlin (08:00-09:00Z) on Thursday 2026-06-04
    TtvConfig on = config(true);
    Dataset<Row> events =
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    "m1", "2026-06-04T08:00:00Z", "ics", ts("2026-06-04T08:00:00Z"), ts("2026-06-04T09:00:00Z"), "Europe/Berlin", false,
                    false, false, true, "ana@example.com", "ana", 2, List.of("payments"), "deploy_planning", false, null, null, date("2026-06-04"),
                    "calendar.ics", 0L)),
            CalendarEventsTable.SCHEMA);
    Dataset<Row> attendance =
        spark.createDataFrame(
            List.of(
                RowFactory.create("m1", "2026-06-04T08:00:00Z", "ana", "ana@example.com", true, true, "accepted", true, true,
                    date("2026-06-04"), "calendar.ics", 0L),
                RowFactory.create("m1", "2026-06-04T08:00:00Z", "ben", "ben@example.com", true, false, "none", true, false,
                    date("2026-06-04"), "calendar.ics", 0L)),
            CalendarAttendanceTable.SCHEMA);
    DeltaTables.append(spark, CalendarEventsTable.TABLE, on.tablePath(CalendarEventsTable.NAME), events);
    DeltaTables.append(spark, CalendarAttendanceTable.TABLE, on.tablePath(CalendarAttendanceTable.NAME), attendance);
    // no calendars table: nobody owns an exported calendar yet (read as empty, not created)
    facts(spark, on, "2026-06-04");
    facts(spark, on, "2026-06-05");
    facts(spark, on, "2026-06-04"); // again: the same rows, not twice

    // 06-04: 1 h meeting 10-11, gaps 09-10 (1 h, fragmented) and 11-17 (6 h focus); 06-05: no meetings
    Dataset<Row> table = spark.read().format("delta").load(on.tablePath(FactPersonDayTable.NAME));
    assertRows(
        table,
        new String[] {"date", "person_id", "team", "working_hours", "meeting_hours", "focus_hours", "fragmented_hours", "has_calendar"},
        new Object[] {date("2026-06-04"), "ana", "payments", 8.0, 1.0, 6.0, 1.0, false},
        new Object[] {date("2026-06-04"), "ben", "payments", 8.0, 1.0, 6.0, 1.0, false},
        new Object[] {date("2026-06-05"), "ana", "payments", 8.0, 0.0, 8.0, 0.0, false},
        new Object[] {date("2026-06-05"), "ben", "payments", 8.0, 0.0, 8.0, 0.0, false});
    assertThat(DeltaTables.exists(spark, on.tablePath("calendars"))).as("calendars is read, not created").isFalse();

    // friction from the same facts run (FrictionFactsTest has the arithmetic): the meeting is a release
    // planning, 1 h for each of ana and ben; no other source is enabled, so their columns are null; 06-04
    // written twice holds its rows once
    assertRows(
        spark.read().format("delta").load(on.tablePath(FactFrictionDailyTable.NAME)),
        new String[] {"date", "team", "deploy_planning_meeting_hours", "lost_focus_hours", "build_wait_hours", "friction_hours"},
        new Object[] {date("2026-06-04"), "payments", 2.0, 0.0, null, 2.0},
        new Object[] {date("2026-06-05"), "payments", 0.0, 0.0, null, 0.0});
    assertRows(
        spark.read().format("delta").load(on.tablePath(FrictionIntervalsTable.NAME)),
        new String[] {"date", "team", "crack", "person_id", "hours"},
        new Object[] {date("2026-06-04"), "payments", "deploy_planning_meeting", "ana", 1.0},
        new Object[] {date("2026-06-04"), "payments", "deploy_planning_meeting", "ben", 1.0});
  }
}
