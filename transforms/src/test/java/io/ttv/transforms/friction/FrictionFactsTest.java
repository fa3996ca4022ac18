package io.ttv.transforms.friction;

import static io.ttv.testing.RawFixtures.date;
import static io.ttv.testing.RawFixtures.ts;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.CiJobsTable;
import io.ttv.schemas.tables.CiRunsTable;
import io.ttv.schemas.tables.DeploymentsTable;
import io.ttv.schemas.tables.FactFrictionDailyTable;
import io.ttv.schemas.tables.FactPersonDayTable;
import io.ttv.schemas.tables.FrictionIntervalsTable;
import io.ttv.schemas.tables.IncidentLogEntriesTable;
import io.ttv.schemas.tables.IncidentsTable;
import io.ttv.schemas.tables.PrReviewsTable;
import io.ttv.schemas.tables.PullRequestsTable;
import io.ttv.schemas.tables.WorkItemTransitionsTable;
import io.ttv.schemas.tables.WorkItemsTable;
import io.ttv.testing.DatasetAssert;
import io.ttv.testing.TableRows;
import io.ttv.testing.TestSpark;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * fact_friction_daily and friction_intervals worked by hand (contract 6.7). March 2026: Berlin (payments)
 * is UTC+1 until Sunday 2026-03-29 02:00, then UTC+2; New York (platform) is UTC-4 from 2026-03-08. Mon
 * 2026-03-23 .. Fri 2026-03-27 are working days; working hours 09:00-17:00 local. The reporting zone (and
 * so unassigned's) is UTC.
 */
class FrictionFactsTest {

  private static final TtvConfig CFG =
      ConfigLoader.parse(
          """
          {"warehouse": "/tmp/w", "landing": "/tmp/l", "reporting_timezone": "UTC",
           "teams": [
             {"name": "payments", "timezone": "Europe/Berlin"},
             {"name": "platform", "timezone": "America/New_York"}],
           "people": [
             {"id": "ana", "team": "payments", "github": ["ana-dev"], "gitlab": ["ana"], "pagerduty": ["PANA"]},
             {"id": "ben", "team": "platform", "github": ["ben-dev"]}],
           "services": [
             {"name": "billing-api", "team": "payments", "repos": ["northwind/billing-api", "northwind/billing-web"]}],
           "cost": {"hourly_rate": 100.0, "currency": "EUR"}}
          """,
          "test.json");

  // ---- tiny rows: the columns a crack reads, every other column null ----

  private static Row item(String key, String team, String title, List<String> labels) {
    Map<String, Object> v = new HashMap<>();
    v.put(WorkItemsTable.SOURCE_SYSTEM, "jira");
    v.put(WorkItemsTable.KEY, key);
    v.put(WorkItemsTable.ITEM_ID, key);
    v.put(WorkItemsTable.TITLE, title);
    v.put(WorkItemsTable.FLOW_ITEM_TYPE, "feature");
    v.put(WorkItemsTable.IS_INCIDENT, false);
    v.put(WorkItemsTable.STATUS, "Done");
    v.put(WorkItemsTable.STATUS_CATEGORY, "done");
    v.put(WorkItemsTable.CREATED_AT, ts("2026-03-01T00:00:00Z"));
    v.put(WorkItemsTable.COMPONENTS, List.of());
    v.put(WorkItemsTable.TEAM, team);
    v.put(WorkItemsTable.LABELS, labels);
    v.put(WorkItemsTable.IS_SUBTASK, false);
    return TableRows.row(WorkItemsTable.SCHEMA, v);
  }

  /** A transition into {@code to} (category {@code category}) at {@code at}; status ids are the names. */
  private static Row moved(String key, String id, String at, String from, String to, String category) {
    return movedWithIds(key, id, at, from, from, to, to, category);
  }

  /** A transition with status ids of its own (a status renamed keeps its id). */
  private static Row movedWithIds(String key, String id, String at, String from, String fromId, String to, String toId, String category) {
    Map<String, Object> v = new HashMap<>();
    v.put(WorkItemTransitionsTable.SOURCE_SYSTEM, "jira");
    v.put(WorkItemTransitionsTable.KEY, key);
    v.put(WorkItemTransitionsTable.TRANSITION_ID, id);
    v.put(WorkItemTransitionsTable.AT, ts(at));
    v.put(WorkItemTransitionsTable.FROM_STATUS, from);
    v.put(WorkItemTransitionsTable.FROM_STATUS_ID, fromId);
    v.put(WorkItemTransitionsTable.FROM_CATEGORY, "todo");
    v.put(WorkItemTransitionsTable.TO_STATUS, to);
    v.put(WorkItemTransitionsTable.TO_STATUS_ID, toId);
    v.put(WorkItemTransitionsTable.TO_CATEGORY, category);
    return TableRows.row(WorkItemTransitionsTable.SCHEMA, v);
  }

  private static Row run(String system, String id, int attempt, String actor, String branch, boolean pr, String created, String finished) {
    Map<String, Object> v = new HashMap<>();
    v.put(CiRunsTable.SOURCE_SYSTEM, system);
    v.put(CiRunsTable.RUN_ID, id);
    v.put(CiRunsTable.RUN_ATTEMPT, attempt);
    v.put(CiRunsTable.REPO, "northwind/billing-api");
    v.put(CiRunsTable.WORKFLOW, "ci");
    v.put(CiRunsTable.BRANCH, branch);
    v.put(CiRunsTable.ACTOR, actor);
    v.put(CiRunsTable.IS_PULL_REQUEST, pr);
    v.put(CiRunsTable.CREATED_AT, ts(created));
    v.put(CiRunsTable.STARTED_AT, ts(created));
    v.put(CiRunsTable.FINISHED_AT, finished == null ? null : ts(finished));
    v.put(CiRunsTable.IS_RERUN, attempt > 1);
    v.put(CiRunsTable.HAS_TIMING, true);
    return TableRows.row(CiRunsTable.SCHEMA, v);
  }

  private static Row job(String system, String id, String runId, String name, boolean gate, boolean passed, String started, String completed, Double waitSeconds) {
    Map<String, Object> v = new HashMap<>();
    v.put(CiJobsTable.SOURCE_SYSTEM, system);
    v.put(CiJobsTable.JOB_ID, id);
    v.put(CiJobsTable.RUN_ID, runId);
    v.put(CiJobsTable.RUN_ATTEMPT, 1);
    v.put(CiJobsTable.REPO, "northwind/billing-api");
    v.put(CiJobsTable.NAME_COL, name);
    v.put(CiJobsTable.STARTED_AT, started == null ? null : ts(started));
    v.put(CiJobsTable.COMPLETED_AT, completed == null ? null : ts(completed));
    v.put(CiJobsTable.IS_MANUAL_GATE, gate);
    v.put(CiJobsTable.IS_GATE_PASSED, passed);
    v.put(CiJobsTable.GATE_WAIT_SECONDS, waitSeconds);
    v.put(CiJobsTable.IS_RETRIED, false);
    return TableRows.row(CiJobsTable.SCHEMA, v);
  }

  private static Row githubGate(String id, String environment, String waitingAt, Double waitSeconds) {
    Map<String, Object> v = new HashMap<>();
    v.put(DeploymentsTable.SOURCE_SYSTEM, "github");
    v.put(DeploymentsTable.DEPLOYMENT_ID, id);
    v.put(DeploymentsTable.REPO, "northwind/billing-api");
    v.put(DeploymentsTable.SERVICE, "billing-api");
    v.put(DeploymentsTable.ENVIRONMENT, environment);
    v.put(DeploymentsTable.IS_PRODUCTION, false);
    v.put(DeploymentsTable.CREATED_AT, ts(waitingAt));
    v.put(DeploymentsTable.IS_SUCCESSFUL, true);
    v.put(DeploymentsTable.IS_MANUAL_GATE, true);
    v.put(DeploymentsTable.IS_GATE_PASSED, waitSeconds != null);
    v.put(DeploymentsTable.GATE_STARTED_AT, ts(waitingAt));
    v.put(DeploymentsTable.GATE_WAIT_SECONDS, waitSeconds);
    return TableRows.row(DeploymentsTable.SCHEMA, v);
  }

  /** {@code row} of {@code schema} with some columns replaced. */
  private static Row with(StructType schema, Row row, Map<String, Object> changes) {
    Map<String, Object> v = new HashMap<>();
    for (int k = 0; k < row.size(); k++) {
      v.put(schema.fieldNames()[k], row.get(k));
    }
    v.putAll(changes);
    return TableRows.row(schema, v);
  }

  /** A GitLab job of {@code repo} that deploys to {@code environment} (a deployment's deployable). */
  private static Row deployJob(String id, String runId, String repo, String name, String environment, boolean gate, boolean passed, String started, Double waitSeconds) {
    Row j = job("gitlab", id, runId, name, gate, passed, started, started, waitSeconds);
    return with(CiJobsTable.SCHEMA, j, Map.of(CiJobsTable.REPO, repo, CiJobsTable.ENVIRONMENT, environment));
  }

  /** A GitHub deployment created at {@code created} that never waited for a reviewer. */
  private static Row githubDeployment(String id, String environment, String created) {
    Map<String, Object> ungated = new HashMap<>();
    ungated.put(DeploymentsTable.IS_MANUAL_GATE, false);
    ungated.put(DeploymentsTable.IS_GATE_PASSED, false);
    ungated.put(DeploymentsTable.GATE_STARTED_AT, null);
    return with(DeploymentsTable.SCHEMA, githubGate(id, environment, created, null), ungated);
  }

  private static Row pull(long number, String title, String author, boolean bot, String created, String merged, List<String> keys) {
    Map<String, Object> v = new HashMap<>();
    v.put(PullRequestsTable.SOURCE_SYSTEM, "github");
    v.put(PullRequestsTable.REPO, "northwind/billing-api");
    v.put(PullRequestsTable.NUMBER, number);
    v.put(PullRequestsTable.TITLE, title);
    v.put(PullRequestsTable.STATE, merged == null ? "open" : "merged");
    v.put(PullRequestsTable.AUTHOR_PERSON_ID, author);
    v.put(PullRequestsTable.IS_BOT, bot);
    v.put(PullRequestsTable.IS_DRAFT, false);
    v.put(PullRequestsTable.CREATED_AT, ts(created));
    v.put(PullRequestsTable.MERGED_AT, merged == null ? null : ts(merged));
    v.put(PullRequestsTable.WORK_ITEM_KEYS, keys);
    return TableRows.row(PullRequestsTable.SCHEMA, v);
  }

  private static Row review(long number, String id, String reviewer, String at) {
    Map<String, Object> v = new HashMap<>();
    v.put(PrReviewsTable.SOURCE_SYSTEM, "github");
    v.put(PrReviewsTable.REPO, "northwind/billing-api");
    v.put(PrReviewsTable.REVIEW_ID, id);
    v.put(PrReviewsTable.PR_NUMBER, number);
    v.put(PrReviewsTable.REVIEWER_PERSON_ID, reviewer);
    v.put(PrReviewsTable.REVIEWER_IS_BOT, false);
    v.put(PrReviewsTable.STATE, "commented");
    v.put(PrReviewsTable.SUBMITTED_AT, ts(at));
    return TableRows.row(PrReviewsTable.SCHEMA, v);
  }

  private static Row incident(String id, String title, String started, String resolved, List<String> responders) {
    Map<String, Object> v = new HashMap<>();
    v.put(IncidentsTable.SOURCE_SYSTEM, "pagerduty");
    v.put(IncidentsTable.INCIDENT_ID, id);
    v.put(IncidentsTable.TITLE, title);
    v.put(IncidentsTable.STATUS, "resolved");
    v.put(IncidentsTable.STARTED_AT, ts(started));
    v.put(IncidentsTable.RESOLVED_AT, resolved == null ? null : ts(resolved));
    v.put(IncidentsTable.RESPONDERS, responders);
    v.put(IncidentsTable.IS_OPEN, resolved == null);
    return TableRows.row(IncidentsTable.SCHEMA, v);
  }

  private static Row logEntry(String id, String incident, String type, String at, String agent, List<String> assignees) {
    Map<String, Object> v = new HashMap<>();
    v.put(IncidentLogEntriesTable.SOURCE_SYSTEM, "pagerduty");
    v.put(IncidentLogEntriesTable.LOG_ENTRY_ID, id);
    v.put(IncidentLogEntriesTable.INCIDENT_ID, incident);
    v.put(IncidentLogEntriesTable.TYPE, type);
    v.put(IncidentLogEntriesTable.CREATED_AT, ts(at));
    v.put(IncidentLogEntriesTable.AGENT_PERSON_ID, agent);
    v.put(IncidentLogEntriesTable.ASSIGNEE_PERSON_IDS, assignees);
    return TableRows.row(IncidentLogEntriesTable.SCHEMA, v);
  }

  private static Row personDay(String date, String person, String team, double working, double focus, double deploy, double api, boolean calendar) {
    Map<String, Object> v = new HashMap<>();
    v.put(FactPersonDayTable.DATE, date(date));
    v.put(FactPersonDayTable.PERSON_ID, person);
    v.put(FactPersonDayTable.TEAM, team);
    v.put(FactPersonDayTable.WORKING_HOURS, working);
    v.put(FactPersonDayTable.MEETING_HOURS, working - focus);
    v.put(FactPersonDayTable.FOCUS_HOURS, focus);
    v.put(FactPersonDayTable.FRAGMENTED_HOURS, 0.0);
    v.put(FactPersonDayTable.DEPLOY_PLANNING_MEETING_HOURS, deploy);
    v.put(FactPersonDayTable.CROSS_TEAM_API_MEETING_HOURS, api);
    v.put(FactPersonDayTable.AFTER_HOURS_MEETING_HOURS, 0.0);
    v.put(FactPersonDayTable.HAS_CALENDAR, calendar);
    return TableRows.row(FactPersonDayTable.SCHEMA, v);
  }

  /** Inputs with every table empty except those a test fills in. */
  private static final class Fixture {
    final Map<String, List<Row>> rows = new HashMap<>();
    boolean calendar = true;

    Fixture add(String table, Row... r) {
      rows.computeIfAbsent(table, t -> new ArrayList<>()).addAll(List.of(r));
      return this;
    }

    /** The table's rows under its schema made nullable: a fixture leaves the lineage columns out. */
    private Dataset<Row> ds(String table, StructType schema) {
      StructType nullable =
          new StructType(
              java.util.Arrays.stream(schema.fields())
                  .map(c -> new StructField(c.name(), c.dataType(), true, c.metadata()))
                  .toArray(StructField[]::new));
      return TestSpark.session().createDataFrame(rows.getOrDefault(table, List.of()), nullable);
    }

    FrictionFacts.Inputs inputs() {
      return new FrictionFacts.Inputs(
          ds("work_items", WorkItemsTable.SCHEMA),
          ds("transitions", WorkItemTransitionsTable.SCHEMA),
          ds("ci_runs", CiRunsTable.SCHEMA),
          ds("ci_jobs", CiJobsTable.SCHEMA),
          ds("deployments", DeploymentsTable.SCHEMA),
          ds("pull_requests", PullRequestsTable.SCHEMA),
          ds("pr_reviews", PrReviewsTable.SCHEMA),
          ds("incidents", IncidentsTable.SCHEMA),
          ds("log_entries", IncidentLogEntriesTable.SCHEMA),
          calendar ? ds("person_days", FactPersonDayTable.SCHEMA) : null);
    }
  }

  private static Dataset<Row> intervals(Fixture f, String from, String to) {
    return FrictionFacts.intervals(f.inputs(), CFG, LocalDate.parse(from), LocalDate.parse(to)).cache();
  }

  /** team|date -> column -> value of fact_friction_daily. */
  private static Map<String, Map<String, Object>> cells(Dataset<Row> fact) {
    Map<String, Map<String, Object>> out = new HashMap<>();
    for (Row r : fact.collectAsList()) {
      Map<String, Object> v = new HashMap<>();
      for (String c : fact.columns()) {
        v.put(c, r.getAs(c));
      }
      out.put(r.getAs(FactFrictionDailyTable.TEAM) + "|" + r.getAs(FactFrictionDailyTable.DATE), v);
    }
    return out;
  }

  private static double hours(Map<String, Map<String, Object>> cells, String team, String date, String column) {
    assertThat(cells).containsKey(team + "|" + date);
    Object v = cells.get(team + "|" + date).get(column);
    assertThat(v).as(team + " " + date + " " + column).isNotNull();
    return ((Number) v).doubleValue();
  }

  @Test
  void statusTimeIsClippedAcrossNightsWeekendAndDstAndSplitIntoItsCracks() {
    Fixture f =
        new Fixture()
            .add(
                "work_items",
                item("PAY-1", "payments", "Checkout page", List.of()),
                item("PAY-2", "payments", "Needs a queue", List.of()),
                item("PAY-3", "payments", "New bucket", List.of("Blocked-Infra")),
                item("PAY-4", "payments", "Upgrade netty", List.of()),
                item("PAY-5", "payments", "Rename things", List.of("blocked-infra")))
            .add(
                "transitions",
                // PAY-1 in QA from Fri 16:00 CET (15:00Z) to Mon 10:00 CEST (08:00Z): Fri 16-17 = 1 h, Sat/Sun
                // not working days (Sunday is the DST switch), Mon 09-10 CEST = 1 h
                moved("PAY-1", "t11", "2026-03-27T15:00:00Z", "To Do", "QA", "waiting"),
                moved("PAY-1", "t12", "2026-03-30T08:00:00Z", "QA", "Done", "done"),
                // PAY-2 in "waiting for infra" (case ignored) from Mon 08:00 CEST (06:00Z), still there: Mon
                // 09-17 = 8 h; Tue 2026-03-31 is past the window
                moved("PAY-2", "t21", "2026-03-30T06:00:00Z", "To Do", "waiting for infra", "waiting"),
                // PAY-3 labelled blocked-infra, in a waiting status Fri 14:00-15:00 CET = 1 h infra wait
                moved("PAY-3", "t31", "2026-03-27T13:00:00Z", "To Do", "Blocked", "waiting"),
                moved("PAY-3", "t32", "2026-03-27T14:00:00Z", "Blocked", "In Progress", "active"),
                // ... then active (not a patching item): nothing more
                // PAY-4 (title "Upgrade") active Fri 16:30 CET - Mon 09:30 CEST: 0.5 h + 0.5 h patching
                moved("PAY-4", "t41", "2026-03-27T15:30:00Z", "To Do", "In Progress", "active"),
                moved("PAY-4", "t42", "2026-03-30T07:30:00Z", "In Progress", "Done", "done"),
                // PAY-5 labelled blocked-infra but active, not waiting: missed by the infra rule
                moved("PAY-5", "t51", "2026-03-27T09:00:00Z", "To Do", "In Progress", "active"));
    Dataset<Row> intervals = intervals(f, "2026-03-27", "2026-03-30");
    Map<String, Map<String, Object>> c = cells(FrictionFacts.daily(intervals, FrictionSources.all(), CFG, LocalDate.parse("2026-03-27"), LocalDate.parse("2026-03-30")));

    assertThat(hours(c, "payments", "2026-03-27", "manual_testing_hours")).isCloseTo(1.0, within(1e-9));
    assertThat(hours(c, "payments", "2026-03-28", "manual_testing_hours")).isZero();
    assertThat(hours(c, "payments", "2026-03-29", "manual_testing_hours")).isZero();
    assertThat(hours(c, "payments", "2026-03-30", "manual_testing_hours")).isCloseTo(1.0, within(1e-9));
    assertThat(hours(c, "payments", "2026-03-30", "infra_wait_hours")).isCloseTo(8.0, within(1e-9));
    assertThat(hours(c, "payments", "2026-03-27", "infra_wait_hours")).isCloseTo(1.0, within(1e-9));
    assertThat(hours(c, "payments", "2026-03-27", "patching_hours")).isCloseTo(0.5, within(1e-9));
    assertThat(hours(c, "payments", "2026-03-30", "patching_hours")).isCloseTo(0.5, within(1e-9));
    // the still-open QA-less PAY-2 period names "current" as its source record
    assertThat(intervals.where(col("work_item_key").equalTo("PAY-2")).select("source_record_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactly("current");
    // every team on every date (platform had nothing: zeros), no unassigned row
    assertThat(c).hasSize(8);
    assertThat(hours(c, "platform", "2026-03-28", "friction_hours")).isZero();
    // payments Mon 2026-03-30: 1 + 8 + 0.5 = 9.5 h, x 100 = 950
    assertThat(hours(c, "payments", "2026-03-30", "friction_hours")).isCloseTo(9.5, within(1e-9));
    assertThat(hours(c, "payments", "2026-03-30", "friction_cost")).isCloseTo(950.0, within(1e-6));
  }

  @Test
  void workingTimeOnADstSwitchDayIsElapsedTime() {
    // a team that works every day, 00:00-06:00 in Berlin: the clocks move inside its working hours
    TtvConfig ops =
        ConfigLoader.parse(
            """
            {"warehouse": "/tmp/w", "landing": "/tmp/l", "reporting_timezone": "UTC",
             "teams": [{"name": "ops", "timezone": "Europe/Berlin", "working_hours": {"start": "00:00", "end": "06:00"},
                        "working_days": ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]}]}
            """,
            "ops.json");
    Fixture f =
        new Fixture()
            .add("work_items", item("OPS-1", "ops", "Needs a VPN", List.of()), item("OPS-2", "ops", "Checkout", List.of()))
            .add(
                "transitions",
                // OPS-1 waits for infra from Sat 2026-03-28 23:00 CET (22:00Z) to Sun 08:00 CEST (06:00Z). Sat: 23:00-24:00
                // is outside 00-06: 0 h. Sun 2026-03-29, spring forward at 02:00: 00:00 CET (Sat 23:00Z) to 06:00
                // CEST (Sun 04:00Z) is 5 elapsed hours, not 6
                moved("OPS-1", "t1", "2026-03-28T22:00:00Z", "To Do", "Waiting for Infra", "waiting"),
                moved("OPS-1", "t2", "2026-03-29T06:00:00Z", "Waiting for Infra", "Done", "done"),
                // OPS-2 in QA from Sat 2026-10-24 22:00 CEST (20:00Z) to Sun 13:00 CET (12:00Z). Sun 2026-10-25, fall back
                // at 03:00: 00:00 CEST (Sat 22:00Z) to 06:00 CET (Sun 05:00Z) is 7 elapsed hours
                moved("OPS-2", "t3", "2026-10-24T20:00:00Z", "To Do", "QA", "waiting"),
                moved("OPS-2", "t4", "2026-10-25T12:00:00Z", "QA", "Done", "done"));
    LocalDate from = LocalDate.parse("2026-03-28");
    LocalDate to = LocalDate.parse("2026-10-25");
    Dataset<Row> intervals = FrictionFacts.intervals(f.inputs(), ops, from, to);
    Map<String, Map<String, Object>> c = cells(FrictionFacts.daily(intervals, FrictionSources.all(), ops, from, to));
    assertThat(hours(c, "ops", "2026-03-28", "infra_wait_hours")).isZero();
    assertThat(hours(c, "ops", "2026-03-29", "infra_wait_hours")).isCloseTo(5.0, within(1e-9));
    assertThat(hours(c, "ops", "2026-10-24", "manual_testing_hours")).isZero();
    assertThat(hours(c, "ops", "2026-10-25", "manual_testing_hours")).isCloseTo(7.0, within(1e-9));
  }

  @Test
  void statusesMatchByIdAfterARename() {
    Fixture f =
        new Fixture()
            .add(
                "work_items",
                item("PAY-6", "payments", "Checkout", List.of()),
                item("PAY-7", "payments", "Refunds", List.of()),
                item("PAY-8", "payments", "Receipts", List.of()))
            .add(
                "transitions",
                // PAY-6 in "QA" (status id 10003) Tue 09:00-10:00 CET = 1 h
                movedWithIds("PAY-6", "t61", "2026-03-24T08:00:00Z", "To Do", "1", "QA", "10003", "waiting"),
                movedWithIds("PAY-6", "t62", "2026-03-24T09:00:00Z", "QA", "10003", "Done", "3", "done"),
                // the status was renamed "Quality check": PAY-7 in it (still id 10003) Tue 13:00-15:00 CET = 2 h
                movedWithIds("PAY-7", "t71", "2026-03-24T12:00:00Z", "To Do", "1", "Quality check", "10003", "waiting"),
                movedWithIds("PAY-7", "t72", "2026-03-24T14:00:00Z", "Quality check", "10003", "Done", "3", "done"),
                // PAY-8 in another team's "Quality check" (id 20001), never called QA: not manual testing
                movedWithIds("PAY-8", "t81", "2026-03-24T12:00:00Z", "To Do", "1", "Quality check", "20001", "waiting"),
                movedWithIds("PAY-8", "t82", "2026-03-24T14:00:00Z", "Quality check", "20001", "Done", "3", "done"));
    LocalDate d = LocalDate.parse("2026-03-24");
    Map<String, Map<String, Object>> c = cells(FrictionFacts.daily(intervals(f, "2026-03-24", "2026-03-24"), FrictionSources.all(), CFG, d, d));
    // 1 + 2 = 3 h
    assertThat(hours(c, "payments", "2026-03-24", "manual_testing_hours")).isCloseTo(3.0, within(1e-9));
  }

  @Test
  void jenkinsInputsNeverPassedWaitToTheBuildsEndOrTheWindowsEnd() {
    Fixture f =
        new Fixture()
            .add(
                "ci_runs",
                run("jenkins", "b2", 1, null, "main", false, "2026-03-24T09:00:00Z", "2026-03-24T13:00:00Z"),
                run("jenkins", "b3", 1, null, "main", false, "2026-03-24T14:00:00Z", null))
            .add(
                "ci_jobs",
                // b2's input rejected: from the stage's start Tue 11:00 CET (10:00Z) to the build's end 14:00 CET = 3 h
                // manual deploy
                job("jenkins", "s2", "b2", "Approve release", true, false, "2026-03-24T10:00:00Z", "2026-03-24T10:00:00Z", null),
                // b3 still paused at "Manual QA sign-off" (a testing gate) from 16:00 CET: to the window's end,
                // Tue 16-17 = 1 h manual testing
                job("jenkins", "s3", "b3", "Manual QA sign-off", true, false, "2026-03-24T15:00:00Z", null, null));
    LocalDate d = LocalDate.parse("2026-03-24");
    Map<String, Map<String, Object>> c = cells(FrictionFacts.daily(intervals(f, "2026-03-24", "2026-03-24"), FrictionSources.all(), CFG, d, d));
    assertThat(hours(c, "payments", "2026-03-24", "manual_deploy_hours")).isCloseTo(3.0, within(1e-9));
    assertThat(hours(c, "payments", "2026-03-24", "manual_testing_hours")).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void aRerunWaitsFromItsStartAndAnIncidentWithoutLogEntriesFromItsAcknowledgement() {
    Map<String, Object> rerun = new HashMap<>();
    Row first = run("github", "r7", 2, "ana-dev", "feature/z", false, "2026-03-24T08:00:00Z", "2026-03-24T12:30:00Z");
    for (int k = 0; k < first.size(); k++) {
      rerun.put(CiRunsTable.SCHEMA.fieldNames()[k], first.get(k));
    }
    // the re-run of r7 keeps the run's created_at (08:00Z) but started at 12:00Z: Tue 13:00-13:30 CET = 0.5 h, not 4.5 h
    rerun.put(CiRunsTable.STARTED_AT, ts("2026-03-24T12:00:00Z"));
    Map<String, Object> open = new HashMap<>();
    Row i5 = incident("I5", "queue stuck", "2026-03-24T10:00:00Z", null, List.of("ana"));
    for (int k = 0; k < i5.size(); k++) {
      open.put(IncidentsTable.SCHEMA.fieldNames()[k], i5.get(k));
    }
    // no log entries: ana responds from the acknowledgement, 11:30 CET (10:30Z), and it is still open at the
    // window's end, Tue 24:00 CET (23:00Z): 12.5 h, not clipped; no page, so no after-hours page
    open.put(IncidentsTable.ACKNOWLEDGED_AT, ts("2026-03-24T10:30:00Z"));
    Fixture f =
        new Fixture()
            .add("ci_runs", TableRows.row(CiRunsTable.SCHEMA, rerun))
            .add("incidents", TableRows.row(IncidentsTable.SCHEMA, open));
    LocalDate d = LocalDate.parse("2026-03-24");
    Map<String, Map<String, Object>> c = cells(FrictionFacts.daily(intervals(f, "2026-03-24", "2026-03-24"), FrictionSources.all(), CFG, d, d));
    assertThat(hours(c, "payments", "2026-03-24", "build_wait_hours")).isCloseTo(0.5, within(1e-9));
    assertThat(hours(c, "payments", "2026-03-24", "interruption_hours")).isCloseTo(12.5, within(1e-9));
    assertThat(hours(c, "payments", "2026-03-24", "after_hours_pages")).isZero();
  }

  @Test
  void gatesAreSummedClippedAndAGateNeverPassedWaitsToTheWindowEnd() {
    Fixture f =
        new Fixture()
            .add(
                "deployments",
                // GitHub "qa-verify" matches manual_test_jobs: Mon 09:00 CET (08:00Z) for 30 min = 0.5 h testing
                githubGate("d1", "qa-verify", "2026-03-23T08:00:00Z", 1800.0),
                // GitHub "production", waiting Mon 16:00 CET, no later status: still waiting at the window's
                // end (Tue 24:00 CET): Mon 16-17 = 1 h, Tue 09-17 = 8 h manual deploy
                githubGate("d2", "production", "2026-03-23T15:00:00Z", null))
            .add(
                "ci_runs",
                run("gitlab", "p1", 1, "ana", "main", false, "2026-03-23T12:00:00Z", null),
                run("jenkins", "b1", 1, null, "main", false, "2026-03-24T09:00:00Z", "2026-03-24T12:00:00Z"))
            .add(
                "ci_jobs",
                // GitLab gate never played: from the build job's end (Mon 14:00 CET) to the window's end:
                // Mon 14-17 = 3 h, Tue 09-17 = 8 h manual deploy (overlaps d2: gates are summed, not merged)
                job("gitlab", "j1", "p1", "build", false, false, "2026-03-23T12:00:00Z", "2026-03-23T13:00:00Z", null),
                job("gitlab", "j2", "p1", "deploy-prod", true, false, null, null, null),
                // Jenkins input pause from the stage start Tue 11:00 CET for 1 h = 1 h manual deploy
                job("jenkins", "s1", "b1", "Approve release", true, true, "2026-03-24T10:00:00Z", "2026-03-24T11:30:00Z", 3600.0),
                // a GitLab gate played after 15 min, started Tue 08:45 CET: [08:30, 08:45] is before working
                // hours: 0 h (its name "smoke-test" makes it manual testing)
                job("gitlab", "j3", "p1", "smoke-test", true, true, "2026-03-24T07:45:00Z", "2026-03-24T07:50:00Z", 900.0));
    Dataset<Row> intervals = intervals(f, "2026-03-23", "2026-03-24");
    Map<String, Map<String, Object>> c = cells(FrictionFacts.daily(intervals, FrictionSources.all(), CFG, LocalDate.parse("2026-03-23"), LocalDate.parse("2026-03-24")));
    assertThat(hours(c, "payments", "2026-03-23", "manual_testing_hours")).isCloseTo(0.5, within(1e-9));
    assertThat(hours(c, "payments", "2026-03-24", "manual_testing_hours")).isZero();
    // Mon: d2 1 h + j2 3 h = 4 h; Tue: d2 8 h + j2 8 h + s1 1 h = 17 h
    assertThat(hours(c, "payments", "2026-03-23", "manual_deploy_hours")).isCloseTo(4.0, within(1e-9));
    assertThat(hours(c, "payments", "2026-03-24", "manual_deploy_hours")).isCloseTo(17.0, within(1e-9));
    assertThat(intervals.where(col("gate").equalTo("deploy-prod")).count()).isEqualTo(2);
  }

  @Test
  void aGateNeverPassedStopsWaitingWhenALaterDeploymentOfItsEnvironmentSupersedesIt() {
    String web = "northwind/billing-web"; // also billing-api's, so payments' (Berlin, UTC+1)
    Fixture f =
        new Fixture()
            .add(
                "ci_runs",
                run("gitlab", "p0", 1, "ana", "main", false, "2026-03-23T10:00:00Z", "2026-03-23T15:10:00Z"),
                run("gitlab", "p1", 1, "ana", "main", false, "2026-03-23T12:00:00Z", null),
                run("gitlab", "p2", 1, "ana", "main", false, "2026-03-24T08:00:00Z", "2026-03-24T09:10:00Z"),
                with(CiRunsTable.SCHEMA, run("gitlab", "p3", 1, "ana", "main", false, "2026-03-23T12:00:00Z", null), Map.of(CiRunsTable.REPO, web)))
            .add(
                "ci_jobs",
                // p0, an OLDER pipeline, deploys to production Mon 16:00 CET (a retried deploy job, no gate):
                // it does not supersede p1's gate
                deployJob("j0", "p0", "northwind/billing-api", "deploy-production", "production", false, false, "2026-03-23T15:00:00Z", null),
                // p1's gate, never played, waits from its build's end Mon 14:00 CET; its pipeline never finishes.
                // The newer p2 deploys to production Tue 10:00 CET (j5): Mon 14-17 = 3 h + Tue 09-10 = 1 h = 4 h,
                // not the 11 h to the window's end. p2's staging deploy Tue 09:30 CET is another environment.
                job("gitlab", "j1", "p1", "build", false, false, "2026-03-23T12:00:00Z", "2026-03-23T13:00:00Z", null),
                deployJob("j2", "p1", "northwind/billing-api", "deploy-production", "production", true, false, null, null),
                job("gitlab", "j4", "p2", "build", false, false, "2026-03-24T08:00:00Z", "2026-03-24T08:30:00Z", null),
                deployJob("j6", "p2", "northwind/billing-api", "deploy-staging", "staging", false, false, "2026-03-24T08:30:00Z", null),
                // p2's own gate, played after 15 min: Tue 09:45-10:00 CET = 0.25 h
                deployJob("j5", "p2", "northwind/billing-api", "deploy-production", "production", true, true, "2026-03-24T09:00:00Z", 900.0),
                // billing-web's gate: no later pipeline of billing-web deploys, so it waits to the window's end
                // (Tue 24:00 CET): Mon 14-17 = 3 h + Tue 09-17 = 8 h = 11 h
                with(CiJobsTable.SCHEMA, job("gitlab", "j7", "p3", "build", false, false, "2026-03-23T12:00:00Z", "2026-03-23T13:00:00Z", null), Map.of(CiJobsTable.REPO, web)),
                deployJob("j8", "p3", web, "deploy-production", "production", true, false, null, null))
            .add(
                "deployments",
                // d3 waits from Mon 16:00 CET with no later status; d4, created Tue 11:00 CET, reached production:
                // Mon 16-17 = 1 h + Tue 09-11 = 2 h = 3 h (the staging deployment Tue 09:00 CET does not count)
                githubGate("d3", "production", "2026-03-23T15:00:00Z", null),
                githubDeployment("ds", "staging", "2026-03-24T08:00:00Z"),
                githubDeployment("d4", "production", "2026-03-24T10:00:00Z"),
                // d5 waits from Tue 13:00 CET; nothing later: to the window's end, Tue 13-17 = 4 h
                githubGate("d5", "production", "2026-03-24T12:00:00Z", null),
                // a testing gate superseded likewise: "qa-verify" waits Mon 16:00, the next one comes 16:30 CET:
                // 0.5 h manual testing (d7 itself was approved at once: 0 h)
                githubGate("d6", "qa-verify", "2026-03-23T15:00:00Z", null),
                githubGate("d7", "qa-verify", "2026-03-23T15:30:00Z", 0.0));
    Dataset<Row> intervals = intervals(f, "2026-03-23", "2026-03-24");
    Map<String, Double> perGate = new HashMap<>();
    for (Row r : intervals.groupBy(col("source_record_id")).agg(sum(col("hours"))).collectAsList()) {
      perGate.put(r.getString(0), r.getDouble(1));
    }
    assertThat(perGate.get("j2")).isCloseTo(4.0, within(1e-9));
    assertThat(perGate.get("j5")).isCloseTo(0.25, within(1e-9));
    assertThat(perGate.get("j8")).isCloseTo(11.0, within(1e-9));
    assertThat(perGate.get("d3")).isCloseTo(3.0, within(1e-9));
    assertThat(perGate.get("d5")).isCloseTo(4.0, within(1e-9));
    assertThat(perGate.get("d6")).isCloseTo(0.5, within(1e-9));
    Map<String, Map<String, Object>> c = cells(FrictionFacts.daily(intervals, FrictionSources.all(), CFG, LocalDate.parse("2026-03-23"), LocalDate.parse("2026-03-24")));
    // Mon: j2 3 h + j8 3 h + d3 1 h = 7 h; Tue: j2 1 h + j5 0.25 h + j8 8 h + d3 2 h + d5 4 h = 15.25 h
    assertThat(hours(c, "payments", "2026-03-23", "manual_deploy_hours")).isCloseTo(7.0, within(1e-9));
    assertThat(hours(c, "payments", "2026-03-24", "manual_deploy_hours")).isCloseTo(15.25, within(1e-9));
    assertThat(hours(c, "payments", "2026-03-23", "manual_testing_hours")).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void buildWaitMergesOnePersonsOverlappingRunsAndLeavesOutBotsAndDefaultBranches() {
    Fixture f =
        new Fixture()
            .add(
                "ci_runs",
                // ana on a feature branch, Tue 11:00-11:30 and 11:15-11:45 CET: merged 11:00-11:45 = 0.75 h
                run("github", "r1", 1, "ana-dev", "feature/x", false, "2026-03-24T10:00:00Z", "2026-03-24T10:30:00Z"),
                run("github", "r2", 1, "ANA-DEV", "feature/x", false, "2026-03-24T10:15:00Z", "2026-03-24T10:45:00Z"),
                // ... a pull-request run on main counts: Tue 14:00-14:15 CET = 0.25 h
                run("github", "r3", 1, "ana-dev", "main", true, "2026-03-24T13:00:00Z", "2026-03-24T13:15:00Z"),
                // ... a push to main does not; a bot's run does not
                run("github", "r4", 1, "ana-dev", "main", false, "2026-03-24T10:00:00Z", "2026-03-24T12:00:00Z"),
                run("github", "r5", 1, "dependabot[bot]", "deps/x", false, "2026-03-24T10:00:00Z", "2026-03-24T12:00:00Z"),
                // ... a run at night, Tue 17:30-18:30 CET, is outside working time: 0 h
                run("github", "r6", 1, "ana-dev", "feature/y", false, "2026-03-24T16:30:00Z", "2026-03-24T17:30:00Z"),
                // an unlisted login: unassigned (UTC, 09-17): 10:00-10:30Z = 0.5 h
                run("gitlab", "p9", 1, "stranger", "feature/z", false, "2026-03-24T10:00:00Z", "2026-03-24T10:30:00Z"));
    Dataset<Row> intervals = intervals(f, "2026-03-24", "2026-03-24");
    Map<String, Map<String, Object>> c = cells(FrictionFacts.daily(intervals, FrictionSources.all(), CFG, LocalDate.parse("2026-03-24"), LocalDate.parse("2026-03-24")));
    // 0.75 + 0.25 = 1.0 h
    assertThat(hours(c, "payments", "2026-03-24", "build_wait_hours")).isCloseTo(1.0, within(1e-9));
    assertThat(hours(c, "unassigned", "2026-03-24", "build_wait_hours")).isCloseTo(0.5, within(1e-9));
    assertThat(intervals.where(col("person_id").equalTo("gitlab:stranger")).count()).isEqualTo(1);
  }

  @Test
  void patchingPullRequestsChargeTheHumanAuthorOrTheBotsFirstReviewer() {
    Fixture f =
        new Fixture()
            .add("work_items", item("PAY-9", "payments", "Bump all the things", List.of("patching")))
            .add(
                "pull_requests",
                // a bot's PR, first reviewed by ben (platform, New York EDT = UTC-4): created Tue 14:00Z
                // (10:00 EDT), merged 16:00Z (12:00 EDT): 2 h for platform
                pull(1, "Bump jackson from 2.17 to 2.18", "github:dependabot[bot]", true, "2026-03-24T14:00:00Z", "2026-03-24T16:00:00Z", List.of()),
                // ana's PR, Tue 10:00-11:00 CET = 1 h, and an overlapping one 10:30-12:00 CET: merged 10:00-12:00 = 2 h
                pull(2, "Upgrade netty", "ana", false, "2026-03-24T09:00:00Z", "2026-03-24T10:00:00Z", List.of()),
                pull(3, "patch CVE-2026-1", "ana", false, "2026-03-24T09:30:00Z", "2026-03-24T11:00:00Z", List.of()),
                // linked to the patching item PAY-9: its time counts on the item, not here
                pull(4, "Bump guava", "ana", false, "2026-03-24T12:00:00Z", "2026-03-24T15:00:00Z", List.of("PAY-9")),
                // not a patching title: missed
                pull(5, "Move to the new logging library", "ana", false, "2026-03-24T12:00:00Z", "2026-03-24T15:00:00Z", List.of()),
                // a bot's PR nobody reviewed: no engineer spent time on it, so nothing (not 8 h for unassigned)
                pull(6, "Bump netty from 4.1 to 4.2", "github:dependabot[bot]", true, "2026-03-24T08:00:00Z", null, List.of()))
            .add("pr_reviews", review(1, "rv2", "ana", "2026-03-24T15:30:00Z"), review(1, "rv1", "ben", "2026-03-24T15:00:00Z"));
    Dataset<Row> intervals = intervals(f, "2026-03-24", "2026-03-24");
    Map<String, Map<String, Object>> c = cells(FrictionFacts.daily(intervals, FrictionSources.all(), CFG, LocalDate.parse("2026-03-24"), LocalDate.parse("2026-03-24")));
    assertThat(hours(c, "platform", "2026-03-24", "patching_hours")).isCloseTo(2.0, within(1e-9));
    assertThat(hours(c, "payments", "2026-03-24", "patching_hours")).isCloseTo(2.0, within(1e-9));
    assertThat(c).doesNotContainKey("unassigned|2026-03-24");
  }

  @Test
  void interruptionsAreMergedPerResponderSplitAtMidnightAndCountAfterHoursPages() {
    Fixture f =
        new Fixture()
            .add(
                "incidents",
                incident("I1", "db down", "2026-03-24T20:55:00Z", "2026-03-24T23:30:00Z", List.of("ana")),
                incident("I2", "api slow", "2026-03-24T21:55:00Z", "2026-03-24T22:30:00Z", List.of("ana")),
                incident("I3", "disk", "2026-03-24T09:55:00Z", "2026-03-24T11:00:00Z", List.of("pagerduty:pzz")),
                // over the DST night: Sun 00:00 CET (Sat 23:00Z) to Mon 00:00 CEST (Sun 22:00Z) = 23 h on
                // the short Sunday 2026-03-29
                incident("I4", "cert expiry", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", List.of("ana")))
            .add(
                "log_entries",
                // I1 pages ana Tue 22:00 CET (after hours); she acknowledges 22:05; resolved Wed 00:30 CET:
                // Tue 21:00Z-23:00Z = 2 h (to local midnight), Wed 0.5 h
                logEntry("e1", "I1", "assign_log_entry", "2026-03-24T21:00:00Z", null, List.of("ana")),
                logEntry("e2", "I1", "acknowledge_log_entry", "2026-03-24T21:05:00Z", "ana", List.of()),
                // I2 pages her 23:00 CET, inside I1's time: merged, no more hours, but a second page
                logEntry("e3", "I2", "assign_log_entry", "2026-03-24T22:00:00Z", null, List.of("ana")),
                // an unlisted responder, paged 10:00Z (UTC working time): 1 h for unassigned, no after-hours page
                logEntry("e4", "I3", "assign_log_entry", "2026-03-24T10:00:00Z", null, List.of("pagerduty:pzz")),
                // I4 pages ana on a Sunday: after hours
                logEntry("e5", "I4", "assign_log_entry", "2026-03-28T23:00:00Z", null, List.of("ana")));
    Dataset<Row> intervals = intervals(f, "2026-03-24", "2026-03-29");
    Map<String, Map<String, Object>> c = cells(FrictionFacts.daily(intervals, FrictionSources.all(), CFG, LocalDate.parse("2026-03-24"), LocalDate.parse("2026-03-29")));
    assertThat(hours(c, "payments", "2026-03-24", "interruption_hours")).isCloseTo(2.0, within(1e-9));
    assertThat(hours(c, "payments", "2026-03-25", "interruption_hours")).isCloseTo(0.5, within(1e-9));
    assertThat(hours(c, "payments", "2026-03-24", "after_hours_pages")).isEqualTo(2.0);
    assertThat(hours(c, "payments", "2026-03-29", "interruption_hours")).isCloseTo(23.0, within(1e-9));
    assertThat(hours(c, "payments", "2026-03-29", "after_hours_pages")).isEqualTo(1.0);
    assertThat(hours(c, "unassigned", "2026-03-24", "interruption_hours")).isCloseTo(1.0, within(1e-9));
    assertThat(hours(c, "unassigned", "2026-03-24", "after_hours_pages")).isZero();
    assertThat(c).doesNotContainKey("unassigned|2026-03-25");
  }

  @Test
  void meetingsAndLostFocusComeFromPersonDaysAndNullWithoutACalendarSource() {
    Fixture f =
        new Fixture()
            .add(
                "person_days",
                // ana: 1 h deploy planning, 0.5 h API, 8 h working - 5 h focus = 3 h lost focus
                personDay("2026-03-24", "ana", "payments", 8, 5, 1.0, 0.5, true),
                // ben has no calendar: his API hour (an invitation) counts, his focus does not
                personDay("2026-03-24", "ben", "platform", 8, 8, 0, 1.0, false),
                personDay("2026-03-24", "cy", "platform", 8, 2, 0, 0, false));
    LocalDate d = LocalDate.parse("2026-03-24");
    Dataset<Row> intervals = intervals(f, "2026-03-24", "2026-03-24");
    Map<String, Map<String, Object>> c = cells(FrictionFacts.daily(intervals, FrictionSources.all(), CFG, d, d));
    assertThat(hours(c, "payments", "2026-03-24", "deploy_planning_meeting_hours")).isCloseTo(1.0, within(1e-9));
    assertThat(hours(c, "payments", "2026-03-24", "cross_team_api_meeting_hours")).isCloseTo(0.5, within(1e-9));
    assertThat(hours(c, "payments", "2026-03-24", "lost_focus_hours")).isCloseTo(3.0, within(1e-9));
    assertThat(hours(c, "platform", "2026-03-24", "cross_team_api_meeting_hours")).isCloseTo(1.0, within(1e-9));
    assertThat(hours(c, "platform", "2026-03-24", "lost_focus_hours")).isZero();
    // 1 + 0.5 + 3 = 4.5 h, 450 EUR
    assertThat(hours(c, "payments", "2026-03-24", "friction_cost")).isCloseTo(450.0, within(1e-6));

    // no calendar source and no PagerDuty: their columns are null, the others 0; no rate: no cost
    f.calendar = false;
    TtvConfig noRate = ConfigLoader.parse("{\"warehouse\": \"/tmp/w\", \"landing\": \"/tmp/l\", \"teams\": [{\"name\": \"payments\"}]}", "t.json");
    Dataset<Row> none = FrictionFacts.intervals(f.inputs(), noRate, d, d);
    Map<String, Object> row =
        cells(FrictionFacts.daily(none, new FrictionSources(true, true, true, false, true, true, false), noRate, d, d)).get("payments|2026-03-24");
    assertThat(row.get("deploy_planning_meeting_hours")).isNull();
    assertThat(row.get("lost_focus_hours")).isNull();
    assertThat(row.get("interruption_hours")).isNull();
    assertThat(row.get("after_hours_pages")).isNull();
    assertThat(row.get("manual_testing_hours")).isEqualTo(0.0);
    assertThat(row.get("friction_hours")).isEqualTo(0.0);
    assertThat(row.get("friction_cost")).isNull();
  }

  @Test
  void theFactIsTheSumOfItsDrillDownAndBothHaveTheirTablesSchemas() {
    Fixture f =
        new Fixture()
            .add("work_items", item("PAY-1", "payments", "Checkout", List.of()))
            .add("transitions", moved("PAY-1", "t1", "2026-03-24T08:00:00Z", "To Do", "QA", "waiting"))
            .add("ci_runs", run("github", "r1", 1, "ben-dev", "feature/x", false, "2026-03-24T13:00:00Z", "2026-03-24T15:00:00Z"))
            .add("person_days", personDay("2026-03-24", "ana", "payments", 8, 6, 0.5, 0, true))
            .add("incidents", incident("I1", "db", "2026-03-24T01:00:00Z", "2026-03-24T02:00:00Z", List.of("ana")))
            .add("log_entries", logEntry("e1", "I1", "assign_log_entry", "2026-03-24T01:00:00Z", null, List.of("ana")));
    LocalDate d = LocalDate.parse("2026-03-24");
    Dataset<Row> intervals = intervals(f, "2026-03-24", "2026-03-24");
    Dataset<Row> fact = FrictionFacts.daily(intervals, FrictionSources.all(), CFG, d, d);
    DatasetAssert.assertSameColumns(FrictionIntervalsTable.SCHEMA, intervals.schema());
    DatasetAssert.assertSameColumns(FactFrictionDailyTable.SCHEMA, fact.schema());

    List<Column> sums = new ArrayList<>();
    for (String crack : FrictionIntervalsTable.CRACKS) {
      String column = FrictionFacts.column(crack);
      sums.add(
          crack.equals(FrictionIntervalsTable.AFTER_HOURS_PAGE)
              ? count(when(col("crack").equalTo(crack), 1)).cast("double").as(column)
              : org.apache.spark.sql.functions.coalesce(sum(when(col("crack").equalTo(crack), col("hours"))), org.apache.spark.sql.functions.lit(0.0)).as(column));
    }
    Map<String, Map<String, Object>> drill =
        cells(intervals.groupBy(col("date"), col("team")).agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new)));
    Map<String, Map<String, Object>> facts = cells(fact);
    // the drill-down has rows: QA 09:00-17:00 CET (8 h), ben's build 09:00-11:00 EDT (2 h), 2 h lost focus,
    // 0.5 h deploy planning, a 1 h incident at 02:00 CET and its page at night
    assertThat(drill.keySet()).containsExactlyInAnyOrder("payments|2026-03-24", "platform|2026-03-24");
    for (String key : drill.keySet()) {
      for (String crack : FrictionIntervalsTable.CRACKS) {
        String column = FrictionFacts.column(crack);
        assertThat(((Number) facts.get(key).get(column)).doubleValue()).as(key + " " + column)
            .isCloseTo(((Number) drill.get(key).get(column)).doubleValue(), within(1e-9));
      }
    }
    assertThat(hours(facts, "payments", "2026-03-24", "friction_hours")).isCloseTo(8 + 2 + 0.5 + 1, within(1e-9));
    assertThat(hours(facts, "platform", "2026-03-24", "build_wait_hours")).isCloseTo(2.0, within(1e-9));
  }
}
