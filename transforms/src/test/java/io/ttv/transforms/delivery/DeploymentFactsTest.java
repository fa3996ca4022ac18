package io.ttv.transforms.delivery;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.date;
import static io.ttv.testing.RawFixtures.ts;

import io.ttv.schemas.tables.CommitShipmentsTable;
import io.ttv.schemas.tables.DeploymentWalksTable;
import io.ttv.schemas.tables.DeploymentsTable;
import io.ttv.testing.TestSpark;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

/** Lead times of fact_deployment and fact_delivery_daily from the walk's results, worked by hand. */
class DeploymentFactsTest {

  private static Row deployment(String id, String finished, boolean ok) {
    Map<String, Object> v =
        Map.ofEntries(
            Map.entry(DeploymentsTable.CREATED_AT, ts(finished)),
            Map.entry(io.ttv.schemas.tables.LineageColumns.EXPORT_DATE, date(finished.substring(0, 10))),
            Map.entry(io.ttv.schemas.tables.LineageColumns.SOURCE_FILE, "deployments.json"),
            Map.entry(io.ttv.schemas.tables.LineageColumns.SOURCE_POSITION, 0L),
            Map.entry(DeploymentsTable.IS_MANUAL_GATE, false),
            Map.entry(DeploymentsTable.IS_GATE_PASSED, false),
            Map.entry(DeploymentsTable.SOURCE_SYSTEM, "github"),
            Map.entry(DeploymentsTable.DEPLOYMENT_ID, id),
            Map.entry(DeploymentsTable.REPO, "acme/app"),
            Map.entry(DeploymentsTable.SERVICE, "app"),
            Map.entry(DeploymentsTable.ENVIRONMENT, "production"),
            Map.entry(DeploymentsTable.IS_PRODUCTION, true),
            Map.entry(DeploymentsTable.FINISHED_AT, ts(finished)),
            Map.entry(DeploymentsTable.STATUS, ok ? "success" : "failure"),
            Map.entry(DeploymentsTable.IS_SUCCESSFUL, ok));
    List<Object> values = new ArrayList<>();
    for (StructField f : DeploymentsTable.SCHEMA.fields()) {
      values.add(v.get(f.name()));
    }
    return RowFactory.create(values.toArray());
  }

  private static Row walk(String id, String finished, String outcome, long shipped) {
    return RowFactory.create("github", id, "acme/app", "app", "sha-" + id, ts(finished), outcome, false, shipped, 0L);
  }

  private static Row shipment(String sha, String id, String deployed, double leadHours) {
    return RowFactory.create("acme/app", sha, "app", "github", id, ts(deployed), null, true, leadHours);
  }

  @Test
  void leadTimePercentilesPerDeploymentAndPerLocalDay() {
    var spark = TestSpark.session();
    // Reporting zone Europe/Berlin (UTC+1 in March before the 29th).
    //   D1 finished 03-02 12:00Z (13:00 local, 03-02), shipped 4 commits with lead times 3, 25, 26, 27 h
    //   D2 finished 03-02 22:30Z (23:30 local, 03-02), shipped 2 commits: 1 and 2 h
    //   D3 finished 03-02 23:30Z (00:30 local, 03-03), a redeploy: walked, shipped nothing
    //   D4 finished 03-03 09:00Z, its sha in no export (sha_unknown): shipped count unknown -> null
    //   F1 failed 03-02 10:00Z: not walked, no shipped count
    Dataset<Row> deployments =
        spark.createDataFrame(
            List.of(
                deployment("D1", "2026-03-02T12:00:00Z", true),
                deployment("D2", "2026-03-02T22:30:00Z", true),
                deployment("D3", "2026-03-02T23:30:00Z", true),
                deployment("D4", "2026-03-03T09:00:00Z", true),
                deployment("F1", "2026-03-02T10:00:00Z", false)),
            DeploymentsTable.SCHEMA);
    Dataset<Row> walks =
        spark.createDataFrame(
            List.of(
                walk("D1", "2026-03-02T12:00:00Z", "walked", 4),
                walk("D2", "2026-03-02T22:30:00Z", "walked", 2),
                walk("D3", "2026-03-02T23:30:00Z", "walked", 0),
                walk("D4", "2026-03-03T09:00:00Z", "sha_unknown", 0)),
            DeploymentWalksTable.SCHEMA);
    Dataset<Row> shipments =
        spark.createDataFrame(
            List.of(
                shipment("m1", "D1", "2026-03-02T12:00:00Z", 3.0),
                shipment("b2", "D1", "2026-03-02T12:00:00Z", 25.0),
                shipment("b1", "D1", "2026-03-02T12:00:00Z", 26.0),
                shipment("a1", "D1", "2026-03-02T12:00:00Z", 27.0),
                shipment("v1", "D2", "2026-03-02T22:30:00Z", 1.0),
                shipment("s1", "D2", "2026-03-02T22:30:00Z", 2.0)),
            CommitShipmentsTable.SCHEMA);
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    LocalDate from = LocalDate.parse("2026-03-02");
    LocalDate to = LocalDate.parse("2026-03-03");

    // D1: sorted 3, 25, 26, 27; p50 at (4-1)*0.5 = 1.5 -> 25 + 0.5*(26-25) = 25.5; p90 at 2.7 -> 26 + 0.7*1 = 26.7
    // D2: 1, 2; p50 at 0.5 -> 1.5; p90 at 0.9 -> 1.9
    assertRows(
        DeploymentFacts.perDeployment(deployments, walks, shipments, berlin, from, to),
        new String[] {"date", "deployment_id", "is_successful", "changes_shipped", "lead_time_p50_hours", "lead_time_p90_hours"},
        new Object[] {date("2026-03-02"), "D1", true, 4L, 25.5, 26.7},
        new Object[] {date("2026-03-02"), "D2", true, 2L, 1.5, 1.9},
        new Object[] {date("2026-03-03"), "D3", true, 0L, null, null},
        new Object[] {date("2026-03-03"), "D4", true, null, null, null},
        new Object[] {date("2026-03-02"), "F1", false, null, null, null});

    // 03-02 (local): D1 and D2 succeeded, F1 failed; the six commits sorted 1, 2, 3, 25, 26, 27:
    //   p50 at (6-1)*0.5 = 2.5 -> 3 + 0.5*(25-3) = 14.0; p90 at 4.5 -> 26 + 0.5*(27-26) = 26.5
    // 03-03 (local): D3 and D4 succeeded, no commit shipped that day -> null lead times
    assertRows(
        DeploymentFacts.daily(deployments, shipments, berlin, from, to),
        new String[] {"date", "service", "deployments", "failed_deployments", "lead_time_p50_hours", "lead_time_p90_hours"},
        new Object[] {date("2026-03-02"), "app", 2L, 1L, 14.0, 26.5},
        new Object[] {date("2026-03-03"), "app", 2L, 0L, null, null});
  }

  private static Row incident(String id, String service, String started, String resolved) {
    return RowFactory.create("pagerduty", id, service, ts(started), resolved == null ? null : ts(resolved));
  }

  @Test
  void changeFailureRateAndRecoveryByIncidentAttribution() {
    var spark = TestSpark.session();
    // Service app, UTC. D1 succeeded 03-02 10:00, F1 failed 03-02 12:00, D2 succeeded 03-02 15:00, D3
    // succeeded 03-03 09:00 (two successful deployments on 03-02).
    Dataset<Row> deployments =
        spark.createDataFrame(
            List.of(
                deployment("D1", "2026-03-02T10:00:00Z", true),
                deployment("F1", "2026-03-02T12:00:00Z", false),
                deployment("D2", "2026-03-02T15:00:00Z", true),
                deployment("D3", "2026-03-03T09:00:00Z", true)),
            DeploymentsTable.SCHEMA);
    org.apache.spark.sql.types.StructType schema =
        new org.apache.spark.sql.types.StructType()
            .add(IncidentFacts.SOURCE_SYSTEM, "string").add(IncidentFacts.INCIDENT_ID, "string").add(IncidentFacts.SERVICE, "string")
            .add(IncidentFacts.STARTED_AT, "timestamp").add(IncidentFacts.RESOLVED_AT, "timestamp");
    Dataset<Row> incidents =
        spark.createDataFrame(
            List.of(
                incident("I0", "app", "2026-03-01T08:00:00Z", "2026-03-01T09:00:00Z"), // before any deployment: not attributed
                incident("I1", "app", "2026-03-02T16:30:00Z", "2026-03-02T18:30:00Z"), // -> D2 (F1 failed: never blamed); 2 h
                incident("I2", "app", "2026-03-02T17:00:00Z", "2026-03-03T11:00:00Z"), // -> D2 too; 18 h
                incident("I3", "app", "2026-03-03T10:00:00Z", null), // -> D3, still open: no recovery time
                incident("I4", "app", "2026-03-03T12:00:00Z", "2026-03-04T12:00:00Z"), // -> D3; 24 h, resolved on a day without deployments
                incident("I5", "search", "2026-03-02T12:00:00Z", "2026-03-02T13:00:00Z")), // search never deployed: not attributed
            schema);
    Dataset<Row> attributed = IncidentFacts.attribute(incidents, deployments).cache();
    assertRows(
        attributed,
        new String[] {"incident_id", "deployment_id"},
        new Object[] {"I0", null}, new Object[] {"I1", "D2"}, new Object[] {"I2", "D2"}, new Object[] {"I3", "D3"},
        new Object[] {"I4", "D3"}, new Object[] {"I5", null});
    ZoneId utc = ZoneId.of("UTC");
    LocalDate from = LocalDate.parse("2026-03-01");
    LocalDate to = LocalDate.parse("2026-03-04");
    assertRows(
        DeploymentFacts.perDeployment(deployments, null, null, attributed, utc, from, to),
        new String[] {"deployment_id", "caused_incident"},
        new Object[] {"D1", false}, new Object[] {"F1", null}, new Object[] {"D2", true}, new Object[] {"D3", true});
    // 03-02: 2 deployments, D2 failed -> failed_changes 1, CFR 1/2 = 0.5; resolved that day: I1 (2 h) -> 2.0
    // 03-03: 1 deployment, D3 failed -> 1, CFR 1/1 = 1.0; resolved that day: I2 (03-02 17:00 -> 03-03 11:00 = 18 h)
    // 03-04: no deployment (CFR null), I4 resolved (24 h): a row of its own. 03-01: I0 is not attributed: no row.
    assertRows(
        DeploymentFacts.daily(deployments, null, attributed, utc, from, to),
        new String[] {"date", "service", "deployments", "failed_deployments", "failed_changes", "change_failure_rate", "recovery_time_p50_hours"},
        new Object[] {date("2026-03-02"), "app", 2L, 1L, 1L, 0.5, 2.0},
        new Object[] {date("2026-03-03"), "app", 1L, 0L, 1L, 1.0, 18.0},
        new Object[] {date("2026-03-04"), "app", 0L, 0L, 0L, null, 24.0});
  }

  @Test
  void jiraIncidentItemsGetTheServiceOfTheirFirstMappedComponent() {
    var spark = TestSpark.session();
    List<io.ttv.schemas.config.Service> services =
        List.of(new io.ttv.schemas.config.Service("app", "payments", List.of("acme/app"), List.of("PXYZ"), List.of("Billing")));
    Dataset<Row> items =
        spark.createDataFrame(List.of(RowFactory.create((Object) List.of("Docs", "billing", "Other"))),
            new org.apache.spark.sql.types.StructType().add("components", "array<string>"));
    assertRows(
        items.select(io.ttv.transforms.common.ServiceMapping.serviceOfJiraComponents(org.apache.spark.sql.functions.col("components"), services).as("service")),
        new String[] {"service"},
        new Object[] {"app"});
  }
}
