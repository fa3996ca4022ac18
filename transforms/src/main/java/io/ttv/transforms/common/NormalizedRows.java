package io.ttv.transforms.common;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;

import io.ttv.schemas.TableDef;
import io.ttv.schemas.tables.LineageColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * What every source normaliser produces: the table's columns plus {@link #PROBLEM} (why the record
 * cannot be used, null when it can) and {@link #RECORD} (the raw JSON, kept as quarantine evidence).
 */
public final class NormalizedRows {
  private NormalizedRows() {}

  public static final String PROBLEM = "_problem";
  public static final String RECORD = "_record";

  /**
   * Optional: a remark about a usable row that a person should see counted, e.g. a status value the
   * normaliser does not know (kept raw in the table, counted in the run's log).
   */
  public static final String NOTE = "_note";

  /** The raw record's JSON under {@code alias}, read with an explicit schema (never inferred). */
  public static Column json(org.apache.spark.sql.types.StructType schema, String alias) {
    return org.apache.spark.sql.functions.from_json(col(io.ttv.schemas.tables.RawTables.RECORD), schema).as(alias);
  }

  /**
   * The start of every normaliser: the raw record kept as evidence ({@link #RECORD}), its lineage as the
   * normalised tables name it, the exporter's path segments as {@code _params}, and the parsed JSON.
   */
  public static Dataset<Row> parsed(Dataset<Row> raw, Column... parsedJson) {
    java.util.List<Column> cols =
        new java.util.ArrayList<>(
            java.util.List.of(
                col(io.ttv.schemas.tables.RawTables.RECORD).as(RECORD),
                col(io.ttv.schemas.tables.RawTables.EXPORT_DATE).as(LineageColumns.EXPORT_DATE),
                col(io.ttv.schemas.tables.RawTables.SOURCE_FILE).as(LineageColumns.SOURCE_FILE),
                col(io.ttv.schemas.tables.RawTables.POSITION).as(LineageColumns.SOURCE_POSITION),
                col(io.ttv.schemas.tables.RawTables.PATH_PARAMS).as("_params")));
    cols.addAll(java.util.Arrays.asList(parsedJson));
    return raw.select(cols.toArray(Column[]::new));
  }

  /**
   * The usable rows, one per natural key: "the version from the newest export date wins (within one
   * export date: the later file name, then the later position)", in the table's column order. A
   * sticky column (see {@link TableDef}) is true when any valid version in the batch says so.
   */
  public static Dataset<Row> onlyValidNewest(Dataset<Row> normalized, TableDef table) {
    Column[] keys = table.keyColumns().stream().map(k -> col(k)).toArray(Column[]::new);
    List<Column> order = new ArrayList<>();
    if (table.fullnessColumn() != null) {
      order.add(col(table.fullnessColumn()).desc()); // a fuller version wins whatever its age
    }
    order.add(col(LineageColumns.EXPORT_DATE).desc());
    order.add(col(LineageColumns.SOURCE_FILE).desc());
    order.add(col(LineageColumns.SOURCE_POSITION).desc());
    WindowSpec newestFirst = Window.partitionBy(keys).orderBy(order.toArray(Column[]::new));
    WindowSpec allVersions = Window.partitionBy(keys);
    Dataset<Row> valid = normalized.where(col(PROBLEM).isNull());
    // Sticky evidence (TableDef.stickyColumns): true in any version of the batch stays true.
    for (String sticky : table.stickyColumns()) {
      valid = valid.withColumn(sticky, max(col(sticky)).over(allVersions));
    }
    return io.ttv.schemas.tables.WeekPartition.with(valid, table)
        .withColumn("_rank", row_number().over(newestFirst))
        .where(col("_rank").equalTo(1))
        .select(Arrays.stream(table.columnNames()).map(c -> col(c)).toArray(Column[]::new));
  }

  /** The rows that cannot be used: file, position, reason, raw text and export date. */
  public static Dataset<Row> onlyRejected(Dataset<Row> normalized) {
    return normalized
        .where(col(PROBLEM).isNotNull())
        .select(
            col(LineageColumns.SOURCE_FILE).as("file"),
            col(LineageColumns.SOURCE_POSITION).as("position"),
            col(PROBLEM).as("reason"),
            col(RECORD).as("raw_text"),
            col(LineageColumns.EXPORT_DATE).as("export_date"));
  }
}
