package io.ttv.jobs.pipeline;

import io.ttv.schemas.raw.SourceDataset;
import io.ttv.schemas.tables.QuarantineTable;

/** The slice of {@code quarantine} one stage owns for one dataset and the run's export dates. */
final class Quarantine {
  private Quarantine() {}

  /** Whether the slice already holds rows (so an empty result must still replace them). */
  static boolean hasRows(RunContext ctx, SourceDataset d, String stage) {
    String path = ctx.tablePath(QuarantineTable.NAME);
    return io.ttv.jobs.spark.DeltaTables.exists(ctx.spark(), path)
        && !ctx.spark().read().format("delta").load(path).where(scope(ctx, d, stage)).isEmpty();
  }

  static String scope(RunContext ctx, SourceDataset d, String stage) {
    return QuarantineTable.SOURCE_SYSTEM + " = '" + d.system() + "' AND "
        + QuarantineTable.DATASET + " = '" + d.dataset() + "' AND "
        + QuarantineTable.STAGE + " = '" + stage + "' AND "
        + ctx.exportDateRange(QuarantineTable.EXPORT_DATE);
  }
}
