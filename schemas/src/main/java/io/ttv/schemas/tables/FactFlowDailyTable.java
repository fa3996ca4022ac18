package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code fact_flow_daily}: Flow Framework metrics per local date of the team's zone, team and flow item
 * type (contract section 5 and 6.5).
 */
public final class FactFlowDailyTable {
  private FactFlowDailyTable() {}

  public static final String NAME = "fact_flow_daily";
  public static final String DATE = "date";
  public static final String TEAM = "team";
  public static final String FLOW_ITEM_TYPE = "flow_item_type";
  public static final String FLOW_VELOCITY = "flow_velocity";
  public static final String FLOW_TIME_P50_DAYS = "flow_time_p50_days";
  public static final String FLOW_TIME_P85_DAYS = "flow_time_p85_days";
  public static final String FLOW_EFFICIENCY = "flow_efficiency";
  public static final String FLOW_LOAD = "flow_load";
  public static final String FLOW_DISTRIBUTION_SHARE = "flow_distribution_share";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(DATE, DataTypes.DateType, "Local date in the team's time zone (teams[].timezone; unassigned and teams the config does not list: reporting_timezone)."))
          .add(Col.required(TEAM, DataTypes.StringType, "work_items.team of the items' newest export (contract 6.5)."))
          .add(Col.required(FLOW_ITEM_TYPE, DataTypes.StringType, "feature, defect, risk or debt (work_items.flow_item_type of the newest export)."))
          .add(Col.required(FLOW_VELOCITY, DataTypes.LongType, "Items finally done that day: their last entry into a done status falls on the date and they are done now (a reopened item that is still open is not done)."))
          .add(Col.of(FLOW_TIME_P50_DAYS, DataTypes.DoubleType, "Median flow time of those items in days (done - start: first entry into an active or waiting status); null when none of them has a start (GitHub issues have no status history)."))
          .add(Col.of(FLOW_TIME_P85_DAYS, DataTypes.DoubleType, "85th percentile of the same flow times."))
          .add(Col.of(FLOW_EFFICIENCY, DataTypes.DoubleType, "Their summed time in active statuses between start and done / their summed flow time (waiting, todo, and done-before-a-reopen time is not active); null without a flow time."))
          .add(Col.required(FLOW_LOAD, DataTypes.LongType, "Items started and not finally done at the end of the local day (WIP)."))
          .add(Col.of(FLOW_DISTRIBUTION_SHARE, DataTypes.DoubleType, "Items of this type / all items of the team done in the 28 days D-27..D; null when the team finished nothing then."));

  public static final TableDef TABLE =
      new TableDef(
          NAME, TableDef.Layer.FACT, "one local date x team x flow item type", SCHEMA, List.of(DATE, TEAM, FLOW_ITEM_TYPE), List.of(DATE));
}
