package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code calendars}: one exported calendar (a source system and an {@code owner=} e-mail). It says who
 * has calendar data ({@code fact_person_day.has_calendar}, contract 6.6: of any export date), which an
 * empty calendar would not show in {@code calendar_attendance}.
 */
public final class CalendarsTable {
  private CalendarsTable() {}

  public static final String NAME = "calendars";
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String OWNER_EMAIL = "owner_email";
  public static final String OWNER_PERSON_ID = "owner_person_id";
  public static final String IS_MATCHED = "is_matched";
  public static final String FIRST_EXPORT_DATE = "first_export_date";
  public static final String LAST_EXPORT_DATE = "last_export_date";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "ics, google_calendar or msgraph_calendar."))
          .add(Col.required(OWNER_EMAIL, DataTypes.StringType, "The owner=<email> folder of the export, lower case."))
          .add(Col.required(OWNER_PERSON_ID, DataTypes.StringType, "The owner's person (people[].emails); unlisted: 'email:<address>'."))
          .add(Col.required(IS_MATCHED, DataTypes.BooleanType, "The owner is a person of the config."))
          .add(Col.required(FIRST_EXPORT_DATE, DataTypes.DateType, "The first export date a file of this calendar was read for."))
          .add(Col.required(LAST_EXPORT_DATE, DataTypes.DateType, "The newest export date a file of this calendar was read for."));

  public static final TableDef TABLE =
      new TableDef(NAME, TableDef.Layer.NORMALISED, "one exported calendar (source and owner)", SCHEMA, List.of(SOURCE_SYSTEM, OWNER_EMAIL), List.of());
}
