package io.ttv.jobs.pipeline;

import static io.ttv.testing.DatasetAssert.assertDatasetEquals;
import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.date;
import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.testing.TestSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitLab, Jenkins and GitHub deployments through the whole pipeline, one nightly run per export date:
 * manual-gate evidence from an older export survives the MERGE, the derived columns (gate waits,
 * re-runs, deployment statuses, Jenkins deployments) are filled, and running the dates again changes
 * the last date again changes nothing.
 */
@Tag("slow") // three nightly runs over nine datasets: about three minutes on a 2-core machine
class CiBreadthPipelineTest {
  @TempDir static Path dir;
  private static SparkSession spark;
  private static Landing landing;

  private static String job(long id, String name, String stage, String status, String started, String finished, Integer queued) {
    return String.format(
        "{\"id\":%d,\"name\":\"%s\",\"stage\":\"%s\",\"status\":\"%s\",\"created_at\":\"2026-01-05T09:00:00Z\",\"started_at\":%s,\"finished_at\":%s,%s"
            + "\"web_url\":\"https://gitlab.example/acme/shop/-/jobs/%d\",\"pipeline\":{\"id\":500,\"created_at\":\"2026-01-05T09:00:00Z\"}}",
        id, name, stage, status, started == null ? "null" : "\"" + started + "\"", finished == null ? "null" : "\"" + finished + "\"",
        queued == null ? "" : "\"queued_duration\":" + queued + ",", id);
  }

  @BeforeAll
  static void landingZone() {
    spark = TestSpark.session();
    landing = new Landing(dir.resolve("landing"));
    String pipeline = "{\"id\":500,\"iid\":9,\"status\":\"success\",\"source\":\"push\",\"name\":null,\"created_at\":\"2026-01-05T09:00:00Z\","
        + "\"started_at\":\"2026-01-05T09:00:10Z\",\"finished_at\":\"2026-01-05T09:40:10Z\",\"queued_duration\":10,"
        + "\"web_url\":\"https://gitlab.example/acme/shop/-/pipelines/500\"}";
    String running = "{\"number\":12,\"building\":true,\"result\":null,\"timestamp\":1767607200000,\"duration\":0,"
        + "\"actions\":[{},{\"lastBuiltRevision\":{\"SHA1\":\"abc123\",\"branch\":[{\"name\":\"main\"}]},\"remoteUrls\":[\"git@github.com:acme/billing.git\"]}]}";
    String done = running.replace("\"building\":true,\"result\":null", "\"building\":false,\"result\":\"FAILURE\"").replace("\"duration\":0", "\"duration\":1500000");
    String paused = "{\"id\":\"12\",\"status\":\"PAUSED_PENDING_INPUT\",\"stages\":["
        + "{\"id\":\"5\",\"name\":\"Build\",\"status\":\"SUCCESS\",\"startTimeMillis\":1767607260000,\"durationMillis\":300000},"
        + "{\"id\":\"9\",\"name\":\"Deploy to production\",\"status\":\"PAUSED_PENDING_INPUT\",\"startTimeMillis\":1767607560000,\"durationMillis\":1000}]}";
    String fin = "{\"id\":\"12\",\"status\":\"FAILED\",\"queueDurationMillis\":60000,\"stages\":["
        + "{\"id\":\"5\",\"name\":\"Build\",\"status\":\"SUCCESS\",\"startTimeMillis\":1767607260000,\"durationMillis\":300000,\"pauseDurationMillis\":0},"
        + "{\"id\":\"9\",\"name\":\"Deploy to production\",\"status\":\"FAILED\",\"startTimeMillis\":1767607560000,\"durationMillis\":960000,\"pauseDurationMillis\":900000}]}";
    String deployment = "[{\"id\":9001,\"sha\":\"abc\",\"ref\":\"main\",\"environment\":\"production\",\"created_at\":\"2026-01-05T10:00:00Z\","
        + "\"repository_url\":\"https://api.github.com/repos/acme/web\"}]";
    String statuses = "[{\"id\":3,\"state\":\"success\",\"created_at\":\"2026-01-05T10:50:20Z\"},"
        + "{\"id\":2,\"state\":\"queued\",\"created_at\":\"2026-01-05T10:45:10Z\"},"
        + "{\"id\":1,\"state\":\"waiting\",\"created_at\":\"2026-01-05T10:00:10Z\"}]";
    landing
        .write("gitlab", "pipelines", "2026-01-05", "project=acme%2Fshop", "pipelines.json", "[" + pipeline + "]")
        .write("gitlab", "jobs", "2026-01-05", "project=acme%2Fshop", "jobs.json", "["
            + job(1001, "compile", "build", "success", "2026-01-05T09:00:10Z", "2026-01-05T09:05:10Z", 10) + ","
            + job(1002, "unit", "test", "failed", "2026-01-05T09:05:20Z", "2026-01-05T09:08:20Z", 10) + ","
            + job(1003, "deploy-prod", "deploy", "manual", null, null, null) + ","
            + job(1004, "unit", "test", "success", "2026-01-05T09:09:30Z", "2026-01-05T09:12:30Z", 30) + "]")
        .write("gitlab", "jobs", "2026-01-06", "project=acme%2Fshop", "jobs.json",
            "[" + job(1003, "deploy-prod", "deploy", "success", "2026-01-05T09:32:30Z", "2026-01-05T09:40:10Z", 2) + "]")
        .copy("gitlab", "deployments", "2026-01-05", "project=merico-dev%2Fee%2Fvdev.co", "deployments.ndjson", "/fixtures/gitlab-ci/devlake_gitlab_list_deployments.ndjson")
        .write("jenkins", "builds", "2026-01-05", "job=acme%2Fbilling%2Fmain", "builds.json", "{\"allBuilds\":[" + running + "]}")
        .write("jenkins", "builds", "2026-01-06", "job=acme%2Fbilling%2Fmain", "builds.json", "{\"allBuilds\":[" + done + "]}")
        .write("jenkins", "stages", "2026-01-05", "job=acme%2Fbilling%2Fmain/build=12", "describe.json", paused)
        .write("jenkins", "stages", "2026-01-06", "job=acme%2Fbilling%2Fmain/build=12", "describe.json", fin)
        .write("github", "deployments", "2026-01-05", "repo=acme%2Fweb", "deployments.json", deployment)
        .write("github", "deployment_statuses", "2026-01-06", "repo=acme%2Fweb/deployment_id=9001", "statuses.json", statuses);
  }

  private static TtvConfig config() {
    return ConfigLoader.parse(
        "{\"warehouse\":\"" + dir.resolve("wh") + "\",\"landing\":\"" + landing.root() + "\",\"late_data_days\":2,"
            + "\"services\":[{\"name\":\"web\",\"repos\":[\"acme/web\"]}],\"quality\":{\"max_quarantine_share\":0.01}}",
        "test");
  }

  private static Dataset<Row> table(TtvConfig cfg, String name) {
    return spark.read().format("delta").load(cfg.tablePath(name));
  }

  private static void nightly(TtvConfig cfg, String date) {
    Pipeline.run(spark, cfg, "run", LocalDate.parse(date), LocalDate.parse(date), Stage.tableStages());
  }

  @Test
  void nightlyRunsFillTheDerivedColumnsAndRunningAgainChangesNothing() {
    TtvConfig cfg = config();
    nightly(cfg, "2026-01-05");
    nightly(cfg, "2026-01-06");

    // GitLab: the 01-06 version of job 1003 no longer says manual; the MERGE kept the evidence. Its wait is
    // 09:32:30 - 09:12:30 (the retried test job, the latest finish of earlier stages) = 1200 s.
    assertRows(table(cfg, "ci_jobs").where("source_system = 'gitlab'"),
        new String[] {"job_id", "status", "is_retried", "is_manual_gate", "is_gate_passed", "gate_wait_seconds"},
        new Object[] {"1001", "success", false, false, false, null},
        new Object[] {"1002", "failed", true, false, false, null},
        new Object[] {"1003", "success", false, true, true, 1200.0},
        new Object[] {"1004", "success", false, false, false, null});
    assertRows(table(cfg, "ci_runs").where("source_system <> 'github'"),
        new String[] {"run_id", "repo", "workflow", "conclusion", "is_rerun"},
        new Object[] {"500", "acme/shop", "push", "success", true},
        new Object[] {"acme/billing/main#12", "acme/billing", "acme/billing", "failure", false});
    // deployments: the GitHub one waited 45 minutes for approval; Jenkins' deploy stage failed; GitLab's real sample has 8
    assertRows(table(cfg, "deployments").where("source_system <> 'gitlab'"),
        new String[] {"source_system", "deployment_id", "service", "environment", "status", "is_manual_gate", "gate_wait_seconds"},
        new Object[] {"github", "9001", "web", "production", "success", true, 2700.0},
        new Object[] {"jenkins", "acme/billing/main#12:9", "acme/billing", "production", "failure", true, 900.0});
    assertThat(table(cfg, "deployments").where("source_system = 'gitlab'").count()).isEqualTo(8);
    // fact_ci_daily 2026-01-05 (UTC): one gate per system; GitHub's under 'deployment production' (no Actions run named)
    assertRows(table(cfg, "fact_ci_daily").where("date = DATE'2026-01-05'"),
        new String[] {"source_system", "repo", "workflow", "runs", "rerun_runs", "manual_gates", "manual_gate_wait_minutes"},
        new Object[] {"gitlab", "acme/shop", "push", 1L, 1L, 1L, 20.0},
        new Object[] {"jenkins", "acme/billing", "acme/billing", 1L, 0L, 1L, 15.0},
        new Object[] {"github", "acme/web", "deployment production", 0L, 0L, 1L, 45.0});
    assertRows(table(cfg, "fact_delivery_daily").where("date = DATE'2026-01-05'"),
        new String[] {"service", "deployments", "failed_deployments"},
        new Object[] {"web", 1L, 0L},
        new Object[] {"acme/billing", 0L, 1L});
    assertRows(table(cfg, "fact_deployment").where("source_system = 'github'"),
        new String[] {"date", "service", "duration_seconds", "gate_wait_seconds"},
        new Object[] {date("2026-01-05"), "web", 3020.0, 2700.0});

    Map<String, Dataset<Row>> before = snapshot(cfg);
    nightly(cfg, "2026-01-06");
    Map<String, Dataset<Row>> after = snapshot(cfg);
    for (String t : before.keySet()) {
      assertDatasetEquals(before.get(t), after.get(t));
    }
  }

  private static Map<String, Dataset<Row>> snapshot(TtvConfig cfg) {
    Map<String, Dataset<Row>> tables = new TreeMap<>();
    for (String t : List.of("ci_runs", "ci_jobs", "deployments", "deployment_statuses", "fact_ci_daily", "fact_deployment", "fact_delivery_daily", "quarantine")) {
      Dataset<Row> d = table(cfg, t);
      if (List.of(d.columns()).contains("ingested_at")) {
        d = d.drop("ingested_at");
      }
      tables.put(t, spark.createDataFrame(d.collectAsList(), d.schema()));
    }
    return tables;
  }
}
