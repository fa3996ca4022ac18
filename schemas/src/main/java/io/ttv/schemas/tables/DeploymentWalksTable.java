package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code deployment_walks}: one row per successful production deployment the commit-graph walk has
 * looked at, with what it found. A deployment whose commit is not (yet) in any export is
 * {@code sha_unknown} and is walked again by later runs until its commit arrives.
 */
public final class DeploymentWalksTable {
  private DeploymentWalksTable() {}

  public static final String NAME = "deployment_walks";
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String DEPLOYMENT_ID = "deployment_id";
  public static final String REPO = "repo";
  public static final String SERVICE = "service";
  public static final String SHA = "sha";
  public static final String FINISHED_AT = "finished_at";
  public static final String OUTCOME = "outcome";
  public static final String LOOKBACK_APPLIED = "lookback_applied";
  public static final String COMMITS_SHIPPED = "commits_shipped";
  public static final String COMMITS_BEFORE_LOOKBACK = "commits_before_lookback";

  /** The deployment's commit was found and the walk is done. */
  public static final String WALKED = "walked";
  /** The deployment's commit is in no commit export (yet): a force-pushed or not yet exported sha. */
  public static final String SHA_UNKNOWN = "sha_unknown";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "deployments.source_system."))
          .add(Col.required(DEPLOYMENT_ID, DataTypes.StringType, "deployments.deployment_id."))
          .add(Col.required(REPO, DataTypes.StringType, "The deployed repository."))
          .add(Col.required(SERVICE, DataTypes.StringType, "The deployed service."))
          .add(Col.of(SHA, DataTypes.StringType, "The deployed commit."))
          .add(Col.required(FINISHED_AT, DataTypes.TimestampType, "When the deployment finished."))
          .add(Col.required(OUTCOME, DataTypes.StringType, "walked, or sha_unknown (its commit is in no export yet; walked again by later runs)."))
          .add(Col.required(LOOKBACK_APPLIED, DataTypes.BooleanType, "The look-back of deployments.first_deploy_lookback_days applied: the repository's first walked deployment, or one whose history has no path to any earlier deployment (it reached a root commit no earlier deployment reached: a rewritten history)."))
          .add(Col.required(COMMITS_SHIPPED, DataTypes.LongType, "Commits this deployment shipped (commit_shipments.is_shipped)."))
          .add(Col.required(COMMITS_BEFORE_LOOKBACK, DataTypes.LongType, "Commits a first deployment reached that were older than the look-back (covered, not shipped)."));

  public static final TableDef TABLE =
      new TableDef(NAME, TableDef.Layer.NORMALISED, "one successful production deployment seen by the commit-graph walk", SCHEMA,
          List.of(SOURCE_SYSTEM, DEPLOYMENT_ID), List.of());
}
