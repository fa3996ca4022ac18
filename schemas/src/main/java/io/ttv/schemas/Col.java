package io.ttv.schemas;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;

/** Builds a column whose description travels with the schema (Spark's "comment" metadata). */
public final class Col {
  private Col() {}

  public static StructField of(String name, DataType type, String description) {
    return of(name, type, true, description);
  }

  public static StructField required(String name, DataType type, String description) {
    return of(name, type, false, description);
  }

  public static StructField of(String name, DataType type, boolean nullable, String description) {
    Metadata meta = new MetadataBuilder().putString("comment", description).build();
    return new StructField(name, type, nullable, meta);
  }

  /** The description stored on a field, or an empty string. */
  public static String description(StructField field) {
    Metadata m = field.metadata();
    return m.contains("comment") ? m.getString("comment") : "";
  }
}
