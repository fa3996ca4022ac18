package io.ttv.transforms.vcs;

import static io.ttv.schemas.tables.PullRequestsTable.*;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_extract_all;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.Regex;
import io.ttv.schemas.tables.PrReviewsTable;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** What every source of {@code pull_requests} shares: work-item keys, and the review columns from {@code pr_reviews}. */
public final class PullRequests {
  private PullRequests() {}

  /**
   * The distinct matches of {@code work_items.key_pattern} in the title, then in the head branch (contract
   * 6.3), in order of appearance; an empty array when none. Whether the item exists is checked where PRs
   * are linked to work items, not here.
   */
  public static Column workItemKeys(Column title, Column headBranch, Regex keyPattern) {
    Column pattern = lit(keyPattern.source());
    return array_distinct(
        concat(
            regexp_extract_all(coalesce(title, lit("")), pattern, lit(0)),
            regexp_extract_all(coalesce(headBranch, lit("")), pattern, lit(0))));
  }

  /**
   * The key of every pull request in {@code pullRequests} with {@code first_review_at} and {@code
   * approved_at} computed from {@code reviews} (pr_reviews rows) (contract 6.2, pickup and review):
   *
   * <ul>
   *   <li>only reviews by someone other than the PR's author count (logins compared ignoring case; a
   *       review or PR whose account was deleted has no login and counts as someone else);
   *   <li>a pending review (started, not submitted) has no {@code submitted_at} and does not count;
   *   <li>{@code first_review_at} = the earliest submitted review of any other state, including one that
   *       was dismissed later: the reviewer did pick the PR up;
   *   <li>{@code approved_at} = the earliest review whose state is {@code approved}. GitHub changes a
   *       dismissed approval's state to {@code dismissed}, so a dismissed approval is not an approval;
   *       an approval after the dismissal is;
   *   <li>bots' reviews count like anyone's ({@code reviewer_is_bot} is in pr_reviews for who wants to
   *       leave them out);
   *   <li>a PR without such reviews gets nulls.
   * </ul>
   */
  public static Dataset<Row> withReviews(Dataset<Row> pullRequests, Dataset<Row> reviews) {
    Dataset<Row> prs =
        pullRequests.select(col(SOURCE_SYSTEM), col(REPO), col(NUMBER), col(AUTHOR_LOGIN).as("_author"));
    Dataset<Row> r =
        reviews.select(
            col(PrReviewsTable.SOURCE_SYSTEM).as("_r_system"),
            col(PrReviewsTable.REPO).as("_r_repo"),
            col(PrReviewsTable.PR_NUMBER).as("_r_number"),
            col(PrReviewsTable.REVIEWER_LOGIN).as("_reviewer"),
            lower(col(PrReviewsTable.STATE)).as("_state"),
            col(PrReviewsTable.SUBMITTED_AT).as("_submitted"));
    Column sameKey =
        col(SOURCE_SYSTEM).equalTo(col("_r_system"))
            .and(col(REPO).equalTo(col("_r_repo")))
            .and(col(NUMBER).equalTo(col("_r_number")));
    Column byOther = coalesce(lower(col("_reviewer")).notEqual(lower(col("_author"))), lit(true));
    Column counts = col("_submitted").isNotNull().and(col("_state").notEqual(PrReviewsTable.PENDING)).and(byOther);
    Dataset<Row> firsts =
        prs.join(r, sameKey, "inner")
            .where(counts)
            .groupBy(col(SOURCE_SYSTEM), col(REPO), col(NUMBER))
            .agg(
                min(col("_submitted")).as(FIRST_REVIEW_AT),
                min(when(col("_state").equalTo(PrReviewsTable.APPROVED), col("_submitted"))).as(APPROVED_AT));
    return prs.drop("_author")
        .join(firsts, scala.jdk.javaapi.CollectionConverters.asScala(List.of(SOURCE_SYSTEM, REPO, NUMBER)).toSeq(), "left")
        .select(col(SOURCE_SYSTEM), col(REPO), col(NUMBER), col(FIRST_REVIEW_AT), col(APPROVED_AT));
  }

  /**
   * {@code first_commit_at} and {@code work_item_keys} per PR: the earliest {@code authored_at} of the
   * commits the PR contains ({@code pull_request_commits} joined to {@code commits} on repo and sha), and
   * the keys of its title and branch ({@code pullRequests}' own) followed by those of its commits'
   * subjects. A PR none of whose commits is known gets no row (its columns stay as its MERGE wrote them).
   */
  public static Dataset<Row> withFirstCommit(Dataset<Row> prCommits, Dataset<Row> commits, Dataset<Row> pullRequests) {
    Dataset<Row> c =
        commits.select(
            col(io.ttv.schemas.tables.CommitsTable.REPO).as("_repo"),
            col(io.ttv.schemas.tables.CommitsTable.SHA).as("_sha"),
            col(io.ttv.schemas.tables.CommitsTable.AUTHORED_AT).as("_at"),
            col(io.ttv.schemas.tables.CommitsTable.WORK_ITEM_KEYS).as("_keys"));
    Dataset<Row> perPr =
        prCommits
            .join(c, col(io.ttv.schemas.tables.PullRequestCommitsTable.REPO).equalTo(col("_repo"))
                .and(col(io.ttv.schemas.tables.PullRequestCommitsTable.SHA).equalTo(col("_sha"))))
            .groupBy(
                col(io.ttv.schemas.tables.PullRequestCommitsTable.SOURCE_SYSTEM).as("_s"),
                col(io.ttv.schemas.tables.PullRequestCommitsTable.REPO).as("_r"),
                col(io.ttv.schemas.tables.PullRequestCommitsTable.PR_NUMBER).as("_n"))
            .agg(
                min(col("_at")).as("_first"),
                // commits in authoring order, so the keys come in the order they were written
                org.apache.spark.sql.functions.flatten(
                        org.apache.spark.sql.functions.transform(
                            org.apache.spark.sql.functions.array_sort(
                                org.apache.spark.sql.functions.collect_list(org.apache.spark.sql.functions.struct(col("_at"), col("_keys")))),
                            x -> x.getField("_keys")))
                    .as("_commit_keys"));
    return pullRequests
        .join(perPr, col(SOURCE_SYSTEM).equalTo(col("_s")).and(col(REPO).equalTo(col("_r"))).and(col(NUMBER).equalTo(col("_n"))))
        .select(
            col(SOURCE_SYSTEM), col(REPO), col(NUMBER), col("_first").as(FIRST_COMMIT_AT),
            array_distinct(org.apache.spark.sql.functions.concat(col(WORK_ITEM_KEYS), col("_commit_keys"))).as(WORK_ITEM_KEYS));
  }
}
