package io.ttv.jobs.pipeline;

import static io.ttv.testing.DatasetAssert.assertDatasetEquals;
import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.testing.TestSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PagerDuty incidents and log entries through ingest and normalize, one nightly run per export date:
 * DevLake's incidents with embedded log entries, and a hand-made incident whose log entries arrive the
 * next day in their own dataset (under an {@code incident=} folder, no incident in the body) together
 * with its resolved version, whose MERGE resets the log-entry columns; running the last date again
 * changes nothing.
 */
@Tag("slow") // three ingest+normalize runs
class IncidentsPipelineTest {
  @TempDir static Path dir;

  private static TtvConfig config(Landing landing) {
    return ConfigLoader.parse(
        "{\"warehouse\":\"" + dir.resolve("wh") + "\",\"landing\":\"" + landing.root() + "\","
            + "\"people\":[{\"id\":\"keon\",\"pagerduty\":[\"PQYACO3\"]},{\"id\":\"ana\",\"pagerduty\":[\"PANA001\"]}],"
            + "\"services\":[{\"name\":\"billing-api\",\"team\":null,\"repos\":[],\"pagerduty_services\":[\"PIKL83L\",\"PBILL01\"]}]}",
        "test");
  }

  private static Pipeline.Result nightly(SparkSession spark, TtvConfig cfg, String date) {
    LocalDate d = LocalDate.parse(date);
    return Pipeline.run(spark, cfg, "run", d, d, List.of(Stage.INGEST, Stage.NORMALIZE));
  }

  private static Dataset<Row> table(SparkSession spark, TtvConfig cfg, String name) {
    Dataset<Row> d = spark.read().format("delta").load(cfg.tablePath(name));
    return spark.createDataFrame(d.collectAsList(), d.schema());
  }

  private static scala.collection.immutable.Seq<String> ids(String... ids) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(ids)).toList();
  }

  @Test
  void logEntryColumnsAreDerivedAfterEveryMergeOfAnIncidentOrItsLogEntries() {
    SparkSession spark = TestSpark.session();
    Landing landing = new Landing(dir.resolve("landing"));
    String ph1 = "{\"id\":\"PH1\",\"incident_number\":41,\"status\":\"%s\",\"urgency\":\"high\",\"created_at\":\"2026-03-02T10:00:00Z\","
        + "\"last_status_change_at\":\"%s\",\"service\":{\"id\":\"PBILL01\",\"type\":\"service_reference\"},\"assignments\":[],\"acknowledgements\":[]}";
    landing
        .copy("pagerduty", "incidents", "2026-03-02", "", "devlake.ndjson", "/fixtures/pagerduty/devlake_pagerduty_incidents_with_log_entries.ndjson")
        .write("pagerduty", "incidents", "2026-03-02", "", "page1.json",
            "{\"incidents\":[" + String.format(ph1, "triggered", "2026-03-02T10:00:00Z") + "],\"limit\":25,\"offset\":0,\"total\":null,\"more\":false}")
        // the next day: PH1 resolved at 11:30, and its log entries: ana acknowledged 10:04:30 (270 s after the start)
        .write("pagerduty", "incidents", "2026-03-03", "", "page1.json",
            "{\"incidents\":[" + String.format(ph1, "resolved", "2026-03-02T11:30:00Z") + "],\"limit\":25,\"offset\":0,\"total\":null,\"more\":false}")
        .write("pagerduty", "log_entries", "2026-03-03", "incident=PH1", "page1.json",
            "{\"log_entries\":["
                + "{\"id\":\"L5\",\"type\":\"resolve_log_entry\",\"created_at\":\"2026-03-02T11:30:00Z\",\"agent\":{\"id\":\"PANA001\",\"type\":\"user_reference\"}},"
                + "{\"id\":\"L3\",\"type\":\"acknowledge_log_entry\",\"created_at\":\"2026-03-02T10:04:30Z\",\"agent\":{\"id\":\"PANA001\",\"type\":\"user_reference\"}}"
                + "],\"limit\":25,\"offset\":0,\"more\":false}");
    TtvConfig cfg = config(landing);

    Pipeline.Result first = nightly(spark, cfg, "2026-03-02");
    // PQYACO3 (keon) listed; P25K520 (Kian, #4's assignee) not
    assertThat(first.identities().matched()).containsEntry("pagerduty", 1L);
    assertThat(first.identities().unmatched()).containsEntry("pagerduty", 1L);
    assertThat(table(spark, cfg, "incident_log_entries").count()).isEqualTo(44);
    String[] cols = {"incident_id", "status", "service", "acknowledged_at", "resolved_at", "time_to_acknowledge_seconds", "time_to_resolve_seconds", "responders"};
    // #4: first ack from its embedded log entries though it is triggered now; #6: responder from its log entries
    assertRows(
        table(spark, cfg, "incidents"),
        cols,
        new Object[] {"Q3YON8WNWTZMRQ", "triggered", "billing-api", ts("2022-11-03T06:23:07Z"), null, 1.0, null, ids("keon", "pagerduty:p25k520")},
        new Object[] {"Q3CZAU7Q4008QD", "acknowledged", "billing-api", ts("2022-11-03T06:44:37Z"), null, 9.0, null, ids("keon")},
        new Object[] {"Q1OHFWFP3GPXOG", "resolved", "billing-api", ts("2022-11-03T06:45:46Z"), ts("2022-11-03T06:51:44Z"), 10.0, 368.0, ids("keon")},
        new Object[] {"PH1", "triggered", "billing-api", null, null, null, null, ids()});

    nightly(spark, cfg, "2026-03-03");
    // PH1: 10:00:00 -> acknowledged 10:04:30 = 270 s, resolved 11:30:00 = 5400 s; ana acknowledged
    Dataset<Row> incidents = table(spark, cfg, "incidents");
    assertRows(
        incidents.where("incident_id = 'PH1'"),
        cols,
        new Object[] {"PH1", "resolved", "billing-api", ts("2026-03-02T10:04:30Z"), ts("2026-03-02T11:30:00Z"), 270.0, 5400.0, ids("ana")});
    assertThat(incidents.count()).isEqualTo(4);

    Map<String, Dataset<Row>> before = Map.of("incidents", incidents, "incident_log_entries", table(spark, cfg, "incident_log_entries"));
    nightly(spark, cfg, "2026-03-03");
    for (Map.Entry<String, Dataset<Row>> e : before.entrySet()) {
      assertDatasetEquals(e.getValue(), table(spark, cfg, e.getKey()));
    }
  }
}
