package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code fact_ci_daily}: CI activity per reporting-zone date, repository and workflow (contract 6.0). */
public final class FactCiDailyTable {
  private FactCiDailyTable() {}

  public static final String NAME = "fact_ci_daily";
  public static final String DATE = "date";
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String REPO = "repo";
  public static final String WORKFLOW = "workflow";
  public static final String RUNS = "runs";
  public static final String SUCCESSFUL_RUNS = "successful_runs";
  public static final String FAILED_RUNS = "failed_runs";
  public static final String CANCELLED_RUNS = "cancelled_runs";
  public static final String RERUN_RUNS = "rerun_runs";
  public static final String DURATION_P50_SECONDS = "duration_p50_seconds";
  public static final String DURATION_P90_SECONDS = "duration_p90_seconds";
  public static final String QUEUE_P50_SECONDS = "queue_p50_seconds";
  public static final String QUEUE_P90_SECONDS = "queue_p90_seconds";
  public static final String BUILD_MINUTES = "build_minutes";
  public static final String MANUAL_GATES = "manual_gates";
  public static final String MANUAL_GATE_WAIT_MINUTES = "manual_gate_wait_minutes";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(DATE, DataTypes.DateType, "Local date in the reporting time zone (reporting_timezone)."))
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "CI system the runs come from."))
          .add(Col.required(REPO, DataTypes.StringType, "Repository (owner/name; a GitLab project's full path)."))
          .add(Col.required(WORKFLOW, DataTypes.StringType, "Workflow name (GitLab: pipeline name or source; Jenkins: job)."))
          .add(Col.required(RUNS, DataTypes.LongType, "Run attempts started that day (on the local date of the attempt's start)."))
          .add(Col.required(SUCCESSFUL_RUNS, DataTypes.LongType, "Of those, attempts that concluded success."))
          .add(Col.required(FAILED_RUNS, DataTypes.LongType, "Of those, attempts that concluded failure or timed_out."))
          .add(Col.required(CANCELLED_RUNS, DataTypes.LongType, "Of those, attempts that were cancelled."))
          .add(Col.required(RERUN_RUNS, DataTypes.LongType, "Of those, re-runs (attempt number > 1)."))
          .add(Col.of(DURATION_P50_SECONDS, DataTypes.DoubleType, "Median duration of the completed attempts started that day (GitHub: updated_at - run_started_at); exact percentile with linear interpolation; null when none completed."))
          .add(Col.of(DURATION_P90_SECONDS, DataTypes.DoubleType, "90th percentile of the same durations."))
          .add(Col.of(QUEUE_P50_SECONDS, DataTypes.DoubleType, "Median queue time (job started - job created) over the jobs started that day; jobs without created_at are left out; null when none."))
          .add(Col.of(QUEUE_P90_SECONDS, DataTypes.DoubleType, "90th percentile of the same queue times."))
          .add(Col.of(BUILD_MINUTES, DataTypes.DoubleType, "Sum over the jobs started that day (of every attempt) of completed - started, in minutes; null when no job completed."))
          .add(Col.required(MANUAL_GATES, DataTypes.LongType, "Manual gates passed by jobs started that day (contract 6.1)."))
          .add(Col.of(MANUAL_GATE_WAIT_MINUTES, DataTypes.DoubleType, "Summed wait of those gates in minutes; null when there were none."));

  public static final TableDef TABLE =
      new TableDef(
          NAME,
          TableDef.Layer.FACT,
          "one reporting-zone date x CI system x repository x workflow",
          SCHEMA,
          List.of(DATE, SOURCE_SYSTEM, REPO, WORKFLOW),
          List.of(DATE));
}
