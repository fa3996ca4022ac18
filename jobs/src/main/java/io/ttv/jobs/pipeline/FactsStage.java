package io.ttv.jobs.pipeline;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.ttv.jobs.Progress;
import io.ttv.jobs.spark.DeltaTables;
import io.ttv.schemas.tables.CiJobsTable;
import io.ttv.schemas.tables.CiRunsTable;
import io.ttv.schemas.tables.CommitShipmentsTable;
import io.ttv.schemas.tables.CommitsTable;
import io.ttv.schemas.tables.FactChangeTable;
import io.ttv.schemas.tables.PullRequestCommitsTable;
import io.ttv.schemas.tables.PullRequestsTable;
import io.ttv.transforms.delivery.ChangeFacts;
import io.ttv.transforms.delivery.IncidentFacts;
import io.ttv.transforms.delivery.TimeToValue;
import io.ttv.schemas.tables.IncidentsTable;
import io.ttv.schemas.tables.WorkItemsTable;
import io.ttv.schemas.tables.WorkItemTransitionsTable;
import io.ttv.schemas.tables.FactFlowDailyTable;
import io.ttv.transforms.work.FlowFacts;
import io.ttv.schemas.tables.DeploymentWalksTable;
import io.ttv.schemas.tables.FactCiDailyTable;
import io.ttv.schemas.tables.DeploymentsTable;
import io.ttv.schemas.tables.FactDeliveryDailyTable;
import io.ttv.schemas.tables.FactDeploymentTable;
import io.ttv.transforms.ci.CiDailyFacts;
import io.ttv.transforms.delivery.DeploymentFacts;
import io.ttv.schemas.config.SourceSystems;
import io.ttv.schemas.tables.CalendarAttendanceTable;
import io.ttv.schemas.tables.CalendarEventsTable;
import io.ttv.schemas.tables.CalendarsTable;
import io.ttv.schemas.tables.FactPersonDayTable;
import io.ttv.transforms.calendar.PersonDays;
import io.ttv.schemas.tables.FactFrictionDailyTable;
import io.ttv.schemas.tables.FrictionIntervalsTable;
import io.ttv.schemas.tables.IncidentLogEntriesTable;
import io.ttv.schemas.tables.PrReviewsTable;
import io.ttv.transforms.friction.FrictionFacts;
import io.ttv.transforms.friction.FrictionSources;
import io.ttv.jobs.landing.LandingZone;
import java.util.List;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Normalised tables -> facts for {@code from - late_data_days .. to}, each a replaceWhere of that range. */
public final class FactsStage {
  private FactsStage() {}

  public static void run(RunContext ctx) {
    LocalDate from = ctx.factsFrom();
    LocalDate to = ctx.to();
    Checkpoints.reached("facts.started");
    // groups that write no table another group reads, side by side (SideBySide), the longest first; within
    // a group in order: fact_deployment reads the shipping walk's tables, the friction facts fact_person_day
    SideBySide.run(ctx.spark(), List.of(
        () -> {
          personDays(ctx, from, to);
          friction(ctx, from, to);
        },
        () -> {
          Shipping.run(ctx);
          deployments(ctx, from, to);
        },
        () -> ciDaily(ctx, from, to),
        () -> flow(ctx, from, to),
        () -> DirectoryTables.dates(ctx, from, to)));
  }

  private static String dateRange(String column, LocalDate from, LocalDate to) {
    return column + " >= DATE'" + from + "' AND " + column + " <= DATE'" + to + "'";
  }

  private static void deployments(RunContext ctx, LocalDate from, LocalDate to) {
    Instant start = Instant.now();
    Timestamp lo = Timestamp.from(from.minusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC));
    Timestamp hi = Timestamp.from(to.plusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC));
    Dataset<Row> deployments =
        DeltaTables.read(ctx.spark(), DeploymentsTable.TABLE, ctx.tablePath(DeploymentsTable.NAME))
            .where(col(DeploymentsTable.FINISHED_AT).between(lit(lo), lit(hi)));
    java.time.ZoneId zone = ctx.config().reportingZone();
    // the walk's results of the deployments of the window (null when no commits were ever read)
    Dataset<Row> walks = null;
    Dataset<Row> shipments = null;
    if (DeltaTables.exists(ctx.spark(), ctx.tablePath(DeploymentWalksTable.NAME))) {
      walks =
          DeltaTables.read(ctx.spark(), DeploymentWalksTable.TABLE, ctx.tablePath(DeploymentWalksTable.NAME))
              .where(col(DeploymentWalksTable.FINISHED_AT).between(lit(lo), lit(hi)));
      shipments =
          DeltaTables.read(ctx.spark(), CommitShipmentsTable.TABLE, ctx.tablePath(CommitShipmentsTable.NAME))
              .where(col(CommitShipmentsTable.DEPLOYED_AT).between(lit(lo), lit(hi)));
    }
    Dataset<Row> attributed = attributedIncidents(ctx, lo, hi);
    // time to value (contract 6.3): work items linked to commits, through the walk's shipments
    Dataset<Row> links = null;
    Dataset<Row> workItems = null;
    Dataset<Row> ttvDaily = null;
    Dataset<Row> rework = null;
    if (walks != null && DeltaTables.exists(ctx.spark(), ctx.tablePath(WorkItemsTable.NAME))) {
      workItems = DeltaTables.read(ctx.spark(), WorkItemsTable.TABLE, ctx.tablePath(WorkItemsTable.NAME));
      Dataset<Row> prs = readOrEmpty(ctx, PullRequestsTable.TABLE);
      Dataset<Row> commits = DeltaTables.read(ctx.spark(), CommitsTable.TABLE, ctx.tablePath(CommitsTable.NAME));
      // Only the window's links are built (work that grows with the window, not with history): those of
      // the commits its deployments shipped (rework, fact_change), and every link of the items those name
      // (an item's time to value is to its first shipping, which may be older than the window).
      links = TimeToValue.linksOfCommits(commits, prs, shipments.select(col(CommitShipmentsTable.REPO).as(TimeToValue.REPO),
          col(CommitShipmentsTable.SHA).as(TimeToValue.SHA))).localCheckpoint();
      Dataset<Row> itemLinks = TimeToValue.linksOfKeys(commits, prs, links).localCheckpoint();
      Dataset<Row> allShipments = DeltaTables.read(ctx.spark(), CommitShipmentsTable.TABLE, ctx.tablePath(CommitShipmentsTable.NAME));
      ttvDaily = TimeToValue.daily(TimeToValue.items(itemLinks, allShipments, workItems), zone, from, to);
      rework = TimeToValue.reworkDeployments(links, shipments, workItems);
      // bad input counted for a person to see: keys in the window's shipped commits and their PRs that
      // match no work item (a typo, an item of a project nobody exports); they link nothing (contract 6.3)
      long unknown = TimeToValue.unknownKeys(links, workItems).count();
      if (unknown > 0) {
        Progress.info(String.format(java.util.Locale.ROOT,
            "facts: %,d work-item keys named in commits or pull requests shipped %s..%s match no work item (they link nothing)", unknown, from, to));
      }
    }
    Dataset<Row> perDeployment = DeploymentFacts.perDeployment(deployments, walks, shipments, attributed, zone, from, to);
    if (rework != null) {
      perDeployment = DeploymentFacts.withRework(perDeployment, rework);
    }
    perDeployment = perDeployment.localCheckpoint();
    DeltaTables.replaceWhere(ctx.spark(), FactDeploymentTable.TABLE, ctx.tablePath(FactDeploymentTable.NAME),
        perDeployment, dateRange(FactDeploymentTable.DATE, from, to));
    DeltaTables.replaceWhere(ctx.spark(), FactDeliveryDailyTable.TABLE, ctx.tablePath(FactDeliveryDailyTable.NAME),
        DeploymentFacts.withReworkRate(DeploymentFacts.daily(deployments, shipments, attributed, ttvDaily, zone, from, to), perDeployment),
        dateRange(FactDeliveryDailyTable.DATE, from, to));
    if (shipments != null) {
      changes(ctx, shipments, links, workItems, zone, from, to);
    }
    Progress.info("facts fact_deployment, fact_delivery_daily, fact_change " + from + ".." + to + " (" + Progress.since(start) + ")");
  }

  /**
   * The incidents that matter to the window (started by its end and not resolved before its start),
   * each attributed to the latest successful production deployment of its service before it (contract
   * 6.4; all deployments are read: the table is small, and the blamed one may be older than the window);
   * null when neither PagerDuty nor work items were ever read.
   */
  private static Dataset<Row> attributedIncidents(RunContext ctx, Timestamp lo, Timestamp hi) {
    var spark = ctx.spark();
    boolean pd = DeltaTables.exists(spark, ctx.tablePath(IncidentsTable.NAME));
    boolean wi = DeltaTables.exists(spark, ctx.tablePath(WorkItemsTable.NAME));
    if (!pd && !wi) {
      return null;
    }
    Dataset<Row> incidents =
        IncidentFacts.incidents(
            pd ? DeltaTables.read(spark, IncidentsTable.TABLE, ctx.tablePath(IncidentsTable.NAME)) : null,
            wi ? DeltaTables.read(spark, WorkItemsTable.TABLE, ctx.tablePath(WorkItemsTable.NAME)) : null,
            ctx.config().services());
    Dataset<Row> relevant =
        incidents.where(
            col(IncidentFacts.STARTED_AT).leq(lit(hi))
                .and(col(IncidentFacts.RESOLVED_AT).isNull().or(col(IncidentFacts.RESOLVED_AT).geq(lit(lo))).or(col(IncidentFacts.STARTED_AT).geq(lit(lo)))));
    Dataset<Row> all = DeltaTables.read(spark, DeploymentsTable.TABLE, ctx.tablePath(DeploymentsTable.NAME));
    return IncidentFacts.attribute(relevant, all).localCheckpoint();
  }

  /** The table's rows, or none when no run wrote it (its source is not read): without creating it. */
  private static Dataset<Row> readOrEmpty(RunContext ctx, io.ttv.schemas.TableDef table) {
    return DeltaTables.exists(ctx.spark(), ctx.tablePath(table.name()))
        ? DeltaTables.read(ctx.spark(), table, ctx.tablePath(table.name()))
        : ctx.spark().createDataFrame(java.util.List.of(), table.schema());
  }

  /** {@code fact_change}: the changes shipped by the window's deployments (contract 6.2). */
  private static void changes(
      RunContext ctx, Dataset<Row> shipments, Dataset<Row> links, Dataset<Row> workItems, java.time.ZoneId zone, LocalDate from, LocalDate to) {
    var spark = ctx.spark();
    Dataset<Row> prs = readOrEmpty(ctx, PullRequestsTable.TABLE);
    Dataset<Row> prCommits = readOrEmpty(ctx, PullRequestCommitsTable.TABLE);
    Dataset<Row> commits = DeltaTables.read(spark, CommitsTable.TABLE, ctx.tablePath(CommitsTable.NAME));
    Dataset<Row> changes = ChangeFacts.daily(shipments, prs, prCommits, commits, ctx.config().services(), zone, from, to);
    if (links != null) {
      changes = TimeToValue.forChanges(changes, links, workItems);
    }
    DeltaTables.replaceWhere(spark, FactChangeTable.TABLE, ctx.tablePath(FactChangeTable.NAME), changes, dateRange(FactChangeTable.DATE, from, to));
    // Bad input the walk cannot use, counted for a person to see: PRs merged in the window whose merge or
    // squash commit is in no commit export (their change cannot be dated by a deployment).
    long lost =
        ChangeFacts.mergedWithoutCommit(
                prs.where(col(PullRequestsTable.MERGED_AT).between(lit(java.sql.Timestamp.valueOf(from.atStartOfDay())),
                    lit(java.sql.Timestamp.valueOf(to.plusDays(1).atStartOfDay())))),
                commits)
            .count();
    if (lost > 0) {
      Progress.info(String.format(java.util.Locale.ROOT,
          "facts: %,d pull requests merged %s..%s have a merge or squash commit that no commit export holds (not in fact_change)", lost, from, to));
    }
  }

  /**
   * {@code fact_flow_daily} (contract 6.5) from the whole work_items and work_item_transitions tables (an
   * item in progress for months is in every day's load); not written when no work items were ever read.
   */
  private static void flow(RunContext ctx, LocalDate from, LocalDate to) {
    if (!DeltaTables.exists(ctx.spark(), ctx.tablePath(WorkItemsTable.NAME))) {
      return;
    }
    Instant start = Instant.now();
    Dataset<Row> items = DeltaTables.read(ctx.spark(), WorkItemsTable.TABLE, ctx.tablePath(WorkItemsTable.NAME));
    Dataset<Row> transitions = readOrEmpty(ctx, WorkItemTransitionsTable.TABLE);
    DeltaTables.replaceWhere(ctx.spark(), FactFlowDailyTable.TABLE, ctx.tablePath(FactFlowDailyTable.NAME),
        FlowFacts.daily(items, transitions, ctx.config(), from, to), dateRange(FactFlowDailyTable.DATE, from, to));
    Progress.info("facts fact_flow_daily " + from + ".." + to + " (" + Progress.since(start) + ")");
  }

  /** The calendar systems, any of which feeds {@code fact_person_day}. */
  private static final List<String> CALENDAR_SYSTEMS =
      List.of(SourceSystems.ICS, SourceSystems.GOOGLE_CALENDAR, SourceSystems.MSGRAPH_CALENDAR);

  /**
   * {@code fact_person_day} (contract 6.6) for the window's local dates. Not written at all when no
   * calendar system is enabled: every row would say 0 meeting hours and a whole working day of focus,
   * which is not known, so the table keeps what earlier runs wrote (or stays absent) and the friction
   * columns fed by it are null (contract 6.7).
   */
  private static void personDays(RunContext ctx, LocalDate from, LocalDate to) {
    LandingZone landing = ctx.landing();
    if (CALENDAR_SYSTEMS.stream().noneMatch(s -> ctx.config().isSourceEnabled(s, landing.hasSystem(s)))) {
      Progress.info("facts fact_person_day skipped: no calendar source (ics, google_calendar, msgraph_calendar) is enabled");
      return;
    }
    Instant start = Instant.now();
    Dataset<Row> fact =
        PersonDays.daily(
            readOrEmpty(ctx, CalendarEventsTable.TABLE),
            readOrEmpty(ctx, CalendarAttendanceTable.TABLE),
            readOrEmpty(ctx, CalendarsTable.TABLE),
            ctx.config(),
            from,
            to);
    DeltaTables.replaceWhere(ctx.spark(), FactPersonDayTable.TABLE, ctx.tablePath(FactPersonDayTable.NAME), fact, dateRange(FactPersonDayTable.DATE, from, to));
    Progress.info("facts fact_person_day " + from + ".." + to + " (" + Progress.since(start) + ")");
  }

  private static boolean enabled(RunContext ctx, String... systems) {
    LandingZone landing = ctx.landing();
    return java.util.Arrays.stream(systems).anyMatch(s -> ctx.config().isSourceEnabled(s, landing.hasSystem(s)));
  }

  /**
   * {@code friction_intervals} and its aggregate {@code fact_friction_daily} (contract 6.7) for the
   * window's local dates, after {@code fact_person_day} (the meeting and focus cracks read it). Status
   * time reads the whole transitions table (an item in QA for weeks counts on every day of the window).
   */
  private static void friction(RunContext ctx, LocalDate from, LocalDate to) {
    Instant start = Instant.now();
    boolean calendar = CALENDAR_SYSTEMS.stream().anyMatch(s -> enabled(ctx, s));
    FrictionSources sources =
        new FrictionSources(
            enabled(ctx, SourceSystems.JIRA, SourceSystems.GITHUB),
            enabled(ctx, SourceSystems.GITHUB, SourceSystems.GITLAB, SourceSystems.JENKINS),
            enabled(ctx, SourceSystems.GITHUB),
            calendar,
            enabled(ctx, SourceSystems.GITHUB, SourceSystems.GITLAB, SourceSystems.GIT),
            enabled(ctx, SourceSystems.GITHUB, SourceSystems.GITLAB),
            enabled(ctx, SourceSystems.PAGERDUTY));
    FrictionFacts.Inputs inputs =
        new FrictionFacts.Inputs(
            readOrEmpty(ctx, WorkItemsTable.TABLE),
            readOrEmpty(ctx, WorkItemTransitionsTable.TABLE),
            readOrEmpty(ctx, CiRunsTable.TABLE),
            readOrEmpty(ctx, CiJobsTable.TABLE),
            readOrEmpty(ctx, DeploymentsTable.TABLE),
            readOrEmpty(ctx, PullRequestsTable.TABLE),
            readOrEmpty(ctx, PrReviewsTable.TABLE),
            readOrEmpty(ctx, IncidentsTable.TABLE),
            readOrEmpty(ctx, IncidentLogEntriesTable.TABLE),
            calendar ? readOrEmpty(ctx, FactPersonDayTable.TABLE) : null);
    Dataset<Row> intervals = FrictionFacts.intervals(inputs, ctx.config(), from, to).localCheckpoint();
    DeltaTables.replaceWhere(ctx.spark(), FrictionIntervalsTable.TABLE, ctx.tablePath(FrictionIntervalsTable.NAME),
        intervals, dateRange(FrictionIntervalsTable.DATE, from, to));
    DeltaTables.replaceWhere(ctx.spark(), FactFrictionDailyTable.TABLE, ctx.tablePath(FactFrictionDailyTable.NAME),
        FrictionFacts.daily(intervals, sources, ctx.config(), from, to), dateRange(FactFrictionDailyTable.DATE, from, to));
    Progress.info("facts friction_intervals, fact_friction_daily " + from + ".." + to + " (" + Progress.since(start) + ")");
  }

  private static void ciDaily(RunContext ctx, LocalDate from, LocalDate to) {
    Instant start = Instant.now();
    // Local dates of any zone lie within a day of UTC; read one more day on each side so a run or job
    // that started near midnight lands on its local date, and no more (work grows with the window).
    Timestamp lo = Timestamp.from(from.minusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC));
    Timestamp hi = Timestamp.from(to.plusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC));
    Dataset<Row> runs =
        DeltaTables.read(ctx.spark(), CiRunsTable.TABLE, ctx.tablePath(CiRunsTable.NAME))
            .where(coalesce(col(CiRunsTable.STARTED_AT), col(CiRunsTable.CREATED_AT)).between(lit(lo), lit(hi)));
    Dataset<Row> jobs =
        DeltaTables.read(ctx.spark(), CiJobsTable.TABLE, ctx.tablePath(CiJobsTable.NAME))
            .where(col(CiJobsTable.STARTED_AT).between(lit(lo), lit(hi)));
    // GitHub approval gates count on the day the deployment went on, i.e. after its gate started
    Dataset<Row> gates =
        DeltaTables.read(ctx.spark(), DeploymentsTable.TABLE, ctx.tablePath(DeploymentsTable.NAME))
            .where(col(DeploymentsTable.IS_GATE_PASSED).and(col(DeploymentsTable.GATE_STARTED_AT).between(lit(Timestamp.from(lo.toInstant().minus(java.time.Duration.ofDays(30)))), lit(hi))));
    Dataset<Row> fact = CiDailyFacts.daily(runs, jobs, gates, ctx.config().reportingZone(), from, to);
    DeltaTables.replaceWhere(
        ctx.spark(),
        FactCiDailyTable.TABLE,
        ctx.tablePath(FactCiDailyTable.NAME),
        fact,
        FactCiDailyTable.DATE + " >= DATE'" + from + "' AND " + FactCiDailyTable.DATE + " <= DATE'" + to + "'");
    Progress.info("facts fact_ci_daily " + from + ".." + to + " (" + Progress.since(start) + ")");
  }
}
