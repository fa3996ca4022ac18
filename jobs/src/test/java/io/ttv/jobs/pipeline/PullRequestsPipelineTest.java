package io.ttv.jobs.pipeline;

import static io.ttv.testing.DatasetAssert.assertDatasetEquals;
import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.testing.TestSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub pulls and reviews and GitLab merge requests through ingest and normalize, one nightly run per
 * export date: a review that arrives the day after its PR, and a PR re-exported after its first review
 * (its MERGE resets the review columns), both end with the review columns recomputed from every review
 * in the table; running the last date again changes nothing.
 */
@Tag("slow") // three ingest+normalize runs: about a minute on a 2-core machine
class PullRequestsPipelineTest {
  @TempDir static Path dir;

  private static TtvConfig config(Landing landing) {
    return ConfigLoader.parse(
        "{\"warehouse\":\"" + dir.resolve("wh") + "\",\"landing\":\"" + landing.root() + "\","
            + "\"people\":[{\"id\":\"andy\",\"github\":[\"panjf2000\"]},{\"id\":\"ana\",\"github\":[\"ana-dev\"],\"gitlab\":[\"emilie\"]}]}",
        "test");
  }

  private static Pipeline.Result nightly(SparkSession spark, TtvConfig cfg, String date) {
    LocalDate d = LocalDate.parse(date);
    return Pipeline.run(spark, cfg, "run", d, d, List.of(Stage.INGEST, Stage.NORMALIZE));
  }

  private static Dataset<Row> table(SparkSession spark, TtvConfig cfg, String name) {
    Dataset<Row> d = spark.read().format("delta").load(cfg.tablePath(name));
    return spark.createDataFrame(d.collectAsList(), d.schema());
  }

  private static String review(long id, String login, String state, String at) {
    return String.format(
        "{\"id\":%d,\"user\":{\"login\":\"%s\"},\"state\":\"%s\",\"submitted_at\":\"%s\",\"commit_id\":\"c1\","
            + "\"pull_request_url\":\"https://api.github.com/repos/acme/shop/pulls/7\"}",
        id, login, state, at);
  }

  @Test
  void reviewColumnsAreDerivedAfterEveryMergeOfAPrOrItsReviews() {
    SparkSession spark = TestSpark.session();
    Landing landing = new Landing(dir.resolve("landing"));
    String pr = "{\"number\":7,\"state\":\"%s\",\"title\":\"PAY-12 rounding\",\"user\":{\"login\":\"ana-dev\"},"
        + "\"created_at\":\"2026-01-05T09:00:00Z\",\"merged_at\":%s,\"closed_at\":%s,\"merge_commit_sha\":\"m7\","
        + "\"head\":{\"ref\":\"pay-12\",\"sha\":\"h7\"},\"base\":{\"ref\":\"main\",\"repo\":{\"full_name\":\"acme/shop\"}}}";
    landing
        .copy("github", "pulls", "2026-01-05", "repo=panjf2000%2Fants", "pulls.ndjson", "/fixtures/github-vcs/devlake_ants_list_pulls_state_all.ndjson")
        .copy("github", "pull_reviews", "2026-01-05", "repo=panjf2000%2Fants", "reviews.ndjson", "/fixtures/github-vcs/devlake_ants_list_pull_reviews.ndjson")
        .copy("gitlab", "merge_requests", "2026-01-05", "project=gitlab-data%2Fsnowflake_spend", "mrs.ndjson",
            "/fixtures/gitlab-vcs/devlake_gitlab_list_merge_requests.ndjson")
        .write("github", "pulls", "2026-01-05", "repo=acme%2Fshop", "pulls.json", "[" + String.format(pr, "open", "null", "null") + "]")
        .write("github", "pull_reviews", "2026-01-05", "repo=acme%2Fshop/pull=7", "reviews.json",
            "[" + review(71, "bo", "COMMENTED", "2026-01-05T10:00:00Z") + "]")
        // the next day: #7 merged (a new version of the PR), cy approves; ana-dev's own comment does not count
        .write("github", "pulls", "2026-01-06", "repo=acme%2Fshop", "pulls.json",
            "[" + String.format(pr, "closed", "\"2026-01-06T12:00:00Z\"", "\"2026-01-06T12:00:00Z\"") + "]")
        .write("github", "pull_reviews", "2026-01-06", "repo=acme%2Fshop/pull=7", "reviews.json",
            "[" + review(72, "ana-dev", "COMMENTED", "2026-01-06T08:00:00Z") + "," + review(73, "cy", "APPROVED", "2026-01-06T11:00:00Z") + "]");
    TtvConfig cfg = config(landing);

    Pipeline.Result first = nightly(spark, cfg, "2026-01-05");
    // GitHub: 9 ants authors + ana-dev, reviewers choleraehyq, bo (panjf2000 and KevinBaiSg are authors too):
    // 12 distinct logins, 2 listed (panjf2000, ana-dev). GitLab: 14 distinct authors, emilie listed.
    assertThat(first.identities().matched()).containsEntry("github", 2L).containsEntry("gitlab", 1L);
    assertThat(first.identities().unmatched()).containsEntry("github", 10L).containsEntry("gitlab", 13L);
    assertRows(
        table(spark, cfg, "pull_requests").where("repo = 'acme/shop'"),
        new String[] {"state", "first_review_at", "approved_at"},
        new Object[] {"open", ts("2026-01-05T10:00:00Z"), null});

    Pipeline.Result second = nightly(spark, cfg, "2026-01-06");
    assertThat(second.identities().matched()).containsEntry("github", 1L);
    assertThat(second.identities().unmatched()).containsEntry("github", 1L);
    // #7: opened 2026-01-05 09:00; bo's review (merged the day before) stays its first review though the PR's
    // new version reset the column; cy's approval 2026-01-06 11:00; merged 12:00 -> pickup 1 h, review 26 h.
    Dataset<Row> prs = table(spark, cfg, "pull_requests");
    assertRows(
        prs.where("repo = 'acme/shop'"),
        new String[] {"number", "state", "author_person_id", "first_review_at", "approved_at", "merged_at", "merge_sha", "work_item_keys"},
        new Object[] {7L, "merged", "ana", ts("2026-01-05T10:00:00Z"), ts("2026-01-06T11:00:00Z"), ts("2026-01-06T12:00:00Z"), "m7",
            scala.jdk.javaapi.CollectionConverters.asScala(List.of("PAY-12")).toSeq()});
    // ants #53 (by KevinBaiSg): panjf2000's CHANGES_REQUESTED at 2019-10-07 16:56:26 is its first review, no approval
    assertRows(
        prs.where("first_review_at IS NOT NULL AND repo <> 'acme/shop'"),
        new String[] {"source_system", "repo", "number", "first_review_at", "approved_at"},
        new Object[] {"github", "panjf2000/ants", 53L, ts("2019-10-07T16:56:26Z"), null});
    assertRows(
        prs.groupBy("source_system").count(),
        new String[] {"source_system", "count"},
        new Object[] {"github", 10L},
        new Object[] {"gitlab", 18L});
    // 30 distinct ants reviews + 3 of acme/shop#7
    assertThat(table(spark, cfg, "pr_reviews").count()).isEqualTo(33);

    Map<String, Dataset<Row>> before = Map.of("pull_requests", prs, "pr_reviews", table(spark, cfg, "pr_reviews"));
    nightly(spark, cfg, "2026-01-06");
    for (Map.Entry<String, Dataset<Row>> e : before.entrySet()) {
      assertDatasetEquals(e.getValue(), table(spark, cfg, e.getKey()));
    }
  }
}
