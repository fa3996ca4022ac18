package io.ttv.jobs.cli;

import io.ttv.jobs.Progress;
import io.ttv.jobs.generate.GenerateResult;
import io.ttv.jobs.pipeline.Pipeline;
import io.ttv.jobs.pipeline.Stage;
import io.ttv.jobs.spark.SparkSessions;
import io.ttv.jobs.spark.Warehouse;
import io.ttv.schemas.config.Report;
import io.ttv.schemas.config.TtvConfig;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generates a synthetic organisation's exports, runs the whole pipeline over every day,",
      "and prints where everything is and a short summary. Needs nothing but this repository."
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--dir", defaultValue = "ttv-demo", paramLabel = "DIR", description = "Where to put the demo (default ./${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--engineers", defaultValue = "40", paramLabel = "N", description = "Engineers (default ${DEFAULT-VALUE}).")
  int engineers;

  @Option(names = "--days", defaultValue = "30", paramLabel = "D", description = "Days (default ${DEFAULT-VALUE}).")
  int days;

  @Override
  public Integer call() {
    Instant start = Instant.now();
    Path abs = dir.toAbsolutePath().normalize();
    Progress.info("generating " + engineers + " engineers x " + days + " days into " + abs);
    GenerateResult gen = GenerateCommand.generate(abs, engineers, days, 42L, LocalDate.parse("2026-01-05"));
    DemoPostgres bi = DemoPostgres.startFor(abs, gen.configFile());
    TtvConfig cfg = Configs.load(gen.configFile());
    SparkSession spark = SparkSessions.create("ttv demo");
    // the leaders' report (the run's report stage): the demo's days in two halves of whole weeks (30 days: 2 weeks
    // against the 2 before)
    Report twoHalves = new Report(cfg.report().outUri(), Math.max(1, days / 14), cfg.report().minGroupSize());
    String report = Pipeline.run(spark, cfg.withReport(twoHalves), "demo", gen.firstDate(), gen.lastDate(), Stage.defaults()).reportUri();
    List<String> tables = Warehouse.register(spark, cfg);

    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    out.println();
    out.println("ttv demo done in " + Progress.since(start));
    out.println("  landing zone: " + gen.landingDir());
    out.println("  config:       " + gen.configFile());
    out.println("  warehouse:    " + cfg.warehouseUri());
    out.println("  report:       " + report + " (open it in a browser; a CSV per table next to it)");
    out.println();
    out.println("Tables (rows):");
    for (String t : tables) {
      out.printf("  %-28s %,d%n", t, spark.table(t).count());
    }
    out.println();
    out.println("CI per week (all repos), from fact_ci_daily:");
    QueryCommand.printCsv(
        spark.sql(
            "SELECT CAST(date_trunc('week', date) AS DATE) AS week_of, sum(runs) AS runs, sum(failed_runs) AS failed,"
                + " sum(rerun_runs) AS reruns, round(sum(build_minutes) / 60, 1) AS build_hours,"
                + " round(percentile(duration_p50_seconds, 0.5) / 60, 1) AS typical_p50_minutes,"
                + " round(max(queue_p90_seconds) / 60, 1) AS worst_queue_p90_minutes"
                + " FROM fact_ci_daily GROUP BY 1 ORDER BY 1"),
        out);
    out.println();
    out.println("Slowest workflows (median of daily p50 duration, minutes):");
    QueryCommand.printCsv(
        spark.sql(
            "SELECT repo, workflow, sum(runs) AS runs, round(percentile(duration_p50_seconds, 0.5) / 60, 1) AS p50_minutes,"
                + " round(sum(failed_runs) / sum(runs), 3) AS failure_rate FROM fact_ci_daily"
                + " GROUP BY repo, workflow ORDER BY p50_minutes DESC NULLS LAST LIMIT 5"),
        out);
    out.println();
    out.println("CI runs per system, from fact_ci_daily:");
    QueryCommand.printCsv(
        spark.sql(
            "SELECT source_system, sum(runs) AS runs, sum(failed_runs) AS failed, sum(rerun_runs) AS reruns,"
                + " round(sum(build_minutes) / 60, 1) AS build_hours, sum(manual_gates) AS manual_gates"
                + " FROM fact_ci_daily GROUP BY source_system ORDER BY source_system"),
        out);
    out.println();
    out.println("Hours waited at manual gates per team (passed gates, from fact_ci_daily; team of the repo's service, from repos):");
    QueryCommand.printCsv(
        spark.sql(
            "SELECT coalesce(t.team, 'unassigned') AS team, sum(f.manual_gates) AS gates,"
                + " round(coalesce(sum(f.manual_gate_wait_minutes), 0) / 60, 1) AS hours_waited"
                + " FROM fact_ci_daily f LEFT JOIN repos t ON lower(f.repo) = lower(t.repo)"
                + " GROUP BY 1 ORDER BY hours_waited DESC, team"),
        out);
    out.println();
    out.println("Production deployments per week, from fact_delivery_daily:");
    QueryCommand.printCsv(
        spark.sql(
            "SELECT CAST(date_trunc('week', date) AS DATE) AS week_of, sum(deployments) AS deployments,"
                + " sum(failed_deployments) AS failed_deployments FROM fact_delivery_daily GROUP BY 1 ORDER BY 1"),
        out);
    out.println();
    long days = java.time.temporal.ChronoUnit.DAYS.between(gen.firstDate(), gen.lastDate()) + 1;
    out.println("Deployment frequency and change lead time per service (DORA; lead times over every shipped commit,");
    out.println("from fact_delivery_daily and commit_shipments, the commit-graph walk):");
    QueryCommand.printCsv(
        spark.sql(
            "SELECT d.service, d.deployments, round(d.deployments / " + days + ", 2) AS per_day, d.failed AS failed_deployments,"
                + " l.commits AS commits_shipped, round(l.p50, 1) AS lead_time_p50_hours, round(l.p90, 1) AS lead_time_p90_hours"
                + " FROM (SELECT service, sum(deployments) AS deployments, sum(failed_deployments) AS failed FROM fact_delivery_daily GROUP BY service) d"
                + " LEFT JOIN (SELECT service, count(*) AS commits, percentile(lead_time_hours, 0.5) AS p50, percentile(lead_time_hours, 0.9) AS p90"
                + " FROM commit_shipments WHERE is_shipped GROUP BY service) l ON d.service = l.service"
                + " ORDER BY d.deployments DESC, d.service LIMIT 8"),
        out);
    out.println();
    out.println("Where pull requests wait, per team (medians in hours, from fact_change):");
    QueryCommand.printCsv(
        spark.sql(
            "SELECT coalesce(team, '(no team)') AS team, count(*) AS prs_shipped,"
                + " round(percentile(coding_hours, 0.5), 1) AS coding, round(percentile(pickup_hours, 0.5), 1) AS pickup,"
                + " round(percentile(review_hours, 0.5), 1) AS review, round(percentile(deploy_hours, 0.5), 1) AS deploy,"
                + " round(percentile(lead_time_hours, 0.5), 1) AS lead_time"
                + " FROM fact_change WHERE change_type = 'pull_request' AND NOT is_bot GROUP BY 1 ORDER BY lead_time DESC"),
        out);
    out.println();
    out.println("Change failure rate per service (incidents attributed to the deployment before them) and time to value");
    out.println("(work item created -> its first change in production), from fact_delivery_daily and fact_change:");
    QueryCommand.printCsv(
        spark.sql(
            "SELECT d.service, d.deployments, d.failed_changes,"
                + " round(d.failed_changes / nullif(d.deployments, 0), 3) AS change_failure_rate,"
                + " round(d.rework / nullif(d.deployments, 0), 3) AS rework_rate,"
                + " t.changes_with_work_item, round(t.p50 / 24, 1) AS time_to_value_p50_days"
                + " FROM (SELECT service, sum(deployments) AS deployments, sum(failed_changes) AS failed_changes,"
                + " sum(rework_deployments) AS rework FROM fact_delivery_daily GROUP BY service) d"
                + " LEFT JOIN (SELECT service, count(*) AS changes_with_work_item, percentile(time_to_value_hours, 0.5) AS p50"
                + " FROM fact_change WHERE time_to_value_hours IS NOT NULL GROUP BY service) t ON d.service = t.service"
                + " ORDER BY d.deployments DESC, d.service LIMIT 8"),
        out);
    out.println();
    out.println("Flow per team (Flow Framework, from fact_flow_daily and fact_change): items done, the median of the");
    out.println("daily median flow times, flow efficiency (daily values weighted by items done), work in progress on the last day,");
    out.println("defects' share of the done items, and time to value of the team's shipped changes:");
    QueryCommand.printCsv(
        spark.sql(
            "SELECT f.team, f.items_done, round(f.flow_time_p50_days, 1) AS flow_time_p50_days, round(f.efficiency, 2) AS flow_efficiency,"
                + " w.load AS wip_last_day, round(f.defects / nullif(f.items_done, 0), 2) AS defect_share,"
                + " round(t.p50 / 24, 1) AS time_to_value_p50_days"
                + " FROM (SELECT team, sum(flow_velocity) AS items_done, percentile(flow_time_p50_days, 0.5) AS flow_time_p50_days,"
                + " sum(flow_efficiency * flow_velocity) / nullif(sum(CASE WHEN flow_efficiency IS NOT NULL THEN flow_velocity END), 0) AS efficiency,"
                + " sum(CASE WHEN flow_item_type = 'defect' THEN flow_velocity ELSE 0 END) AS defects"
                + " FROM fact_flow_daily GROUP BY team) f"
                + " LEFT JOIN (SELECT team, sum(flow_load) AS load FROM fact_flow_daily"
                + " WHERE date = (SELECT max(date) FROM fact_flow_daily) GROUP BY team) w ON f.team = w.team"
                + " LEFT JOIN (SELECT team, percentile(time_to_value_hours, 0.5) AS p50 FROM fact_change"
                + " WHERE time_to_value_hours IS NOT NULL GROUP BY team) t ON f.team = t.team"
                + " ORDER BY f.items_done DESC, f.team"),
        out);
    out.println();
    out.println("Meetings and focus per team (hours per person and working day, from fact_person_day; calendars");
    out.println("read from ICS exports and Google Calendar and Microsoft Graph pages, recurrences expanded; people with a calendar of their own):");
    QueryCommand.printCsv(
        spark.sql(
            "SELECT team, count(DISTINCT person_id) AS people, round(avg(meeting_hours), 2) AS meeting,"
                + " round(avg(focus_hours), 2) AS focus, round(avg(fragmented_hours), 2) AS fragmented,"
                + " round(sum(deploy_planning_meeting_hours) / count(DISTINCT person_id), 1) AS deploy_planning_per_person,"
                + " round(sum(cross_team_api_meeting_hours) / count(DISTINCT person_id), 1) AS cross_team_api_per_person,"
                + " round(sum(after_hours_meeting_hours) / count(DISTINCT person_id), 1) AS after_hours_per_person"
                + " FROM fact_person_day WHERE has_calendar AND working_hours > 0 GROUP BY team ORDER BY focus"),
        out);
    out.println();
    out.println("Friction per team, the last 7 days (the nine cracks of fact_friction_daily, engineer-hours and their cost");
    out.println("at cost.hourly_rate; cracks may overlap, so a team's total is an upper bound), largest first:");
    QueryCommand.printCsv(spark.sql(weeklyFrictionSql(cfg.cost().hourlyRate())), out);
    out.println();
    out.println("Quarantine (bad input kept with a reason):");
    QueryCommand.printCsv(
        spark.sql("SELECT source_system, dataset, stage, position, reason FROM quarantine ORDER BY file, position LIMIT 5"),
        out);
    out.println();
    if (bi.started()) {
      out.println("BI database: PostgreSQL " + bi.version() + " started for the demo, every published table in schema ttv");
      out.println("(docs/bi.md connects Tableau, Power BI, Superset, Metabase and Grafana to it):");
      out.println("  JDBC URL: " + bi.analystUrl());
      out.println("  psql:     psql -h 127.0.0.1 -p " + bi.port() + " -U ttv analytics");
      out.println("  it trusts 127.0.0.1 (no password); stop it with: " + bi.stopCommand());
      out.println();
    } else {
      out.println("BI database: not published (" + bi.whyNot() + ")");
      out.println();
    }
    out.println("Try:");
    out.println("  ./ttv query --config " + gen.configFile() + " \"SELECT * FROM fact_ci_daily ORDER BY date DESC LIMIT 20\"");
    out.println("  ./ttv run --config " + gen.configFile() + " --date " + gen.lastDate());
    out.println("  ./ttv explain-friction --config " + gen.configFile() + " --date " + gen.lastDate().minusDays(1) + " --team <team>");
    out.println("  ./ttv report --config " + gen.configFile() + " --date " + gen.lastDate() + " --weeks 1");
    if (bi.started()) {
      out.println("  ./ttv publish --config " + gen.configFile() + " --date " + gen.lastDate());
    }
    return 0;
  }

  /** Per team, the hours and cost of each crack over the last 7 dates of fact_friction_daily, largest first. */
  static String weeklyFrictionSql(double hourlyRate) {
    return "WITH week AS (SELECT team, "
        + "sum(manual_testing_hours) AS manual_testing, "
        + "sum(manual_deploy_hours) AS manual_deploy, "
        + "sum(infra_wait_hours) AS infra_wait, "
        + "sum(deploy_planning_meeting_hours) AS deploy_planning_meeting, "
        + "sum(cross_team_api_meeting_hours) AS cross_team_api_meeting, "
        + "sum(patching_hours) AS patching, "
        + "sum(build_wait_hours) AS build_wait, "
        + "sum(lost_focus_hours) AS lost_focus, "
        + "sum(interruption_hours) AS interruption"
        + " FROM fact_friction_daily WHERE date > (SELECT date_sub(max(date), 7) FROM fact_friction_daily) GROUP BY team),"
        + " cracks AS (SELECT team, stack(9, 'manual_testing', manual_testing, 'manual_deploy', manual_deploy, 'infra_wait', infra_wait, 'deploy_planning_meeting', deploy_planning_meeting, 'cross_team_api_meeting', cross_team_api_meeting, 'patching', patching, 'build_wait', build_wait, 'lost_focus', lost_focus, 'interruption', interruption) AS (crack, hours) FROM week)"
        + " SELECT team, crack, round(hours, 1) AS hours, round(hours * " + hourlyRate + ", 0) AS cost,"
        + " round(sum(hours) OVER (PARTITION BY team), 1) AS team_total_hours"
        + " FROM cracks WHERE hours IS NOT NULL ORDER BY team_total_hours DESC, team, hours DESC";
  }
}
