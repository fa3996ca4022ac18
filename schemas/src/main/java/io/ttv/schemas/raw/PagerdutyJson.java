package io.ttv.schemas.raw;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * PagerDuty REST v2 {@code incidents} and {@code log_entries} items, for {@code from_json}. Timestamps
 * stay strings ({@code Z} seconds from the API; six fractional digits in DevLake's tap re-serialisation,
 * fixture devlake_pagerduty_incidents_with_log_entries).
 */
public final class PagerdutyJson {
  private PagerdutyJson() {}

  /** A {@code *_reference}: a user, a service, an incident. */
  private static final StructType REFERENCE = new StructType().add("id", StringType).add("type", StringType);

  /** {@code GET /log_entries} or {@code /incidents/{id}/log_entries} items (newest first). */
  public static final StructType LOG_ENTRY =
      new StructType()
          .add("id", StringType)
          .add("type", StringType)
          .add("created_at", StringType)
          .add("agent", REFERENCE)
          .add("incident", REFERENCE)
          .add("assignees", new ArrayType(REFERENCE, true));

  /**
   * {@code GET /incidents} items. {@code log_entries} is not PagerDuty's: DevLake's Singer tap embedded
   * each incident's log entries in it (newest first).
   */
  public static final StructType INCIDENT =
      new StructType()
          .add("id", StringType)
          .add("incident_number", LongType)
          .add("title", StringType)
          .add("status", StringType)
          .add("urgency", StringType)
          .add("created_at", StringType)
          .add("last_status_change_at", StringType)
          .add("service", REFERENCE)
          .add("priority", new StructType().add("id", StringType).add("name", StringType).add("summary", StringType))
          .add(
              "assignments",
              new ArrayType(new StructType().add("at", StringType).add("assignee", REFERENCE), true))
          .add(
              "acknowledgements",
              new ArrayType(new StructType().add("at", StringType).add("acknowledger", REFERENCE), true))
          .add("log_entries", new ArrayType(LOG_ENTRY, true));
}
