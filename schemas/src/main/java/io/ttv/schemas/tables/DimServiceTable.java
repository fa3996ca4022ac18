package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code dim_service}: one row per service: the config's services and the repos no service lists. */
public final class DimServiceTable {
  private DimServiceTable() {}

  public static final String NAME = "dim_service";
  public static final String SERVICE = "service";
  public static final String TEAM = "team";
  public static final String REPOS = "repos";
  public static final String PAGERDUTY_SERVICES = "pagerduty_services";
  public static final String JIRA_COMPONENTS = "jira_components";
  public static final String IS_CONFIGURED = "is_configured";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(SERVICE, DataTypes.StringType, "services[].name, or a repo no service lists."))
          .add(Col.of(TEAM, DataTypes.StringType, "The owning team (services[].team)."))
          .add(Col.required(REPOS, DataTypes.createArrayType(DataTypes.StringType), "Its repositories (the config's, plus the repo itself for an unlisted one)."))
          .add(Col.required(PAGERDUTY_SERVICES, DataTypes.createArrayType(DataTypes.StringType), "services[].pagerduty_services."))
          .add(Col.required(JIRA_COMPONENTS, DataTypes.createArrayType(DataTypes.StringType), "services[].jira_components."))
          .add(Col.required(IS_CONFIGURED, DataTypes.BooleanType, "The config lists the service."));

  public static final TableDef TABLE =
      new TableDef(NAME, TableDef.Layer.DIMENSION, "one service (the service dimension)", SCHEMA, List.of(SERVICE), List.of());
}
