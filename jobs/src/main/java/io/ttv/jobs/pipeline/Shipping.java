package io.ttv.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.ttv.jobs.Progress;
import io.ttv.jobs.spark.DeltaTables;
import io.ttv.schemas.tables.CommitShipmentsTable;
import io.ttv.schemas.tables.CommitsTable;
import io.ttv.schemas.tables.DeploymentWalksTable;
import io.ttv.schemas.tables.DeploymentsTable;
import io.ttv.transforms.delivery.CommitShipping;
import java.time.Instant;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The commit-graph walk of the successful production deployments no run has walked yet (contract 6.2)
 * -> {@code commit_shipments} and {@code deployment_walks}. Runs before the facts; a deployment whose
 * commit no export holds yet stays {@code sha_unknown} and is walked again by the next run.
 *
 * <p>Crash safety: the shipments are written (one replaceWhere of the walked deployments' rows) before the walks are merged. A run killed between the two walks the
 * same deployments again; their own earlier shipments do not count as covered, so the walk gives the
 * same rows and the MERGE changes nothing.
 *
 * <p>Public for {@code ttv bench walk}, which times this same code path on a generated commit graph.
 */
public final class Shipping {
  private Shipping() {}

  /** The predicate of the commit_shipments rows of {@code candidates} (the deployments being walked). */
  private static String walkedBy(Dataset<Row> candidates) {
    java.util.Map<String, java.util.List<String>> ids = new java.util.TreeMap<>();
    // as many as the night's new deployments (a backfill: all of them, thousands, not commits)
    for (Row r : candidates.select(DeploymentWalksTable.SOURCE_SYSTEM, DeploymentWalksTable.DEPLOYMENT_ID).collectAsList()) {
      ids.computeIfAbsent(r.getString(0), k -> new java.util.ArrayList<>()).add(r.getString(1));
    }
    java.util.List<String> parts = new java.util.ArrayList<>();
    ids.forEach(
        (system, list) ->
            parts.add("(" + CommitShipmentsTable.DEPLOYMENT_SOURCE_SYSTEM + " = " + quoted(system) + " AND "
                + CommitShipmentsTable.DEPLOYMENT_ID + " IN (" + String.join(", ", list.stream().map(Shipping::quoted).toList()) + "))"));
    return String.join(" OR ", parts);
  }

  /** A SQL string literal. */
  private static String quoted(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  public static void run(RunContext ctx) {
    if (!DeltaTables.exists(ctx.spark(), ctx.tablePath(CommitsTable.NAME))
        || !DeltaTables.exists(ctx.spark(), ctx.tablePath(DeploymentsTable.NAME))) {
      return; // no commits or no deployments read: nothing can ship
    }
    Instant start = Instant.now();
    var spark = ctx.spark();
    Dataset<Row> walks = DeltaTables.read(spark, DeploymentWalksTable.TABLE, ctx.tablePath(DeploymentWalksTable.NAME));
    Dataset<Row> shipments = DeltaTables.read(spark, CommitShipmentsTable.TABLE, ctx.tablePath(CommitShipmentsTable.NAME));
    Dataset<Row> commits = DeltaTables.read(spark, CommitsTable.TABLE, ctx.tablePath(CommitsTable.NAME));
    Dataset<Row> walked = walks.where(col(DeploymentWalksTable.OUTCOME).equalTo(DeploymentWalksTable.WALKED));

    Dataset<Row> candidates =
        DeltaTables.read(spark, DeploymentsTable.TABLE, ctx.tablePath(DeploymentsTable.NAME))
            .where(col(DeploymentsTable.IS_PRODUCTION).and(col(DeploymentsTable.IS_SUCCESSFUL)).and(col(DeploymentsTable.FINISHED_AT).isNotNull()))
            .select(
                col(DeploymentsTable.SOURCE_SYSTEM).as(DeploymentWalksTable.SOURCE_SYSTEM),
                col(DeploymentsTable.DEPLOYMENT_ID).as(DeploymentWalksTable.DEPLOYMENT_ID),
                col(DeploymentsTable.REPO).as(DeploymentWalksTable.REPO),
                col(DeploymentsTable.SERVICE).as(DeploymentWalksTable.SERVICE),
                col(DeploymentsTable.SHA).as(DeploymentWalksTable.SHA),
                col(DeploymentsTable.FINISHED_AT).as(DeploymentWalksTable.FINISHED_AT))
            .join(walked.select(DeploymentWalksTable.SOURCE_SYSTEM, DeploymentWalksTable.DEPLOYMENT_ID),
                new String[] {DeploymentWalksTable.SOURCE_SYSTEM, DeploymentWalksTable.DEPLOYMENT_ID}, "left_anti")
            .localCheckpoint();
    if (candidates.isEmpty()) {
      return;
    }
    Dataset<Row> repos = candidates.select(DeploymentWalksTable.REPO).distinct();
    Dataset<Row> previous =
        walked.select(col(DeploymentWalksTable.REPO)).distinct().withColumn(CommitShipping.HAS_PREVIOUS, lit(true));
    Dataset<Row> known =
        commits.select(col(CommitsTable.REPO).as(DeploymentWalksTable.REPO), col(CommitsTable.SHA).as(DeploymentWalksTable.SHA))
            .join(repos, DeploymentWalksTable.REPO)
            .join(candidates.select(DeploymentWalksTable.REPO, DeploymentWalksTable.SHA).distinct(),
                new String[] {DeploymentWalksTable.REPO, DeploymentWalksTable.SHA}, "left_semi")
            .withColumn(CommitShipping.SHA_KNOWN, lit(true));
    Dataset<Row> toWalk =
        candidates
            .join(previous, new String[] {DeploymentWalksTable.REPO}, "left")
            .join(known, new String[] {DeploymentWalksTable.REPO, DeploymentWalksTable.SHA}, "left")
            .na().fill(false, new String[] {CommitShipping.HAS_PREVIOUS, CommitShipping.SHA_KNOWN});
    // covered: reached by a deployment walked before (not by one walked again after a crash)
    Dataset<Row> covered =
        shipments
            .join(candidates.select(
                    col(DeploymentWalksTable.SOURCE_SYSTEM).as(CommitShipmentsTable.DEPLOYMENT_SOURCE_SYSTEM),
                    col(DeploymentWalksTable.DEPLOYMENT_ID).as(CommitShipmentsTable.DEPLOYMENT_ID)),
                new String[] {CommitShipmentsTable.DEPLOYMENT_SOURCE_SYSTEM, CommitShipmentsTable.DEPLOYMENT_ID}, "left_anti")
            .select(CommitShipmentsTable.REPO, CommitShipmentsTable.SHA);
    Dataset<Row> uncovered =
        commits
            .select(
                col(CommitsTable.REPO).as(CommitShipmentsTable.REPO),
                col(CommitsTable.SHA).as(CommitShipmentsTable.SHA),
                col(CommitsTable.PARENTS).as(CommitShipping.PARENTS),
                col(CommitsTable.AUTHORED_AT).as(CommitShipmentsTable.AUTHORED_AT))
            .join(repos, CommitShipmentsTable.REPO)
            .join(covered, new String[] {CommitShipmentsTable.REPO, CommitShipmentsTable.SHA}, "left_anti");
    Dataset<Row> result =
        CommitShipping.walk(toWalk, uncovered, ctx.config().deployments().firstDeployLookbackDays()).localCheckpoint();
    // One atomic replaceWhere of the walked deployments' rows (none, unless a killed run wrote them): unlike
    // a MERGE it does not join the whole table, and Delta's file statistics on deployment_id keep the
    // delete to the files of those deployments.
    DeltaTables.replaceWhere(
        spark, CommitShipmentsTable.TABLE, ctx.tablePath(CommitShipmentsTable.NAME), CommitShipping.shipments(result), walkedBy(candidates));
    Checkpoints.reached("ship.shipments-merged");
    Dataset<Row> newWalks = CommitShipping.walks(result).localCheckpoint();
    DeltaTables.upsert(spark, DeploymentWalksTable.TABLE, ctx.tablePath(DeploymentWalksTable.NAME), newWalks);
    Row sums =
        newWalks
            .selectExpr(
                "count_if(outcome = '" + DeploymentWalksTable.WALKED + "')",
                "count_if(outcome = '" + DeploymentWalksTable.SHA_UNKNOWN + "')",
                "coalesce(sum(commits_shipped), 0)",
                "coalesce(sum(commits_before_lookback), 0)")
            .first();
    Progress.info(
        String.format(
            java.util.Locale.ROOT,
            "ship: %,d deployments walked, %,d commits shipped, %,d older than the first deployments' look-back; "
                + "%,d deployments of a commit no export holds (sha_unknown, walked again next run) (%s)",
            sums.getLong(0), sums.getLong(2), sums.getLong(3), sums.getLong(1), Progress.since(start)));
  }
}
