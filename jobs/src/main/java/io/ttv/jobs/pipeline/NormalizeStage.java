package io.ttv.jobs.pipeline;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.posexplode_outer;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.ttv.jobs.Progress;
import io.ttv.jobs.spark.DeltaTables;
import io.ttv.schemas.raw.SourceDataset;
import io.ttv.schemas.tables.QuarantineTable;
import io.ttv.schemas.tables.RawTables;
import io.ttv.schemas.tables.ReposTable;
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
   * One query over a dataset's normalised rows: how many rows each problem kind (null: usable) and note (a
   * row a normaliser kept but noted, e.g. an unknown status kept raw) have, and the usable rows' identities
   * (lower-cased, distinct per group: bounded by the organisation's size, not the data) and repositories
   * ({@code repo}, when the rows have one). Rows: problem kind, note, row count, identities, repos.
   */
  private static List<Row> tally(Dataset<Row> normalized, List<String> identityColumns) {
    boolean noted = java.util.Arrays.asList(normalized.columns()).contains(NormalizedRows.NOTE);
    Column none = array().cast("array<string>");
    List<Column> arrays = new ArrayList<>();
    for (String c : identityColumns) {
      // an array column (an incident's responders) counts each of its identities
      Column one =
          normalized.schema().apply(c).dataType() instanceof org.apache.spark.sql.types.ArrayType
              ? transform(col(c), org.apache.spark.sql.functions::lower)
              : array(lower(col(c)));
      arrays.add(coalesce(one, none));
    }
    Column ids =
        arrays.isEmpty() ? none : when(col(NormalizedRows.PROBLEM).isNull(), concat(arrays.toArray(Column[]::new))).otherwise(none);
    // one output row per identity of a row, or one (pos null) for a row without: the row counts where pos is 0 or null
    return normalized
        .select(
            Quarantine.reasonKind(col(NormalizedRows.PROBLEM)).as("_kind"),
            (noted ? col(NormalizedRows.NOTE) : lit(null).cast("string")).as("_note"),
            (hasRepo(normalized) ? col(ReposTable.REPO) : lit(null).cast("string")).as("_repo"),
            posexplode_outer(ids))
        .groupBy(col("_kind"), col("_note"))
        .agg(
            sum(when(col("pos").isNull().or(col("pos").equalTo(0)), 1L).otherwise(0L)),
            collect_set(col("col")),
            // the merged rows are the usable ones: their repos, once per row (pos 0 or null)
            collect_set(when(col("_kind").isNull().and(col("pos").isNull().or(col("pos").equalTo(0))), col("_repo"))))
        .collectAsList();
  }

  private static boolean hasRepo(Dataset<Row> rows) {
    return java.util.Arrays.asList(rows.columns()).contains(ReposTable.REPO);
  }

  /**
   * Rows one dataset contributes to one table's MERGE; {@code update} is the table's own update rule
   * ({@link Normalizers.SecondOutput#mergeUpdate()}), null where the newest version wins.
   */
  private record Pending(SourceDataset dataset, Dataset<Row> rows, java.util.Map<String, String> update) {}

  /**
   * The MERGEs of the stage, one MERGE of the union of all datasets per table where that leaves the table
   * as MERGEs one dataset after another would. For "newest version wins" tables the union is reduced to the
   * newest version per key first (with sticky columns OR-ed and fuller versions first,
   * {@link NormalizedRows#onlyValidNewest}). Tables with an update rule of their own ({@code calendars}) are
   * merged together only when their key names the source system and the datasets are of different systems,
   * so no two rows share a key.
   *
   * <p>Tables the derive pass reads one system at a time ({@link Derivations#READ_PER_SYSTEM}) keep one
   * MERGE per dataset: a MERGE writes the rows it inserts or rewrites in files of their own, so per-system
   * MERGEs leave files of one system each, which the derive pass's {@code source_system = 'gitlab'} skips
   * by their statistics. One MERGE of all three CI systems saved 2 s in an org-400 nightly and cost the
   * GitLab and Jenkins derive passes 4.5 s (they read and rewrote files full of GitHub jobs).
   */
  private static final class Merges {
    private final java.util.Map<io.ttv.schemas.TableDef, List<Pending>> byTable = new java.util.LinkedHashMap<>();

    void newest(SourceDataset d, io.ttv.schemas.TableDef table, Dataset<Row> rows) {
      byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(new Pending(d, rows, null));
    }

    void updating(SourceDataset d, Normalizers.SecondOutput out, Dataset<Row> rows) {
      byTable.computeIfAbsent(out.table(), t -> new ArrayList<>()).add(new Pending(d, rows, out.mergeUpdate()));
    }

    /** Each table's MERGEs one after another, the tables a few side by side ({@link SideBySide}). */
    void run(RunContext ctx) {
      List<Runnable> steps = new ArrayList<>();
      byTable.forEach((table, pending) -> steps.add(() -> runTable(ctx, table, pending)));
      SideBySide.run(ctx.spark(), steps);
    }

    private void runTable(RunContext ctx, io.ttv.schemas.TableDef table, List<Pending> pending) {
      java.util.Map<String, String> update = pending.get(0).update();
      boolean oneRule = pending.stream().allMatch(p -> java.util.Objects.equals(p.update(), update));
      boolean together =
          oneRule && pending.size() > 1 && !Derivations.READ_PER_SYSTEM.contains(table.name())
              && (update == null
                  || table.keyColumns().contains(io.ttv.schemas.tables.LineageColumns.SOURCE_SYSTEM)
                      && pending.stream().map(p -> p.dataset().system()).distinct().count() == pending.size());
      if (!together) {
        for (Pending p : pending) {
          timed(table, List.of(p), () -> merge(ctx, table, p.rows(), p.update()));
        }
        return;
      }
      Dataset<Row> rows = union(table, pending);
      if (update == null) {
        rows = NormalizedRows.onlyValidNewest(rows.withColumn(NormalizedRows.PROBLEM, lit(null).cast("string")), table);
      }
      Dataset<Row> all = rows;
      timed(table, pending, () -> merge(ctx, table, all, update));
    }

    private static void merge(RunContext ctx, io.ttv.schemas.TableDef table, Dataset<Row> rows, java.util.Map<String, String> update) {
      if (update == null) {
        DeltaTables.mergeNewest(ctx.spark(), table, ctx.tablePath(table.name()), rows);
      } else {
        DeltaTables.mergeUpdating(ctx.spark(), table, ctx.tablePath(table.name()), rows, update);
      }
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
    List<Dataset<Row>> persisted = java.util.Collections.synchronizedList(new ArrayList<>());
    Merges merges = new Merges();
    java.util.Map<String, Dataset<Row>> merged = new java.util.LinkedHashMap<>();
    // after ingest: its quarantine rows of these dates count in this stage's quality gate
    Quarantine.Held held = Quarantine.held(ctx);
    try {
      // the datasets a few side by side (SideBySide); what each adds to the MERGEs is added in dataset order
      List<SourceDataset> datasets = ctx.enabledDatasets();
      List<List<Output>> outputs = new ArrayList<>(java.util.Collections.nCopies(datasets.size(), List.<Output>of()));
      List<Runnable> steps = new ArrayList<>();
      for (int i = 0; i < datasets.size(); i++) {
        int at = i;
        steps.add(() -> outputs.set(at, normalize(ctx, datasets.get(at), counts, held, persisted)));
      }
      SideBySide.run(ctx.spark(), steps);
      for (List<Output> dataset : outputs) {
        for (Output o : dataset) {
          merged.put(o.key(), o.rows());
          if (o.secondOutput() != null) {
            merges.updating(o.dataset(), o.secondOutput(), o.rows());
          } else {
            merges.newest(o.dataset(), o.table(), o.rows());
          }
        }
      }
      QualityGate.check(counts.read, counts.quarantined, counts.reasons, ctx.config().quality().maxQuarantineShare());
      merges.run(ctx);
      Derivations.run(ctx, merged);
      return counts;
    } finally {
      persisted.forEach(Dataset::unpersist);
    }
  }

  /**
   * Rows one dataset gives one table: {@code key} names them for the derive passes ({@code github/jobs},
   * {@code github/pull_commits:pull_request_commits}); {@code secondOutput} is set for a table with an update
   * rule of its own, merged by {@link Merges#updating}.
   */
  private record Output(SourceDataset dataset, String key, io.ttv.schemas.TableDef table, Dataset<Row> rows, Normalizers.SecondOutput secondOutput) {}

  /** One dataset: normalised, counted, its rejects quarantined; returns what it adds to the MERGEs. */
  private static List<Output> normalize(
      RunContext ctx, SourceDataset d, DatasetCounts counts, Quarantine.Held held, List<Dataset<Row>> persisted) {
    Normalizers.Normalizer n = Normalizers.of(d);
    Instant start = Instant.now();
    if (!DeltaTables.exists(ctx.spark(), ctx.tablePath(d.rawTable()))) {
      return List.of(); // this dataset was never delivered
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
    java.util.Map<String, Long> notes = new java.util.TreeMap<>();
    java.util.Set<String> identities = new java.util.TreeSet<>();
    for (Row r : tally(normalized, n.identityColumns())) {
      long rows = r.getLong(2);
      records += rows;
      if (r.getString(0) != null) {
        rejected += rows;
        counts.addReason(d.id(), r.getString(0), rows);
      }
      if (r.getString(1) != null) {
        notes.merge(r.getString(1), rows, Long::sum);
      }
      identities.addAll(r.getList(3));
      // every merged row is a usable row of a dataset's normalised rows, or made from them (second outputs; a
      // raw-fed one names no repo, NormalizersTest): the tally sees every repo the run merges
      counts.addRepos(r.getList(4));
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
      counts.addIdentities(d.system(), identities);
    }
    notes.forEach((note, rows) -> Progress.info(
        String.format(java.util.Locale.ROOT, "normalize %s: %,d records with %s (kept, raw value in the table)", d.id(), rows, note)));
    List<Output> out = new ArrayList<>();
    for (Normalizers.SecondOutput second : n.moreOutputs()) {
      if (second.fromRaw()) {
        // fed by the raw records themselves: merged even when no record gave a normalised row
        out.add(new Output(d, d.id() + ":" + second.table().name(), second.table(), second.fromFirst().apply(raw, ctx.config()), second));
      }
    }
    if (records == rejected) {
      return out; // nothing usable to merge
    }
    out.add(new Output(d, d.id(), n.table(), NormalizedRows.onlyValidNewest(normalized, n.table()), null));
    for (Normalizers.SecondOutput second : n.moreOutputs()) {
      if (second.fromRaw()) {
        continue;
      }
      // counted and quarantined above, with the first output: its rows carry the same problems
      Dataset<Row> rows = NormalizedRows.onlyValidNewest(second.fromFirst().apply(normalized, ctx.config()), second.table());
      out.add(new Output(d, d.id() + ":" + second.table().name(), second.table(), rows, null));
    }
    return out;
  }
}
