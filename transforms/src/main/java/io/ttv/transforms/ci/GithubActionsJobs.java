package io.ttv.transforms.ci;

import static io.ttv.schemas.tables.CiJobsTable.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.raw.GithubActionsJson;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.transforms.common.Cols;
import io.ttv.transforms.common.NormalizedRows;
import io.ttv.transforms.common.Times;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/** {@code raw_github_workflow_jobs} -> {@code ci_jobs} rows (GitHub REST v3 workflow job bodies). */
public final class GithubActionsJobs {
  private GithubActionsJobs() {}

  public static final String SYSTEM = "github";

  /**
   * Every raw record as a ci_jobs row plus {@code _problem}/{@code _record}.
   *
   * <p>Quirks (fixtures in {@code github-actions/}): jobs exported before 2023 have no
   * {@code created_at}, so no queue time (sck_*_attempt1); a job still {@code queued} can already show a
   * {@code started_at} (sck_push_jobs_..._in_progress), which is not a start; job names repeat within a run.
   */
  public static Dataset<Row> normalize(Dataset<Row> raw) {
    Dataset<Row> parsed =
        NormalizedRows.parsed(raw, NormalizedRows.json(GithubActionsJson.WORKFLOW_JOB, "j"));

    Column id = col("j.id");
    Column status = lower(col("j.status"));
    Column notStarted = status.isin("queued", "waiting", "pending", "requested");
    Column created = Times.parse(col("j.created_at"));
    Column started = when(not(coalesce(notStarted, lit(false))), Times.parse(col("j.started_at")));
    Column completed = Times.parse(col("j.completed_at"));
    Column attempt =
        coalesce(
            col("j.run_attempt"),
            Cols.pathParam(col("_params"), "attempt").try_cast(DataTypes.IntegerType),
            lit(1));
    Column runId = coalesce(col("j.run_id").cast("string"), Cols.pathParam(col("_params"), "run_id"));
    Column repo =
        coalesce(
            Cols.emptyToNull(regexp_extract(col("j.run_url"), "/repos/([^/]+/[^/]+)/actions/", 1)),
            Cols.pathParam(col("_params"), "repo"));
    Column firstFailedStep =
        expr(
            "try_element_at(array_sort(transform(filter(j.steps, s -> lower(s.conclusion) = 'failure'),"
                + " s -> named_struct('number', s.number, 'name', s.name))), 1).name");

    Column problem =
        coalesce(
            when(id.isNull(), lit("workflow job has no numeric 'id'")),
            when(runId.isNull(), concat(lit("workflow job "), id.cast("string"), lit(" has no run_id (body or run_id= folder)"))),
            when(col("j.name").isNull(), concat(lit("workflow job "), id.cast("string"), lit(" has no 'name'"))),
            Times.problemIfMalformed("created_at", col("j.created_at")),
            Times.problemIfMalformed("started_at", col("j.started_at")),
            Times.problemIfMalformed("completed_at", col("j.completed_at")));

    return parsed.select(
        lit(SYSTEM).as(SOURCE_SYSTEM),
        id.cast("string").as(JOB_ID),
        runId.as(RUN_ID),
        attempt.as(RUN_ATTEMPT),
        repo.as(REPO),
        col("j.workflow_name").as(WORKFLOW),
        col("j.name").as(NAME_COL),
        lit(null).cast("string").as(STAGE),
        status.as(STATUS),
        lower(col("j.conclusion")).as(CONCLUSION),
        col("j.runner_name").as(RUNNER_NAME),
        col("j.labels").as(RUNNER_LABELS),
        created.as(CREATED_AT),
        started.as(STARTED_AT),
        completed.as(COMPLETED_AT),
        Times.nonNegativeSeconds(started, completed).as(DURATION_SECONDS),
        Times.nonNegativeSeconds(created, started).as(QUEUE_SECONDS),
        when(col("j.steps").isNotNull(), size(col("j.steps"))).as(STEP_COUNT),
        firstFailedStep.as(FAILED_STEP),
        lit(null).cast("string").as(ENVIRONMENT),
        lit(false).as(IS_MANUAL_GATE),
        lit(null).cast("double").as(GATE_WAIT_SECONDS),
        col("j.head_branch").as(HEAD_BRANCH),
        col("j.head_sha").as(HEAD_SHA),
        lit(false).as(IS_RETRIED),
        lit(false).as(IS_GATE_PASSED),
        col(LineageColumns.EXPORT_DATE),
        col(LineageColumns.SOURCE_FILE),
        col(LineageColumns.SOURCE_POSITION),
        problem.as(NormalizedRows.PROBLEM),
        col(NormalizedRows.RECORD));
  }
}
