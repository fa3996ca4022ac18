package io.ttv.transforms.incidents;

import static io.ttv.testing.DatasetAssert.assertDatasetEquals;
import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.IncidentLogEntriesTable;
import io.ttv.schemas.tables.IncidentsTable;
import io.ttv.testing.RawFixtures;
import io.ttv.transforms.common.NormalizedRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** PagerDuty incidents and log entries, on the real bodies in fixtures/pagerduty (see PROVENANCE.md there). */
class PagerdutyIncidentsTest {
  private static final String FX = "/fixtures/pagerduty/";

  /**
   * Keon Amini (PQYACO3, the DevLake account's owner), ana and bo are listed people; Kian Amini (P25K520)
   * and the playground's user are not. DevLake's DevService is billing-api's; the playground's is nobody's.
   */
  private static final TtvConfig CONFIG =
      ConfigLoader.parse(
          """
          {"warehouse": "/tmp/w", "landing": "/tmp/l",
           "teams": [{"name": "payments"}],
           "people": [
             {"id": "keon", "team": "payments", "pagerduty": ["PQYACO3"]},
             {"id": "ana", "team": "payments", "pagerduty": ["PANA001"]},
             {"id": "bo", "team": "payments", "pagerduty": ["pbo0001"]}],
           "services": [{"name": "billing-api", "team": "payments", "repos": ["acme/billing"],
                         "pagerduty_services": ["PIKL83L", "PBILL01"]}]}
          """,
          "test.json");

  private static final String[] TIMES = {
    "incident_id", "status", "started_at", "acknowledged_at", "resolved_at", "time_to_acknowledge_seconds",
    "time_to_resolve_seconds", "responders", "is_open"
  };

  private static Dataset<Row> incidents(Dataset<Row> normalized) {
    return NormalizedRows.onlyValidNewest(normalized, IncidentsTable.TABLE);
  }

  private static Dataset<Row> entries(Dataset<Row> normalized) {
    return NormalizedRows.onlyValidNewest(normalized, IncidentLogEntriesTable.TABLE);
  }

  private static scala.collection.immutable.Seq<String> ids(String... ids) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(ids)).toList();
  }

  @Test
  void theWrapperPageOfSixTriggeredIncidents() {
    Dataset<Row> raw = RawFixtures.json("pagerduty", "incidents", "incidents", "2020-09-01", FX + "kafka-docker-playground_list_incidents_page.json", Map.of());
    Dataset<Row> normalized = PagerdutyIncidents.normalize(raw, CONFIG);
    // {"incidents":[..6..],"limit":25,"offset":0,"total":null,"more":false}: the wrapper's total:null is no record
    assertThat(normalized.count()).isEqualTo(6);
    assertThat(normalized.where("_problem IS NOT NULL").count()).isZero();
    // the playground's service PY7K7O3 is in no services[].pagerduty_services: kept, unattributed, noted
    assertThat(normalized.select("_note").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactly("PagerDuty service 'PY7K7O3' in no services[].pagerduty_services (kept, attributed to no service)");
    Dataset<Row> rows = incidents(normalized);
    Object[] open = {null, null, null, null, ids("pagerduty:pqolxva"), true};
    assertRows(
        rows,
        new String[] {"incident_number", "incident_id", "status", "urgency", "severity", "source_service_id", "service", "team", "started_at",
            "acknowledged_at", "resolved_at", "time_to_acknowledge_seconds", "time_to_resolve_seconds", "responders", "is_open"},
        row(new Object[] {1L, "PQJ9TNL", "triggered", "high", null, "PY7K7O3", null, null, ts("2020-09-01T09:14:16Z")}, open),
        row(new Object[] {2L, "PXTQOAZ", "triggered", "high", null, "PY7K7O3", null, null, ts("2020-09-01T09:14:17Z")}, open),
        row(new Object[] {3L, "P2PH84G", "triggered", "high", null, "PY7K7O3", null, null, ts("2020-09-01T09:14:17Z")}, open),
        row(new Object[] {4L, "PQE4J2P", "triggered", "high", null, "PY7K7O3", null, null, ts("2020-09-01T09:35:30Z")}, open),
        row(new Object[] {5L, "PLFTH8T", "triggered", "high", null, "PY7K7O3", null, null, ts("2020-09-01T09:35:31Z")}, open),
        row(new Object[] {6L, "PQ2ZD0N", "triggered", "high", null, "PY7K7O3", null, null, ts("2020-09-01T09:35:31Z")}, open));
    // the identities the run counts: the assignee's PagerDuty user id
    assertThat(normalized.selectExpr("explode(" + IncidentsTable.SEEN_USER_IDS + ")").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactly("PQOLXVA");
    // nothing embedded: no log entry rows
    assertThat(PagerdutyLogEntries.embedded(normalized, CONFIG.people()).count()).isZero();
  }

  private static Object[] row(Object[] head, Object[] tail) {
    Object[] r = new Object[head.length + tail.length];
    System.arraycopy(head, 0, r, 0, head.length);
    System.arraycopy(tail, 0, r, head.length, tail.length);
    return r;
  }

  @Test
  void devlakeIncidentsWithEmbeddedNewestFirstLogEntries() {
    Dataset<Row> raw = RawFixtures.ndjson("pagerduty", "incidents", "2022-11-03", FX + "devlake_pagerduty_incidents_with_log_entries.ndjson", Map.of());
    Dataset<Row> normalized = PagerdutyIncidents.normalize(raw, CONFIG);
    assertThat(normalized.where("_problem IS NOT NULL OR _note IS NOT NULL").count()).isZero();
    Dataset<Row> bodies = incidents(normalized);
    // From the bodies alone: #4 re-triggered after its acks timed out, so its acknowledgements:[] hold no ack;
    // #6 is resolved with assignments:[] (nobody). 6-digit fractions parse: 06:51:44.000000Z - 06:45:36 = 368 s.
    assertRows(
        bodies,
        TIMES,
        new Object[] {"Q3YON8WNWTZMRQ", "triggered", ts("2022-11-03T06:23:06Z"), null, null, null, null, ids("keon", "pagerduty:p25k520"), true},
        new Object[] {"Q3CZAU7Q4008QD", "acknowledged", ts("2022-11-03T06:44:28Z"), ts("2022-11-03T06:44:37Z"), null, 9.0, null, ids("keon"), true},
        new Object[] {"Q1OHFWFP3GPXOG", "resolved", ts("2022-11-03T06:45:36Z"), null, ts("2022-11-03T06:51:44Z"), null, 368.0, ids(), false});
    assertRows(bodies, new String[] {"incident_id", "incident_number", "title", "urgency", "service", "team"},
        new Object[] {"Q3YON8WNWTZMRQ", 4L, "Crash reported", "high", "billing-api", "payments"},
        new Object[] {"Q3CZAU7Q4008QD", 5L, "Slow startup", "high", "billing-api", "payments"},
        new Object[] {"Q1OHFWFP3GPXOG", 6L, "Spamming logs", "low", "billing-api", "payments"});

    // The embedded entries (31 + 5 + 8), each an incident_log_entries row with its incident's lineage.
    Dataset<Row> logEntries = entries(PagerdutyLogEntries.embedded(normalized, CONFIG.people()));
    assertThat(logEntries.count()).isEqualTo(44);
    assertRows(logEntries.where("type = 'acknowledge_log_entry'"),
        new String[] {"log_entry_id", "incident_id", "created_at", "agent_user_id", "agent_person_id"},
        new Object[] {"RRRFD3GB1ASJ5B5U52LBR1195F", "Q3YON8WNWTZMRQ", ts("2022-11-03T06:23:07Z"), "PQYACO3", "keon"},
        new Object[] {"R3D8FQ909789MRDZ7CSNWFB662", "Q3YON8WNWTZMRQ", ts("2022-11-03T06:34:25Z"), "PQYACO3", "keon"},
        new Object[] {"R9TN63Y48OZQA58Y29RNB1Y8RI", "Q3YON8WNWTZMRQ", ts("2022-11-03T06:34:53Z"), "PQYACO3", "keon"},
        new Object[] {"RP5TD0082CGK4VQYM23L2IUS7S", "Q3CZAU7Q4008QD", ts("2022-11-03T06:44:37Z"), "PQYACO3", "keon"},
        new Object[] {"R8B7CY7VR40V00F25UD17JNNCY", "Q1OHFWFP3GPXOG", ts("2022-11-03T06:45:46Z"), "PQYACO3", "keon"});
    // an assignment by the service (agent service_reference) names no person
    assertThat(logEntries.where("type = 'assign_log_entry' AND agent_user_id IS NOT NULL").count()).isZero();

    // Combined: #4's first ack is 06:23:07 (1 s after 06:23:06), though it is triggered now; #6 was acked
    // 06:45:46 (10 s) by keon, who is its responder although its assignments are empty.
    Dataset<Row> combined = PagerdutyIncidents.withLogEntries(bodies, logEntries);
    assertRows(
        combined,
        TIMES,
        new Object[] {"Q3YON8WNWTZMRQ", "triggered", ts("2022-11-03T06:23:06Z"), ts("2022-11-03T06:23:07Z"), null, 1.0, null, ids("keon", "pagerduty:p25k520"), true},
        new Object[] {"Q3CZAU7Q4008QD", "acknowledged", ts("2022-11-03T06:44:28Z"), ts("2022-11-03T06:44:37Z"), null, 9.0, null, ids("keon"), true},
        new Object[] {"Q1OHFWFP3GPXOG", "resolved", ts("2022-11-03T06:45:36Z"), ts("2022-11-03T06:45:46Z"), ts("2022-11-03T06:51:44Z"), 10.0, 368.0, ids("keon"), false});
    // the derive pass may run again on its own output: nothing changes
    assertDatasetEquals(combined, PagerdutyIncidents.withLogEntries(combined, logEntries));
  }

  private static Row logEntry(long position, String json) {
    return RawFixtures.record("pagerduty", "log_entries", "2026-03-03", "file:/l/pagerduty/log_entries/dt=2026-03-03/p1.json", position, json, Map.of());
  }

  private static String entry(String id, String type, String at, String agent, String incident) {
    return String.format(
        "{\"id\":\"%s\",\"type\":\"%s\",\"created_at\":%s,\"agent\":%s,\"incident\":%s}",
        id, type, at == null ? "null" : "\"" + at + "\"",
        agent == null ? "null" : "{\"id\":\"" + agent + "\",\"type\":\"" + (agent.startsWith("PSVC") ? "service_reference" : "user_reference") + "\"}",
        incident == null ? "null" : "{\"id\":\"" + incident + "\",\"type\":\"incident_reference\"}");
  }

  @Test
  void aHandMadeIncidentWithItsLogEntriesInTheirOwnDataset() {
    // PH1 on PagerDuty service PBILL01 (billing-api, team payments by the config), priority P1, created 10:00:00Z
    // on 2026-03-02, resolved (last_status_change_at 11:30:00Z). Its body lists no acknowledgements or assignments.
    // Log entries (REST /log_entries, another dataset): triggered 10:00:00 by the service; assigned to PANA001
    // (ana) 10:00:00; acknowledged 10:04:30 by ana and 10:20:00 by pbo0001 (bo, listed lower-case: ids match
    // ignoring case); resolved 11:30:00 by PCAROL1 (carol: resolving is not responding).
    // => time to acknowledge = 10:04:30 - 10:00:00 = 270 s; time to resolve = 11:30:00 - 10:00:00 = 5400 s;
    //    responders = ana (assigned, acked), bo (acked).
    // PH2 on PBILL01, created 11:00:00Z, resolved but without last_status_change_at: noted, and resolved at its
    // resolve_log_entry 12:00:00 => 3600 s. PH3 on PNOBODY: kept, unattributed, noted. Then two bad incidents.
    List<Row> raw = new ArrayList<>();
    String file = "file:/l/pagerduty/incidents/dt=2026-03-03/p1.json";
    raw.add(RawFixtures.record("pagerduty", "incidents", "2026-03-03", file, 0,
        "{\"id\":\"PH1\",\"incident_number\":41,\"title\":\"Payments failing\",\"status\":\"resolved\",\"urgency\":\"high\","
            + "\"created_at\":\"2026-03-02T10:00:00Z\",\"last_status_change_at\":\"2026-03-02T11:30:00Z\","
            + "\"service\":{\"id\":\"PBILL01\",\"type\":\"service_reference\"},\"priority\":{\"id\":\"PP1\",\"name\":\"P1\",\"summary\":\"P1\"},"
            + "\"assignments\":[],\"acknowledgements\":[]}", Map.of()));
    raw.add(RawFixtures.record("pagerduty", "incidents", "2026-03-03", file, 1,
        "{\"id\":\"PH2\",\"incident_number\":42,\"status\":\"resolved\",\"urgency\":\"low\",\"created_at\":\"2026-03-02T11:00:00Z\","
            + "\"service\":{\"id\":\"PBILL01\"}}", Map.of()));
    raw.add(RawFixtures.record("pagerduty", "incidents", "2026-03-03", file, 2,
        "{\"id\":\"PH3\",\"incident_number\":43,\"status\":\"triggered\",\"created_at\":\"2026-03-02T13:00:00Z\",\"service\":{\"id\":\"PNOBODY\"}}", Map.of()));
    raw.add(RawFixtures.record("pagerduty", "incidents", "2026-03-03", file, 3,
        "{\"incident_number\":44,\"status\":\"triggered\",\"created_at\":\"2026-03-02T13:00:00Z\"}", Map.of()));
    raw.add(RawFixtures.record("pagerduty", "incidents", "2026-03-03", file, 4,
        "{\"id\":\"PH5\",\"status\":\"triggered\",\"service\":{\"id\":\"PBILL01\"}}", Map.of()));
    Dataset<Row> normalized = PagerdutyIncidents.normalize(RawFixtures.of(raw), CONFIG);
    assertRows(normalized, new String[] {"source_position", "_problem", "_note"},
        new Object[] {0L, null, null},
        new Object[] {1L, null, "resolved incident without last_status_change_at or resolve_log_entry (kept, resolved_at from a later log entry or null)"},
        new Object[] {2L, null, "PagerDuty service 'PNOBODY' in no services[].pagerduty_services (kept, attributed to no service)"},
        new Object[] {3L, "incident has no 'id'", null},
        new Object[] {4L, "incident PH5 has no 'created_at'", null});

    List<Row> logs = new ArrayList<>();
    logs.add(logEntry(0, entry("L1", "trigger_log_entry", "2026-03-02T10:00:00Z", "PSVC001", "PH1")));
    logs.add(logEntry(1, "{\"id\":\"L2\",\"type\":\"assign_log_entry\",\"created_at\":\"2026-03-02T10:00:00Z\","
        + "\"agent\":{\"id\":\"PSVC001\",\"type\":\"service_reference\"},\"incident\":{\"id\":\"PH1\"},"
        + "\"assignees\":[{\"id\":\"PANA001\",\"type\":\"user_reference\"}]}"));
    logs.add(logEntry(2, entry("L3", "acknowledge_log_entry", "2026-03-02T10:04:30Z", "PANA001", "PH1")));
    logs.add(logEntry(3, entry("L4", "acknowledge_log_entry", "2026-03-02T10:20:00Z", "PBO0001", "PH1")));
    logs.add(logEntry(4, entry("L5", "resolve_log_entry", "2026-03-02T11:30:00Z", "PCAROL1", "PH1")));
    logs.add(logEntry(5, entry("L6", "resolve_log_entry", "2026-03-02T12:00:00Z", "PCAROL1", "PH2")));
    logs.add(logEntry(6, entry("L7", "notify_log_entry", null, null, "PH1")));
    logs.add(logEntry(7, entry("L8", "annotate_log_entry", "2026-03-02T10:10:00Z", "PANA001", null)));
    Dataset<Row> normalizedLogs = PagerdutyLogEntries.normalize(RawFixtures.of(logs), CONFIG);
    assertRows(normalizedLogs.where("_problem IS NOT NULL"), new String[] {"source_position", "_problem"},
        new Object[] {6L, "log entry L7 has no 'created_at'"},
        new Object[] {7L, "log entry L8 names no incident (no incident.id, no incident= folder)"});
    Dataset<Row> logEntries = entries(normalizedLogs);
    assertRows(logEntries.where("log_entry_id IN ('L2', 'L4', 'L5')"),
        new String[] {"log_entry_id", "type", "agent_user_id", "agent_person_id", "assignee_person_ids"},
        new Object[] {"L2", "assign_log_entry", null, null, ids("ana")},
        new Object[] {"L4", "acknowledge_log_entry", "PBO0001", "bo", ids()},
        new Object[] {"L5", "resolve_log_entry", "PCAROL1", "pagerduty:pcarol1", ids()});

    Dataset<Row> combined = PagerdutyIncidents.withLogEntries(incidents(normalized), logEntries);
    assertRows(
        combined,
        TIMES,
        new Object[] {"PH1", "resolved", ts("2026-03-02T10:00:00Z"), ts("2026-03-02T10:04:30Z"), ts("2026-03-02T11:30:00Z"), 270.0, 5400.0, ids("ana", "bo"), false},
        new Object[] {"PH2", "resolved", ts("2026-03-02T11:00:00Z"), null, ts("2026-03-02T12:00:00Z"), null, 3600.0, ids(), false},
        new Object[] {"PH3", "triggered", ts("2026-03-02T13:00:00Z"), null, null, null, null, ids(), true});
    assertRows(combined, new String[] {"incident_id", "incident_number", "severity", "source_service_id", "service", "team"},
        new Object[] {"PH1", 41L, "P1", "PBILL01", "billing-api", "payments"},
        new Object[] {"PH2", 42L, null, "PBILL01", "billing-api", "payments"},
        new Object[] {"PH3", 43L, null, "PNOBODY", null, null});
  }
}
