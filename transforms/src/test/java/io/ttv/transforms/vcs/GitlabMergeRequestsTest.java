package io.ttv.transforms.vcs;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.tables.PullRequestsTable;
import io.ttv.testing.RawFixtures;
import io.ttv.transforms.common.NormalizedRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** GitLab merge requests, on the real list items in fixtures/gitlab-vcs (see PROVENANCE.md there). */
class GitlabMergeRequestsTest {
  private static final String FX = "/fixtures/gitlab-vcs/";

  private static Dataset<Row> mergeRequests() {
    return NormalizedRows.onlyValidNewest(
        GitlabMergeRequests.normalize(
            RawFixtures.ndjson("gitlab", "merge_requests", "2022-06-04", FX + "devlake_gitlab_list_merge_requests.ndjson", Map.of()),
            GithubPullsTest.CONFIG),
        PullRequestsTable.TABLE);
  }

  @Test
  void theRealMergeRequestsParse() {
    Dataset<Row> mrs = mergeRequests();
    assertThat(mrs.count()).isEqualTo(18);
    // the project id is anonymised (12345678): the path comes from web_url
    assertThat(mrs.select("repo").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactly("gitlab-data/snowflake_spend");
    // 10 merged, 5 opened -> open, 3 closed without merging (!13, !17, !20)
    assertRows(
        mrs.groupBy("state").count(),
        new String[] {"state", "count"},
        new Object[] {"merged", 10L},
        new Object[] {"open", 5L},
        new Object[] {"closed", 3L});
  }

  @Test
  void squashMergeClosedWithoutMergeAndDrafts() {
    Dataset<Row> mrs = mergeRequests();
    // !14: squash merge, squash_commit_sha = sha = 7f928f93...; merged 51.667 s after it was opened. GitLab
    //      leaves closed_at null on merged MRs: closed_at is merged_at.
    // !13, !17: closed without merging: closed_at set, no merged_at, no merge or squash commit.
    // !20: a closed draft ('Draft:' title; draft and work_in_progress both true); !21 an open draft.
    // !9: open, by nehiljain, branch issue_3 (lower-case words, no work-item key).
    assertRows(
        mrs.where("number IN (9, 13, 14, 17, 20, 21)"),
        new String[] {"number", "state", "author_login", "author_person_id", "is_draft", "created_at", "merged_at", "closed_at", "merge_sha", "squash_sha", "head_sha", "head_branch", "base_branch"},
        new Object[] {9L, "open", "nehiljain", "gitlab:nehiljain", false, ts("2020-04-08T20:09:08.130Z"), null, null, null, null,
            "8fc1f7e0d4c08b76764ff87d6d40fc0c3b37d6b4", "issue_3", "master"},
        new Object[] {13L, "closed", "aianus", "gitlab:aianus", false, ts("2020-08-27T20:17:01.825Z"), null, ts("2020-08-27T20:20:08.150Z"), null, null,
            "1cfe7c21c8726d8fda037d7ad26a16faacfe65b4", "include_more_snowflake_qrt_columns", "master"},
        new Object[] {14L, "merged", "ThomasLaPiana", "gitlab:thomaslapiana", false, ts("2021-02-19T20:12:14.302Z"), ts("2021-02-19T20:13:05.969Z"), ts("2021-02-19T20:13:05.969Z"),
            "21840a7eadb58babe8aeae2960da851a3ed00ddc", "7f928f936c58b2e001f86d07b1f7b9411413e439", "7f928f936c58b2e001f86d07b1f7b9411413e439",
            "ThomasLaPiana-master-patch-93997", "master"},
        new Object[] {17L, "closed", "swiffer", "gitlab:swiffer", false, ts("2021-08-07T06:50:25.458Z"), null, ts("2021-08-07T06:51:14.933Z"), null, null,
            "598ce24f1174d80556dd4432bfdcdce1dc649336", "swiffer-master-patch-77533", "master"},
        new Object[] {20L, "closed", "PedramNavid", "gitlab:pedramnavid", true, ts("2022-03-15T03:07:06.077Z"), null, ts("2022-03-15T03:07:22.665Z"), null, null,
            "e8730e17bb809c3dd0fa8ceeb83c12798477bf94", "PedramNavid-master-patch-20645", "master"},
        new Object[] {21L, "open", "paul_armstrong", "gitlab:paul_armstrong", true, ts("2022-06-03T09:24:53.707Z"), null, null, null, null,
            "f1d0704d7c6a022d4cdd1cc6d519b69740f7e5b4", "updates_for_dbt_1_1", "master"});
    // no GitLab review dataset: the review columns stay null
    assertThat(mrs.where("first_review_at IS NOT NULL OR approved_at IS NOT NULL OR first_commit_at IS NOT NULL").count()).isZero();
  }

  @Test
  void badMergeRequestsBecomeProblemsAndLockedIsOpen() {
    List<Row> raw = new ArrayList<>();
    String url = "\"web_url\":\"https://gitlab.example.com/group/sub/app/-/merge_requests/%d\"";
    raw.add(RawFixtures.record("gitlab", "merge_requests", "2026-01-05", "file:/l/mr.json", 0,
        "{\"id\":1,\"state\":\"opened\",\"created_at\":\"2026-01-05T09:00:00Z\"}", Map.of("project", "group/sub/app")));
    raw.add(RawFixtures.record("gitlab", "merge_requests", "2026-01-05", "file:/l/mr.json", 1,
        "{\"id\":2,\"iid\":2,\"state\":\"opened\",\"created_at\":\"2026-13-45T09:00:00Z\"," + String.format(url, 2) + "}", Map.of()));
    raw.add(RawFixtures.record("gitlab", "merge_requests", "2026-01-05", "file:/l/mr.json", 2,
        "{\"id\":3,\"iid\":3,\"state\":\"opened\",\"created_at\":\"2026-01-05T09:00:00Z\"}", Map.of()));
    raw.add(RawFixtures.record("gitlab", "merge_requests", "2026-01-05", "file:/l/mr.json", 3,
        "{\"id\":4,\"iid\":4,\"state\":\"locked\",\"title\":\"OPS-9 migrate\",\"work_in_progress\":true,\"created_at\":\"2026-01-05T09:00:00Z\","
            + "\"author\":{\"username\":\"renovate-bot\"},\"source_branch\":\"renovate/OPS-9\"," + String.format(url, 4) + "}", Map.of()));
    Dataset<Row> normalized = GitlabMergeRequests.normalize(RawFixtures.of(raw), GithubPullsTest.CONFIG);
    assertRows(
        NormalizedRows.onlyRejected(normalized),
        new String[] {"position", "reason"},
        new Object[] {0L, "merge request has no numeric 'iid'"},
        new Object[] {1L, "created_at '2026-13-45T09:00:00Z' is not an ISO-8601 timestamp"},
        new Object[] {2L, "merge request !3 names no project (no project= folder, no web_url)"});
    // locked = GitLab merging it right now: still open; only work_in_progress (older GitLab) -> draft; the
    // project path keeps its subgroups; OPS-9 once though it is in title and branch
    assertRows(
        NormalizedRows.onlyValidNewest(normalized, PullRequestsTable.TABLE).selectExpr("repo", "number", "state", "is_draft", "is_bot", "array_join(work_item_keys, ',') AS keys"),
        new String[] {"repo", "number", "state", "is_draft", "is_bot", "keys"},
        new Object[] {"group/sub/app", 4L, "open", true, true, "OPS-9"});
  }
}
