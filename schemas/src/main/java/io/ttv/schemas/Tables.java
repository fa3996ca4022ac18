package io.ttv.schemas;

import io.ttv.schemas.raw.SourceDataset;
import io.ttv.schemas.raw.SourceDatasets;
import io.ttv.schemas.tables.CalendarAttendanceTable;
import io.ttv.schemas.tables.CalendarEventsTable;
import io.ttv.schemas.tables.CalendarsTable;
import io.ttv.schemas.tables.CiJobsTable;
import io.ttv.schemas.tables.CiRunsTable;
import io.ttv.schemas.tables.DimDateTable;
import io.ttv.schemas.tables.DimServiceTable;
import io.ttv.schemas.tables.IdentitiesTable;
import io.ttv.schemas.tables.PeopleTable;
import io.ttv.schemas.tables.ReposTable;
import io.ttv.schemas.tables.TeamsTable;
import io.ttv.schemas.tables.CommitShipmentsTable;
import io.ttv.schemas.tables.DeploymentWalksTable;
import io.ttv.schemas.tables.CommitsTable;
import io.ttv.schemas.tables.DeploymentStatusesTable;
import io.ttv.schemas.tables.DeploymentsTable;
import io.ttv.schemas.tables.FactChangeTable;
import io.ttv.schemas.tables.FactCiDailyTable;
import io.ttv.schemas.tables.FactDeliveryDailyTable;
import io.ttv.schemas.tables.FactDeploymentTable;
import io.ttv.schemas.tables.FactFlowDailyTable;
import io.ttv.schemas.tables.FactPersonDayTable;
import io.ttv.schemas.tables.FactFrictionDailyTable;
import io.ttv.schemas.tables.FrictionIntervalsTable;
import io.ttv.schemas.tables.IncidentLogEntriesTable;
import io.ttv.schemas.tables.IncidentsTable;
import io.ttv.schemas.tables.PrReviewsTable;
import io.ttv.schemas.tables.PullRequestsTable;
import io.ttv.schemas.tables.PullRequestCommitsTable;
import io.ttv.schemas.tables.QuarantineTable;
import io.ttv.schemas.tables.RawTables;
import io.ttv.schemas.tables.TtvRunsTable;
import io.ttv.schemas.tables.WorkItemTransitionsTable;
import io.ttv.schemas.tables.WorkItemsTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every table of the warehouse, in data-flow order; the data dictionary and the query catalog read this. */
public final class Tables {
  private Tables() {}

  public static List<TableDef> all() {
    List<TableDef> tables = new ArrayList<>();
    for (SourceDataset d : SourceDatasets.supported()) {
      tables.add(RawTables.table(d.system(), d.dataset()));
    }
    tables.add(QuarantineTable.TABLE);
    tables.add(TtvRunsTable.TABLE);
    tables.add(TeamsTable.TABLE);
    tables.add(PeopleTable.TABLE);
    tables.add(IdentitiesTable.TABLE);
    tables.add(ReposTable.TABLE);
    tables.add(CiRunsTable.TABLE);
    tables.add(CiJobsTable.TABLE);
    tables.add(DeploymentStatusesTable.TABLE);
    tables.add(DeploymentsTable.TABLE);
    tables.add(IncidentLogEntriesTable.TABLE);
    tables.add(IncidentsTable.TABLE);
    tables.add(CommitsTable.TABLE);
    tables.add(PullRequestCommitsTable.TABLE);
    tables.add(PullRequestsTable.TABLE);
    tables.add(PrReviewsTable.TABLE);
    tables.add(WorkItemsTable.TABLE);
    tables.add(WorkItemTransitionsTable.TABLE);
    tables.add(CalendarsTable.TABLE);
    tables.add(CalendarEventsTable.TABLE);
    tables.add(CalendarAttendanceTable.TABLE);
    tables.add(CommitShipmentsTable.TABLE);
    tables.add(DeploymentWalksTable.TABLE);
    tables.add(FactCiDailyTable.TABLE);
    tables.add(FactDeploymentTable.TABLE);
    tables.add(FactDeliveryDailyTable.TABLE);
    tables.add(FactChangeTable.TABLE);
    tables.add(FactFlowDailyTable.TABLE);
    tables.add(FactPersonDayTable.TABLE);
    tables.add(FrictionIntervalsTable.TABLE);
    tables.add(FactFrictionDailyTable.TABLE);
    tables.add(DimDateTable.TABLE);
    tables.add(PeopleTable.DIM);
    tables.add(TeamsTable.DIM);
    tables.add(DimServiceTable.TABLE);
    return List.copyOf(tables);
  }

  public static Optional<TableDef> byName(String name) {
    return all().stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
