package io.ttv.transforms.ci;

import static io.ttv.schemas.tables.FactCiDailyTable.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.tables.CiJobsTable;
import io.ttv.schemas.tables.CiRunsTable;
import io.ttv.schemas.tables.DeploymentsTable;
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
    return daily(runs, jobs, null, zone, from, to);
  }

  /**
   * As {@link #daily(Dataset, Dataset, ZoneId, LocalDate, LocalDate)}, with the manual gates of GitHub
   * deployments ({@code deployments}, nullable): a passed {@code waiting} status counts on the local
   * date the deployment went on (gate start + wait), under the workflow of the Actions run named in its
   * statuses' log_url, else under {@code deployment <environment>}. GitLab and Jenkins gates are jobs
   * and stages ({@code ci_jobs}); their deployments are not counted again.
   *
   * <p>Per system (contract 6.1): a GitLab pipeline that never started is not a run; a Jenkins build
   * that is NOT_BUILT is not a run; {@code rerun_runs} counts {@code ci_runs.is_rerun}.
   */
  public static Dataset<Row> daily(
      Dataset<Row> runs, Dataset<Row> jobs, Dataset<Row> deployments, ZoneId zone, LocalDate from, LocalDate to) {
    String tz = zone.getId();
    Column runDate = to_date(from_utc_timestamp(coalesce(col(CiRunsTable.STARTED_AT), col(CiRunsTable.CREATED_AT)), tz));
    Column conclusion = col(CiRunsTable.CONCLUSION);
    Column isRun =
        coalesce(conclusion.notEqual("not_built"), lit(true))
            .and(col(CiRunsTable.SOURCE_SYSTEM).notEqual("gitlab").or(col(CiRunsTable.STARTED_AT).isNotNull()));

    Dataset<Row> runFacts =
        runs.where(isRun)
            .withColumn(DATE, runDate)
            .where(col(DATE).between(lit(from), lit(to)))
            .groupBy(col(DATE), col(CiRunsTable.SOURCE_SYSTEM), col(CiRunsTable.REPO), col(CiRunsTable.WORKFLOW))
            .agg(
                count(lit(1)).as(RUNS),
                count(when(conclusion.equalTo("success"), 1)).as(SUCCESSFUL_RUNS),
                count(when(conclusion.isin("failure", "timed_out"), 1)).as(FAILED_RUNS),
                count(when(conclusion.equalTo("cancelled"), 1)).as(CANCELLED_RUNS),
                count(when(col(CiRunsTable.IS_RERUN), 1)).as(RERUN_RUNS),
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
    Dataset<Row> jobRows =
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
                col(CiJobsTable.IS_MANUAL_GATE).and(col(CiJobsTable.IS_GATE_PASSED)).as(CiJobsTable.IS_MANUAL_GATE),
                col(CiJobsTable.GATE_WAIT_SECONDS))
            .where(col(REPO).isNotNull());
    if (deployments != null) {
      jobRows = jobRows.unionByName(githubGates(deployments, runs, tz, from, to));
    }
    Dataset<Row> jobFacts =
        jobRows
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

  /** Passed GitHub deployment gates as job-like rows: date, system, repo, workflow, gate and wait. */
  private static Dataset<Row> githubGates(Dataset<Row> deployments, Dataset<Row> runs, String tz, LocalDate from, LocalDate to) {
    Dataset<Row> workflows =
        runs.where(col(CiRunsTable.SOURCE_SYSTEM).equalTo("github"))
            .groupBy(col(CiRunsTable.RUN_ID).as("g_run"))
            .agg(org.apache.spark.sql.functions.max(col(CiRunsTable.WORKFLOW)).as("g_workflow"));
    Column passedAt =
        org.apache.spark.sql.functions.timestamp_seconds(
            org.apache.spark.sql.functions.unix_micros(col(DeploymentsTable.GATE_STARTED_AT)).divide(1_000_000.0)
                .plus(col(DeploymentsTable.GATE_WAIT_SECONDS)));
    return deployments
        .where(col(DeploymentsTable.SOURCE_SYSTEM).equalTo("github").and(col(DeploymentsTable.IS_GATE_PASSED)))
        .join(workflows, col(DeploymentsTable.RUN_ID).equalTo(col("g_run")), "left")
        .withColumn(DATE, to_date(from_utc_timestamp(passedAt, tz)))
        .where(col(DATE).between(lit(from), lit(to)))
        .select(
            col(DATE),
            col(DeploymentsTable.SOURCE_SYSTEM).as(SOURCE_SYSTEM),
            col(DeploymentsTable.REPO).as(REPO),
            coalesce(col("g_workflow"), concat(lit("deployment "), coalesce(col(DeploymentsTable.ENVIRONMENT), lit("?")))).as(WORKFLOW),
            lit(null).cast("double").as(CiJobsTable.QUEUE_SECONDS),
            lit(null).cast("double").as(CiJobsTable.DURATION_SECONDS),
            lit(true).as(CiJobsTable.IS_MANUAL_GATE),
            col(DeploymentsTable.GATE_WAIT_SECONDS).as(CiJobsTable.GATE_WAIT_SECONDS));
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
