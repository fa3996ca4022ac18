package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code fact_deployment}: one finished production deployment attempt (contract 5 and 6.1). */
public final class FactDeploymentTable {
  private FactDeploymentTable() {}

  public static final String NAME = "fact_deployment";
  public static final String DATE = "date";
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String DEPLOYMENT_ID = "deployment_id";
  public static final String SERVICE = "service";
  public static final String REPO = "repo";
  public static final String ENVIRONMENT = "environment";
  public static final String SHA = "sha";
  public static final String STARTED_AT = "started_at";
  public static final String FINISHED_AT = "finished_at";
  public static final String STATUS = "status";
  public static final String IS_SUCCESSFUL = "is_successful";
  public static final String DURATION_SECONDS = "duration_seconds";
  public static final String GATE_WAIT_SECONDS = "gate_wait_seconds";
  public static final String CHANGES_SHIPPED = "changes_shipped";
  public static final String LEAD_TIME_P50_HOURS = "lead_time_p50_hours";
  public static final String LEAD_TIME_P90_HOURS = "lead_time_p90_hours";
  public static final String CAUSED_INCIDENT = "caused_incident";
  public static final String IS_REWORK = "is_rework";

  private static final String LATER = " From commit_shipments; null when no commits are read, when the deployment failed, or when its commit is in no export (deployment_walks.outcome sha_unknown).";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(DATE, DataTypes.DateType, "Local date of finished_at in the reporting time zone."))
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "Where the deployment was read (deployments.source_system)."))
          .add(Col.required(DEPLOYMENT_ID, DataTypes.StringType, "deployments.deployment_id."))
          .add(Col.required(SERVICE, DataTypes.StringType, "The deployed service (deployments.service)."))
          .add(Col.required(REPO, DataTypes.StringType, "The deployed repository."))
          .add(Col.of(ENVIRONMENT, DataTypes.StringType, "The production environment deployed to."))
          .add(Col.of(SHA, DataTypes.StringType, "The commit deployed."))
          .add(Col.of(STARTED_AT, DataTypes.TimestampType, "When deploying started."))
          .add(Col.required(FINISHED_AT, DataTypes.TimestampType, "When the deployment finished (it counts then, contract 6.1)."))
          .add(Col.of(STATUS, DataTypes.StringType, "Final status (success, failure, cancelled, ..., unknown)."))
          .add(Col.required(IS_SUCCESSFUL, DataTypes.BooleanType, "The final status is success: it counts in fact_delivery_daily.deployments, else in failed_deployments."))
          .add(Col.of(DURATION_SECONDS, DataTypes.DoubleType, "finished_at - started_at in seconds; null when negative."))
          .add(Col.of(GATE_WAIT_SECONDS, DataTypes.DoubleType, "How long it waited for an approval (deployments.gate_wait_seconds)."))
          .add(Col.of(CHANGES_SHIPPED, DataTypes.LongType, "Commits this deployment shipped (contract 6.2: the first successful production deployment reaching them through parents)." + LATER))
          .add(Col.of(LEAD_TIME_P50_HOURS, DataTypes.DoubleType, "Median lead time of the commits shipped (contract 6.2)." + LATER))
          .add(Col.of(LEAD_TIME_P90_HOURS, DataTypes.DoubleType, "90th percentile of the same lead times." + LATER))
          .add(Col.of(CAUSED_INCIDENT, DataTypes.BooleanType, "An incident was attributed to this deployment (contract 6.4: the latest successful production deployment of the service finished before the incident started). Null for a failed attempt, and when no incident source is read."))
          .add(Col.of(IS_REWORK, DataTypes.BooleanType, "Rework (DORA's deployment rework rate; a ttv extra, not in the contract): a successful production deployment that shipped a commit linked (contract 6.3) to a work item whose flow_item_type is defect or that is an incident, i.e. an unplanned fix of a problem. Null for a failed attempt, and when work items or commits are not read."));

  public static final TableDef TABLE =
      new TableDef(
          NAME,
          TableDef.Layer.FACT,
          "one finished production deployment attempt",
          SCHEMA,
          List.of(SOURCE_SYSTEM, DEPLOYMENT_ID),
          List.of(DATE));
}
