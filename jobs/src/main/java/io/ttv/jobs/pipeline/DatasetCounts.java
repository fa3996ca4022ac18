package io.ttv.jobs.pipeline;

import java.util.Map;
import java.util.TreeMap;

/**
 * Records read and quarantined per {@code system/dataset} in one run, with the commonest reasons. The add
 * methods may be called from the steps of a stage that run side by side ({@link SideBySide}).
 */
public final class DatasetCounts {
  public final Map<String, Long> read = new TreeMap<>();
  public final Map<String, Long> quarantined = new TreeMap<>();
  public final Map<String, Map<String, Long>> reasons = new TreeMap<>();
  /** Distinct identities seen per system (lower case). */
  public final Map<String, java.util.Set<String>> identities = new TreeMap<>();
  /** Distinct repositories the run's normalised rows name. */
  public final java.util.Set<String> repos = new java.util.TreeSet<>();

  public synchronized void addRead(String dataset, long n) {
    read.merge(dataset, n, Long::sum);
  }

  public synchronized void addQuarantined(String dataset, long n) {
    quarantined.merge(dataset, n, Long::sum);
  }

  public synchronized void addIdentities(String system, java.util.Collection<String> seen) {
    identities.computeIfAbsent(system, k -> new java.util.TreeSet<>()).addAll(seen);
  }

  public synchronized void addRepos(java.util.Collection<String> seen) {
    repos.addAll(seen);
  }

  public synchronized void addReason(String dataset, String reason, long n) {
    reasons.computeIfAbsent(dataset, k -> new TreeMap<>()).merge(reason, n, Long::sum);
  }
}
