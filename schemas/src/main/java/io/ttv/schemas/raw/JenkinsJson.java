package io.ttv.schemas.raw;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import org.apache.spark.sql.types.StructType;

/**
 * The parts of Jenkins JSON API bodies ttv reads, for {@code from_json}. Jenkins writes times as epoch
 * milliseconds and durations in milliseconds (numbers), so those are longs here.
 */
public final class JenkinsJson {
  private JenkinsJson() {}

  private static final StructType CAUSE =
      new StructType()
          .add("_class", StringType)
          .add("shortDescription", StringType)
          .add("userId", StringType)
          .add("upstreamBuild", LongType)
          .add("upstreamProject", StringType);

  /**
   * One element of {@code actions[]}: a mixed list (CauseAction, BuildData, many {@code {}}), so every
   * field any of them has that ttv reads.
   */
  private static final StructType ACTION =
      new StructType()
          .add("_class", StringType)
          .add("causes", createArrayType(CAUSE))
          .add(
              "lastBuiltRevision",
              new StructType()
                  .add("SHA1", StringType)
                  .add("branch", createArrayType(new StructType().add("name", StringType))))
          .add("remoteUrls", createArrayType(StringType));

  /** {@code tree=builds[...]} / {@code allBuilds[...]} items and {@code /job/../N/api/json} bodies. */
  public static final StructType BUILD =
      new StructType()
          .add("_class", StringType)
          .add("number", LongType)
          .add("result", StringType)
          .add("building", BooleanType)
          .add("timestamp", LongType)
          .add("duration", LongType)
          .add("fullDisplayName", StringType)
          .add("url", StringType)
          .add("actions", createArrayType(ACTION));

  private static final StructType LINKS =
      new StructType().add("self", new StructType().add("href", StringType));

  /** A stage of {@code wfapi/describe} (also a DevLake-style line holding one stage). */
  public static final StructType STAGE =
      new StructType()
          .add("_links", LINKS)
          .add("id", StringType)
          .add("name", StringType)
          .add("status", StringType)
          .add("execNode", StringType)
          .add("startTimeMillis", LongType)
          .add("durationMillis", LongType)
          .add("pauseDurationMillis", LongType);

  /** {@code wfapi/describe} of one build, or one element of {@code wfapi/runs}. */
  public static final StructType RUN_DESCRIBE =
      new StructType()
          .add("_links", LINKS)
          .add("id", StringType)
          .add("name", StringType)
          .add("status", StringType)
          .add("startTimeMillis", LongType)
          .add("endTimeMillis", LongType)
          .add("durationMillis", LongType)
          .add("queueDurationMillis", LongType)
          .add("pauseDurationMillis", LongType)
          .add("stages", createArrayType(STAGE))
          // a bare stage line has these at the top level instead of stages[]
          .add("execNode", StringType);
}
