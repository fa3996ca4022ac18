package io.ttv.transforms.vcs;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.date;
import static io.ttv.testing.RawFixtures.ts;
import static io.ttv.transforms.vcs.CommitsTestConfig.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.tables.CommitsTable;
import io.ttv.schemas.tables.PullRequestCommitsTable;
import io.ttv.testing.DatasetAssert;
import io.ttv.testing.RawFixtures;
import io.ttv.transforms.common.NormalizedRows;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** GitHub commits and pull_commits, GitLab commits and merge_request_commits -> commits and pull_request_commits. */
class ForgeCommitsTest {
  private static final String GH = "/fixtures/github-vcs/";
  private static final String GL = "/fixtures/gitlab-vcs/devlake_gitlab_list_merge_request_commits.ndjson";

  private static long problems(Dataset<Row> rows) {
    return rows.where(NormalizedRows.PROBLEM + " IS NOT NULL").count();
  }

  @Test
  void githubCommitsPageWithTwoMerges() {
    Dataset<Row> rows =
        GithubCommits.normalize(
            RawFixtures.json("github", "commits", null, "2012-03-20", GH + "pygithub_list_repo_commits_page_with_merge.json", Map.of()),
            CONFIG);
    assertThat(problems(rows)).isZero();
    Dataset<Row> commits = NormalizedRows.onlyValidNewest(rows, CommitsTable.TABLE);
    DatasetAssert.assertSameColumns(CommitsTable.SCHEMA, commits.schema());
    assertThat(commits.count()).isEqualTo(30);
    // repo from the url (no repo= folder); the account jacquev6 is listed as vincent's GitHub login
    assertThat(commits.where("repo = 'PyGithub/PyGithub' AND author_login = 'jacquev6' AND author_person_id = 'vincent' AND parents_known").count())
        .isEqualTo(30);
    // 0909fec3 merges 50ac55b2 and 6e421e9e; 2012-03-14T15:26:35-07:00 = 15:26:35 + 7 h = 2012-03-14T22:26:35Z
    assertRows(commits.where("size(parents) = 2"),
        new String[] {"sha", "parents", "author_name", "author_email", "committed_at", "message"},
        new Object[] {"0909fec395bb1f97e2580d6a029cfc64b352aff9",
            List.of("50ac55b25ceba555b84709839f80447552450697", "6e421e9e85e12008758870bc046bc2c6120af72a"),
            "Vincent Jacques", "vincent@vincent-jacques.net", ts("2012-03-14T22:26:35Z"), "Merge branch 'topic/MoveGithubObjects' into develop"},
        new Object[] {"50ac55b25ceba555b84709839f80447552450697",
            List.of("58b4396aa0e7cb72911b75cb035798143a06e0ee", "767d75a580279e457f9bc52bc308a17ff8ea0509"),
            "Vincent Jacques", "vincent@vincent-jacques.net", ts("2012-03-13T19:26:20Z"), "Merge branch 'topic/SplitGithubObjects' into develop"});
  }

  @Test
  void githubPullCommitsFeedCommitsAndPullRequestCommits() {
    Dataset<Row> rows =
        GithubPullCommits.normalize(
            RawFixtures.json("github", "pull_commits", null, "2012-05-28", GH + "pygithub_list_pull_31_commits.json", Map.of("pull", "31")),
            CONFIG);
    assertThat(problems(rows)).isZero();
    // the third message has a body; only its first line is kept. 2012-05-27T02:07:47-07:00 + 7 h = 09:07:47Z
    assertRows(NormalizedRows.onlyValidNewest(rows, CommitsTable.TABLE),
        new String[] {"sha", "parents", "authored_at", "message"},
        new Object[] {"4aadfff21cdd2d2566b0e4bd7309c233b5f4ae23", List.of("ed866fc43833802ab553e5ff8581c81bb00dd433"),
            ts("2012-05-27T07:33:23Z"), "Improve test coverage"},
        new Object[] {"93dcae5cf207de376c91d0599226e7c7563e1d16", List.of("4aadfff21cdd2d2566b0e4bd7309c233b5f4ae23"),
            ts("2012-05-27T07:37:17Z"), "Remove branch coverage for optional attributes (temporary?)"},
        new Object[] {"8a4f306d4b223682dd19410d4a9150636ebe4206", List.of("93dcae5cf207de376c91d0599226e7c7563e1d16"),
            ts("2012-05-27T09:07:47Z"), "Test (and implement) Issue.*_label*"});
    Dataset<Row> members = NormalizedRows.onlyValidNewest(PullRequestCommits.of(rows), PullRequestCommitsTable.TABLE);
    DatasetAssert.assertSameColumns(PullRequestCommitsTable.SCHEMA, members.schema());
    assertRows(members, new String[] {"source_system", "repo", "pr_number", "sha"},
        new Object[] {"github", "PyGithub/PyGithub", 31L, "4aadfff21cdd2d2566b0e4bd7309c233b5f4ae23"},
        new Object[] {"github", "PyGithub/PyGithub", 31L, "93dcae5cf207de376c91d0599226e7c7563e1d16"},
        new Object[] {"github", "PyGithub/PyGithub", 31L, "8a4f306d4b223682dd19410d4a9150636ebe4206"});
  }

  @Test
  void githubPullCommitsWithoutAPullFolderAreProblems() {
    Dataset<Row> rows =
        GithubPullCommits.normalize(
            RawFixtures.json("github", "pull_commits", null, "2012-05-28", GH + "pygithub_list_pull_31_commits.json", Map.of()), CONFIG);
    assertThat(rows.where("_problem = 'pull request commit names no pull request (no pull=<number> folder above the file)'").count()).isEqualTo(3);
    assertThat(PullRequestCommits.of(rows).where("_problem IS NULL").count()).isZero();
  }

  @Test
  void githubCommitWithoutDatesOrShaIsAProblem() {
    String sha = "0123456789abcdef0123456789abcdef01234567";
    Dataset<Row> rows =
        GithubCommits.normalize(
            RawFixtures.of(List.of(
                RawFixtures.record("github", "commits", "2026-01-05", "file:/l/c.json", 0,
                    "{\"sha\":\"" + sha + "\",\"parents\":[],\"commit\":{\"author\":{\"name\":\"Ana\",\"email\":\"a@x.org\"},"
                        + "\"committer\":{\"name\":\"Ana\",\"date\":\"2026-01-05T10:00:00Z\"},\"message\":\"m\"}}",
                    Map.of("repo", "acme/shop")),
                RawFixtures.record("github", "commits", "2026-01-05", "file:/l/c.json", 1,
                    "{\"url\":\"https://api.github.com/repos/acme/shop/commits/x\",\"commit\":{\"message\":\"m\"}}", Map.of()))),
            CONFIG);
    assertRows(rows, new String[] {"source_position", "_problem"},
        new Object[] {0L, "commit " + sha + " has no author date"},
        new Object[] {1L, "commit has no sha"});
  }

  private static Dataset<Row> mergeRequestCommits(String exportDate, Map<String, String> params) {
    return GitlabMergeRequestCommits.normalize(RawFixtures.ndjson("gitlab", "merge_request_commits", exportDate, GL, params), CONFIG);
  }

  @Test
  void gitlabMergeRequestCommitsHaveNoKnownParents() {
    Dataset<Row> rows = mergeRequestCommits("2022-01-10", Map.of("merge_request", "1"));
    assertThat(problems(rows)).isZero();
    Dataset<Row> commits = NormalizedRows.onlyValidNewest(rows, CommitsTable.TABLE);
    assertThat(commits.count()).isEqualTo(37);
    // parent_ids is always [] on this endpoint: not "a root commit" but "not said"
    assertThat(commits.where("NOT parents_known AND size(parents) = 0 AND repo = 'gitlab-data/snowflake_spend' AND source_system = 'gitlab'").count())
        .isEqualTo(37);
    // first line: .000Z stays UTC; GitLab gives no login, the unlisted e-mail is the person
    assertRows(commits.where("sha = 'ad25fcda15e310a7eb34b3e38ff9b962b54f0e03'"),
        new String[] {"author_name", "author_email", "author_login", "author_person_id", "authored_at", "committed_at", "message"},
        new Object[] {"emilie", "emilie.burke@gmail.com", null, "gitlab:emilie.burke@gmail.com",
            ts("2019-06-28T11:03:52Z"), ts("2019-06-28T11:03:52Z"), "add more info to readme"});
    Dataset<Row> members = NormalizedRows.onlyValidNewest(PullRequestCommits.of(rows), PullRequestCommitsTable.TABLE);
    assertThat(members.where("source_system = 'gitlab' AND repo = 'gitlab-data/snowflake_spend' AND pr_number = 1").count()).isEqualTo(37);
  }

  @Test
  void theMergeRequestIsNamedByMergeRequestMrIidOrPullFolders() {
    for (String key : GitlabMergeRequestCommits.MR_SEGMENTS) {
      assertThat(PullRequestCommits.of(mergeRequestCommits("2022-01-10", Map.of(key, "14"))).where("pr_number = 14 AND _problem IS NULL").count())
          .as(key).isEqualTo(37);
    }
    assertThat(mergeRequestCommits("2022-01-10", Map.of()).where(
            "_problem = 'merge request commit names no merge request (no merge_request=<iid> folder above the file)'").count())
        .isEqualTo(37);
    assertThat(mergeRequestCommits("2022-01-10", Map.of("mr", "x")).where("_problem = 'merge request folder ''x'' is not a merge request iid'").count())
        .isEqualTo(37);
  }

  @Test
  void aParentlessMergeRequestVersionNeverReplacesOneWithParents() {
    // the same commit from /repository/commits (parents known) exported on 2022-01-01, and from the MR commits
    // endpoint (parent_ids []) exported later on 2022-01-10: the older version with parents is kept
    String sha = "ad25fcda15e310a7eb34b3e38ff9b962b54f0e03";
    String parent = "382084b42697577d3a6adf71ce73d4b5ddd22977";
    Dataset<Row> full =
        GitlabCommits.normalize(
            RawFixtures.of(List.of(RawFixtures.record("gitlab", "commits", "2022-01-01", "file:/l/gitlab/commits/c.json", 0,
                "{\"id\":\"" + sha + "\",\"parent_ids\":[\"" + parent + "\"],\"title\":\"add more info to readme\","
                    + "\"author_name\":\"emilie\",\"author_email\":\"emilie.burke@gmail.com\",\"authored_date\":\"2019-06-28T13:03:52.000+02:00\","
                    + "\"committer_name\":\"emilie\",\"committer_email\":\"emilie.burke@gmail.com\",\"committed_date\":\"2019-06-28T11:03:52.000Z\"}",
                Map.of("project", "gitlab-data/snowflake_spend")))),
            CONFIG);
    Dataset<Row> kept =
        NormalizedRows.onlyValidNewest(full.unionByName(mergeRequestCommits("2022-01-10", Map.of("merge_request", "1")).drop(PullRequestCommitsTable.PR_NUMBER)),
            CommitsTable.TABLE);
    // 13:03:52 at +02:00 = 11:03:52Z, the same instant the MR endpoint writes
    assertRows(kept.where("sha = '" + sha + "'"),
        new String[] {"parents", "parents_known", "authored_at", "export_date"},
        new Object[] {List.of(parent), true, ts("2019-06-28T11:03:52Z"), date("2022-01-01")});
    assertThat(kept.count()).isEqualTo(37);
  }
}
