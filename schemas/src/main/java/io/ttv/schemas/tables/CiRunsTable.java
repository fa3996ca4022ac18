package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code ci_runs}: one pipeline or workflow run attempt, from any CI system. */
public final class CiRunsTable {
  private CiRunsTable() {}

  public static final String NAME = "ci_runs";
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String RUN_ID = "run_id";
  public static final String RUN_ATTEMPT = "run_attempt";
  public static final String REPO = "repo";
  public static final String WORKFLOW = "workflow";
  public static final String WORKFLOW_PATH = "workflow_path";
  public static final String RUN_NUMBER = "run_number";
  public static final String EVENT = "event";
  public static final String BRANCH = "branch";
  public static final String HEAD_SHA = "head_sha";
  public static final String ACTOR = "actor";
  public static final String TRIGGERING_ACTOR = "triggering_actor";
  public static final String IS_PULL_REQUEST = "is_pull_request";
  public static final String CREATED_AT = "created_at";
  public static final String STARTED_AT = "started_at";
  public static final String FINISHED_AT = "finished_at";
  public static final String UPDATED_AT = "updated_at";
  public static final String STATUS = "status";
  public static final String CONCLUSION = "conclusion";
  public static final String DURATION_SECONDS = "duration_seconds";
  public static final String QUEUE_SECONDS = "queue_seconds";
  public static final String IS_RERUN = "is_rerun";
  public static final String HAS_TIMING = "has_timing";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "CI system: github (Actions), gitlab, jenkins."))
          .add(Col.required(RUN_ID, DataTypes.StringType, "The system's run id: GitHub workflow run id (the same for every attempt), GitLab pipeline id, Jenkins '<job full name>#<build number>'."))
          .add(Col.required(RUN_ATTEMPT, DataTypes.IntegerType, "Attempt number, 1 for the first run; a GitHub re-run of the same run has a higher number (GitLab and Jenkins runs are always attempt 1: their re-runs are retried jobs or new builds, see is_rerun)."))
          .add(Col.required(REPO, DataTypes.StringType, "Repository as owner/name (GitHub), the project's full path with subgroups (GitLab), owner/name of the build's git remote else the job's full name (Jenkins)."))
          .add(Col.required(WORKFLOW, DataTypes.StringType, "Workflow: GitHub workflow name (old exports without a name: the file path, else 'workflow <workflow_id>'); GitLab pipeline name, else its source; Jenkins job full name without a trailing branch segment (multibranch)."))
          .add(Col.of(WORKFLOW_PATH, DataTypes.StringType, "Workflow definition file, e.g. .github/workflows/ci.yml."))
          .add(Col.of(RUN_NUMBER, DataTypes.LongType, "The run's number within its workflow (GitLab pipeline iid, Jenkins build number)."))
          .add(Col.of(EVENT, DataTypes.StringType, "What triggered the run: GitHub event (push, pull_request, schedule, ...), GitLab source (push, merge_request_event, schedule, ...), Jenkins first cause class (UserIdCause, BranchEventCause, ReplayCause, ...)."))
          .add(Col.of(BRANCH, DataTypes.StringType, "The branch the run built (GitHub head branch, GitLab ref, Jenkins lastBuiltRevision branch without refs/remotes/origin/)."))
          .add(Col.of(HEAD_SHA, DataTypes.StringType, "The commit the run built."))
          .add(Col.of(ACTOR, DataTypes.StringType, "Login of the user who started the run's first attempt (GitLab: the pipeline's user; Jenkins: the UserIdCause user id)."))
          .add(Col.of(TRIGGERING_ACTOR, DataTypes.StringType, "Login of the user who started this attempt (null on exports older than the field)."))
          .add(Col.required(IS_PULL_REQUEST, DataTypes.BooleanType, "True when the run is for a pull request (GitHub pull_request or pull_request_target event, GitLab merge_request_event, Jenkins multibranch PR-<n> branch)."))
          .add(Col.required(CREATED_AT, DataTypes.TimestampType, "When the run was created (GitHub keeps the first attempt's created_at on re-runs; Jenkins: the build's timestamp, when it was scheduled)."))
          .add(Col.of(STARTED_AT, DataTypes.TimestampType, "When this attempt started (GitHub run_started_at, created_at on exports older than the field; GitLab started_at, null on list items and pipelines that never started; Jenkins timestamp)."))
          .add(Col.of(FINISHED_AT, DataTypes.TimestampType, "When the attempt completed (GitHub: updated_at of a completed run; GitLab finished_at; Jenkins timestamp + duration); null while it runs."))
          .add(Col.of(UPDATED_AT, DataTypes.TimestampType, "When the system last changed the run."))
          .add(Col.of(STATUS, DataTypes.StringType, "The system's own status, kept raw: GitHub queued/in_progress/completed/...; GitLab success/failed/running/manual/...; Jenkins result (SUCCESS, FAILURE, ...) or BUILDING."))
          .add(Col.of(CONCLUSION, DataTypes.StringType, "success, failure, timed_out, cancelled, skipped, neutral, action_required, startup_failure, stale (GitHub); GitLab and Jenkins statuses mapped to success/failure/cancelled/skipped/not_built; 'unknown' for a status ttv does not know (the raw value is in status); null while running."))
          .add(Col.of(DURATION_SECONDS, DataTypes.DoubleType, "finished_at - started_at in seconds, for completed attempts (Jenkins: its duration, which includes the queue); null when running or negative."))
          .add(Col.of(QUEUE_SECONDS, DataTypes.DoubleType, "started_at - created_at in seconds for a GitHub first attempt (later attempts keep the first created_at, so it is null there); GitLab queued_duration; null for Jenkins (its queue is in the stages)."))
          .add(Col.required(IS_RERUN, DataTypes.BooleanType, "True for a re-run: GitHub attempt > 1; a GitLab pipeline with a retried job (ci_jobs.is_retried); a Jenkins build caused by a replay or rebuild of an earlier one."))
          .add(Col.required(HAS_TIMING, DataTypes.BooleanType, "False for a GitLab pipeline list item (no started_at, finished_at or queue); such a version never replaces a single-pipeline body of the same pipeline. True for every other version."))
          .add(LineageColumns.EXPORT_DATE_FIELD)
          .add(LineageColumns.SOURCE_FILE_FIELD)
          .add(LineageColumns.SOURCE_POSITION_FIELD)
          .add(WeekPartition.field(CREATED_AT));

  public static final TableDef TABLE =
      new TableDef(
          NAME,
          TableDef.Layer.NORMALISED,
          "one run attempt of a CI pipeline or workflow",
          SCHEMA,
          List.of(SOURCE_SYSTEM, RUN_ID, RUN_ATTEMPT),
          List.of(WeekPartition.COLUMN),
          List.of(),
          HAS_TIMING);
}
