package io.ttv.schemas.raw;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import org.apache.spark.sql.types.StructType;

/**
 * The parts of GitHub REST v3 Actions bodies ttv reads, as explicit schemas for {@code from_json} (never
 * inferred). Timestamps are read as strings and converted with a check, so a malformed one can be
 * quarantined with its value instead of silently becoming null.
 */
public final class GithubActionsJson {
  private GithubActionsJson() {}

  private static final StructType USER = new StructType().add("login", StringType).add("type", StringType);

  /** {@code GET /repos/{owner}/{repo}/actions/runs} items and {@code .../runs/{id}[/attempts/{n}]} bodies. */
  public static final StructType WORKFLOW_RUN =
      new StructType()
          .add("id", LongType)
          .add("name", StringType)
          .add("path", StringType)
          .add("workflow_id", LongType)
          .add("run_number", LongType)
          .add("run_attempt", IntegerType)
          .add("event", StringType)
          .add("status", StringType)
          .add("conclusion", StringType)
          .add("head_branch", StringType)
          .add("head_sha", StringType)
          .add("created_at", StringType)
          .add("updated_at", StringType)
          .add("run_started_at", StringType)
          .add("actor", USER)
          .add("triggering_actor", USER)
          .add("url", StringType)
          .add("repository", new StructType().add("full_name", StringType))
          .add("pull_requests", createArrayType(new StructType().add("number", LongType)));

  private static final StructType STEP =
      new StructType()
          .add("name", StringType)
          .add("status", StringType)
          .add("conclusion", StringType)
          .add("number", LongType);

  /** {@code GET /repos/{owner}/{repo}/actions/runs/{id}[/attempts/{n}]/jobs} items. */
  public static final StructType WORKFLOW_JOB =
      new StructType()
          .add("id", LongType)
          .add("run_id", LongType)
          .add("run_attempt", IntegerType)
          .add("run_url", StringType)
          .add("workflow_name", StringType)
          .add("head_branch", StringType)
          .add("head_sha", StringType)
          .add("name", StringType)
          .add("status", StringType)
          .add("conclusion", StringType)
          .add("created_at", StringType)
          .add("started_at", StringType)
          .add("completed_at", StringType)
          .add("labels", createArrayType(StringType))
          .add("runner_name", StringType)
          .add("steps", createArrayType(STEP));

}
