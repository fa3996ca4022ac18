package io.ttv.transforms.delivery;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_date;

import io.ttv.schemas.config.Service;
import io.ttv.schemas.tables.CommitShipmentsTable;
import io.ttv.schemas.tables.CommitsTable;
import io.ttv.schemas.tables.FactChangeTable;
import io.ttv.schemas.tables.PullRequestCommitsTable;
import io.ttv.schemas.tables.PullRequestsTable;
import io.ttv.transforms.common.Times;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * {@code fact_change} (contract 6.2): the changes that reached production, each with its shipping
 * deployment and its stage durations. A merged pull request ships with the deployment that shipped its
 * squash or merge commit; a shipped commit that is no PR's merge or squash commit and belongs to no PR
 * is a change of its own (a direct push). A PR's branch commits are not changes of their own: they are in
 * the commit lead times ({@code commit_shipments}) and in the PR's {@code first_commit_at}.
 */
public final class ChangeFacts {
  private ChangeFacts() {}

  private static Column hours(Column from, Column to) {
    return Times.nonNegativeSeconds(from, to).divide(3600.0);
  }

  /**
   * @param shipments {@code commit_shipments} of the window (its shipped commits)
   * @param pullRequests {@code pull_requests} (merged ones are used)
   * @param prCommits {@code pull_request_commits}
   * @param commits {@code commits}
   */
  public static Dataset<Row> daily(
      Dataset<Row> shipments, Dataset<Row> pullRequests, Dataset<Row> prCommits, Dataset<Row> commits,
      List<Service> services, ZoneId zone, LocalDate from, LocalDate to) {
    Dataset<Row> shipped =
        shipments
            .where(col(CommitShipmentsTable.IS_SHIPPED))
            .withColumn(FactChangeTable.DATE, to_date(from_utc_timestamp(col(CommitShipmentsTable.DEPLOYED_AT), zone.getId())))
            .where(col(FactChangeTable.DATE).between(lit(from), lit(to)))
            .select(
                col(FactChangeTable.DATE),
                col(CommitShipmentsTable.REPO).as("_repo"),
                col(CommitShipmentsTable.SHA).as("_sha"),
                col(CommitShipmentsTable.SERVICE).as(FactChangeTable.SERVICE),
                col(CommitShipmentsTable.DEPLOYMENT_SOURCE_SYSTEM).as(FactChangeTable.DEPLOYMENT_SOURCE_SYSTEM),
                col(CommitShipmentsTable.DEPLOYMENT_ID).as(FactChangeTable.DEPLOYMENT_ID),
                col(CommitShipmentsTable.DEPLOYED_AT).as(FactChangeTable.DEPLOYED_AT),
                col(CommitShipmentsTable.AUTHORED_AT).as("_authored"));

    // A merged PR: its squash commit, else its merge commit, is the one that ships.
    Dataset<Row> merged =
        pullRequests
            .where(col(PullRequestsTable.MERGED_AT).isNotNull())
            .withColumn("_ship_sha", coalesce(col(PullRequestsTable.SQUASH_SHA), col(PullRequestsTable.MERGE_SHA)))
            .where(col("_ship_sha").isNotNull());
    Dataset<Row> prRows =
        merged.join(shipped, col(PullRequestsTable.REPO).equalTo(col("_repo")).and(col("_ship_sha").equalTo(col("_sha"))))
            .select(
                col(FactChangeTable.DATE),
                lit(FactChangeTable.PULL_REQUEST).as(FactChangeTable.CHANGE_TYPE),
                col(PullRequestsTable.NUMBER).cast("string").as(FactChangeTable.CHANGE_ID),
                col(PullRequestsTable.REPO).as(FactChangeTable.REPO),
                col(FactChangeTable.SERVICE),
                col(PullRequestsTable.SOURCE_SYSTEM).as(FactChangeTable.SOURCE_SYSTEM),
                col(PullRequestsTable.NUMBER).as(FactChangeTable.PR_NUMBER),
                col("_ship_sha").as(FactChangeTable.SHA),
                col(PullRequestsTable.TITLE).as(FactChangeTable.TITLE),
                col(PullRequestsTable.AUTHOR_PERSON_ID).as(FactChangeTable.AUTHOR_PERSON_ID),
                coalesce(col(PullRequestsTable.IS_BOT), lit(false)).as(FactChangeTable.IS_BOT),
                col(PullRequestsTable.WORK_ITEM_KEYS).as(FactChangeTable.WORK_ITEM_KEYS),
                col(PullRequestsTable.FIRST_COMMIT_AT).as(FactChangeTable.FIRST_COMMIT_AT),
                col(PullRequestsTable.CREATED_AT).as(FactChangeTable.CREATED_AT),
                col(PullRequestsTable.FIRST_REVIEW_AT).as(FactChangeTable.FIRST_REVIEW_AT),
                col(PullRequestsTable.APPROVED_AT).as(FactChangeTable.APPROVED_AT),
                col(PullRequestsTable.MERGED_AT).as(FactChangeTable.MERGED_AT),
                col(FactChangeTable.DEPLOYMENT_SOURCE_SYSTEM),
                col(FactChangeTable.DEPLOYMENT_ID),
                col(FactChangeTable.DEPLOYED_AT),
                hours(col(PullRequestsTable.FIRST_COMMIT_AT), col(PullRequestsTable.CREATED_AT)).as(FactChangeTable.CODING_HOURS),
                hours(col(PullRequestsTable.CREATED_AT), col(PullRequestsTable.FIRST_REVIEW_AT)).as(FactChangeTable.PICKUP_HOURS),
                hours(col(PullRequestsTable.FIRST_REVIEW_AT), col(PullRequestsTable.MERGED_AT)).as(FactChangeTable.REVIEW_HOURS),
                hours(col(PullRequestsTable.MERGED_AT), col(FactChangeTable.DEPLOYED_AT)).as(FactChangeTable.DEPLOY_HOURS),
                hours(col(PullRequestsTable.FIRST_COMMIT_AT), col(FactChangeTable.DEPLOYED_AT)).as(FactChangeTable.LEAD_TIME_HOURS));
    // one row per PR: a PR exported by two systems for one repo, or whose merge and squash both shipped, counts once
    prRows =
        prRows
            .withColumn("_n", row_number().over(Window.partitionBy(col(FactChangeTable.REPO), col(FactChangeTable.SOURCE_SYSTEM), col(FactChangeTable.PR_NUMBER))
                .orderBy(col(FactChangeTable.DEPLOYED_AT))))
            .where(col("_n").equalTo(1))
            .drop("_n");

    // Direct commits: shipped, no PR's ship sha, in no PR.
    Dataset<Row> prShas =
        merged.select(col(PullRequestsTable.REPO).as("_r"), col("_ship_sha").as("_s"))
            .union(prCommits.select(col(PullRequestCommitsTable.REPO).as("_r"), col(PullRequestCommitsTable.SHA).as("_s")));
    Dataset<Row> direct =
        shipped.join(prShas, col("_repo").equalTo(col("_r")).and(col("_sha").equalTo(col("_s"))), "left_anti");
    Dataset<Row> commitInfo =
        commits.select(
            col(CommitsTable.REPO).as("_cr"),
            col(CommitsTable.SHA).as("_cs"),
            col(CommitsTable.SOURCE_SYSTEM).as("_csys"),
            col(CommitsTable.MESSAGE).as("_msg"),
            col(CommitsTable.AUTHOR_PERSON_ID).as("_author"),
            col(CommitsTable.AUTHOR_IS_BOT).as("_bot"),
            col(CommitsTable.WORK_ITEM_KEYS).as("_keys"));
    Dataset<Row> commitRows =
        direct.join(commitInfo, col("_repo").equalTo(col("_cr")).and(col("_sha").equalTo(col("_cs"))), "left")
            .select(
                col(FactChangeTable.DATE),
                lit(FactChangeTable.COMMIT).as(FactChangeTable.CHANGE_TYPE),
                col("_sha").as(FactChangeTable.CHANGE_ID),
                col("_repo").as(FactChangeTable.REPO),
                col(FactChangeTable.SERVICE),
                col("_csys").as(FactChangeTable.SOURCE_SYSTEM),
                lit(null).cast("long").as(FactChangeTable.PR_NUMBER),
                col("_sha").as(FactChangeTable.SHA),
                col("_msg").as(FactChangeTable.TITLE),
                col("_author").as(FactChangeTable.AUTHOR_PERSON_ID),
                coalesce(col("_bot"), lit(false)).as(FactChangeTable.IS_BOT),
                col("_keys").as(FactChangeTable.WORK_ITEM_KEYS),
                col("_authored").as(FactChangeTable.FIRST_COMMIT_AT),
                lit(null).cast("timestamp").as(FactChangeTable.CREATED_AT),
                lit(null).cast("timestamp").as(FactChangeTable.FIRST_REVIEW_AT),
                lit(null).cast("timestamp").as(FactChangeTable.APPROVED_AT),
                lit(null).cast("timestamp").as(FactChangeTable.MERGED_AT),
                col(FactChangeTable.DEPLOYMENT_SOURCE_SYSTEM),
                col(FactChangeTable.DEPLOYMENT_ID),
                col(FactChangeTable.DEPLOYED_AT),
                lit(null).cast("double").as(FactChangeTable.CODING_HOURS),
                lit(null).cast("double").as(FactChangeTable.PICKUP_HOURS),
                lit(null).cast("double").as(FactChangeTable.REVIEW_HOURS),
                lit(null).cast("double").as(FactChangeTable.DEPLOY_HOURS),
                hours(col("_authored"), col(FactChangeTable.DEPLOYED_AT)).as(FactChangeTable.LEAD_TIME_HOURS));

    Column team = io.ttv.transforms.common.ServiceMapping.teamOfService(col(FactChangeTable.SERVICE), services);
    Dataset<Row> all =
        prRows.unionByName(commitRows)
            .withColumn(FactChangeTable.TEAM, team)
            .withColumn(FactChangeTable.TIME_TO_VALUE_HOURS, lit(null).cast("double"));
    return all.select(java.util.Arrays.stream(FactChangeTable.SCHEMA.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
  }

  /** Merged PRs whose squash or merge commit is in no commit export: their change cannot be shipped. */
  public static Dataset<Row> mergedWithoutCommit(Dataset<Row> pullRequests, Dataset<Row> commits) {
    Dataset<Row> shas = commits.select(col(CommitsTable.REPO).as("_r"), col(CommitsTable.SHA).as("_s"));
    return pullRequests
        .where(col(PullRequestsTable.MERGED_AT).isNotNull())
        .withColumn("_ship_sha", coalesce(col(PullRequestsTable.SQUASH_SHA), col(PullRequestsTable.MERGE_SHA)))
        .join(shas, col(PullRequestsTable.REPO).equalTo(col("_r")).and(col("_ship_sha").equalTo(col("_s"))), "left_anti");
  }
}
