package io.ttv.jobs.pipeline;

import static org.apache.spark.sql.functions.col;

import io.ttv.jobs.spark.DeltaTables;
import io.ttv.schemas.raw.SourceDataset;
import io.ttv.schemas.tables.QuarantineTable;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The slice of {@code quarantine} one stage owns for one dataset and the run's export dates. */
final class Quarantine {
  private Quarantine() {}

  /**
   * What {@code quarantine} holds for the run's export dates, per dataset and stage: the row count of
   * each reason kind. Read in one query when a stage starts, instead of one per dataset and stage.
   */
  static final class Held {
    private final Map<String, Map<String, Long>> reasons = new HashMap<>();

    private static String key(SourceDataset d, String stage) {
      return d.system() + "/" + d.dataset() + "/" + stage;
    }

    /** Whether the stage's slice for {@code d} held rows when the stage started. */
    boolean any(SourceDataset d, String stage) {
      return reasons.containsKey(key(d, stage));
    }

    /** Rows per reason kind in the stage's slice for {@code d} (empty when none). */
    Map<String, Long> reasons(SourceDataset d, String stage) {
      return reasons.getOrDefault(key(d, stage), Map.of());
    }
  }

  /** The quarantine rows of the run's export dates, counted per dataset, stage and reason kind. */
  static Held held(RunContext ctx) {
    Held held = new Held();
    String path = ctx.tablePath(QuarantineTable.NAME);
    if (!DeltaTables.exists(ctx.spark(), path)) {
      return held;
    }
    for (Row r :
        ctx.spark().read().format("delta").load(path)
            .where(ctx.exportDateRange(QuarantineTable.EXPORT_DATE))
            .groupBy(col(QuarantineTable.SOURCE_SYSTEM), col(QuarantineTable.DATASET), col(QuarantineTable.STAGE), reasonKind(col(QuarantineTable.REASON)))
            .count()
            .collectAsList()) {
      held.reasons
          .computeIfAbsent(r.getString(0) + "/" + r.getString(1) + "/" + r.getString(2), k -> new TreeMap<>())
          .put(r.getString(3), r.getLong(4));
    }
    return held;
  }

  /**
   * Replaces the stage's slice with {@code rows} ({@code count} of them). A clean dataset skips the
   * commit unless an earlier run left rows in its slice ({@code held}), which must then be cleared. One
   * write at a time: datasets ingested side by side share the table, and two overwrites of it at once would
   * conflict in Delta's log.
   */
  static synchronized void replace(RunContext ctx, SourceDataset d, String stage, Dataset<Row> rows, long count, Held held) {
    if (count > 0 || held.any(d, stage)) {
      DeltaTables.replaceWhere(ctx.spark(), QuarantineTable.TABLE, ctx.tablePath(QuarantineTable.NAME), rows, scope(ctx, d, stage));
    }
  }

  /**
   * A reason with its numbers blanked ("line N is not valid JSON"), so the quality gate groups one kind
   * of problem across lines, files and records.
   */
  static Column reasonKind(Column reason) {
    return org.apache.spark.sql.functions.regexp_replace(reason, "[0-9]+", "N").as("reason");
  }

  static String scope(RunContext ctx, SourceDataset d, String stage) {
    return QuarantineTable.SOURCE_SYSTEM + " = '" + d.system() + "' AND "
        + QuarantineTable.DATASET + " = '" + d.dataset() + "' AND "
        + QuarantineTable.STAGE + " = '" + stage + "' AND "
        + ctx.exportDateRange(QuarantineTable.EXPORT_DATE);
  }
}
