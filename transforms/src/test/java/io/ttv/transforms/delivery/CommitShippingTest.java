package io.ttv.transforms.delivery;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.ts;

import io.ttv.schemas.tables.CommitShipmentsTable;
import io.ttv.schemas.tables.DeploymentWalksTable;
import io.ttv.testing.TestSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The shipping rule of contract 6.2 on a hand-drawn history with a true merge, a squash merge, a revert,
 * a redeploy of the same sha, a force-pushed (unknown) sha, the first deployment's look-back, and a
 * second repository whose earlier history was walked by an earlier run.
 */
class CommitShippingTest {
  private static final StructType DEPLOYMENTS =
      new StructType()
          .add(DeploymentWalksTable.SOURCE_SYSTEM, DataTypes.StringType)
          .add(DeploymentWalksTable.DEPLOYMENT_ID, DataTypes.StringType)
          .add(DeploymentWalksTable.REPO, DataTypes.StringType)
          .add(DeploymentWalksTable.SERVICE, DataTypes.StringType)
          .add(DeploymentWalksTable.SHA, DataTypes.StringType)
          .add(DeploymentWalksTable.FINISHED_AT, DataTypes.TimestampType)
          .add(CommitShipping.HAS_PREVIOUS, DataTypes.BooleanType)
          .add(CommitShipping.SHA_KNOWN, DataTypes.BooleanType);
  private static final StructType COMMITS =
      new StructType()
          .add(CommitShipmentsTable.REPO, DataTypes.StringType)
          .add(CommitShipmentsTable.SHA, DataTypes.StringType)
          .add(CommitShipping.PARENTS, DataTypes.createArrayType(DataTypes.StringType))
          .add(CommitShipmentsTable.AUTHORED_AT, DataTypes.TimestampType);

  private static Row commit(String repo, String sha, String authored, String... parents) {
    return RowFactory.create(repo, sha, List.of(parents), ts(authored));
  }

  private static Row deployment(String id, String repo, String sha, String finished, boolean hasPrevious, boolean known) {
    return RowFactory.create("github", id, repo, repo.substring(5), sha, ts(finished), hasPrevious, known);
  }

  @Test
  void mergeSquashRevertRedeployUnknownShaAndTheFirstDeploymentsLookback() {
    List<Row> commits = new ArrayList<>();
    //                         r0 (2025-10-01, before the look-back)
    //                          |
    //                         a1 (03-01 09:00)
    //                        /  \
    //        (03-01 10:00) b1    |
    //        (03-01 11:00) b2    |
    //                        \  /
    //                         m1 (03-02 09:00, a true merge: parents a1, b2)      <- D1 deploys m1 at 03-02 12:00
    //                        /  \
    //  (03-02 15:00) c1 (PR branch, squashed)   s1 (03-03 10:00, the squash of c1+c2: parent m1)
    //  (03-02 16:00) c2                          |
    //                                           v1 (03-03 11:00, reverts s1)    <- D2 deploys v1 at 03-03 12:00,
    //                                                                              D3 redeploys v1 at 03-03 13:00
    commits.add(commit("acme/app", "r0", "2025-10-01T00:00:00Z"));
    commits.add(commit("acme/app", "a1", "2026-03-01T09:00:00Z", "r0"));
    commits.add(commit("acme/app", "b1", "2026-03-01T10:00:00Z", "a1"));
    commits.add(commit("acme/app", "b2", "2026-03-01T11:00:00Z", "b1"));
    commits.add(commit("acme/app", "m1", "2026-03-02T09:00:00Z", "a1", "b2"));
    commits.add(commit("acme/app", "c1", "2026-03-02T15:00:00Z", "m1"));
    commits.add(commit("acme/app", "c2", "2026-03-02T16:00:00Z", "c1"));
    commits.add(commit("acme/app", "s1", "2026-03-03T10:00:00Z", "m1"));
    commits.add(commit("acme/app", "v1", "2026-03-03T11:00:00Z", "s1"));
    // acme/lib: an earlier run walked its deployments (x0 is covered, so not among the uncovered commits);
    // x1 sat on a branch since 2025-01-01 and is deployed now: it ships, the look-back does not apply.
    commits.add(commit("acme/lib", "x1", "2025-01-01T00:00:00Z", "x0"));
    // acme/app's history rewritten (force-push): z0 is a new root, z1, z2 on top; D5 deploys z2 at 03-06 12:00
    commits.add(commit("acme/app", "z0", "2025-01-01T00:00:00Z"));
    commits.add(commit("acme/app", "z1", "2026-03-05T10:00:00Z", "z0"));
    commits.add(commit("acme/app", "z2", "2026-03-06T10:00:00Z", "z1"));
    List<Row> deployments =
        List.of(
            deployment("D1", "acme/app", "m1", "2026-03-02T12:00:00Z", false, true),
            deployment("D2", "acme/app", "v1", "2026-03-03T12:00:00Z", false, true),
            deployment("D3", "acme/app", "v1", "2026-03-03T13:00:00Z", false, true),
            deployment("D4", "acme/app", "dead", "2026-03-04T12:00:00Z", false, false),
            deployment("D5", "acme/app", "z2", "2026-03-06T12:00:00Z", false, true),
            deployment("L1", "acme/lib", "x1", "2026-03-05T00:00:00Z", true, true));
    var spark = TestSpark.session();
    Dataset<Row> walked =
        CommitShipping.walk(spark.createDataFrame(deployments, DEPLOYMENTS), spark.createDataFrame(commits, COMMITS), 90).cache();

    // D1 is acme/app's first deployment: its look-back starts 90 days before 2026-03-02 12:00, i.e. at
    // 2025-12-02 12:00, so r0 (2025-10-01) is covered but not shipped. It ships m1, a1, b1, b2:
    //   m1: 03-02 09:00 -> 03-02 12:00 = 3 h; a1: 03-01 09:00 -> 03-02 12:00 = 27 h; b1: 26 h; b2: 25 h.
    // D2 reaches v1, s1, then m1 (reached by D1: stop). v1: 11:00 -> 12:00 = 1 h; s1: 10:00 -> 12:00 = 2 h.
    // c1, c2 (the squashed PR branch) are reachable from no deployment: never shipped.
    // L1: x1, 2025-01-01 -> 2026-03-05 = 365 + 31 + 28 + 4 = 428 days = 10,272 h.
    assertRows(
        CommitShipping.shipments(walked),
        new String[] {"repo", "sha", "deployment_id", "is_shipped", "lead_time_hours"},
        new Object[] {"acme/app", "r0", "D1", false, null},
        new Object[] {"acme/app", "a1", "D1", true, 27.0},
        new Object[] {"acme/app", "b1", "D1", true, 26.0},
        new Object[] {"acme/app", "b2", "D1", true, 25.0},
        new Object[] {"acme/app", "m1", "D1", true, 3.0},
        new Object[] {"acme/app", "s1", "D2", true, 2.0},
        new Object[] {"acme/app", "v1", "D2", true, 1.0},
        new Object[] {"acme/app", "z2", "D5", true, 2.0},
        new Object[] {"acme/app", "z1", "D5", true, 26.0},
        new Object[] {"acme/app", "z0", "D5", false, null},
        new Object[] {"acme/lib", "x1", "L1", true, 10272.0});
    // D3 redeploys v1: everything it reaches was shipped by D2, so it ships nothing. D4's sha is in no
    // export (force-pushed away): sha_unknown, walked again by later runs.
    assertRows(
        CommitShipping.walks(walked),
        new String[] {"deployment_id", "outcome", "lookback_applied", "commits_shipped", "commits_before_lookback"},
        new Object[] {"D1", "walked", true, 4L, 1L},
        new Object[] {"D2", "walked", false, 2L, 0L},
        new Object[] {"D3", "walked", false, 0L, 0L},
        new Object[] {"D4", "sha_unknown", false, 0L, 0L},
        // D5 reaches the root z0 that no deployment reached before: no path to D3, so the look-back
        // applies as for a first deployment: z2 (2 h) and z1 (03-05 10:00 -> 03-06 12:00 = 26 h) ship,
        // z0 (2025-01-01) is covered, not shipped.
        new Object[] {"D5", "walked", true, 2L, 1L},
        new Object[] {"L1", "walked", false, 1L, 0L});
  }
}
