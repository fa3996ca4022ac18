package io.ttv.transforms.incidents;

import static io.ttv.schemas.tables.IncidentLogEntriesTable.*;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.Person;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.raw.PagerdutyJson;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.transforms.common.Cols;
import io.ttv.transforms.common.Identities;
import io.ttv.transforms.common.NormalizedRows;
import io.ttv.transforms.common.Times;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * PagerDuty log entries -> {@code incident_log_entries}: from the {@code log_entries} dataset
 * ({@link #normalize}), or embedded in DevLake's incidents ({@link #embedded}). Only the entries that
 * say when an incident was acknowledged or resolved and who responded matter to metrics; the others
 * (notify, escalate, annotate, ...) are kept for drill-down.
 */
public final class PagerdutyLogEntries {
  private PagerdutyLogEntries() {}

  public static final String SYSTEM = PagerdutyIncidents.SYSTEM;
  public static final String ACKNOWLEDGE = "acknowledge_log_entry";
  public static final String RESOLVE = "resolve_log_entry";
  public static final String ASSIGN = "assign_log_entry";

  /** A reference is a person only when it is a user: escalations and assignments are often by a service. */
  static Column userId(Column reference) {
    return when(reference.getField("type").isin("user_reference", "user"), reference.getField("id"));
  }

  /** {@code raw_pagerduty_log_entries} -> incident_log_entries rows. */
  public static Dataset<Row> normalize(Dataset<Row> raw, TtvConfig config) {
    Dataset<Row> parsed = NormalizedRows.parsed(raw, NormalizedRows.json(PagerdutyJson.LOG_ENTRY, "e"));
    Column id = col("e.id");
    Column incident =
        coalesce(
            col("e.incident.id"),
            Cols.pathParam(col("_params"), "incident"));
    Column what = concat(lit("log entry "), id);
    Column problem =
        coalesce(
            when(id.isNull(), lit("log entry has no 'id'")),
            when(col("e.created_at").isNull(), concat(what, lit(" has no 'created_at'"))),
            Times.problemIfMalformed("created_at", col("e.created_at")),
            when(col("e.type").isNull(), concat(what, lit(" has no 'type'"))),
            when(incident.isNull(), concat(what, lit(" names no incident (no incident.id, no incident= folder)"))));
    List<Column> cols = rowColumns(col("e"), id, incident, config.people());
    cols.add(problem.as(NormalizedRows.PROBLEM));
    cols.add(col(NormalizedRows.RECORD));
    return parsed.select(cols.toArray(Column[]::new));
  }

  /**
   * The log entries embedded in normalised incident rows (DevLake's shape), one row each, with the
   * incident's lineage and problem: a rejected incident feeds no log entry. Entries without an id or a
   * created_at cannot be keyed or placed in time; the incident's {@code _note} counts them.
   *
   * @param incidents {@link PagerdutyIncidents#normalize} output, with its {@link PagerdutyIncidents#EMBEDDED}
   *     column
   */
  public static Dataset<Row> embedded(Dataset<Row> incidents, List<Person> people) {
    Dataset<Row> one =
        incidents
            .select(
                col(io.ttv.schemas.tables.IncidentsTable.INCIDENT_ID).as("_incident"),
                explode(col(PagerdutyIncidents.EMBEDDED)).as("e"),
                col(LineageColumns.EXPORT_DATE),
                col(LineageColumns.SOURCE_FILE),
                col(LineageColumns.SOURCE_POSITION),
                col(NormalizedRows.PROBLEM),
                col(NormalizedRows.RECORD))
            .where(PagerdutyIncidents.isUsableEntry(col("e")));
    List<Column> cols = rowColumns(col("e"), col("e.id"), coalesce(col("e.incident.id"), col("_incident")), people);
    cols.add(col(NormalizedRows.PROBLEM));
    cols.add(col(NormalizedRows.RECORD));
    return one.select(cols.toArray(Column[]::new));
  }

  private static List<Column> rowColumns(Column e, Column id, Column incident, List<Person> people) {
    Column agent = userId(e.getField("agent"));
    Column assignees =
        coalesce(
            transform(
                filter(e.getField("assignees"), a -> userId(a).isNotNull()),
                a -> Identities.personId(SYSTEM, a.getField("id"), lit(null), people)),
            array().cast("array<string>"));
    return new ArrayList<>(
        List.of(
            lit(SYSTEM).as(SOURCE_SYSTEM),
            id.as(LOG_ENTRY_ID),
            incident.as(INCIDENT_ID),
            lower(e.getField("type")).as(TYPE),
            Times.parse(e.getField("created_at")).as(CREATED_AT),
            agent.as(AGENT_USER_ID),
            Identities.personId(SYSTEM, agent, lit(null), people).as(AGENT_PERSON_ID),
            assignees.as(ASSIGNEE_PERSON_IDS),
            col(LineageColumns.EXPORT_DATE),
            col(LineageColumns.SOURCE_FILE),
            col(LineageColumns.SOURCE_POSITION)));
  }
}
