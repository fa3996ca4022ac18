package io.ttv.transforms.vcs;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.PrReviewsTable;
import io.ttv.schemas.tables.PullRequestsTable;
import io.ttv.testing.RawFixtures;
import io.ttv.transforms.common.NormalizedRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** GitHub pull requests and reviews, on the real bodies in fixtures/github-vcs (see PROVENANCE.md there). */
class GithubPullsTest {
  private static final String FX = "/fixtures/github-vcs/";

  /** panjf2000 (the ants maintainer) and ana-dev are listed people; everyone else is unmatched. */
  static final TtvConfig CONFIG =
      ConfigLoader.parse(
          "{\"warehouse\":\"/tmp/ttv-wh\",\"landing\":\"/tmp/ttv-landing\",\"people\":["
              + "{\"id\":\"andy\",\"github\":[\"PanJF2000\"]},{\"id\":\"ana\",\"github\":[\"ana-dev\"]}]}",
          "test");

  private static Dataset<Row> pulls(Dataset<Row> raw) {
    return NormalizedRows.onlyValidNewest(GithubPulls.normalize(raw, CONFIG), PullRequestsTable.TABLE);
  }

  private static Dataset<Row> reviews(Dataset<Row> raw) {
    return NormalizedRows.onlyValidNewest(GithubPullReviews.normalize(raw, CONFIG), PrReviewsTable.TABLE);
  }

  private static Dataset<Row> antsPulls() {
    return pulls(RawFixtures.ndjson("github", "pulls", "2022-04-15", FX + "devlake_ants_list_pulls_state_all.ndjson", Map.of()));
  }

  @Test
  void theAntsListPageGivesOneRowPerPrAndMergedMeansMergedAt() {
    Dataset<Row> normalized =
        GithubPulls.normalize(RawFixtures.ndjson("github", "pulls", "2022-04-15", FX + "devlake_ants_list_pulls_state_all.ndjson", Map.of()), CONFIG);
    assertThat(normalized.count()).isEqualTo(10);
    assertThat(normalized.where("_problem IS NOT NULL").count()).isZero();
    Dataset<Row> prs = antsPulls();
    // 10 lines, PR #4 twice -> 9 PRs. #8 was closed without merging but carries merge_commit_sha 74ba726f (the
    // test merge): closed, no merge_sha. #158 is open and also carries one. #210 closed 1 s after its merge.
    assertRows(
        prs,
        new String[] {"source_system", "repo", "number", "state", "author_login", "author_person_id", "is_bot", "is_draft", "merged_at", "closed_at", "merge_sha", "base_branch"},
        new Object[] {"github", "panjf2000/ants", 4L, "merged", "barryz", "github:barryz", false, false, ts("2018-07-26T02:32:41Z"), ts("2018-07-26T02:32:41Z"), "3ddd58c390b0f928a5782c235f90ad0c9c21312c", "master"},
        new Object[] {"github", "panjf2000/ants", 8L, "closed", "hongli-my", "github:hongli-my", false, false, null, ts("2018-10-30T00:12:13Z"), null, "master"},
        new Object[] {"github", "panjf2000/ants", 13L, "merged", "liyonglion", "github:liyonglion", false, false, ts("2018-09-29T11:29:54Z"), ts("2018-09-29T11:29:54Z"), "9a3b5cd25344822bca7684f87d9e123890a7bf59", "master"},
        new Object[] {"github", "panjf2000/ants", 19L, "merged", "zplzpl", "github:zplzpl", false, false, ts("2018-12-01T15:49:32Z"), ts("2018-12-01T15:49:32Z"), "639f55c4c94407632a1c5e34cd71784524de0757", "develop"},
        new Object[] {"github", "panjf2000/ants", 48L, "merged", "panjf2000", "andy", false, false, ts("2019-08-27T14:46:22Z"), ts("2019-08-27T14:46:22Z"), "d5eded45bffe827e5a64a3376c4b94f08b641031", "master"},
        new Object[] {"github", "panjf2000/ants", 53L, "merged", "KevinBaiSg", "github:kevinbaisg", false, false, ts("2019-10-09T16:59:19Z"), ts("2019-10-09T16:59:19Z"), "f0e23928f4388661a8e0f6f5ff93f8f9514a1762", "master"},
        new Object[] {"github", "panjf2000/ants", 158L, "open", "icecube092", "github:icecube092", false, false, null, null, null, "master"},
        new Object[] {"github", "panjf2000/ants", 210L, "merged", "codingfanlt", "github:codingfanlt", false, false, ts("2022-02-14T13:51:40Z"), ts("2022-02-14T13:51:41Z"), "fbd17036dbf5ae677ba9e41326745a65e655232f", "master"},
        new Object[] {"github", "panjf2000/ants", 211L, "open", "lucafmarques", "github:lucafmarques", false, false, null, null, null, "master"});
    // #4 twice in one export: the later line (position 1) wins. Its title repeats the phrase 27 times
    // (1,188 characters), the first line's 18 times (792).
    assertRows(
        prs.where("number = 4").selectExpr("length(title) AS title_length", "source_position", "head_branch", "created_at"),
        new String[] {"title_length", "source_position", "head_branch", "created_at"},
        new Object[] {1188, 1L, "pre_allocate", ts("2018-07-25T08:19:30Z")});
    // nothing in these titles or branches looks like a work-item key; the PR columns derived later are null
    assertThat(prs.where("size(work_item_keys) > 0 OR first_commit_at IS NOT NULL OR first_review_at IS NOT NULL OR approved_at IS NOT NULL OR squash_sha IS NOT NULL").count())
        .isZero();
  }

  @Test
  void aSinglePrBodyOfAMergedPr() {
    Dataset<Row> prs = pulls(RawFixtures.json("github", "pulls", null, "2020-12-12", FX + "pygithub_get_pull_21_merged_2020.json", Map.of()));
    // no repo= folder: the repo is base.repo.full_name; merged 2 min 52 s after it was opened
    assertRows(
        prs,
        new String[] {"repo", "number", "state", "author_login", "created_at", "merged_at", "closed_at", "merge_sha", "head_sha", "base_branch", "is_draft"},
        new Object[] {"austinsasko/PyGithub", 21L, "merged", "austinsasko", ts("2020-12-11T22:14:28Z"), ts("2020-12-11T22:17:20Z"), ts("2020-12-11T22:17:20Z"),
            "40abf8b68f4c86d0001cc9a03f19cf8f1bd018e1", "adf76c80c6d28dc2d47b1a22622082786192c887", "master", false});
    assertThat(prs.first().<String>getAs(PullRequestsTable.HEAD_BRANCH))
        .startsWith("revert-20-revert-19-revert-18-")
        .endsWith("-revert-1-testing");
  }

  @Test
  void workItemKeysComeFromTitleThenBranchOnceEachAndBotsAreFlagged() {
    List<Row> raw = new ArrayList<>();
    // key_pattern [A-Z][A-Z0-9]+-[0-9]+ (the default): title PAY-12, OPS-7 (PAY-12 again: once); branch PAY-12 (again)
    // and CORE-3; 'pay-13' is lower case and no key. The folder repo=Acme/Shop wins over base.repo.full_name.
    raw.add(RawFixtures.record("github", "pulls", "2026-01-05", "file:/l/p.json", 0,
        "{\"number\":7,\"state\":\"open\",\"draft\":true,\"title\":\"PAY-12: rounding (PAY-12, OPS-7, pay-13)\",\"user\":{\"login\":\"ana-dev\"},"
            + "\"created_at\":\"2026-01-05T09:00:00Z\",\"head\":{\"ref\":\"feature/PAY-12-rounding-CORE-3\",\"sha\":\"aaa\"},"
            + "\"base\":{\"ref\":\"main\",\"repo\":{\"full_name\":\"acme/shop\"}}}", Map.of("repo", "Acme/Shop")));
    raw.add(RawFixtures.record("github", "pulls", "2026-01-05", "file:/l/p.json", 1,
        "{\"number\":8,\"state\":\"open\",\"title\":\"Bump jackson from 2.17 to 2.18\",\"user\":{\"login\":\"dependabot[bot]\"},"
            + "\"created_at\":\"2026-01-05T09:10:00Z\",\"head\":{\"ref\":\"dependabot/maven/jackson-2.18\"},\"base\":{\"ref\":\"main\"}}",
        Map.of("repo", "Acme/Shop")));
    Dataset<Row> prs = pulls(RawFixtures.of(raw)).selectExpr("number", "array_join(work_item_keys, ',') AS keys", "author_person_id", "is_bot", "is_draft", "repo");
    assertRows(
        prs,
        new String[] {"number", "keys", "author_person_id", "is_bot", "is_draft", "repo"},
        new Object[] {7L, "PAY-12,OPS-7,CORE-3", "ana", false, true, "Acme/Shop"},
        new Object[] {8L, "", "github:dependabot[bot]", true, false, "Acme/Shop"});
  }

  @Test
  void antsReviewsHaveNoApprovalAndTheAuthorsOwnReviewsDoNotCount() {
    Dataset<Row> reviews = reviews(RawFixtures.ndjson("github", "pull_reviews", "2022-04-15", FX + "devlake_ants_list_pull_reviews.ndjson", Map.of()));
    // 31 lines, review 277027723 twice -> 30 reviews of #41 (12), #51 (3) and #53 (15); the PR number comes from
    // pull_request_url (no pull= folder); 3 changes_requested, the rest commented.
    assertRows(
        reviews.groupBy("repo", "pr_number", "state").count(),
        new String[] {"repo", "pr_number", "state", "count"},
        new Object[] {"panjf2000/ants", 41L, "commented", 12L},
        new Object[] {"panjf2000/ants", 51L, "commented", 3L},
        new Object[] {"panjf2000/ants", 53L, "commented", 12L},
        new Object[] {"panjf2000/ants", 53L, "changes_requested", 3L});
    assertRows(
        reviews.where("review_id = '298229495'"),
        new String[] {"reviewer_login", "reviewer_person_id", "reviewer_is_bot", "submitted_at", "commit_sha"},
        new Object[] {"panjf2000", "andy", false, ts("2019-10-07T16:56:26Z"), "2950e919e72eb230b2b12f797f379ca6f04fe80c"});
    // #53 (by KevinBaiSg, opened 2019-10-07 08:17:20): the first review by someone else is panjf2000's
    // CHANGES_REQUESTED at 2019-10-07 16:56:26 (pickup 8 h 39 min 6 s); no approval ever -> approved_at null.
    // The reviews of #41 and #51 have no PR row here: they add nothing. The other PRs have no reviews.
    Dataset<Row> withReviews = PullRequests.withReviews(antsPulls(), reviews);
    assertThat(withReviews.count()).isEqualTo(9);
    assertRows(
        withReviews.where("first_review_at IS NOT NULL OR approved_at IS NOT NULL"),
        new String[] {"source_system", "repo", "number", "first_review_at", "approved_at"},
        new Object[] {"github", "panjf2000/ants", 53L, ts("2019-10-07T16:56:26Z"), null});
  }

  @Test
  void anApprovalFollowedAYearLaterByComments() {
    Dataset<Row> reviews = reviews(RawFixtures.json("github", "pull_reviews", null, "2018-03-21", FX + "pygithub_list_pull_538_reviews_with_approval.json", Map.of()));
    // The body of PR #538 is not among the fixtures: a minimal hand-made one (author 'vtbassmatt', opened
    // 2017-03-20), so that the real reviews have a PR to belong to.
    Dataset<Row> pr = pulls(RawFixtures.of(List.of(RawFixtures.record("github", "pulls", "2018-03-21", "file:/l/p.json", 0,
        "{\"number\":538,\"state\":\"open\",\"title\":\"Add review support\",\"user\":{\"login\":\"vtbassmatt\"},\"created_at\":\"2017-03-20T12:00:00Z\","
            + "\"base\":{\"ref\":\"master\",\"repo\":{\"full_name\":\"PyGithub/PyGithub\"}}}", Map.of()))));
    // APPROVED by jzelinskie 2017-03-22 19:06:59, then COMMENTED 2018-03-16 .. 2018-03-20: the approval is both the
    // first review and the approval.
    assertRows(
        PullRequests.withReviews(pr, reviews),
        new String[] {"repo", "number", "first_review_at", "approved_at"},
        new Object[] {"PyGithub/PyGithub", 538L, ts("2017-03-22T19:06:59Z"), ts("2017-03-22T19:06:59Z")});
    assertRows(
        reviews.groupBy("state").count(), new String[] {"state", "count"}, new Object[] {"approved", 1L}, new Object[] {"commented", 4L});
  }

  private static Row review(long pos, long id, long pull, String login, String state, String submittedAt) {
    return RawFixtures.record("github", "pull_reviews", "2026-01-06", "file:/l/r.json", pos,
        String.format("{\"id\":%d,\"user\":{\"login\":\"%s\"},\"state\":\"%s\",\"submitted_at\":%s,\"commit_id\":\"abc\"}",
            id, login, state, submittedAt == null ? "null" : "\"" + submittedAt + "\""),
        Map.of("repo", "acme/shop", "pull", Long.toString(pull)));
  }

  @Test
  void authorsOwnPendingAndDismissedReviewsAreNotApprovals() {
    List<Row> prRows = new ArrayList<>();
    prRows.add(RawFixtures.record("github", "pulls", "2026-01-06", "file:/l/p.json", 0,
        "{\"number\":7,\"state\":\"open\",\"title\":\"t\",\"user\":{\"login\":\"ana-dev\"},\"created_at\":\"2026-01-05T09:00:00Z\"}", Map.of("repo", "acme/shop")));
    prRows.add(RawFixtures.record("github", "pulls", "2026-01-06", "file:/l/p.json", 1,
        "{\"number\":9,\"state\":\"open\",\"title\":\"t\",\"user\":{\"login\":\"cy\"},\"created_at\":\"2026-01-05T09:00:00Z\"}", Map.of("repo", "acme/shop")));
    Dataset<Row> prs = pulls(RawFixtures.of(prRows));
    // PR #7 by ana-dev, opened 09:00 (reviews carry pull= and repo= folders, as an exporter writes them):
    //   Ana-Dev COMMENTED 09:30   her own PR (logins ignore case): not a review
    //   bo      PENDING  (none)   started, not submitted: nothing
    //   bo      DISMISSED 10:00   an approval a maintainer dismissed: a review, not an approval
    //   cy      COMMENTED 10:15
    //   cy      APPROVED 11:30
    // => first_review_at 10:00 (pickup 1 h, not the 30 min her own comment would give), approved_at 11:30.
    // PR #9 by cy has only cy's own review: nulls.
    List<Row> r = new ArrayList<>();
    r.add(review(0, 1, 7, "Ana-Dev", "COMMENTED", "2026-01-05T09:30:00Z"));
    r.add(review(1, 2, 7, "bo", "PENDING", null));
    r.add(review(2, 3, 7, "bo", "DISMISSED", "2026-01-05T10:00:00Z"));
    r.add(review(3, 4, 7, "cy", "COMMENTED", "2026-01-05T10:15:00Z"));
    r.add(review(4, 5, 7, "cy", "APPROVED", "2026-01-05T11:30:00Z"));
    r.add(review(5, 6, 9, "cy", "APPROVED", "2026-01-05T09:05:00Z"));
    Dataset<Row> reviews = reviews(RawFixtures.of(r));
    assertRows(
        PullRequests.withReviews(prs, reviews),
        new String[] {"number", "first_review_at", "approved_at"},
        new Object[] {7L, ts("2026-01-05T10:00:00Z"), ts("2026-01-05T11:30:00Z")},
        new Object[] {9L, null, null});
    assertRows(reviews.where("review_id = '2'"), new String[] {"state", "submitted_at", "pr_number", "repo"}, new Object[] {"pending", null, 7L, "acme/shop"});
  }

  @Test
  void badRecordsBecomeProblemsWithReasons() {
    List<Row> raw = new ArrayList<>();
    raw.add(RawFixtures.record("github", "pulls", "2026-01-05", "file:/l/bad.json", 0,
        "{\"state\":\"open\",\"title\":\"no number\",\"created_at\":\"2026-01-05T09:00:00Z\"}", Map.of("repo", "acme/shop")));
    raw.add(RawFixtures.record("github", "pulls", "2026-01-05", "file:/l/bad.json", 1,
        "{\"number\":3,\"state\":\"closed\",\"created_at\":\"2026-01-05T09:00:00Z\",\"merged_at\":\"yesterday\"}", Map.of("repo", "acme/shop")));
    raw.add(RawFixtures.record("github", "pulls", "2026-01-05", "file:/l/bad.json", 2,
        "{\"number\":4,\"state\":\"open\"}", Map.of("repo", "acme/shop")));
    raw.add(RawFixtures.record("github", "pulls", "2026-01-05", "file:/l/bad.json", 3,
        "{\"number\":5,\"state\":\"open\",\"created_at\":\"2026-01-05T09:00:00Z\"}", Map.of()));
    raw.add(RawFixtures.record("github", "pulls", "2026-01-05", "file:/l/bad.json", 4,
        "{\"number\":\"six\",\"state\":\"open\",\"created_at\":\"2026-01-05T09:00:00Z\"}", Map.of("repo", "acme/shop")));
    assertRows(
        NormalizedRows.onlyRejected(GithubPulls.normalize(RawFixtures.of(raw), CONFIG)),
        new String[] {"position", "reason"},
        new Object[] {0L, "pull request has no numeric 'number'"},
        new Object[] {1L, "merged_at 'yesterday' is not an ISO-8601 timestamp"},
        new Object[] {2L, "pull request #4 has no 'created_at'"},
        new Object[] {3L, "pull request #5 names no repository (no repo= folder, no base.repo.full_name)"},
        new Object[] {4L, "pull request has no numeric 'number'"});

    List<Row> rv = new ArrayList<>();
    rv.add(RawFixtures.record("github", "pull_reviews", "2026-01-05", "file:/l/badr.json", 0,
        "{\"state\":\"APPROVED\",\"submitted_at\":\"2026-01-05T09:00:00Z\",\"pull_request_url\":\"https://api.github.com/repos/acme/shop/pulls/7\"}", Map.of()));
    rv.add(RawFixtures.record("github", "pull_reviews", "2026-01-05", "file:/l/badr.json", 1,
        "{\"id\":11,\"state\":\"APPROVED\",\"submitted_at\":\"2026-01-05T09:00:00Z\"}", Map.of("repo", "acme/shop")));
    rv.add(RawFixtures.record("github", "pull_reviews", "2026-01-05", "file:/l/badr.json", 2,
        "{\"id\":12,\"state\":\"APPROVED\",\"submitted_at\":\"05/01/2026 09:00\",\"pull_request_url\":\"https://api.github.com/repos/acme/shop/pulls/7\"}", Map.of()));
    assertRows(
        NormalizedRows.onlyRejected(GithubPullReviews.normalize(RawFixtures.of(rv), CONFIG)),
        new String[] {"position", "reason"},
        new Object[] {0L, "review has no numeric 'id'"},
        new Object[] {1L, "review 11 names no pull request (no pull= folder, no pull_request_url ending in /pulls/<number>)"},
        new Object[] {2L, "submitted_at '05/01/2026 09:00' is not an ISO-8601 timestamp"});
  }
}
