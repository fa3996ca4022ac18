package io.ttv.jobs.cli;

import io.ttv.jobs.UserError;
import io.ttv.jobs.pipeline.Pipeline;
import io.ttv.jobs.pipeline.Stage;
import io.ttv.jobs.spark.SparkSessions;
import io.ttv.schemas.config.Report;
import io.ttv.schemas.config.StorageUris;
import io.ttv.schemas.config.TtvConfig;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "The leaders' report for the weeks up to --date, against the same number of weeks before: one",
      "self-contained HTML page (report.html) and a CSV per table, under <out>/<date>/. Prints the page's URI.",
      "The report stage of ttv run, as the Airflow task calls it; recorded in ttv_runs like every stage."
    })
public final class ReportCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The ttv config (JSON).")
  Path config;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The last day the report covers.")
  String date;

  @Option(names = "--weeks", paramLabel = "N", description = "Weeks covered (default: report.weeks, 13).")
  Integer weeks;

  @Option(names = "--out", paramLabel = "DIR", description = "Where reports go, a path or URI (default: report.out, <warehouse>/../reports).")
  String out;

  @Option(names = "--wait", description = "When another run holds the warehouse, wait for it instead of exiting 1.")
  boolean waitForLease;

  @Override
  public Integer call() {
    LocalDate day = Dates.parse("--date", date);
    if (weeks != null && weeks < 1) {
      throw new UserError("--weeks: must be 1 or more, got " + weeks);
    }
    TtvConfig cfg = Configs.load(config);
    String outUri = cfg.report().outUri();
    if (out != null) {
      try {
        outUri = StorageUris.normalize(out);
      } catch (IllegalArgumentException e) {
        throw new UserError("--out: " + e.getMessage());
      }
    }
    Report options = new Report(outUri, weeks == null ? cfg.report().weeks() : weeks, cfg.report().minGroupSize());
    // the lease: a report read while a run rewrites the facts could mix two days' tables
    Pipeline.Result result =
        Pipeline.run(SparkSessions.create("ttv report"), cfg.withReport(options), "report", day, day, List.of(Stage.REPORT), null, waitForLease);
    System.out.println(result.reportUri());
    return 0;
  }
}
