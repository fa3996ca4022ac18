package io.ttv.transforms.calendar;

import static io.ttv.schemas.tables.CalendarAttendanceTable.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.CalendarEventsTable;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.transforms.common.Identities;
import io.ttv.transforms.common.NormalizedRows;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code calendar_events} rows of {@link CalendarEvents#normalize} -> {@code calendar_attendance}: one row
 * per person of each copy (organizer, attendees and the calendar's owner; rooms and resources are not
 * people). A copy read from the person's own calendar is {@code from_own_calendar}, which the table ranks
 * above age (its fullness column): their own export is their truth for response and busy, and a person
 * seen only in others' exports takes the newest response those give them.
 */
public final class CalendarAttendance {
  private CalendarAttendance() {}

  /** Rejected event rows feed nothing (they were counted and quarantined with calendar_events). */
  public static Dataset<Row> fromEvents(Dataset<Row> events, TtvConfig config) {
    Dataset<Row> people =
        events
            .where(col(NormalizedRows.PROBLEM).isNull())
            .select(
                col(CalendarEventsTable.EVENT_UID),
                col(CalendarEventsTable.RECURRENCE_ID),
                explode(col(CalendarEvents.PEOPLE)).as("p"),
                col(CalendarEventsTable.IS_BUSY).as("_busy"),
                col(CalendarEvents.OWNER_PERSON),
                col(LineageColumns.EXPORT_DATE),
                col(LineageColumns.SOURCE_FILE),
                col(LineageColumns.SOURCE_POSITION),
                col(NormalizedRows.PROBLEM),
                col(NormalizedRows.RECORD));
    Column person = col("p.person_id");
    return people.select(
        col(EVENT_UID),
        col(RECURRENCE_ID),
        person.as(PERSON_ID),
        col("p.email").as(EMAIL),
        Identities.isMatched(person, config.people()).as(IS_MATCHED),
        col("p.is_organizer").as(IS_ORGANIZER),
        col("p.response").as(RESPONSE),
        col("_busy").as(IS_BUSY),
        person.equalTo(col(CalendarEvents.OWNER_PERSON)).as(FROM_OWN_CALENDAR),
        col(LineageColumns.EXPORT_DATE),
        col(LineageColumns.SOURCE_FILE),
        col(LineageColumns.SOURCE_POSITION),
        col(NormalizedRows.PROBLEM),
        lit(null).cast("string").as(NormalizedRows.RECORD));
  }
}
