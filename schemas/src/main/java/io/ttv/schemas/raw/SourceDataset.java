package io.ttv.schemas.raw;

import java.util.List;

/**
 * One dataset of the landing zone ({@code <landing>/<system>/<dataset>/dt=.../}) and how its pages look.
 *
 * @param wrapperKeys the fields of a page object that hold the records ({@code {"workflow_runs":[..]}});
 *     an object without any of them is itself one record (a single-object body or an NDJSON line)
 * @param supported whether this ttv build reads the dataset into normalised tables yet
 */
public record SourceDataset(String system, String dataset, List<String> wrapperKeys, boolean supported) {
  public SourceDataset {
    wrapperKeys = List.copyOf(wrapperKeys);
  }

  public String rawTable() {
    return "raw_" + system + "_" + dataset;
  }

  public String id() {
    return system + "/" + dataset;
  }
}
