package io.ttv.jobs.pipeline;

import io.ttv.schemas.raw.SourceDataset;
import io.ttv.schemas.tables.QuarantineTable;

/** The slice of {@code quarantine} one stage owns for one dataset and the run's export dates. */
final class Quarantine {
  private Quarantine() {}

  static String scope(RunContext ctx, SourceDataset d, String stage) {
    return QuarantineTable.SOURCE_SYSTEM + " = '" + d.system() + "' AND "
        + QuarantineTable.DATASET + " = '" + d.dataset() + "' AND "
        + QuarantineTable.STAGE + " = '" + stage + "' AND "
        + ctx.exportDateRange(QuarantineTable.EXPORT_DATE);
  }
}
