package io.ttv.transforms.delivery;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.tables.DeploymentsTable;
import io.ttv.schemas.tables.FactDeliveryDailyTable;
import io.ttv.schemas.tables.FactDeploymentTable;
import io.ttv.transforms.common.Times;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** {@code deployments} -> {@code fact_deployment} and the deployment columns of {@code fact_delivery_daily}. */
public final class DeploymentFacts {
  private DeploymentFacts() {}

  /** Production deployment attempts that finished, with their local date in {@code zone}. */
  private static Dataset<Row> finishedProduction(Dataset<Row> deployments, ZoneId zone, LocalDate from, LocalDate to) {
    return deployments
        .where(col(DeploymentsTable.IS_PRODUCTION).and(col(DeploymentsTable.FINISHED_AT).isNotNull()))
        .withColumn(FactDeploymentTable.DATE, to_date(from_utc_timestamp(col(DeploymentsTable.FINISHED_AT), zone.getId())))
        .where(col(FactDeploymentTable.DATE).between(lit(from), lit(to)));
  }

  /**
   * One row per production deployment attempt that finished on a local date of {@code from..to}
   * (contract 6.1: it counts at its finished time). The lead-time and incident columns are null until
   * commits and incidents are read.
   */
  public static Dataset<Row> perDeployment(Dataset<Row> deployments, ZoneId zone, LocalDate from, LocalDate to) {
    return finishedProduction(deployments, zone, from, to)
        .select(
            col(FactDeploymentTable.DATE),
            col(DeploymentsTable.SOURCE_SYSTEM).as(FactDeploymentTable.SOURCE_SYSTEM),
            col(DeploymentsTable.DEPLOYMENT_ID).as(FactDeploymentTable.DEPLOYMENT_ID),
            col(DeploymentsTable.SERVICE).as(FactDeploymentTable.SERVICE),
            col(DeploymentsTable.REPO).as(FactDeploymentTable.REPO),
            col(DeploymentsTable.ENVIRONMENT).as(FactDeploymentTable.ENVIRONMENT),
            col(DeploymentsTable.SHA).as(FactDeploymentTable.SHA),
            col(DeploymentsTable.STARTED_AT).as(FactDeploymentTable.STARTED_AT),
            col(DeploymentsTable.FINISHED_AT).as(FactDeploymentTable.FINISHED_AT),
            col(DeploymentsTable.STATUS).as(FactDeploymentTable.STATUS),
            col(DeploymentsTable.IS_SUCCESSFUL).as(FactDeploymentTable.IS_SUCCESSFUL),
            Times.nonNegativeSeconds(col(DeploymentsTable.STARTED_AT), col(DeploymentsTable.FINISHED_AT)).as(FactDeploymentTable.DURATION_SECONDS),
            col(DeploymentsTable.GATE_WAIT_SECONDS).as(FactDeploymentTable.GATE_WAIT_SECONDS),
            lit(null).cast("long").as(FactDeploymentTable.CHANGES_SHIPPED),
            lit(null).cast("double").as(FactDeploymentTable.LEAD_TIME_P50_HOURS),
            lit(null).cast("double").as(FactDeploymentTable.LEAD_TIME_P90_HOURS),
            lit(null).cast("boolean").as(FactDeploymentTable.CAUSED_INCIDENT));
  }

  /**
   * One row per local date and service with a finished production deployment attempt: deployment
   * frequency ({@code deployments}, successful ones) and {@code failed_deployments} (the others). The
   * change-failure, lead-time, time-to-value and recovery columns stay null until their sources are read.
   */
  public static Dataset<Row> daily(Dataset<Row> deployments, ZoneId zone, LocalDate from, LocalDate to) {
    Column ok = col(DeploymentsTable.IS_SUCCESSFUL);
    return finishedProduction(deployments, zone, from, to)
        .groupBy(col(FactDeploymentTable.DATE).as(FactDeliveryDailyTable.DATE), col(DeploymentsTable.SERVICE).as(FactDeliveryDailyTable.SERVICE))
        .agg(count(when(ok, 1)).as(FactDeliveryDailyTable.DEPLOYMENTS), count(when(not(ok), 1)).as(FactDeliveryDailyTable.FAILED_DEPLOYMENTS))
        .select(
            col(FactDeliveryDailyTable.DATE),
            col(FactDeliveryDailyTable.SERVICE),
            col(FactDeliveryDailyTable.DEPLOYMENTS),
            col(FactDeliveryDailyTable.FAILED_DEPLOYMENTS),
            lit(null).cast("long").as(FactDeliveryDailyTable.FAILED_CHANGES),
            lit(null).cast("double").as(FactDeliveryDailyTable.CHANGE_FAILURE_RATE),
            lit(null).cast("double").as(FactDeliveryDailyTable.LEAD_TIME_P50_HOURS),
            lit(null).cast("double").as(FactDeliveryDailyTable.LEAD_TIME_P90_HOURS),
            lit(null).cast("double").as(FactDeliveryDailyTable.TIME_TO_VALUE_P50_HOURS),
            lit(null).cast("double").as(FactDeliveryDailyTable.TIME_TO_VALUE_P90_HOURS),
            lit(null).cast("double").as(FactDeliveryDailyTable.RECOVERY_TIME_P50_HOURS));
  }
}
