package io.ttv.transforms.delivery;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import io.ttv.schemas.config.Service;
import io.ttv.schemas.tables.DeploymentsTable;
import io.ttv.schemas.tables.IncidentsTable;
import io.ttv.schemas.tables.WorkItemsTable;
import io.ttv.transforms.common.ServiceMapping;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Change failure and recovery (contract 6.4): each incident is attributed to the latest successful
 * production deployment of the same service finished before the incident started; a deployment with
 * an attributed incident is a failed change.
 */
public final class IncidentFacts {
  private IncidentFacts() {}

  /** Columns of an incident as the attribution reads it (from PagerDuty or a Jira incident item). */
  public static final String SOURCE_SYSTEM = "incident_source_system";
  public static final String INCIDENT_ID = "incident_id";
  public static final String SERVICE = "service";
  public static final String STARTED_AT = "started_at";
  public static final String RESOLVED_AT = "resolved_at";
  /** The attributed deployment (null: no successful production deployment of the service before it). */
  public static final String DEPLOYMENT_SOURCE_SYSTEM = "deployment_source_system";
  public static final String DEPLOYMENT_ID = "deployment_id";

  /**
   * Every incident with a service: PagerDuty's ({@code incidents}, service by {@code pagerduty_services})
   * and the Jira or GitHub work items of an {@code incident_types} type (service by the first component
   * some {@code jira_components} lists; started = created, resolved = resolved, else done). Either input
   * may be null (that source is not read). Incidents without a service cannot be attributed: left out.
   */
  public static Dataset<Row> incidents(Dataset<Row> incidents, Dataset<Row> workItems, List<Service> services) {
    Dataset<Row> out = null;
    if (incidents != null) {
      out =
          incidents.select(
              col(IncidentsTable.SOURCE_SYSTEM).as(SOURCE_SYSTEM),
              col(IncidentsTable.INCIDENT_ID).as(INCIDENT_ID),
              col(IncidentsTable.SERVICE).as(SERVICE),
              col(IncidentsTable.STARTED_AT).as(STARTED_AT),
              col(IncidentsTable.RESOLVED_AT).as(RESOLVED_AT));
    }
    if (workItems != null) {
      Dataset<Row> items =
          workItems
              .where(col(WorkItemsTable.IS_INCIDENT))
              .select(
                  col(WorkItemsTable.SOURCE_SYSTEM).as(SOURCE_SYSTEM),
                  col(WorkItemsTable.KEY).as(INCIDENT_ID),
                  ServiceMapping.serviceOfJiraComponents(col(WorkItemsTable.COMPONENTS), services).as(SERVICE),
                  col(WorkItemsTable.CREATED_AT).as(STARTED_AT),
                  coalesce(col(WorkItemsTable.RESOLVED_AT), col(WorkItemsTable.DONE_AT)).as(RESOLVED_AT));
      out = out == null ? items : out.unionByName(items);
    }
    return out == null ? null : out.where(col(SERVICE).isNotNull().and(col(STARTED_AT).isNotNull()));
  }

  /**
   * {@link #incidents} with the deployment each is attributed to: the latest successful production
   * deployment of its service whose {@code finished_at} is before the incident's start (null when none).
   */
  public static Dataset<Row> attribute(Dataset<Row> incidents, Dataset<Row> deployments) {
    Dataset<Row> ok =
        deployments
            .where(col(DeploymentsTable.IS_PRODUCTION).and(col(DeploymentsTable.IS_SUCCESSFUL)).and(col(DeploymentsTable.FINISHED_AT).isNotNull()))
            .select(
                col(DeploymentsTable.SERVICE).as("_service"),
                col(DeploymentsTable.SOURCE_SYSTEM).as(DEPLOYMENT_SOURCE_SYSTEM),
                col(DeploymentsTable.DEPLOYMENT_ID).as(DEPLOYMENT_ID),
                col(DeploymentsTable.FINISHED_AT).as("_finished"));
    Dataset<Row> candidates =
        incidents.join(ok, col(SERVICE).equalTo(col("_service")).and(col("_finished").lt(col(STARTED_AT))), "left");
    return candidates
        .withColumn(
            "_n",
            row_number()
                .over(Window.partitionBy(col(SOURCE_SYSTEM), col(INCIDENT_ID))
                    .orderBy(col("_finished").desc_nulls_last(), col(DEPLOYMENT_SOURCE_SYSTEM).desc(), col(DEPLOYMENT_ID).desc())))
        .where(col("_n").equalTo(1))
        .select(col(SOURCE_SYSTEM), col(INCIDENT_ID), col(SERVICE), col(STARTED_AT), col(RESOLVED_AT), col(DEPLOYMENT_SOURCE_SYSTEM), col(DEPLOYMENT_ID));
  }

  /** The attributed ones only (an incident before any deployment of its service is not a failed change). */
  public static Dataset<Row> attributedOnly(Dataset<Row> attributed) {
    return attributed.where(col(DEPLOYMENT_ID).isNotNull());
  }

  static Dataset<Row> failedChanges(Dataset<Row> attributed) {
    return attributedOnly(attributed)
        .select(col(DEPLOYMENT_SOURCE_SYSTEM).as("_fs"), col(DEPLOYMENT_ID).as("_fd"))
        .distinct()
        .withColumn("_failed", lit(true));
  }
}
