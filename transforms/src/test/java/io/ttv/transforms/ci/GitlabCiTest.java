package io.ttv.transforms.ci;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.date;
import static io.ttv.testing.RawFixtures.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.config.Deployments;
import io.ttv.schemas.config.Regex;
import io.ttv.schemas.tables.CiJobsTable;
import io.ttv.schemas.tables.CiRunsTable;
import io.ttv.schemas.tables.DeploymentsTable;
import io.ttv.testing.RawFixtures;
import io.ttv.testing.TestSpark;
import io.ttv.transforms.common.NormalizedRows;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** GitLab pipelines and jobs: the real samples first, then a hand-worked pipeline. */
class GitlabCiTest {
  private static final String FX = "/fixtures/gitlab-ci/";
  private static final Deployments RULES = Deployments.defaults();

  private static Dataset<Row> noDeployments() {
    return TestSpark.session().createDataFrame(List.of(), DeploymentsTable.SCHEMA);
  }

  @Test
  void everyRealPipelineParses() {
    Dataset<Row> list = GitlabPipelines.normalize(RawFixtures.ndjson("gitlab", "pipelines", "2022-03-08", FX + "devlake_gitlab_list_pipelines.ndjson", Map.of()));
    Dataset<Row> details = GitlabPipelines.normalize(RawFixtures.ndjson("gitlab", "pipelines", "2023-11-22", FX + "devlake_gitlab_get_pipeline_details.ndjson", Map.of()));
    assertThat(list.where("_problem IS NOT NULL").count()).isZero();
    assertThat(details.where("_problem IS NOT NULL").count()).isZero();
    // list items have no timing (has_timing false); the project path keeps its subgroup
    assertRows(
        list.where("run_id IN ('457474837', '485811059')"),
        new String[] {"run_id", "repo", "workflow", "status", "conclusion", "started_at", "is_pull_request", "has_timing"},
        new Object[] {"457474837", "merico-dev/ee/charts", "external", "running", null, null, false, false},
        new Object[] {"485811059", "merico-dev/ee/charts", "merge_request_event", "failed", "failure", null, true, false});
    // the edited rows' enum spellings are all known: no unknown status
    assertThat(list.where("_note IS NOT NULL").count()).isZero();
    // name is null in 2023 bodies -> workflow = source; duration = finished - started, not the duration field:
    // 1079555385: 03:28:32.970 -> 03:51:44.872 = 23 min 11.902 s = 1391.902 s (the body says 1384)
    assertRows(
        details.where("run_id = '1079555385'"),
        new String[] {"repo", "workflow", "event", "conclusion", "duration_seconds", "queue_seconds", "actor", "has_timing"},
        new Object[] {"merico-dev/ee/vdev.co", "push", "push", "success", 1391.902, 2.0, "lianghui.zhang", true});
  }

  @Test
  void aSinglePipelineBodyWinsOverANewerListItem() {
    String detail = "{\"id\":7,\"iid\":1,\"status\":\"success\",\"source\":\"push\",\"created_at\":\"2026-01-05T09:00:00Z\","
        + "\"started_at\":\"2026-01-05T09:00:10Z\",\"finished_at\":\"2026-01-05T09:10:10Z\",\"queued_duration\":10,"
        + "\"web_url\":\"https://gitlab.example/g/sub/p/-/pipelines/7\"}";
    String item = "{\"id\":7,\"iid\":1,\"status\":\"success\",\"source\":\"push\",\"created_at\":\"2026-01-05T09:00:00Z\","
        + "\"updated_at\":\"2026-01-05T09:10:10Z\",\"web_url\":\"https://gitlab.example/g/sub/p/-/pipelines/7\"}";
    Dataset<Row> runs =
        NormalizedRows.onlyValidNewest(
            GitlabPipelines.normalize(RawFixtures.of(List.of(
                RawFixtures.record("gitlab", "pipelines", "2026-01-05", "file:/l/one.json", 0, detail, Map.of()),
                RawFixtures.record("gitlab", "pipelines", "2026-01-06", "file:/l/list.json", 0, item, Map.of())))),
            CiRunsTable.TABLE);
    assertRows(runs, new String[] {"repo", "started_at", "duration_seconds", "export_date"},
        new Object[] {"g/sub/p", ts("2026-01-05T09:00:10Z"), 600.0, date("2026-01-05")});
  }

  @Test
  void everyRealJobParsesWithItsQuirks() {
    Dataset<Row> jobs = GitlabJobs.normalize(RawFixtures.ndjson("gitlab", "jobs", "2022-08-26", FX + "devlake_gitlab_list_project_jobs.ndjson", Map.of()), RULES);
    assertThat(jobs.count()).isEqualTo(75);
    assertThat(jobs.where("_problem IS NOT NULL").count()).isZero();
    // job 152 was stuck: failed with a finish but no start -> no start, no build time, no queue (old GitLab)
    assertRows(
        jobs.where("job_id IN ('152', '120', '65')"),
        new String[] {"job_id", "run_id", "repo", "stage", "status", "conclusion", "started_at", "completed_at", "duration_seconds", "queue_seconds", "is_manual_gate"},
        new Object[] {"152", "73", "merico/pip_test", "test", "failed", "failure", null, ts("2022-08-25T23:00:08.594Z"), null, null, false},
        // 02:10:58.370 -> 02:11:55.170 = 56.8 s (the float duration field says 56.799878)
        new Object[] {"120", "41", "merico/pip_test", "test", "success", "success", ts("2022-07-29T02:10:58.370Z"), ts("2022-07-29T02:11:55.170Z"), 56.8, null, false},
        // edited upstream: a copy of job 86 with status manual -> a manual gate
        new Object[] {"65", "16", "merico/pip_test", "test", "manual", null, ts("2022-07-25T13:40:42.020Z"), ts("2022-07-25T13:40:42.892Z"), 0.872, null, true});

    // retried jobs: pipeline 21 ran 'format' twice (95 then 96), pipeline 18 three times (90, 91, 92)
    Dataset<Row> valid = NormalizedRows.onlyValidNewest(jobs, CiJobsTable.TABLE);
    Dataset<Row> pipelines = TestSpark.session().createDataFrame(List.of(), CiRunsTable.SCHEMA);
    Dataset<Row> withContext = GitlabJobs.withPipelineContext(valid, pipelines, noDeployments());
    assertRows(
        withContext.where("run_id IN ('21', '18')"),
        new String[] {"job_id", "is_retried"},
        new Object[] {"95", true}, new Object[] {"96", false},
        new Object[] {"90", true}, new Object[] {"91", true}, new Object[] {"92", false});
  }

  private static String job(long id, String name, String stage, String status, String created, String started, String finished, Integer queued) {
    return String.format(
        "{\"id\":%d,\"name\":\"%s\",\"stage\":\"%s\",\"status\":\"%s\",\"created_at\":\"%s\",\"started_at\":%s,\"finished_at\":%s,%s"
            + "\"web_url\":\"https://gitlab.example/acme/shop/-/jobs/%d\",\"pipeline\":{\"id\":500,\"created_at\":\"2026-01-05T09:00:00Z\"}}",
        id, name, stage, status, created, started == null ? "null" : "\"" + started + "\"", finished == null ? "null" : "\"" + finished + "\"",
        queued == null ? "" : "\"queued_duration\":" + queued + ",", id);
  }

  @Test
  void aPipelineWithARetriedJobAndAManualDeployGate() {
    // Pipeline 500 of acme/shop (no name, source push): created 09:00:00, started 09:00:10, finished 09:40:10 (UTC, 2026-01-05).
    // Stages in job-id order: build (1001) < test (1002) < deploy (1003).
    //  1001 build/compile   09:00:10 -> 09:05:10 = 300 s, queue 10
    //  1002 test/unit       09:05:20 -> 09:08:20 = 180 s, failed, queue 10
    //  1004 test/unit retry 09:09:30 -> 09:12:30 = 180 s, queue 30   => 1002 is retried, the pipeline is a re-run
    //  1003 deploy/deploy-prod: exported 01-05 as 'manual' (not played), 01-06 as success 09:32:30 -> 09:40:10 = 460 s, queue 2.
    //       The 01-06 version no longer says manual, but the evidence sticks: a manual gate.
    //       Wait = its start - latest finish of earlier stages (build, test) = 09:32:30 - 09:12:30 = 1200 s = 20 min.
    // fact_ci_daily (UTC) 2026-01-05, acme/shop x push: runs 1, successful 1, reruns 1, duration 2400 s;
    //   queue over 2, 10, 10, 30: p50 at 1.5 -> 10; p90 at 2.7 -> 10 + 0.7*20 = 24;
    //   build minutes (300 + 180 + 180 + 460) / 60 = 1120 / 60 = 18.6667; manual_gates 1, wait 20 minutes.
    String pipeline = "{\"id\":500,\"iid\":9,\"status\":\"success\",\"source\":\"push\",\"name\":null,\"created_at\":\"2026-01-05T09:00:00Z\","
        + "\"started_at\":\"2026-01-05T09:00:10Z\",\"finished_at\":\"2026-01-05T09:40:10Z\",\"queued_duration\":10,"
        + "\"web_url\":\"https://gitlab.example/acme/shop/-/pipelines/500\"}";
    List<Row> jobRows = new ArrayList<>();
    String[] day1 = {
      job(1001, "compile", "build", "success", "2026-01-05T09:00:00Z", "2026-01-05T09:00:10Z", "2026-01-05T09:05:10Z", 10),
      job(1002, "unit", "test", "failed", "2026-01-05T09:00:00Z", "2026-01-05T09:05:20Z", "2026-01-05T09:08:20Z", 10),
      job(1003, "deploy-prod", "deploy", "manual", "2026-01-05T09:00:00Z", null, null, null),
      job(1004, "unit", "test", "success", "2026-01-05T09:09:00Z", "2026-01-05T09:09:30Z", "2026-01-05T09:12:30Z", 30),
    };
    for (int i = 0; i < day1.length; i++) {
      jobRows.add(RawFixtures.record("gitlab", "jobs", "2026-01-05", "file:/l/jobs.json", i, day1[i], Map.of()));
    }
    jobRows.add(RawFixtures.record("gitlab", "jobs", "2026-01-06", "file:/l/jobs.json", 0,
        job(1003, "deploy-prod", "deploy", "success", "2026-01-05T09:00:00Z", "2026-01-05T09:32:30Z", "2026-01-05T09:40:10Z", 2), Map.of()));

    Dataset<Row> runs = NormalizedRows.onlyValidNewest(GitlabPipelines.normalize(RawFixtures.of(List.of(
        RawFixtures.record("gitlab", "pipelines", "2026-01-05", "file:/l/p.json", 0, pipeline, Map.of())))), CiRunsTable.TABLE);
    Dataset<Row> jobs = NormalizedRows.onlyValidNewest(GitlabJobs.normalize(RawFixtures.of(jobRows), RULES), CiJobsTable.TABLE);
    jobs = GitlabJobs.withPipelineContext(jobs, runs, noDeployments());
    runs = GitlabPipelines.withRetriedJobs(runs, jobs);

    assertRows(
        jobs,
        new String[] {"job_id", "is_retried", "is_manual_gate", "is_gate_passed", "gate_wait_seconds", "duration_seconds"},
        new Object[] {"1001", false, false, false, null, 300.0},
        new Object[] {"1002", true, false, false, null, 180.0},
        new Object[] {"1003", false, true, true, 1200.0, 460.0},
        new Object[] {"1004", false, false, false, null, 180.0});
    assertRows(runs, new String[] {"run_id", "is_rerun", "duration_seconds", "queue_seconds"}, new Object[] {"500", true, 2400.0, 10.0});

    Dataset<Row> fact = CiDailyFacts.daily(runs, jobs, ZoneId.of("UTC"), LocalDate.parse("2026-01-05"), LocalDate.parse("2026-01-05"));
    assertRows(
        fact,
        new String[] {"source_system", "repo", "workflow", "runs", "successful_runs", "rerun_runs", "duration_p50_seconds",
            "queue_p50_seconds", "queue_p90_seconds", "build_minutes", "manual_gates", "manual_gate_wait_minutes"},
        new Object[] {"gitlab", "acme/shop", "push", 1L, 1L, 1L, 2400.0, 10.0, 24.0, 1120.0 / 60, 1L, 20.0});
  }

  @Test
  void aGateNeverPlayedIsNotCountedAndAJobWithoutPipelineIsQuarantined() {
    // 2001 is still manual: a gate, not passed, no wait. 2002 names no pipeline: quarantined with a reason.
    String noPipeline = "{\"id\":2002,\"name\":\"x\",\"status\":\"success\",\"created_at\":\"2026-01-05T09:00:00Z\",\"web_url\":\"https://gitlab.example/a/b/-/jobs/2002\"}";
    Dataset<Row> jobs = GitlabJobs.normalize(RawFixtures.of(List.of(
        RawFixtures.record("gitlab", "jobs", "2026-01-05", "file:/l/j.json", 0, job(2001, "approve", "deploy", "manual", "2026-01-05T09:00:00Z", null, null, null), Map.of()),
        RawFixtures.record("gitlab", "jobs", "2026-01-05", "file:/l/j.json", 1, noPipeline, Map.of()),
        RawFixtures.record("gitlab", "jobs", "2026-01-05", "file:/l/j.json", 2,
            job(2003, "odd", "test", "exploded", "2026-01-05T09:00:00Z", null, null, null), Map.of()))), RULES);
    assertRows(jobs.where("_problem IS NOT NULL"), new String[] {"_problem"}, new Object[] {"job 2002 has no pipeline (no pipeline.id in the body, no pipeline_id= folder)"});
    // an unknown status is kept raw, concluded 'unknown', and noted for the run's count
    assertRows(jobs.where("job_id = '2003'"), new String[] {"status", "conclusion", "_note"}, new Object[] {"exploded", "unknown", "unknown job status 'exploded'"});
    Dataset<Row> ctx = GitlabJobs.withPipelineContext(NormalizedRows.onlyValidNewest(jobs, CiJobsTable.TABLE),
        TestSpark.session().createDataFrame(List.of(), CiRunsTable.SCHEMA), noDeployments());
    assertRows(ctx.where("job_id = '2001'"), new String[] {"is_manual_gate", "is_gate_passed", "gate_wait_seconds"}, new Object[] {true, false, null});
    // a job name matching deployments.manual_jobs is a gate even when no export saw it manual
    Deployments rules = new Deployments(RULES.productionEnvironments(), RULES.deployJobs(), Regex.of("(?i)^approve"), 90);
    Dataset<Row> byName = GitlabJobs.normalize(RawFixtures.of(List.of(RawFixtures.record("gitlab", "jobs", "2026-01-05", "file:/l/j.json", 0,
        job(2004, "Approve release", "deploy", "success", "2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z", "2026-01-05T10:00:01Z", null), Map.of()))), rules);
    assertRows(byName, new String[] {"is_manual_gate"}, new Object[] {true});
  }
}
