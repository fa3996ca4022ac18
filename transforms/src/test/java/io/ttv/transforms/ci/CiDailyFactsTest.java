package io.ttv.transforms.ci;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.date;
import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.tables.CiJobsTable;
import io.ttv.schemas.tables.CiRunsTable;
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

/** fact_ci_daily on a small hand-made day whose every figure is worked out in the comments. */
class CiDailyFactsTest {

  private static String run(long id, int attempt, String wf, String conclusion, String created, String started, String updated) {
    return String.format(
        "{\"id\":%d,\"name\":\"%s\",\"run_attempt\":%d,\"status\":\"%s\",\"conclusion\":%s,\"created_at\":\"%s\","
            + "\"run_started_at\":\"%s\",\"updated_at\":\"%s\",\"repository\":{\"full_name\":\"acme/app\"}}",
        id, wf, attempt, conclusion == null ? "in_progress" : "completed", conclusion == null ? "null" : "\"" + conclusion + "\"", created, started, updated);
  }

  private static String job(long id, long runId, int attempt, String created, String started, String completed) {
    return String.format(
        "{\"id\":%d,\"run_id\":%d,\"run_attempt\":%d,\"run_url\":\"https://api.github.com/repos/acme/app/actions/runs/%d\","
            + "\"name\":\"build\",\"status\":\"completed\",\"conclusion\":\"success\",\"created_at\":%s,\"started_at\":\"%s\",\"completed_at\":\"%s\"}",
        id, runId, attempt, runId, created == null ? "null" : "\"" + created + "\"", started, completed);
  }

  @Test
  void oneDayOfOneWorkflowInBerlin() {
    // Reporting zone Europe/Berlin (UTC+1 in January). Runs of workflow CI on acme/app:
    //  r1 attempt 1 success: started 2026-01-05 08:00:00Z, finished 08:10:00Z -> 600 s   (local 01-05)
    //  r2 attempt 1 failure: started 09:00:00Z, finished 09:20:00Z -> 1200 s              (local 01-05)
    //  r2 attempt 2 success: started 10:00:00Z, finished 10:05:00Z -> 300 s, a re-run     (local 01-05)
    //  r3 attempt 1 cancelled: started 11:00:00Z, finished 11:01:40Z -> 100 s             (local 01-05)
    //  r4 attempt 1 timed_out: started 12:00:00Z, finished 12:30:00Z -> 1800 s           (local 01-05)
    //  r5 attempt 1 still running: started 13:00:00Z                                      (local 01-05)
    //  r6 attempt 1 success started 2026-01-05 23:30:00Z = 00:30 local on 01-06            (local 01-06)
    // On 01-05: runs 6, successful 2 (r1, r2#2), failed 2 (r2#1 failure, r4 timed_out), cancelled 1, reruns 1.
    // Completed durations sorted: 100, 300, 600, 1200, 1800 (n=5):
    //   p50 at position (5-1)*0.5 = 2 -> 600; p90 at position 4*0.9 = 3.6 -> 1200 + 0.6*(1800-1200) = 1560.
    // Jobs started on 01-05 (local): queue 10, 20, 40, 30 s and one without created_at (left out):
    //   sorted 10, 20, 30, 40: p50 at 1.5 -> 25; p90 at 2.7 -> 30 + 0.7*10 = 37.
    //   durations 60 + 120 + 180 + 240 + 300 = 900 s = 15 build minutes.
    List<Row> runRows = new ArrayList<>();
    String[] runs = {
      run(1, 1, "CI", "success", "2026-01-05T07:59:50Z", "2026-01-05T08:00:00Z", "2026-01-05T08:10:00Z"),
      run(2, 1, "CI", "failure", "2026-01-05T08:59:50Z", "2026-01-05T09:00:00Z", "2026-01-05T09:20:00Z"),
      run(2, 2, "CI", "success", "2026-01-05T08:59:50Z", "2026-01-05T10:00:00Z", "2026-01-05T10:05:00Z"),
      run(3, 1, "CI", "cancelled", "2026-01-05T10:59:00Z", "2026-01-05T11:00:00Z", "2026-01-05T11:01:40Z"),
      run(4, 1, "CI", "timed_out", "2026-01-05T11:59:00Z", "2026-01-05T12:00:00Z", "2026-01-05T12:30:00Z"),
      run(5, 1, "CI", null, "2026-01-05T12:59:00Z", "2026-01-05T13:00:00Z", "2026-01-05T13:05:00Z"),
      run(6, 1, "CI", "success", "2026-01-05T23:29:00Z", "2026-01-05T23:30:00Z", "2026-01-05T23:40:00Z"),
    };
    for (int i = 0; i < runs.length; i++) {
      runRows.add(RawFixtures.record("github", "workflow_runs", "2026-01-06", "file:/l/runs.json", i, runs[i], Map.of()));
    }
    List<Row> jobRows = new ArrayList<>();
    String[] jobs = {
      job(11, 1, 1, "2026-01-05T07:59:50Z", "2026-01-05T08:00:00Z", "2026-01-05T08:01:00Z"),
      job(12, 2, 1, "2026-01-05T08:59:40Z", "2026-01-05T09:00:00Z", "2026-01-05T09:02:00Z"),
      job(13, 2, 2, "2026-01-05T09:59:20Z", "2026-01-05T10:00:00Z", "2026-01-05T10:03:00Z"),
      job(14, 3, 1, "2026-01-05T10:59:30Z", "2026-01-05T11:00:00Z", "2026-01-05T11:04:00Z"),
      job(15, 4, 1, null, "2026-01-05T12:00:00Z", "2026-01-05T12:05:00Z"),
    };
    for (int i = 0; i < jobs.length; i++) {
      jobRows.add(RawFixtures.record("github", "workflow_jobs", "2026-01-06", "file:/l/jobs.json", i, jobs[i], Map.of()));
    }
    Dataset<Row> ciRuns = NormalizedRows.onlyValidNewest(GithubActionsRuns.normalize(RawFixtures.of(runRows)), CiRunsTable.TABLE);
    Dataset<Row> ciJobs = NormalizedRows.onlyValidNewest(GithubActionsJobs.normalize(RawFixtures.of(jobRows)), CiJobsTable.TABLE);

    Dataset<Row> fact =
        CiDailyFacts.daily(ciRuns, ciJobs, ZoneId.of("Europe/Berlin"), LocalDate.parse("2026-01-05"), LocalDate.parse("2026-01-06"));

    assertRows(
        fact,
        new String[] {"date", "repo", "workflow", "runs", "successful_runs", "failed_runs", "cancelled_runs", "rerun_runs",
            "duration_p50_seconds", "duration_p90_seconds", "queue_p50_seconds", "queue_p90_seconds", "build_minutes",
            "manual_gates", "manual_gate_wait_minutes"},
        new Object[] {date("2026-01-05"), "acme/app", "CI", 6L, 2L, 2L, 1L, 1L, 600.0, 1560.0, 25.0, 37.0, 15.0, 0L, null},
        // r6 alone (10 min = 600 s), no jobs: queue and build minutes are null, counts 0.
        new Object[] {date("2026-01-06"), "acme/app", "CI", 1L, 1L, 0L, 0L, 0L, 600.0, 600.0, null, null, null, 0L, null});
    assertThat(fact.schema().fieldNames()).containsExactly(io.ttv.schemas.tables.FactCiDailyTable.SCHEMA.fieldNames());
  }

  @Test
  void datesOutsideTheRangeAreLeftOut() {
    Dataset<Row> runs = TestSpark.session().createDataFrame(List.of(), CiRunsTable.SCHEMA);
    Dataset<Row> jobs = TestSpark.session().createDataFrame(List.of(), CiJobsTable.SCHEMA);
    assertThat(CiDailyFacts.daily(runs, jobs, ZoneId.of("UTC"), LocalDate.parse("2026-01-05"), LocalDate.parse("2026-01-05")).count()).isZero();
  }
}
