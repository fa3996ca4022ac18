package io.ttv.transforms.delivery;

import static io.ttv.schemas.tables.DeploymentsTable.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.Deployments;
import io.ttv.schemas.config.Service;
import io.ttv.schemas.tables.CiJobsTable;
import io.ttv.schemas.tables.CiRunsTable;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.transforms.common.Cols;
import io.ttv.transforms.common.ServiceMapping;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Jenkins has no deployment API: a stage whose name matches {@code deployments.deploy_jobs} and that
 * started is a deployment attempt (contract 3 and 6.1). From {@code ci_jobs} (jenkins stages) and
 * {@code ci_runs} (their builds), after both are merged.
 */
public final class JenkinsDeployments {
  private JenkinsDeployments() {}

  public static final String SYSTEM = "jenkins";

  /**
   * The environment a deploy stage names: the stage name without the words that made it a deploy
   * stage and the usual glue ({@code to}, {@code on}, brackets, dashes), e.g. {@code Deploy to
   * production} -> {@code production}, {@code deploy (staging)} -> {@code staging}; null when nothing
   * is left ({@code deploy}), so a bare deploy stage is not a production deployment.
   */
  static Column environmentOf(Column stageName, Deployments rules) {
    Column rest = regexp_replace(stageName, rules.deployJobs().source(), " ");
    rest = regexp_replace(rest, "(?i)(^|\\s)(to|on|into|in)(\\s|$)", " ");
    rest = trim(regexp_replace(rest, "[\\s()\\[\\]:_\\-]+", " "));
    return Cols.emptyToNull(rest);
  }

  public static Dataset<Row> fromStages(Dataset<Row> stages, Dataset<Row> builds, Deployments rules, List<Service> services) {
    Dataset<Row> deploys =
        stages.where(
            col(CiJobsTable.SOURCE_SYSTEM).equalTo(SYSTEM)
                .and(col(CiJobsTable.NAME_COL).rlike(rules.deployJobs().source()))
                .and(col(CiJobsTable.STARTED_AT).isNotNull()));
    Dataset<Row> b =
        builds.where(col(CiRunsTable.SOURCE_SYSTEM).equalTo(SYSTEM))
            .select(
                col(CiRunsTable.RUN_ID).as("_b_run"),
                col(CiRunsTable.REPO).as("_b_repo"),
                col(CiRunsTable.HEAD_SHA).as("_b_sha"),
                col(CiRunsTable.BRANCH).as("_b_branch"));
    Dataset<Row> joined = deploys.join(b, col(CiJobsTable.RUN_ID).equalTo(col("_b_run")), "left");
    Column repo = coalesce(col("_b_repo"), col(CiJobsTable.REPO));
    Column env = environmentOf(col(CiJobsTable.NAME_COL), rules);
    Column conclusion = col(CiJobsTable.CONCLUSION);
    Column status =
        when(conclusion.isNull(), when(col(CiJobsTable.STATUS).equalTo("PAUSED_PENDING_INPUT"), lit("waiting")).otherwise(lit("in_progress")))
            .otherwise(conclusion);
    return joined.select(
        lit(SYSTEM).as(SOURCE_SYSTEM),
        col(CiJobsTable.JOB_ID).as(DEPLOYMENT_ID),
        repo.as(REPO),
        ServiceMapping.serviceOf(repo, services).as(SERVICE),
        env.as(ENVIRONMENT),
        coalesce(env.rlike(rules.productionEnvironments().source()), lit(false)).as(IS_PRODUCTION),
        col("_b_sha").as(SHA),
        col("_b_branch").as(REF),
        lit(null).cast("string").as(CREATOR),
        col(CiJobsTable.RUN_ID).as(RUN_ID),
        col(CiJobsTable.NAME_COL).as(JOB_NAME),
        col(CiJobsTable.STARTED_AT).as(CREATED_AT),
        col(CiJobsTable.STARTED_AT).as(STARTED_AT),
        col(CiJobsTable.COMPLETED_AT).as(FINISHED_AT),
        status.as(STATUS),
        col(CiJobsTable.STATUS).as(RAW_STATUS),
        coalesce(conclusion.equalTo("success"), lit(false)).as(IS_SUCCESSFUL),
        col(CiJobsTable.IS_MANUAL_GATE).as(IS_MANUAL_GATE),
        col(CiJobsTable.IS_GATE_PASSED).as(IS_GATE_PASSED),
        when(col(CiJobsTable.IS_MANUAL_GATE), col(CiJobsTable.STARTED_AT)).as(GATE_STARTED_AT),
        col(CiJobsTable.GATE_WAIT_SECONDS).as(GATE_WAIT_SECONDS),
        col(LineageColumns.EXPORT_DATE),
        col(LineageColumns.SOURCE_FILE),
        col(LineageColumns.SOURCE_POSITION));
  }
}
