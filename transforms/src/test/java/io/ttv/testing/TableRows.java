package io.ttv.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Hand-made rows of a table: the values a test cares about by column name, every other column null. */
public final class TableRows {
  private TableRows() {}

  /** A row of {@code schema} from {@code values} (column -> value); a name the schema lacks is an error. */
  public static Row row(StructType schema, Map<String, ?> values) {
    for (String name : values.keySet()) {
      schema.apply(name);
    }
    List<Object> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      out.add(values.get(f.name()));
    }
    return RowFactory.create(out.toArray());
  }
}
