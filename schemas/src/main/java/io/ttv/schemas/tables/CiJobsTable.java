package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code ci_jobs}: one job (GitHub, GitLab) or stage (Jenkins) of a run attempt. */
public final class CiJobsTable {
  private CiJobsTable() {}

  public static final String NAME = "ci_jobs";
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String JOB_ID = "job_id";
  public static final String RUN_ID = "run_id";
  public static final String RUN_ATTEMPT = "run_attempt";
  public static final String REPO = "repo";
  public static final String WORKFLOW = "workflow";
  public static final String NAME_COL = "name";
  public static final String STAGE = "stage";
  public static final String STATUS = "status";
  public static final String CONCLUSION = "conclusion";
  public static final String RUNNER_NAME = "runner_name";
  public static final String RUNNER_LABELS = "runner_labels";
  public static final String CREATED_AT = "created_at";
  public static final String STARTED_AT = "started_at";
  public static final String COMPLETED_AT = "completed_at";
  public static final String DURATION_SECONDS = "duration_seconds";
  public static final String QUEUE_SECONDS = "queue_seconds";
  public static final String STEP_COUNT = "step_count";
  public static final String FAILED_STEP = "failed_step";
  public static final String ENVIRONMENT = "environment";
  public static final String IS_MANUAL_GATE = "is_manual_gate";
  public static final String GATE_WAIT_SECONDS = "gate_wait_seconds";
  public static final String HEAD_BRANCH = "head_branch";
  public static final String HEAD_SHA = "head_sha";
  public static final String IS_RETRIED = "is_retried";
  public static final String IS_GATE_PASSED = "is_gate_passed";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "CI system: github (Actions), gitlab, jenkins."))
          .add(Col.required(JOB_ID, DataTypes.StringType, "The system's job id (GitHub gives every attempt's jobs new ids; GitLab job id; Jenkins '<run_id>:<stage node id>')."))
          .add(Col.required(RUN_ID, DataTypes.StringType, "The run (ci_runs.run_id) the job belongs to."))
          .add(Col.required(RUN_ATTEMPT, DataTypes.IntegerType, "The run attempt (ci_runs.run_attempt) the job belongs to."))
          .add(Col.of(REPO, DataTypes.StringType, "Repository as the job itself names it (GitHub run URL or repo= folder; GitLab project path from web_url or project= folder; Jenkins job full name); fact_ci_daily prefers the run's repo."))
          .add(Col.of(WORKFLOW, DataTypes.StringType, "Workflow name as the job reports it (GitHub workflow_name, null on exports older than the field; Jenkins job full name); null for GitLab (the pipeline gives it)."))
          .add(Col.required(NAME_COL, DataTypes.StringType, "Job name, e.g. 'test (Python 3.11)'; not unique within a run."))
          .add(Col.of(STAGE, DataTypes.StringType, "Pipeline stage (GitLab job stage; Jenkins: the stage name); null for GitHub Actions."))
          .add(Col.of(STATUS, DataTypes.StringType, "The system's own status, kept raw (GitHub queued/in_progress/completed/waiting; GitLab success/failed/manual/skipped/...; Jenkins wfapi SUCCESS/FAILED/NOT_EXECUTED/PAUSED_PENDING_INPUT/...)."))
          .add(Col.of(CONCLUSION, DataTypes.StringType, "success, failure, cancelled, skipped, timed_out, ... (GitLab and Jenkins statuses mapped to these); 'unknown' for a status ttv does not know (raw value in status); null while running or waiting."))
          .add(Col.of(RUNNER_NAME, DataTypes.StringType, "The runner that ran the job."))
          .add(Col.of(RUNNER_LABELS, DataTypes.createArrayType(DataTypes.StringType), "Runner labels the job asked for (runs-on)."))
          .add(Col.of(CREATED_AT, DataTypes.TimestampType, "When the job was queued (GitHub created_at, null on exports older than the field; GitLab created_at; null for Jenkins stages)."))
          .add(Col.of(STARTED_AT, DataTypes.TimestampType, "When a runner started the job; null while it is still queued (even when the API already shows a started_at), for a GitLab job stuck without a runner, and for a Jenkins stage at epoch 0 (NOT_EXECUTED)."))
          .add(Col.of(COMPLETED_AT, DataTypes.TimestampType, "When the job completed (Jenkins: startTimeMillis + durationMillis of a finished stage); null while it runs. A stuck GitLab job has one without a start."))
          .add(Col.of(DURATION_SECONDS, DataTypes.DoubleType, "Build time in seconds: completed_at - started_at (Jenkins: durationMillis - pauseDurationMillis, the input wait excluded); null when not both are known or negative (clock skew)."))
          .add(Col.of(QUEUE_SECONDS, DataTypes.DoubleType, "Time waiting for a runner in seconds: GitHub started_at - created_at (null without created_at); GitLab queued_duration (null on GitLab versions without it); Jenkins: the build's queueDurationMillis, on the build's first started stage only (once per build)."))
          .add(Col.of(STEP_COUNT, DataTypes.IntegerType, "Number of steps the job reported."))
          .add(Col.of(FAILED_STEP, DataTypes.StringType, "Name of the first step (by number) whose conclusion is failure; null when none failed."))
          .add(Col.of(ENVIRONMENT, DataTypes.StringType, "Deployment environment the job targets, where known: a GitLab job that is the deployable of a deployment; null otherwise."))
          .add(Col.required(IS_MANUAL_GATE, DataTypes.BooleanType, "True when the job is a point where the pipeline waits for a person (contract 6.1): a GitLab job any export showed as manual, or a job/stage matching deployments.manual_jobs; a Jenkins stage with an input pause. Sticky: once true in any version it stays true. Always false for GitHub Actions jobs (GitHub gates are deployment statuses, see deployments)."))
          .add(Col.of(GATE_WAIT_SECONDS, DataTypes.DoubleType, "For a passed manual gate, how long it waited for a person (contract 6.1): GitLab started_at - the latest finished_at of the pipeline's jobs of earlier stages (else the pipeline's created_at); Jenkins pauseDurationMillis; null otherwise or when negative."))
          .add(Col.of(HEAD_BRANCH, DataTypes.StringType, "Branch the job's run built."))
          .add(Col.of(HEAD_SHA, DataTypes.StringType, "Commit the job's run built."))
          .add(Col.required(IS_RETRIED, DataTypes.BooleanType, "GitLab: a later job of the same pipeline has this job's name (this try was retried). False elsewhere (GitHub re-runs are attempts, Jenkins re-runs are builds)."))
          .add(Col.required(IS_GATE_PASSED, DataTypes.BooleanType, "A manual gate that a person let through: GitLab, the manual job was played (it has a start); Jenkins, the stage went on after its input (success or failure); false otherwise."))
          .add(LineageColumns.EXPORT_DATE_FIELD)
          .add(LineageColumns.SOURCE_FILE_FIELD)
          .add(LineageColumns.SOURCE_POSITION_FIELD)
          .add(WeekPartition.field(CREATED_AT));

  public static final TableDef TABLE =
      new TableDef(
          NAME,
          TableDef.Layer.NORMALISED,
          "one job or stage of a CI run attempt",
          SCHEMA,
          List.of(SOURCE_SYSTEM, JOB_ID),
          List.of(WeekPartition.COLUMN),
          List.of(IS_MANUAL_GATE),
          null);
}
