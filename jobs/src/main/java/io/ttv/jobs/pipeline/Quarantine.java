package io.ttv.jobs.pipeline;

import io.ttv.jobs.spark.DeltaTables;
import io.ttv.schemas.raw.SourceDataset;
import io.ttv.schemas.tables.QuarantineTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The slice of {@code quarantine} one stage owns for one dataset and the run's export dates. */
final class Quarantine {
  private Quarantine() {}

  /**
   * Replaces the stage's slice with {@code rows} ({@code count} of them). A clean dataset skips the
   * commit unless an earlier run left rows in its slice, which must then be cleared.
   */
  static void replace(RunContext ctx, SourceDataset d, String stage, Dataset<Row> rows, long count) {
    if (count > 0 || hasRows(ctx, d, stage)) {
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

  /** The rows of the stage's slice for this dataset and the run's dates (none when never written). */
  static Dataset<Row> slice(RunContext ctx, SourceDataset d, String stage) {
    String path = ctx.tablePath(QuarantineTable.NAME);
    if (!DeltaTables.exists(ctx.spark(), path)) {
      return ctx.spark().createDataFrame(java.util.List.of(), QuarantineTable.SCHEMA);
    }
    return ctx.spark().read().format("delta").load(path).where(scope(ctx, d, stage));
  }

  /** Whether the slice already holds rows (so an empty result must still replace them). */
  private static boolean hasRows(RunContext ctx, SourceDataset d, String stage) {
    return !slice(ctx, d, stage).isEmpty();
  }

  static String scope(RunContext ctx, SourceDataset d, String stage) {
    return QuarantineTable.SOURCE_SYSTEM + " = '" + d.system() + "' AND "
        + QuarantineTable.DATASET + " = '" + d.dataset() + "' AND "
        + QuarantineTable.STAGE + " = '" + stage + "' AND "
        + ctx.exportDateRange(QuarantineTable.EXPORT_DATE);
  }
}
