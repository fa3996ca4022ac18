package io.ttv.transforms.ci;

import static io.ttv.schemas.tables.CiJobsTable.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.Deployments;
import io.ttv.schemas.raw.GitlabJson;
import io.ttv.schemas.tables.CiRunsTable;
import io.ttv.schemas.tables.DeploymentsTable;
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
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * {@code raw_gitlab_jobs} -> {@code ci_jobs} rows (GitLab REST v4 job bodies), and the columns that need
 * the other jobs of the pipeline ({@link #withPipelineContext}), computed after the MERGE.
 */
public final class GitlabJobs {
  private GitlabJobs() {}

  public static final String SYSTEM = "gitlab";

  /** GitLab job statuses; {@code manual} is a gate not yet played (no conclusion). */
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

  /**
   * Every raw record as a ci_jobs row plus {@code _problem}/{@code _record}/{@code _note}.
   * {@code is_retried}, {@code is_gate_passed} and {@code gate_wait_seconds} are left false/null here:
   * they depend on other jobs, which may arrive in other exports.
   *
   * <p>Quirks (fixture {@code devlake_gitlab_list_project_jobs.ndjson}): {@code duration} is a float;
   * {@code queued_duration} is absent on older GitLab (no queue time then); a job that never got a
   * runner is {@code failed} with {@code started_at:null} but a {@code finished_at} (stuck, timed out):
   * it has no start and no build time, its completion is kept.
   */
  public static Dataset<Row> normalize(Dataset<Row> raw, Deployments rules) {
    Dataset<Row> parsed =
        NormalizedRows.parsed(raw, NormalizedRows.json(GitlabJson.JOB, "j"));

    Column id = col("j.id");
    Column status = lower(col("j.status"));
    Column created = Times.parse(col("j.created_at"));
    Column started = Times.parse(col("j.started_at"));
    Column finished = Times.parse(col("j.finished_at"));
    Column runId = coalesce(col("j.pipeline.id").cast("string"), Cols.pathParam(col("_params"), "pipeline_id"));
    Column repo =
        coalesce(
            GitlabPipelines.projectPath(col("j.web_url")),
            GitlabPipelines.projectPath(col("j.pipeline.web_url")),
            Cols.pathParam(col("_params"), "project"));
    Column name = col("j.name");
    Column what = concat(lit("job "), id.cast("string"));

    Column problem =
        coalesce(
            when(id.isNull(), lit("job has no numeric 'id'")),
            when(runId.isNull(), concat(what, lit(" has no pipeline (no pipeline.id in the body, no pipeline_id= folder)"))),
            when(name.isNull(), concat(what, lit(" has no 'name'"))),
            Times.problemIfMalformed("created_at", col("j.created_at")),
            Times.problemIfMalformed("started_at", col("j.started_at")),
            Times.problemIfMalformed("finished_at", col("j.finished_at")),
            when(repo.isNull(), concat(what, lit(" names no project (no web_url, no project= folder)"))));

    Column manual = coalesce(status.equalTo("manual"), lit(false)).or(coalesce(name.rlike(rules.manualJobs().source()), lit(false)));

    return parsed.select(
        lit(SYSTEM).as(SOURCE_SYSTEM),
        id.cast("string").as(JOB_ID),
        runId.as(RUN_ID),
        lit(1).as(RUN_ATTEMPT),
        repo.as(REPO),
        lit(null).cast("string").as(WORKFLOW),
        name.as(NAME_COL),
        col("j.stage").as(STAGE),
        status.as(STATUS),
        Statuses.conclusion(status, STATUSES).as(CONCLUSION),
        col("j.runner.description").as(RUNNER_NAME),
        col("j.tag_list").as(RUNNER_LABELS),
        created.as(CREATED_AT),
        started.as(STARTED_AT),
        finished.as(COMPLETED_AT),
        Times.nonNegativeSeconds(started, finished).as(DURATION_SECONDS),
        when(col("j.queued_duration").geq(0), col("j.queued_duration")).as(QUEUE_SECONDS),
        lit(null).cast("int").as(STEP_COUNT),
        lit(null).cast("string").as(FAILED_STEP),
        lit(null).cast("string").as(ENVIRONMENT),
        manual.as(IS_MANUAL_GATE),
        lit(null).cast("double").as(GATE_WAIT_SECONDS),
        coalesce(col("j.ref"), col("j.pipeline.ref")).as(HEAD_BRANCH),
        coalesce(col("j.commit.id"), col("j.pipeline.sha")).as(HEAD_SHA),
        lit(false).as(IS_RETRIED),
        lit(false).as(IS_GATE_PASSED),
        col(LineageColumns.EXPORT_DATE),
        col(LineageColumns.SOURCE_FILE),
        col(LineageColumns.SOURCE_POSITION),
        problem.as(NormalizedRows.PROBLEM),
        col(NormalizedRows.RECORD),
        Statuses.noteIfUnknown("job status", status, STATUSES).as(NormalizedRows.NOTE));
  }

  /**
   * Recomputes what needs the whole pipeline, for every GitLab job of the given pipelines (ci_jobs rows,
   * all jobs of each pipeline):
   *
   * <ul>
   *   <li>{@code is_retried}: a later job (higher id) of the same pipeline has the same name;
   *   <li>{@code is_gate_passed}: a manual gate (sticky) that was played, i.e. has a start;
   *   <li>{@code gate_wait_seconds}: for a passed gate, {@code started_at} minus the latest
   *       {@code completed_at} among the pipeline's jobs of earlier stages, else minus the pipeline's
   *       {@code created_at} (from {@code pipelines}, else the earliest job created_at); null when
   *       negative. Stage order is the order of each stage's lowest job id: GitLab creates a pipeline's
   *       jobs stage by stage (fixture list_project_jobs: pipeline 31's test job 108 precedes its build
   *       job 109, and ran first);
   *   <li>{@code environment}: the environment of a GitLab deployment whose deployable is this job
   *       (same pipeline and job name), from {@code deployments}.
   * </ul>
   */
  public static Dataset<Row> withPipelineContext(Dataset<Row> jobs, Dataset<Row> pipelines, Dataset<Row> deployments) {
    Column idNum = col(JOB_ID).cast("long");
    WindowSpec pipeline = Window.partitionBy(col(RUN_ID));
    WindowSpec sameName = Window.partitionBy(col(RUN_ID), col(NAME_COL));
    WindowSpec sameStage = Window.partitionBy(col(RUN_ID), coalesce(col(STAGE), lit("")));
    Dataset<Row> ordered =
        jobs.withColumn("_id", idNum)
            .withColumn("_stage_order", min(col("_id")).over(sameStage))
            .withColumn(IS_RETRIED, coalesce(max(col("_id")).over(sameName).gt(col("_id")), lit(false)))
            .withColumn("_first_created", min(col(CREATED_AT)).over(pipeline));

    Dataset<Row> stageEnds =
        ordered.groupBy(col(RUN_ID).as("_se_run"), col("_stage_order").as("_se_order"))
            .agg(max(col(COMPLETED_AT)).as("_stage_end"));
    // the latest end among strictly earlier stages: the running max of stage ends before this stage
    Dataset<Row> earlier =
        stageEnds.withColumn(
            "_earlier_end",
            max(col("_stage_end"))
                .over(Window.partitionBy(col("_se_run")).orderBy(col("_se_order")).rowsBetween(Window.unboundedPreceding(), -1)));

    Dataset<Row> created =
        pipelines.select(col(CiRunsTable.RUN_ID).as("_p_run"), col(CiRunsTable.CREATED_AT).as("_p_created"));
    Dataset<Row> envs =
        deployments
            .groupBy(col(DeploymentsTable.RUN_ID).as("_d_run"), col(DeploymentsTable.JOB_NAME).as("_d_job"))
            .agg(max(col(DeploymentsTable.ENVIRONMENT)).as("_d_env"));

    Dataset<Row> joined =
        ordered
            .join(earlier, col(RUN_ID).equalTo(col("_se_run")).and(col("_stage_order").equalTo(col("_se_order"))), "left")
            .join(created, col(RUN_ID).equalTo(col("_p_run")), "left")
            .join(envs, col(RUN_ID).equalTo(col("_d_run")).and(col(NAME_COL).equalTo(col("_d_job"))), "left");

    Column passed = col(IS_MANUAL_GATE).and(col(STARTED_AT).isNotNull());
    Column since = coalesce(col("_earlier_end"), col("_p_created"), col("_first_created"));
    Map<String, Column> replaced = new LinkedHashMap<>();
    replaced.put(IS_GATE_PASSED, passed);
    replaced.put(GATE_WAIT_SECONDS, when(passed, Times.nonNegativeSeconds(since, col(STARTED_AT))));
    replaced.put(ENVIRONMENT, coalesce(col("_d_env"), col(ENVIRONMENT)));
    return joined.select(
        Arrays.stream(jobs.columns())
            .map(c -> replaced.containsKey(c) ? replaced.get(c).as(c) : col(c))
            .toArray(Column[]::new));
  }
}
