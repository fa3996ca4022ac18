package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code teams} and {@code dim_team}: one row per team of the config (contract section 3, {@code teams[]}). */
public final class TeamsTable {
  private TeamsTable() {}

  public static final String NAME = "teams";
  public static final String DIM_NAME = "dim_team";
  public static final String TEAM = "team";
  public static final String TIMEZONE = "timezone";
  public static final String WORKING_HOURS_START = "working_hours_start";
  public static final String WORKING_HOURS_END = "working_hours_end";
  public static final String WORKING_DAYS = "working_days";
  public static final String PEOPLE = "people";
  public static final String SERVICES = "services";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(TEAM, DataTypes.StringType, "The team's name (teams[].name); people, services and facts refer to it."))
          .add(Col.required(TIMEZONE, DataTypes.StringType, "IANA zone of the team's local dates and working hours."))
          .add(Col.required(WORKING_HOURS_START, DataTypes.StringType, "Local start of the working day, HH:MM."))
          .add(Col.required(WORKING_HOURS_END, DataTypes.StringType, "Local end of the working day, HH:MM."))
          .add(Col.required(WORKING_DAYS, DataTypes.createArrayType(DataTypes.StringType), "Working days, MON..SUN."))
          .add(Col.required(PEOPLE, DataTypes.LongType, "People of the config in the team."))
          .add(Col.required(SERVICES, DataTypes.LongType, "Services of the config the team owns."));

  public static final TableDef TABLE =
      new TableDef(NAME, TableDef.Layer.NORMALISED, "one team of the config", SCHEMA, List.of(TEAM), List.of());

  /** The same rows for BI tools, named as a dimension. */
  public static final TableDef DIM =
      new TableDef(DIM_NAME, TableDef.Layer.DIMENSION, "one team of the config (the team dimension)", SCHEMA, List.of(TEAM), List.of());
}
