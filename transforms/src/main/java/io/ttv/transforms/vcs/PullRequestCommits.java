package io.ttv.transforms.vcs;

import static org.apache.spark.sql.functions.col;

import io.ttv.schemas.tables.CommitsTable;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.schemas.tables.PullRequestCommitsTable;
import io.ttv.transforms.common.NormalizedRows;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * pull_request_commits rows from the commits rows of {@link GithubPullCommits} or {@link
 * GitlabMergeRequestCommits} (which carry {@code pr_number}): one raw record feeds both tables, and its
 * problem, if any, is the same for both (it is quarantined once, from the commits rows).
 */
public final class PullRequestCommits {
  private PullRequestCommits() {}

  public static Dataset<Row> of(Dataset<Row> commitRows) {
    return commitRows.select(
        col(CommitsTable.SOURCE_SYSTEM).as(PullRequestCommitsTable.SOURCE_SYSTEM),
        col(CommitsTable.REPO).as(PullRequestCommitsTable.REPO),
        col(PullRequestCommitsTable.PR_NUMBER),
        col(CommitsTable.SHA).as(PullRequestCommitsTable.SHA),
        col(LineageColumns.EXPORT_DATE),
        col(LineageColumns.SOURCE_FILE),
        col(LineageColumns.SOURCE_POSITION),
        col(NormalizedRows.PROBLEM),
        col(NormalizedRows.RECORD));
  }
}
