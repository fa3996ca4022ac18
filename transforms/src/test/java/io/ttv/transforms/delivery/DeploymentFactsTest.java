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
}
