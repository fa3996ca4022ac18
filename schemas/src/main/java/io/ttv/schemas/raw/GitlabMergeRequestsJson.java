package io.ttv.schemas.raw;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/** GitLab REST v4 merge requests, for {@code from_json} (timestamps as strings, checked when converted). */
public final class GitlabMergeRequestsJson {
  private GitlabMergeRequestsJson() {}

  private static final StructType USER = new StructType().add("id", LongType).add("username", StringType);

  /** {@code GET /projects/:id/merge_requests} items and {@code GET /projects/:id/merge_requests/:iid} bodies. */
  public static final StructType MERGE_REQUEST =
      new StructType()
          .add("id", LongType)
          .add("iid", LongType)
          .add("project_id", LongType)
          .add("title", StringType)
          .add("state", StringType)
          .add("author", USER)
          .add("draft", BooleanType)
          .add("work_in_progress", BooleanType)
          .add("created_at", StringType)
          .add("updated_at", StringType)
          .add("merged_at", StringType)
          .add("closed_at", StringType)
          .add("merge_commit_sha", StringType)
          .add("squash_commit_sha", StringType)
          .add("sha", StringType)
          .add("source_branch", StringType)
          .add("target_branch", StringType)
          .add("web_url", StringType);
}
