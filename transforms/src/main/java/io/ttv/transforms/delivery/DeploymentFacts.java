package io.ttv.transforms.delivery;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.tables.CommitShipmentsTable;
import io.ttv.schemas.tables.DeploymentWalksTable;
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
   * Per walked deployment: the commits it shipped and their lead-time median and p90 in hours (contract
   * 6.2). {@code walks} and {@code shipments} are {@code deployment_walks} and {@code commit_shipments}
   * (either may be null: no commits were read, the columns stay null). A deployment whose commit no export
   * holds (sha_unknown) has null, not 0: what it shipped is not known.
   */
  static Dataset<Row> shippedPerDeployment(Dataset<Row> walks, Dataset<Row> shipments) {
    Dataset<Row> stats =
        shipments
            .where(col(CommitShipmentsTable.IS_SHIPPED))
            .groupBy(col(CommitShipmentsTable.DEPLOYMENT_SOURCE_SYSTEM).as("_s"), col(CommitShipmentsTable.DEPLOYMENT_ID).as("_d"))
            .agg(
                percentile(col(CommitShipmentsTable.LEAD_TIME_HOURS), lit(0.5)).as(FactDeploymentTable.LEAD_TIME_P50_HOURS),
                percentile(col(CommitShipmentsTable.LEAD_TIME_HOURS), lit(0.9)).as(FactDeploymentTable.LEAD_TIME_P90_HOURS));
    return walks
        .select(
            col(DeploymentWalksTable.SOURCE_SYSTEM).as("_s"),
            col(DeploymentWalksTable.DEPLOYMENT_ID).as("_d"),
            when(col(DeploymentWalksTable.OUTCOME).equalTo(DeploymentWalksTable.WALKED), col(DeploymentWalksTable.COMMITS_SHIPPED))
                .as(FactDeploymentTable.CHANGES_SHIPPED))
        .join(stats, new String[] {"_s", "_d"}, "left");
  }

  /**
   * One row per production deployment attempt that finished on a local date of {@code from..to}
   * (contract 6.1: it counts at its finished time), with the commits it shipped and their lead times
   * from the commit-graph walk ({@code walks}/{@code shipments} null when no commits were read). The
   * incident column is null until incidents are read.
   */
  public static Dataset<Row> perDeployment(
      Dataset<Row> deployments, Dataset<Row> walks, Dataset<Row> shipments, ZoneId zone, LocalDate from, LocalDate to) {
    return perDeployment(deployments, walks, shipments, null, zone, from, to);
  }

  /**
   * As above, with {@code caused_incident} from {@code attributed} ({@link IncidentFacts#attribute}): true
   * when an incident is attributed to the (successful) deployment, false when none, null for a failed
   * attempt or when no incident source is read.
   */
  public static Dataset<Row> perDeployment(
      Dataset<Row> deployments, Dataset<Row> walks, Dataset<Row> shipments, Dataset<Row> attributed, ZoneId zone, LocalDate from, LocalDate to) {
    Dataset<Row> finished = finishedProduction(deployments, zone, from, to);
    if (attributed != null) {
      Dataset<Row> failed = IncidentFacts.failedChanges(attributed);
      finished =
          finished
              .join(failed, col(DeploymentsTable.SOURCE_SYSTEM).equalTo(col("_fs")).and(col(DeploymentsTable.DEPLOYMENT_ID).equalTo(col("_fd"))), "left")
              .withColumn(FactDeploymentTable.CAUSED_INCIDENT, when(col(DeploymentsTable.IS_SUCCESSFUL), coalesce(col("_failed"), lit(false))));
    } else {
      finished = finished.withColumn(FactDeploymentTable.CAUSED_INCIDENT, lit(null).cast("boolean"));
    }
    if (walks != null && shipments != null) {
      Dataset<Row> shipped = shippedPerDeployment(walks, shipments);
      finished =
          finished.join(
              shipped,
              col(DeploymentsTable.SOURCE_SYSTEM).equalTo(shipped.col("_s")).and(col(DeploymentsTable.DEPLOYMENT_ID).equalTo(shipped.col("_d"))),
              "left");
    } else {
      finished =
          finished
              .withColumn(FactDeploymentTable.CHANGES_SHIPPED, lit(null).cast("long"))
              .withColumn(FactDeploymentTable.LEAD_TIME_P50_HOURS, lit(null).cast("double"))
              .withColumn(FactDeploymentTable.LEAD_TIME_P90_HOURS, lit(null).cast("double"));
    }
    return finished
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
            col(FactDeploymentTable.CHANGES_SHIPPED),
            col(FactDeploymentTable.LEAD_TIME_P50_HOURS),
            col(FactDeploymentTable.LEAD_TIME_P90_HOURS),
            col(FactDeploymentTable.CAUSED_INCIDENT),
            lit(null).cast("boolean").as(FactDeploymentTable.IS_REWORK));
  }

  /**
   * {@code fact_deployment} rows with {@code is_rework} from {@code rework} ({@link
   * TimeToValue#reworkDeployments}: the deployments that shipped a commit linked to a defect or incident
   * item): true for those, false for the other successful ones, null for a failed attempt.
   */
  public static Dataset<Row> withRework(Dataset<Row> perDeployment, Dataset<Row> rework) {
    Dataset<Row> marked = rework.select(col(TimeToValue.DEPLOYMENT_SOURCE_SYSTEM).as("_rs"), col(TimeToValue.DEPLOYMENT_ID).as("_rd"), lit(true).as("_rw"));
    Dataset<Row> joined =
        perDeployment.join(
            marked,
            perDeployment.col(FactDeploymentTable.SOURCE_SYSTEM).equalTo(col("_rs")).and(perDeployment.col(FactDeploymentTable.DEPLOYMENT_ID).equalTo(col("_rd"))),
            "left");
    java.util.List<Column> out = new java.util.ArrayList<>();
    for (String c : perDeployment.columns()) {
      out.add(
          c.equals(FactDeploymentTable.IS_REWORK)
              ? when(col(FactDeploymentTable.IS_SUCCESSFUL), coalesce(col("_rw"), lit(false))).as(c)
              : perDeployment.col(c));
    }
    return joined.select(out.toArray(Column[]::new));
  }

  /**
   * {@code fact_delivery_daily} rows with {@code rework_deployments} and {@code rework_rate} from the
   * same window's {@code fact_deployment} rows (null where no deployment of the day has an is_rework).
   */
  public static Dataset<Row> withReworkRate(Dataset<Row> daily, Dataset<Row> perDeployment) {
    Dataset<Row> perDay =
        perDeployment
            .groupBy(col(FactDeploymentTable.DATE).as("_rd"), col(FactDeploymentTable.SERVICE).as("_rsv"))
            .agg(
                org.apache.spark.sql.functions.sum(when(col(FactDeploymentTable.IS_REWORK), 1L).when(col(FactDeploymentTable.IS_REWORK).isNotNull(), 0L))
                    .as("_rework"));
    Dataset<Row> joined =
        daily.join(
            perDay,
            daily.col(FactDeliveryDailyTable.DATE).equalTo(col("_rd")).and(daily.col(FactDeliveryDailyTable.SERVICE).equalTo(col("_rsv"))),
            "left");
    java.util.List<Column> out = new java.util.ArrayList<>();
    for (String c : daily.columns()) {
      if (c.equals(FactDeliveryDailyTable.REWORK_DEPLOYMENTS)) {
        out.add(col("_rework").as(c));
      } else if (c.equals(FactDeliveryDailyTable.REWORK_RATE)) {
        out.add(when(daily.col(FactDeliveryDailyTable.DEPLOYMENTS).gt(0), col("_rework").divide(daily.col(FactDeliveryDailyTable.DEPLOYMENTS))).as(c));
      } else {
        out.add(daily.col(c));
      }
    }
    return joined.select(out.toArray(Column[]::new));
  }

  /**
   * One row per local date and service with a finished production deployment attempt: deployment
   * frequency ({@code deployments}, successful ones), {@code failed_deployments} (the others), and the
   * median and p90 lead time of the commits shipped that day (by their deployment's local date; null on a
   * day that shipped no known commit, or when {@code shipments} is null: no commits were read). The
   * change-failure, time-to-value and recovery columns stay null until their sources are read.
   */
  public static Dataset<Row> daily(Dataset<Row> deployments, Dataset<Row> shipments, ZoneId zone, LocalDate from, LocalDate to) {
    return daily(deployments, shipments, null, zone, from, to);
  }

  /**
   * As {@link #daily(Dataset, Dataset, ZoneId, LocalDate, LocalDate)}, with change failure and recovery
   * from {@code attributed} ({@link IncidentFacts#attribute}; null when no incident source is read: the
   * columns stay null). {@code failed_changes}: successful production deployments of the day with an
   * attributed incident (on the deployment's date); {@code change_failure_rate} = failed_changes /
   * deployments (null without a deployment); {@code recovery_time_p50_hours}: median of resolved - started
   * over the attributed incidents resolved that day. A date and service with only such a resolution gets
   * a row too, with 0 deployments.
   */
  public static Dataset<Row> daily(
      Dataset<Row> deployments, Dataset<Row> shipments, Dataset<Row> attributed, ZoneId zone, LocalDate from, LocalDate to) {
    return daily(deployments, shipments, attributed, null, zone, from, to);
  }

  /** As above, with the time-to-value columns from {@code timeToValue} ({@link TimeToValue#daily}; null: not read). */
  public static Dataset<Row> daily(
      Dataset<Row> deployments, Dataset<Row> shipments, Dataset<Row> attributed, Dataset<Row> timeToValue,
      ZoneId zone, LocalDate from, LocalDate to) {
    Column ok = col(DeploymentsTable.IS_SUCCESSFUL);
    Dataset<Row> finished = finishedProduction(deployments, zone, from, to);
    String[] key = {FactDeliveryDailyTable.DATE, FactDeliveryDailyTable.SERVICE};
    Dataset<Row> counts;
    if (attributed != null) {
      Dataset<Row> failed = IncidentFacts.failedChanges(attributed);
      finished =
          finished.join(failed, col(DeploymentsTable.SOURCE_SYSTEM).equalTo(col("_fs")).and(col(DeploymentsTable.DEPLOYMENT_ID).equalTo(col("_fd"))), "left");
      counts =
          finished
              .groupBy(col(FactDeploymentTable.DATE).as(FactDeliveryDailyTable.DATE), col(DeploymentsTable.SERVICE).as(FactDeliveryDailyTable.SERVICE))
              .agg(
                  count(when(ok, 1)).as(FactDeliveryDailyTable.DEPLOYMENTS),
                  count(when(not(ok), 1)).as(FactDeliveryDailyTable.FAILED_DEPLOYMENTS),
                  count(when(ok.and(col("_failed")), 1)).as(FactDeliveryDailyTable.FAILED_CHANGES));
      Dataset<Row> recovery =
          IncidentFacts.attributedOnly(attributed)
              .where(col(IncidentFacts.RESOLVED_AT).isNotNull())
              .withColumn(FactDeliveryDailyTable.DATE, to_date(from_utc_timestamp(col(IncidentFacts.RESOLVED_AT), zone.getId())))
              .where(col(FactDeliveryDailyTable.DATE).between(lit(from), lit(to)))
              .groupBy(col(FactDeliveryDailyTable.DATE), col(IncidentFacts.SERVICE).as(FactDeliveryDailyTable.SERVICE))
              .agg(
                  percentile(Times.nonNegativeSeconds(col(IncidentFacts.STARTED_AT), col(IncidentFacts.RESOLVED_AT)).divide(3600.0), lit(0.5))
                      .as(FactDeliveryDailyTable.RECOVERY_TIME_P50_HOURS));
      counts =
          counts
              .join(recovery, key, "full")
              .na()
              .fill(0L, new String[] {FactDeliveryDailyTable.DEPLOYMENTS, FactDeliveryDailyTable.FAILED_DEPLOYMENTS, FactDeliveryDailyTable.FAILED_CHANGES})
              .withColumn(
                  FactDeliveryDailyTable.CHANGE_FAILURE_RATE,
                  when(col(FactDeliveryDailyTable.DEPLOYMENTS).gt(0),
                      col(FactDeliveryDailyTable.FAILED_CHANGES).divide(col(FactDeliveryDailyTable.DEPLOYMENTS))));
    } else {
      counts =
          finished
              .groupBy(col(FactDeploymentTable.DATE).as(FactDeliveryDailyTable.DATE), col(DeploymentsTable.SERVICE).as(FactDeliveryDailyTable.SERVICE))
              .agg(count(when(ok, 1)).as(FactDeliveryDailyTable.DEPLOYMENTS), count(when(not(ok), 1)).as(FactDeliveryDailyTable.FAILED_DEPLOYMENTS))
              .withColumn(FactDeliveryDailyTable.FAILED_CHANGES, lit(null).cast("long"))
              .withColumn(FactDeliveryDailyTable.CHANGE_FAILURE_RATE, lit(null).cast("double"))
              .withColumn(FactDeliveryDailyTable.RECOVERY_TIME_P50_HOURS, lit(null).cast("double"));
    }
    if (shipments != null) {
      Dataset<Row> lead =
          shipments
              .where(col(CommitShipmentsTable.IS_SHIPPED))
              .groupBy(
                  to_date(from_utc_timestamp(col(CommitShipmentsTable.DEPLOYED_AT), zone.getId())).as(FactDeliveryDailyTable.DATE),
                  col(CommitShipmentsTable.SERVICE).as(FactDeliveryDailyTable.SERVICE))
              .agg(
                  percentile(col(CommitShipmentsTable.LEAD_TIME_HOURS), lit(0.5)).as(FactDeliveryDailyTable.LEAD_TIME_P50_HOURS),
                  percentile(col(CommitShipmentsTable.LEAD_TIME_HOURS), lit(0.9)).as(FactDeliveryDailyTable.LEAD_TIME_P90_HOURS));
      counts = counts.join(lead, new String[] {FactDeliveryDailyTable.DATE, FactDeliveryDailyTable.SERVICE}, "left");
    } else {
      counts =
          counts
              .withColumn(FactDeliveryDailyTable.LEAD_TIME_P50_HOURS, lit(null).cast("double"))
              .withColumn(FactDeliveryDailyTable.LEAD_TIME_P90_HOURS, lit(null).cast("double"));
    }
    if (timeToValue != null) {
      counts = counts.join(timeToValue, key, "left");
    } else {
      counts =
          counts
              .withColumn(FactDeliveryDailyTable.TIME_TO_VALUE_P50_HOURS, lit(null).cast("double"))
              .withColumn(FactDeliveryDailyTable.TIME_TO_VALUE_P90_HOURS, lit(null).cast("double"));
    }
    return counts
        .select(
            col(FactDeliveryDailyTable.DATE),
            col(FactDeliveryDailyTable.SERVICE),
            col(FactDeliveryDailyTable.DEPLOYMENTS),
            col(FactDeliveryDailyTable.FAILED_DEPLOYMENTS),
            col(FactDeliveryDailyTable.FAILED_CHANGES),
            col(FactDeliveryDailyTable.CHANGE_FAILURE_RATE),
            col(FactDeliveryDailyTable.LEAD_TIME_P50_HOURS),
            col(FactDeliveryDailyTable.LEAD_TIME_P90_HOURS),
            col(FactDeliveryDailyTable.TIME_TO_VALUE_P50_HOURS),
            col(FactDeliveryDailyTable.TIME_TO_VALUE_P90_HOURS),
            col(FactDeliveryDailyTable.RECOVERY_TIME_P50_HOURS),
            lit(null).cast("long").as(FactDeliveryDailyTable.REWORK_DEPLOYMENTS),
            lit(null).cast("double").as(FactDeliveryDailyTable.REWORK_RATE));
  }
}
