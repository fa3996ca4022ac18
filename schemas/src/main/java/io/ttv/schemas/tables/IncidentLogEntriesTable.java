package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code incident_log_entries}: what happened to an incident, one row per PagerDuty log entry (the
 * {@code log_entries} dataset, or entries embedded in an incident). {@code incidents} takes its first
 * acknowledgement, its resolve time and its responders from them.
 */
public final class IncidentLogEntriesTable {
  private IncidentLogEntriesTable() {}

  public static final String NAME = "incident_log_entries";
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String LOG_ENTRY_ID = "log_entry_id";
  public static final String INCIDENT_ID = "incident_id";
  public static final String TYPE = "type";
  public static final String CREATED_AT = "created_at";
  public static final String AGENT_USER_ID = "agent_user_id";
  public static final String AGENT_PERSON_ID = "agent_person_id";
  public static final String ASSIGNEE_PERSON_IDS = "assignee_person_ids";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "System of the incident: pagerduty."))
          .add(Col.required(LOG_ENTRY_ID, DataTypes.StringType, "The log entry's id."))
          .add(Col.required(INCIDENT_ID, DataTypes.StringType, "The incident (incidents.incident_id) the entry belongs to: its incident.id, else the incident= folder, else the incident it was embedded in."))
          .add(Col.required(TYPE, DataTypes.StringType, "The entry's type as PagerDuty writes it: trigger_log_entry, assign_log_entry, acknowledge_log_entry, escalate_log_entry, notify_log_entry, resolve_log_entry, annotate_log_entry, ..."))
          .add(Col.required(CREATED_AT, DataTypes.TimestampType, "When it happened (UTC)."))
          .add(Col.of(AGENT_USER_ID, DataTypes.StringType, "The PagerDuty user id of the agent who did it; null when the agent is a service, an integration or absent (notify entries)."))
          .add(Col.of(AGENT_PERSON_ID, DataTypes.StringType, "That user as a person (people[].pagerduty), else 'pagerduty:<user id>'."))
          .add(Col.of(ASSIGNEE_PERSON_IDS, DataTypes.createArrayType(DataTypes.StringType), "assign_log_entry: the persons it assigned (its assignees that are users); empty otherwise or when the export omits them."))
          .add(LineageColumns.EXPORT_DATE_FIELD)
          .add(LineageColumns.SOURCE_FILE_FIELD)
          .add(LineageColumns.SOURCE_POSITION_FIELD);

  public static final TableDef TABLE =
      new TableDef(
          NAME,
          TableDef.Layer.NORMALISED,
          "one log entry of a PagerDuty incident",
          SCHEMA,
          List.of(SOURCE_SYSTEM, LOG_ENTRY_ID),
          List.of());
}
