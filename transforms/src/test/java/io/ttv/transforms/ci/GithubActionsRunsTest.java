package io.ttv.transforms.ci;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.tables.CiRunsTable;
import io.ttv.testing.RawFixtures;
import io.ttv.transforms.common.NormalizedRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** GitHub workflow runs, on the real API bodies in fixtures/github-actions (see PROVENANCE.md there). */
class GithubActionsRunsTest {
  private static final String DIR = "/fixtures/github-actions/";

  private static Dataset<Row> normalized(String date, String... files) {
    String[] res = java.util.Arrays.stream(files).map(f -> DIR + f).toArray(String[]::new);
    return GithubActionsRuns.normalize(RawFixtures.raw("github", "workflow_runs", "workflow_runs", date, res));
  }

  @Test
  void readsA2021ListPage() {
    Dataset<Row> runs =
        NormalizedRows.onlyValidNewest(normalized("2021-04-06", "pygithub_list_workflow_runs_by_head_sha_2021.json"), CiRunsTable.TABLE);
    // Unit Test: 01:41:03 -> 01:53:34 = 12 min 31 s = 751 s; queue 01:40:33 -> 01:41:03 = 30 s.
    // Integration Test waited at run level 01:40:33 -> 01:53:52 = 13 min 19 s = 799 s, ran to 02:37:49 = 43 min 57 s = 2637 s.
    assertRows(
        runs,
        new String[] {"run_id", "run_attempt", "repo", "workflow", "event", "branch", "actor", "triggering_actor", "is_pull_request", "status", "conclusion", "started_at", "finished_at", "duration_seconds", "queue_seconds"},
        new Object[] {"720994709", 1, "ReDASers/PhishBench", "Unit Test", "push", "master", "zacker150", null, false, "completed", "success", ts("2021-04-06T01:41:03Z"), ts("2021-04-06T01:53:34Z"), 751.0, 30.0},
        new Object[] {"720994708", 1, "ReDASers/PhishBench", "Integration Test", "push", "master", "zacker150", null, false, "completed", "success", ts("2021-04-06T01:53:52Z"), ts("2021-04-06T02:37:49Z"), 2637.0, 799.0});
  }

  @Test
  void legacy2020ShapeWithoutNameAttemptOrStartIsKept() {
    Dataset<Row> runs =
        NormalizedRows.onlyValidNewest(normalized("2020-05-21", "pygithub_list_workflow_runs_legacy_shape_2020.json"), CiRunsTable.TABLE);
    // No name/path: the workflow is named by its id; no run_started_at: the start is created_at.
    // 110932306: 23:59:37 -> 00:02:14 = 2 min 37 s = 157 s.
    assertRows(
        runs.where("run_id = '110932306'"),
        new String[] {"run_attempt", "workflow", "repo", "actor", "started_at", "duration_seconds", "queue_seconds"},
        new Object[] {1, "workflow 1026390", "PyGithub/PyGithub", null, ts("2020-05-20T23:59:37Z"), 157.0, 0.0});
    assertThat(runs.count()).isEqualTo(5);
  }

  @Test
  void reRunKeepsItsIdAndGetsNoQueueFromTheFirstAttemptsCreatedAt() {
    // The same attempt 2 seen through the run endpoint (created_at = 2026-05-24, the first attempt's) and the
    // attempts endpoint (created_at 2 s after run_started_at). Both have run_started_at 15:42:05 and
    // updated_at 15:43:47: duration 102 s; no queue for attempt 2.
    Dataset<Row> runs =
        NormalizedRows.onlyValidNewest(
            normalized("2026-05-29", "pygithub_get_workflow_run_latest_attempt2.json", "pygithub_get_workflow_run_attempt_2.json"),
            CiRunsTable.TABLE);
    assertRows(
        runs,
        new String[] {"run_id", "run_attempt", "workflow", "event", "duration_seconds", "queue_seconds"},
        new Object[] {"26365060973", 2, "CodeQL Advanced", "schedule", 102.0, null});
  }

  @Test
  void inProgressAttemptsHaveNoFinishAndPullRequestEventIsFlagged() {
    Dataset<Row> runs =
        NormalizedRows.onlyValidNewest(
            normalized("2022-06-18", "sck_pull_request_run_2499110858_attempt1.json", "sck_pull_request_run_2499110858_attempt2.json"),
            CiRunsTable.TABLE);
    assertRows(
        runs,
        new String[] {"run_attempt", "status", "conclusion", "finished_at", "duration_seconds", "is_pull_request", "triggering_actor", "queue_seconds"},
        new Object[] {1, "in_progress", null, null, null, true, "HenryNguyen5", 0.0},
        new Object[] {2, "in_progress", null, null, null, true, "HenryNguyen5", null});
  }

  @Test
  void newestExportWinsAndBadRecordsCarryAReason() {
    String v1 = "{\"id\":7,\"name\":\"CI\",\"run_attempt\":1,\"status\":\"in_progress\",\"created_at\":\"2026-01-05T10:00:00Z\",\"run_started_at\":\"2026-01-05T10:00:10Z\",\"updated_at\":\"2026-01-05T10:01:00Z\",\"repository\":{\"full_name\":\"acme/app\"}}";
    String v2 = "{\"id\":7,\"name\":\"CI\",\"run_attempt\":1,\"status\":\"completed\",\"conclusion\":\"failure\",\"created_at\":\"2026-01-05T10:00:00Z\",\"run_started_at\":\"2026-01-05T10:00:10Z\",\"updated_at\":\"2026-01-05T10:05:10Z\"}";
    List<Row> rows = new ArrayList<>();
    rows.add(RawFixtures.record("github", "workflow_runs", "2026-01-05", "file:/l/a.json", 0, v1, Map.of()));
    // the newer export has no repository in the body: the exporter's repo= folder names it
    rows.add(RawFixtures.record("github", "workflow_runs", "2026-01-06", "file:/l/b.json", 0, v2, Map.of("repo", "acme/app")));
    rows.add(RawFixtures.record("github", "workflow_runs", "2026-01-06", "file:/l/b.json", 1, "{\"name\":\"CI\",\"created_at\":\"2026-01-05T10:00:00Z\"}", Map.of("repo", "acme/app")));
    rows.add(RawFixtures.record("github", "workflow_runs", "2026-01-06", "file:/l/b.json", 2, "{\"id\":8,\"name\":\"CI\",\"created_at\":\"yesterday\"}", Map.of("repo", "acme/app")));
    rows.add(RawFixtures.record("github", "workflow_runs", "2026-01-06", "file:/l/b.json", 3, "{\"id\":9,\"name\":\"CI\",\"created_at\":\"2026-01-05T10:00:00Z\"}", Map.of()));
    // a number where a timestamp belongs: Spark alone would read 12345 as the year 12345
    rows.add(RawFixtures.record("github", "workflow_runs", "2026-01-06", "file:/l/b.json", 4, "{\"id\":10,\"name\":\"CI\",\"created_at\":12345}", Map.of("repo", "acme/app")));
    Dataset<Row> normalized = GithubActionsRuns.normalize(RawFixtures.of(rows));

    // 10:00:10 -> 10:05:10 = 300 s
    assertRows(
        NormalizedRows.onlyValidNewest(normalized, CiRunsTable.TABLE),
        new String[] {"run_id", "repo", "status", "conclusion", "duration_seconds", "export_date"},
        new Object[] {"7", "acme/app", "completed", "failure", 300.0, RawFixtures.date("2026-01-06")});
    assertRows(
        NormalizedRows.onlyRejected(normalized),
        new String[] {"position", "reason"},
        new Object[] {1L, "workflow run has no numeric 'id'"},
        new Object[] {2L, "created_at 'yesterday' is not an ISO-8601 timestamp"},
        new Object[] {3L, "workflow run 9 names no repository (no repository.full_name or url in the body, no repo= folder)"},
        new Object[] {4L, "created_at '12345' is not an ISO-8601 timestamp"});
  }
}
