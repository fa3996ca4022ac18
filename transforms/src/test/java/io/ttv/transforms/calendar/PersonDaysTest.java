package io.ttv.transforms.calendar;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.DatasetAssert.assertSameColumns;
import static io.ttv.testing.RawFixtures.date;
import static io.ttv.testing.RawFixtures.ts;

import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.CalendarAttendanceTable;
import io.ttv.schemas.tables.CalendarEventsTable;
import io.ttv.schemas.tables.CalendarsTable;
import io.ttv.schemas.tables.FactPersonDayTable;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.testing.TestSpark;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * fact_person_day worked by hand (contract 6.6). June 2026: Berlin is UTC+2, New York UTC-4; 2026-06-04 is
 * a Thursday. Working hours are 09:00-17:00 unless a test says otherwise; focus.min_block_minutes = 120.
 */
class PersonDaysTest {

  private static final TtvConfig CFG =
      ConfigLoader.parse(
          """
          {"warehouse": "/tmp/w", "landing": "/tmp/l", "reporting_timezone": "UTC",
           "teams": [
             {"name": "payments", "timezone": "Europe/Berlin"},
             {"name": "platform", "timezone": "America/New_York"},
             {"name": "ops", "timezone": "Europe/Berlin",
              "working_days": ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]}],
           "people": [
             {"id": "ana", "team": "payments", "emails": ["ana@example.com"]},
             {"id": "ben", "team": "payments", "emails": ["ben@example.com"]},
             {"id": "cy", "team": "platform", "emails": ["cy@example.com"]},
             {"id": "dee", "emails": ["dee@example.com"]},
             {"id": "eve", "team": "ops", "emails": ["eve@example.com"]},
             {"id": "fay", "team": "ops", "emails": ["fay@example.com"]}],
           "focus": {"min_block_minutes": 120}}
          """,
          "test.json");

  private static final String[] COLUMNS = {
    "date", "person_id", "team", "working_hours", "meeting_hours", "focus_hours", "fragmented_hours",
    "deploy_planning_meeting_hours", "cross_team_api_meeting_hours", "after_hours_meeting_hours", "has_calendar"
  };

  /** A calendar_events row; the recurrence id is the start (a single meeting). */
  private static Row event(String uid, String start, String end, int attendees, String category, List<String> teams) {
    return event(uid, start, end, attendees, category, teams, false, false);
  }

  private static Row event(
      String uid, String start, String end, int attendees, String category, List<String> teams, boolean cancelled, boolean allDay) {
    Map<String, Object> v = new HashMap<>();
    v.put(CalendarEventsTable.EVENT_UID, uid);
    v.put(CalendarEventsTable.RECURRENCE_ID, start);
    v.put(CalendarEventsTable.SOURCE_SYSTEM, CalendarEventsTable.ICS);
    v.put(CalendarEventsTable.START_AT, ts(start));
    v.put(CalendarEventsTable.END_AT, ts(end));
    v.put(CalendarEventsTable.IS_ALL_DAY, allDay);
    v.put(CalendarEventsTable.IS_RECURRING, false);
    v.put(CalendarEventsTable.IS_CANCELLED, cancelled);
    v.put(CalendarEventsTable.IS_BUSY, true);
    v.put(CalendarEventsTable.ATTENDEE_COUNT, attendees);
    v.put(CalendarEventsTable.TEAMS, teams);
    v.put(CalendarEventsTable.CATEGORY, category.equals("both") ? CalendarEventsTable.DEPLOY_PLANNING : category);
    v.put(CalendarEventsTable.IS_API_TOPIC, category.equals(CalendarEventsTable.API) || category.equals("both"));
    v.put(LineageColumns.EXPORT_DATE, date("2026-06-01"));
    v.put(LineageColumns.SOURCE_FILE, "calendar.ics");
    v.put(LineageColumns.SOURCE_POSITION, 0L);
    return row(CalendarEventsTable.SCHEMA, v);
  }

  private static Row attends(String uid, String start, String person, String response, boolean busy) {
    Map<String, Object> v = new HashMap<>();
    v.put(CalendarAttendanceTable.EVENT_UID, uid);
    v.put(CalendarAttendanceTable.RECURRENCE_ID, start);
    v.put(CalendarAttendanceTable.PERSON_ID, person);
    v.put(CalendarAttendanceTable.IS_MATCHED, !person.startsWith("email:"));
    v.put(CalendarAttendanceTable.IS_ORGANIZER, false);
    v.put(CalendarAttendanceTable.RESPONSE, response);
    v.put(CalendarAttendanceTable.IS_BUSY, busy);
    v.put(CalendarAttendanceTable.FROM_OWN_CALENDAR, false);
    v.put(LineageColumns.EXPORT_DATE, date("2026-06-01"));
    v.put(LineageColumns.SOURCE_FILE, "calendar.ics");
    v.put(LineageColumns.SOURCE_POSITION, 0L);
    return row(CalendarAttendanceTable.SCHEMA, v);
  }

  private static Row accepts(String uid, String start, String person) {
    return attends(uid, start, person, CalendarAttendanceTable.ACCEPTED, true);
  }

  private static Row calendar(String person) {
    return RowFactory.create("ics", person + "@example.com", person, true, date("2026-06-01"), date("2026-06-08"));
  }

  private static Row row(StructType schema, Map<String, Object> values) {
    List<Object> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      out.add(values.get(f.name()));
    }
    return RowFactory.create(out.toArray());
  }

  private static Dataset<Row> facts(List<Row> events, List<Row> attendance, List<Row> calendars, String from, String to) {
    var spark = TestSpark.session();
    return PersonDays.daily(
        spark.createDataFrame(events, CalendarEventsTable.SCHEMA),
        spark.createDataFrame(attendance, CalendarAttendanceTable.SCHEMA),
        spark.createDataFrame(calendars, CalendarsTable.SCHEMA),
        CFG,
        LocalDate.parse(from),
        LocalDate.parse(to));
  }

  private static Dataset<Row> onlyPeople(Dataset<Row> facts, String... people) {
    return facts.where(org.apache.spark.sql.functions.col("person_id").isin((Object[]) people));
  }

  @Test
  void hasExactlyTheTableSchema() {
    assertSameColumns(FactPersonDayTable.SCHEMA, facts(List.of(), List.of(), List.of(), "2026-06-05", "2026-06-05").schema());
  }

  @Test
  void declinedCancelledFreeAllDayAndSoloEventsAreNotBusyOverlapsMergeAndEveningsAreAfterHours() {
    String day = "2026-06-05"; // a Friday; ana works 09:00-17:00 Berlin = 07:00-15:00Z
    List<String> payments = List.of("payments");
    List<Row> events =
        List.of(
            event("declined", day + "T07:00:00Z", day + "T08:00:00Z", 3, "other", payments),
            event("cancelled", day + "T08:00:00Z", day + "T09:00:00Z", 3, "other", payments, true, false),
            event("free", day + "T08:00:00Z", day + "T09:00:00Z", 3, "other", payments),
            event("solo", day + "T09:00:00Z", day + "T10:00:00Z", 1, "other", payments),
            event("all-day", day + "T00:00:00Z", "2026-06-06T00:00:00Z", 3, "other", payments, false, true),
            event("a", day + "T07:30:00Z", day + "T08:30:00Z", 2, "other", payments),
            event("inside-a", day + "T07:40:00Z", day + "T07:50:00Z", 2, "other", payments),
            event("b", day + "T08:00:00Z", day + "T09:00:00Z", 2, "other", payments),
            event("late", day + "T14:00:00Z", day + "T16:00:00Z", 2, "other", payments));
    List<Row> attendance =
        List.of(
            attends("declined", day + "T07:00:00Z", "ana", CalendarAttendanceTable.DECLINED, true),
            accepts("cancelled", day + "T08:00:00Z", "ana"),
            attends("free", day + "T08:00:00Z", "ana", CalendarAttendanceTable.ACCEPTED, false),
            accepts("solo", day + "T09:00:00Z", "ana"),
            accepts("all-day", day + "T00:00:00Z", "ana"),
            attends("a", day + "T07:30:00Z", "ana", CalendarAttendanceTable.TENTATIVE, true),
            accepts("inside-a", day + "T07:40:00Z", "ana"),
            attends("b", day + "T08:00:00Z", "ana", CalendarAttendanceTable.NONE, true),
            accepts("late", day + "T14:00:00Z", "ana"));
    // Busy blocks (local): a 09:30-10:30 (tentative), inside-a 09:40-09:50 and b 10:00-11:00 (no reply)
    // merge into 09:30-11:00 (b overlaps a, not inside-a: merging keeps the furthest end so far); late
    // 16:00-18:00. Declined, cancelled, free, solo (1 attendee) and all-day add nothing.
    //   meeting    = 1.5 (09:30-11:00) + 1 (16:00-17:00)                            = 2.5 h
    //   gaps       = 09:00-09:30 (0.5 h < 2 h), 11:00-16:00 (5 h >= 2 h), 17:00-17:00 (0)
    //   focus      = 5 h;  fragmented = 8 - 2.5 - 5                                  = 0.5 h
    //   after-hours = 17:00-18:00                                                   = 1 h
    assertRows(
        onlyPeople(facts(events, attendance, List.of(calendar("ana")), day, day), "ana"),
        COLUMNS,
        new Object[] {date(day), "ana", "payments", 8.0, 2.5, 5.0, 0.5, 0.0, 0.0, 1.0, true});
  }

  @Test
  void focusGapsJustUnderAndJustOverTheMinimum() {
    String day = "2026-06-05"; // ben works 09:00-17:00 Berlin = 07:00-15:00Z
    List<String> payments = List.of("payments");
    List<Row> events =
        List.of(
            event("m1", day + "T07:00:00Z", day + "T08:00:00Z", 2, "other", payments),
            event("m2", day + "T09:59:00Z", day + "T10:59:00Z", 2, "other", payments),
            event("m3", day + "T12:59:00Z", day + "T13:00:00Z", 2, "other", payments));
    List<Row> attendance =
        List.of(accepts("m1", day + "T07:00:00Z", "ben"), accepts("m2", day + "T09:59:00Z", "ben"), accepts("m3", day + "T12:59:00Z", "ben"));
    // Local: m1 09:00-10:00, m2 11:59-12:59, m3 14:59-15:00.
    //   gaps: 09:00-09:00 (0), 10:00-11:59 (119 min: not focus), 12:59-14:59 (120 min: focus),
    //         15:00-17:00 (120 min: focus)
    //   meeting = 60 + 60 + 1 = 121 min; focus = 240 min = 4 h; fragmented = 480 - 121 - 240 = 119 min
    assertRows(
        onlyPeople(facts(events, attendance, List.of(), day, day), "ben"),
        COLUMNS,
        new Object[] {date(day), "ben", "payments", 8.0, 121 / 60.0, 4.0, 119 / 60.0, 0.0, 0.0, 0.0, false});
  }

  @Test
  void aMeetingOverMidnightCountsOnEachLocalDateAndNonWorkingDaysAreAllAfterHours() {
    // cy is in New York (UTC-4): working hours 09:00-17:00 = 13:00-21:00Z. cy owns no calendar.
    List<String> platform = List.of("platform");
    List<Row> events =
        List.of(
            // Fri 22:00 -> Sat 01:00 New York; in UTC all of it falls on Saturday (02:00-05:00Z)
            event("night", "2026-06-06T02:00:00Z", "2026-06-06T05:00:00Z", 2, "other", platform),
            // Sun 10:00-11:30 New York
            event("sunday", "2026-06-07T14:00:00Z", "2026-06-07T15:30:00Z", 2, "other", platform));
    List<Row> attendance = List.of(accepts("night", "2026-06-06T02:00:00Z", "cy"), accepts("sunday", "2026-06-07T14:00:00Z", "cy"));
    // Fri 06-05: a working day, no meeting inside hours: focus 8 h; 22:00-24:00 = 2 h after hours
    // Sat 06-06: not a working day, but busy 00:00-01:00 -> a row: working/focus/fragmented 0, 1 h after hours
    // Sun 06-07: not a working day, busy 10:00-11:30 -> a row with 1.5 h after hours
    // Mon 06-08: a working day without meetings
    assertRows(
        onlyPeople(facts(events, attendance, List.of(calendar("ana")), "2026-06-05", "2026-06-08"), "cy"),
        COLUMNS,
        new Object[] {date("2026-06-05"), "cy", "platform", 8.0, 0.0, 8.0, 0.0, 0.0, 0.0, 2.0, false},
        new Object[] {date("2026-06-06"), "cy", "platform", 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, false},
        new Object[] {date("2026-06-07"), "cy", "platform", 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.5, false},
        new Object[] {date("2026-06-08"), "cy", "platform", 8.0, 0.0, 8.0, 0.0, 0.0, 0.0, 0.0, false});
  }

  @Test
  void oneMeetingCountsOncePerPersonAndApiTimeIsCrossTeamOnly() {
    String day = "2026-06-04"; // Thursday
    List<Row> events =
        List.of(
            // release planning: ana, ben, dee (and an outside guest): 09:00-10:00 Berlin, 07:00-08:00 UTC
            event("release", day + "T07:00:00Z", day + "T08:00:00Z", 4, CalendarEventsTable.DEPLOY_PLANNING, List.of("payments")),
            // ben's overlapping go-live check 09:30-10:30 Berlin: merged with the release planning
            event("go-live", day + "T07:30:00Z", day + "T08:30:00Z", 2, CalendarEventsTable.DEPLOY_PLANNING, List.of("payments")),
            // API review inside payments: 14:00-15:00 Berlin
            event("api-same", day + "T12:00:00Z", day + "T13:00:00Z", 2, CalendarEventsTable.API, List.of("payments")),
            // "API go-live sync" payments x platform: 16:00-17:00 Berlin = 10:00-11:00 New York; its title
            // matches both rules: deploy planning (its category) and a cross-team API meeting (is_api_topic)
            event("api-cross", day + "T14:00:00Z", day + "T15:00:00Z", 2, "both", List.of("payments", "platform")));
    List<Row> attendance =
        List.of(
            accepts("release", day + "T07:00:00Z", "ana"),
            accepts("release", day + "T07:00:00Z", "ben"),
            accepts("release", day + "T07:00:00Z", "dee"),
            accepts("release", day + "T07:00:00Z", "email:guest@vendor.example"),
            accepts("go-live", day + "T07:30:00Z", "ben"),
            accepts("api-same", day + "T12:00:00Z", "ana"),
            accepts("api-same", day + "T12:00:00Z", "ben"),
            accepts("api-cross", day + "T14:00:00Z", "ana"),
            accepts("api-cross", day + "T14:00:00Z", "cy"));
    // ana (Berlin 09-17): release 09-10, api-same 14-15, api-cross 16-17 -> meeting 3 h;
    //   gaps 10:00-14:00 (4 h focus), 15:00-16:00 (1 h fragmented); deploy planning 1 + 1 = 2 h, cross-team API 1 h
    // ben: release + go-live merge to 09:00-10:30 (deploy planning 1.5 h, not 2), api-same 14-15 (same team:
    //   not cross-team) -> meeting 2.5 h; gaps 10:30-14:00 (3.5 h) and 15:00-17:00 (2 h) -> focus 5.5 h
    // cy (New York 09-17): api-cross 10-11 -> meeting 1 h (deploy planning 1 h and cross-team API 1 h);
    //   gaps 09-10 (1 h fragmented), 11-17 (6 h focus)
    // dee (no team: unassigned, UTC, 09-17): release 07:00-08:00 is before work: 1 h after hours, still
    //   1 h deploy planning; the whole working day is focus
    // eve and fay (ops) work every day, no meetings: 8 h focus each. The guest gets no row.
    assertRows(
        facts(events, attendance, List.of(calendar("ana"), calendar("ben")), day, day),
        COLUMNS,
        new Object[] {date(day), "ana", "payments", 8.0, 3.0, 4.0, 1.0, 2.0, 1.0, 0.0, true},
        new Object[] {date(day), "ben", "payments", 8.0, 2.5, 5.5, 0.0, 1.5, 0.0, 0.0, true},
        new Object[] {date(day), "cy", "platform", 8.0, 1.0, 6.0, 1.0, 1.0, 1.0, 0.0, false},
        new Object[] {date(day), "dee", "unassigned", 8.0, 0.0, 8.0, 0.0, 1.0, 0.0, 1.0, false},
        new Object[] {date(day), "eve", "ops", 8.0, 0.0, 8.0, 0.0, 0.0, 0.0, 0.0, false},
        new Object[] {date(day), "fay", "ops", 8.0, 0.0, 8.0, 0.0, 0.0, 0.0, 0.0, false});
  }

  @Test
  void aWorkingDayIsEightHoursOnTheDstSwitchAndTheShortDayHoldsTwentyThreeHours() {
    // Berlin springs forward on Sunday 2026-03-29 at 02:00 (UTC+1 -> UTC+2); ops works every day, so
    // 09:00-17:00 = 07:00-15:00Z: 8 h.
    String day = "2026-03-29";
    List<String> ops = List.of("ops");
    List<Row> events =
        List.of(
            // eve: 00:30-03:30 local, across the skipped hour = 23:30Z-01:30Z = 2 h elapsed
            event("night", "2026-03-28T23:30:00Z", "2026-03-29T01:30:00Z", 2, "other", ops),
            // fay: the whole local date, 00:00 (23:00Z the day before) to 24:00 (22:00Z) = 23 h, plus an hour
            // on each neighbouring date that the window leaves out
            event("marathon", "2026-03-28T22:00:00Z", "2026-03-29T23:00:00Z", 2, "other", ops));
    List<Row> attendance = List.of(accepts("night", "2026-03-28T23:30:00Z", "eve"), accepts("marathon", "2026-03-28T22:00:00Z", "fay"));
    // eve: 2 h after hours, the working day untouched (8 h focus)
    // fay: 23 h busy on the date: 8 h inside working hours, 23 - 8 = 15 h after hours, no focus
    assertRows(
        onlyPeople(facts(events, attendance, List.of(), day, day), "eve", "fay"),
        COLUMNS,
        new Object[] {date(day), "eve", "ops", 8.0, 0.0, 8.0, 0.0, 0.0, 0.0, 2.0, false},
        new Object[] {date(day), "fay", "ops", 8.0, 8.0, 0.0, 0.0, 0.0, 0.0, 15.0, false});
  }
}
