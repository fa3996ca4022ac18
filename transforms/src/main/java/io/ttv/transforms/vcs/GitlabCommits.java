package io.ttv.transforms.vcs;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.raw.GitlabJson;
import io.ttv.transforms.ci.GitlabPipelines;
import io.ttv.transforms.common.Cols;
import io.ttv.transforms.common.NormalizedRows;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * GitLab {@code commits} ({@code GET /projects/:id/repository/commits} items or single-commit bodies,
 * REST v4) -> commits: {@code id}, {@code parent_ids}, the git identity ({@code author_name},
 * {@code author_email}; GitLab gives no login), {@code authored_date}/{@code committed_date} and
 * {@code title} (the subject). The project path is the {@code project=} folder, else the one in
 * {@code web_url} (the project id in DevLake's recordings is anonymised).
 */
public final class GitlabCommits {
  private GitlabCommits() {}

  public static final String SYSTEM = "gitlab";

  public static Dataset<Row> normalize(Dataset<Row> raw, TtvConfig config) {
    Column parentIds = col("j.parent_ids");
    return rows(raw, config, parentIds.isNotNull(), List.of());
  }

  /** The commits rows of GitLab commit bodies, with how their parents are known, problems and extra columns. */
  static Dataset<Row> rows(Dataset<Row> raw, TtvConfig config, Column parentsKnown, List<Column> sourceProblems, Column... extra) {
    Dataset<Row> parsed = NormalizedRows.parsed(raw, NormalizedRows.json(GitlabJson.COMMIT, "j"));
    Column repo = coalesce(Cols.pathParam(col("_params"), "project"), GitlabPipelines.projectPath(col("j.web_url")));
    CommitRows.Fields fields =
        new CommitRows.Fields(
            repo,
            col("j.id"),
            coalesce(col("j.parent_ids"), array().cast(DataTypes.createArrayType(DataTypes.StringType))),
            parentsKnown,
            col("j.author_name"),
            col("j.author_email"),
            lit(null).cast("string"),
            col("j.committer_name"),
            col("j.committer_email"),
            col("j.authored_date"),
            col("j.committed_date"),
            coalesce(col("j.title"), col("j.message")),
            sourceProblems,
            "no project= folder, no web_url");
    return CommitRows.select(parsed, SYSTEM, fields, config, extra);
  }
}
