package io.ttv.schemas;

import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One warehouse table: its name (also its folder under the warehouse), what one row is, the schema with a
 * description on every column, the natural key normalised tables MERGE on, and the partition columns.
 */
public record TableDef(
    String name,
    Layer layer,
    String grain,
    StructType schema,
    List<String> keyColumns,
    List<String> partitionColumns) {

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
  }

  public String[] columnNames() {
    return schema.fieldNames();
  }
}
