package io.ttv.jobs.generate;

import java.nio.file.Path;

/**
 * A deliberately broken record or file, so a demo shows quarantine at work. The generator places at most
 * one per dataset and export date, and only on a date whose dataset holds at least
 * {@link Landing#FAULT_MIN_DAY_RECORDS} records, so one bad record stays under 0.7% of a nightly run and
 * far under the default quality gate of 1%.
 *
 * @param dataset {@code <system>/<dataset>}, e.g. {@code github/workflow_runs}
 * @param file the landing file that holds it
 * @param runId the run whose record (or jobs) is affected
 */
public record InjectedFault(Kind kind, String dataset, Path file, long runId, String description) {

  public enum Kind {
    /** A JSON file cut off in the middle: the records before the cut are readable, the rest is not. */
    TRUNCATED_FILE,
    /** One line of an NDJSON file that is not JSON (an HTML error page the exporter wrote out). */
    NOT_JSON_LINE,
    /** A run record without its {@code id}: valid JSON, but it has no natural key. */
    MISSING_ID
  }

  /** Whether the whole file still parses as JSON (NDJSON: line by line). */
  public boolean fileParses() {
    return kind == Kind.MISSING_ID;
  }
}
