package io.ttv.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.ttv.jobs.Progress;
import io.ttv.jobs.spark.DeltaTables;
import io.ttv.schemas.raw.SourceDataset;
import io.ttv.schemas.tables.QuarantineTable;
import io.ttv.schemas.tables.RawTables;
import io.ttv.transforms.common.NormalizedRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code raw_*} of the run's export dates -> normalised tables by MERGE. Records a table cannot use go to
 * {@code quarantine} first; then the quality gate looks at both stages' quarantine for the run, and only
 * when it passes is anything merged.
 */
public final class NormalizeStage {
  private NormalizeStage() {}

  /**
   * Counts the rows a normaliser kept but noted (an unknown status, kept raw in the table): they are not
   * quarantined, but a person should see how many there were.
   */
  private static void logNotes(SourceDataset d, Dataset<Row> normalized) {
    if (!java.util.Arrays.asList(normalized.columns()).contains(NormalizedRows.NOTE)) {
      return;
    }
    for (Row r : normalized.where(col(NormalizedRows.NOTE).isNotNull()).groupBy(col(NormalizedRows.NOTE)).count().collectAsList()) {
      Progress.info(String.format(java.util.Locale.ROOT, "normalize %s: %,d records with %s (kept, raw value in the table)", d.id(), r.getLong(1), r.getString(0)));
    }
  }

  /** The repositories the merged rows name, in one query (bounded by the organisation, not the data). */
  private static void collectRepos(java.util.Collection<Dataset<Row>> merged, DatasetCounts counts) {
    Dataset<Row> repos = null;
    for (Dataset<Row> m : merged) {
      if (java.util.Arrays.asList(m.columns()).contains(io.ttv.schemas.tables.ReposTable.REPO)) {
        Dataset<Row> one = m.select(col(io.ttv.schemas.tables.ReposTable.REPO));
        repos = repos == null ? one : repos.union(one);
      }
    }
    if (repos != null) {
      for (Row r : repos.where(col(io.ttv.schemas.tables.ReposTable.REPO).isNotNull()).distinct().collectAsList()) {
        counts.repos.add(r.getString(0));
      }
    }
  }

  private static void merge(RunContext ctx, SourceDataset d, io.ttv.schemas.TableDef table, Dataset<Row> rows) {
    Instant m = Instant.now();
    DeltaTables.mergeNewest(ctx.spark(), table, ctx.tablePath(table.name()), rows);
    Progress.info("merge " + d.id() + " -> " + table.name() + " (" + Progress.since(m) + ")");
    Checkpoints.reached("normalize.merged:" + table.name());
  }

  private static void mergeUpdating(RunContext ctx, SourceDataset d, Normalizers.SecondOutput out, Dataset<Row> rows) {
    Instant m = Instant.now();
    DeltaTables.mergeUpdating(ctx.spark(), out.table(), ctx.tablePath(out.table().name()), rows, out.mergeUpdate());
    Progress.info("merge " + d.id() + " -> " + out.table().name() + " (" + Progress.since(m) + ")");
    Checkpoints.reached("normalize.merged:" + out.table().name());
  }

  public static DatasetCounts run(RunContext ctx) {
    DatasetCounts counts = new DatasetCounts();
    List<Dataset<Row>> persisted = new ArrayList<>();
    List<Runnable> merges = new ArrayList<>();
    java.util.Map<String, Dataset<Row>> merged = new java.util.LinkedHashMap<>();
    try {
      for (SourceDataset d : ctx.enabledDatasets()) {
        Normalizers.Normalizer n = Normalizers.of(d);
        Instant start = Instant.now();
        if (!DeltaTables.exists(ctx.spark(), ctx.tablePath(d.rawTable()))) {
          continue; // this dataset was never delivered
        }
        Dataset<Row> raw =
            DeltaTables.read(ctx.spark(), RawTables.table(d.system(), d.dataset()), ctx.tablePath(d.rawTable()))
                .where(ctx.exportDateRange(RawTables.EXPORT_DATE));
        Dataset<Row> normalized = n.apply(raw, ctx.config(), ctx.from(), ctx.to()).persist(StorageLevel.MEMORY_AND_DISK());
        persisted.add(normalized);

        Dataset<Row> rejects =
            NormalizedRows.onlyRejected(normalized)
                .withColumn(QuarantineTable.SOURCE_SYSTEM, lit(d.system()))
                .withColumn(QuarantineTable.DATASET, lit(d.dataset()))
                .withColumn(QuarantineTable.INGESTED_AT, lit(Timestamp.from(ctx.ingestedAt())))
                .withColumn(QuarantineTable.STAGE, lit(QuarantineTable.STAGE_NORMALIZE));
        long records = 0;
        long rejected = 0;
        for (Row r :
            normalized
                .groupBy(Quarantine.reasonKind(col(NormalizedRows.PROBLEM)))
                .count()
                .collectAsList()) {
          records += r.getLong(1);
          if (r.getString(0) != null) {
            rejected += r.getLong(1);
            counts.addReason(d.id(), r.getString(0), r.getLong(1));
          }
        }
        Quarantine.replace(ctx, d, QuarantineTable.STAGE_NORMALIZE, rejects, rejected);
        // The file-level problems ingest found for the same dates count in the same gate.
        long ingestRejected = 0;
        for (Row r :
            Quarantine.slice(ctx, d, QuarantineTable.STAGE_INGEST).groupBy(Quarantine.reasonKind(col(QuarantineTable.REASON))).count().collectAsList()) {
          ingestRejected += r.getLong(1);
          counts.addReason(d.id(), r.getString(0), r.getLong(1));
        }
        counts.addRead(d.id(), records + ingestRejected);
        counts.addQuarantined(d.id(), rejected + ingestRejected);
        Progress.info(
            String.format(
                java.util.Locale.ROOT,
                "normalize %s -> %s: %,d records, %,d quarantined (%s)",
                d.id(), n.table().name(), records, rejected, Progress.since(start)));
        if (!n.identityColumns().isEmpty()) {
          // distinct identities are bounded by the organisation's size, not by the data
          Dataset<Row> ids = null;
          for (String c : n.identityColumns()) {
            // an array column (an incident's responders) counts each of its identities
            Column identity =
                normalized.schema().apply(c).dataType() instanceof org.apache.spark.sql.types.ArrayType
                    ? org.apache.spark.sql.functions.explode(col(c))
                    : col(c);
            Dataset<Row> one =
                normalized.where(col(NormalizedRows.PROBLEM).isNull()).select(identity.as("_identity"))
                    .select(org.apache.spark.sql.functions.lower(col("_identity")).as("id"));
            ids = ids == null ? one : ids.union(one);
          }
          java.util.Set<String> seen = counts.identities.computeIfAbsent(d.system(), k -> new java.util.TreeSet<>());
          for (Row r : ids.where(col("id").isNotNull()).distinct().collectAsList()) {
            seen.add(r.getString(0));
          }
        }
        logNotes(d, normalized);
        for (Normalizers.SecondOutput out : n.moreOutputs()) {
          if (out.fromRaw()) {
            // fed by the raw records themselves: merged even when no record gave a normalised row
            Dataset<Row> rows = out.fromFirst().apply(raw, ctx.config());
            merged.put(d.id() + ":" + out.table().name(), rows);
            merges.add(() -> mergeUpdating(ctx, d, out, rows));
          }
        }
        if (records == rejected) {
          continue; // nothing usable to merge
        }
        merged.put(d.id(), NormalizedRows.onlyValidNewest(normalized, n.table()));
        merges.add(() -> merge(ctx, d, n.table(), merged.get(d.id())));
        for (Normalizers.SecondOutput second : n.moreOutputs()) {
          if (second.fromRaw()) {
            continue;
          }
          // counted and quarantined above, with the first output: its rows carry the same problems
          Dataset<Row> rows = NormalizedRows.onlyValidNewest(second.fromFirst().apply(normalized, ctx.config()), second.table());
          merged.put(d.id() + ":" + second.table().name(), rows);
          merges.add(() -> merge(ctx, d, second.table(), rows));
        }
      }
      QualityGate.check(counts.read, counts.quarantined, counts.reasons, ctx.config().quality().maxQuarantineShare());
      merges.forEach(Runnable::run);
      Derivations.run(ctx, merged);
      collectRepos(merged.values(), counts);
      return counts;
    } finally {
      persisted.forEach(Dataset::unpersist);
    }
  }
}
