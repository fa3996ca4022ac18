package io.ttv.transforms.ci;

import static io.ttv.schemas.tables.CiRunsTable.*;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.json_object_keys;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.raw.GitlabJson;
import io.ttv.schemas.tables.CiJobsTable;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.transforms.common.Cols;
import io.ttv.transforms.common.NormalizedRows;
import io.ttv.transforms.common.Statuses;
import io.ttv.transforms.common.Times;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** {@code raw_gitlab_pipelines} -> {@code ci_runs} rows (GitLab REST v4 pipeline bodies). */
public final class GitlabPipelines {
  private GitlabPipelines() {}

  public static final String SYSTEM = "gitlab";

  /** GitLab pipeline statuses (REST v4); the unfinished ones have no conclusion yet. */
  public static final Map<String, String> STATUSES = new LinkedHashMap<>();

  static {
    STATUSES.put("success", "success");
    STATUSES.put("failed", "failure");
    STATUSES.put("canceled", "cancelled");
    STATUSES.put("skipped", "skipped");
    for (String waiting :
        new String[] {"created", "waiting_for_resource", "preparing", "pending", "running", "manual", "scheduled", "canceling"}) {
      STATUSES.put(waiting, Statuses.RUNNING);
    }
  }

  /** The project's full path (subgroups included) in a GitLab web URL: {@code https://host/<path>/-/...}. */
  public static Column projectPath(Column webUrl) {
    return Cols.emptyToNull(org.apache.spark.sql.functions.regexp_extract(webUrl, "^[a-z]+://[^/]+/(.+?)/-/", 1));
  }

  /**
   * Every raw record as a ci_runs row plus {@code _problem}/{@code _record}/{@code _note}.
   *
   * <p>Quirks (fixtures in {@code gitlab-ci/}): list items carry no {@code started_at},
   * {@code finished_at} or queue (list_pipelines), so they are versions without timing that never
   * replace a single-pipeline body ({@code has_timing}); {@code updated_at} is null on running list
   * items; {@code name} is null on 2023 gitlab.com (get_pipeline_details), so the workflow is the
   * {@code source}; the project id in bodies is anonymised, the path comes from {@code web_url}.
   */
  public static Dataset<Row> normalize(Dataset<Row> raw) {
    Dataset<Row> parsed =
        NormalizedRows.parsed(raw, NormalizedRows.json(GitlabJson.PIPELINE, "j"));

    Column id = col("j.id");
    Column created = Times.parse(col("j.created_at"));
    Column started = Times.parse(col("j.started_at"));
    Column finished = Times.parse(col("j.finished_at"));
    Column status = lower(col("j.status"));
    Column repo = coalesce(projectPath(col("j.web_url")), Cols.pathParam(col("_params"), "project"));
    Column source = col("j.source");
    Column hasTiming = coalesce(array_contains(json_object_keys(col(NormalizedRows.RECORD)), "started_at"), lit(false));
    Column what = concat(lit("pipeline "), id.cast("string"));

    Column problem =
        coalesce(
            when(id.isNull(), lit("pipeline has no numeric 'id'")),
            when(col("j.created_at").isNull(), concat(what, lit(" has no 'created_at'"))),
            Times.problemIfMalformed("created_at", col("j.created_at")),
            Times.problemIfMalformed("started_at", col("j.started_at")),
            Times.problemIfMalformed("finished_at", col("j.finished_at")),
            Times.problemIfMalformed("updated_at", col("j.updated_at")),
            when(repo.isNull(), concat(what, lit(" names no project (no web_url in the body, no project= folder)"))));

    return parsed.select(
        lit(SYSTEM).as(SOURCE_SYSTEM),
        id.cast("string").as(RUN_ID),
        lit(1).as(RUN_ATTEMPT),
        repo.as(REPO),
        coalesce(col("j.name"), source, lit("(no source)")).as(WORKFLOW),
        lit(null).cast("string").as(WORKFLOW_PATH),
        col("j.iid").as(RUN_NUMBER),
        source.as(EVENT),
        col("j.ref").as(BRANCH),
        col("j.sha").as(HEAD_SHA),
        col("j.user.username").as(ACTOR),
        col("j.user.username").as(TRIGGERING_ACTOR),
        coalesce(source.equalTo("merge_request_event"), lit(false)).as(IS_PULL_REQUEST),
        created.as(CREATED_AT),
        started.as(STARTED_AT),
        finished.as(FINISHED_AT),
        Times.parse(col("j.updated_at")).as(UPDATED_AT),
        status.as(STATUS),
        Statuses.conclusion(status, STATUSES).as(CONCLUSION),
        Times.nonNegativeSeconds(started, finished).as(DURATION_SECONDS),
        when(col("j.queued_duration").geq(0), col("j.queued_duration")).as(QUEUE_SECONDS),
        lit(false).as(IS_RERUN),
        hasTiming.as(HAS_TIMING),
        col(LineageColumns.EXPORT_DATE),
        col(LineageColumns.SOURCE_FILE),
        col(LineageColumns.SOURCE_POSITION),
        problem.as(NormalizedRows.PROBLEM),
        col(NormalizedRows.RECORD),
        Statuses.noteIfUnknown("pipeline status", status, STATUSES).as(NormalizedRows.NOTE));
  }

  /**
   * GitLab pipelines with {@code is_rerun} recomputed from their jobs (contract 6.1: "a pipeline with a
   * retried job counts once in rerun_runs"). {@code jobs} are ci_jobs rows with {@code is_retried} set
   * ({@link GitlabJobs#withPipelineContext}); a pipeline none of whose jobs is known stays false.
   */
  public static Dataset<Row> withRetriedJobs(Dataset<Row> pipelines, Dataset<Row> jobs) {
    Dataset<Row> retried =
        jobs.groupBy(col(CiJobsTable.RUN_ID).as("_rid"))
            .agg(max(col(CiJobsTable.IS_RETRIED)).as("_retried"));
    Dataset<Row> joined = pipelines.join(retried, pipelines.col(RUN_ID).equalTo(col("_rid")), "left");
    return joined.select(
        Arrays.stream(pipelines.columns())
            .map(c -> c.equals(IS_RERUN) ? coalesce(col("_retried"), lit(false)).as(IS_RERUN) : pipelines.col(c))
            .toArray(Column[]::new));
  }
}
