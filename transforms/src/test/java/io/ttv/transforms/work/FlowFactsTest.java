package io.ttv.transforms.work;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.ts;

import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.FactFlowDailyTable;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.schemas.tables.WorkItemTransitionsTable;
import io.ttv.schemas.tables.WorkItemsTable;
import io.ttv.testing.TableRows;
import io.ttv.testing.TestSpark;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** fact_flow_daily (contract 6.5) worked by hand. */
class FlowFactsTest {

  // payments works in Asia/Tokyo (UTC+9, no DST); items of no team count in the reporting zone (UTC)
  static final TtvConfig CONFIG =
      ConfigLoader.parse(
          """
          {"warehouse": "file:///tmp/w", "landing": "file:///tmp/l", "reporting_timezone": "UTC",
           "teams": [{"name": "payments", "timezone": "Asia/Tokyo"}]}
          """,
          "test");

  private static Row item(String system, String key, String team, String type, int level, String category, String created, String done) {
    Map<String, Object> v = new HashMap<>();
    v.put(WorkItemsTable.SOURCE_SYSTEM, system);
    v.put(WorkItemsTable.KEY, key);
    v.put(WorkItemsTable.ITEM_ID, key);
    v.put(WorkItemsTable.FLOW_ITEM_TYPE, type);
    v.put(WorkItemsTable.ISSUE_TYPE_LEVEL, system.equals("jira") ? level : null);
    v.put(WorkItemsTable.IS_INCIDENT, false);
    v.put(WorkItemsTable.STATUS, category);
    v.put(WorkItemsTable.STATUS_CATEGORY, category);
    v.put(WorkItemsTable.CREATED_AT, ts(created));
    v.put(WorkItemsTable.DONE_AT, done == null ? null : ts(done));
    v.put(WorkItemsTable.COMPONENTS, List.of());
    v.put(WorkItemsTable.LABELS, List.of());
    v.put(WorkItemsTable.TEAM, team);
    v.put(WorkItemsTable.IS_SUBTASK, false);
    v.put(LineageColumns.EXPORT_DATE, Date.valueOf("2026-03-12"));
    v.put(LineageColumns.SOURCE_FILE, "issues.json");
    v.put(LineageColumns.SOURCE_POSITION, 0L);
    return TableRows.row(WorkItemsTable.SCHEMA, v);
  }

  private static final List<Row> TRANSITIONS = new ArrayList<>();

  private static void moved(String key, String at, String from, String to) {
    Map<String, Object> v = new HashMap<>();
    v.put(WorkItemTransitionsTable.SOURCE_SYSTEM, "jira");
    v.put(WorkItemTransitionsTable.KEY, key);
    v.put(WorkItemTransitionsTable.TRANSITION_ID, key + "-" + at);
    v.put(WorkItemTransitionsTable.AT, ts(at));
    v.put(WorkItemTransitionsTable.FROM_CATEGORY, from);
    v.put(WorkItemTransitionsTable.TO_CATEGORY, to);
    v.put(LineageColumns.EXPORT_DATE, Date.valueOf("2026-03-12"));
    v.put(LineageColumns.SOURCE_FILE, "issues.json");
    v.put(LineageColumns.SOURCE_POSITION, 0L);
    TRANSITIONS.add(TableRows.row(WorkItemTransitionsTable.SCHEMA, v));
  }

  @Test
  void velocityFlowTimeEfficiencyLoadAndDistribution() {
    var spark = TestSpark.session();
    String todo = "todo", active = "active", waiting = "waiting", done = "done";
    TRANSITIONS.clear();
    // A, feature, reopened then done. created 03-01 00:00Z
    //   03-02 todo->active | 03-04 active->waiting | 03-05 waiting->done | 03-07 done->active (reopen) | 03-10 06:00Z active->done
    //   start 03-02 00:00Z, final done 03-10 06:00Z (15:00 Tokyo, 03-10): flow = 8.25 d
    //   active: 03-02..03-04 (2 d) + 03-07..03-10 06:00 (3.25 d) = 5.25 d; waiting 1 d and the 2 d done before the reopen are not
    moved("A", "2026-03-02T00:00:00Z", todo, active);
    moved("A", "2026-03-04T00:00:00Z", active, waiting);
    moved("A", "2026-03-05T00:00:00Z", waiting, done);
    moved("A", "2026-03-07T00:00:00Z", done, active);
    moved("A", "2026-03-10T06:00:00Z", active, done);
    // B, defect: start 03-08 12:00Z, active 0.5 d, waiting 1 d, done 03-10 00:00Z (09:00 Tokyo): flow 1.5 d, efficiency 0.5/1.5
    moved("B", "2026-03-08T12:00:00Z", todo, active);
    moved("B", "2026-03-09T00:00:00Z", active, waiting);
    moved("B", "2026-03-10T00:00:00Z", waiting, done);
    // C, feature, started 03-10 15:30Z = 03-11 00:30 in Tokyo: not in load at the end of 03-10 (15:00Z), in load 03-11 and 03-12
    moved("C", "2026-03-10T15:30:00Z", todo, active);
    // D, feature, done 03-03 then reopened 03-09 and still open: not done, in load every day
    moved("D", "2026-03-02T00:00:00Z", todo, active);
    moved("D", "2026-03-03T00:00:00Z", active, done);
    moved("D", "2026-03-09T00:00:00Z", done, active);
    // E, feature, done 03-05 (before the window): only in the trailing 28 days' distribution
    moved("E", "2026-03-01T12:00:00Z", todo, active);
    moved("E", "2026-03-05T00:00:00Z", active, done);
    // F, an epic done 03-10: not a flow item
    moved("F", "2026-03-02T00:00:00Z", todo, active);
    moved("F", "2026-03-10T01:00:00Z", active, done);
    Dataset<Row> items =
        spark.createDataFrame(
            List.of(
                item("jira", "A", "payments", "feature", 0, done, "2026-03-01T00:00:00Z", "2026-03-10T06:00:00Z"),
                item("jira", "B", "payments", "defect", 0, done, "2026-03-08T00:00:00Z", "2026-03-10T00:00:00Z"),
                item("jira", "C", "payments", "feature", 0, active, "2026-03-09T00:00:00Z", null),
                item("jira", "D", "payments", "feature", 0, active, "2026-03-01T00:00:00Z", null),
                item("jira", "E", "payments", "feature", 0, done, "2026-03-01T00:00:00Z", "2026-03-05T00:00:00Z"),
                item("jira", "F", "payments", "feature", 1, done, "2026-03-01T00:00:00Z", "2026-03-10T01:00:00Z"),
                // G, a GitHub issue of no team (UTC), closed 03-11 10:00Z: velocity, but no start, so no flow time
                item("github", "o/r#7", "unassigned", "feature", 0, done, "2026-03-01T00:00:00Z", "2026-03-11T10:00:00Z")),
            WorkItemsTable.SCHEMA);
    Dataset<Row> transitions = spark.createDataFrame(TRANSITIONS, WorkItemTransitionsTable.SCHEMA);

    Dataset<Row> fact = FlowFacts.daily(items, transitions, CONFIG, LocalDate.parse("2026-03-10"), LocalDate.parse("2026-03-12"));

    // distribution: payments finished A, B (03-10) and E (03-05) in every window's D-27..D: feature 2/3, defect 1/3
    double twoThirds = 2.0 / 3, third = 1.0 / 3;
    assertRows(
        fact,
        FactFlowDailyTable.SCHEMA.fieldNames(),
        new Object[] {Date.valueOf("2026-03-10"), "payments", "feature", 1L, 8.25, 8.25, 5.25 / 8.25, 1L, twoThirds},
        new Object[] {Date.valueOf("2026-03-10"), "payments", "defect", 1L, 1.5, 1.5, 0.5 / 1.5, 0L, third},
        new Object[] {Date.valueOf("2026-03-11"), "payments", "feature", 0L, null, null, null, 2L, twoThirds},
        new Object[] {Date.valueOf("2026-03-11"), "payments", "defect", 0L, null, null, null, 0L, third},
        new Object[] {Date.valueOf("2026-03-12"), "payments", "feature", 0L, null, null, null, 2L, twoThirds},
        new Object[] {Date.valueOf("2026-03-12"), "payments", "defect", 0L, null, null, null, 0L, third},
        new Object[] {Date.valueOf("2026-03-11"), "unassigned", "feature", 1L, null, null, null, 0L, 1.0},
        new Object[] {Date.valueOf("2026-03-12"), "unassigned", "feature", 0L, null, null, null, 0L, 1.0});
  }
}
