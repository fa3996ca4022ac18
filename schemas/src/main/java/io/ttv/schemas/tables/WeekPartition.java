package io.ttv.schemas.tables;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.trunc;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The layout of the big normalised tables: partitioned by {@value #COLUMN}, the Monday (UTC) of the week of
 * a time that never changes for a key (a run's or a PR's creation, a commit's committer date). A nightly
 * MERGE then reads and rewrites only the weeks its rows fall in, instead of files that hold the whole
 * history (docs/benchmarks.md, "A layout that does not grow with history").
 */
public final class WeekPartition {
  private WeekPartition() {}

  public static final String COLUMN = "partition_week";

  /** Table -> the time column whose week partitions it. Only times a later version of a row cannot change. */
  private static final Map<String, String> SOURCE =
      Map.of(
          CiRunsTable.NAME, CiRunsTable.CREATED_AT,
          CiJobsTable.NAME, CiJobsTable.CREATED_AT,
          CommitsTable.NAME, CommitsTable.COMMITTED_AT,
          PullRequestsTable.NAME, PullRequestsTable.CREATED_AT,
          DeploymentStatusesTable.NAME, DeploymentStatusesTable.CREATED_AT,
          WorkItemsTable.NAME, WorkItemsTable.CREATED_AT,
          WorkItemTransitionsTable.NAME, WorkItemTransitionsTable.AT);

  /** The column's field in a table's schema, partitioning it by the week of {@code source}. */
  static StructField field(String source) {
    return Col.of(
        COLUMN,
        DataTypes.DateType,
        "Monday (UTC) of the week of " + source + ": the table's partition (null where " + source
            + " is). Filter on it to read only the weeks you need.");
  }

  /** Whether {@code table} is partitioned by week. */
  public static boolean applies(TableDef table) {
    return table.partitionColumns().contains(COLUMN);
  }

  /** The time column whose week partitions {@code table}. */
  public static String source(TableDef table) {
    return SOURCE.get(table.name());
  }

  /** The partition value of a row: the Monday of its source time's week. */
  public static Column value(TableDef table) {
    return of(col(source(table)));
  }

  /** The partition value of a time: the Monday of its week. */
  public static Column of(Column time) {
    return trunc(time, "week");
  }

  /** {@code rows} with the partition column computed from the source time, when the table has one and the rows lack it. */
  public static Dataset<Row> with(Dataset<Row> rows, TableDef table) {
    if (!applies(table) || java.util.Arrays.asList(rows.columns()).contains(COLUMN)) {
      return rows;
    }
    return rows.withColumn(COLUMN, value(table));
  }
}
