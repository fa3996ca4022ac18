package io.ttv.transforms.delivery;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.tables.CommitShipmentsTable;
import io.ttv.schemas.tables.DeploymentWalksTable;
import io.ttv.transforms.common.Times;
import java.io.Serializable;
import java.sql.Timestamp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Shipping by the commit graph (contract 6.2): a commit ships with the first successful production
 * deployment of its service whose commit reaches it through parents and that did not reach it before.
 *
 * <p>How it runs in Spark: deployments to walk and the repository's commits that no earlier deployment
 * reached ("uncovered") are co-grouped by repository; one task per repository loads that repository's
 * uncovered commits into a hash map (sha -> parents) and walks the deployments in the order they
 * finished, depth-first from each deployed sha, stopping at commits reached before. Every commit is
 * visited at most once per backfill, so a backfill costs O(commits + parent edges) per repository and
 * a nightly run only walks the new deployments' ranges (the already covered history is not loaded into
 * the walk: the anti-join that finds the uncovered commits is a scan of two narrow columns).
 *
 * <p>The first deployment of a repository reaches its whole history; the commits authored more than
 * {@code lookbackDays} before it are covered (so no later deployment ships them) but not shipped. So is
 * a later deployment whose walk reaches a root commit: its history has no path to any earlier
 * deployment (rewritten by a force-push), and without the look-back it would ship all of it again.
 */
public final class CommitShipping {
  private CommitShipping() {}

  /** Input columns of the deployments to walk (besides the {@link DeploymentWalksTable} ones). */
  public static final String HAS_PREVIOUS = "has_previous";
  public static final String SHA_KNOWN = "sha_known";

  /** Input columns of the uncovered commits. */
  public static final String PARENTS = "parents";

  private static final String KIND = "kind";
  private static final String COMMIT = "commit";
  private static final String DEPLOYMENT = "deployment";

  /** One output row: a commit reached (kind commit) or a deployment's walk summary (kind deployment). */
  static final StructType OUT =
      new StructType()
          .add(KIND, DataTypes.StringType, false)
          .add(DeploymentWalksTable.SOURCE_SYSTEM, DataTypes.StringType)
          .add(DeploymentWalksTable.DEPLOYMENT_ID, DataTypes.StringType)
          .add(DeploymentWalksTable.REPO, DataTypes.StringType)
          .add(DeploymentWalksTable.SERVICE, DataTypes.StringType)
          .add(DeploymentWalksTable.FINISHED_AT, DataTypes.TimestampType)
          .add("sha", DataTypes.StringType)
          .add(CommitShipmentsTable.AUTHORED_AT, DataTypes.TimestampType)
          .add(CommitShipmentsTable.IS_SHIPPED, DataTypes.BooleanType)
          .add(DeploymentWalksTable.OUTCOME, DataTypes.StringType)
          .add(DeploymentWalksTable.LOOKBACK_APPLIED, DataTypes.BooleanType)
          .add(DeploymentWalksTable.COMMITS_SHIPPED, DataTypes.LongType)
          .add(DeploymentWalksTable.COMMITS_BEFORE_LOOKBACK, DataTypes.LongType);

  /**
   * Walks {@code deployments} (columns source_system, deployment_id, repo, service, sha, finished_at,
   * {@link #HAS_PREVIOUS}: the repository has an earlier walked deployment, {@link #SHA_KNOWN}: the sha is
   * in the commits table) over {@code uncovered} (repo, sha, {@link #PARENTS}, authored_at). The result
   * holds both kinds of rows; {@link #shipments} and {@link #walks} split it into the two tables.
   */
  public static Dataset<Row> walk(Dataset<Row> deployments, Dataset<Row> uncovered, int lookbackDays) {
    Dataset<Row> d =
        deployments.select(
            col(DeploymentWalksTable.SOURCE_SYSTEM), col(DeploymentWalksTable.DEPLOYMENT_ID), col(DeploymentWalksTable.REPO),
            col(DeploymentWalksTable.SERVICE), col(DeploymentWalksTable.SHA), col(DeploymentWalksTable.FINISHED_AT),
            col(HAS_PREVIOUS), col(SHA_KNOWN));
    Dataset<Row> c =
        uncovered.select(col(CommitShipmentsTable.REPO), col(CommitShipmentsTable.SHA), col(PARENTS), col(CommitShipmentsTable.AUTHORED_AT));
    MapFunction<Row, String> repoOf = r -> r.getString(2);
    MapFunction<Row, String> commitRepo = r -> r.getString(0);
    return d.groupByKey(repoOf, Encoders.STRING())
        .cogroup(c.groupByKey(commitRepo, Encoders.STRING()), new Walk(lookbackDays * 86_400_000L), Encoders.row(OUT));
  }

  /** The commit rows of a walk, as {@code commit_shipments}. */
  public static Dataset<Row> shipments(Dataset<Row> walked) {
    return walked
        .where(col(KIND).equalTo(COMMIT))
        .select(
            col(DeploymentWalksTable.REPO).as(CommitShipmentsTable.REPO),
            col("sha").as(CommitShipmentsTable.SHA),
            col(DeploymentWalksTable.SERVICE).as(CommitShipmentsTable.SERVICE),
            col(DeploymentWalksTable.SOURCE_SYSTEM).as(CommitShipmentsTable.DEPLOYMENT_SOURCE_SYSTEM),
            col(DeploymentWalksTable.DEPLOYMENT_ID).as(CommitShipmentsTable.DEPLOYMENT_ID),
            col(DeploymentWalksTable.FINISHED_AT).as(CommitShipmentsTable.DEPLOYED_AT),
            col(CommitShipmentsTable.AUTHORED_AT),
            col(CommitShipmentsTable.IS_SHIPPED),
            when(col(CommitShipmentsTable.IS_SHIPPED),
                    Times.nonNegativeSeconds(col(CommitShipmentsTable.AUTHORED_AT), col(DeploymentWalksTable.FINISHED_AT)).divide(3600.0))
                .as(CommitShipmentsTable.LEAD_TIME_HOURS));
  }

  /** The deployment rows of a walk, as {@code deployment_walks}. */
  public static Dataset<Row> walks(Dataset<Row> walked) {
    return walked
        .where(col(KIND).equalTo(DEPLOYMENT))
        .select(
            col(DeploymentWalksTable.SOURCE_SYSTEM), col(DeploymentWalksTable.DEPLOYMENT_ID), col(DeploymentWalksTable.REPO),
            col(DeploymentWalksTable.SERVICE), col("sha").as(DeploymentWalksTable.SHA), col(DeploymentWalksTable.FINISHED_AT),
            col(DeploymentWalksTable.OUTCOME), col(DeploymentWalksTable.LOOKBACK_APPLIED), col(DeploymentWalksTable.COMMITS_SHIPPED),
            col(DeploymentWalksTable.COMMITS_BEFORE_LOOKBACK));
  }

  /** One repository: its new deployments in finishing order over its uncovered commits. */
  private static final class Walk implements CoGroupFunction<String, Row, Row, Row>, Serializable {
    private final long lookbackMillis;

    Walk(long lookbackMillis) {
      this.lookbackMillis = lookbackMillis;
    }

    private record Node(String[] parents, Timestamp authoredAt) {}

    @Override
    public Iterator<Row> call(String repo, Iterator<Row> deployments, Iterator<Row> commits) {
      List<Row> ds = new ArrayList<>();
      deployments.forEachRemaining(ds::add);
      List<Row> out = new ArrayList<>();
      if (ds.isEmpty()) {
        return out.iterator();
      }
      Map<String, Node> graph = new HashMap<>();
      while (commits.hasNext()) {
        Row r = commits.next();
        List<String> ps = r.isNullAt(2) ? List.of() : r.getList(2);
        graph.put(r.getString(1), new Node(ps.toArray(String[]::new), r.getTimestamp(3)));
      }
      // finishing order; ties by system and id so the walk is deterministic
      ds.sort(Comparator.<Row, Timestamp>comparing(r -> r.getTimestamp(5)).thenComparing(r -> r.getString(0)).thenComparing(r -> r.getString(1)));
      boolean first = ds.stream().noneMatch(r -> r.getBoolean(6));
      Set<String> reached = new HashSet<>();
      ArrayDeque<String> stack = new ArrayDeque<>();
      for (Row d : ds) {
        String sha = d.getString(4);
        Timestamp finished = d.getTimestamp(5);
        if (sha == null || !d.getBoolean(7)) {
          out.add(summary(d, DeploymentWalksTable.SHA_UNKNOWN, first, 0, 0));
          continue;
        }
        long horizon = finished.getTime() - lookbackMillis;
        List<String> visited = new ArrayList<>();
        boolean reachedRoot = false;
        stack.push(sha);
        while (!stack.isEmpty()) {
          String s = stack.pop();
          Node n = graph.get(s);
          if (n == null || !reached.add(s)) {
            continue; // reached by an earlier deployment (covered), or a parent no export holds
          }
          visited.add(s);
          reachedRoot |= n.parents().length == 0;
          for (String p : n.parents()) {
            stack.push(p);
          }
        }
        // A root no earlier deployment reached: this history has no path to the previous deployment (it
        // was rewritten), so it is treated like a first deployment and the look-back applies.
        boolean lookback = first || reachedRoot;
        long shipped = 0;
        long old = 0;
        for (String s : visited) {
          Node n = graph.get(s);
          boolean counts = !lookback || (n.authoredAt() != null && n.authoredAt().getTime() >= horizon);
          if (counts) {
            shipped++;
          } else {
            old++;
          }
          out.add(RowFactory.create(COMMIT, d.getString(0), d.getString(1), repo, d.getString(3), finished, s, n.authoredAt(), counts,
              null, null, null, null));
        }
        out.add(summary(d, DeploymentWalksTable.WALKED, lookback, shipped, old));
        first = false;
      }
      return out.iterator();
    }

    private static Row summary(Row d, String outcome, boolean first, long shipped, long old) {
      return RowFactory.create(DEPLOYMENT, d.getString(0), d.getString(1), d.getString(2), d.getString(3), d.getTimestamp(5), d.getString(4),
          null, null, outcome, first, shipped, old);
    }
  }
}
