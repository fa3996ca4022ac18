package io.ttv.transforms.incidents;

import static io.ttv.schemas.tables.IncidentsTable.*;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.Person;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.raw.PagerdutyJson;
import io.ttv.schemas.tables.IncidentLogEntriesTable;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.transforms.common.Identities;
import io.ttv.transforms.common.NormalizedRows;
import io.ttv.transforms.common.ServiceMapping;
import io.ttv.transforms.common.Statuses;
import io.ttv.transforms.common.Times;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;

/**
 * PagerDuty {@code incidents} -> {@code incidents}. The incident body says when it started, its status
 * now and (once resolved) when it last changed; who acknowledged first and when is only in its log
 * entries: an acknowledgement times out and the incident re-triggers with {@code acknowledgements:[]}
 * (fixture devlake_pagerduty_incidents_with_log_entries, #4), and a resolved incident lists no
 * assignments (#6). So {@link #normalize} fills those columns from the body alone, and
 * {@link #withLogEntries} completes them from {@code incident_log_entries} after both are merged.
 */
public final class PagerdutyIncidents {
  private PagerdutyIncidents() {}

  public static final String SYSTEM = "pagerduty";

  /** Not stored: the log entries DevLake's tap embedded in an incident (fed to {@link PagerdutyLogEntries#embedded}). */
  public static final String EMBEDDED = "_log_entries";

  /** PagerDuty incident statuses; all three are known, none is a conclusion. */
  public static final Map<String, String> STATUSES = new LinkedHashMap<>();

  static {
    STATUSES.put("triggered", "triggered");
    STATUSES.put("acknowledged", "acknowledged");
    STATUSES.put("resolved", "resolved");
  }

  /** An embedded log entry can be stored: it has an id and a created_at that parses. */
  static Column isUsableEntry(Column e) {
    return e.getField("id").isNotNull().and(Times.parse(e.getField("created_at")).isNotNull());
  }

  /** {@code raw_pagerduty_incidents} -> incidents rows, plus {@link #EMBEDDED} and the user ids seen. */
  public static Dataset<Row> normalize(Dataset<Row> raw, TtvConfig config) {
    List<Person> people = config.people();
    Dataset<Row> parsed = NormalizedRows.parsed(raw, NormalizedRows.json(PagerdutyJson.INCIDENT, "j"));
    Column id = col("j.id");
    Column status = lower(col("j.status"));
    Column isResolved = coalesce(status.equalTo("resolved"), lit(false));
    Column started = Times.parse(col("j.created_at"));
    Column embedded = coalesce(col("j.log_entries"), array().cast(new ArrayType(PagerdutyJson.LOG_ENTRY, true)));
    Column embeddedResolve =
        exists(embedded, e -> e.getField("type").equalTo(PagerdutyLogEntries.RESOLVE).and(isUsableEntry(e)));
    Column resolved = when(isResolved, Times.parse(col("j.last_status_change_at")));
    // the incident's own acknowledgements are the current ones only (emptied by a re-trigger)
    Column ownAck = array_min(transform(coalesce(col("j.acknowledgements"), array()), a -> Times.parse(a.getField("at"))));
    Column assignees =
        transform(
            filter(coalesce(col("j.assignments"), array()), a -> PagerdutyLogEntries.userId(a.getField("assignee")).isNotNull()),
            a -> a.getField("assignee").getField("id"));
    Column acknowledgers =
        transform(
            filter(coalesce(col("j.acknowledgements"), array()), a -> PagerdutyLogEntries.userId(a.getField("acknowledger")).isNotNull()),
            a -> a.getField("acknowledger").getField("id"));
    Column userIds = array_distinct(concat(assignees, acknowledgers));
    Column responders = array_sort(array_distinct(transform(userIds, u -> Identities.personId(SYSTEM, u, lit(null), people))));
    Column serviceId = col("j.service.id");
    Column service = ServiceMapping.serviceOfPagerduty(serviceId, config.services());
    Column what = concat(lit("incident "), id);
    Column problem =
        coalesce(
            when(id.isNull(), lit("incident has no 'id'")),
            when(col("j.created_at").isNull(), concat(what, lit(" has no 'created_at'"))),
            Times.problemIfMalformed("created_at", col("j.created_at")),
            when(status.isNull(), concat(what, lit(" has no 'status'"))));
    Column note =
        coalesce(
            when(serviceId.isNull(), lit("incident without a service (kept, attributed to no service)")),
            when(service.isNull(), concat(lit("PagerDuty service '"), serviceId, lit("' in no services[].pagerduty_services (kept, attributed to no service)"))),
            when(isResolved.and(resolved.isNull()).and(embeddedResolve.unary_$bang()),
                lit("resolved incident without last_status_change_at or resolve_log_entry (kept, resolved_at from a later log entry or null)")),
            Statuses.noteIfUnknown("incident status", status, STATUSES),
            when(exists(embedded, e -> isUsableEntry(e).unary_$bang()),
                lit("embedded log entries without an id or created_at (skipped)")));
    return parsed.select(
        lit(SYSTEM).as(SOURCE_SYSTEM),
        id.as(INCIDENT_ID),
        col("j.incident_number").as(INCIDENT_NUMBER),
        col("j.title").as(TITLE),
        status.as(STATUS),
        lower(col("j.urgency")).as(URGENCY),
        coalesce(col("j.priority.name"), col("j.priority.summary")).as(SEVERITY),
        serviceId.as(SOURCE_SERVICE_ID),
        service.as(SERVICE),
        ServiceMapping.teamOfService(service, config.services()).as(TEAM),
        started.as(STARTED_AT),
        ownAck.as(ACKNOWLEDGED_AT),
        resolved.as(RESOLVED_AT),
        Times.nonNegativeSeconds(started, ownAck).as(TIME_TO_ACKNOWLEDGE_SECONDS),
        Times.nonNegativeSeconds(started, resolved).as(TIME_TO_RESOLVE_SECONDS),
        responders.as(RESPONDERS),
        isResolved.unary_$bang().as(IS_OPEN),
        col(LineageColumns.EXPORT_DATE),
        col(LineageColumns.SOURCE_FILE),
        col(LineageColumns.SOURCE_POSITION),
        problem.as(NormalizedRows.PROBLEM),
        col(NormalizedRows.RECORD),
        when(problem.isNull(), note).as(NormalizedRows.NOTE), // a quarantined record is counted there, not here
        embedded.as(EMBEDDED),
        userIds.as(SEEN_USER_IDS));
  }

  /**
   * Incidents with the columns their log entries decide (contract 6.4), from every log entry of the
   * incident there is. Each rule only adds evidence, so applying it again to its own output changes
   * nothing:
   *
   * <ul>
   *   <li>{@code acknowledged_at}: the earliest of the acknowledge_log_entries and the incident's own
   *       acknowledgements;
   *   <li>{@code resolved_at}, only while status is resolved: last_status_change_at, else the newest
   *       resolve_log_entry;
   *   <li>{@code responders}: the incident's, plus the agents of acknowledge_log_entries and the
   *       assignees of assign_log_entries (persons only; an assignment by a service names no agent);
   *   <li>the two durations from the new times.
   * </ul>
   */
  public static Dataset<Row> withLogEntries(Dataset<Row> incidents, Dataset<Row> logEntries) {
    Column type = col(IncidentLogEntriesTable.TYPE);
    Column at = col(IncidentLogEntriesTable.CREATED_AT);
    Dataset<Row> perIncident =
        logEntries
            .groupBy(col(IncidentLogEntriesTable.SOURCE_SYSTEM).as("_l_system"), col(IncidentLogEntriesTable.INCIDENT_ID).as("_l_id"))
            .agg(
                min(when(type.equalTo(PagerdutyLogEntries.ACKNOWLEDGE), at)).as("_l_ack"),
                max(when(type.equalTo(PagerdutyLogEntries.RESOLVE), at)).as("_l_resolve"),
                collect_list(when(type.equalTo(PagerdutyLogEntries.ACKNOWLEDGE), col(IncidentLogEntriesTable.AGENT_PERSON_ID))).as("_l_ackers"),
                flatten(collect_list(when(type.equalTo(PagerdutyLogEntries.ASSIGN), col(IncidentLogEntriesTable.ASSIGNEE_PERSON_IDS))))
                    .as("_l_assignees"));
    Dataset<Row> joined =
        incidents.join(
            perIncident,
            col(SOURCE_SYSTEM).equalTo(col("_l_system")).and(col(INCIDENT_ID).equalTo(col("_l_id"))),
            "left");
    Column ack = least(col("_l_ack"), col(ACKNOWLEDGED_AT));
    Column resolved = when(col(STATUS).equalTo("resolved"), coalesce(col(RESOLVED_AT), col("_l_resolve")));
    Column fromLog = concat(coalesce(col("_l_ackers"), array().cast("array<string>")), coalesce(col("_l_assignees"), array().cast("array<string>")));
    Column responders = array_sort(array_distinct(array_compact(concat(coalesce(col(RESPONDERS), array().cast("array<string>")), fromLog))));
    Map<String, Column> replaced = new LinkedHashMap<>();
    replaced.put(ACKNOWLEDGED_AT, ack);
    replaced.put(RESOLVED_AT, resolved);
    replaced.put(TIME_TO_ACKNOWLEDGE_SECONDS, Times.nonNegativeSeconds(col(STARTED_AT), ack));
    replaced.put(TIME_TO_RESOLVE_SECONDS, Times.nonNegativeSeconds(col(STARTED_AT), resolved));
    replaced.put(RESPONDERS, responders);
    return joined.select(
        Arrays.stream(incidents.columns())
            .map(c -> replaced.containsKey(c) ? replaced.get(c).as(c) : col(c))
            .toArray(Column[]::new));
  }
}
