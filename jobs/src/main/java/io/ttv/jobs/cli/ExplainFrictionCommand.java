package io.ttv.jobs.cli;

import io.ttv.jobs.UserError;
import io.ttv.jobs.spark.SparkSessions;
import io.ttv.jobs.spark.Warehouse;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.FactFrictionDailyTable;
import io.ttv.schemas.tables.FrictionIntervalsTable;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The drill-down of one team's day of {@code fact_friction_daily}: the day's row, then the top contributors
 * of each crack from {@code friction_intervals} (a work item, gate or person with the record behind it).
 */
@Command(
    name = "explain-friction",
    mixinStandardHelpOptions = true,
    description = {
      "The top contributors of each crack for one team and day, from friction_intervals (CSV on stdout).",
      "First the day's row of fact_friction_daily, then per crack the items, gates and people with the most hours."
    })
public final class ExplainFrictionCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The ttv config (JSON).")
  Path config;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The team's local date.")
  String date;

  @Option(names = "--team", required = true, paramLabel = "TEAM", description = "A team of the config, or unassigned.")
  String team;

  @Option(names = "--top", defaultValue = "5", paramLabel = "N", description = "Contributors shown per crack (default ${DEFAULT-VALUE}).")
  int top;

  @Override
  public Integer call() {
    TtvConfig cfg = Configs.load(config);
    LocalDate day = Dates.parse("--date", date);
    if (cfg.teams().stream().noneMatch(t -> t.name().equals(team)) && !team.equals(io.ttv.schemas.config.Team.UNASSIGNED)) {
      throw new UserError("--team: '" + team + "' is not a team of " + config + " (nor unassigned)");
    }
    if (top < 1) {
      throw new UserError("--top: must be 1 or more, got " + top);
    }
    SparkSession spark = SparkSessions.create("ttv explain-friction");
    Warehouse.register(spark, cfg);
    if (!spark.catalog().tableExists(FrictionIntervalsTable.NAME)) {
      throw new UserError("explain-friction: the warehouse has no " + FrictionIntervalsTable.NAME + " yet (run the facts stage first)");
    }
    String where = "date = DATE'" + day + "' AND team = '" + team.replace("'", "''") + "'";
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    QueryCommand.printCsv(spark.sql("SELECT * FROM " + FactFrictionDailyTable.NAME + " WHERE " + where), out);
    out.println();
    // one contributor = the work item, gate or person (and the record behind it); its pieces summed
    QueryCommand.printCsv(
        spark.sql(
            "SELECT crack, rank, contributor, source_system, source_record_id, detail, round(hours, 2) AS hours, pieces, first_start_at"
                + " FROM (SELECT *, row_number() OVER (PARTITION BY crack ORDER BY hours DESC, pieces DESC, contributor, source_record_id) AS rank"
                + "   FROM (SELECT crack, coalesce(work_item_key, gate, person_id, 'unassigned') AS contributor, source_system,"
                + "           source_record_id, max(detail) AS detail, sum(hours) AS hours, count(*) AS pieces, min(start_at) AS first_start_at"
                + "         FROM " + FrictionIntervalsTable.NAME + " WHERE " + where
                + "         GROUP BY crack, coalesce(work_item_key, gate, person_id, 'unassigned'), source_system, source_record_id))"
                + " WHERE rank <= " + top
                + " ORDER BY array_position(array(" + quotedCracks() + "), crack), rank"),
        out);
    out.flush();
    return 0;
  }

  private static String quotedCracks() {
    return String.join(", ", FrictionIntervalsTable.CRACKS.stream().map(c -> "'" + c + "'").toList());
  }
}
