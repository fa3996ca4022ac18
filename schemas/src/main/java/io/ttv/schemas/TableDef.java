package io.ttv.schemas;

import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One warehouse table: its name (also its folder under the warehouse), what one row is, the schema with a
 * description on every column, the natural key normalised tables MERGE on, and the partition columns.
 *
 * <p>{@code stickyColumns} are boolean evidence that, once true in any version of a record, stays true
 * when a newer version says false (contract section 4: "a field that only an older version showed is
 * still evidence about the object", e.g. a GitLab job seen as {@code manual} before it was played).
 * The newest-version pick and the MERGE OR them instead of replacing them.
 *
 * <p>{@code fullnessColumn} (nullable) is a boolean that ranks versions before their age: a version
 * where it is true is never replaced by one where it is false (contract section 4: GitLab pipeline list
 * items "are accepted, with those left null" — the single-pipeline body, which carries start, finish and
 * queue, wins over a list item of the same pipeline whatever their export dates).
 */
public record TableDef(
    String name,
    Layer layer,
    String grain,
    StructType schema,
    List<String> keyColumns,
    List<String> partitionColumns,
    List<String> stickyColumns,
    String fullnessColumn) {

  public enum Layer {
    RAW,
    SYSTEM,
    NORMALISED,
    FACT,
    DIMENSION
  }

  public TableDef {
    Objects.requireNonNull(name);
    Objects.requireNonNull(schema);
    keyColumns = List.copyOf(keyColumns);
    partitionColumns = List.copyOf(partitionColumns);
    stickyColumns = List.copyOf(stickyColumns);
    for (StructField f : schema.fields()) {
      if (Col.description(f).isBlank()) {
        throw new IllegalArgumentException(name + "." + f.name() + " has no description");
      }
    }
    for (String k : keyColumns) {
      schema.apply(k);
    }
    for (String p : partitionColumns) {
      schema.apply(p);
    }
    if (fullnessColumn != null) {
      schema.apply(fullnessColumn);
    }
    for (String s : stickyColumns) {
      if (!schema.apply(s).dataType().equals(org.apache.spark.sql.types.DataTypes.BooleanType)) {
        throw new IllegalArgumentException(name + "." + s + ": only boolean columns can be sticky");
      }
    }
  }

  /** A table without sticky columns. */
  public TableDef(
      String name,
      Layer layer,
      String grain,
      StructType schema,
      List<String> keyColumns,
      List<String> partitionColumns) {
    this(name, layer, grain, schema, keyColumns, partitionColumns, List.of(), null);
  }

  public String[] columnNames() {
    return schema.fieldNames();
  }
}
