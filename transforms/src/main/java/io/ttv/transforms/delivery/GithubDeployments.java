package io.ttv.transforms.delivery;

import static io.ttv.schemas.tables.DeploymentsTable.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.Deployments;
import io.ttv.schemas.config.Service;
import io.ttv.schemas.raw.GithubDeploymentsJson;
import io.ttv.schemas.tables.DeploymentStatusesTable;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.transforms.common.Cols;
import io.ttv.transforms.common.NormalizedRows;
import io.ttv.transforms.common.ServiceMapping;
import io.ttv.transforms.common.Statuses;
import io.ttv.transforms.common.Times;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * GitHub {@code deployments} and {@code deployment_statuses} -> {@code deployments} and
 * {@code deployment_statuses}. A deployment body has no status (fixture pygithub_list_deployments), so
 * its status, finish and approval wait come from its status history ({@link #withStatusHistory}),
 * recomputed after both are merged: statuses and deployments arrive in different files and days.
 */
public final class GithubDeployments {
  private GithubDeployments() {}

  public static final String SYSTEM = "github";

  /** Deployment status states -> deployments.status; the unfinished ones keep their own word. */
  public static final Map<String, String> STATES = new LinkedHashMap<>();

  static {
    STATES.put("success", "success");
    STATES.put("failure", "failure");
    STATES.put("error", "failure");
    STATES.put("inactive", "inactive");
    STATES.put("queued", "queued");
    STATES.put("pending", "queued");
    STATES.put("waiting", "waiting");
    STATES.put("in_progress", "in_progress");
  }

  private static final String REPO_IN_URL = "/repos/([^/]+/[^/]+)(?:/|$)";

  /** {@code raw_github_deployments} -> deployments rows (status columns empty until statuses are seen). */
  public static Dataset<Row> normalize(Dataset<Row> raw, Deployments rules, List<Service> services) {
    Dataset<Row> parsed =
        NormalizedRows.parsed(raw, NormalizedRows.json(GithubDeploymentsJson.DEPLOYMENT, "j"));
    Column id = col("j.id");
    Column repo =
        coalesce(
            Cols.emptyToNull(regexp_extract(col("j.repository_url"), REPO_IN_URL, 1)),
            Cols.emptyToNull(regexp_extract(col("j.url"), REPO_IN_URL, 1)),
            Cols.pathParam(col("_params"), "repo"));
    Column env = col("j.environment");
    Column created = Times.parse(col("j.created_at"));
    Column what = concat(lit("deployment "), id.cast("string"));
    Column problem =
        coalesce(
            when(id.isNull(), lit("deployment has no numeric 'id'")),
            when(col("j.created_at").isNull(), concat(what, lit(" has no 'created_at'"))),
            Times.problemIfMalformed("created_at", col("j.created_at")),
            when(repo.isNull(), concat(what, lit(" names no repository (no repository_url or url, no repo= folder)"))));
    return parsed.select(
        lit(SYSTEM).as(SOURCE_SYSTEM),
        id.cast("string").as(DEPLOYMENT_ID),
        repo.as(REPO),
        ServiceMapping.serviceOf(repo, services).as(SERVICE),
        env.as(ENVIRONMENT),
        coalesce(env.rlike(rules.productionEnvironments().source()), lit(false)).as(IS_PRODUCTION),
        col("j.sha").as(SHA),
        col("j.ref").as(REF),
        col("j.creator.login").as(CREATOR),
        lit(null).cast("string").as(RUN_ID),
        col("j.task").as(JOB_NAME),
        created.as(CREATED_AT),
        created.as(STARTED_AT),
        lit(null).cast("timestamp").as(FINISHED_AT),
        lit("queued").as(STATUS),
        lit(null).cast("string").as(RAW_STATUS),
        lit(false).as(IS_SUCCESSFUL),
        lit(false).as(IS_MANUAL_GATE),
        lit(false).as(IS_GATE_PASSED),
        lit(null).cast("timestamp").as(GATE_STARTED_AT),
        lit(null).cast("double").as(GATE_WAIT_SECONDS),
        col(LineageColumns.EXPORT_DATE),
        col(LineageColumns.SOURCE_FILE),
        col(LineageColumns.SOURCE_POSITION),
        problem.as(NormalizedRows.PROBLEM),
        col(NormalizedRows.RECORD));
  }

  /** {@code raw_github_deployment_statuses} -> deployment_statuses rows. */
  public static Dataset<Row> normalizeStatuses(Dataset<Row> raw) {
    Dataset<Row> parsed =
        NormalizedRows.parsed(raw, NormalizedRows.json(GithubDeploymentsJson.STATUS, "j"));
    Column id = col("j.id");
    Column deploymentId =
        coalesce(
            Cols.emptyToNull(regexp_extract(col("j.deployment_url"), "/deployments/([0-9]+)$", 1)),
            Cols.emptyToNull(regexp_extract(col("j.url"), "/deployments/([0-9]+)/statuses/", 1)),
            Cols.pathParam(col("_params"), "deployment_id"));
    Column repo =
        coalesce(
            Cols.emptyToNull(regexp_extract(col("j.repository_url"), REPO_IN_URL, 1)),
            Cols.emptyToNull(regexp_extract(col("j.deployment_url"), REPO_IN_URL, 1)),
            Cols.pathParam(col("_params"), "repo"));
    Column state = lower(col("j.state"));
    Column what = concat(lit("deployment status "), id.cast("string"));
    Column problem =
        coalesce(
            when(id.isNull(), lit("deployment status has no numeric 'id'")),
            when(deploymentId.isNull(), concat(what, lit(" names no deployment (no deployment_url, no deployment_id= folder)"))),
            when(state.isNull(), concat(what, lit(" has no 'state'"))),
            when(col("j.created_at").isNull(), concat(what, lit(" has no 'created_at'"))),
            Times.problemIfMalformed("created_at", col("j.created_at")));
    return parsed.select(
        lit(SYSTEM).as(DeploymentStatusesTable.SOURCE_SYSTEM),
        id.cast("string").as(DeploymentStatusesTable.STATUS_ID),
        deploymentId.as(DeploymentStatusesTable.DEPLOYMENT_ID),
        repo.as(DeploymentStatusesTable.REPO),
        state.as(DeploymentStatusesTable.STATE),
        col("j.environment").as(DeploymentStatusesTable.ENVIRONMENT),
        Times.parse(col("j.created_at")).as(DeploymentStatusesTable.CREATED_AT),
        col("j.creator.login").as(DeploymentStatusesTable.CREATOR),
        col("j.log_url").as(DeploymentStatusesTable.LOG_URL),
        col(LineageColumns.EXPORT_DATE),
        col(LineageColumns.SOURCE_FILE),
        col(LineageColumns.SOURCE_POSITION),
        problem.as(NormalizedRows.PROBLEM),
        col(NormalizedRows.RECORD),
        Statuses.noteIfUnknown("deployment state", state, STATES).as(NormalizedRows.NOTE));
  }

  /**
   * GitHub deployments with their status columns computed from their statuses (contract 6.1):
   *
   * <ul>
   *   <li>the final status is the newest status (by created_at, then id) that is not {@code inactive}:
   *       GitHub marks an older deployment inactive when a newer one to the environment succeeds, which
   *       says nothing about how it went; only-inactive histories stay {@code inactive};
   *   <li>{@code finished_at} = created_at of that status once it is success, failure or error;
   *   <li>{@code started_at} = the first in_progress status, else the deployment's created_at;
   *   <li>a {@code waiting} status is a manual gate (protected environment); its wait runs to the next
   *       status of the deployment; the gate was passed when that next status is queued, pending,
   *       in_progress or success (a rejected or expired approval is followed by failure or error);
   *   <li>{@code run_id}: the Actions run named in a status's log_url ({@code /actions/runs/<id>}).
   * </ul>
   */
  public static Dataset<Row> withStatusHistory(Dataset<Row> deployments, Dataset<Row> statuses) {
    Column ordering = struct(col(DeploymentStatusesTable.CREATED_AT), col(DeploymentStatusesTable.STATUS_ID).cast("long"));
    Dataset<Row> ordered =
        statuses
            .withColumn("_ord", ordering)
            .withColumn(
                "_next_state",
                lead(col(DeploymentStatusesTable.STATE), 1).over(Window.partitionBy(col(DeploymentStatusesTable.DEPLOYMENT_ID)).orderBy(col("_ord"))))
            .withColumn(
                "_next_at",
                lead(col(DeploymentStatusesTable.CREATED_AT), 1).over(Window.partitionBy(col(DeploymentStatusesTable.DEPLOYMENT_ID)).orderBy(col("_ord"))));
    Column state = col(DeploymentStatusesTable.STATE);
    Column isWaiting = state.equalTo("waiting");
    Column notInactive = state.notEqual("inactive");
    Dataset<Row> history =
        ordered
            .groupBy(col(DeploymentStatusesTable.DEPLOYMENT_ID).as("_h_id"))
            .agg(
                max_by(when(notInactive, state), when(notInactive, col("_ord"))).as("_final_state"),
                max_by(when(notInactive, col(DeploymentStatusesTable.CREATED_AT)), when(notInactive, col("_ord"))).as("_final_at"),
                max_by(state, col("_ord")).as("_newest_state"),
                min(when(state.equalTo("in_progress"), col(DeploymentStatusesTable.CREATED_AT))).as("_in_progress_at"),
                min_by(when(isWaiting, col("_ord").getField(DeploymentStatusesTable.CREATED_AT)), when(isWaiting, col("_ord"))).as("_gate_at"),
                min_by(when(isWaiting, col("_next_state")), when(isWaiting, col("_ord"))).as("_gate_next"),
                min_by(when(isWaiting, col("_next_at")), when(isWaiting, col("_ord"))).as("_gate_next_at"),
                first(Cols.emptyToNull(regexp_extract(col(DeploymentStatusesTable.LOG_URL), "/actions/runs/([0-9]+)", 1)), true).as("_run"));

    Dataset<Row> joined = deployments.join(history, col(DEPLOYMENT_ID).equalTo(col("_h_id")), "left");
    Column raw = coalesce(col("_final_state"), col("_newest_state"));
    Column status = when(raw.isNull(), lit("queued")).otherwise(Statuses.conclusion(raw, STATES));
    Column isFinal = coalesce(raw.isin("success", "failure", "error"), lit(false));
    Column gate = col("_gate_at").isNotNull();
    Column passed = gate.and(coalesce(col("_gate_next").isin("queued", "pending", "in_progress", "success"), lit(false)));
    Map<String, Column> replaced = new LinkedHashMap<>();
    replaced.put(STATUS, status);
    replaced.put(RAW_STATUS, raw);
    replaced.put(FINISHED_AT, when(isFinal, col("_final_at")));
    replaced.put(STARTED_AT, coalesce(col("_in_progress_at"), col(CREATED_AT)));
    replaced.put(IS_SUCCESSFUL, coalesce(raw.equalTo("success"), lit(false)));
    replaced.put(IS_MANUAL_GATE, gate);
    replaced.put(IS_GATE_PASSED, passed);
    replaced.put(GATE_STARTED_AT, col("_gate_at"));
    replaced.put(GATE_WAIT_SECONDS, Times.nonNegativeSeconds(col("_gate_at"), col("_gate_next_at")));
    replaced.put(RUN_ID, coalesce(col("_run"), col(RUN_ID)));
    return joined.select(
        Arrays.stream(deployments.columns())
            .map(c -> replaced.containsKey(c) ? replaced.get(c).as(c) : col(c))
            .toArray(Column[]::new));
  }
}
