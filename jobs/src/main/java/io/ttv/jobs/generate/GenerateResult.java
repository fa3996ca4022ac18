package io.ttv.jobs.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a generation wrote. Counts are keyed {@code <system>/<dataset>} (e.g. {@code
 * github/workflow_runs}); a record is one object in a page (a run, a job), counted again each time an
 * export date re-exports it.
 *
 * @param faults the deliberately broken records and files (see {@link InjectedFault})
 */
public record GenerateResult(
    Path landingDir,
    Path configFile,
    LocalDate firstDate,
    LocalDate lastDate,
    Map<String, Long> recordsWritten,
    Map<String, Long> filesWritten,
    List<InjectedFault> faults) {

  public GenerateResult {
    recordsWritten = Collections.unmodifiableMap(new TreeMap<>(recordsWritten));
    filesWritten = Collections.unmodifiableMap(new TreeMap<>(filesWritten));
    faults = List.copyOf(faults);
  }

  /** The files that do not parse as JSON (or NDJSON) as a whole. */
  public Set<Path> unparseableFiles() {
    return faults.stream()
        .filter(f -> !f.fileParses())
        .map(InjectedFault::file)
        .collect(Collectors.toUnmodifiableSet());
  }
}
