package io.ttv.jobs.report;

import io.ttv.jobs.Progress;
import io.ttv.jobs.spark.Warehouse;
import io.ttv.schemas.config.TtvConfig;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;

/** The report stage: figures from the warehouse's facts, then the page and its CSVs. */
public final class Reports {
  private Reports() {}

  /** Writes the report for the weeks up to {@code date} under {@code <outUri>/<date>/}; returns the page's URI. */
  public static String write(SparkSession spark, TtvConfig cfg, LocalDate date, int weeks, String outUri) {
    Instant start = Instant.now();
    Warehouse.register(spark, cfg);
    ReportPeriod period = new ReportPeriod(date, weeks);
    Progress.info("report: " + weeks + " week(s) " + period.currentFrom() + " .. " + date + " against " + period.previousFrom()
        + " .. " + period.previousTo());
    ReportFigures.ReportData data = ReportFigures.compute(spark, cfg, period);
    String dir = ReportWriter.write(data, outUri, spark.sparkContext().hadoopConfiguration());
    Progress.info("report: written in " + Progress.since(start));
    return dir + "/" + ReportWriter.HTML;
  }
}
