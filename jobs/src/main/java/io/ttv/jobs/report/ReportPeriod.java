package io.ttv.jobs.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The weeks a report covers: the {@code weeks} x 7 days ending on {@code date} (the current period) and
 * the same number of days just before it (the previous period). Weeks end on the report's date, not on
 * a calendar Sunday, so the last week is always a whole week and the two periods are the same length.
 */
public record ReportPeriod(LocalDate date, int weeks) {
  public ReportPeriod {
    if (weeks < 1) {
      throw new IllegalArgumentException("weeks must be 1 or more, got " + weeks);
    }
  }

  public LocalDate currentFrom() {
    return date.minusDays(7L * weeks - 1);
  }

  public LocalDate previousTo() {
    return currentFrom().minusDays(1);
  }

  public LocalDate previousFrom() {
    return date.minusDays(14L * weeks - 1);
  }

  /** The first day of the last week (the week "largest leaks" looks at). */
  public LocalDate lastWeekFrom() {
    return date.minusDays(6);
  }

  /** The last day of each week of the current period, oldest first. */
  public List<LocalDate> weekEnds() {
    List<LocalDate> ends = new ArrayList<>();
    for (int w = weeks - 1; w >= 0; w--) {
      ends.add(date.minusDays(7L * w));
    }
    return ends;
  }

  /** SQL: 'current' or 'previous' for a {@code date} column inside {@link #sqlWhere(String)}. */
  String sqlPeriod(String dateColumn) {
    return "CASE WHEN " + dateColumn + " >= DATE'" + currentFrom() + "' THEN 'current' ELSE 'previous' END";
  }

  /** SQL: the date column lies in the previous or the current period. */
  String sqlWhere(String dateColumn) {
    return dateColumn + " BETWEEN DATE'" + previousFrom() + "' AND DATE'" + date + "'";
  }

  /** SQL: the end date of the week of the current period a date falls in. */
  String sqlWeekEnd(String dateColumn) {
    return "date_sub(DATE'" + date + "', CAST(7 * (datediff(DATE'" + date + "', " + dateColumn + ") div 7) AS INT))";
  }
}
