package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code calendar_attendance}: one person at one occurrence of {@code calendar_events} (contract section
 * 5, 6.6). A person's own export is their truth (their PARTSTAT, their free/busy); a person seen only in
 * others' exports takes the response those exports give them.
 */
public final class CalendarAttendanceTable {
  private CalendarAttendanceTable() {}

  public static final String NAME = "calendar_attendance";
  public static final String EVENT_UID = CalendarEventsTable.EVENT_UID;
  public static final String RECURRENCE_ID = CalendarEventsTable.RECURRENCE_ID;
  public static final String PERSON_ID = "person_id";
  public static final String EMAIL = "email";
  public static final String IS_MATCHED = "is_matched";
  public static final String IS_ORGANIZER = "is_organizer";
  public static final String RESPONSE = "response";
  public static final String IS_BUSY = "is_busy";
  public static final String FROM_OWN_CALENDAR = "from_own_calendar";

  /** Values of {@link #RESPONSE}. */
  public static final String ACCEPTED = "accepted";

  public static final String TENTATIVE = "tentative";
  public static final String DECLINED = "declined";
  public static final String NONE = "none";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(EVENT_UID, DataTypes.StringType, "calendar_events.event_uid."))
          .add(Col.required(RECURRENCE_ID, DataTypes.StringType, "calendar_events.recurrence_id."))
          .add(Col.required(PERSON_ID, DataTypes.StringType, "The person (people[].emails, ignoring case); unlisted: 'email:<address>'."))
          .add(Col.of(EMAIL, DataTypes.StringType, "The e-mail the export named them by, lower case."))
          .add(Col.required(IS_MATCHED, DataTypes.BooleanType, "The e-mail belongs to a person of the config."))
          .add(Col.required(IS_ORGANIZER, DataTypes.BooleanType, "They organise the meeting (the organizer attends their own meeting)."))
          .add(Col.required(RESPONSE, DataTypes.StringType, "accepted, tentative, declined or none (PARTSTAT ACCEPTED/TENTATIVE/DECLINED, NEEDS-ACTION or absent; Google responseStatus; Graph status.response). The organizer is accepted unless their own copy says otherwise; the owner of a calendar holding an event without attendees is accepted."))
          .add(Col.required(IS_BUSY, DataTypes.BooleanType, "The occurrence blocks this person's time: from their own calendar's copy when they exported one (TRANSP, transparency, showAs), else calendar_events.is_busy."))
          .add(Col.required(FROM_OWN_CALENDAR, DataTypes.BooleanType, "The row's version was read from this person's own calendar export."))
          .add(LineageColumns.EXPORT_DATE_FIELD)
          .add(LineageColumns.SOURCE_FILE_FIELD)
          .add(LineageColumns.SOURCE_POSITION_FIELD);

  public static final TableDef TABLE =
      new TableDef(
          NAME, TableDef.Layer.NORMALISED, "one person at one meeting occurrence", SCHEMA, List.of(EVENT_UID, RECURRENCE_ID, PERSON_ID), List.of(),
          // a person's own copy outranks any other attendee's, whatever their export dates
          List.of(), FROM_OWN_CALENDAR);
}
