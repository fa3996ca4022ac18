package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code repos}: one row per repository the config lists or the data shows, with its service and team
 * ("a repo that no service lists is its own service named after the repo").
 */
public final class ReposTable {
  private ReposTable() {}

  public static final String NAME = "repos";
  public static final String REPO = "repo";
  public static final String SERVICE = "service";
  public static final String TEAM = "team";
  public static final String IS_CONFIGURED = "is_configured";
  public static final String IS_SEEN = "is_seen";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(REPO, DataTypes.StringType, "owner/name, a GitLab project path, or a git repo name, as the data spells it."))
          .add(Col.required(SERVICE, DataTypes.StringType, "The service whose services[].repos lists it, else the repo itself."))
          .add(Col.of(TEAM, DataTypes.StringType, "The service's owning team; null for a repo no service lists."))
          .add(Col.required(IS_CONFIGURED, DataTypes.BooleanType, "Some services[].repos lists it."))
          .add(Col.required(IS_SEEN, DataTypes.BooleanType, "Some run saw it in the data."));

  public static final TableDef TABLE =
      new TableDef(NAME, TableDef.Layer.NORMALISED, "one repository", SCHEMA, List.of(REPO), List.of());
}
