package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code deployment_statuses}: the status history of GitHub deployments (one row per status), from which
 * {@code deployments} takes each deployment's final status, finish time and approval wait.
 */
public final class DeploymentStatusesTable {
  private DeploymentStatusesTable() {}

  public static final String NAME = "deployment_statuses";
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String STATUS_ID = "status_id";
  public static final String DEPLOYMENT_ID = "deployment_id";
  public static final String REPO = "repo";
  public static final String STATE = "state";
  public static final String ENVIRONMENT = "environment";
  public static final String CREATED_AT = "created_at";
  public static final String CREATOR = "creator";
  public static final String LOG_URL = "log_url";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "System of the deployment: github."))
          .add(Col.required(STATUS_ID, DataTypes.StringType, "The status's id."))
          .add(Col.required(DEPLOYMENT_ID, DataTypes.StringType, "The deployment (deployments.deployment_id) the status belongs to (from deployment_url, else the deployment_id= folder)."))
          .add(Col.of(REPO, DataTypes.StringType, "Repository owner/name (from repository_url or deployment_url)."))
          .add(Col.required(STATE, DataTypes.StringType, "The status as GitHub writes it: queued, pending, waiting (a protected environment waiting for approval), in_progress, success, failure, error, inactive; kept raw when unknown."))
          .add(Col.of(ENVIRONMENT, DataTypes.StringType, "Environment the status names."))
          .add(Col.required(CREATED_AT, DataTypes.TimestampType, "When the status was set (UTC)."))
          .add(Col.of(CREATOR, DataTypes.StringType, "Login of who (or which app) set the status."))
          .add(Col.of(LOG_URL, DataTypes.StringType, "The status's log_url (for Actions deployments, the workflow run's job page)."))
          .add(LineageColumns.EXPORT_DATE_FIELD)
          .add(LineageColumns.SOURCE_FILE_FIELD)
          .add(LineageColumns.SOURCE_POSITION_FIELD)
          .add(WeekPartition.field(CREATED_AT));

  public static final TableDef TABLE =
      new TableDef(
          NAME,
          TableDef.Layer.NORMALISED,
          "one status of a GitHub deployment",
          SCHEMA,
          List.of(SOURCE_SYSTEM, STATUS_ID),
          List.of(WeekPartition.COLUMN));
}
