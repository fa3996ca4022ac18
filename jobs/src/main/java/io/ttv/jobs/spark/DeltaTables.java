package io.ttv.jobs.spark;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.ttv.schemas.TableDef;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.schemas.tables.WeekPartition;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Delta writes of the warehouse: tables created with schema and comments first, then MERGE or replaceWhere. */
public final class DeltaTables {
  private DeltaTables() {}

  /** Creates the table at {@code path} with its schema, column descriptions and partitioning, if absent. */
  public static void ensure(SparkSession spark, TableDef table, String path) {
    if (DeltaTable.isDeltaTable(spark, path)) {
      upgrade(spark, table, path);
      return;
    }
    removeUncommittedLog(spark, path);
    io.delta.tables.DeltaTableBuilder b =
        DeltaTable.createIfNotExists(spark)
            .location(qualified(spark, path))
            .addColumns(table.schema())
            .partitionedBy(table.partitionColumns().toArray(String[]::new))
            .comment(table.name() + ": " + table.grain());
    for (java.util.Map.Entry<String, String> p : properties(table).entrySet()) {
      b = b.property(p.getKey(), p.getValue());
    }
    b.execute();
  }

  /**
   * A run killed while it created a table leaves {@code _delta_log} without its first commit: no table, yet
   * Delta refuses to create one there ("doesn't exist"). That empty start of a log is removed; a log holding
   * any file is left alone.
   */
  private static void removeUncommittedLog(SparkSession spark, String path) {
    org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(qualified(spark, path), "_delta_log");
    try {
      org.apache.hadoop.fs.FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(log) && fs.listStatus(log).length == 0) {
        fs.delete(log, false);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + log + ": " + e.getMessage(), e);
    }
  }

  /**
   * Delta table properties by layer. Raw tables collect no per-file column statistics: every read of them
   * selects whole {@code export_date} partitions, and min/max of the {@code record} JSON text cost an
   * interpreted comparison per row and column on write (about a sixth of the executors' time in an
   * org-400 nightly). Row counts are still kept. No property here raises the reader protocol (docs/bi.md:
   * every table opens at reader protocol 1), which rules out deletion vectors.
   */
  static java.util.Map<String, String> properties(TableDef table) {
    if (table.layer() == TableDef.Layer.RAW) {
      return java.util.Map.of("delta.dataSkippingNumIndexedCols", "0");
    }
    return java.util.Map.of();
  }

  /**
   * Paths (with the time of their first commit, so a table dropped and created again is checked again)
   * whose columns and properties this JVM has already brought up to date: the check reads the table's
   * metadata, and a run writes some tables a dozen times.
   */
  private static final java.util.Set<String> UPGRADED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** One lock per table path: steps side by side may read one table at once, and only one may upgrade it. */
  private static final java.util.concurrent.ConcurrentHashMap<String, Object> UPGRADE_LOCKS = new java.util.concurrent.ConcurrentHashMap<>();

  /** An existing table gets this version's missing columns and properties, once per JVM. */
  private static void upgrade(SparkSession spark, TableDef table, String path) {
    String key = upgradeKey(spark, path);
    if (key != null && UPGRADED.contains(key)) {
      return;
    }
    synchronized (UPGRADE_LOCKS.computeIfAbsent(key != null ? key : path, k -> new Object())) {
      if (key != null && UPGRADED.contains(key)) {
        return;
      }
      repartitionByWeek(spark, table, path);
      addMissingColumns(spark, table, path);
      setMissingProperties(spark, table, path);
      if (key != null) {
        UPGRADED.add(key);
      }
    }
  }

  /** The qualified path and its first commit's modification time; null when that commit is gone (log cleanup). */
  private static String upgradeKey(SparkSession spark, String path) {
    try {
      org.apache.hadoop.fs.Path first = new org.apache.hadoop.fs.Path(qualified(spark, path), "_delta_log/00000000000000000000.json");
      long mtime = first.getFileSystem(spark.sparkContext().hadoopConfiguration()).getFileStatus(first).getModificationTime();
      return first.getParent().getParent() + "@" + mtime;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static void setMissingProperties(SparkSession spark, TableDef table, String path) {
    java.util.Map<String, String> wanted = properties(table);
    if (wanted.isEmpty()) {
      return;
    }
    String target = "delta.`" + qualified(spark, path) + "`";
    java.util.Map<String, String> have = new java.util.HashMap<>();
    for (Row r : spark.sql("SHOW TBLPROPERTIES " + target).collectAsList()) {
      have.put(r.getString(0), r.getString(1));
    }
    String missing =
        wanted.entrySet().stream()
            .filter(e -> !e.getValue().equals(have.get(e.getKey())))
            .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'")
            .collect(Collectors.joining(", "));
    if (!missing.isEmpty()) {
      spark.sql("ALTER TABLE " + target + " SET TBLPROPERTIES (" + missing + ")");
    }
  }

  /**
   * A table this version partitions by week ({@link WeekPartition}) that an older ttv wrote without
   * partitions is rewritten once, partitioned, in one commit (time travel still shows the old layout).
   * Its rows and their values stay as they were; the partition column is computed from its source time.
   */
  private static void repartitionByWeek(SparkSession spark, TableDef table, String path) {
    if (!WeekPartition.applies(table)) {
      return;
    }
    Row detail = DeltaTable.forPath(spark, path).detail().first();
    java.util.List<String> have = detail.getList(detail.fieldIndex("partitionColumns"));
    if (have.equals(table.partitionColumns())) {
      return;
    }
    java.time.Instant start = java.time.Instant.now();
    Dataset<Row> all = spark.read().format("delta").load(path);
    java.util.List<Column> cols = new java.util.ArrayList<>();
    for (String c : all.columns()) {
      if (!c.equals(WeekPartition.COLUMN)) {
        cols.add(col(c));
      }
    }
    cols.add(WeekPartition.value(table).as(WeekPartition.COLUMN, table.schema().apply(WeekPartition.COLUMN).metadata()));
    all.select(cols.toArray(Column[]::new))
        .write()
        .format("delta")
        .mode("overwrite")
        .option("overwriteSchema", "true")
        .partitionBy(table.partitionColumns().toArray(String[]::new))
        .save(path);
    io.ttv.jobs.Progress.info(
        "upgraded " + table.name() + " to partitions by " + WeekPartition.COLUMN + " (one rewrite, " + io.ttv.jobs.Progress.since(start) + ")");
  }

  /**
   * A warehouse written by an older ttv gets the columns this version added (nullable, with their
   * descriptions), so upgrading never needs a rebuild. Columns are never dropped or retyped here.
   */
  private static void addMissingColumns(SparkSession spark, TableDef table, String path) {
    java.util.Set<String> existing =
        new java.util.HashSet<>(java.util.Arrays.asList(DeltaTable.forPath(spark, path).toDF().columns()));
    java.util.List<String> adds = new java.util.ArrayList<>();
    for (org.apache.spark.sql.types.StructField f : table.schema().fields()) {
      if (!existing.contains(f.name())) {
        adds.add(
            "`" + f.name() + "` " + f.dataType().sql() + " COMMENT '"
                + io.ttv.schemas.Col.description(f).replace("\\", "\\\\").replace("'", "\\'") + "'");
      }
    }
    if (!adds.isEmpty()) {
      spark.sql("ALTER TABLE delta.`" + qualified(spark, path) + "` ADD COLUMNS (" + String.join(", ", adds) + ")");
    }
  }

  /** Delta compares locations textually: {@code file:///x} and {@code file:/x} must be one spelling. */
  static String qualified(SparkSession spark, String path) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot open " + path + ": " + e.getMessage(), e);
    }
  }

  public static boolean exists(SparkSession spark, String path) {
    return DeltaTable.isDeltaTable(spark, path);
  }

  public static Dataset<Row> read(SparkSession spark, TableDef table, String path) {
    ensure(spark, table, path);
    return spark.read().format("delta").load(path);
  }

  /** Replaces exactly the rows matching {@code predicate} with {@code rows}, in one atomic commit. */
  public static void replaceWhere(SparkSession spark, TableDef table, String path, Dataset<Row> rows, String predicate) {
    ensure(spark, table, path);
    inTableOrder(rows, table)
        .write()
        .format("delta")
        .mode("overwrite")
        .option("replaceWhere", predicate)
        .save(path);
  }

  /** Appends rows (for run history). */
  public static void append(SparkSession spark, TableDef table, String path, Dataset<Row> rows) {
    ensure(spark, table, path);
    inTableOrder(rows, table).write().format("delta").mode("append").save(path);
  }

  /**
   * MERGE on the natural key; a matched row is replaced only by a version that is not older (export
   * date, then file, then position), so re-reading an old export never undoes a newer one, and running a
   * date twice leaves the table as it was. Sticky columns ({@link TableDef#stickyColumns()}) become
   * {@code t.c OR s.c} whichever version is newer, so evidence seen once is never lost.
   */
  public static void mergeNewest(SparkSession spark, TableDef table, String path, Dataset<Row> rows) {
    ensure(spark, table, path);
    rows = inTableOrder(rows, table);
    String on =
        inWeeksOf(rows, table)
            + table.keyColumns().stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
    String d = LineageColumns.EXPORT_DATE;
    String f = LineageColumns.SOURCE_FILE;
    String p = LineageColumns.SOURCE_POSITION;
    String notOlder =
        String.format(
            "s.%1$s > t.%1$s OR (s.%1$s = t.%1$s AND (s.%2$s > t.%2$s OR (s.%2$s = t.%2$s AND s.%3$s >= t.%3$s)))",
            d, f, p);
    if (table.fullnessColumn() != null) {
      String full = table.fullnessColumn();
      notOlder = String.format("(s.%1$s AND NOT t.%1$s) OR (s.%1$s = t.%1$s AND (%2$s))", full, notOlder);
    }
    if (table.stickyColumns().isEmpty()) {
      DeltaTable.forPath(spark, path)
          .as("t")
          .merge(rows.as("s"), on)
          .whenMatched(notOlder)
          .updateAll()
          .whenNotMatched()
          .insertAll()
          .execute();
      return;
    }
    // Sticky evidence: a newer version replaces every column but ORs the sticky ones; an older version
    // changes nothing but can still add its evidence.
    java.util.Map<String, String> newer = new java.util.LinkedHashMap<>();
    java.util.Map<String, String> older = new java.util.LinkedHashMap<>();
    for (String c : table.columnNames()) {
      boolean sticky = table.stickyColumns().contains(c);
      newer.put(c, sticky ? "t." + c + " OR s." + c : "s." + c);
      if (sticky) {
        older.put(c, "t." + c + " OR s." + c);
      }
    }
    DeltaTable.forPath(spark, path)
        .as("t")
        .merge(rows.as("s"), on)
        .whenMatched(notOlder)
        .updateExpr(newer)
        .whenMatched()
        .updateExpr(older)
        .whenNotMatched()
        .insertAll()
        .execute();
  }

  /**
   * MERGE on the table's key with an update rule of its own: a matched row gets {@code update} (column ->
   * SQL over the target {@code t} and the source {@code s}, e.g. {@code least(t.first, s.first)}), an
   * unmatched one is inserted. For tables whose rows span versions (calendars: first and last export date).
   */
  public static void mergeUpdating(SparkSession spark, TableDef table, String path, Dataset<Row> rows, java.util.Map<String, String> update) {
    ensure(spark, table, path);
    String on =
        table.keyColumns().stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
    DeltaTable.forPath(spark, path)
        .as("t")
        .merge(inTableOrder(rows, table).as("s"), on)
        .whenMatched()
        .updateExpr(update)
        .whenNotMatched()
        .insertAll()
        .execute();
  }

  /**
   * Sets {@code columns} of the rows whose key is in {@code rows} to the values there (a derived-column
   * pass after the MERGE, e.g. GitLab gate waits that need the other jobs of a pipeline). Lineage and
   * every other column stay as they are.
   */
  public static void updateColumns(SparkSession spark, TableDef table, String path, Dataset<Row> rows, java.util.List<String> columns) {
    ensure(spark, table, path);
    String on =
        table.keyColumns().stream().map(k -> "t." + k + " <=> s." + k).collect(Collectors.joining(" AND "));
    java.util.Map<String, String> set = new java.util.LinkedHashMap<>();
    String changed = columns.stream().map(c -> "NOT (t." + c + " <=> s." + c + ")").collect(Collectors.joining(" OR "));
    for (String c : columns) {
      set.put(c, "s." + c);
    }
    java.util.List<Column> keep = new java.util.ArrayList<>();
    for (String k : table.keyColumns()) {
      keep.add(col(k));
    }
    for (String c : columns) {
      keep.add(col(c).cast(table.schema().apply(c).dataType()).as(c));
    }
    boolean weeks = WeekPartition.applies(table)
        && (Arrays.asList(rows.columns()).contains(WeekPartition.COLUMN) || Arrays.asList(rows.columns()).contains(WeekPartition.source(table)));
    if (weeks) {
      keep.add(col(WeekPartition.COLUMN));
    }
    Dataset<Row> source = (weeks ? WeekPartition.with(rows, table) : rows).select(keep.toArray(Column[]::new));
    if (weeks) {
      on = inWeeksOf(source, table) + on;
    }
    DeltaTable.forPath(spark, path)
        .as("t")
        .merge(source.as("s"), on)
        .whenMatched(changed)
        .updateExpr(set)
        .execute();
  }

  /** Upsert by key without version ordering (run history rows). */
  public static void upsert(SparkSession spark, TableDef table, String path, Dataset<Row> rows) {
    ensure(spark, table, path);
    String on =
        table.keyColumns().stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
    DeltaTable.forPath(spark, path)
        .as("t")
        .merge(inTableOrder(rows, table).as("s"), on)
        .whenMatched()
        .updateAll()
        .whenNotMatched()
        .insertAll()
        .execute();
  }

  private static Dataset<Row> inTableOrder(Dataset<Row> rows, TableDef table) {
    Column[] cols =
        Arrays.stream(table.schema().fields())
            .map(f -> col(f.name()).cast(f.dataType()).as(f.name()))
            .toArray(Column[]::new);
    return WeekPartition.with(rows, table).select(cols);
  }

  /**
   * For a table partitioned by week, the MERGE condition's first conjunct: the target's partitions the
   * source rows fall in ({@code t.partition_week IN (...)}), so Delta reads and rewrites only those weeks;
   * an empty string for other tables. The week comes from a time a key never changes, so a row's older
   * version is always in the same week. One small query: the source's distinct weeks.
   */
  static String inWeeksOf(Dataset<Row> source, TableDef table) {
    if (!WeekPartition.applies(table)) {
      return "";
    }
    java.util.List<String> weeks = new java.util.ArrayList<>();
    boolean nullWeek = false;
    for (Row r : source.select(col(WeekPartition.COLUMN)).distinct().collectAsList()) {
      if (r.isNullAt(0)) {
        nullWeek = true;
      } else {
        weeks.add("DATE'" + r.getDate(0) + "'");
      }
    }
    String t = "t." + WeekPartition.COLUMN;
    java.util.List<String> any = new java.util.ArrayList<>();
    if (!weeks.isEmpty()) {
      any.add(t + " IN (" + String.join(", ", weeks) + ")");
    }
    if (nullWeek) {
      any.add(t + " IS NULL");
    }
    return any.isEmpty() ? "false AND " : "(" + String.join(" OR ", any) + ") AND ";
  }
}
