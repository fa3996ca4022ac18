package io.ttv.transforms.calendar;

import static io.ttv.schemas.tables.CalendarsTable.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.RawTables;
import io.ttv.transforms.common.Identities;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Raw calendar records -> {@code calendars}: one row per (source system, owner) with the first and the
 * newest export date seen. It is read from the raw records, not from the occurrences, because an export
 * with no meeting in its window (or none at all) still says the person has calendar data. A record
 * without an {@code owner=} folder names no calendar (the event normaliser quarantines it).
 */
public final class Calendars {
  private Calendars() {}

  /**
   * How a MERGE keeps a row it already has: the first export date is the earliest ever seen and the last
   * the newest (a backfill of older dates must not move them), the owner's person follows the config.
   */
  public static final Map<String, String> MERGE_UPDATE =
      Map.of(
          OWNER_PERSON_ID, "s." + OWNER_PERSON_ID,
          IS_MATCHED, "s." + IS_MATCHED,
          FIRST_EXPORT_DATE, "least(t." + FIRST_EXPORT_DATE + ", s." + FIRST_EXPORT_DATE + ")",
          LAST_EXPORT_DATE, "greatest(t." + LAST_EXPORT_DATE + ", s." + LAST_EXPORT_DATE + ")");

  public static Dataset<Row> fromRaw(Dataset<Row> raw, TtvConfig config) {
    Column owner = CalendarWindow.owner();
    Dataset<Row> spans =
        raw.select(col(RawTables.SOURCE_SYSTEM), owner.as(OWNER_EMAIL), col(RawTables.EXPORT_DATE))
            .where(col(OWNER_EMAIL).isNotNull())
            .groupBy(col(RawTables.SOURCE_SYSTEM).as(SOURCE_SYSTEM), col(OWNER_EMAIL))
            .agg(min(col(RawTables.EXPORT_DATE)).as(FIRST_EXPORT_DATE), max(col(RawTables.EXPORT_DATE)).as(LAST_EXPORT_DATE));
    Column person = Identities.personId("email", lit(null), col(OWNER_EMAIL), config.people());
    return spans.select(
        col(SOURCE_SYSTEM),
        col(OWNER_EMAIL),
        person.as(OWNER_PERSON_ID),
        Identities.isMatched(person, config.people()).as(IS_MATCHED),
        col(FIRST_EXPORT_DATE),
        col(LAST_EXPORT_DATE));
  }
}
