package io.ttv.jobs.report;

import io.ttv.schemas.TableDef;
import io.ttv.schemas.Tables;
import io.ttv.schemas.config.Person;
import io.ttv.schemas.config.Team;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.DimServiceTable;
import io.ttv.schemas.tables.FactChangeTable;
import io.ttv.schemas.tables.FactCiDailyTable;
import io.ttv.schemas.tables.FactDeliveryDailyTable;
import io.ttv.schemas.tables.FactFlowDailyTable;
import io.ttv.schemas.tables.FactFrictionDailyTable;
import io.ttv.schemas.tables.FactPersonDayTable;
import io.ttv.schemas.tables.FrictionIntervalsTable;
import io.ttv.schemas.tables.IdentitiesTable;
import io.ttv.schemas.tables.QuarantineTable;
import io.ttv.schemas.tables.RawTables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Every number of the leaders' report, computed with Spark SQL over the fact tables registered by name
 * (a missing table reads as empty, so its figures are empty): only small aggregates (per period, week,
 * team, crack) are collected. Teams with fewer than {@code report.min_group_size} people in the config,
 * {@code unassigned} and repos no service lists are folded into "other teams"; no figure is per person.
 */
public final class ReportFigures {
  private ReportFigures() {}

  public static final String ORGANISATION = "Organisation";
  public static final String OTHER_TEAMS = "other teams";
  static final String TEAMS_VIEW = "report_teams";

  /** Cracks in hours, as {@code fact_friction_daily} columns, with the seed's words. */
  public static final Map<String, String> CRACK_HOURS = new LinkedHashMap<>();

  static {
    CRACK_HOURS.put(FactFrictionDailyTable.MANUAL_TESTING_HOURS, "Manual testing before/after a deploy");
    CRACK_HOURS.put(FactFrictionDailyTable.MANUAL_DEPLOY_HOURS, "Manual tasks in the deploy process");
    CRACK_HOURS.put(FactFrictionDailyTable.INFRA_WAIT_HOURS, "Waiting on infrastructure changes");
    CRACK_HOURS.put(FactFrictionDailyTable.DEPLOY_PLANNING_MEETING_HOURS, "Deploy-planning meetings");
    CRACK_HOURS.put(FactFrictionDailyTable.CROSS_TEAM_API_MEETING_HOURS, "Cross-team API meetings");
    CRACK_HOURS.put(FactFrictionDailyTable.PATCHING_HOURS, "Manual patching of libraries and servers");
    CRACK_HOURS.put(FactFrictionDailyTable.BUILD_WAIT_HOURS, "Waiting for builds");
    CRACK_HOURS.put(FactFrictionDailyTable.LOST_FOCUS_HOURS, "Working time without focus");
    CRACK_HOURS.put(FactFrictionDailyTable.INTERRUPTION_HOURS, "Interruptions from production problems");
  }

  /** The {@code friction_intervals.crack} of a {@code fact_friction_daily} hours column. */
  static String crackOf(String hoursColumn) {
    return hoursColumn.replaceFirst("_hours$", "");
  }

  /** Everything the page, its charts and its CSVs show. */
  public record ReportData(
      ReportPeriod period,
      List<String> groups,
      int foldedTeams,
      String currency,
      boolean hasCost,
      ReportTable headline,
      ReportTable weeklyDelivery,
      ReportTable weeklyFriction,
      ReportTable weeklyCi,
      ReportTable teamTime,
      ReportTable teamFlow,
      ReportTable leaks,
      ReportTable leakContributors,
      ReportTable dataQuality,
      List<String> missingTables) {

    public List<ReportTable> tables() {
      return List.of(headline, weeklyDelivery, weeklyFriction, weeklyCi, teamTime, teamFlow, leaks, leakContributors, dataQuality);
    }

    /** A headline figure: [current, previous] for a group (null values when unknown). */
    public Double headline(String group, String figure, boolean current) {
      int g = headline.column("group");
      int f = headline.column("figure");
      int c = headline.column(current ? "current" : "previous");
      return headline.rows().stream()
          .filter(r -> r.get(g).equals(group) && r.get(f).equals(figure))
          .findFirst()
          .map(r -> (Double) r.get(c))
          .orElse(null);
    }
  }

  public static ReportData compute(SparkSession spark, TtvConfig cfg, ReportPeriod p) {
    List<String> missing = emptyViewsForMissingTables(spark);
    int folded = registerTeams(spark, cfg);
    List<String> groups = groups(cfg);

    Map<String, Map<String, Double[]>> head = new HashMap<>();
    headline(spark, head, p, deliverySql(p));
    headline(spark, head, p, changesSql(p));
    headline(spark, head, p, frictionSql(p));
    headline(spark, head, p, personDaySql(p));
    headline(spark, head, p, flowSql(p));
    List<List<Object>> headRows = new ArrayList<>();
    for (String g : groups) {
      for (Figures.Figure f : Figures.ALL) {
        Double[] v = head.getOrDefault(g, Map.of()).getOrDefault(f.key(), new Double[2]);
        headRows.add(Arrays.asList(g, f.key(), f.label(), f.unit(), v[0], v[1], change(v[0], v[1]),
            Figures.doraBand(f.key(), v[0]).orElse(null), f.definition()));
      }
    }
    ReportTable headline = new ReportTable("headline", "Headline figures: the last " + p.weeks() + " weeks against the "
        + p.weeks() + " before", List.of("group", "figure", "label", "unit", "current", "previous", "change", "dora_band", "definition"), headRows);

    ReportTable friction = weeklyFriction(spark, p, cfg);
    ReportTable leaks = leaks(friction, p, cfg);
    return new ReportData(p, groups, folded, cfg.cost().currency(), cfg.cost().hasRate(), headline, weeklyDelivery(spark, p),
        friction, weeklyCi(spark, p), teamTime(spark, p), teamFlow(spark, p), leaks, leakContributors(spark, p, leaks),
        dataQuality(spark, p), missing);
  }

  /** (new - old) / old, or null when either is unknown or old is 0. */
  static Double change(Double current, Double previous) {
    if (current == null || previous == null || previous == 0) {
      return null;
    }
    return (current - previous) / previous;
  }

  private static List<String> emptyViewsForMissingTables(SparkSession spark) {
    List<String> missing = new ArrayList<>();
    for (TableDef t : List.of(FactDeliveryDailyTable.TABLE, FactChangeTable.TABLE, FactFrictionDailyTable.TABLE,
        FrictionIntervalsTable.TABLE, FactPersonDayTable.TABLE, FactFlowDailyTable.TABLE, FactCiDailyTable.TABLE,
        DimServiceTable.TABLE, QuarantineTable.TABLE, IdentitiesTable.TABLE)) {
      if (!spark.catalog().tableExists(t.name())) {
        missing.add(t.name());
        spark.createDataFrame(List.<Row>of(), t.schema()).createOrReplaceTempView(t.name());
      }
    }
    return missing;
  }

  /** {@code report_teams(team, report_team)}: every team of the config, small ones as "other teams". Returns how many were folded. */
  static int registerTeams(SparkSession spark, TtvConfig cfg) {
    Map<String, Long> size = cfg.people().stream().filter(x -> x.team() != null)
        .collect(Collectors.groupingBy(Person::team, Collectors.counting()));
    List<Row> rows = new ArrayList<>();
    int folded = 0;
    for (Team t : cfg.teams()) {
      boolean shown = size.getOrDefault(t.name(), 0L) >= cfg.report().minGroupSize();
      folded += shown ? 0 : 1;
      rows.add(RowFactory.create(t.name(), shown ? t.name() : OTHER_TEAMS));
    }
    StructType schema = new StructType().add("team", DataTypes.StringType).add("report_team", DataTypes.StringType);
    spark.createDataFrame(rows, schema).createOrReplaceTempView(TEAMS_VIEW);
    return folded;
  }

  /** The organisation, the teams shown by name (alphabetically), then "other teams". */
  static List<String> groups(TtvConfig cfg) {
    Map<String, Long> size = cfg.people().stream().filter(x -> x.team() != null)
        .collect(Collectors.groupingBy(Person::team, Collectors.counting()));
    List<String> g = new ArrayList<>();
    g.add(ORGANISATION);
    g.addAll(new TreeSet<>(cfg.teams().stream().map(Team::name)
        .filter(t -> size.getOrDefault(t, 0L) >= cfg.report().minGroupSize()).toList()));
    g.add(OTHER_TEAMS);
    return g;
  }

  private static String teamJoin(String teamColumn) {
    return " LEFT JOIN " + TEAMS_VIEW + " rt ON rt.team = " + teamColumn;
  }

  private static final String REPORT_TEAM = "coalesce(rt.report_team, '" + OTHER_TEAMS + "') AS report_team";
  private static final String GROUP = "CASE WHEN grouping(report_team) = 1 THEN '" + ORGANISATION + "' ELSE report_team END AS grp";
  private static final String BY_GROUP = " GROUP BY GROUPING SETS ((period), (period, report_team))";

  private static String deliverySql(ReportPeriod p) {
    String d = FactDeliveryDailyTable.DEPLOYMENTS;
    return "WITH d AS (SELECT f.*, " + p.sqlPeriod("f.date") + " AS period, " + REPORT_TEAM
        + " FROM " + FactDeliveryDailyTable.NAME + " f LEFT JOIN " + DimServiceTable.NAME + " s ON s." + DimServiceTable.SERVICE
        + " = f." + FactDeliveryDailyTable.SERVICE + teamJoin("s." + DimServiceTable.TEAM) + " WHERE " + p.sqlWhere("f.date") + ")"
        + " SELECT period, " + GROUP + ","
        + " sum(" + d + ") / " + p.weeks() + " AS " + Figures.DEPLOYMENTS_PER_WEEK + ","
        + " sum(" + d + ") / " + p.weeks() + " / nullif(count(DISTINCT CASE WHEN " + d + " > 0 THEN " + FactDeliveryDailyTable.SERVICE
        + " END), 0) AS " + Figures.DEPLOYMENTS_PER_SERVICE_WEEK + ","
        + " sum(" + FactDeliveryDailyTable.FAILED_CHANGES + ") / nullif(sum(CASE WHEN " + FactDeliveryDailyTable.FAILED_CHANGES
        + " IS NOT NULL THEN " + d + " END), 0) AS " + Figures.CHANGE_FAILURE_RATE + ","
        + " percentile(" + FactDeliveryDailyTable.RECOVERY_TIME_P50_HOURS + ", 0.5) AS " + Figures.RECOVERY_TIME_P50 + ","
        + " sum(" + FactDeliveryDailyTable.REWORK_DEPLOYMENTS + ") / nullif(sum(CASE WHEN " + FactDeliveryDailyTable.REWORK_DEPLOYMENTS
        + " IS NOT NULL THEN " + d + " END), 0) AS " + Figures.REWORK_RATE
        + " FROM d" + BY_GROUP;
  }

  private static String changesSql(ReportPeriod p) {
    return "WITH c AS (SELECT f.*, " + p.sqlPeriod("f.date") + " AS period, " + REPORT_TEAM + " FROM " + FactChangeTable.NAME + " f"
        + teamJoin("f." + FactChangeTable.TEAM) + " WHERE " + p.sqlWhere("f.date") + ")"
        + " SELECT period, " + GROUP + ","
        + " percentile(" + FactChangeTable.TIME_TO_VALUE_HOURS + ", 0.5) AS " + Figures.TTV_P50 + ","
        + " percentile(" + FactChangeTable.TIME_TO_VALUE_HOURS + ", 0.9) AS " + Figures.TTV_P90 + ","
        + " percentile(" + FactChangeTable.LEAD_TIME_HOURS + ", 0.5) AS " + Figures.LEAD_TIME_P50 + ","
        + " percentile(" + FactChangeTable.LEAD_TIME_HOURS + ", 0.9) AS " + Figures.LEAD_TIME_P90
        + " FROM c" + BY_GROUP;
  }

  private static String frictionSql(ReportPeriod p) {
    return "WITH f AS (SELECT f.*, " + p.sqlPeriod("f.date") + " AS period, " + REPORT_TEAM + " FROM " + FactFrictionDailyTable.NAME + " f"
        + teamJoin("f." + FactFrictionDailyTable.TEAM) + " WHERE " + p.sqlWhere("f.date") + ")"
        + " SELECT period, " + GROUP + ","
        + " sum(" + FactFrictionDailyTable.FRICTION_HOURS + ") / " + p.weeks() + " AS " + Figures.FRICTION_HOURS_PER_WEEK + ","
        + " sum(" + FactFrictionDailyTable.FRICTION_COST + ") / " + p.weeks() + " AS " + Figures.FRICTION_COST_PER_WEEK
        + " FROM f" + BY_GROUP;
  }

  private static String personDaySql(ReportPeriod p) {
    return "WITH d AS (SELECT f.*, " + p.sqlPeriod("f.date") + " AS period, " + REPORT_TEAM + " FROM " + FactPersonDayTable.NAME + " f"
        + teamJoin("f." + FactPersonDayTable.TEAM) + " WHERE " + p.sqlWhere("f.date") + " AND f." + FactPersonDayTable.HAS_CALENDAR
        + " AND f." + FactPersonDayTable.WORKING_HOURS + " > 0)"
        + " SELECT period, " + GROUP + ","
        + " avg(" + FactPersonDayTable.MEETING_HOURS + ") AS " + Figures.MEETING_HOURS_PER_PERSON_DAY + ","
        + " avg(" + FactPersonDayTable.FOCUS_HOURS + ") AS " + Figures.FOCUS_HOURS_PER_PERSON_DAY
        + " FROM d" + BY_GROUP;
  }

  private static String flowSql(ReportPeriod p) {
    return "WITH d AS (SELECT f.*, " + p.sqlPeriod("f.date") + " AS period, " + REPORT_TEAM + " FROM " + FactFlowDailyTable.NAME + " f"
        + teamJoin("f." + FactFlowDailyTable.TEAM) + " WHERE " + p.sqlWhere("f.date") + ")"
        + " SELECT period, " + GROUP + ","
        + " sum(" + FactFlowDailyTable.FLOW_VELOCITY + ") / " + p.weeks() + " AS " + Figures.ITEMS_DONE_PER_WEEK
        + " FROM d" + BY_GROUP;
  }

  private static void headline(SparkSession spark, Map<String, Map<String, Double[]>> into, ReportPeriod p, String sql) {
    var result = spark.sql(sql);
    String[] cols = result.columns();
    for (Row r : result.collectAsList()) {
      int slot = r.getString(0).equals("current") ? 0 : 1;
      Map<String, Double[]> g = into.computeIfAbsent(r.getString(1), k -> new HashMap<>());
      for (int i = 2; i < cols.length; i++) {
        g.computeIfAbsent(cols[i], k -> new Double[2])[slot] = r.isNullAt(i) ? null : ((Number) r.get(i)).doubleValue();
      }
    }
  }

  /** Rows keyed by week end, with every week of the current period present (sums 0 where a fact has no row). */
  private static List<List<Object>> byWeek(SparkSession spark, ReportPeriod p, String sql, int values, boolean zeroWhenMissing) {
    Map<LocalDate, List<Object>> got = new TreeMap<>();
    for (Row r : spark.sql(sql).collectAsList()) {
      List<Object> v = new ArrayList<>();
      for (int i = 1; i <= values; i++) {
        v.add(r.isNullAt(i) ? null : ((Number) r.get(i)).doubleValue());
      }
      got.put(r.getDate(0).toLocalDate(), v);
    }
    List<List<Object>> rows = new ArrayList<>();
    for (LocalDate w : p.weekEnds()) {
      List<Object> row = new ArrayList<>();
      row.add(w);
      List<Object> v = got.get(w);
      for (int i = 0; i < values; i++) {
        row.add(v != null ? v.get(i) : zeroWhenMissing ? Double.valueOf(0) : null);
      }
      rows.add(row);
    }
    return rows;
  }

  private static String currentWeeks(String table, ReportPeriod p) {
    return " FROM " + table + " WHERE date BETWEEN DATE'" + p.currentFrom() + "' AND DATE'" + p.date() + "' GROUP BY 1";
  }

  static ReportTable weeklyDelivery(SparkSession spark, ReportPeriod p) {
    List<List<Object>> changes = byWeek(spark, p, "SELECT " + p.sqlWeekEnd("date") + ","
        + " percentile(" + FactChangeTable.TIME_TO_VALUE_HOURS + ", 0.5), percentile(" + FactChangeTable.TIME_TO_VALUE_HOURS + ", 0.9),"
        + " percentile(" + FactChangeTable.LEAD_TIME_HOURS + ", 0.5)" + currentWeeks(FactChangeTable.NAME, p), 3, false);
    List<List<Object>> deploys = byWeek(spark, p, "SELECT " + p.sqlWeekEnd("date") + ", sum(" + FactDeliveryDailyTable.DEPLOYMENTS + ")"
        + currentWeeks(FactDeliveryDailyTable.NAME, p), 1, true);
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      List<Object> r = new ArrayList<>(changes.get(i));
      r.add(deploys.get(i).get(1));
      rows.add(r);
    }
    return new ReportTable("weekly_delivery", "Time to value and lead time per week (organisation)",
        List.of("week_ending", "time_to_value_p50_hours", "time_to_value_p90_hours", "lead_time_p50_hours", "deployments"), rows);
  }

  static ReportTable weeklyFriction(SparkSession spark, ReportPeriod p, TtvConfig cfg) {
    StringBuilder sql = new StringBuilder("SELECT " + p.sqlWeekEnd("date"));
    for (String c : CRACK_HOURS.keySet()) {
      sql.append(", coalesce(sum(").append(c).append("), 0)");
    }
    sql.append(", coalesce(sum(").append(FactFrictionDailyTable.FRICTION_HOURS).append("), 0), sum(")
        .append(FactFrictionDailyTable.FRICTION_COST).append(")").append(currentWeeks(FactFrictionDailyTable.NAME, p));
    List<List<Object>> rows = byWeek(spark, p, sql.toString(), CRACK_HOURS.size() + 2, true);
    if (!cfg.cost().hasRate()) {
      rows.forEach(r -> r.set(r.size() - 1, null));
    }
    List<String> cols = new ArrayList<>();
    cols.add("week_ending");
    cols.addAll(CRACK_HOURS.keySet());
    cols.add(FactFrictionDailyTable.FRICTION_HOURS);
    cols.add(FactFrictionDailyTable.FRICTION_COST);
    return new ReportTable("weekly_friction", "Engineer-hours lost per week, by crack (organisation)", cols, rows);
  }

  static ReportTable weeklyCi(SparkSession spark, ReportPeriod p) {
    List<List<Object>> wait = byWeek(spark, p, "SELECT " + p.sqlWeekEnd("date") + ", coalesce(sum(" + FactFrictionDailyTable.BUILD_WAIT_HOURS
        + "), 0)" + currentWeeks(FactFrictionDailyTable.NAME, p), 1, true);
    List<List<Object>> ci = byWeek(spark, p, "SELECT " + p.sqlWeekEnd("date") + ", coalesce(sum(" + FactCiDailyTable.MANUAL_GATE_WAIT_MINUTES
        + "), 0) / 60, coalesce(sum(" + FactCiDailyTable.BUILD_MINUTES + "), 0) / 60, sum(" + FactCiDailyTable.RUNS + ")"
        + currentWeeks(FactCiDailyTable.NAME, p), 3, true);
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < wait.size(); i++) {
      List<Object> r = new ArrayList<>(wait.get(i));
      r.addAll(ci.get(i).subList(1, 4));
      rows.add(r);
    }
    return new ReportTable("weekly_ci", "Waiting for builds and at manual gates per week (organisation)",
        List.of("week_ending", "build_wait_hours", "manual_gate_wait_hours", "build_hours", "runs"), rows);
  }

  static ReportTable teamTime(SparkSession spark, ReportPeriod p) {
    List<List<Object>> rows = new ArrayList<>();
    String sql = "SELECT " + REPORT_TEAM + ", count(*), avg(" + FactPersonDayTable.MEETING_HOURS + "), avg(" + FactPersonDayTable.FOCUS_HOURS
        + "), avg(" + FactPersonDayTable.FRAGMENTED_HOURS + ") FROM " + FactPersonDayTable.NAME + " f" + teamJoin("f." + FactPersonDayTable.TEAM)
        + " WHERE f.date BETWEEN DATE'" + p.currentFrom() + "' AND DATE'" + p.date() + "' AND f." + FactPersonDayTable.HAS_CALENDAR
        + " AND f." + FactPersonDayTable.WORKING_HOURS + " > 0 GROUP BY 1 ORDER BY report_team = '" + OTHER_TEAMS + "', report_team";
    for (Row r : spark.sql(sql).collectAsList()) {
      rows.add(Arrays.asList(r.getString(0), r.getLong(1), r.getDouble(2), r.getDouble(3), r.getDouble(4)));
    }
    return new ReportTable("team_time", "Meeting, focus and fragmented hours per person-day, per team (last " + p.weeks() + " weeks)",
        List.of("team", "person_days", "meeting_hours", "focus_hours", "fragmented_hours"), rows);
  }

  static ReportTable teamFlow(SparkSession spark, ReportPeriod p) {
    List<List<Object>> rows = new ArrayList<>();
    String sql = "WITH d AS (SELECT " + REPORT_TEAM + ", f.* FROM " + FactFlowDailyTable.NAME + " f" + teamJoin("f." + FactFlowDailyTable.TEAM)
        + " WHERE f.date BETWEEN DATE'" + p.currentFrom() + "' AND DATE'" + p.date() + "')"
        + " SELECT report_team, " + FactFlowDailyTable.FLOW_ITEM_TYPE + ", sum(" + FactFlowDailyTable.FLOW_VELOCITY + ") AS done,"
        + " sum(" + FactFlowDailyTable.FLOW_VELOCITY + ") / nullif(sum(sum(" + FactFlowDailyTable.FLOW_VELOCITY + ")) OVER (PARTITION BY report_team), 0),"
        + " percentile(" + FactFlowDailyTable.FLOW_TIME_P50_DAYS + ", 0.5)"
        + " FROM d GROUP BY 1, 2 ORDER BY report_team = '" + OTHER_TEAMS + "', report_team, 2";
    for (Row r : spark.sql(sql).collectAsList()) {
      rows.add(Arrays.asList(r.getString(0), r.getString(1), r.getLong(2), r.isNullAt(3) ? null : r.getDouble(3), r.isNullAt(4) ? null : r.getDouble(4)));
    }
    return new ReportTable("team_flow", "Flow per team and item type (last " + p.weeks() + " weeks)",
        List.of("team", "flow_item_type", "items_done", "share_of_done", "flow_time_days_typical"), rows);
  }

  /**
   * The three cracks that cost most in the last week (ties: the order of the seed), against their average
   * week in the rest of the period (null when the report covers one week).
   */
  static ReportTable leaks(ReportTable weeklyFriction, ReportPeriod p, TtvConfig cfg) {
    List<List<Object>> rows = new ArrayList<>();
    List<List<Object>> weeks = weeklyFriction.rows();
    for (String c : CRACK_HOURS.keySet()) {
      int i = weeklyFriction.column(c);
      double last = (Double) weeks.get(weeks.size() - 1).get(i);
      Double before = null;
      if (weeks.size() > 1) {
        before = weeks.subList(0, weeks.size() - 1).stream().mapToDouble(r -> (Double) r.get(i)).sum() / (weeks.size() - 1);
      }
      Double cost = cfg.cost().hasRate() ? last * cfg.cost().hourlyRate() : null;
      rows.add(Arrays.asList(crackOf(c), CRACK_HOURS.get(c), last, before, change(last, before), cost));
    }
    List<List<Object>> top = rows.stream().filter(r -> (Double) r.get(2) > 0)
        .sorted((a, b) -> Double.compare((Double) b.get(2), (Double) a.get(2))).limit(3).toList();
    return new ReportTable("largest_leaks", "Largest leaks: the cracks that cost most in the week ending " + p.date(),
        List.of("crack", "label", "last_week_hours", "average_week_before_hours", "change", "last_week_cost"), top);
  }

  /**
   * The top contributors of each leak in the last week, from {@code friction_intervals}, named so a team
   * lead can act and never a person: the work item and its status, the gate and its repo, the build's repo
   * and workflow (its branch left out), the incident's or pull request's title; meeting and focus time is
   * per person in the facts, so it is shown per team only.
   */
  static ReportTable leakContributors(SparkSession spark, ReportPeriod p, ReportTable leaks) {
    List<List<Object>> rows = new ArrayList<>();
    if (!leaks.rows().isEmpty()) {
      String cracks = leaks.rows().stream().map(r -> "'" + r.get(0) + "'").collect(Collectors.joining(", "));
      String contributor = "CASE WHEN f." + FrictionIntervalsTable.WORK_ITEM_KEY + " IS NOT NULL THEN concat(f." + FrictionIntervalsTable.WORK_ITEM_KEY
          + ", coalesce(concat(' (', f." + FrictionIntervalsTable.DETAIL + ", ')'), ''))"
          + " WHEN f." + FrictionIntervalsTable.GATE + " IS NOT NULL THEN concat('gate ', f." + FrictionIntervalsTable.GATE
          + ", coalesce(concat(' in ', f." + FrictionIntervalsTable.DETAIL + "), ''))"
          + " WHEN f." + FrictionIntervalsTable.CRACK + " = '" + FrictionIntervalsTable.BUILD_WAIT + "' THEN regexp_replace(f."
          + FrictionIntervalsTable.DETAIL + ", ' @ .*$', '')"
          + " WHEN f." + FrictionIntervalsTable.CRACK + " IN ('" + FrictionIntervalsTable.INTERRUPTION + "', '" + FrictionIntervalsTable.PATCHING
          + "') AND f." + FrictionIntervalsTable.DETAIL + " IS NOT NULL THEN f." + FrictionIntervalsTable.DETAIL
          + " ELSE concat('team ', coalesce(rt.report_team, '" + OTHER_TEAMS + "')) END";
      String sql = "SELECT crack, contributor, hours FROM (SELECT crack, contributor, hours,"
          + " row_number() OVER (PARTITION BY crack ORDER BY hours DESC, contributor) AS rank FROM ("
          + " SELECT f." + FrictionIntervalsTable.CRACK + " AS crack, " + contributor + " AS contributor, sum(f." + FrictionIntervalsTable.HOURS + ") AS hours"
          + " FROM " + FrictionIntervalsTable.NAME + " f" + teamJoin("f." + FrictionIntervalsTable.TEAM)
          + " WHERE f.date BETWEEN DATE'" + p.lastWeekFrom() + "' AND DATE'" + p.date() + "' AND f." + FrictionIntervalsTable.CRACK + " IN (" + cracks + ")"
          + " GROUP BY 1, 2)) WHERE rank <= 3";
      Map<String, List<Row>> byCrack = spark.sql(sql).collectAsList().stream().collect(Collectors.groupingBy(r -> r.getString(0)));
      for (List<Object> leak : leaks.rows()) {
        List<Row> top = byCrack.getOrDefault((String) leak.get(0), List.of()).stream()
            .sorted((a, b) -> Double.compare(b.getDouble(2), a.getDouble(2))).toList();
        for (int i = 0; i < top.size(); i++) {
          rows.add(Arrays.asList(leak.get(0), i + 1, Objects.toString(top.get(i).get(1), "(unnamed)"), top.get(i).getDouble(2)));
        }
      }
    }
    return new ReportTable("leak_contributors", "What the largest leaks were spent on (week ending " + p.date() + ")",
        List.of("crack", "rank", "contributor", "hours"), rows);
  }

  /** Per source system: its newest export, the records quarantined in the period, the identities no person claims. */
  static ReportTable dataQuality(SparkSession spark, ReportPeriod p) {
    Map<String, Object[]> bySystem = new TreeMap<>();
    // SHOW TABLES, not catalog().listTables(): the latter's typed rows fail to decode when code generation is off
    List<String> raw = spark.sql("SHOW TABLES").collectAsList().stream()
        .map(r -> r.<String>getAs("tableName")).filter(n -> n.startsWith("raw_")).sorted().toList();
    if (!raw.isEmpty()) {
      String union = raw.stream().map(t -> "SELECT " + RawTables.SOURCE_SYSTEM + " AS s, max(" + RawTables.EXPORT_DATE + ") AS d FROM " + t
          + " GROUP BY 1").collect(Collectors.joining(" UNION ALL "));
      for (Row r : spark.sql("SELECT s, max(d) FROM (" + union + ") GROUP BY s").collectAsList()) {
        bySystem.computeIfAbsent(r.getString(0), k -> new Object[] {null, 0L, 0L})[0] = r.isNullAt(1) ? null : r.getDate(1).toLocalDate();
      }
    }
    for (Row r : spark.sql("SELECT " + QuarantineTable.SOURCE_SYSTEM + ", count(*) FROM " + QuarantineTable.NAME + " WHERE "
        + QuarantineTable.EXPORT_DATE + " BETWEEN DATE'" + p.currentFrom() + "' AND DATE'" + p.date() + "' GROUP BY 1").collectAsList()) {
      bySystem.computeIfAbsent(r.getString(0), k -> new Object[] {null, 0L, 0L})[1] = r.getLong(1);
    }
    for (Row r : spark.sql("SELECT " + IdentitiesTable.SYSTEM + ", count(*) FROM " + IdentitiesTable.NAME + " WHERE NOT "
        + IdentitiesTable.IS_MATCHED + " AND NOT coalesce(" + IdentitiesTable.IS_BOT + ", false) GROUP BY 1").collectAsList()) {
      bySystem.computeIfAbsent(r.getString(0), k -> new Object[] {null, 0L, 0L})[2] = r.getLong(1);
    }
    List<List<Object>> rows = new ArrayList<>();
    bySystem.forEach((s, v) -> rows.add(Arrays.asList(s, v[0], v[1], v[2],
        v[0] == null ? null : (long) (p.date().toEpochDay() - ((LocalDate) v[0]).toEpochDay()))));
    return new ReportTable("data_quality", "Data quality per source: how fresh, how much was quarantined, who is not matched",
        List.of("source_system", "newest_export_date", "quarantined_records", "unmatched_identities", "days_behind_report_date"), rows);
  }
}
