package io.ttv.jobs.pipeline;

import static io.ttv.testing.DatasetAssert.assertDatasetEquals;
import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.date;
import static io.ttv.testing.RawFixtures.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ttv.jobs.QualityGateFailed;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on the real GitHub Actions samples plus deliberately broken files: landing ->
 * raw -> quarantine -> ci_runs/ci_jobs -> fact_ci_daily, run twice (idempotent), and the quality gate.
 */
class PipelineTest {
  private static final String FX = "/fixtures/github-actions/";
  @TempDir static Path dir;
  private static SparkSession spark;
  private static Landing landing;

  @BeforeAll
  static void landingZone() {
    spark = TestSpark.session();
    landing = new Landing(dir.resolve("landing"));
    landing
        // two export days of the same run 2499110858: attempt 1 on 06-15, attempt 2 on 06-17 (the list page shows
        // the newest attempt; the exporter also fetched /attempts/1 and its jobs)
        .copy("github", "workflow_runs", "2022-06-15", "repo=smartcontractkit%2Freleng", "run-2499110858-1.json", FX + "sck_pull_request_run_2499110858_attempt1.json")
        .copy("github", "workflow_jobs", "2022-06-15", "repo=smartcontractkit%2Freleng/run_id=2499110858", "attempt-1.json", FX + "sck_pull_request_jobs_run_2499110858_attempt1.json")
        .copy("github", "workflow_jobs", "2022-06-15", "repo=smartcontractkit%2Freleng/run_id=2499110742", "attempt-1.json", FX + "sck_push_jobs_run_2499110742_all_attempts_in_progress.json")
        .copy("github", "workflow_runs", "2022-06-17", "repo=smartcontractkit%2Freleng", "run-2499110858-2.json", FX + "sck_pull_request_run_2499110858_attempt2.json")
        .copy("github", "workflow_jobs", "2022-06-17", "repo=smartcontractkit%2Freleng/run_id=2499110858", "attempt-2.json", FX + "sck_pull_request_jobs_run_2499110858_attempt2.json")
        // a day with a good NDJSON file (one line broken) and a file cut short
        .write(
            "github", "workflow_runs", "2022-06-16", "repo=acme%2Fapp", "runs.ndjson",
            "{\"id\":1,\"name\":\"CI\",\"run_attempt\":1,\"event\":\"push\",\"status\":\"completed\",\"conclusion\":\"success\",\"created_at\":\"2022-06-16T09:00:00Z\",\"run_started_at\":\"2022-06-16T09:00:30Z\",\"updated_at\":\"2022-06-16T09:10:30Z\"}\n"
                + "{\"id\":2,\"name\":\"CI\",\"run_attempt\":1,\"status\":\"comple\n"
                + "{\"id\":3,\"name\":\"CI\",\"run_attempt\":1,\"event\":\"push\",\"status\":\"completed\",\"conclusion\":\"failure\",\"created_at\":\"2022-06-16T10:00:00Z\",\"run_started_at\":\"2022-06-16T10:00:10Z\",\"updated_at\":\"2022-06-16T10:20:10Z\"}\n")
        .write("github", "workflow_runs", "2022-06-16", "repo=acme%2Fapp", "truncated.json", "{\"total_count\":1,\"workflow_runs\":[{\"id\":4,\"name\":\"CI\"")
        .write("github", "workflow_runs", "2022-06-16", "repo=acme%2Fapp", "_SUCCESS", "");
  }

  private static TtvConfig config(String name, double maxShare) {
    return ConfigLoader.parse(
        "{\"warehouse\":\"" + dir.resolve(name) + "\",\"landing\":\"" + landing.root() + "\","
            + "\"reporting_timezone\":\"UTC\",\"late_data_days\":2,\"quality\":{\"max_quarantine_share\":" + maxShare + "}}",
        "test");
  }

  private static Dataset<Row> table(TtvConfig cfg, String name) {
    return spark.read().format("delta").load(cfg.tablePath(name));
  }

  @Test
  void runsEndToEndAndASecondRunChangesNothing() {
    TtvConfig cfg = config("wh-main", 0.5);
    Pipeline.Result first =
        Pipeline.run(spark, cfg, "run", LocalDate.parse("2022-06-15"), LocalDate.parse("2022-06-17"), Stage.tableStages());

    // runs: 2499110858 attempts 1 and 2, plus ids 1 and 3 of the NDJSON file
    assertRows(
        table(cfg, "ci_runs"),
        new String[] {"run_id", "run_attempt", "repo", "workflow", "status", "conclusion", "duration_seconds", "export_date"},
        new Object[] {"2499110858", 1, "smartcontractkit/releng", "Push Metrics CI", "in_progress", null, null, date("2022-06-15")},
        new Object[] {"2499110858", 2, "smartcontractkit/releng", "Push Metrics CI", "in_progress", null, null, date("2022-06-17")},
        // 09:00:30 -> 09:10:30 = 600 s; 10:00:10 -> 10:20:10 = 1200 s
        new Object[] {"1", 1, "acme/app", "CI", "completed", "success", 600.0, date("2022-06-16")},
        new Object[] {"3", 1, "acme/app", "CI", "completed", "failure", 1200.0, date("2022-06-16")});
    // 3 + 4 + 3 jobs; repo from run_url
    assertThat(table(cfg, "ci_jobs").count()).isEqualTo(10);
    assertThat(table(cfg, "ci_jobs").where("repo = 'smartcontractkit/releng'").count()).isEqualTo(10);

    // the broken NDJSON line and the truncated file are in quarantine with reasons; the good records went through
    assertRows(
        table(cfg, "quarantine").selectExpr("regexp_extract(file, '[^/]+$', 0) AS name", "position", "stage", "reason LIKE '%cut short%' AS cut"),
        new String[] {"name", "position", "stage", "cut"},
        new Object[] {"runs.ndjson", 1L, "ingest", true},
        new Object[] {"truncated.json", null, "ingest", true});
    assertThat(table(cfg, "raw_github_workflow_runs").count()).isEqualTo(4);
    assertThat(first.read()).containsEntry("github/workflow_runs", 6L);
    assertThat(first.quarantined()).containsEntry("github/workflow_runs", 2L);

    // fact_ci_daily (UTC): 06-15: attempt 1 started (pull_request run) + 3 jobs with a start of 2499110858#1
    // and 3 started jobs of 2499110742 (its run was not exported: the jobs' own workflow is unknown);
    // 06-16: runs 1 and 3: durations 600, 1200 -> p50 at 0.5 = 900, p90 at 0.9 = 600 + 0.9*600 = 1140.
    assertRows(
        table(cfg, "fact_ci_daily").where("date = DATE'2022-06-16'"),
        new String[] {"repo", "workflow", "runs", "successful_runs", "failed_runs", "duration_p50_seconds", "duration_p90_seconds", "queue_p50_seconds", "build_minutes"},
        new Object[] {"acme/app", "CI", 2L, 1L, 1L, 900.0, 1140.0, null, null});
    assertRows(
        table(cfg, "fact_ci_daily").where("date = DATE'2022-06-15'").orderBy("workflow"),
        new String[] {"workflow", "runs", "rerun_runs"},
        new Object[] {"(unknown workflow)", 0L, 0L},
        new Object[] {"Push Metrics CI", 1L, 0L});
    assertThat(table(cfg, "ttv_runs").where("outcome = 'succeeded'").count()).isEqualTo(1);
    // the actors of the runs: HenryNguyen5 (no people in this config, not a bot) -> one unmatched github identity
    assertThat(first.identities().unmatched()).containsEntry("github", 1L);
    assertThat(table(cfg, "ttv_runs").selectExpr("identities_unmatched['github']").first().getLong(0)).isEqualTo(1L);

    // ttv query prints CSV with a header on stdout, and nothing else there
    java.nio.file.Path cfgFile = dir.resolve("wh-main.json");
    try {
      java.nio.file.Files.writeString(
          cfgFile,
          "{\"warehouse\":\"" + dir.resolve("wh-main") + "\",\"landing\":\"" + landing.root() + "\",\"quality\":{\"max_quarantine_share\":0.5}}");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    io.ttv.jobs.cli.CliTest.Outcome q =
        io.ttv.jobs.cli.CliTest.ttv(
            "query", "--config", cfgFile.toString(),
            "SELECT run_id, run_attempt, workflow, started_at FROM ci_runs WHERE repo = 'acme/app' ORDER BY run_id");
    assertThat(q.code()).isZero();
    assertThat(q.out())
        .isEqualTo("run_id,run_attempt,workflow,started_at\n1,1,CI,2022-06-16 09:00:30\n3,1,CI,2022-06-16 10:00:10\n");
    assertThat(io.ttv.jobs.cli.CliTest.ttv("query", "--config", cfgFile.toString(), "SELECT nope FROM ci_runs").code()).isEqualTo(2);

    Map<String, Dataset<Row>> before = snapshot(cfg);
    Pipeline.run(spark, cfg, "run", LocalDate.parse("2022-06-15"), LocalDate.parse("2022-06-17"), Stage.tableStages());
    Map<String, Dataset<Row>> after = snapshot(cfg);
    for (String t : before.keySet()) {
      assertDatasetEquals(before.get(t), after.get(t));
    }
  }

  /** Every table without its time-of-run columns, materialised. */
  private static Map<String, Dataset<Row>> snapshot(TtvConfig cfg) {
    Map<String, Dataset<Row>> tables = new TreeMap<>();
    for (String t : List.of("raw_github_workflow_runs", "raw_github_workflow_jobs", "quarantine", "ci_runs", "ci_jobs", "fact_ci_daily")) {
      Dataset<Row> d = table(cfg, t);
      if (List.of(d.columns()).contains("ingested_at")) {
        d = d.drop("ingested_at");
      }
      tables.put(t, spark.createDataFrame(d.collectAsList(), d.schema()));
    }
    return tables;
  }

  @Test
  void qualityGateStopsBeforeNormalisedTables() {
    TtvConfig cfg = config("wh-gated", 0.0);
    assertThatThrownBy(
            () -> Pipeline.run(spark, cfg, "run", LocalDate.parse("2022-06-16"), LocalDate.parse("2022-06-16"), Stage.tableStages()))
        .isInstanceOf(QualityGateFailed.class)
        .hasMessageContaining("github/workflow_runs")
        .hasMessageContaining("2 of 4 records quarantined")
        .hasMessageContaining("cut short");
    // raw and quarantine are kept for inspection; nothing normalised or factual was written
    assertThat(table(cfg, "raw_github_workflow_runs").count()).isEqualTo(2);
    assertThat(table(cfg, "quarantine").count()).isEqualTo(2);
    assertThat(new java.io.File(dir.resolve("wh-gated").resolve("ci_runs").toString())).doesNotExist();
    assertThat(table(cfg, "ttv_runs").where("outcome = 'gated' AND exit_code = 3").count()).isEqualTo(1);
  }
}
