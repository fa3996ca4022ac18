package io.ttv.schemas.raw;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/**
 * GitHub REST v3 pull requests and their reviews, for {@code from_json} (timestamps as strings, checked
 * when converted).
 */
public final class GithubPullsJson {
  private GithubPullsJson() {}

  private static final StructType USER = new StructType().add("login", StringType).add("type", StringType);

  private static final StructType REPO = new StructType().add("full_name", StringType);

  /** {@code head} and {@code base} of a pull request. */
  private static final StructType BRANCH =
      new StructType().add("ref", StringType).add("sha", StringType).add("repo", REPO);

  /**
   * {@code GET /repos/{owner}/{repo}/pulls} items and {@code GET /repos/{owner}/{repo}/pulls/{n}} bodies
   * (the single body adds {@code merged}, {@code commits}, {@code mergeable}, ...: not read; whether a PR
   * was merged is {@code merged_at != null}, fixture pygithub_get_pull_21_merged_2020).
   */
  public static final StructType PULL =
      new StructType()
          .add("id", LongType)
          .add("number", LongType)
          .add("url", StringType)
          .add("state", StringType)
          .add("title", StringType)
          .add("user", USER)
          .add("draft", BooleanType)
          .add("created_at", StringType)
          .add("updated_at", StringType)
          .add("closed_at", StringType)
          .add("merged_at", StringType)
          .add("merge_commit_sha", StringType)
          .add("head", BRANCH)
          .add("base", BRANCH);

  /** {@code GET /repos/{owner}/{repo}/pulls/{n}/reviews} items. */
  public static final StructType REVIEW =
      new StructType()
          .add("id", LongType)
          .add("user", USER)
          .add("state", StringType)
          .add("submitted_at", StringType)
          .add("commit_id", StringType)
          .add("pull_request_url", StringType);
}
