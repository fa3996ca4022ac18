package io.ttv.jobs.publish;

import io.ttv.schemas.TableDef;
import io.ttv.schemas.Tables;
import io.ttv.schemas.tables.DeploymentsTable;
import io.ttv.schemas.tables.IncidentsTable;
import io.ttv.schemas.tables.PullRequestsTable;
import io.ttv.schemas.tables.ReposTable;
import io.ttv.schemas.tables.WorkItemsTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What {@code ttv publish} copies to the BI database (docs/bi.md lists it): every fact table (each
 * replaced over the run's recomputed dates), every dimension, and a few normalised tables analysts drill
 * into from a fact row. The normalised tables are copied whole: their rows change over their whole life (a
 * pull request opened in March is merged in May), so no date range says which rows a run changed; the
 * set is kept to tables whose size grows with people's work, not with CI traffic ({@code ci_runs} and
 * {@code ci_jobs} stay in the warehouse, where Trino reads them in place).
 */
public final class PublishedTables {
  private PublishedTables() {}

  /** The normalised tables that are published (whole), as documented in docs/bi.md. */
  public static final Set<String> NORMALISED =
      Set.of(ReposTable.NAME, DeploymentsTable.NAME, PullRequestsTable.NAME, WorkItemsTable.NAME, IncidentsTable.NAME);

  /** The column whose date range a run replaces; tables without one are replaced whole. */
  public static final String DATE = "date";

  /**
   * One published table.
   *
   * @param rangeColumn the date column a run's range replacement applies to, or null: replaced whole
   */
  public record Published(TableDef def, String rangeColumn) {
    public String name() {
      return def.name();
    }

    public boolean isRanged() {
      return rangeColumn != null;
    }
  }

  public static List<Published> all() {
    List<Published> out = new ArrayList<>();
    for (TableDef t : Tables.all()) {
      boolean published =
          t.layer() == TableDef.Layer.FACT || t.layer() == TableDef.Layer.DIMENSION
              || (t.layer() == TableDef.Layer.NORMALISED && NORMALISED.contains(t.name()));
      if (published) {
        out.add(new Published(t, t.partitionColumns().contains(DATE) ? DATE : null));
      }
    }
    return List.copyOf(out);
  }
}
