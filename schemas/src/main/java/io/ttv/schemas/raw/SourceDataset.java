package io.ttv.schemas.raw;

import java.util.List;
import java.util.Objects;

/**
 * One dataset of the landing zone ({@code <landing>/<system>/<dataset>/dt=.../}) and how its pages look.
 *
 * @param wrapperKeys the fields of a page object that hold the records ({@code {"workflow_runs":[..]}});
 *     an object without any of them is itself one record (a single-object body or an NDJSON line)
 * @param supported whether this ttv build reads the dataset into normalised tables yet
 * @param format how a file of the dataset splits into records
 */
public record SourceDataset(String system, String dataset, List<String> wrapperKeys, boolean supported, Format format) {

  /** How a landing file is split into records: decided by the dataset, never by the file's name. */
  public enum Format {
    /** JSON pages, wrapper objects, single bodies or NDJSON (gzip or not). */
    JSON,
    /** Text, one record a line, kept exactly as written (gzip or not): {@code git log --format=...}. */
    LINES,
    /** Text, the whole file one record, kept exactly as written (gzip or not): an {@code .ics} calendar. */
    TEXT
  }

  public SourceDataset {
    wrapperKeys = List.copyOf(wrapperKeys);
    Objects.requireNonNull(format, "format");
  }

  /** A JSON dataset. */
  public SourceDataset(String system, String dataset, List<String> wrapperKeys, boolean supported) {
    this(system, dataset, wrapperKeys, supported, Format.JSON);
  }

  public String rawTable() {
    return "raw_" + system + "_" + dataset;
  }

  public String id() {
    return system + "/" + dataset;
  }
}
