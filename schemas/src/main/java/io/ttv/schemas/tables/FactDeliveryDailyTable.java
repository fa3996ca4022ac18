package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code fact_delivery_daily}: delivery per reporting-zone date and service (contract 6.0 - 6.4). */
public final class FactDeliveryDailyTable {
  private FactDeliveryDailyTable() {}

  public static final String NAME = "fact_delivery_daily";
  public static final String DATE = "date";
  public static final String SERVICE = "service";
  public static final String DEPLOYMENTS = "deployments";
  public static final String FAILED_DEPLOYMENTS = "failed_deployments";
  public static final String FAILED_CHANGES = "failed_changes";
  public static final String CHANGE_FAILURE_RATE = "change_failure_rate";
  public static final String LEAD_TIME_P50_HOURS = "lead_time_p50_hours";
  public static final String LEAD_TIME_P90_HOURS = "lead_time_p90_hours";
  public static final String TIME_TO_VALUE_P50_HOURS = "time_to_value_p50_hours";
  public static final String TIME_TO_VALUE_P90_HOURS = "time_to_value_p90_hours";
  public static final String RECOVERY_TIME_P50_HOURS = "recovery_time_p50_hours";
  public static final String REWORK_DEPLOYMENTS = "rework_deployments";
  public static final String REWORK_RATE = "rework_rate";

  private static final String COMMITS = " Null on a day whose deployments shipped no commit an export holds, and when no commits are read (sources git, github commits, gitlab commits).";
  private static final String INCIDENTS = " Null when no incident source is read (PagerDuty incidents, or Jira/GitHub items of an incident_types type).";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(DATE, DataTypes.DateType, "Local date in the reporting time zone (of the deployment's finished_at, or of an attributed incident's resolution)."))
          .add(Col.required(SERVICE, DataTypes.StringType, "The service (services[].name, or the repo of a service no config lists)."))
          .add(Col.required(DEPLOYMENTS, DataTypes.LongType, "Successful production deployments that finished that day: deployment frequency (contract 6.1)."))
          .add(Col.required(FAILED_DEPLOYMENTS, DataTypes.LongType, "Production deployment attempts that finished that day and did not succeed (failure, error, cancelled, unknown, ...)."))
          .add(Col.of(FAILED_CHANGES, DataTypes.LongType, "Successful production deployments of that day with an attributed incident (contract 6.4)." + INCIDENTS))
          .add(Col.of(CHANGE_FAILURE_RATE, DataTypes.DoubleType, "failed_changes / deployments (contract 6.4); null on a day without a successful deployment (a row that holds only a recovery)." + INCIDENTS))
          .add(Col.of(LEAD_TIME_P50_HOURS, DataTypes.DoubleType, "Median change lead time of the commits shipped that day (contract 6.2)." + COMMITS))
          .add(Col.of(LEAD_TIME_P90_HOURS, DataTypes.DoubleType, "90th percentile of the same lead times." + COMMITS))
          .add(Col.of(TIME_TO_VALUE_P50_HOURS, DataTypes.DoubleType, "Median time to value of the work items first shipped that day by this service (contract 6.3: first shipping deployment finished - item created). Null on a day that first shipped no linked item, and when no work items are read."))
          .add(Col.of(TIME_TO_VALUE_P90_HOURS, DataTypes.DoubleType, "90th percentile of the same times."))
          .add(Col.of(RECOVERY_TIME_P50_HOURS, DataTypes.DoubleType, "Median failed deployment recovery time of the attributed incidents resolved that day (contract 6.4)." + INCIDENTS))
          .add(Col.of(REWORK_DEPLOYMENTS, DataTypes.LongType, "Successful production deployments of the day that are rework (fact_deployment.is_rework; a ttv extra). Null when work items or commits are not read."))
          .add(Col.of(REWORK_RATE, DataTypes.DoubleType, "rework_deployments / deployments: DORA's deployment rework rate, the share of deployments that were unplanned fixes; null on a day without a successful deployment, and when work items or commits are not read."));

  public static final TableDef TABLE =
      new TableDef(
          NAME,
          TableDef.Layer.FACT,
          "one reporting-zone date x service with a production deployment attempt",
          SCHEMA,
          List.of(DATE, SERVICE),
          List.of(DATE));
}
