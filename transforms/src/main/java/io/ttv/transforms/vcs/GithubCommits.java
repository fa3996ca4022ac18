package io.ttv.transforms.vcs;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.transform;

import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.raw.GithubCommitsJson;
import io.ttv.transforms.common.Cols;
import io.ttv.transforms.common.NormalizedRows;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * GitHub {@code commits} (REST v3 list items and single-commit bodies) -> commits. The git identity is
 * {@code commit.author}/{@code commit.committer} with offset dates ({@code 2012-03-19T09:28:03-07:00},
 * fixture pygithub_list_repo_commits_page_with_merge); the GitHub account is the separate top-level
 * {@code author}, null when the e-mail belongs to no account; a merge has two {@code parents}.
 */
public final class GithubCommits {
  private GithubCommits() {}

  public static final String SYSTEM = "github";

  private static final String REPO_IN_API_URL = "/repos/([^/]+/[^/]+)/";
  private static final String REPO_IN_HTML_URL = "^https?://[^/]+/([^/]+/[^/]+)/commit/";

  public static Dataset<Row> normalize(Dataset<Row> raw, TtvConfig config) {
    return rows(raw, config, List.of());
  }

  /** The commits rows of GitHub commit bodies, with a source's own problems and extra columns. */
  static Dataset<Row> rows(Dataset<Row> raw, TtvConfig config, List<Column> sourceProblems, Column... extra) {
    Dataset<Row> parsed = NormalizedRows.parsed(raw, NormalizedRows.json(GithubCommitsJson.COMMIT, "j"));
    Column repo =
        coalesce(
            Cols.pathParam(col("_params"), "repo"),
            Cols.emptyToNull(regexp_extract(col("j.url"), REPO_IN_API_URL, 1)),
            Cols.emptyToNull(regexp_extract(col("j.html_url"), REPO_IN_HTML_URL, 1)));
    Column parents = col("j.parents");
    CommitRows.Fields fields =
        new CommitRows.Fields(
            repo,
            col("j.sha"),
            coalesce(transform(parents, p -> p.getField("sha")), array().cast(DataTypes.createArrayType(DataTypes.StringType))),
            parents.isNotNull(), // a body without the key says nothing about the parents
            col("j.commit.author.name"),
            col("j.commit.author.email"),
            col("j.author.login"),
            col("j.commit.committer.name"),
            col("j.commit.committer.email"),
            col("j.commit.author.date"),
            col("j.commit.committer.date"),
            col("j.commit.message"),
            sourceProblems,
            "no repo= folder, no commit url");
    return CommitRows.select(parsed, SYSTEM, fields, config, extra);
  }
}
