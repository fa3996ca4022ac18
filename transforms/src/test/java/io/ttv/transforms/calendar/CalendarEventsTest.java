package io.ttv.transforms.calendar;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.CalendarAttendanceTable;
import io.ttv.schemas.tables.CalendarEventsTable;
import io.ttv.schemas.tables.CalendarsTable;
import io.ttv.testing.RawFixtures;
import io.ttv.transforms.common.NormalizedRows;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The calendar normaliser in Spark: the expansion on the executors, people, attendance, windows, calendars. */
class CalendarEventsTest {
  /** ana (payments, Berlin) and bo (platform, New York) are listed; cy is not. */
  private static TtvConfig config(boolean keepTitles) {
    return ConfigLoader.parse(
        """
        {"warehouse": "/tmp/w", "landing": "/tmp/l", "late_data_days": 2,
         "teams": [{"name": "payments", "timezone": "Europe/Berlin"}, {"name": "platform", "timezone": "America/New_York"}],
         "people": [
           {"id": "ana", "team": "payments", "emails": ["ana@example.com"]},
           {"id": "bo", "team": "platform", "emails": ["Bo@Example.com"]}],
         "privacy": {"keep_meeting_titles": %s}}
        """.formatted(keepTitles),
        "test.json");
  }

  /** One meeting ana organises, bo and cy attend; bo declined in his own copy, cy never answered. */
  private static String meeting(String anaStat, String boStat, String cyStat) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:m-1\r\nSUMMARY:API contract review\r\n"
        + "DTSTART;TZID=Europe/Berlin:20260310T100000\r\nDTEND;TZID=Europe/Berlin:20260310T110000\r\n"
        + "ORGANIZER:mailto:ana@example.com\r\n"
        + "ATTENDEE;PARTSTAT=" + anaStat + ":mailto:ana@example.com\r\n"
        + "ATTENDEE;PARTSTAT=" + boStat + ":mailto:bo@example.com\r\n"
        + "ATTENDEE;PARTSTAT=" + cyStat + ":mailto:cy@example.com\r\n"
        + "END:VEVENT\r\nEND:VCALENDAR\r\n";
  }

  private static Row ics(String owner, String date, String file, String text) {
    return RawFixtures.record("ics", "calendars", date, "file:/landing/ics/calendars/dt=" + date + "/owner=" + owner + "/" + file, 0, text,
        Map.of("owner", owner));
  }

  @Test
  void theSameMeetingInThreeAttendeesExportsIsOneEventAndThreeAttendances() {
    // each attendee's own copy says what they answered (ana organises; bo declined; cy tentative)
    Dataset<Row> raw =
        RawFixtures.of(
            List.of(
                ics("ana@example.com", "2026-03-10", "ana.ics", meeting("ACCEPTED", "NEEDS-ACTION", "NEEDS-ACTION")),
                ics("bo@example.com", "2026-03-10", "bo.ics", meeting("ACCEPTED", "DECLINED", "NEEDS-ACTION")),
                ics("cy@example.com", "2026-03-10", "cy.ics", meeting("ACCEPTED", "NEEDS-ACTION", "TENTATIVE"))));
    TtvConfig cfg = config(false);
    Dataset<Row> normalized = CalendarEvents.normalize("ics", raw, cfg, LocalDate.parse("2026-03-10"), LocalDate.parse("2026-03-10")).cache();
    assertThat(normalized.count()).isEqualTo(3); // one occurrence per copy
    Dataset<Row> events = NormalizedRows.onlyValidNewest(normalized, CalendarEventsTable.TABLE);
    // 10:00 Berlin (UTC+1) = 09:00Z; three people; teams of those who did not decline (in the newest copy,
    // cy.ics: bo NEEDS-ACTION) sorted: payments, platform; the API regex matches the title; no title kept
    assertRows(
        events,
        new String[] {"event_uid", "recurrence_id", "source_system", "start_at", "end_at", "time_zone", "organizer_person_id", "attendee_count",
            "teams", "category", "title", "is_busy", "is_cancelled"},
        new Object[] {"m-1", "2026-03-10T09:00:00Z", "ics", ts("2026-03-10T09:00:00Z"), ts("2026-03-10T10:00:00Z"), "Europe/Berlin", "ana", 3,
            seq("payments", "platform"), "api", null, true, false});
    Dataset<Row> attendance = NormalizedRows.onlyValidNewest(CalendarAttendance.fromEvents(normalized, cfg), CalendarAttendanceTable.TABLE);
    // each person's row comes from their own copy (from_own_calendar outranks the later file names)
    assertRows(
        attendance,
        new String[] {"event_uid", "person_id", "email", "is_matched", "is_organizer", "response", "from_own_calendar", "source_file"},
        new Object[] {"m-1", "ana", "ana@example.com", true, true, "accepted", true, "file:/landing/ics/calendars/dt=2026-03-10/owner=ana@example.com/ana.ics"},
        new Object[] {"m-1", "bo", "bo@example.com", true, false, "declined", true, "file:/landing/ics/calendars/dt=2026-03-10/owner=bo@example.com/bo.ics"},
        new Object[] {"m-1", "email:cy@example.com", "cy@example.com", false, false, "tentative", true,
            "file:/landing/ics/calendars/dt=2026-03-10/owner=cy@example.com/cy.ics"});
    assertRows(
        Calendars.fromRaw(raw, cfg),
        new String[] {"source_system", "owner_email", "owner_person_id", "is_matched", "first_export_date", "last_export_date"},
        new Object[] {"ics", "ana@example.com", "ana", true, RawFixtures.date("2026-03-10"), RawFixtures.date("2026-03-10")},
        new Object[] {"ics", "bo@example.com", "bo", true, RawFixtures.date("2026-03-10"), RawFixtures.date("2026-03-10")},
        new Object[] {"ics", "cy@example.com", "email:cy@example.com", false, RawFixtures.date("2026-03-10"), RawFixtures.date("2026-03-10")});
    assertThat(events.schema().fieldNames()).containsExactly(CalendarEventsTable.TABLE.columnNames());
    assertThat(CalendarsTable.TABLE.keyColumns()).containsExactly("source_system", "owner_email");
  }

  @Test
  void eachExportExpandsTheDaysUpToTheOwnersNextExportAndTitlesAreKeptOnRequest() {
    // A daily 12:00Z stand-up with no end, exported by ana on Mar 10 and Mar 12, normalised for Mar 10..12
    // with late_data_days 2. Windows (margin: one day each side):
    //   Mar 10: [ (from - 2 = Mar 8) - 1 = Mar 7 00:00Z, end of (Mar 12 - 1 = Mar 11) + 1 day = Mar 13 00:00Z ) -> Mar 7..12: 6
    //   Mar 12: [ (previous export Mar 10) - 1 = Mar 9 00:00Z, end of (to = Mar 12) + 1 day = Mar 14 00:00Z )   -> Mar 9..13: 5
    // A record without owner= is one problem.
    String standup = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:s-1\r\nSUMMARY:Release go-live of the API\r\nDTSTART:20260101T120000Z\r\n"
        + "DURATION:PT15M\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    Dataset<Row> raw =
        RawFixtures.of(
            List.of(
                ics("ana@example.com", "2026-03-10", "a.ics", standup),
                ics("ana@example.com", "2026-03-12", "a.ics", standup),
                RawFixtures.record("ics", "calendars", "2026-03-12", "file:/landing/ics/calendars/dt=2026-03-12/x.ics", 0, standup, Map.of())));
    TtvConfig cfg = config(true);
    Dataset<Row> normalized = CalendarEvents.normalize("ics", raw, cfg, LocalDate.parse("2026-03-10"), LocalDate.parse("2026-03-12")).cache();
    assertThat(normalized.where("export_date = DATE'2026-03-10' AND _problem IS NULL").count()).isEqualTo(6);
    assertThat(normalized.where("export_date = DATE'2026-03-12' AND _problem IS NULL").count()).isEqualTo(5);
    assertThat(normalized.where("_problem IS NOT NULL").select("_problem").as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactly("the export is in no owner=<email> folder, so whose calendar it is is unknown");
    Dataset<Row> events = NormalizedRows.onlyValidNewest(normalized, CalendarEventsTable.TABLE);
    // Mar 7..13: 7 occurrences, Mar 9..13 from the newer export; the title is kept, deploy-planning wins the
    // category, and the title's "API" still makes it an API topic (it counts in both friction columns)
    assertThat(events.count()).isEqualTo(7);
    assertThat(events.where("export_date = DATE'2026-03-12'").count()).isEqualTo(5);
    assertThat(events.select("title", "category", "is_api_topic", "attendee_count").distinct().collectAsList())
        .containsExactly(org.apache.spark.sql.RowFactory.create("Release go-live of the API", "deploy_planning", true, 1));
  }

  private static scala.collection.immutable.Seq<String> seq(String... s) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(s)).toList();
  }
}
