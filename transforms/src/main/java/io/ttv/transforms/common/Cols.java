package io.ttv.transforms.common;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/** Small column helpers used across subjects. */
public final class Cols {
  private Cols() {}

  /** Null for an empty string (regexp_extract gives "" when nothing matched). */
  public static Column emptyToNull(Column c) {
    return when(c.notEqual(lit("")), c);
  }

  /** The value of a Hive-style path segment (repo=..., run_id=...) the exporter added, or null. */
  public static Column pathParam(Column pathParams, String key) {
    return org.apache.spark.sql.functions.try_element_at(pathParams, lit(key));
  }
}
