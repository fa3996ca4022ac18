package io.ttv.transforms.delivery;

import static io.ttv.schemas.tables.DeploymentsTable.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.Deployments;
import io.ttv.schemas.config.Service;
import io.ttv.schemas.raw.GitlabJson;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.transforms.common.Cols;
import io.ttv.transforms.common.NormalizedRows;
import io.ttv.transforms.common.ServiceMapping;
import io.ttv.transforms.common.Statuses;
import io.ttv.transforms.common.Times;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** {@code raw_gitlab_deployments} -> {@code deployments} rows (GitLab REST v4, environment and deployable embedded). */
public final class GitlabDeployments {
  private GitlabDeployments() {}

  public static final String SYSTEM = "gitlab";

  /** GitLab deployment statuses -> deployments.status. */
  public static final Map<String, String> STATUSES = new LinkedHashMap<>();

  static {
    STATUSES.put("success", "success");
    STATUSES.put("failed", "failure");
    STATUSES.put("canceled", "cancelled");
    STATUSES.put("skipped", "skipped");
    STATUSES.put("created", "queued");
    STATUSES.put("running", "in_progress");
    STATUSES.put("blocked", "waiting");
  }

  /**
   * Every raw record as a deployments row plus {@code _problem}/{@code _record}/{@code _note}. The
   * deployment's own {@code status} decides (it is what GitLab reports for the deployment; the edited
   * fixture rows contradict their deployable's status, and {@code completed}/{@code undeployed} are not
   * GitLab statuses: they are kept raw as {@code unknown}). Finished (contract 6.1): the deployable's
   * {@code finished_at}, else {@code updated_at}, once the status is final. A {@code blocked} deployment
   * (waiting for approval) or a {@code manual} deployable is a manual gate; its wait is on ci_jobs.
   */
  public static Dataset<Row> normalize(Dataset<Row> raw, Deployments rules, List<Service> services) {
    Dataset<Row> parsed =
        NormalizedRows.parsed(raw, NormalizedRows.json(GitlabJson.DEPLOYMENT, "j"));
    Column id = col("j.id");
    Column status = lower(col("j.status"));
    Column mapped = Statuses.conclusion(status, STATUSES);
    Column repo =
        coalesce(
            projectPath(col("j.deployable.web_url")),
            projectPath(col("j.deployable.pipeline.web_url")),
            Cols.pathParam(col("_params"), "project"));
    Column env = col("j.environment.name");
    Column isFinal = coalesce(mapped.isin("success", "failure", "cancelled"), lit(false));
    Column finished = when(isFinal, coalesce(Times.parse(col("j.deployable.finished_at")), Times.parse(col("j.updated_at"))));
    Column deployableStarted = Times.parse(col("j.deployable.started_at"));
    Column gate = coalesce(status.equalTo("blocked"), lit(false))
        .or(coalesce(lower(col("j.deployable.status")).equalTo("manual"), lit(false)));
    Column what = concat(lit("deployment "), id.cast("string"));
    Column problem =
        coalesce(
            when(id.isNull(), lit("deployment has no numeric 'id'")),
            when(env.isNull(), concat(what, lit(" has no environment.name"))),
            when(col("j.created_at").isNull(), concat(what, lit(" has no 'created_at'"))),
            Times.problemIfMalformed("created_at", col("j.created_at")),
            Times.problemIfMalformed("updated_at", col("j.updated_at")),
            Times.problemIfMalformed("deployable.started_at", col("j.deployable.started_at")),
            Times.problemIfMalformed("deployable.finished_at", col("j.deployable.finished_at")),
            when(repo.isNull(), concat(what, lit(" names no project (no deployable web_url, no project= folder)"))));
    return parsed.select(
        lit(SYSTEM).as(SOURCE_SYSTEM),
        id.cast("string").as(DEPLOYMENT_ID),
        repo.as(REPO),
        ServiceMapping.serviceOf(repo, services).as(SERVICE),
        env.as(ENVIRONMENT),
        coalesce(env.rlike(rules.productionEnvironments().source()), lit(false)).as(IS_PRODUCTION),
        col("j.sha").as(SHA),
        col("j.ref").as(REF),
        col("j.user.username").as(CREATOR),
        col("j.deployable.pipeline.id").cast("string").as(RUN_ID),
        col("j.deployable.name").as(JOB_NAME),
        Times.parse(col("j.created_at")).as(CREATED_AT),
        deployableStarted.as(STARTED_AT),
        finished.as(FINISHED_AT),
        mapped.as(STATUS),
        status.as(RAW_STATUS),
        coalesce(mapped.equalTo("success"), lit(false)).as(IS_SUCCESSFUL),
        gate.as(IS_MANUAL_GATE),
        gate.and(deployableStarted.isNotNull()).as(IS_GATE_PASSED),
        lit(null).cast("timestamp").as(GATE_STARTED_AT),
        lit(null).cast("double").as(GATE_WAIT_SECONDS),
        col(LineageColumns.EXPORT_DATE),
        col(LineageColumns.SOURCE_FILE),
        col(LineageColumns.SOURCE_POSITION),
        problem.as(NormalizedRows.PROBLEM),
        col(NormalizedRows.RECORD),
        Statuses.noteIfUnknown("deployment status", status, STATUSES).as(NormalizedRows.NOTE));
  }

  private static Column projectPath(Column webUrl) {
    return Cols.emptyToNull(org.apache.spark.sql.functions.regexp_extract(webUrl, "^[a-z]+://[^/]+/(.+?)/-/", 1));
  }
}
