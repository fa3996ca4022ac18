package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code deployments}: one deployment attempt to an environment, from GitHub deployments, GitLab
 * deployments, and Jenkins stages matching {@code deployments.deploy_jobs} (contract 6.1).
 */
public final class DeploymentsTable {
  private DeploymentsTable() {}

  public static final String NAME = "deployments";
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String DEPLOYMENT_ID = "deployment_id";
  public static final String REPO = "repo";
  public static final String SERVICE = "service";
  public static final String ENVIRONMENT = "environment";
  public static final String IS_PRODUCTION = "is_production";
  public static final String SHA = "sha";
  public static final String REF = "ref";
  public static final String CREATOR = "creator";
  public static final String RUN_ID = "run_id";
  public static final String JOB_NAME = "job_name";
  public static final String CREATED_AT = "created_at";
  public static final String STARTED_AT = "started_at";
  public static final String FINISHED_AT = "finished_at";
  public static final String STATUS = "status";
  public static final String RAW_STATUS = "raw_status";
  public static final String IS_SUCCESSFUL = "is_successful";
  public static final String IS_MANUAL_GATE = "is_manual_gate";
  public static final String IS_GATE_PASSED = "is_gate_passed";
  public static final String GATE_STARTED_AT = "gate_started_at";
  public static final String GATE_WAIT_SECONDS = "gate_wait_seconds";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "Where the deployment was read: github (deployments API), gitlab (deployments API), jenkins (a stage matching deployments.deploy_jobs)."))
          .add(Col.required(DEPLOYMENT_ID, DataTypes.StringType, "The system's deployment id (Jenkins: the stage's ci_jobs.job_id)."))
          .add(Col.required(REPO, DataTypes.StringType, "Repository owner/name, GitLab project path, or the Jenkins build's repo (ci_runs.repo)."))
          .add(Col.required(SERVICE, DataTypes.StringType, "The service whose services[].repos lists the repo (ignoring case); a repo no service lists is its own service, named after the repo."))
          .add(Col.of(ENVIRONMENT, DataTypes.StringType, "Environment name (GitHub environment, GitLab environment.name; Jenkins: the stage name without the deploy_jobs words, e.g. 'Deploy to production' -> 'production'; null when nothing is left)."))
          .add(Col.required(IS_PRODUCTION, DataTypes.BooleanType, "The environment matches deployments.production_environments (GitHub's production_environment flag is not used)."))
          .add(Col.of(SHA, DataTypes.StringType, "The commit deployed."))
          .add(Col.of(REF, DataTypes.StringType, "Branch, tag or sha the deployment was made from."))
          .add(Col.of(CREATOR, DataTypes.StringType, "Login of who created the deployment (GitHub creator, GitLab user); null for Jenkins."))
          .add(Col.of(RUN_ID, DataTypes.StringType, "The CI run (ci_runs.run_id) that deployed, where known: GitLab deployable pipeline, Jenkins build, GitHub Actions run named in a status's log_url."))
          .add(Col.of(JOB_NAME, DataTypes.StringType, "The CI job or stage that deployed (GitLab deployable name, Jenkins stage name)."))
          .add(Col.required(CREATED_AT, DataTypes.TimestampType, "When the deployment was created (Jenkins: the stage's start)."))
          .add(Col.of(STARTED_AT, DataTypes.TimestampType, "When deploying started: GitHub the first in_progress status (else created_at); GitLab deployable started_at; Jenkins stage start."))
          .add(Col.of(FINISHED_AT, DataTypes.TimestampType, "When the deployment counts (contract 6.1): GitHub the created_at of its newest status, once that status is final; GitLab the deployable's finished_at, else updated_at, once final; Jenkins the stage's end. Null while it runs."))
          .add(Col.of(STATUS, DataTypes.StringType, "Final or current status: success, failure, cancelled, in_progress, queued, waiting, skipped, inactive, or unknown (raw value in raw_status)."))
          .add(Col.of(RAW_STATUS, DataTypes.StringType, "The status as the system wrote it (GitHub newest status state, GitLab deployment status, Jenkins stage status)."))
          .add(Col.required(IS_SUCCESSFUL, DataTypes.BooleanType, "The final status is success."))
          .add(Col.required(IS_MANUAL_GATE, DataTypes.BooleanType, "The deployment waited for a person: a GitHub waiting status (protected environment), a GitLab blocked deployment or manual deployable job, a Jenkins deploy stage with an input pause."))
          .add(Col.required(IS_GATE_PASSED, DataTypes.BooleanType, "GitHub: the status after waiting let it go on (queued, in_progress or success); GitLab/Jenkins: the deployable job or stage ran after its gate."))
          .add(Col.of(GATE_STARTED_AT, DataTypes.TimestampType, "GitHub: when the (first) waiting status was set."))
          .add(Col.of(GATE_WAIT_SECONDS, DataTypes.DoubleType, "GitHub: from the waiting status to the next status of the deployment; Jenkins: the stage's pauseDurationMillis; null otherwise (GitLab waits are on ci_jobs)."))
          .add(LineageColumns.EXPORT_DATE_FIELD)
          .add(LineageColumns.SOURCE_FILE_FIELD)
          .add(LineageColumns.SOURCE_POSITION_FIELD);

  public static final TableDef TABLE =
      new TableDef(
          NAME,
          TableDef.Layer.NORMALISED,
          "one deployment attempt to an environment",
          SCHEMA,
          List.of(SOURCE_SYSTEM, DEPLOYMENT_ID),
          List.of());
}
