package io.ttv.schemas.raw;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** GitHub REST v3 {@code GET /repos/{owner}/{repo}/issues} items, for {@code from_json}. */
public final class GithubIssuesJson {
  private GithubIssuesJson() {}

  private static final StructType USER = new StructType().add("login", StringType);

  public static final StructType ISSUE =
      new StructType()
          .add("id", LongType)
          .add("number", LongType)
          .add("url", StringType)
          .add("repository_url", StringType)
          .add("title", StringType)
          .add("state", StringType)
          .add("user", USER)
          .add("assignee", USER)
          .add("labels", DataTypes.createArrayType(new StructType().add("name", StringType)))
          .add("created_at", StringType)
          .add("closed_at", StringType)
          // present (with null urls) on plain issues in 2012 exports: a PR is pull_request.html_url != null
          .add("pull_request", new StructType().add("html_url", StringType));
}
