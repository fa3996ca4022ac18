package io.ttv.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import io.ttv.jobs.Progress;
import io.ttv.jobs.landing.LandingFile;
import io.ttv.jobs.landing.LandingReader;
import io.ttv.jobs.spark.DeltaTables;
import io.ttv.schemas.raw.SourceDataset;
import io.ttv.schemas.tables.QuarantineTable;
import io.ttv.schemas.tables.RawTables;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Landing files of the run's export dates -> {@code raw_<system>_<dataset>} and {@code quarantine}. The
 * export-date partitions of the run are replaced as a whole, so re-running a date converges. Datasets are
 * ingested a few at a time ({@link SideBySide}).
 */
public final class IngestStage {
  private IngestStage() {}

  public static DatasetCounts run(RunContext ctx) {
    DatasetCounts counts = new DatasetCounts();
    // quarantine exists in every warehouse, empty when nothing was bad, so its queries always work
    DeltaTables.ensure(ctx.spark(), QuarantineTable.TABLE, ctx.tablePath(QuarantineTable.NAME));
    Quarantine.Held held = Quarantine.held(ctx);
    // each dataset writes its own raw table: a few side by side (SideBySide)
    SideBySide.run(ctx.spark(), ctx.enabledDatasets().stream().<Runnable>map(d -> () -> ingest(ctx, d, counts, held)).toList());
    QualityGate.check(counts.read, counts.quarantined, counts.reasons, ctx.config().quality().maxQuarantineShare());
    return counts;
  }

  private static void ingest(RunContext ctx, SourceDataset d, DatasetCounts counts, Quarantine.Held held) {
    Instant start = Instant.now();
    List<LandingFile> files = ctx.landing().files(d.system(), d.dataset(), ctx.from(), ctx.to());
    if (files.isEmpty() && !DeltaTables.exists(ctx.spark(), ctx.tablePath(d.rawTable()))) {
      // Nothing delivered and nothing ingested before: no table to create or partition to replace.
      return;
    }
    Dataset<Row> rows =
        LandingReader.read(ctx.spark(), files, d).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Timestamp ingestedAt = Timestamp.from(ctx.ingestedAt());
      Dataset<Row> raw =
          rows.where(col(LandingReader.REASON).isNull())
              .select(
                  col(LandingReader.SOURCE_SYSTEM).as(RawTables.SOURCE_SYSTEM),
                  col(LandingReader.DATASET).as(RawTables.DATASET),
                  to_date(col(LandingReader.EXPORT_DATE)).as(RawTables.EXPORT_DATE),
                  col(LandingReader.SOURCE_FILE).as(RawTables.SOURCE_FILE),
                  col(LandingReader.POSITION).as(RawTables.POSITION),
                  col(LandingReader.RECORD).as(RawTables.RECORD),
                  col(LandingReader.PATH_PARAMS).as(RawTables.PATH_PARAMS),
                  lit(ingestedAt).as(RawTables.INGESTED_AT));
      DeltaTables.replaceWhere(
          ctx.spark(),
          RawTables.table(d.system(), d.dataset()),
          ctx.tablePath(d.rawTable()),
          raw,
          ctx.exportDateRange(RawTables.EXPORT_DATE));
      Checkpoints.reached("ingest.raw-written");

      long good = 0;
      long quarantined = 0;
      for (Row r :
          rows.groupBy(Quarantine.reasonKind(col(LandingReader.REASON)))
              .count()
              .collectAsList()) {
        String reason = r.getString(0);
        long n = r.getLong(1);
        if (reason == null) {
          good += n;
        } else {
          quarantined += n;
          counts.addReason(d.id(), reason, n);
        }
      }
      Dataset<Row> bad =
          rows.where(col(LandingReader.REASON).isNotNull())
              .select(
                  col(LandingReader.SOURCE_SYSTEM).as(QuarantineTable.SOURCE_SYSTEM),
                  col(LandingReader.DATASET).as(QuarantineTable.DATASET),
                  col(LandingReader.SOURCE_FILE).as(QuarantineTable.FILE),
                  col(LandingReader.POSITION).as(QuarantineTable.POSITION),
                  col(LandingReader.REASON).as(QuarantineTable.REASON),
                  col(LandingReader.RAW_TEXT).as(QuarantineTable.RAW_TEXT),
                  to_date(col(LandingReader.EXPORT_DATE)).as(QuarantineTable.EXPORT_DATE),
                  lit(ingestedAt).as(QuarantineTable.INGESTED_AT),
                  lit(QuarantineTable.STAGE_INGEST).as(QuarantineTable.STAGE));
      Quarantine.replace(ctx, d, QuarantineTable.STAGE_INGEST, bad, quarantined, held);

      counts.addRead(d.id(), good + quarantined);
      counts.addQuarantined(d.id(), quarantined);
      Progress.info(
          String.format(
              java.util.Locale.ROOT,
              "ingest %s dt=%s..%s: %,d files, %,d records, %,d quarantined (%s)",
              d.id(), ctx.from(), ctx.to(), files.size(), good, quarantined, Progress.since(start)));
    } finally {
      rows.unpersist();
    }
  }
}
