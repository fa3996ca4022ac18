package io.ttv.transforms.ci;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.date;
import static io.ttv.testing.RawFixtures.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.config.Deployments;
import io.ttv.schemas.tables.CiJobsTable;
import io.ttv.schemas.tables.CiRunsTable;
import io.ttv.testing.RawFixtures;
import io.ttv.transforms.common.NormalizedRows;
import io.ttv.transforms.delivery.DeploymentFacts;
import io.ttv.transforms.delivery.JenkinsDeployments;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Jenkins builds and stages: the real samples first, then a hand-worked build with an input pause. */
class JenkinsTest {
  private static final String FX = "/fixtures/jenkins/";
  private static final Deployments RULES = Deployments.defaults();

  @Test
  void everyRealBuildParses() {
    Dataset<Row> multi = JenkinsBuilds.normalize(RawFixtures.ndjson("jenkins", "builds", "2024-03-25", FX + "devlake_jenkins_multibranch_allBuilds_tree.ndjson", Map.of()));
    Dataset<Row> free = JenkinsBuilds.normalize(RawFixtures.ndjson("jenkins", "builds", "2022-09-09", FX + "devlake_jenkins_freestyle_and_pipeline_allBuilds_tree.ndjson", Map.of()));
    Dataset<Row> one = JenkinsBuilds.normalize(RawFixtures.json("jenkins", "builds", "allBuilds", "2016-04-20", FX + "jenkins-rest_build_info_with_git_changeset.json", Map.of()));
    assertThat(multi.where("_problem IS NOT NULL").count() + free.where("_problem IS NOT NULL").count() + one.where("_problem IS NOT NULL").count()).isZero();
    // multibranch: the branch segment leaves the workflow; repo from the ssh remote; a PR branch is a pull request;
    // 1711277511931 ms = 2024-03-24T10:51:51.931Z, + 7390 ms
    assertRows(
        multi.where("run_number = 1 AND branch = 'PR-2'"),
        new String[] {"run_id", "repo", "workflow", "branch", "event", "status", "conclusion", "is_pull_request", "started_at", "duration_seconds"},
        new Object[] {"my-org/devlake-jenkins/PR-2#1", "gustavobini/devlake-jenkins", "my-org/devlake-jenkins", "PR-2", "BranchEventCause", "ABORTED", "cancelled", true,
            ts("2024-03-24T10:51:51.931Z"), 7.39});
    // a build without lastBuiltRevision (feature-2 #5) keeps the job's full name as repo (contract 6.1)
    assertRows(multi.where("run_id = 'my-org/devlake-jenkins/feature-2#5'"), new String[] {"repo", "workflow", "conclusion"},
        new Object[] {"my-org/devlake-jenkins/feature-2", "my-org/devlake-jenkins/feature-2", "failure"});
    // freestyle in folders: branch refs/remotes/origin/main -> main; https remote; UserIdCause
    assertRows(free.where("run_id LIKE '%#31'"), new String[] {"repo", "workflow", "branch", "actor"},
        new Object[] {"merico-dev/lake", "Test-jenkins-dir/test-jenkins-sub-dir/test-sub-sub-dir/devlake", "main", "merico"});
    // edited upstream rows: building:true is unfinished whatever result says; NOT_BUILD is unknown (kept raw, noted); UNSTABLE fails
    assertRows(
        free.where("run_number >= 10001"),
        new String[] {"run_number", "status", "conclusion", "finished_at", "_note"},
        new Object[] {10001L, "BUILDING", null, null, null},
        new Object[] {10002L, "BUILDING", null, null, null},
        new Object[] {10003L, "ABORTED", "cancelled", ts("2022-04-15T10:06:17.943Z"), null},
        new Object[] {10004L, "NOT_BUILD", "unknown", ts("2022-04-15T10:06:17.943Z"), "unknown build result 'NOT_BUILD'"},
        new Object[] {10005L, "UNSTABLE", "failure", ts("2022-04-15T10:06:17.943Z"), null});
    assertRows(one, new String[] {"run_id", "duration_seconds", "actor"}, new Object[] {"fish#10", 60.75, null});
  }

  @Test
  void everyRealStageParses() {
    Dataset<Row> runs = JenkinsStages.normalize(RawFixtures.json("jenkins", "stages", null, "2014-11-22", FX + "stage-view_wfapi_runs_with_input_pause.json", Map.of()), RULES);
    Dataset<Row> failed = JenkinsStages.normalize(RawFixtures.json("jenkins", "stages", null, "2014-10-27", FX + "stage-view_wfapi_runs_failed.json", Map.of()), RULES);
    Dataset<Row> paused = JenkinsStages.normalize(RawFixtures.json("jenkins", "stages", null, "2014-10-16", FX + "jenkins-rest_wfapi_describe_paused_pending_input.json", Map.of()), RULES);
    Dataset<Row> lines = JenkinsStages.normalize(RawFixtures.ndjson("jenkins", "stages", "2024-03-25", FX + "devlake_jenkins_multibranch_wfapi_describe_stages.ndjson", Map.of()), RULES);
    Dataset<Row> edited = JenkinsStages.normalize(RawFixtures.ndjson("jenkins", "stages", "2022-09-09", FX + "devlake_jenkins_wfapi_describe_stages_failed_aborted.ndjson", Map.of()), RULES);
    for (Dataset<Row> d : List.of(runs, failed, paused, lines, edited)) {
      assertThat(d.where("_problem IS NOT NULL").count()).isZero();
    }
    assertThat(runs.count()).isEqualTo(16);
    // #5 Staging: input pause 379948 ms = a gate of 379.948 s; build time (380013 - 379948) ms = 0.065 s.
    // #7 Dev is the first started stage: it carries the run's queue, 7498 ms. #6 Dev was NOT_EXECUTED at epoch 0: no start.
    assertRows(
        runs.where("job_id IN ('WFX#5:23', 'WFX#7:10', 'WFX#7:12', 'WFX#6:10')"),
        new String[] {"job_id", "conclusion", "started_at", "duration_seconds", "queue_seconds", "is_manual_gate", "gate_wait_seconds"},
        new Object[] {"WFX#5:23", "success", ts("2014-11-21T18:12:53.893Z"), 0.065, null, true, 379.948},
        new Object[] {"WFX#7:10", "success", ts("2014-11-21T20:04:35.028Z"), 0.018, 7.498, false, null},
        new Object[] {"WFX#7:12", "success", ts("2014-11-21T20:04:35.046Z"), 16.358, null, false, null},
        new Object[] {"WFX#6:10", "skipped", null, null, null, false, null});
    // the failed run #3 has no Production row: stages missing after a failure are not invented
    assertThat(failed.where("run_id = 'cd#3'").count()).isEqualTo(3);
    // a run paused at an input: the stage is a gate, unfinished, no wait yet; the href's %20 is decoded
    assertRows(paused.where("name = 'Deploy'"), new String[] {"run_id", "status", "conclusion", "completed_at", "is_manual_gate", "gate_wait_seconds"},
        new Object[] {"Test Workflow#16", "PAUSED_PENDING_INPUT", null, null, true, null});
    // DevLake one-stage lines: the build comes from the stage's own href
    assertThat(lines.where("run_id = 'github_org/devlake-jenkins/main#2'").count()).isEqualTo(5);
    // edited upstream statuses are kept raw and noted
    assertThat(edited.where("conclusion = 'unknown'").select("status").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactlyInAnyOrder("NOT_BUILD", "FAILURE");
  }

  @Test
  void aStageThatNamesNoBuildIsQuarantined() {
    Dataset<Row> d = JenkinsStages.normalize(RawFixtures.of(List.of(RawFixtures.record("jenkins", "stages", "2026-01-05", "file:/l/s.ndjson", 0,
        "{\"id\":\"6\",\"name\":\"Build\",\"status\":\"SUCCESS\",\"startTimeMillis\":1767607200000,\"durationMillis\":-5}", Map.of()))), RULES);
    assertRows(d, new String[] {"_problem"},
        new Object[] {"stage 6 'Build' names no build (no job=/build= folders, no _links.self.href with /job/<name>/<number>/)"});
  }

  @Test
  void aBuildPausedAtAnInputThenFailedAfterApproval() {
    // Build #12 of multibranch job acme/shop/main (remote git@github.com:acme/shop.git, branch main), scheduled
    // 2026-01-05T10:00:00Z (1767607200000 ms), duration 1500000 ms = 1500 s (queue included), result FAILURE.
    // Export 01-05 (while running): the build is building; its describe shows 'Deploy to production' PAUSED_PENDING_INPUT.
    // Export 01-06 (final): queueDurationMillis 60000;
    //   Build                 start 10:01:00, 300000 ms, no pause          -> 300 s build time, carries the queue 60 s
    //   Deploy to production  start 10:06:00, 960000 ms, pause 900000 ms   -> gate wait 900 s, build time 60 s, FAILED
    //   Smoke test            NOT_EXECUTED at epoch 0                      -> no start
    // fact_ci_daily 2026-01-05 (UTC), acme/shop x acme/shop: runs 1, failed 1, duration 1500 s, queue p50 = p90 = 60 s,
    //   build minutes (300 + 60) / 60 = 6, manual gates 1 (the input was approved; the deploy failed after), 15 minutes.
    // The deploy stage is a Jenkins deployment to 'production' that failed: fact_delivery_daily 0 deployments, 1 failed.
    String running = "{\"number\":12,\"building\":true,\"result\":null,\"timestamp\":1767607200000,\"duration\":0,"
        + "\"actions\":[{},{\"lastBuiltRevision\":{\"SHA1\":\"abc123\",\"branch\":[{\"name\":\"main\"}]},\"remoteUrls\":[\"git@github.com:acme/shop.git\"]}]}";
    String done = running.replace("\"building\":true,\"result\":null", "\"building\":false,\"result\":\"FAILURE\"").replace("\"duration\":0", "\"duration\":1500000");
    Map<String, String> job = Map.of("job", "acme/shop/main");
    Dataset<Row> builds = NormalizedRows.onlyValidNewest(JenkinsBuilds.normalize(RawFixtures.of(List.of(
        RawFixtures.record("jenkins", "builds", "2026-01-05", "file:/l/b.json", 0, running, job),
        RawFixtures.record("jenkins", "builds", "2026-01-06", "file:/l/b.json", 0, done, job)))), CiRunsTable.TABLE);

    String pausedDescribe = "{\"id\":\"12\",\"status\":\"PAUSED_PENDING_INPUT\",\"startTimeMillis\":1767607200000,\"stages\":["
        + "{\"id\":\"5\",\"name\":\"Build\",\"status\":\"SUCCESS\",\"startTimeMillis\":1767607260000,\"durationMillis\":300000},"
        + "{\"id\":\"9\",\"name\":\"Deploy to production\",\"status\":\"PAUSED_PENDING_INPUT\",\"startTimeMillis\":1767607560000,\"durationMillis\":1000}]}";
    String finalDescribe = "{\"id\":\"12\",\"status\":\"FAILED\",\"startTimeMillis\":1767607200000,\"queueDurationMillis\":60000,\"pauseDurationMillis\":900000,\"stages\":["
        + "{\"id\":\"5\",\"name\":\"Build\",\"status\":\"SUCCESS\",\"startTimeMillis\":1767607260000,\"durationMillis\":300000,\"pauseDurationMillis\":0},"
        + "{\"id\":\"9\",\"name\":\"Deploy to production\",\"status\":\"FAILED\",\"startTimeMillis\":1767607560000,\"durationMillis\":960000,\"pauseDurationMillis\":900000},"
        + "{\"id\":\"14\",\"name\":\"Smoke test\",\"status\":\"NOT_EXECUTED\",\"startTimeMillis\":0,\"durationMillis\":0,\"pauseDurationMillis\":0}]}";
    Map<String, String> build = Map.of("job", "acme/shop/main", "build", "12");
    Dataset<Row> stages = NormalizedRows.onlyValidNewest(JenkinsStages.normalize(RawFixtures.of(List.of(
        RawFixtures.record("jenkins", "stages", "2026-01-05", "file:/l/s.json", 0, pausedDescribe, build),
        RawFixtures.record("jenkins", "stages", "2026-01-06", "file:/l/s.json", 0, finalDescribe, build))), RULES), CiJobsTable.TABLE);
    stages = JenkinsStages.withGatePassed(stages);

    assertRows(
        stages,
        new String[] {"job_id", "conclusion", "duration_seconds", "queue_seconds", "is_manual_gate", "is_gate_passed", "gate_wait_seconds"},
        new Object[] {"acme/shop/main#12:5", "success", 300.0, 60.0, false, false, null},
        new Object[] {"acme/shop/main#12:9", "failure", 60.0, null, true, true, 900.0},
        new Object[] {"acme/shop/main#12:14", "skipped", null, null, false, false, null});

    LocalDate day = LocalDate.parse("2026-01-05");
    assertRows(
        CiDailyFacts.daily(builds, stages, ZoneId.of("UTC"), day, day),
        new String[] {"source_system", "repo", "workflow", "runs", "failed_runs", "rerun_runs", "duration_p50_seconds",
            "queue_p50_seconds", "queue_p90_seconds", "build_minutes", "manual_gates", "manual_gate_wait_minutes"},
        new Object[] {"jenkins", "acme/shop", "acme/shop", 1L, 1L, 0L, 1500.0, 60.0, 60.0, 6.0, 1L, 15.0});

    Dataset<Row> deployments = JenkinsDeployments.fromStages(stages, builds, RULES, List.of());
    assertRows(deployments,
        new String[] {"deployment_id", "repo", "service", "environment", "is_production", "sha", "status", "finished_at", "gate_wait_seconds"},
        // 10:06:00 + 960 s = 10:22:00
        new Object[] {"acme/shop/main#12:9", "acme/shop", "acme/shop", "production", true, "abc123", "failure", ts("2026-01-05T10:22:00Z"), 900.0});
    assertRows(DeploymentFacts.daily(deployments, null, ZoneId.of("UTC"), day, day),
        new String[] {"date", "service", "deployments", "failed_deployments", "change_failure_rate"},
        new Object[] {date("2026-01-05"), "acme/shop", 0L, 1L, null});
  }
}
