package io.ttv.transforms.ci;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.tables.CiJobsTable;
import io.ttv.testing.RawFixtures;
import io.ttv.transforms.common.NormalizedRows;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** GitHub workflow jobs, on the real API bodies in fixtures/github-actions (see PROVENANCE.md there). */
class GithubActionsJobsTest {
  private static final String DIR = "/fixtures/github-actions/";

  private static Dataset<Row> jobs(String... files) {
    String[] res = java.util.Arrays.stream(files).map(f -> DIR + f).toArray(String[]::new);
    return NormalizedRows.onlyValidNewest(
        GithubActionsJobs.normalize(RawFixtures.raw("github", "workflow_jobs", "jobs", "2023-01-10", res)), CiJobsTable.TABLE);
  }

  @Test
  void jobsWithCreatedAtHaveQueueTime() {
    // test (Python 3.7): created 08:24:21, started 08:24:28 (queue 7 s), completed 08:25:28 (60 s).
    // test (Python 3.8): 08:24:21 -> 08:24:30 (9 s) -> 08:28:18 (228 s).
    Dataset<Row> jobs = jobs("pygithub_list_jobs_for_workflow_run_2023.json");
    assertThat(jobs.count()).isEqualTo(5);
    assertRows(
        jobs.where("name in ('test (Python 3.7)', 'test (Python 3.8)')"),
        new String[] {"job_id", "run_id", "run_attempt", "repo", "workflow", "name", "runner_name", "queue_seconds", "duration_seconds", "step_count", "failed_step", "is_manual_gate"},
        new Object[] {"10545727758", "3881497935", 1, "PyGithub/PyGithub", "CI", "test (Python 3.7)", "Hosted Agent", 7.0, 60.0, 9, null, false},
        new Object[] {"10545727888", "3881497935", 1, "PyGithub/PyGithub", "CI", "test (Python 3.8)", "GitHub Actions 5", 9.0, 228.0, 9, null, false});
  }

  @Test
  void queuedJobsAreNotStartedAndOldJobsHaveNoQueue() {
    Dataset<Row> jobs = jobs("sck_push_jobs_run_2499110742_all_attempts_in_progress.json");
    // The queued "my dummy job" shows started_at 01:01:17 but has not started; the completed one ran
    // 01:01:11 -> 01:01:14 = 3 s; 2022 jobs have no created_at, so no queue time.
    assertRows(
        jobs,
        new String[] {"job_id", "status", "started_at", "duration_seconds", "queue_seconds", "workflow"},
        new Object[] {"6891427800", "completed", ts("2022-06-15T01:01:11Z"), 3.0, null, null},
        new Object[] {"6891427892", "in_progress", ts("2022-06-15T01:01:13Z"), null, null, null},
        new Object[] {"6891428033", "in_progress", ts("2022-06-15T01:01:12Z"), null, null, null},
        new Object[] {"6891430728", "queued", null, null, null, null});
  }

  @Test
  void everyAttemptHasItsOwnJobs() {
    Dataset<Row> jobs = jobs("sck_pull_request_jobs_run_2499110858_attempt1.json", "sck_pull_request_jobs_run_2499110858_attempt2.json");
    assertThat(jobs.count()).isEqualTo(6);
    assertThat(jobs.where("run_attempt = 2").count()).isEqualTo(3);
  }

  @Test
  void firstFailedStepByNumber() {
    String job =
        "{\"id\":1,\"run_id\":2,\"run_attempt\":1,\"name\":\"build\",\"status\":\"completed\",\"conclusion\":\"failure\","
            + "\"started_at\":\"2026-01-05T10:00:00Z\",\"completed_at\":\"2026-01-05T10:02:00Z\","
            + "\"steps\":[{\"name\":\"Post\",\"conclusion\":\"failure\",\"number\":9},{\"name\":\"Checkout\",\"conclusion\":\"success\",\"number\":1},"
            + "{\"name\":\"Test\",\"conclusion\":\"failure\",\"number\":4}]}";
    Dataset<Row> jobs =
        GithubActionsJobs.normalize(
            RawFixtures.of(List.of(RawFixtures.record("github", "workflow_jobs", "2026-01-05", "file:/l/j.json", 0, job, Map.of("repo", "acme/app")))));
    assertRows(jobs, new String[] {"repo", "failed_step", "step_count", "duration_seconds", "_problem"}, new Object[] {"acme/app", "Test", 3, 120.0, null});
  }
}
