package io.ttv.jobs.pipeline;

import io.ttv.jobs.report.Reports;
import io.ttv.schemas.config.Report;

/**
 * The report stage: the leaders' report for the run's last date ({@code --to}, else {@code --date}), the
 * {@code report.weeks} up to it, under {@code report.out}. A backfill writes one report, for its last day,
 * not one per day: a report covers weeks, and the nightly run of each later day writes that day's.
 */
public final class ReportStage {
  private ReportStage() {}

  /** Writes the report and returns its page's URI. */
  public static String run(RunContext ctx) {
    Report report = ctx.config().report();
    Checkpoints.reached("report.started");
    return Reports.write(ctx.spark(), ctx.config(), ctx.to(), report.weeks(), report.outUri());
  }
}
