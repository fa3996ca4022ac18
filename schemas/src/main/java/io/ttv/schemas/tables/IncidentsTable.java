package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code incidents}: one incident of a paging or ticket system (PagerDuty now; Jira incident types
 * later, with source_system jira), attributed to a config service (contract 6.4).
 */
public final class IncidentsTable {
  private IncidentsTable() {}

  public static final String NAME = "incidents";
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String INCIDENT_ID = "incident_id";
  public static final String INCIDENT_NUMBER = "incident_number";
  public static final String TITLE = "title";
  public static final String STATUS = "status";
  public static final String URGENCY = "urgency";
  public static final String SEVERITY = "severity";
  public static final String SOURCE_SERVICE_ID = "source_service_id";
  public static final String SERVICE = "service";
  public static final String TEAM = "team";
  public static final String STARTED_AT = "started_at";
  public static final String ACKNOWLEDGED_AT = "acknowledged_at";
  public static final String RESOLVED_AT = "resolved_at";
  public static final String TIME_TO_ACKNOWLEDGE_SECONDS = "time_to_acknowledge_seconds";
  public static final String TIME_TO_RESOLVE_SECONDS = "time_to_resolve_seconds";
  public static final String RESPONDERS = "responders";
  public static final String IS_OPEN = "is_open";

  /**
   * Not stored: the source's user ids a normalised incident names (assignees, acknowledgers), for the
   * run's identity counts (matched, unmatched, bots).
   */
  public static final String SEEN_USER_IDS = "_seen_user_ids";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "Where the incident was read: pagerduty (REST /incidents)."))
          .add(Col.required(INCIDENT_ID, DataTypes.StringType, "The system's incident id (PagerDuty: the incident's id, e.g. Q3YON8WNWTZMRQ)."))
          .add(Col.of(INCIDENT_NUMBER, DataTypes.LongType, "The incident's number as people say it (PagerDuty incident_number, #4)."))
          .add(Col.of(TITLE, DataTypes.StringType, "The incident's title."))
          .add(Col.required(STATUS, DataTypes.StringType, "Status now: triggered, acknowledged or resolved (an unknown word is kept raw and counted in the run log). An acknowledged incident can go back to triggered (the acknowledgement timed out)."))
          .add(Col.of(URGENCY, DataTypes.StringType, "PagerDuty urgency: high or low."))
          .add(Col.of(SEVERITY, DataTypes.StringType, "The incident's priority name (P1, P2, ...) when the account uses priorities; else null."))
          .add(Col.of(SOURCE_SERVICE_ID, DataTypes.StringType, "The system's service the incident was raised on (PagerDuty service id)."))
          .add(Col.of(SERVICE, DataTypes.StringType, "The config service whose services[].pagerduty_services holds source_service_id (the first such service); null when none does (the incident is kept and counted in the run log, but no deployment can be blamed for it)."))
          .add(Col.of(TEAM, DataTypes.StringType, "The owning team of that service (services[].team); null when unmapped or the service has no team."))
          .add(Col.required(STARTED_AT, DataTypes.TimestampType, "When the incident started: its created_at (contract 6.4)."))
          .add(Col.of(ACKNOWLEDGED_AT, DataTypes.TimestampType, "The first acknowledgement: the earliest acknowledge_log_entry, or the incident's own acknowledgements[].at when earlier or no log entry shows one. Not the current status: an acknowledgement that timed out and re-triggered still counts. Null when never acknowledged."))
          .add(Col.of(RESOLVED_AT, DataTypes.TimestampType, "When it was resolved: last_status_change_at once status is resolved, else its newest resolve_log_entry; null while open."))
          .add(Col.of(TIME_TO_ACKNOWLEDGE_SECONDS, DataTypes.DoubleType, "acknowledged_at - started_at in seconds; null when never acknowledged (or when the export's clocks make it negative)."))
          .add(Col.of(TIME_TO_RESOLVE_SECONDS, DataTypes.DoubleType, "resolved_at - started_at in seconds (time to restore, contract 6.4); null while open."))
          .add(Col.required(RESPONDERS, DataTypes.createArrayType(DataTypes.StringType), "The persons who acknowledged or were assigned (incident assignments and acknowledgements, acknowledge log entries' agents, assign log entries' assignees), sorted, as people[].id or 'pagerduty:<user id>'; users only, never services."))
          .add(Col.required(IS_OPEN, DataTypes.BooleanType, "The incident is not resolved."))
          .add(LineageColumns.EXPORT_DATE_FIELD)
          .add(LineageColumns.SOURCE_FILE_FIELD)
          .add(LineageColumns.SOURCE_POSITION_FIELD);

  public static final TableDef TABLE =
      new TableDef(
          NAME,
          TableDef.Layer.NORMALISED,
          "one incident",
          SCHEMA,
          List.of(SOURCE_SYSTEM, INCIDENT_ID),
          List.of());
}
