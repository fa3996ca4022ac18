package io.ttv.jobs.spark;

import io.ttv.schemas.TableDef;
import io.ttv.schemas.Tables;
import io.ttv.schemas.config.TtvConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Makes every existing warehouse table queryable by its name (temporary views over the Delta paths). */
public final class Warehouse {
  private Warehouse() {}

  /** Registers the tables that exist and returns their names. */
  public static List<String> register(SparkSession spark, TtvConfig config) {
    List<String> names = new ArrayList<>();
    for (TableDef t : Tables.all()) {
      String path = config.tablePath(t.name());
      if (DeltaTables.exists(spark, path)) {
        spark.read().format("delta").load(path).createOrReplaceTempView(t.name());
        names.add(t.name());
      }
    }
    return names;
  }
}
