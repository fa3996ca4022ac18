package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code pull_request_commits}: which commits a pull request (GitHub) or merge request (GitLab) contains,
 * from GitHub {@code pull_commits} and GitLab {@code merge_request_commits}. Neither body names its pull
 * request, so the number comes from the exporter's path segment. The commits themselves are in
 * {@code commits}.
 */
public final class PullRequestCommitsTable {
  private PullRequestCommitsTable() {}

  public static final String NAME = "pull_request_commits";
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String REPO = "repo";
  public static final String PR_NUMBER = "pr_number";
  public static final String SHA = "sha";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "github (pull_commits) or gitlab (merge_request_commits)."))
          .add(Col.required(REPO, DataTypes.StringType, "Repository owner/name or GitLab project path, as in commits.repo."))
          .add(Col.required(PR_NUMBER, DataTypes.LongType, "The pull request number (GitHub pull= folder) or merge request iid (GitLab merge_request=, mr=, iid= or pull= folder)."))
          .add(Col.required(SHA, DataTypes.StringType, "A commit the pull or merge request contains (commits.sha)."))
          .add(LineageColumns.EXPORT_DATE_FIELD)
          .add(LineageColumns.SOURCE_FILE_FIELD)
          .add(LineageColumns.SOURCE_POSITION_FIELD);

  public static final TableDef TABLE =
      new TableDef(
          NAME,
          TableDef.Layer.NORMALISED,
          "one commit of one pull or merge request",
          SCHEMA,
          List.of(SOURCE_SYSTEM, REPO, PR_NUMBER, SHA),
          List.of());
}
