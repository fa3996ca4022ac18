package io.ttv.jobs.pipeline;

import io.ttv.jobs.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The stages of a run, in order. */
public enum Stage {
  INGEST(true),
  NORMALIZE(true),
  FACTS(true),
  PUBLISH(true),
  REPORT(true);

  /** Whether this build of ttv implements the stage. */
  public final boolean available;

  Stage(boolean available) {
    this.available = available;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code --stages ingest,normalize}; keeps the pipeline's order whatever order was given. */
  public static List<Stage> parseList(String csv) {
    List<Stage> chosen = new ArrayList<>();
    for (String s : csv.split(",")) {
      String id = s.trim().toLowerCase(Locale.ROOT);
      if (id.isEmpty()) {
        continue;
      }
      Stage st = null;
      for (Stage candidate : values()) {
        if (candidate.id().equals(id)) {
          st = candidate;
        }
      }
      if (st == null) {
        throw new UserError("--stages: unknown stage '" + s.trim() + "' (expected ingest, normalize, facts, publish, report)");
      }
      if (!st.available) {
        throw new UserError("--stages: stage '" + id + "' is not available in this version of ttv yet");
      }
      if (!chosen.contains(st)) {
        chosen.add(st);
      }
    }
    if (chosen.isEmpty()) {
      throw new UserError("--stages: no stage given");
    }
    chosen.sort(null);
    return chosen;
  }

  /** What {@code ttv run} does without {@code --stages}: every stage this build has, the report last. */
  public static List<Stage> defaults() {
    List<Stage> all = new ArrayList<>();
    for (Stage s : values()) {
      if (s.available) {
        all.add(s);
      }
    }
    return all;
  }

  /**
   * Every stage but the report: the ones that write tables. Benchmarks time these (the report is timed on its
   * own, docs/report.md), and tests that need a warehouse, not a page, run these.
   */
  public static List<Stage> tableStages() {
    List<Stage> stages = defaults();
    stages.remove(REPORT);
    return stages;
  }
}
