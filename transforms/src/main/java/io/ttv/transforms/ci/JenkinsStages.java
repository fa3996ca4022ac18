package io.ttv.transforms.ci;

import static io.ttv.schemas.tables.CiJobsTable.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode_outer;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode_outer;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.Deployments;
import io.ttv.schemas.raw.JenkinsJson;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.transforms.common.Cols;
import io.ttv.transforms.common.NormalizedRows;
import io.ttv.transforms.common.Statuses;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** {@code raw_jenkins_stages} -> {@code ci_jobs} rows (pipeline stages of {@code wfapi}). */
public final class JenkinsStages {
  private JenkinsStages() {}

  public static final String SYSTEM = "jenkins";

  /** wfapi stage statuses (StatusExt); IN_PROGRESS and PAUSED_PENDING_INPUT are unfinished. */
  public static final Map<String, String> STATUSES = new LinkedHashMap<>();

  static {
    STATUSES.put("success", "success");
    STATUSES.put("failed", "failure");
    STATUSES.put("unstable", "failure");
    STATUSES.put("aborted", "cancelled");
    STATUSES.put("not_executed", "skipped");
    STATUSES.put("in_progress", Statuses.RUNNING);
    STATUSES.put("paused_pending_input", Statuses.RUNNING);
    STATUSES.put("queued", Statuses.RUNNING);
  }

  /**
   * Every stage of every raw record as a ci_jobs row plus {@code _problem}/{@code _record}/{@code _note}.
   * A record is a run ({@code wfapi/describe} of one build, or an element of {@code wfapi/runs}) whose
   * {@code stages[]} become rows, or a single stage object (DevLake's one-stage lines). The build is the
   * exporter's {@code job=}/{@code build=} folders, else the record's {@code _links.self.href}.
   *
   * <p>Readings (contract 6.1): a stage has a start only when {@code startTimeMillis > 0} (skipped stages
   * are NOT_EXECUTED at epoch 0, fixture stage-view runs_with_input_pause); its build time is
   * {@code durationMillis - pauseDurationMillis}; a stage with an input pause (or PAUSED_PENDING_INPUT,
   * fixture jenkins-rest paused_pending_input) is a manual gate whose wait is the pause; the run's
   * {@code queueDurationMillis} is the queue, carried once per build by its first started stage. Stages
   * missing after a failure (fixture runs_failed) simply have no row: nothing is invented.
   */
  public static Dataset<Row> normalize(Dataset<Row> raw, Deployments rules) {
    Dataset<Row> parsed =
        NormalizedRows.parsed(raw, NormalizedRows.json(JenkinsJson.RUN_DESCRIBE, "r"), NormalizedRows.json(JenkinsJson.STAGE, "bare"));

    Column href = col("r._links.self.href");
    Column job = coalesce(Cols.pathParam(col("_params"), "job"), JenkinsBuilds.jobFromUrl(href));
    Column build = coalesce(Cols.pathParam(col("_params"), "build"), JenkinsBuilds.buildFromUrl(href));
    Column isRun = col("r.stages").isNotNull();
    Dataset<Row> stages =
        parsed
            .withColumn("_job", job)
            .withColumn("_build", build)
            .withColumn("_is_run", isRun)
            .select(
                col("*"),
                posexplode_outer(when(isRun, col("r.stages"))).as(new String[] {"_idx", "_s"}))
            // a run with an empty stages[] holds no stage: nothing to keep, nothing wrong
            .where(col("_is_run").and(col("_s").isNull()).unary_$bang())
            .withColumn("s", when(col("_is_run"), col("_s")).otherwise(col("bare")));

    Column id = col("s.id");
    Column name = col("s.name");
    Column status = upper(col("s.status"));
    Column conclusion = Statuses.conclusion(status, STATUSES);
    Column startMs = col("s.startTimeMillis");
    Column started = when(startMs.gt(0), timestamp_millis(startMs));
    Column pause = coalesce(col("s.pauseDurationMillis"), lit(0L));
    Column completed = when(conclusion.isNotNull().and(started.isNotNull()).and(col("s.durationMillis").geq(0)),
        timestamp_millis(startMs.plus(col("s.durationMillis"))));
    Column buildSeconds = col("s.durationMillis").minus(pause).divide(1000.0);
    Column gate =
        pause.gt(0)
            .or(coalesce(status.equalTo("PAUSED_PENDING_INPUT"), lit(false)))
            .or(coalesce(name.rlike(rules.manualJobs().source()), lit(false)));
    Column runId = concat(col("_job"), lit("#"), col("_build"));
    // the queue once per build: on the earliest started stage of a run record
    Column firstStarted =
        when(col("_is_run").and(started.isNotNull()),
            row_number().over(Window.partitionBy(col(LineageColumns.EXPORT_DATE), col(LineageColumns.SOURCE_FILE), col(LineageColumns.SOURCE_POSITION))
                .orderBy(when(started.isNotNull(), startMs).asc_nulls_last(), col("_idx"))).equalTo(1));
    Column queue = when(coalesce(firstStarted, lit(false)).and(col("r.queueDurationMillis").geq(0)), col("r.queueDurationMillis").divide(1000.0));
    Column what = concat(lit("stage "), coalesce(id, lit("?")), lit(" '"), coalesce(name, lit("?")), lit("'"));

    Column problem =
        coalesce(
            when(id.isNull(), lit("stage has no 'id'")),
            when(name.isNull(), concat(what, lit(" has no 'name'"))),
            when(col("_job").isNull().or(col("_build").isNull()),
                concat(what, lit(" names no build (no job=/build= folders, no _links.self.href with /job/<name>/<number>/)"))));

    return stages.select(
        lit(SYSTEM).as(SOURCE_SYSTEM),
        concat(runId, lit(":"), id).as(JOB_ID),
        runId.as(RUN_ID),
        lit(1).as(RUN_ATTEMPT),
        col("_job").as(REPO),
        col("_job").as(WORKFLOW),
        name.as(NAME_COL),
        name.as(STAGE),
        status.as(STATUS),
        conclusion.as(CONCLUSION),
        Cols.emptyToNull(col("s.execNode")).as(RUNNER_NAME),
        lit(null).cast("array<string>").as(RUNNER_LABELS),
        lit(null).cast("timestamp").as(CREATED_AT),
        started.as(STARTED_AT),
        completed.as(COMPLETED_AT),
        when(completed.isNotNull().and(buildSeconds.geq(0)), buildSeconds).as(DURATION_SECONDS),
        queue.as(QUEUE_SECONDS),
        lit(null).cast("int").as(STEP_COUNT),
        lit(null).cast("string").as(FAILED_STEP),
        lit(null).cast("string").as(ENVIRONMENT),
        gate.as(IS_MANUAL_GATE),
        when(pause.gt(0).and(conclusion.isNotNull()), pause.divide(1000.0)).as(GATE_WAIT_SECONDS),
        lit(null).cast("string").as(HEAD_BRANCH),
        lit(null).cast("string").as(HEAD_SHA),
        lit(false).as(IS_RETRIED),
        lit(false).as(IS_GATE_PASSED),
        col(LineageColumns.EXPORT_DATE),
        col(LineageColumns.SOURCE_FILE),
        col(LineageColumns.SOURCE_POSITION),
        problem.as(NormalizedRows.PROBLEM),
        col(NormalizedRows.RECORD),
        Statuses.noteIfUnknown("stage status", status, STATUSES).as(NormalizedRows.NOTE));
  }

  /**
   * Jenkins stages with {@code is_gate_passed} recomputed from the (sticky) {@code is_manual_gate}: the
   * stage went on after its input (success or failure); aborted at the input or still paused is not
   * passed. Runs after the MERGE, since the evidence of the gate may be in an older export.
   */
  public static Dataset<Row> withGatePassed(Dataset<Row> stages) {
    Column passed = col(IS_MANUAL_GATE).and(coalesce(col(CONCLUSION).isin("success", "failure"), lit(false)));
    return stages.select(
        Arrays.stream(stages.columns())
            .map(c -> c.equals(IS_GATE_PASSED) ? passed.as(c) : col(c))
            .toArray(Column[]::new));
  }
}
