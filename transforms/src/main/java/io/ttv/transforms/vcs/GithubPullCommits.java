package io.ttv.transforms.vcs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
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
 * GitHub {@code pull_commits} ({@code GET /repos/{o}/{r}/pulls/{n}/commits}) -> commits rows that also
 * carry {@code pr_number}, from which {@link PullRequestCommits#of} makes the pull_request_commits rows.
 * The items are commit objects like {@code /commits} gives, oldest first (fixture
 * pygithub_list_pull_31_commits); nothing in them names the pull request, so the exporter's
 * {@code pull=<number>} folder does (contract section 4).
 */
public final class GithubPullCommits {
  private GithubPullCommits() {}

  public static Dataset<Row> normalize(Dataset<Row> raw, TtvConfig config) {
    Column pull = Cols.pathParam(col("_params"), "pull");
    Column number = pull.try_cast(DataTypes.LongType);
    Column problem =
        when(pull.isNull(), lit("pull request commit names no pull request (no pull=<number> folder above the file)"))
            .when(number.isNull(), concat(lit("pull= folder '"), pull, lit("' is not a pull request number")));
    return GithubCommits.rows(raw, config, List.of(problem), number.as(PullRequestCommitsTable.PR_NUMBER));
  }
}
