package io.ttv.transforms.ci;

import static io.ttv.schemas.tables.FactCiDailyTable.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.tables.CiJobsTable;
import io.ttv.schemas.tables.CiRunsTable;
import io.ttv.schemas.tables.FactCiDailyTable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** {@code ci_runs} + {@code ci_jobs} -> {@code fact_ci_daily} (contract 6.0 and 6.1). */
public final class CiDailyFacts {
  private CiDailyFacts() {}

  /** Jobs whose run is unknown and who do not name their workflow (pre-2022 GitHub jobs). */
  public static final String UNKNOWN_WORKFLOW = "(unknown workflow)";

  /**
   * One row per local date in {@code from..to} (in {@code zone}), system, repo and workflow that had a run
   * attempt or a job start. Runs count on the local date of their start, jobs on the local date of theirs.
   * Percentiles are exact with linear interpolation ({@code percentile}); a measure with no input is null,
   * counts are 0.
   */
  public static Dataset<Row> daily(Dataset<Row> runs, Dataset<Row> jobs, ZoneId zone, LocalDate from, LocalDate to) {
    String tz = zone.getId();
    Column runDate = to_date(from_utc_timestamp(coalesce(col(CiRunsTable.STARTED_AT), col(CiRunsTable.CREATED_AT)), tz));
    Column conclusion = col(CiRunsTable.CONCLUSION);

    Dataset<Row> runFacts =
        runs.withColumn(DATE, runDate)
            .where(col(DATE).between(lit(from), lit(to)))
            .groupBy(col(DATE), col(CiRunsTable.SOURCE_SYSTEM), col(CiRunsTable.REPO), col(CiRunsTable.WORKFLOW))
            .agg(
                count(lit(1)).as(RUNS),
                count(when(conclusion.equalTo("success"), 1)).as(SUCCESSFUL_RUNS),
                count(when(conclusion.isin("failure", "timed_out"), 1)).as(FAILED_RUNS),
                count(when(conclusion.equalTo("cancelled"), 1)).as(CANCELLED_RUNS),
                count(when(col(CiRunsTable.RUN_ATTEMPT).gt(1), 1)).as(RERUN_RUNS),
                percentile(completedDuration(), lit(0.5)).as(DURATION_P50_SECONDS),
                percentile(completedDuration(), lit(0.9)).as(DURATION_P90_SECONDS));

    Dataset<Row> runKeys =
        runs.select(
            col(CiRunsTable.SOURCE_SYSTEM).as("r_system"),
            col(CiRunsTable.RUN_ID).as("r_run_id"),
            col(CiRunsTable.RUN_ATTEMPT).as("r_attempt"),
            col(CiRunsTable.REPO).as("r_repo"),
            col(CiRunsTable.WORKFLOW).as("r_workflow"));
    Dataset<Row> jobsWithRun =
        jobs.join(
            runKeys,
            col(CiJobsTable.SOURCE_SYSTEM).equalTo(col("r_system"))
                .and(col(CiJobsTable.RUN_ID).equalTo(col("r_run_id")))
                .and(col(CiJobsTable.RUN_ATTEMPT).equalTo(col("r_attempt"))),
            "left");
    Dataset<Row> jobFacts =
        jobsWithRun
            .withColumn(DATE, to_date(from_utc_timestamp(col(CiJobsTable.STARTED_AT), tz)))
            .where(col(DATE).between(lit(from), lit(to)))
            .select(
                col(DATE),
                col(CiJobsTable.SOURCE_SYSTEM).as(SOURCE_SYSTEM),
                coalesce(col("r_repo"), col(CiJobsTable.REPO)).as(REPO),
                coalesce(col("r_workflow"), col(CiJobsTable.WORKFLOW), lit(UNKNOWN_WORKFLOW)).as(WORKFLOW),
                col(CiJobsTable.QUEUE_SECONDS),
                col(CiJobsTable.DURATION_SECONDS),
                col(CiJobsTable.IS_MANUAL_GATE),
                col(CiJobsTable.GATE_WAIT_SECONDS))
            .where(col(REPO).isNotNull())
            .groupBy(col(DATE), col(SOURCE_SYSTEM), col(REPO), col(WORKFLOW))
            .agg(
                percentile(col(CiJobsTable.QUEUE_SECONDS), lit(0.5)).as(QUEUE_P50_SECONDS),
                percentile(col(CiJobsTable.QUEUE_SECONDS), lit(0.9)).as(QUEUE_P90_SECONDS),
                sum(col(CiJobsTable.DURATION_SECONDS)).divide(60.0).as(BUILD_MINUTES),
                count(when(col(CiJobsTable.IS_MANUAL_GATE), 1)).as(MANUAL_GATES),
                sum(when(col(CiJobsTable.IS_MANUAL_GATE), col(CiJobsTable.GATE_WAIT_SECONDS))).divide(60.0).as(MANUAL_GATE_WAIT_MINUTES));

    Dataset<Row> joined =
        runFacts.join(jobFacts, scala.jdk.javaapi.CollectionConverters.asScala(Arrays.asList(DATE, SOURCE_SYSTEM, REPO, WORKFLOW)).toSeq(), "full_outer");
    return joined.select(
        col(DATE),
        col(SOURCE_SYSTEM),
        col(REPO),
        col(WORKFLOW),
        coalesce(col(RUNS), lit(0L)).as(RUNS),
        coalesce(col(SUCCESSFUL_RUNS), lit(0L)).as(SUCCESSFUL_RUNS),
        coalesce(col(FAILED_RUNS), lit(0L)).as(FAILED_RUNS),
        coalesce(col(CANCELLED_RUNS), lit(0L)).as(CANCELLED_RUNS),
        coalesce(col(RERUN_RUNS), lit(0L)).as(RERUN_RUNS),
        col(DURATION_P50_SECONDS),
        col(DURATION_P90_SECONDS),
        col(QUEUE_P50_SECONDS),
        col(QUEUE_P90_SECONDS),
        col(BUILD_MINUTES),
        coalesce(col(MANUAL_GATES), lit(0L)).as(MANUAL_GATES),
        col(MANUAL_GATE_WAIT_MINUTES));
  }

  /** GitHub: updated_at - run_started_at of a completed attempt (already in ci_runs.duration_seconds). */
  private static Column completedDuration() {
    return when(col(CiRunsTable.FINISHED_AT).isNotNull(), col(CiRunsTable.DURATION_SECONDS));
  }

  /** The schema the fact is written with (for callers that build an empty fact). */
  public static org.apache.spark.sql.types.StructType schema() {
    return FactCiDailyTable.SCHEMA;
  }
}
