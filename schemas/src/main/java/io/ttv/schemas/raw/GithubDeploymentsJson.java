package io.ttv.schemas.raw;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/** GitHub REST v3 {@code deployments} and {@code deployments/{id}/statuses} items, for {@code from_json}. */
public final class GithubDeploymentsJson {
  private GithubDeploymentsJson() {}

  private static final StructType USER = new StructType().add("login", StringType).add("type", StringType);

  /** {@code GET /repos/{owner}/{repo}/deployments} items (no status: that is in the statuses). */
  public static final StructType DEPLOYMENT =
      new StructType()
          .add("id", LongType)
          .add("url", StringType)
          .add("sha", StringType)
          .add("ref", StringType)
          .add("task", StringType)
          .add("environment", StringType)
          .add("original_environment", StringType)
          .add("production_environment", BooleanType)
          .add("creator", USER)
          .add("created_at", StringType)
          .add("updated_at", StringType)
          .add("repository_url", StringType);

  /** {@code GET /repos/{owner}/{repo}/deployments/{id}/statuses} items (newest first). */
  public static final StructType STATUS =
      new StructType()
          .add("id", LongType)
          .add("url", StringType)
          .add("state", StringType)
          .add("environment", StringType)
          .add("creator", USER)
          .add("created_at", StringType)
          .add("updated_at", StringType)
          .add("deployment_url", StringType)
          .add("repository_url", StringType)
          .add("log_url", StringType)
          .add("target_url", StringType);
}
