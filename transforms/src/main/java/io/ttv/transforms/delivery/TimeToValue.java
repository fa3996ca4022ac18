package io.ttv.transforms.delivery;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;

import io.ttv.schemas.tables.CommitShipmentsTable;
import io.ttv.schemas.tables.CommitsTable;
import io.ttv.schemas.tables.FactDeliveryDailyTable;
import io.ttv.schemas.tables.PullRequestsTable;
import io.ttv.schemas.tables.WorkItemsTable;
import io.ttv.transforms.common.Times;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Time to value (contract 6.3): a work item is linked to a commit when its key is in the commit's subject,
 * or in the title, head branch or commit subjects of a merged PR whose merge or squash commit the commit
 * is; only keys of existing work items count. A linked item's time to value = the first successful
 * production deployment that shipped one of its commits - the item's creation.
 */
public final class TimeToValue {
  private TimeToValue() {}

  public static final String KEY = "work_item_key";
  public static final String REPO = "repo";
  public static final String SHA = "sha";
  public static final String FIRST_DEPLOYED_AT = "first_deployed_at";
  public static final String SERVICE = "service";
  public static final String CREATED_AT = "created_at";
  public static final String HOURS = "time_to_value_hours";
  public static final String DEPLOYMENT_SOURCE_SYSTEM = "deployment_source_system";
  public static final String DEPLOYMENT_ID = "deployment_id";

  /** (repo, sha, work_item_key): every key a commit carries, directly or as a merged PR's ship commit. */
  public static Dataset<Row> links(Dataset<Row> commits, Dataset<Row> pullRequests) {
    return candidates(commits, pullRequests).distinct();
  }

  /**
   * The {@link #links} of the commits in {@code shas} ({@link #REPO}, {@link #SHA}), e.g. those a window's
   * deployments shipped: the same rows as {@code links} restricted to them, without shuffling the history.
   */
  public static Dataset<Row> linksOfCommits(Dataset<Row> commits, Dataset<Row> pullRequests, Dataset<Row> shas) {
    Dataset<Row> wanted = shas.select(col(REPO).as("_r"), col(SHA).as("_s")).distinct();
    return candidates(commits, pullRequests)
        .join(wanted, col(REPO).equalTo(col("_r")).and(col(SHA).equalTo(col("_s"))), "left_semi")
        .distinct();
  }

  /**
   * The {@link #links} whose key is in {@code keys} ({@link #KEY}): every commit, from any time, of the items
   * named, which is what an item's first shipping needs.
   */
  public static Dataset<Row> linksOfKeys(Dataset<Row> commits, Dataset<Row> pullRequests, Dataset<Row> keys) {
    Dataset<Row> wanted = keys.select(col(KEY).as("_k")).distinct();
    return candidates(commits, pullRequests).join(wanted, col(KEY).equalTo(col("_k")), "left_semi").distinct();
  }

  /** Every (repo, sha, key) a commit or a merged PR names, with repeats. */
  private static Dataset<Row> candidates(Dataset<Row> commits, Dataset<Row> pullRequests) {
    Dataset<Row> direct =
        commits.select(col(CommitsTable.REPO).as(REPO), col(CommitsTable.SHA).as(SHA), explode(col(CommitsTable.WORK_ITEM_KEYS)).as(KEY));
    Dataset<Row> viaPr =
        pullRequests
            .where(col(PullRequestsTable.MERGED_AT).isNotNull())
            .select(
                col(PullRequestsTable.REPO).as(REPO),
                org.apache.spark.sql.functions.coalesce(col(PullRequestsTable.SQUASH_SHA), col(PullRequestsTable.MERGE_SHA)).as(SHA),
                explode(col(PullRequestsTable.WORK_ITEM_KEYS)).as(KEY))
            .where(col(SHA).isNotNull());
    return direct.union(viaPr);
  }

  /**
   * One row per existing work item linked to a shipped commit: its first shipping deployment's finish
   * and service, its creation, and the time to value in hours (null when negative).
   */
  public static Dataset<Row> items(Dataset<Row> links, Dataset<Row> shipments, Dataset<Row> workItems) {
    Dataset<Row> shipped =
        shipments
            .where(col(CommitShipmentsTable.IS_SHIPPED))
            .select(
                col(CommitShipmentsTable.REPO).as("_r"),
                col(CommitShipmentsTable.SHA).as("_s"),
                col(CommitShipmentsTable.DEPLOYED_AT).as("_at"),
                col(CommitShipmentsTable.SERVICE).as("_service"));
    Dataset<Row> first =
        links.join(shipped, col(REPO).equalTo(col("_r")).and(col(SHA).equalTo(col("_s"))))
            .groupBy(col(KEY))
            .agg(min(col("_at")).as(FIRST_DEPLOYED_AT), min_by(col("_service"), struct(col("_at"), col("_service"))).as(SERVICE));
    Dataset<Row> existing =
        workItems.groupBy(col(WorkItemsTable.KEY).as("_k")).agg(min(col(WorkItemsTable.CREATED_AT)).as(CREATED_AT));
    return first.join(existing, col(KEY).equalTo(col("_k")))
        .select(
            col(KEY), col(FIRST_DEPLOYED_AT), col(SERVICE), col(CREATED_AT),
            Times.nonNegativeSeconds(col(CREATED_AT), col(FIRST_DEPLOYED_AT)).divide(3600.0).as(HOURS));
  }

  /** The distinct keys of {@code links} that no work item has ({@link #KEY}). */
  public static Dataset<Row> unknownKeys(Dataset<Row> links, Dataset<Row> workItems) {
    return links.select(col(KEY)).distinct().join(workItems.select(col(WorkItemsTable.KEY).as("_k")), col(KEY).equalTo(col("_k")), "left_anti");
  }

  /**
   * The deployments that are rework (DORA's deployment rework rate): those whose shipped commits are
   * linked to an existing work item of flow item type {@code defect}, or that is an incident. One row
   * per deployment ({@link #DEPLOYMENT_SOURCE_SYSTEM}, {@link #DEPLOYMENT_ID}).
   */
  public static Dataset<Row> reworkDeployments(Dataset<Row> links, Dataset<Row> shipments, Dataset<Row> workItems) {
    Dataset<Row> fixes =
        workItems
            .where(col(WorkItemsTable.FLOW_ITEM_TYPE).equalTo("defect").or(col(WorkItemsTable.IS_INCIDENT)))
            .select(col(WorkItemsTable.KEY).as("_k"))
            .distinct();
    Dataset<Row> fixCommits =
        links.join(fixes, col(KEY).equalTo(col("_k")), "left_semi").select(col(REPO).as("_fr"), col(SHA).as("_fs"));
    return shipments
        .where(col(CommitShipmentsTable.IS_SHIPPED))
        .join(fixCommits, col(CommitShipmentsTable.REPO).equalTo(col("_fr")).and(col(CommitShipmentsTable.SHA).equalTo(col("_fs"))), "left_semi")
        .select(col(CommitShipmentsTable.DEPLOYMENT_SOURCE_SYSTEM).as(DEPLOYMENT_SOURCE_SYSTEM), col(CommitShipmentsTable.DEPLOYMENT_ID).as(DEPLOYMENT_ID))
        .distinct();
  }

  /** Per local date (of the first shipping) and service: p50 and p90 of the items' times to value. */
  public static Dataset<Row> daily(Dataset<Row> items, ZoneId zone, LocalDate from, LocalDate to) {
    return items
        .withColumn(FactDeliveryDailyTable.DATE, to_date(from_utc_timestamp(col(FIRST_DEPLOYED_AT), zone.getId())))
        .where(col(FactDeliveryDailyTable.DATE).between(lit(from), lit(to)))
        .groupBy(col(FactDeliveryDailyTable.DATE), col(SERVICE).as(FactDeliveryDailyTable.SERVICE))
        .agg(
            percentile(col(HOURS), lit(0.5)).as(FactDeliveryDailyTable.TIME_TO_VALUE_P50_HOURS),
            percentile(col(HOURS), lit(0.9)).as(FactDeliveryDailyTable.TIME_TO_VALUE_P90_HOURS));
  }

  /**
   * {@code fact_change} rows with {@code time_to_value_hours}: the change's deployment finish - the
   * creation of the earliest-created existing work item linked to its commit (null when none is linked).
   */
  public static Dataset<Row> forChanges(Dataset<Row> changes, Dataset<Row> links, Dataset<Row> workItems) {
    Dataset<Row> created =
        workItems.groupBy(col(WorkItemsTable.KEY).as("_k")).agg(min(col(WorkItemsTable.CREATED_AT)).as("_created"));
    Dataset<Row> earliest =
        links.join(created, col(KEY).equalTo(col("_k")))
            .groupBy(col(REPO).as("_lr"), col(SHA).as("_ls"))
            .agg(min(col("_created")).as("_first_created"));
    String[] cols = changes.columns();
    Dataset<Row> joined =
        changes.join(earliest, changes.col(io.ttv.schemas.tables.FactChangeTable.REPO).equalTo(col("_lr"))
            .and(changes.col(io.ttv.schemas.tables.FactChangeTable.SHA).equalTo(col("_ls"))), "left");
    java.util.List<org.apache.spark.sql.Column> out = new java.util.ArrayList<>();
    for (String c : cols) {
      if (!c.equals(io.ttv.schemas.tables.FactChangeTable.TIME_TO_VALUE_HOURS)) {
        out.add(changes.col(c));
      }
    }
    out.add(Times.nonNegativeSeconds(col("_first_created"), changes.col(io.ttv.schemas.tables.FactChangeTable.DEPLOYED_AT)).divide(3600.0)
        .as(io.ttv.schemas.tables.FactChangeTable.TIME_TO_VALUE_HOURS));
    return joined.select(out.toArray(org.apache.spark.sql.Column[]::new));
  }
}
