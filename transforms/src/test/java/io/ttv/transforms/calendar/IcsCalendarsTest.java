package io.ttv.transforms.calendar;

import static io.ttv.transforms.calendar.CalendarFixtures.BERLIN;
import static io.ttv.transforms.calendar.CalendarFixtures.occurrences;
import static io.ttv.transforms.calendar.CalendarFixtures.problems;
import static io.ttv.transforms.calendar.CalendarFixtures.slots;
import static io.ttv.transforms.calendar.CalendarFixtures.text;
import static io.ttv.transforms.calendar.CalendarFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ICS reader on the real exports in fixtures/ics (see PROVENANCE.md there), then on hand-written
 * calendars whose expansion is worked out by hand in the comments. No Spark: the reader is plain Java.
 */
class IcsCalendarsTest {
  private static final String FX = "/fixtures/ics/";
  private static final String ME = "me@example.com";

  private static List<CalendarItem> read(String resource, String from, String to) {
    return IcsCalendars.read(text(FX + resource), window(ME, BERLIN, from, to));
  }

  @Test
  void googlePublicCalendarMachbarWithCountUntilIntervalThirdAndLastSaturdayExdatesAndOverrides() {
    List<CalendarItem> items = read("google_public_calendar_machbar_rrule_exdate_recurrenceid.ics", "2017-01-01T00:00:00Z", "2019-07-01T00:00:00Z");
    assertThat(problems(items)).isEmpty();
    List<Occurrence> all = occurrences(items);
    // 64 VEVENTs (6 of them RECURRENCE-ID overrides) expand to 421 occurrences in 2017-01..2019-06
    assertThat(all).hasSize(421);
    // FREQ=MONTHLY;UNTIL=20190315T225959Z;BYDAY=3SA from Sat 2018-11-17 11:00 Berlin: third Saturdays Nov 17,
    // Dec 15, Jan 19, Feb 16 (Mar 16 is after UNTIL); Dec 15, Jan 19 and Feb 16 were moved by overrides that
    // keep the slot as recurrence id (Berlin is UTC+1 in winter: 11:00 local = 10:00Z)
    assertThat(slots(uid(all, "ome5r9735mpdoo3n6lpf8oi0c4@google.com")))
        .containsExactly(
            "2018-11-17T10:00:00Z 2018-11-17T10:00:00Z..2018-11-17T14:00:00Z",
            "2018-12-15T10:00:00Z 2018-12-08T10:00:00Z..2018-12-08T14:00:00Z",
            "2019-01-19T10:00:00Z 2019-01-27T10:00:00Z..2019-01-27T14:00:00Z",
            "2019-02-16T10:00:00Z 2019-02-24T10:00:00Z..2019-02-24T14:00:00Z");
    // FREQ=MONTHLY;UNTIL=20181123T225959Z;BYDAY=-1SA from Sat 2018-06-30 11:00 (summer, 09:00Z): last Saturdays
    // Jun 30, Jul 28 and Aug 25 (both EXDATE;TZID=Europe/Berlin: kept, cancelled), Sep 29 -> Sep 22 and
    // Oct 27 -> Oct 20 (overrides; Oct 20 is still summer time); Nov 24 is after UNTIL
    assertThat(slots(uid(all, "52uuaoruefesorque1gpjabr6t@google.com")))
        .containsExactly(
            "2018-06-30T09:00:00Z 2018-06-30T09:00:00Z..2018-06-30T13:00:00Z",
            "2018-07-28T09:00:00Z 2018-07-28T09:00:00Z..2018-07-28T13:00:00Z cancelled",
            "2018-08-25T09:00:00Z 2018-08-25T09:00:00Z..2018-08-25T13:00:00Z cancelled",
            "2018-09-29T09:00:00Z 2018-09-22T09:00:00Z..2018-09-22T13:00:00Z",
            "2018-10-27T09:00:00Z 2018-10-20T09:00:00Z..2018-10-20T13:00:00Z");
    // FREQ=WEEKLY;WKST=SU;COUNT=6;BYDAY=MO,TU,WE from Mon 2019-03-04 14:00: six occurrences, Mon..Wed of two weeks
    assertThat(uid(all, "37jkbgv9regint2hqhlmd9risn@google.com")).extracting(o -> o.start().toString())
        .containsExactly("2019-03-04T13:00:00Z", "2019-03-05T13:00:00Z", "2019-03-06T13:00:00Z", "2019-03-11T13:00:00Z",
            "2019-03-12T13:00:00Z", "2019-03-13T13:00:00Z");
    // FREQ=WEEKLY;UNTIL=20170904T215959Z;INTERVAL=2;BYDAY=TU from Tue 2017-08-22 19:00: Aug 22 and Sep 5? no:
    // Sep 5 19:00 CEST = 17:00Z is after UNTIL (Sep 4 21:59:59Z), so only Aug 22
    assertThat(uid(all, "7kk7rorknhett094id0k0gc3mj@google.com")).hasSize(1);
    // all-day VALUE=DATE, TRANSP:TRANSPARENT: a free two-day event (DTEND is exclusive)
    Occurrence allDay = uid(all, "05b6u5vfdih0cdr6q3msgemss2@google.com").get(0);
    assertThat(allDay.isAllDay()).isTrue();
    assertThat(allDay.isBusy()).isFalse();
    assertThat(allDay.recurrenceId()).isEqualTo("2018-05-26");
    assertThat(allDay.end()).isEqualTo(Instant.parse("2018-05-28T00:00:00Z"));
    // the only ATTENDEE lines are a group calendar's address: not a person, so the owner attends alone
    assertThat(uid(all, "7g6502aejkun96i5fenfu6hvc1@google.com").get(0).attendees())
        .containsExactly(new Occurrence.Attendee(ME, "accepted", false));
    // UTF-8 text survives the parse
    assertThat(all.stream().anyMatch(o -> o.description() != null && o.description().startsWith("Öffentliches Treffen"))).isTrue();
    assertThat(all).allMatch(o -> o.note() == null);
  }

  @Test
  void exchangeAllDayFreeSeriesUnderAWindowsZoneWithUtcUntil() {
    List<Occurrence> all = occurrences(read("exchange2010_allday_free_windows_tzid_until_utc.ics", "2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z"));
    List<Occurrence> black = uid(all, "040000008200E00074C5B7101A82E00800000000017E1BADC42ED601000000000000000010000000FBF1FBAE2E9FBC4D81F16854E2F4D51B");
    // FREQ=WEEKLY;INTERVAL=2;BYDAY=TH from 2020-04-02, UNTIL=20200916T230000Z: 23:00Z is midnight in London
    // (TZID:GMT Standard Time, the calendar's zone through CLDR), so Thu 2020-09-17 is the last one: 13
    // fortnights, 3 of them (Apr 16, May 28, Sep 3) moved a day later by RECURRENCE-ID overrides
    assertThat(black).hasSize(13);
    assertThat(black.get(black.size() - 1).recurrenceId()).isEqualTo("2020-09-17");
    assertThat(black).filteredOn(Occurrence::isOverride).extracting(o -> o.recurrenceId() + " " + o.start())
        .containsExactly("2020-04-16 2020-04-17T00:00:00Z", "2020-05-28 2020-05-29T00:00:00Z", "2020-09-03 2020-09-04T00:00:00Z");
    // all-day, X-MICROSOFT-CDO-BUSYSTATUS:FREE and TRANSP:TRANSPARENT: never busy
    assertThat(all).allMatch(o -> o.isAllDay() && !o.isBusy() && o.isRecurring());
    assertThat(CalendarZones.resolve("GMT Standard Time")).contains(ZoneId.of("Europe/London"));
  }

  @Test
  void exchangeSeriesWhoseVtimezoneDisagreesWithFloatingUntilAndUtcExdate() {
    // VTIMEZONE says W. Europe Standard Time, the events TZID=Europe/Berlin (folded onto the next line);
    // FREQ=DAILY;UNTIL=20200429T000000 (floating: midnight Berlin) from 2020-04-26 14:00: Apr 26, 27, 28;
    // EXDATE:20200427T120000Z is the 27th's 14:00 CEST in UTC, so that one is cancelled
    List<CalendarItem> items = read("exchange2010_tzid_mismatch_floating_until_exdate_utc.ics", "2020-04-01T00:00:00Z", "2020-06-01T00:00:00Z");
    assertThat(problems(items)).isEmpty();
    assertThat(slots(occurrences(items)))
        .containsExactly(
            "2020-04-26T12:00:00Z 2020-04-26T12:00:00Z..2020-04-26T12:30:00Z",
            "2020-04-27T12:00:00Z 2020-04-27T12:00:00Z..2020-04-27T12:30:00Z cancelled",
            "2020-04-28T12:00:00Z 2020-04-28T12:00:00Z..2020-04-28T12:30:00Z");
    assertThat(occurrences(items)).allMatch(o -> "Europe/Berlin".equals(o.timeZone()));
  }

  @Test
  void thunderbirdCancelsOneOccurrenceWithACancelledOverride() {
    // FREQ=DAILY;COUNT=3 from 2020-01-28 22:00 Berlin (21:00Z); the override of the 29th has STATUS:CANCELLED
    List<Occurrence> all = occurrences(read("thunderbird_cancelled_occurrence_recurrence_id.ics", "2020-01-01T00:00:00Z", "2020-03-01T00:00:00Z"));
    assertThat(slots(all))
        .containsExactly(
            "2020-01-28T21:00:00Z 2020-01-28T21:00:00Z..2020-01-28T22:00:00Z",
            "2020-01-29T21:00:00Z 2020-01-29T21:00:00Z..2020-01-29T22:00:00Z cancelled",
            "2020-01-30T21:00:00Z 2020-01-30T21:00:00Z..2020-01-30T22:00:00Z");
  }

  @Test
  void outlookQuotedWindowsDisplayNameIsReadInTheOwnersTeamZoneAndNoted() {
    // TZID="Canberra, Melbourne, Sydney" is an Outlook 2003 display name, in no CLDR table: read in the owner's
    // team zone (Berlin here), noted. FREQ=DAILY;BYDAY=MO..FR from Tue 2009-03-10 09:30: weekdays only, and
    // 09:30 stays 09:30 local when Berlin moves to summer time on Sun 2009-03-29 (08:30Z -> 07:30Z)
    List<Occurrence> all = occurrences(read("outlook2003_daily_standup_quoted_windows_tzid.ics", "2009-03-26T00:00:00Z", "2009-04-02T00:00:00Z"));
    assertThat(all).extracting(o -> o.start().toString())
        .containsExactly("2009-03-26T08:30:00Z", "2009-03-27T08:30:00Z", "2009-03-30T07:30:00Z", "2009-03-31T07:30:00Z", "2009-04-01T07:30:00Z");
    assertThat(all).allMatch(o -> o.timeZone() == null);
    assertThat(all.get(0).note()).isEqualTo("unknown time zone 'Canberra, Melbourne, Sydney' (read in the owner's team zone Europe/Berlin)");
    // an ORGANIZER and no ATTENDEE: the organizer accepts, the owner is listed without a reply
    assertThat(all.get(0).attendees())
        .containsExactly(new Occurrence.Attendee("ben.fortuna@example.com", "accepted", true), new Occurrence.Attendee(ME, "none", false));
    assertThat(CalendarZones.resolve("\"Canberra, Melbourne, Sydney\"")).isEmpty();
    assertThat(CalendarZones.resolve("W. Europe Standard Time")).contains(BERLIN);
    assertThat(CalendarZones.resolve("AUS Eastern Standard Time")).contains(ZoneId.of("Australia/Sydney"));
  }

  @Test
  void exchangeCdoMeetingRequestWithEscapedZoneAndNeedsActionAttendees() {
    // TZID "Pacific Time (US & Canada), Tijuana" (backslash-escaped in VTIMEZONE, quoted in DTSTART): unknown,
    // read in the owner's zone: 2004-10-11 22:30 Berlin (CEST) = 20:30Z, to 2004-10-12 00:00 = 22:00Z
    List<CalendarItem> items = read("exchange_cdo_meeting_request_attendees_busystatus.ics", "2004-10-01T00:00:00Z", "2004-11-01T00:00:00Z");
    Occurrence o = occurrences(items).get(0);
    assertThat(occurrences(items)).hasSize(1);
    assertThat(o.start()).isEqualTo(Instant.parse("2004-10-11T20:30:00Z"));
    assertThat(o.end()).isEqualTo(Instant.parse("2004-10-11T22:00:00Z"));
    assertThat(o.note()).startsWith("unknown time zone 'Pacific Time (US & Canada), Tijuana'");
    assertThat(o.isBusy()).isTrue();
    assertThat(o.organizerEmail()).isEqualTo("meher.tendjoukian@verdisoft.com");
    // PARTSTAT=NEEDS-ACTION is no reply; e-mails lower case; the owner, not invited, is added without a reply
    assertThat(o.attendees())
        .containsExactly(
            new Occurrence.Attendee("meher.tendjoukian@verdisoft.com", "accepted", true),
            new Occurrence.Attendee("tendjoukian@yahoo.de", "none", false),
            new Occurrence.Attendee("meher.t@gmail.com", "none", false),
            new Occurrence.Attendee(ME, "none", false));
    assertThat(o.description()).contains("--meher");
  }

  @Test
  void blankTzidIsReadInTheOwnersZoneAndTheOrganizersOwnLineKeepsThemAccepted() {
    // DTSTART;TZID=:20150826T090000: 09:00 in Berlin (CEST) = 07:00Z
    List<CalendarItem> items = IcsCalendars.read(text(FX + "exchange2010_blank_tzid_google_uid.ics"),
        window("sam@company.com", BERLIN, "2015-08-01T00:00:00Z", "2015-09-01T00:00:00Z"));
    Occurrence o = occurrences(items).get(0);
    assertThat(o.eventUid()).isEqualTo("t21ocubdt9jagerldbkak7uhcg@google.com");
    assertThat(o.start()).isEqualTo(Instant.parse("2015-08-26T07:00:00Z"));
    assertThat(o.note()).isEqualTo("an empty TZID (read in the owner's team zone Europe/Berlin)");
    // roberts organises and is also an ATTENDEE with NEEDS-ACTION: still accepted; sam (the owner) no reply
    assertThat(o.attendees())
        .containsExactly(new Occurrence.Attendee("roberts@company.com", "accepted", true), new Occurrence.Attendee("sam@company.com", "none", false));
  }

  // ------------------------------------------------------------------------------------------------------
  // Hand-written calendars

  private static String calendar(String... events) {
    StringBuilder sb = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ttv//test//EN\r\n");
    for (String e : events) {
      sb.append("BEGIN:VEVENT\r\n").append(e.strip().replace("\n", "\r\n")).append("\r\nEND:VEVENT\r\n");
    }
    return sb.append("END:VCALENDAR\r\n").toString();
  }

  private static List<CalendarItem> readText(String ics, String from, String to) {
    return IcsCalendars.read(ics, window(ME, ZoneId.of("UTC"), from, to));
  }

  @Test
  void weeklySeriesWithAnExdateAndAMovedOccurrenceAcrossTheSpringDstChange() {
    // Mondays 10:00-10:30 Berlin from 2026-03-16, COUNT=5: Mar 16, 23, 30, Apr 6, 13. Berlin moves to
    // summer time on Sun 2026-03-29: 10:00 local is 09:00Z before (UTC+1) and 08:00Z after (UTC+2).
    // EXDATE removes Mar 23 (kept, cancelled); the override moves Apr 6 to Tue Apr 7 11:00 (09:00Z) and keeps
    // the recurrence id of its slot, Apr 6 08:00Z.
    String ics =
        calendar(
            """
            UID:weekly-1
            DTSTART;TZID=Europe/Berlin:20260316T100000
            DTEND;TZID=Europe/Berlin:20260316T103000
            RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=5
            EXDATE;TZID=Europe/Berlin:20260323T100000
            SUMMARY:Weekly sync
            """,
            """
            UID:weekly-1
            RECURRENCE-ID;TZID=Europe/Berlin:20260406T100000
            DTSTART;TZID=Europe/Berlin:20260407T110000
            DTEND;TZID=Europe/Berlin:20260407T113000
            SUMMARY:Weekly sync (moved)
            """);
    List<CalendarItem> items = readText(ics, "2026-03-01T00:00:00Z", "2026-05-01T00:00:00Z");
    assertThat(problems(items)).isEmpty();
    assertThat(slots(occurrences(items)))
        .containsExactly(
            "2026-03-16T09:00:00Z 2026-03-16T09:00:00Z..2026-03-16T09:30:00Z",
            "2026-03-23T09:00:00Z 2026-03-23T09:00:00Z..2026-03-23T09:30:00Z cancelled",
            "2026-03-30T08:00:00Z 2026-03-30T08:00:00Z..2026-03-30T08:30:00Z",
            "2026-04-06T08:00:00Z 2026-04-07T09:00:00Z..2026-04-07T09:30:00Z",
            "2026-04-13T08:00:00Z 2026-04-13T08:00:00Z..2026-04-13T08:30:00Z");
    assertThat(occurrences(items)).allMatch(o -> o.timeZone().equals("Europe/Berlin") && o.isRecurring());
  }

  @Test
  void lastSaturdayOfTheMonth() {
    // FREQ=MONTHLY;BYDAY=-1SA;COUNT=4 from Sat 2026-01-31 11:00 Berlin: Jan 31, Feb 28 (Feb 1 is a Sunday),
    // Mar 28 (still winter time: DST starts Mar 29), Apr 25 (summer: 11:00 = 09:00Z)
    String ics = calendar("UID:last-sat\nDTSTART;TZID=Europe/Berlin:20260131T110000\nDURATION:PT1H\nRRULE:FREQ=MONTHLY;BYDAY=-1SA;COUNT=4");
    assertThat(occurrences(readText(ics, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"))).extracting(o -> o.start() + ".." + o.end())
        .containsExactly("2026-01-31T10:00:00Z..2026-01-31T11:00:00Z", "2026-02-28T10:00:00Z..2026-02-28T11:00:00Z",
            "2026-03-28T10:00:00Z..2026-03-28T11:00:00Z", "2026-04-25T09:00:00Z..2026-04-25T10:00:00Z");
  }

  @Test
  void countCountsFromDtstartAndUntilIsInclusive() {
    // COUNT=3 from Jan 1 09:00Z: Jan 1, 2, 3; a window from Jan 3 sees only the third.
    // UNTIL=20260105T090000Z from Jan 1 09:00Z: Jan 1..5 (UNTIL is inclusive), five occurrences.
    String ics =
        calendar(
            "UID:count\nDTSTART:20260101T090000Z\nRRULE:FREQ=DAILY;COUNT=3",
            "UID:until\nDTSTART:20260101T090000Z\nRRULE:FREQ=DAILY;UNTIL=20260105T090000Z");
    List<Occurrence> from3rd = occurrences(readText(ics, "2026-01-03T00:00:00Z", "2026-02-01T00:00:00Z"));
    assertThat(uid(from3rd, "count")).extracting(o -> o.start().toString()).containsExactly("2026-01-03T09:00:00Z");
    assertThat(uid(from3rd, "until")).hasSize(3);
    assertThat(uid(occurrences(readText(ics, "2025-12-01T00:00:00Z", "2026-02-01T00:00:00Z")), "until")).hasSize(5);
    // no DTEND, no DURATION: a timed event ends when it starts
    assertThat(from3rd.get(0).end()).isEqualTo(from3rd.get(0).start());
  }

  @Test
  void anEndlessSeriesIsBoundedByTheWindow() {
    // Wednesdays 12:00Z since 2020, no end; the window March 2026 holds Mar 4, 11, 18, 25
    String ics = calendar("UID:endless\nDTSTART:20200101T120000Z\nDTEND:20200101T130000Z\nRRULE:FREQ=WEEKLY;BYDAY=WE");
    assertThat(occurrences(readText(ics, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"))).extracting(Occurrence::recurrenceId)
        .containsExactly("2026-03-04T12:00:00Z", "2026-03-11T12:00:00Z", "2026-03-18T12:00:00Z", "2026-03-25T12:00:00Z");
  }

  @Test
  void aBadEventIsQuarantinedAloneAndABadCalendarAsAWhole() {
    String ics =
        calendar(
            "UID:no-start\nSUMMARY:no DTSTART",
            "UID:bad-rule\nDTSTART:20260101T090000Z\nRRULE:FREQ=SOMETIMES;BYDAY=XX",
            "UID:fine\nDTSTART:20260102T090000Z\nDTEND:20260102T100000Z\nATTENDEE;CUTYPE=ROOM;PARTSTAT=ACCEPTED:mailto:room-1@example.com\n"
                + "ATTENDEE;PARTSTAT=DECLINED:mailto:Bo@Example.com\nORGANIZER:mailto:ana@example.com\nTRANSP:TRANSPARENT");
    List<CalendarItem> items = readText(ics, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z");
    // ical4j rejects the whole file at the bad RRULE; read event by event, only that event is lost
    assertThat(problems(items)).hasSize(2).contains("event no-start has no DTSTART");
    assertThat(problems(items)).anySatisfy(p -> assertThat(p).startsWith("event bad-rule cannot be read as iCalendar: ").contains("SOMETIMES"));
    Occurrence fine = occurrences(items).get(0);
    assertThat(fine.eventUid()).isEqualTo("fine");
    assertThat(fine.isBusy()).isFalse();
    // the room is not a person; e-mails are lower case
    assertThat(fine.attendees())
        .containsExactly(
            new Occurrence.Attendee("ana@example.com", "accepted", true),
            new Occurrence.Attendee("bo@example.com", "declined", false),
            new Occurrence.Attendee(ME, "none", false));
    assertThat(problems(IcsCalendars.read("this is not a calendar", window(ME, BERLIN, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))))
        .singleElement().asString().startsWith("calendar could not be read as iCalendar (RFC 5545): ");
  }

  private static List<Occurrence> uid(List<Occurrence> all, String uid) {
    return all.stream().filter(o -> o.eventUid().equals(uid)).toList();
  }
}
