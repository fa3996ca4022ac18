package io.ttv.transforms.ci;

import static io.ttv.schemas.tables.CiRunsTable.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.raw.GithubActionsJson;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.transforms.common.Cols;
import io.ttv.transforms.common.NormalizedRows;
import io.ttv.transforms.common.Times;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** {@code raw_github_workflow_runs} -> {@code ci_runs} rows (GitHub REST v3 workflow run bodies). */
public final class GithubActionsRuns {
  private GithubActionsRuns() {}

  public static final String SYSTEM = "github";

  /**
   * Every raw record as a ci_runs row plus {@code _problem}/{@code _record}; see {@link NormalizedRows}.
   *
   * <p>Quirks of the real API (fixtures in {@code github-actions/}): 2020 exports have no {@code name},
   * {@code run_attempt}, {@code run_started_at} or {@code actor} (legacy_shape_2020); a re-run keeps the
   * id and the first attempt's {@code created_at}, so {@code run_started_at - created_at} is days, not a
   * queue (latest_attempt2), and can even be negative (attempt_2).
   */
  public static Dataset<Row> normalize(Dataset<Row> raw) {
    Dataset<Row> parsed =
        NormalizedRows.parsed(raw, NormalizedRows.json(GithubActionsJson.WORKFLOW_RUN, "j"));

    Column id = col("j.id");
    Column attempt = coalesce(col("j.run_attempt"), lit(1));
    Column created = Times.parse(col("j.created_at"));
    Column started = coalesce(Times.parse(col("j.run_started_at")), created);
    Column updated = Times.parse(col("j.updated_at"));
    Column status = lower(col("j.status"));
    Column finished = when(status.equalTo("completed"), updated);
    Column repo =
        coalesce(
            col("j.repository.full_name"),
            Cols.emptyToNull(regexp_extract(col("j.url"), "/repos/([^/]+/[^/]+)/actions/", 1)),
            Cols.pathParam(col("_params"), "repo"));
    Column workflow =
        coalesce(col("j.name"), col("j.path"), concat(lit("workflow "), col("j.workflow_id").cast("string")));
    Column event = col("j.event");

    Column problem =
        coalesce(
            when(id.isNull(), lit("workflow run has no numeric 'id'")),
            when(col("j.created_at").isNull(), concat(lit("workflow run "), id.cast("string"), lit(" has no 'created_at'"))),
            Times.problemIfMalformed("created_at", col("j.created_at")),
            Times.problemIfMalformed("run_started_at", col("j.run_started_at")),
            Times.problemIfMalformed("updated_at", col("j.updated_at")),
            when(
                repo.isNull(),
                concat(
                    lit("workflow run "),
                    id.cast("string"),
                    lit(" names no repository (no repository.full_name or url in the body, no repo= folder)"))),
            when(workflow.isNull(), concat(lit("workflow run "), id.cast("string"), lit(" has no name, path or workflow_id"))));

    return parsed.select(
        lit(SYSTEM).as(SOURCE_SYSTEM),
        id.cast("string").as(RUN_ID),
        attempt.as(RUN_ATTEMPT),
        repo.as(REPO),
        workflow.as(WORKFLOW),
        col("j.path").as(WORKFLOW_PATH),
        col("j.run_number").as(RUN_NUMBER),
        event.as(EVENT),
        col("j.head_branch").as(BRANCH),
        col("j.head_sha").as(HEAD_SHA),
        col("j.actor.login").as(ACTOR),
        col("j.triggering_actor.login").as(TRIGGERING_ACTOR),
        coalesce(event.isin("pull_request", "pull_request_target"), lit(false)).as(IS_PULL_REQUEST),
        created.as(CREATED_AT),
        started.as(STARTED_AT),
        finished.as(FINISHED_AT),
        updated.as(UPDATED_AT),
        status.as(STATUS),
        lower(col("j.conclusion")).as(CONCLUSION),
        Times.nonNegativeSeconds(started, finished).as(DURATION_SECONDS),
        when(attempt.equalTo(1), Times.nonNegativeSeconds(created, started)).as(QUEUE_SECONDS),
        attempt.gt(1).as(IS_RERUN),
        lit(true).as(HAS_TIMING),
        col(LineageColumns.EXPORT_DATE),
        col(LineageColumns.SOURCE_FILE),
        col(LineageColumns.SOURCE_POSITION),
        problem.as(NormalizedRows.PROBLEM),
        col(NormalizedRows.RECORD));
  }
}
