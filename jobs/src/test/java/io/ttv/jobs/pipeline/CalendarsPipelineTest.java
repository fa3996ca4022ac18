package io.ttv.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.testing.TestSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ICS and Google calendars through ingest and normalize, one nightly run per export date: an .ics file is
 * one raw record, occurrences are expanded inside the run's window, attendance and calendars are merged,
 * and a second night moves the calendars' last export date but not their first.
 */
@Tag("slow") // two ingest+normalize runs
class CalendarsPipelineTest {
  @TempDir static Path dir;

  private static final String DAILY =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:daily-1\r\nSUMMARY:Standup\r\nDTSTART;TZID=Europe/Berlin:20260101T093000\r\n"
          + "DURATION:PT15M\r\nRRULE:FREQ=DAILY\r\nORGANIZER:mailto:ana@example.com\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:bo@example.com\r\n"
          + "END:VEVENT\r\nEND:VCALENDAR\r\n";

  private static Dataset<Row> table(SparkSession spark, TtvConfig cfg, String name) {
    Dataset<Row> d = spark.read().format("delta").load(cfg.tablePath(name));
    return spark.createDataFrame(d.collectAsList(), d.schema());
  }

  @Test
  void nightlyRunsExpandTheirWindowAndKeepTheCalendarsSpan() {
    SparkSession spark = TestSpark.session();
    Landing landing = new Landing(dir.resolve("landing"));
    landing
        .write("ics", "calendars", "2026-03-10", "owner=ana%40example.com", "ana.ics", DAILY)
        .copy("google_calendar", "events", "2026-03-10", "owner=bo%40example.com", "page1.json",
            "/fixtures/google-calendar/handmade_events_list_series_declined_cancelled_instance.json")
        .write("ics", "calendars", "2026-03-11", "owner=ana%40example.com", "ana.ics", DAILY);
    TtvConfig cfg =
        ConfigLoader.parse(
            "{\"warehouse\":\"" + dir.resolve("wh") + "\",\"landing\":\"" + landing.root() + "\",\"late_data_days\":2,"
                + "\"teams\":[{\"name\":\"payments\",\"timezone\":\"Europe/Berlin\"}],"
                + "\"people\":[{\"id\":\"ana\",\"team\":\"payments\",\"emails\":[\"ana@example.com\"]},"
                + "{\"id\":\"bo\",\"team\":\"payments\",\"emails\":[\"bo@example.com\"]}]}",
            "test");
    Pipeline.Result first = Pipeline.run(spark, cfg, "run", LocalDate.parse("2026-03-10"), LocalDate.parse("2026-03-10"),
        List.of(Stage.INGEST, Stage.NORMALIZE));
    // ana's standup, night of Mar 10, late_data_days 2: window [Mar 8 - 1 day, Mar 10 + 1 day] = Mar 7..11 00:00Z
    // -> daily 08:30Z on Mar 7, 8, 9, 10, 11: five occurrences
    Dataset<Row> events = table(spark, cfg, "calendar_events");
    assertThat(events.where("event_uid = 'daily-1'").count()).isEqualTo(5);
    // bo's Google page: the series' Mar 16 is outside the window; the all-day offsite (Mar 18) too: nothing
    assertThat(events.where("source_system = 'google_calendar'").count()).isZero();
    assertThat(table(spark, cfg, "calendar_attendance").where("event_uid = 'daily-1'").count()).isEqualTo(10); // ana, bo x 5
    assertThat(first.identities().matched()).containsEntry("ics", 2L);
    Dataset<Row> calendars = table(spark, cfg, "calendars");
    // bo's calendar counts although no meeting of it fell in the window
    assertThat(calendars.selectExpr("concat(source_system, ' ', owner_person_id, ' ', first_export_date, ' ', last_export_date)")
            .as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactlyInAnyOrder("ics ana 2026-03-10 2026-03-10", "google_calendar bo 2026-03-10 2026-03-10");

    Pipeline.run(spark, cfg, "run", LocalDate.parse("2026-03-11"), LocalDate.parse("2026-03-11"), List.of(Stage.INGEST, Stage.NORMALIZE));
    // Mar 11's window reaches Mar 12: one more occurrence; the calendar's span grows at its end only
    assertThat(table(spark, cfg, "calendar_events").where("event_uid = 'daily-1'").count()).isEqualTo(6);
    assertThat(table(spark, cfg, "calendars").where("source_system = 'ics'").selectExpr("concat(first_export_date, ' ', last_export_date)")
            .as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactly("2026-03-10 2026-03-11");
    assertThat(spark.read().format("delta").load(cfg.tablePath("quarantine")).count()).isZero();
  }
}
