package io.ttv.transforms.vcs;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.PullRequestCommitsTable;
import io.ttv.transforms.common.Cols;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * GitLab {@code merge_request_commits} ({@code GET /projects/:id/merge_requests/:iid/commits}) -> commits
 * rows that also carry {@code pr_number} (the MR iid), from which {@link PullRequestCommits#of} makes
 * the pull_request_commits rows.
 *
 * <p>This endpoint's {@code parent_ids} is always {@code []} (fixture
 * devlake_gitlab_list_merge_request_commits), so an empty list means "not said", not "a root commit":
 * those rows have {@code parents_known} false and never replace a version with parents. The MR is named
 * only in the request URL, so the exporter's folder names it; accepted, first found wins:
 * {@code merge_request=<iid>}, {@code mr=<iid>}, {@code iid=<iid>}, and the contract's generic
 * {@code pull=<iid>}.
 */
public final class GitlabMergeRequestCommits {
  private GitlabMergeRequestCommits() {}

  /** The path segments that name the merge request, in the order they are looked at. */
  public static final List<String> MR_SEGMENTS = List.of("merge_request", "mr", "iid", "pull");

  public static Dataset<Row> normalize(Dataset<Row> raw, TtvConfig config) {
    Column mr = coalesce(MR_SEGMENTS.stream().map(k -> Cols.pathParam(col("_params"), k)).toArray(Column[]::new));
    Column iid = mr.try_cast(DataTypes.LongType);
    Column problem =
        when(mr.isNull(), lit("merge request commit names no merge request (no merge_request=<iid> folder above the file)"))
            .when(iid.isNull(), concat(lit("merge request folder '"), mr, lit("' is not a merge request iid")));
    Column parentsKnown = coalesce(size(col("j.parent_ids")).gt(0), lit(false));
    return GitlabCommits.rows(raw, config, parentsKnown, List.of(problem), iid.as(PullRequestCommitsTable.PR_NUMBER));
  }
}
