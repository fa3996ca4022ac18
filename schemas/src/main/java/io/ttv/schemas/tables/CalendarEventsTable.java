package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code calendar_events}: one occurrence of a meeting, recurrences expanded (contract section 5, 6.6).
 * The same meeting in many attendees' exports is one row: the key is the event's UID and the occurrence's
 * recurrence id, whatever calendar it was read from. Titles and descriptions are kept only with
 * {@code privacy.keep_meeting_titles}; the category the friction rules gave them is always kept.
 */
public final class CalendarEventsTable {
  private CalendarEventsTable() {}

  public static final String NAME = "calendar_events";
  public static final String EVENT_UID = "event_uid";
  public static final String RECURRENCE_ID = "recurrence_id";
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String START_AT = "start_at";
  public static final String END_AT = "end_at";
  public static final String TIME_ZONE = "time_zone";
  public static final String IS_ALL_DAY = "is_all_day";
  public static final String IS_RECURRING = "is_recurring";
  public static final String IS_CANCELLED = "is_cancelled";
  public static final String IS_BUSY = "is_busy";
  public static final String ORGANIZER_EMAIL = "organizer_email";
  public static final String ORGANIZER_PERSON_ID = "organizer_person_id";
  public static final String ATTENDEE_COUNT = "attendee_count";
  public static final String TEAMS = "teams";
  public static final String CATEGORY = "category";
  public static final String IS_API_TOPIC = "is_api_topic";
  public static final String TITLE = "title";
  public static final String DESCRIPTION = "description";

  /** Values of {@link #SOURCE_SYSTEM}. */
  public static final String ICS = "ics";

  public static final String GOOGLE = "google_calendar";
  public static final String MSGRAPH = "msgraph_calendar";

  /** Values of {@link #CATEGORY}. */
  public static final String DEPLOY_PLANNING = "deploy_planning";

  public static final String API = "api";
  public static final String OTHER = "other";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(EVENT_UID, DataTypes.StringType, "The meeting's iCalendar UID (ICS UID, Google iCalUID, Graph iCalUId): the same in every attendee's export."))
          .add(Col.required(RECURRENCE_ID, DataTypes.StringType, "Which occurrence: its original start in UTC as yyyy-MM-dd'T'HH:mm:ss'Z' (RECURRENCE-ID, Google originalStartTime, Graph originalStart; for an all-day occurrence yyyy-MM-dd), the start itself for a single meeting. A moved occurrence keeps the recurrence id of the slot it was moved from."))
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "The calendar export this row's version was read from: ics, google_calendar or msgraph_calendar."))
          .add(Col.required(START_AT, DataTypes.TimestampType, "Start in UTC (an all-day occurrence: midnight UTC of its first date)."))
          .add(Col.required(END_AT, DataTypes.TimestampType, "End in UTC (all-day: midnight UTC after its last date); a missing end is the start plus DURATION, else the start (all-day: plus one day)."))
          .add(Col.of(TIME_ZONE, DataTypes.StringType, "IANA zone the event was written in (Windows names mapped through CLDR); null for UTC and floating times read in the owner's team zone."))
          .add(Col.required(IS_ALL_DAY, DataTypes.BooleanType, "A date-only event: never busy time (contract 6.6)."))
          .add(Col.required(IS_RECURRING, DataTypes.BooleanType, "The occurrence belongs to a series (RRULE/RDATE, Google recurrence, Graph seriesMaster)."))
          .add(Col.required(IS_CANCELLED, DataTypes.BooleanType, "The occurrence or its whole meeting is cancelled (STATUS:CANCELLED, an EXDATE, Google status cancelled, Graph isCancelled)."))
          .add(Col.required(IS_BUSY, DataTypes.BooleanType, "The event blocks time as exported (TRANSP:OPAQUE or absent, Google transparency opaque, Graph showAs other than free); calendar_attendance.is_busy is each person's own view."))
          .add(Col.of(ORGANIZER_EMAIL, DataTypes.StringType, "Organizer's e-mail, lower case."))
          .add(Col.of(ORGANIZER_PERSON_ID, DataTypes.StringType, "Organizer's person (people[].emails); unlisted: 'email:<address>'."))
          .add(Col.required(ATTENDEE_COUNT, DataTypes.IntegerType, "Distinct people of the copy: the organizer, the attendees and the calendar's owner (who attends what their calendar holds), rooms, resources and Google calendar addresses left out (contract 6.6: a busy block needs 2 or more)."))
          .add(Col.required(TEAMS, DataTypes.createArrayType(DataTypes.StringType), "Sorted distinct teams of the matched people among the organizer and the attendees who did not decline (two or more: a cross-team meeting)."))
          .add(Col.required(CATEGORY, DataTypes.StringType, "deploy_planning when the title (or description) matches friction.deploy_planning_meetings, else api when it matches friction.api_meetings, else other."))
          .add(Col.required(IS_API_TOPIC, DataTypes.BooleanType, "The title or description matches friction.api_meetings, whatever the category: a meeting that also matches friction.deploy_planning_meetings (category deploy_planning) still counts as an API meeting when it is cross-team (contract 6.6 counts it in both columns)."))
          .add(Col.of(TITLE, DataTypes.StringType, "The title, only with privacy.keep_meeting_titles; null otherwise."))
          .add(Col.of(DESCRIPTION, DataTypes.StringType, "The description, only with privacy.keep_meeting_titles; null otherwise."))
          .add(LineageColumns.EXPORT_DATE_FIELD)
          .add(LineageColumns.SOURCE_FILE_FIELD)
          .add(LineageColumns.SOURCE_POSITION_FIELD);

  public static final TableDef TABLE =
      new TableDef(NAME, TableDef.Layer.NORMALISED, "one occurrence of a meeting (recurrences expanded)", SCHEMA, List.of(EVENT_UID, RECURRENCE_ID), List.of());
}
