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

  /** Rows one dataset contributes to one table's MERGE. */
  private record Pending(SourceDataset dataset, Dataset<Row> rows) {}

  /**
   * The MERGEs of one table, all datasets together: one MERGE of the union, not one per dataset, so
   * three CI systems cost one MERGE into {@code ci_runs}. For "newest version wins" tables the union is
   * reduced to the newest version per key first (with sticky columns OR-ed and fuller versions first,
   * {@link NormalizedRows#onlyValidNewest}), which is what merging the datasets one after another leaves.
   * Tables with an update rule of their own ({@code calendars}) are merged together only when their key
   * names the source system and the datasets are of different systems, so no two rows share a key.
   *
   * <p>Tables the derive pass reads one system at a time ({@link Derivations#READ_PER_SYSTEM}) keep one
   * MERGE per dataset: a MERGE writes the rows it inserts or rewrites in files of their own, so per-system
   * MERGEs leave files of one system each, which the derive pass's {@code source_system = 'gitlab'} skips
   * by their statistics. One MERGE of all three CI systems saved 2 s in an org-400 nightly and cost the
   * GitLab and Jenkins derive passes 4.5 s (they read and rewrote files full of GitHub jobs).
   */
  private static final class Merges {
    private final java.util.Map<io.ttv.schemas.TableDef, List<Pending>> newest = new java.util.LinkedHashMap<>();
    private final java.util.Map<Normalizers.SecondOutput, List<Pending>> updating = new java.util.LinkedHashMap<>();

    void newest(SourceDataset d, io.ttv.schemas.TableDef table, Dataset<Row> rows) {
      newest.computeIfAbsent(table, t -> new ArrayList<>()).add(new Pending(d, rows));
    }

    void updating(SourceDataset d, Normalizers.SecondOutput out, Dataset<Row> rows) {
      updating.computeIfAbsent(out, t -> new ArrayList<>()).add(new Pending(d, rows));
    }

    void run(RunContext ctx) {
      newest.forEach((table, pending) -> {
        if (Derivations.READ_PER_SYSTEM.contains(table.name())) {
          for (Pending p : pending) {
            timed(table, List.of(p), () -> DeltaTables.mergeNewest(ctx.spark(), table, ctx.tablePath(table.name()), p.rows()));
          }
          return;
        }
        Dataset<Row> rows = union(table, pending);
        if (pending.size() > 1) {
          rows = NormalizedRows.onlyValidNewest(rows.withColumn(NormalizedRows.PROBLEM, lit(null).cast("string")), table);
        }
        Dataset<Row> all = rows;
        timed(table, pending, () -> DeltaTables.mergeNewest(ctx.spark(), table, ctx.tablePath(table.name()), all));
      });
      // several outputs may share a table (all calendar systems feed calendars): group them by table
      java.util.Map<io.ttv.schemas.TableDef, List<java.util.Map.Entry<Normalizers.SecondOutput, List<Pending>>>> byTable =
          new java.util.LinkedHashMap<>();
      updating.entrySet().forEach(e -> byTable.computeIfAbsent(e.getKey().table(), t -> new ArrayList<>()).add(e));
      byTable.forEach((table, outs) -> {
        List<Pending> pending = outs.stream().flatMap(e -> e.getValue().stream()).toList();
        java.util.Map<String, String> update = outs.get(0).getKey().mergeUpdate();
        boolean oneRule = outs.stream().allMatch(e -> e.getKey().mergeUpdate().equals(update));
        boolean disjoint =
            table.keyColumns().contains(io.ttv.schemas.tables.LineageColumns.SOURCE_SYSTEM)
                && pending.stream().map(p -> p.dataset().system()).distinct().count() == pending.size();
        if (oneRule && disjoint) {
          timed(table, pending, () -> DeltaTables.mergeUpdating(ctx.spark(), table, ctx.tablePath(table.name()), union(table, pending), update));
        } else {
          for (java.util.Map.Entry<Normalizers.SecondOutput, List<Pending>> e : outs) {
            for (Pending p : e.getValue()) {
              timed(table, List.of(p), () -> DeltaTables.mergeUpdating(ctx.spark(), table, ctx.tablePath(table.name()), p.rows(), e.getKey().mergeUpdate()));
            }
          }
        }
      });
    }

    private static Dataset<Row> union(io.ttv.schemas.TableDef table, List<Pending> pending) {
      Column[] cols = java.util.Arrays.stream(table.columnNames()).map(c -> col(c)).toArray(Column[]::new);
      Dataset<Row> out = null;
      for (Pending p : pending) {
        Dataset<Row> one = p.rows().select(cols);
        out = out == null ? one : out.unionByName(one);
      }
      return out;
    }

    private static void timed(io.ttv.schemas.TableDef table, List<Pending> pending, Runnable merge) {
      Instant m = Instant.now();
      merge.run();
      String from = pending.stream().map(p -> p.dataset().id()).collect(java.util.stream.Collectors.joining(", "));
      Progress.info("merge " + from + " -> " + table.name() + " (" + Progress.since(m) + ")");
      Checkpoints.reached("normalize.merged:" + table.name());
    }
  }

  public static DatasetCounts run(RunContext ctx) {
    DatasetCounts counts = new DatasetCounts();
    List<Dataset<Row>> persisted = new ArrayList<>();
    Merges merges = new Merges();
    java.util.Map<String, Dataset<Row>> merged = new java.util.LinkedHashMap<>();
    // after ingest: its quarantine rows of these dates count in this stage's quality gate
    Quarantine.Held held = Quarantine.held(ctx);
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
        Quarantine.replace(ctx, d, QuarantineTable.STAGE_NORMALIZE, rejects, rejected, held);
        // The file-level problems ingest found for the same dates count in the same gate.
        long ingestRejected = 0;
        for (java.util.Map.Entry<String, Long> r : held.reasons(d, QuarantineTable.STAGE_INGEST).entrySet()) {
          ingestRejected += r.getValue();
          counts.addReason(d.id(), r.getKey(), r.getValue());
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
            merges.updating(d, out, rows);
          }
        }
        if (records == rejected) {
          continue; // nothing usable to merge
        }
        merged.put(d.id(), NormalizedRows.onlyValidNewest(normalized, n.table()));
        merges.newest(d, n.table(), merged.get(d.id()));
        for (Normalizers.SecondOutput second : n.moreOutputs()) {
          if (second.fromRaw()) {
            continue;
          }
          // counted and quarantined above, with the first output: its rows carry the same problems
          Dataset<Row> rows = NormalizedRows.onlyValidNewest(second.fromFirst().apply(normalized, ctx.config()), second.table());
          merged.put(d.id() + ":" + second.table().name(), rows);
          merges.newest(d, second.table(), rows);
        }
      }
      QualityGate.check(counts.read, counts.quarantined, counts.reasons, ctx.config().quality().maxQuarantineShare());
      merges.run(ctx);
      Derivations.run(ctx, merged);
      collectRepos(merged.values(), counts);
      return counts;
    } finally {
      persisted.forEach(Dataset::unpersist);
    }
  }
}
