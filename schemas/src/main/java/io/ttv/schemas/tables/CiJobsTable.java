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

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "CI system: github (Actions), gitlab, jenkins."))
          .add(Col.required(JOB_ID, DataTypes.StringType, "The system's job id (GitHub gives every attempt's jobs new ids)."))
          .add(Col.required(RUN_ID, DataTypes.StringType, "The run (ci_runs.run_id) the job belongs to."))
          .add(Col.required(RUN_ATTEMPT, DataTypes.IntegerType, "The run attempt (ci_runs.run_attempt) the job belongs to."))
          .add(Col.of(REPO, DataTypes.StringType, "Repository as owner/name (taken from the job's run URL or the repo= folder)."))
          .add(Col.of(WORKFLOW, DataTypes.StringType, "Workflow name as the job reports it (workflow_name); null on exports older than the field."))
          .add(Col.required(NAME_COL, DataTypes.StringType, "Job name, e.g. 'test (Python 3.11)'; not unique within a run."))
          .add(Col.of(STAGE, DataTypes.StringType, "Pipeline stage (GitLab, Jenkins); null for GitHub Actions."))
          .add(Col.of(STATUS, DataTypes.StringType, "queued, in_progress, completed, waiting, ..."))
          .add(Col.of(CONCLUSION, DataTypes.StringType, "success, failure, cancelled, skipped, timed_out, ...; null while running."))
          .add(Col.of(RUNNER_NAME, DataTypes.StringType, "The runner that ran the job."))
          .add(Col.of(RUNNER_LABELS, DataTypes.createArrayType(DataTypes.StringType), "Runner labels the job asked for (runs-on)."))
          .add(Col.of(CREATED_AT, DataTypes.TimestampType, "When the job was queued (GitHub created_at; null on exports older than the field)."))
          .add(Col.of(STARTED_AT, DataTypes.TimestampType, "When a runner started the job; null while it is still queued (even when the API already shows a started_at)."))
          .add(Col.of(COMPLETED_AT, DataTypes.TimestampType, "When the job completed; null while it runs."))
          .add(Col.of(DURATION_SECONDS, DataTypes.DoubleType, "completed_at - started_at in seconds; null when not both are known or negative."))
          .add(Col.of(QUEUE_SECONDS, DataTypes.DoubleType, "started_at - created_at in seconds (time waiting for a runner); null without created_at."))
          .add(Col.of(STEP_COUNT, DataTypes.IntegerType, "Number of steps the job reported."))
          .add(Col.of(FAILED_STEP, DataTypes.StringType, "Name of the first step (by number) whose conclusion is failure; null when none failed."))
          .add(Col.of(ENVIRONMENT, DataTypes.StringType, "Deployment environment the job targets, where the system says (GitLab); null otherwise."))
          .add(Col.required(IS_MANUAL_GATE, DataTypes.BooleanType, "True when the job is a point where the pipeline waits for a person (contract 6.1); always false for GitHub Actions jobs (GitHub gates are deployment statuses)."))
          .add(Col.of(GATE_WAIT_SECONDS, DataTypes.DoubleType, "For a manual gate, how long it waited for a person (contract 6.1); null otherwise."))
          .add(Col.of(HEAD_BRANCH, DataTypes.StringType, "Branch the job's run built."))
          .add(Col.of(HEAD_SHA, DataTypes.StringType, "Commit the job's run built."))
          .add(LineageColumns.EXPORT_DATE_FIELD)
          .add(LineageColumns.SOURCE_FILE_FIELD)
          .add(LineageColumns.SOURCE_POSITION_FIELD);

  public static final TableDef TABLE =
      new TableDef(
          NAME,
          TableDef.Layer.NORMALISED,
          "one job or stage of a CI run attempt",
          SCHEMA,
          List.of(SOURCE_SYSTEM, JOB_ID),
          List.of());
}
