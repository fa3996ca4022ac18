package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code commit_shipments}: which production deployment shipped each commit (contract 6.2), the result
 * of the commit-graph walk. A commit ships once, with the first successful production deployment of its
 * repository's service whose commit reaches it through parents; the rows are written by the walk of
 * each new deployment, so a nightly run only adds the new deployments' ranges.
 */
public final class CommitShipmentsTable {
  private CommitShipmentsTable() {}

  public static final String NAME = "commit_shipments";
  public static final String REPO = "repo";
  public static final String SHA = "sha";
  public static final String SERVICE = "service";
  public static final String DEPLOYMENT_SOURCE_SYSTEM = "deployment_source_system";
  public static final String DEPLOYMENT_ID = "deployment_id";
  public static final String DEPLOYED_AT = "deployed_at";
  public static final String AUTHORED_AT = "authored_at";
  public static final String IS_SHIPPED = "is_shipped";
  public static final String LEAD_TIME_HOURS = "lead_time_hours";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(REPO, DataTypes.StringType, "The commit's repository (commits.repo)."))
          .add(Col.required(SHA, DataTypes.StringType, "The commit (commits.sha)."))
          .add(Col.required(SERVICE, DataTypes.StringType, "The service of the deployment that shipped it."))
          .add(Col.required(DEPLOYMENT_SOURCE_SYSTEM, DataTypes.StringType, "deployments.source_system of the shipping deployment."))
          .add(Col.required(DEPLOYMENT_ID, DataTypes.StringType, "deployments.deployment_id of the first successful production deployment that reached the commit."))
          .add(Col.required(DEPLOYED_AT, DataTypes.TimestampType, "When that deployment finished (UTC)."))
          .add(Col.of(AUTHORED_AT, DataTypes.TimestampType, "When the commit was authored (commits.authored_at, UTC)."))
          .add(Col.required(IS_SHIPPED, DataTypes.BooleanType,
              "True when the commit counts as shipped by this deployment; false for commits the service's first deployment reached that were authored more than deployments.first_deploy_lookback_days before it (history before ttv's look-back: covered, not counted)."))
          .add(Col.of(LEAD_TIME_HOURS, DataTypes.DoubleType, "deployed_at - authored_at in hours (contract 6.2 change lead time); null when not shipped or negative."));

  public static final TableDef TABLE =
      new TableDef(NAME, TableDef.Layer.NORMALISED, "one commit of a deployed repository, with the deployment that shipped it", SCHEMA,
          List.of(REPO, SHA), List.of());
}
