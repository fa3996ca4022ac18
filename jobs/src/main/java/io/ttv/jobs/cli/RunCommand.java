package io.ttv.jobs.cli;

import io.ttv.jobs.Progress;
import io.ttv.jobs.pipeline.Pipeline;
import io.ttv.jobs.pipeline.Stage;
import io.ttv.jobs.spark.SparkSessions;
import io.ttv.schemas.config.TtvConfig;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "The nightly run for one logical date, or a backfill over --date..--to (one run).",
      "Reads the landing zone's dt= folders of those dates, writes raw_* and quarantine, merges the normalised"
          + " tables and recomputes the facts from late_data_days before --date up to --to; then publishes them (when"
          + " bi.postgres is configured) and writes the leaders' report for the last date (report.weeks up to it, into report.out)."
    })
public final class RunCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The ttv config (JSON).")
  Path config;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The logical date (first date of a backfill).")
  String date;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last date of a backfill (inclusive).")
  String to;

  @Option(
      names = "--stages",
      paramLabel = "LIST",
      description =
          "Comma-separated stages (default: ${DEFAULT-VALUE}; publish only when bi.postgres is configured, report for the"
              + " run's last date).",
      defaultValue = "ingest,normalize,facts,publish,report")
  String stages;

  @Option(names = "--wait", description = "When another run holds the warehouse, wait for it instead of exiting 1.")
  boolean waitForLease;

  @Override
  public Integer call() {
    TtvConfig cfg = Configs.load(config);
    LocalDate[] range = Dates.range(date, to);
    List<Stage> chosen = Stage.parseList(stages);
    if (chosen.contains(Stage.PUBLISH) && cfg.bi().hasPostgres()) {
      // an unset password variable is found before Spark starts, not after the facts
      io.ttv.jobs.publish.BiDatabase.passwordFromEnvironment(cfg.bi().postgres());
    }
    SparkSession spark = SparkSessions.create("ttv run");
    Pipeline.Result result = Pipeline.run(spark, cfg, "run", range[0], range[1], chosen, null, waitForLease);
    if (result.reportUri() != null) {
      Progress.info("report: " + result.reportUri());
    }
    return 0;
  }
}
