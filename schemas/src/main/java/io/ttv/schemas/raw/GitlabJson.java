package io.ttv.schemas.raw;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/**
 * The parts of GitLab REST v4 bodies ttv reads, for {@code from_json} (timestamps as strings, checked
 * when converted). Durations are doubles: jobs write {@code 56.799878}, pipelines whole seconds.
 */
public final class GitlabJson {
  private GitlabJson() {}

  private static final StructType USER = new StructType().add("id", LongType).add("username", StringType);

  /** The pipeline as it is nested in a job or a deployable. */
  public static final StructType PIPELINE_REF =
      new StructType()
          .add("id", LongType)
          .add("iid", LongType)
          .add("project_id", LongType)
          .add("sha", StringType)
          .add("ref", StringType)
          .add("status", StringType)
          .add("source", StringType)
          .add("created_at", StringType)
          .add("updated_at", StringType)
          .add("web_url", StringType);

  /** {@code GET /projects/:id/pipelines} items and {@code GET /projects/:id/pipelines/:pid} bodies. */
  public static final StructType PIPELINE =
      new StructType()
          .add("id", LongType)
          .add("iid", LongType)
          .add("project_id", LongType)
          .add("name", StringType)
          .add("sha", StringType)
          .add("ref", StringType)
          .add("status", StringType)
          .add("source", StringType)
          .add("created_at", StringType)
          .add("updated_at", StringType)
          .add("started_at", StringType)
          .add("finished_at", StringType)
          .add("duration", DoubleType)
          .add("queued_duration", DoubleType)
          .add("web_url", StringType)
          .add("user", USER);

  /** {@code GET /projects/:id/jobs} and {@code /pipelines/:pid/jobs} items. */
  public static final StructType JOB =
      new StructType()
          .add("id", LongType)
          .add("name", StringType)
          .add("stage", StringType)
          .add("status", StringType)
          .add("ref", StringType)
          .add("allow_failure", BooleanType)
          .add("created_at", StringType)
          .add("started_at", StringType)
          .add("finished_at", StringType)
          .add("duration", DoubleType)
          .add("queued_duration", DoubleType)
          .add("web_url", StringType)
          .add("user", USER)
          .add("commit", new StructType().add("id", StringType))
          .add("pipeline", PIPELINE_REF)
          .add("runner", new StructType().add("id", LongType).add("description", StringType))
          .add("tag_list", org.apache.spark.sql.types.DataTypes.createArrayType(StringType));

  /** {@code GET /projects/:id/deployments} items: the environment and the deployable job embedded. */
  public static final StructType DEPLOYMENT =
      new StructType()
          .add("id", LongType)
          .add("iid", LongType)
          .add("ref", StringType)
          .add("sha", StringType)
          .add("status", StringType)
          .add("created_at", StringType)
          .add("updated_at", StringType)
          .add("user", USER)
          .add("environment", new StructType().add("id", LongType).add("name", StringType))
          .add(
              "deployable",
              new StructType()
                  .add("id", LongType)
                  .add("name", StringType)
                  .add("stage", StringType)
                  .add("status", StringType)
                  .add("created_at", StringType)
                  .add("started_at", StringType)
                  .add("finished_at", StringType)
                  .add("web_url", StringType)
                  .add("pipeline", PIPELINE_REF));

  /**
   * A commit: {@code GET /projects/:id/repository/commits} items and single-commit bodies, and
   * {@code GET /projects/:id/merge_requests/:iid/commits} items, whose {@code parent_ids} is always
   * {@code []} (fixture devlake_gitlab_list_merge_request_commits). No author login: only the git identity.
   */
  public static final StructType COMMIT =
      new StructType()
          .add("id", StringType)
          .add("short_id", StringType)
          .add("parent_ids", org.apache.spark.sql.types.DataTypes.createArrayType(StringType))
          .add("title", StringType)
          .add("message", StringType)
          .add("author_name", StringType)
          .add("author_email", StringType)
          .add("authored_date", StringType)
          .add("committer_name", StringType)
          .add("committer_email", StringType)
          .add("committed_date", StringType)
          .add("created_at", StringType)
          .add("web_url", StringType);
}
