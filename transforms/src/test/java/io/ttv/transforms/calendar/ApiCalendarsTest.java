package io.ttv.transforms.calendar;

import static io.ttv.transforms.calendar.CalendarFixtures.BERLIN;
import static io.ttv.transforms.calendar.CalendarFixtures.occurrences;
import static io.ttv.transforms.calendar.CalendarFixtures.problems;
import static io.ttv.transforms.calendar.CalendarFixtures.slots;
import static io.ttv.transforms.calendar.CalendarFixtures.text;
import static io.ttv.transforms.calendar.CalendarFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.CalendarAttendanceTable;
import io.ttv.schemas.tables.CalendarEventsTable;
import io.ttv.testing.RawFixtures;
import io.ttv.transforms.common.NormalizedRows;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Google Calendar and Microsoft Graph items, on the real samples (fixtures/google-calendar,
 * fixtures/msgraph-calendar: see PROVENANCE.md there) and on the hand-made pages next to them (marked
 * {@code handmade_}) for what no real sample shows: declined, cancelled instances, free time.
 */
class ApiCalendarsTest {
  private static final String G = "/fixtures/google-calendar/";
  private static final String M = "/fixtures/msgraph-calendar/";

  private static List<CalendarItem> items(String resource, String wrapper, boolean google, ReadContext ctx) {
    List<CalendarItem> out = new ArrayList<>();
    try {
      for (JsonNode item : JsonEvents.JSON.readTree(text(resource)).path(wrapper)) {
        String json = JsonEvents.JSON.writeValueAsString(item);
        out.addAll(google ? GoogleCalendarEvents.read(json, ctx) : GraphCalendarEvents.read(json, ctx));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  @Test
  void googleRealPageWithAnOffsetStartAndACalendarAsOrganizer() {
    List<CalendarItem> items = items(G + "group261_events_list_single_event_2023.json", "items", true,
        window("jaejoon.jj.han@gmail.com", BERLIN, "2023-09-01T00:00:00Z", "2023-11-01T00:00:00Z"));
    Occurrence o = occurrences(items).get(0);
    // 20:00-04:00 (America/Toronto, EDT) = 00:00Z next day
    assertThat(o.start()).isEqualTo(Instant.parse("2023-10-02T00:00:00Z"));
    assertThat(o.end()).isEqualTo(Instant.parse("2023-10-02T01:00:00Z"));
    assertThat(o.timeZone()).isEqualTo("America/Toronto");
    assertThat(o.eventUid()).isEqualTo("6egnphrsf9aqj588m7t6bpd3ol@google.com");
    // the organizer is the secondary calendar (…@group.calendar.google.com): no person; no attendees at all,
    // so the owner attends alone, accepted
    assertThat(o.organizerEmail()).endsWith("@group.calendar.google.com");
    assertThat(o.attendees()).containsExactly(new Occurrence.Attendee("jaejoon.jj.han@gmail.com", "accepted", false));
  }

  @Test
  void googleSeriesWithExdateTombstoneMovedInstanceDeclinedAndFree() {
    List<CalendarItem> items = items(G + "handmade_events_list_series_declined_cancelled_instance.json", "items", true,
        window("bo@example.com", BERLIN, "2026-03-01T00:00:00Z", "2026-05-01T00:00:00Z"));
    assertThat(problems(items)).isEmpty();
    // The series (COUNT=4: Mar 16, 23, 30, Apr 6) gives four slots, Mar 23 EXDATE'd; the tombstone stands for
    // Mar 30 (08:00Z after the DST change) and the moved instance for Apr 6 (slot 08:00Z, now Apr 7 09:00Z).
    // The reader gives them side by side; CalendarEvents keeps the instance over the slot (test below).
    assertThat(slots(occurrences(items).stream().filter(o -> o.eventUid() == null || o.eventUid().startsWith("wk1")).toList()))
        .containsExactlyInAnyOrder(
            "2026-03-16T09:00:00Z 2026-03-16T09:00:00Z..2026-03-16T09:30:00Z",
            "2026-03-23T09:00:00Z 2026-03-23T09:00:00Z..2026-03-23T09:30:00Z cancelled",
            "2026-03-30T08:00:00Z 2026-03-30T08:00:00Z..2026-03-30T08:30:00Z",
            "2026-03-30T08:00:00Z 2026-03-30T08:00:00Z..2026-03-30T08:00:00Z cancelled",
            "2026-04-06T08:00:00Z 2026-04-06T08:00:00Z..2026-04-06T08:30:00Z",
            "2026-04-06T08:00:00Z 2026-04-07T09:00:00Z..2026-04-07T09:30:00Z");
    Occurrence first = occurrences(items).get(0);
    // bo (self) declined; the room is no person
    assertThat(first.attendees())
        .containsExactly(new Occurrence.Attendee("ana@example.com", "accepted", true), new Occurrence.Attendee("bo@example.com", "declined", false));
    Occurrence offsite = occurrences(items).stream().filter(o -> "ad1@google.com".equals(o.eventUid())).findFirst().orElseThrow();
    assertThat(offsite.isAllDay()).isTrue();
    assertThat(offsite.isBusy()).isFalse();
    assertThat(offsite.end()).isEqualTo(Instant.parse("2026-03-20T00:00:00Z"));
  }

  @Test
  void googleInstancesWinOverTheirSlotsAndTombstonesBorrowTheSeriesUid() {
    TtvConfig cfg =
        ConfigLoader.parse(
            "{\"warehouse\":\"/tmp/w\",\"landing\":\"/tmp/l\",\"teams\":[{\"name\":\"payments\",\"timezone\":\"Europe/Berlin\"}],"
                + "\"people\":[{\"id\":\"ana\",\"team\":\"payments\",\"emails\":[\"ana@example.com\"]},{\"id\":\"bo\",\"team\":\"payments\",\"emails\":[\"bo@example.com\"]}]}",
            "test.json");
    Dataset<Row> raw = RawFixtures.json("google_calendar", "events", "items", "2026-04-30",
        G + "handmade_events_list_series_declined_cancelled_instance.json", Map.of("owner", "bo@example.com"));
    // a nightly run of 2026-04-30 with late_data_days 60 reaches back to Mar 1 (minus the day of margin)
    TtvConfig lookBack = new TtvConfig(cfg.warehouseUri(), cfg.landingUri(), cfg.reportingZone(), 60, cfg.quality(), cfg.sources(), cfg.teams(),
        cfg.people(), cfg.bots(), cfg.services(), cfg.deployments(), cfg.workItems(), cfg.friction(), cfg.focus(), cfg.privacy(), cfg.cost(),
        cfg.report(), cfg.bi());
    Dataset<Row> normalized = CalendarEvents.normalize("google_calendar", raw, lookBack, LocalDate.parse("2026-04-30"), LocalDate.parse("2026-04-30"));
    Dataset<Row> events = NormalizedRows.onlyValidNewest(normalized, CalendarEventsTable.TABLE);
    List<String> rows =
        events.where("event_uid = 'wk1@google.com'").orderBy("recurrence_id")
            .selectExpr("concat(recurrence_id, ' ', cast(start_at as string), ' ', is_cancelled, ' ', category)")
            .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertThat(rows)
        .containsExactly(
            "2026-03-16T09:00:00Z 2026-03-16 09:00:00 false deploy_planning",
            "2026-03-23T09:00:00Z 2026-03-23 09:00:00 true deploy_planning",
            "2026-03-30T08:00:00Z 2026-03-30 08:00:00 true other", // the tombstone has no title to classify
            "2026-04-06T08:00:00Z 2026-04-07 09:00:00 false deploy_planning");
    // bo's own copy: declined the series, tentative for the moved one; the tombstone names nobody, so the
    // owner holds it alone (accepted, of a cancelled occurrence: never busy)
    Dataset<Row> attendance = NormalizedRows.onlyValidNewest(CalendarAttendance.fromEvents(normalized, lookBack), CalendarAttendanceTable.TABLE);
    assertThat(attendance.where("person_id = 'bo' AND event_uid = 'wk1@google.com'").orderBy("recurrence_id").select("response")
            .as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactly("declined", "declined", "accepted", "tentative");
    assertThat(attendance.where("event_uid = 'wk1@google.com' AND recurrence_id = '2026-03-16T09:00:00Z'").select("person_id")
            .as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactlyInAnyOrder("ana", "bo"); // the room is no person
  }

  @Test
  void graphSeriesMasterExpandsInItsWindowsRecurrenceZone() {
    // weekly mon/wed/fri, noEnd (endDate 0001-01-01 and numberOfOccurrences 0 are sentinels), from 2017-08-14;
    // start 21:00 UTC = 17:00 in "Eastern Standard Time" (America/New_York, EDT): in Aug 14..27 six occurrences
    List<CalendarItem> items = items(M + "graphdocs_group_list_events_series_master_recurrence.json", "value", false,
        window("hrtaskforce@contoso.onmicrosoft.com", BERLIN, "2017-08-14T00:00:00Z", "2017-08-28T00:00:00Z"));
    assertThat(problems(items)).isEmpty();
    assertThat(occurrences(items)).extracting(o -> o.start().toString())
        .containsExactly("2017-08-14T21:00:00Z", "2017-08-16T21:00:00Z", "2017-08-18T21:00:00Z", "2017-08-21T21:00:00Z", "2017-08-23T21:00:00Z",
            "2017-08-25T21:00:00Z");
    Occurrence o = occurrences(items).get(0);
    assertThat(o.eventUid()).startsWith("040000008200E00074C5B7101A82E008");
    assertThat(o.isRecurring()).isTrue();
    // the organizer (a group mailbox) is also an attendee; "none" with the 0001-01-01 sentinel is no reply
    assertThat(o.attendees()).hasSize(5).first().isEqualTo(new Occurrence.Attendee("hrtaskforce@contoso.onmicrosoft.com", "accepted", true));
  }

  @Test
  void graphInstancesOutOfOrderAndAnExceptionWithoutOriginalStart() {
    List<CalendarItem> items = items(M + "graphdocs_event_list_instances_occurrence_exception.json", "value", false,
        window("me@contoso.com", BERLIN, "2019-04-01T00:00:00Z", "2019-05-01T00:00:00Z"));
    // the exception comes first; no iCalUId was selected: the UID is borrowed from the series in the same
    // export or, as here, keyed by the seriesMasterId ("msgraph:AAMkAGUzYRgWAAA=")
    assertThat(occurrences(items)).extracting(o -> o.recurrenceId())
        .containsExactly("2019-04-08T20:30:00Z", "2019-04-16T20:30:00Z", "2019-04-22T20:30:00Z", "2019-04-29T20:30:00Z");
    assertThat(occurrences(items)).allMatch(o -> o.eventUid() == null && "msgraph:AAMkAGUzYRgWAAA=".equals(o.fallbackUid()) && o.isOverride());
    assertThat(occurrences(items).get(1).note()).startsWith("exception without originalStart");
  }

  @Test
  void graphPreferTimeZoneInAWindowsNameAndAHandMadeCalendarViewPage() {
    // "Pacific Standard Time" (Prefer: outlook.timezone) is America/Los_Angeles: 10:00 PDT = 17:00Z
    Occurrence pst = occurrences(items(M + "graphdocs_user_list_events_prefer_timezone_pst.json", "value", false,
        window("danas@a830edad905084922e17020313.onmicrosoft.com", BERLIN, "2017-04-01T00:00:00Z", "2017-05-01T00:00:00Z"))).get(0);
    assertThat(pst.start()).isEqualTo(Instant.parse("2017-04-21T17:00:00Z"));
    assertThat(pst.timeZone()).isEqualTo("America/Los_Angeles");
    assertThat(pst.title()).isEqualTo("Orientation "); // the trailing space is Graph's
    List<CalendarItem> page = items(M + "handmade_calendarview_page_cancelled_declined_free.json", "value", false,
        window("bo@example.com", BERLIN, "2026-03-15T00:00:00Z", "2026-03-20T00:00:00Z"));
    assertThat(slots(occurrences(page)))
        .containsExactly(
            "2026-03-16T09:00:00Z 2026-03-16T09:00:00Z..2026-03-16T09:15:00Z",
            "2026-03-17T09:00:00Z 2026-03-17T10:00:00Z..2026-03-17T10:15:00Z cancelled",
            "2026-03-18T13:00:00Z 2026-03-18T13:00:00Z..2026-03-18T15:00:00Z");
    Occurrence standup = occurrences(page).get(0);
    // W. Europe Standard Time -> Europe/Berlin; bo's own responseStatus (declined) beats the attendee list's none; no room
    assertThat(standup.timeZone()).isEqualTo("Europe/Berlin");
    assertThat(standup.attendees())
        .containsExactly(new Occurrence.Attendee("ana@example.com", "accepted", true), new Occurrence.Attendee("bo@example.com", "declined", false));
    assertThat(occurrences(page).get(2).isBusy()).isFalse();
  }
}
