package io.ttv.transforms.friction;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.arrays_overlap;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.Friction;
import io.ttv.schemas.config.Regex;
import io.ttv.schemas.config.Team;
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
import io.ttv.transforms.common.Identities;
import io.ttv.transforms.common.ServiceMapping;
import io.ttv.transforms.common.WorkingTime;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The nine cracks of contract 6.7: {@link #intervals} builds {@code friction_intervals} (every counted
 * piece of friction, merged, clipped and split at local dates) and {@link #daily} aggregates it into
 * {@code fact_friction_daily}, so the two agree by construction.
 *
 * <p>The steps, all plain Spark over intervals:
 *
 * <ol>
 *   <li>candidates: one interval per status period, gate, pull request, CI run attempt and incident
 *       responder, with the crack it belongs to, the team it is charged to and a <em>subject</em> (the work
 *       item or person whose time it is; a gate is its own subject, so gates are summed, not merged);
 *   <li>an interval still open ends at the end of the window's last local date in the team's zone;
 *   <li>overlaps of one subject within one crack are cut away ({@link WorkingTime#withoutOverlaps}), so
 *       an hour counts once and every remaining piece still names its source record;
 *   <li>clipped to the team's working time ({@link WorkingTime#clipped}), or, for interruptions, split
 *       at local midnights ({@link WorkingTime#perLocalDate});
 *   <li>the meeting and focus cracks come from {@code fact_person_day} (one row per person and date).
 * </ol>
 */
public final class FrictionFacts {
  private FrictionFacts() {}

  /**
   * The normalised tables and facts the cracks read; an input whose source is not read is an empty
   * dataset of its table's schema, except {@code personDays}, which is null when no calendar source is
   * enabled (then the meeting and focus cracks have no rows).
   */
  public record Inputs(
      Dataset<Row> workItems,
      Dataset<Row> transitions,
      Dataset<Row> ciRuns,
      Dataset<Row> ciJobs,
      Dataset<Row> deployments,
      Dataset<Row> pullRequests,
      Dataset<Row> prReviews,
      Dataset<Row> incidents,
      Dataset<Row> logEntries,
      Dataset<Row> personDays) {}

  private static final String CRACK = FrictionIntervalsTable.CRACK;
  private static final String TEAM = FrictionIntervalsTable.TEAM;
  private static final String DATE = FrictionIntervalsTable.DATE;
  private static final String PERSON = FrictionIntervalsTable.PERSON_ID;
  private static final String ITEM = FrictionIntervalsTable.WORK_ITEM_KEY;
  private static final String GATE = FrictionIntervalsTable.GATE;
  private static final String SYSTEM = FrictionIntervalsTable.SOURCE_SYSTEM;
  private static final String RECORD = FrictionIntervalsTable.SOURCE_RECORD_ID;
  private static final String DETAIL = FrictionIntervalsTable.DETAIL;
  private static final String START = FrictionIntervalsTable.START_AT;
  private static final String END = FrictionIntervalsTable.END_AT;
  private static final String HOURS = FrictionIntervalsTable.HOURS;
  private static final String SUBJECT = "_subject";
  private static final String CLIPPED = "_clipped";
  private static final String SUPERSEDED_AT = "_superseded_at";

  /** {@code source_system} of the rows taken from {@code fact_person_day}. */
  public static final String PERSON_DAY_SOURCE = FactPersonDayTable.NAME;

  private static final String CURRENT = "current";

  /**
   * {@code friction_intervals} for the local dates {@code from..to}: exactly {@link
   * FrictionIntervalsTable#SCHEMA}, one row per counted piece (contract 6.7).
   */
  public static Dataset<Row> intervals(Inputs in, TtvConfig cfg, LocalDate from, LocalDate to) {
    // Two days either side of the window hold every zone's local dates of it; longer intervals are cut
    // there after merging, so an item in QA for months is split into a handful of dates, not hundreds.
    Timestamp lo = Timestamp.from(from.minusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC));
    Timestamp hi = Timestamp.from(to.plusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC));
    Dataset<Row> involvement = involvement(in);
    Dataset<Row> candidates =
        statusTime(in, cfg)
            .unionByName(gates(in, cfg))
            .unionByName(patchingPullRequests(in, cfg, lo))
            .unionByName(buildWaits(in, cfg, lo))
            .unionByName(interruptions(in, involvement, cfg));
    Dataset<Row> pieces =
        WorkingTime.withTeamCalendar(candidates.where(col(START).isNotNull()), TEAM, cfg)
            .withColumn(END, coalesce(col(END), WorkingTime.startOfDate(lit(to.plusDays(1)), col(WorkingTime.ZONE))))
            .withColumn(START, greatest(col(START), lit(lo)))
            .withColumn(END, least(col(END), lit(hi)))
            .where(col(END).gt(col(START)))
            .transform(r -> WorkingTime.withoutOverlaps(r, List.of(CRACK, SUBJECT), START, END, RECORD));
    Dataset<Row> timed =
        WorkingTime.clipped(pieces.where(col(CLIPPED)), START, END, DATE)
            .unionByName(WorkingTime.perLocalDate(pieces.where(not(col(CLIPPED))), START, END, WorkingTime.ZONE, DATE))
            .where(col(DATE).between(lit(from), lit(to)))
            .withColumn(HOURS, WorkingTime.hours(col(START), col(END)));
    Dataset<Row> out = inSchema(timed).unionByName(afterHoursPages(involvement, cfg, from, to));
    if (in.personDays() != null) {
      out = out.unionByName(personDayCracks(in.personDays(), from, to));
    }
    return out;
  }

  /**
   * {@code fact_friction_daily} for {@code from..to} from {@code friction_intervals}: a row for every
   * team of the config on every date, and for any other team (unassigned) on a date it has friction. A
   * column whose sources are all off is null; one whose sources are on is 0 when nothing happened.
   */
  public static Dataset<Row> daily(Dataset<Row> intervals, FrictionSources sources, TtvConfig cfg, LocalDate from, LocalDate to) {
    SparkSession spark = intervals.sparkSession();
    List<Row> teams = cfg.teams().stream().map(t -> RowFactory.create(t.name())).toList();
    Dataset<Row> teamDates =
        spark.createDataFrame(teams, new StructType().add(TEAM, DataTypes.StringType))
            .withColumn(DATE, explode(sequence(lit(from), lit(to))));
    List<Column> aggs = new ArrayList<>();
    for (String crack : FrictionIntervalsTable.CRACKS) {
      if (crack.equals(FrictionIntervalsTable.AFTER_HOURS_PAGE)) {
        aggs.add(count(when(col(CRACK).equalTo(crack), lit(1))).as(FactFrictionDailyTable.AFTER_HOURS_PAGES));
      } else {
        aggs.add(sum(when(col(CRACK).equalTo(crack), col(HOURS))).as(column(crack)));
      }
    }
    Dataset<Row> perTeam =
        intervals.groupBy(col(DATE), col(TEAM)).agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
    Set<String> measured = sources.measuredColumns();
    List<Column> select = new ArrayList<>(List.of(col(DATE), col(TEAM)));
    Column total = lit(0.0);
    for (String hours : FactFrictionDailyTable.HOUR_COLUMNS) {
      Column value = measured.contains(hours) ? coalesce(col(hours), lit(0.0)) : lit(null).cast(DataTypes.DoubleType);
      select.add(value.as(hours));
      total = total.plus(coalesce(value, lit(0.0)));
    }
    String pages = FactFrictionDailyTable.AFTER_HOURS_PAGES;
    select.add((measured.contains(pages) ? coalesce(col(pages), lit(0L)) : lit(null).cast(DataTypes.LongType)).as(pages));
    select.add(total.as(FactFrictionDailyTable.FRICTION_HOURS));
    select.add(
        (cfg.cost().hasRate() ? total.multiply(lit(cfg.cost().hourlyRate())) : lit(null).cast(DataTypes.DoubleType))
            .as(FactFrictionDailyTable.FRICTION_COST));
    Dataset<Row> rows = teamDates.join(perTeam, new String[] {DATE, TEAM}, "full").select(select.toArray(Column[]::new));
    return rows.select(
        java.util.Arrays.stream(FactFrictionDailyTable.SCHEMA.fields())
            .map(f -> col(f.name()).cast(f.dataType()).as(f.name()))
            .toArray(Column[]::new));
  }

  /** The fact column of a crack of {@link FrictionIntervalsTable#CRACKS} ({@code manual_testing} -> {@code manual_testing_hours}). */
  public static String column(String crack) {
    return crack.equals(FrictionIntervalsTable.AFTER_HOURS_PAGE) ? FactFrictionDailyTable.AFTER_HOURS_PAGES : crack + "_hours";
  }

  // ---- candidates ----

  /** One candidate interval in the shape the steps expect; {@code end} null means still open. */
  private static Column[] candidate(
      Column crack,
      Column team,
      Column person,
      Column item,
      Column gate,
      Column system,
      Column record,
      Column detail,
      Column start,
      Column end,
      Column subject,
      boolean clipped) {
    return new Column[] {
      crack.as(CRACK),
      coalesce(team, lit(Team.UNASSIGNED)).as(TEAM),
      person.cast(DataTypes.StringType).as(PERSON),
      item.cast(DataTypes.StringType).as(ITEM),
      gate.cast(DataTypes.StringType).as(GATE),
      system.cast(DataTypes.StringType).as(SYSTEM),
      record.cast(DataTypes.StringType).as(RECORD),
      detail.cast(DataTypes.StringType).as(DETAIL),
      start.cast(DataTypes.TimestampType).as(START),
      end.cast(DataTypes.TimestampType).as(END),
      subject.as(SUBJECT),
      lit(clipped).as(CLIPPED)
    };
  }

  /**
   * An interval ending at {@code end} (null: still open) can leave a piece in the window only when it ends
   * after {@code lo}, the window's first instant: pieces are cut to start at {@code lo} and must end after
   * their start. So this filter on an input changes no output, and lets Delta skip the files of older rows.
   */
  private static Column endsAfter(Column end, Timestamp lo) {
    return end.isNull().or(end.gt(lit(lo)));
  }

  private static Column none() {
    return lit(null).cast(DataTypes.StringType);
  }

  /**
   * Manual testing, infra wait and patching time of work items: each status period of an item (from
   * entering a status to the next transition, or still open), the first one from the item's creation
   * in the first transition's from-status (or, with no transition, in its status now).
   */
  private static Dataset<Row> statusTime(Inputs in, TtvConfig cfg) {
    Friction f = cfg.friction();
    String sys = WorkItemTransitionsTable.SOURCE_SYSTEM;
    String key = WorkItemTransitionsTable.KEY;
    WindowSpec byItem = Window.partitionBy(col(sys), col(key)).orderBy(col(WorkItemTransitionsTable.AT), col(WorkItemTransitionsTable.TRANSITION_ID));
    Dataset<Row> transitions = in.transitions();
    Dataset<Row> entered =
        transitions.select(
            col(sys),
            col(key),
            col(WorkItemTransitionsTable.TO_STATUS).as("_status"),
            col(WorkItemTransitionsTable.TO_STATUS_ID).as("_status_id"),
            col(WorkItemTransitionsTable.TO_CATEGORY).as("_category"),
            col(WorkItemTransitionsTable.AT).as("_start"),
            lead(col(WorkItemTransitionsTable.AT), 1).over(byItem).as("_end"),
            coalesce(lead(col(WorkItemTransitionsTable.TRANSITION_ID), 1).over(byItem), lit(CURRENT)).as("_record"));
    Dataset<Row> first =
        transitions
            .withColumn("_n", row_number().over(byItem))
            .where(col("_n").equalTo(1))
            .select(
                col(sys),
                col(key),
                col(WorkItemTransitionsTable.FROM_STATUS).as("_first_from"),
                col(WorkItemTransitionsTable.FROM_STATUS_ID).as("_first_from_id"),
                col(WorkItemTransitionsTable.FROM_CATEGORY).as("_first_from_category"),
                col(WorkItemTransitionsTable.AT).as("_first_at"),
                col(WorkItemTransitionsTable.TRANSITION_ID).as("_first_id"));
    Dataset<Row> items =
        in.workItems()
            .select(
                col(WorkItemsTable.SOURCE_SYSTEM).as(sys),
                col(WorkItemsTable.KEY).as(key),
                col(WorkItemsTable.TEAM).as("_team"),
                col(WorkItemsTable.LABELS).as("_labels"),
                col(WorkItemsTable.TITLE).as("_title"),
                col(WorkItemsTable.STATUS).as("_now"),
                col(WorkItemsTable.STATUS_ID).as("_now_id"),
                col(WorkItemsTable.STATUS_CATEGORY).as("_now_category"),
                col(WorkItemsTable.CREATED_AT).as("_created"));
    Column hasFirst = col("_first_at").isNotNull();
    Dataset<Row> initial =
        items
            .join(first, new String[] {sys, key}, "left")
            .select(
                col(sys),
                col(key),
                when(hasFirst, col("_first_from")).otherwise(col("_now")).as("_status"),
                when(hasFirst, col("_first_from_id")).otherwise(col("_now_id")).as("_status_id"),
                when(hasFirst, col("_first_from_category")).otherwise(col("_now_category")).as("_category"),
                col("_created").as("_start"),
                col("_first_at").as("_end"),
                coalesce(col("_first_id"), lit(CURRENT)).as("_record"));
    Dataset<Row> periods =
        entered
            .unionByName(initial)
            .join(items.select(col(sys), col(key), col("_team"), col("_labels"), col("_title")), new String[] {sys, key}, "inner")
            .transform(p -> withStatusIn(p, f.manualTestStatuses(), "_is_manual_test"))
            .transform(p -> withStatusIn(p, f.infraWaitStatuses(), "_is_infra"));
    Column category = lower(col("_category"));
    Column isPatchingItem = labelsIn(col("_labels"), f.patchingLabels()).or(matches(col("_title"), f.patchingTitles()));
    Column isInfra = col("_is_infra").or(category.equalTo("waiting").and(labelsIn(col("_labels"), f.infraWaitLabels())));
    Column isPatching = category.equalTo("active").and(isPatchingItem);
    Dataset<Row> manualTesting = periods.where(col("_is_manual_test")).select(itemCandidate(FrictionIntervalsTable.MANUAL_TESTING));
    Dataset<Row> infra = periods.where(isInfra).select(itemCandidate(FrictionIntervalsTable.INFRA_WAIT));
    Dataset<Row> patching = periods.where(isPatching).select(itemCandidate(FrictionIntervalsTable.PATCHING));
    return manualTesting.unionByName(infra).unionByName(patching);
  }

  private static Column[] itemCandidate(String crack) {
    String sys = WorkItemTransitionsTable.SOURCE_SYSTEM;
    String key = WorkItemTransitionsTable.KEY;
    return candidate(
        lit(crack),
        col("_team"),
        none(),
        col(key),
        none(),
        col(sys),
        col("_record"),
        col("_status"),
        col("_start"),
        col("_end"),
        concat(lit("item:"), col(sys), lit(":"), col(key)),
        true);
  }

  /**
   * Adds {@code flag}: the period's status is one of {@code names} (ignoring case), or has the id of a
   * status that was ever seen under one of those names (a renamed status keeps counting, contract 6.7).
   */
  private static Dataset<Row> withStatusIn(Dataset<Row> periods, List<String> names, String flag) {
    if (names.isEmpty()) {
      return periods.withColumn(flag, lit(false));
    }
    Column byName = coalesce(lower(col("_status")).isin(lowered(names).toArray()), lit(false));
    Dataset<Row> ids =
        periods.where(byName.and(col("_status_id").isNotNull())).select(col("_status_id").as("_flag_id")).distinct();
    return periods
        .join(broadcast(ids), col("_status_id").equalTo(col("_flag_id")), "left")
        .withColumn(flag, byName.or(col("_flag_id").isNotNull()))
        .drop("_flag_id");
  }

  private static List<String> lowered(List<String> names) {
    return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
  }

  /** Some label of {@code labels} is one of {@code names}, ignoring case. */
  private static Column labelsIn(Column labels, List<String> names) {
    if (names.isEmpty()) {
      return lit(false);
    }
    Column wanted = array(lowered(names).stream().map(n -> lit(n)).toArray(Column[]::new));
    return coalesce(arrays_overlap(transform(labels, l -> lower(l)), wanted), lit(false));
  }

  private static Column matches(Column text, Regex regex) {
    return regex.isNever() ? lit(false) : coalesce(text.rlike(regex.source()), lit(false));
  }

  private static Column plusSeconds(Column instant, Column seconds) {
    return timestamp_micros(unix_micros(instant).plus(seconds.multiply(1_000_000L).cast(DataTypes.LongType)));
  }

  /**
   * The waits of manual gates (contract 6.1, 6.7), charged to the service's team; a gate whose name
   * matches {@code friction.manual_test_jobs} is manual testing, every other one manual deploy.
   *
   * <ul>
   *   <li>GitHub (deployments): from the {@code waiting} status for {@code gate_wait_seconds}, or still
   *       waiting when no later status came;
   *   <li>GitLab (ci_jobs): passed, the {@code gate_wait_seconds} before the job started; never played,
   *       from the latest finish of the pipeline's other jobs (else the pipeline's creation) to the
   *       pipeline's finish, else still open;
   *   <li>Jenkins (ci_jobs): the input pause placed from the stage's start; never passed, from the stage's
   *       start to the build's finish.
   * </ul>
   *
   * A gate never passed also stops waiting when it is superseded, at the start of a later deployment of
   * its repo to its environment ({@link #withGitlabSupersededAt}, {@link #withGithubSupersededAt}): real
   * GitLab leaves a superseded pipeline's manual job in {@code manual} forever (its pipeline never
   * finishes), and a GitHub deployment can stay {@code waiting} after a later one reached its environment;
   * nobody waits at such a gate, yet the contract's reading counted it to the window's end (docs/friction.md,
   * "Rules this implementation had to sharpen"). GitLab and Jenkins deployments are not read here: their
   * gates are the jobs and stages above.
   */
  private static Dataset<Row> gates(Inputs in, TtvConfig cfg) {
    Regex tests = cfg.friction().manualTestJobs();
    Column gh = in.deployments().col(DeploymentsTable.SOURCE_SYSTEM);
    Column ghEnd = plusSeconds(col(DeploymentsTable.GATE_STARTED_AT), col(DeploymentsTable.GATE_WAIT_SECONDS));
    Dataset<Row> github =
        in.deployments()
            .where(gh.equalTo("github"))
            .transform(FrictionFacts::withGithubSupersededAt)
            .where(col(DeploymentsTable.IS_MANUAL_GATE).and(col(DeploymentsTable.GATE_STARTED_AT).isNotNull()))
            .select(
                candidate(
                    gateCrack(col(DeploymentsTable.ENVIRONMENT), tests),
                    ServiceMapping.teamOfService(col(DeploymentsTable.SERVICE), cfg.services()),
                    none(),
                    none(),
                    col(DeploymentsTable.ENVIRONMENT),
                    col(DeploymentsTable.SOURCE_SYSTEM),
                    col(DeploymentsTable.DEPLOYMENT_ID),
                    col(DeploymentsTable.REPO),
                    col(DeploymentsTable.GATE_STARTED_AT),
                    when(col(DeploymentsTable.IS_GATE_PASSED), ghEnd).otherwise(least(ghEnd, col(SUPERSEDED_AT))),
                    concat(lit("gate:github:"), col(DeploymentsTable.DEPLOYMENT_ID)),
                    true));
    String[] run = {CiJobsTable.SOURCE_SYSTEM, CiJobsTable.RUN_ID, CiJobsTable.RUN_ATTEMPT};
    WindowSpec perRun = Window.partitionBy(col(run[0]), col(run[1]), col(run[2]));
    Dataset<Row> runs =
        in.ciRuns()
            .select(
                col(CiRunsTable.SOURCE_SYSTEM).as(run[0]),
                col(CiRunsTable.RUN_ID).as(run[1]),
                col(CiRunsTable.RUN_ATTEMPT).as(run[2]),
                col(CiRunsTable.REPO).as("_run_repo"),
                col(CiRunsTable.CREATED_AT).as("_run_created"),
                col(CiRunsTable.FINISHED_AT).as("_run_finished"));
    Column system = col(CiJobsTable.SOURCE_SYSTEM);
    Column started = col(CiJobsTable.STARTED_AT);
    Column wait = col(CiJobsTable.GATE_WAIT_SECONDS);
    Column passed = col(CiJobsTable.IS_GATE_PASSED);
    Column isGitlab = system.equalTo("gitlab");
    Column gateStart =
        when(passed.and(isGitlab), plusSeconds(started, wait.multiply(-1)))
            .when(passed, started)
            .when(isGitlab, coalesce(col("_prev_finished"), col("_run_created")))
            .otherwise(started);
    Column gateEnd =
        when(passed.and(isGitlab), started)
            .when(passed, plusSeconds(started, wait))
            .otherwise(least(col("_run_finished"), col(SUPERSEDED_AT)));
    Column repo = coalesce(col(CiJobsTable.REPO), col("_run_repo"));
    Dataset<Row> jobs =
        in.ciJobs()
            .where(system.isin("gitlab", "jenkins"))
            .withColumn("_prev_finished", max(when(not(col(CiJobsTable.IS_MANUAL_GATE)), col(CiJobsTable.COMPLETED_AT))).over(perRun))
            .where(col(CiJobsTable.IS_MANUAL_GATE).and(not(passed.and(wait.isNull()))))
            .join(runs, run, "left")
            .transform(g -> withGitlabSupersededAt(g, in.ciJobs(), runs))
            .select(
                candidate(
                    gateCrack(col(CiJobsTable.NAME_COL), tests),
                    ServiceMapping.teamOfService(ServiceMapping.serviceOf(repo, cfg.services()), cfg.services()),
                    none(),
                    none(),
                    col(CiJobsTable.NAME_COL),
                    system,
                    col(CiJobsTable.JOB_ID),
                    repo,
                    gateStart,
                    gateEnd,
                    concat(lit("gate:"), system, lit(":"), col(CiJobsTable.JOB_ID)),
                    true));
    return github.unionByName(jobs);
  }

  /**
   * Adds {@code _superseded_at} to GitHub deployments: the {@code created_at} of the first later deployment
   * (created strictly later) of the same repo and environment, ignoring case; null when none came. A window
   * over the repo's deployments of that environment, ordered by creation: the min of the rows after this
   * one.
   */
  private static Dataset<Row> withGithubSupersededAt(Dataset<Row> deployments) {
    Column created = col(DeploymentsTable.CREATED_AT);
    WindowSpec laterOfEnvironment =
        Window.partitionBy(col(DeploymentsTable.SOURCE_SYSTEM), lower(col(DeploymentsTable.REPO)), lower(col(DeploymentsTable.ENVIRONMENT)))
            .orderBy(unix_micros(created))
            .rangeBetween(1, Window.unboundedFollowing());
    return deployments.withColumn(
        SUPERSEDED_AT, when(col(DeploymentsTable.ENVIRONMENT).isNotNull(), min(created).over(laterOfEnvironment)));
  }

  /**
   * Adds {@code _superseded_at} to GitLab gates never played that target an environment ({@code
   * ci_jobs.environment}, known when the job is a deployment's deployable): the earliest {@code started_at}
   * of a deploy job of the same project and environment in a pipeline created strictly later; null when
   * none started (and for passed gates, Jenkins stages and gates without an environment). A join of the
   * few waiting gates with the started deploy jobs, and a min.
   */
  private static Dataset<Row> withGitlabSupersededAt(Dataset<Row> gates, Dataset<Row> ciJobs, Dataset<Row> runs) {
    String[] run = {CiJobsTable.SOURCE_SYSTEM, CiJobsTable.RUN_ID, CiJobsTable.RUN_ATTEMPT};
    Column gitlab = col(CiJobsTable.SOURCE_SYSTEM).equalTo("gitlab");
    Column environment = col(CiJobsTable.ENVIRONMENT);
    Dataset<Row> deploys =
        ciJobs
            .where(gitlab.and(environment.isNotNull()).and(col(CiJobsTable.STARTED_AT).isNotNull()))
            .join(runs, run, "inner")
            .select(
                lower(coalesce(col(CiJobsTable.REPO), col("_run_repo"))).as("_s_repo"),
                environment.as("_s_environment"),
                col("_run_created").as("_s_run_created"),
                col(CiJobsTable.STARTED_AT).as("_s_started"));
    Dataset<Row> waiting =
        gates
            .where(gitlab.and(not(col(CiJobsTable.IS_GATE_PASSED))).and(environment.isNotNull()))
            .select(
                col(CiJobsTable.SOURCE_SYSTEM).as("_w_system"),
                col(CiJobsTable.JOB_ID).as("_w_job"),
                lower(coalesce(col(CiJobsTable.REPO), col("_run_repo"))).as("_w_repo"),
                environment.as("_w_environment"),
                col("_run_created").as("_w_run_created"));
    Dataset<Row> superseded =
        waiting
            .join(
                deploys,
                col("_w_repo").equalTo(col("_s_repo"))
                    .and(col("_w_environment").equalTo(col("_s_environment")))
                    .and(col("_s_run_created").gt(col("_w_run_created"))),
                "inner")
            .groupBy(col("_w_system"), col("_w_job"))
            .agg(min(col("_s_started")).as(SUPERSEDED_AT));
    return gates
        .join(
            superseded,
            col(CiJobsTable.SOURCE_SYSTEM).equalTo(col("_w_system")).and(col(CiJobsTable.JOB_ID).equalTo(col("_w_job"))),
            "left")
        .drop("_w_system", "_w_job");
  }

  private static Column gateCrack(Column name, Regex tests) {
    return when(matches(name, tests), lit(FrictionIntervalsTable.MANUAL_TESTING)).otherwise(lit(FrictionIntervalsTable.MANUAL_DEPLOY));
  }

  /**
   * Patching pull requests (and GitLab merge requests, drafts included) whose title matches {@code
   * friction.patching_titles} and that link no patching work item: created to merged (or closed), or still
   * open; charged to the human author, or to the first reviewer of a bot's PR (not counted without one).
   */
  private static Dataset<Row> patchingPullRequests(Inputs in, TtvConfig cfg, Timestamp lo) {
    Friction f = cfg.friction();
    Dataset<Row> patchingKeys =
        in.workItems()
            .where(labelsIn(col(WorkItemsTable.LABELS), f.patchingLabels()).or(matches(col(WorkItemsTable.TITLE), f.patchingTitles())))
            .select(col(WorkItemsTable.KEY).as("_key"))
            .distinct();
    String[] pr = {PullRequestsTable.SOURCE_SYSTEM, PullRequestsTable.REPO, PullRequestsTable.NUMBER};
    // a PR merged or closed by lo ends before the window's pieces begin: not read (work grows with the window)
    Dataset<Row> prs =
        in.pullRequests()
            .where(endsAfter(coalesce(col(PullRequestsTable.MERGED_AT), col(PullRequestsTable.CLOSED_AT)), lo))
            .where(matches(col(PullRequestsTable.TITLE), f.patchingTitles()));
    Dataset<Row> linked =
        prs.select(col(pr[0]), col(pr[1]), col(pr[2]), explode(col(PullRequestsTable.WORK_ITEM_KEYS)).as("_key"))
            .join(patchingKeys, new String[] {"_key"}, "inner")
            .select(col(pr[0]), col(pr[1]), col(pr[2]))
            .distinct();
    WindowSpec byPr =
        Window.partitionBy(col(PrReviewsTable.REPO), col(PrReviewsTable.PR_NUMBER))
            .orderBy(col(PrReviewsTable.SUBMITTED_AT), col(PrReviewsTable.REVIEW_ID));
    Dataset<Row> firstReviews =
        in.prReviews()
            .where(col(PrReviewsTable.SUBMITTED_AT).isNotNull())
            .withColumn("_n", row_number().over(byPr))
            .where(col("_n").equalTo(1))
            .select(
                col(PrReviewsTable.SOURCE_SYSTEM).as(pr[0]),
                col(PrReviewsTable.REPO).as(pr[1]),
                col(PrReviewsTable.PR_NUMBER).as(pr[2]),
                col(PrReviewsTable.REVIEWER_PERSON_ID).as("_reviewer"));
    Column person = when(col(PullRequestsTable.IS_BOT), col("_reviewer")).otherwise(col(PullRequestsTable.AUTHOR_PERSON_ID));
    Column record = concat(col(PullRequestsTable.REPO), lit("#"), col(PullRequestsTable.NUMBER).cast(DataTypes.StringType));
    return prs.join(linked, pr, "left_anti")
        .join(firstReviews, pr, "left")
        .withColumn("_person", person)
        // a bot's PR no person reviewed took no engineer's time (the contract is silent; docs/friction.md)
        .where(not(col(PullRequestsTable.IS_BOT)).or(col("_person").isNotNull()))
        .select(
            candidate(
                lit(FrictionIntervalsTable.PATCHING),
                Identities.teamOf(col("_person"), cfg.people()),
                col("_person"),
                none(),
                none(),
                col(PullRequestsTable.SOURCE_SYSTEM),
                record,
                col(PullRequestsTable.TITLE),
                col(PullRequestsTable.CREATED_AT),
                coalesce(col(PullRequestsTable.MERGED_AT), col(PullRequestsTable.CLOSED_AT)),
                coalesce(concat(lit("person:"), col("_person")), concat(lit("pr:"), col(PullRequestsTable.SOURCE_SYSTEM), lit(":"), record)),
                true));
  }

  /**
   * Build wait: GitHub Actions and GitLab run attempts that a person (not a bot) started on a branch
   * outside {@code friction.default_branches} or for a pull request, created to finished (contract 6.7).
   */
  private static Dataset<Row> buildWaits(Inputs in, TtvConfig cfg, Timestamp lo) {
    Column system = col(CiRunsTable.SOURCE_SYSTEM);
    Column isGithub = system.equalTo("github");
    Column login = when(isGithub, coalesce(col(CiRunsTable.TRIGGERING_ACTOR), col(CiRunsTable.ACTOR))).otherwise(col(CiRunsTable.ACTOR));
    List<String> defaults = cfg.friction().defaultBranches();
    Column offDefault =
        defaults.isEmpty()
            ? lit(true)
            : col(CiRunsTable.BRANCH).isNotNull().and(not(col(CiRunsTable.BRANCH).isin(defaults.toArray())));
    Column person =
        when(isGithub, Identities.personId("github", col("_login"), lit(null), cfg.people()))
            .otherwise(Identities.personId("gitlab", col("_login"), lit(null), cfg.people()));
    Column start =
        when(isGithub.and(col(CiRunsTable.RUN_ATTEMPT).gt(1)), coalesce(col(CiRunsTable.STARTED_AT), col(CiRunsTable.CREATED_AT)))
            .otherwise(col(CiRunsTable.CREATED_AT));
    Column record = concat(col(CiRunsTable.RUN_ID), lit("/"), col(CiRunsTable.RUN_ATTEMPT).cast(DataTypes.StringType));
    Column detail =
        concat(col(CiRunsTable.REPO), lit(" "), col(CiRunsTable.WORKFLOW), lit(" @ "), coalesce(col(CiRunsTable.BRANCH), lit("?")));
    // a run finished by lo ends before the window's pieces begin: not read (work grows with the window)
    return in.ciRuns()
        .where(endsAfter(col(CiRunsTable.FINISHED_AT), lo))
        .where(system.isin("github", "gitlab"))
        .withColumn("_login", login)
        .where(col("_login").isNotNull().and(not(Identities.isBot(col("_login"), lit(null), cfg.bots()))))
        .where(col(CiRunsTable.IS_PULL_REQUEST).or(offDefault))
        .withColumn("_person", person)
        .select(
            candidate(
                lit(FrictionIntervalsTable.BUILD_WAIT),
                Identities.teamOf(col("_person"), cfg.people()),
                col("_person"),
                none(),
                none(),
                system,
                record,
                detail,
                start,
                col(CiRunsTable.FINISHED_AT),
                concat(lit("person:"), col("_person")),
                true));
  }

  /**
   * Per incident and person, their first involvement ({@code _first}: assignment, escalation or
   * acknowledgement) and first page ({@code _first_page}: assignment or escalation to them), from the
   * log entries; an incident without log entries falls back to its responders from the acknowledgement
   * (else the start) on, without a page.
   */
  private static Dataset<Row> involvement(Inputs in) {
    Dataset<Row> entries = in.logEntries();
    Column type = col(IncidentLogEntriesTable.TYPE);
    String incident = IncidentLogEntriesTable.INCIDENT_ID;
    Dataset<Row> pages =
        entries
            .where(type.isin("assign_log_entry", "escalate_log_entry"))
            .select(col(incident), explode(col(IncidentLogEntriesTable.ASSIGNEE_PERSON_IDS)).as("_person"), col(IncidentLogEntriesTable.CREATED_AT).as("_at"), lit(true).as("_is_page"));
    Dataset<Row> acks =
        entries
            .where(type.equalTo("acknowledge_log_entry").and(col(IncidentLogEntriesTable.AGENT_PERSON_ID).isNotNull()))
            .select(col(incident), col(IncidentLogEntriesTable.AGENT_PERSON_ID).as("_person"), col(IncidentLogEntriesTable.CREATED_AT).as("_at"), lit(false).as("_is_page"));
    Dataset<Row> logged = entries.select(col(incident)).distinct();
    Dataset<Row> responders =
        in.incidents()
            .where(size(col(IncidentsTable.RESPONDERS)).gt(0))
            .join(logged, new String[] {incident}, "left_anti")
            .select(
                col(IncidentsTable.INCIDENT_ID).as(incident),
                explode(col(IncidentsTable.RESPONDERS)).as("_person"),
                coalesce(col(IncidentsTable.ACKNOWLEDGED_AT), col(IncidentsTable.STARTED_AT)).as("_at"),
                lit(false).as("_is_page"));
    Dataset<Row> firsts =
        pages.unionByName(acks)
            .unionByName(responders)
            .groupBy(col(incident), col("_person"))
            .agg(min(col("_at")).as("_first"), min(when(col("_is_page"), col("_at"))).as("_first_page"));
    return in.incidents()
        .select(
            col(IncidentsTable.INCIDENT_ID).as(incident),
            col(IncidentsTable.SOURCE_SYSTEM).as("_system"),
            col(IncidentsTable.TITLE).as("_title"),
            col(IncidentsTable.RESOLVED_AT).as("_resolved"))
        .join(firsts, new String[] {incident}, "inner");
  }

  /** Interruptions: per responder, first involvement to resolution (or still open), not clipped. */
  private static Dataset<Row> interruptions(Inputs in, Dataset<Row> involvement, TtvConfig cfg) {
    return involvement.select(
        candidate(
            lit(FrictionIntervalsTable.INTERRUPTION),
            Identities.teamOf(col("_person"), cfg.people()),
            col("_person"),
            none(),
            none(),
            col("_system"),
            col(IncidentLogEntriesTable.INCIDENT_ID),
            col("_title"),
            col("_first"),
            col("_resolved"),
            concat(lit("person:"), col("_person")),
            false));
  }

  /** One row (0 hours) per incident and person whose first page fell outside that person's working time. */
  private static Dataset<Row> afterHoursPages(Dataset<Row> involvement, TtvConfig cfg, LocalDate from, LocalDate to) {
    Column page = col("_first_page");
    Dataset<Row> pages =
        WorkingTime.withTeamCalendar(
                involvement.where(page.isNotNull()).withColumn(TEAM, coalesce(Identities.teamOf(col("_person"), cfg.people()), lit(Team.UNASSIGNED))),
                TEAM,
                cfg)
            .where(not(WorkingTime.isWorkingTime(page)))
            .withColumn(DATE, WorkingTime.localDate(page, col(WorkingTime.ZONE)))
            .where(col(DATE).between(lit(from), lit(to)));
    return pages.select(
        col(DATE),
        col(TEAM),
        lit(FrictionIntervalsTable.AFTER_HOURS_PAGE).as(CRACK),
        col("_person").as(PERSON),
        none().as(ITEM),
        none().as(GATE),
        col("_system").as(SYSTEM),
        col(IncidentLogEntriesTable.INCIDENT_ID).as(RECORD),
        col("_title").as(DETAIL),
        page.as(START),
        page.as(END),
        lit(0.0).as(HOURS));
  }

  /** The meeting and lost-focus cracks: one row per person and date with hours, from fact_person_day. */
  private static Dataset<Row> personDayCracks(Dataset<Row> personDays, LocalDate from, LocalDate to) {
    Dataset<Row> days = personDays.where(col(FactPersonDayTable.DATE).between(lit(from), lit(to)));
    Column lostFocus =
        when(col(FactPersonDayTable.HAS_CALENDAR), col(FactPersonDayTable.WORKING_HOURS).minus(col(FactPersonDayTable.FOCUS_HOURS)));
    Dataset<Row> out = null;
    String[][] cracks = {
      {FrictionIntervalsTable.DEPLOY_PLANNING_MEETING, FactPersonDayTable.DEPLOY_PLANNING_MEETING_HOURS},
      {FrictionIntervalsTable.CROSS_TEAM_API_MEETING, FactPersonDayTable.CROSS_TEAM_API_MEETING_HOURS},
      {FrictionIntervalsTable.LOST_FOCUS, null}
    };
    for (String[] c : cracks) {
      Column hours = c[1] == null ? lostFocus : col(c[1]);
      Dataset<Row> rows =
          days.where(hours.gt(0))
              .select(
                  col(FactPersonDayTable.DATE).as(DATE),
                  coalesce(col(FactPersonDayTable.TEAM), lit(Team.UNASSIGNED)).as(TEAM),
                  lit(c[0]).as(CRACK),
                  col(FactPersonDayTable.PERSON_ID).as(PERSON),
                  none().as(ITEM),
                  none().as(GATE),
                  lit(PERSON_DAY_SOURCE).as(SYSTEM),
                  col(FactPersonDayTable.PERSON_ID).as(RECORD),
                  none().as(DETAIL),
                  lit(null).cast(DataTypes.TimestampType).as(START),
                  lit(null).cast(DataTypes.TimestampType).as(END),
                  hours.cast(DataTypes.DoubleType).as(HOURS));
      out = out == null ? rows : out.unionByName(rows);
    }
    return out;
  }

  private static Dataset<Row> inSchema(Dataset<Row> rows) {
    return rows.select(
        java.util.Arrays.stream(FrictionIntervalsTable.SCHEMA.fields())
            .map(f -> col(f.name()).cast(f.dataType()).as(f.name()))
            .toArray(Column[]::new));
  }
}
