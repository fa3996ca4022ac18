package io.ttv.testing;

import java.util.TimeZone;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of a test JVM (every test class of a module shares it): two cores at
 * most, two shuffle partitions, no UI, UTC, and Delta when it is on the class path — the settings
 * TOOLCHAIN.md measured as the fast ones on a 2-core machine.
 */
public final class TestSpark {
  private TestSpark() {}

  private static SparkSession session;

  public static synchronized SparkSession session() {
    if (session == null) {
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      SparkSession.Builder b =
          SparkSession.builder()
              .appName("ttv-tests")
              .master("local[2]")
              .config("spark.ui.enabled", "false")
              .config("spark.ui.showConsoleProgress", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.databricks.delta.snapshotPartitions", "2")
              .config("spark.sql.adaptive.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2");
      if (onClassPath("io.delta.sql.DeltaSparkSessionExtension")) {
        b.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
      }
      session = b.getOrCreate();
      session.sparkContext().setLogLevel("ERROR");
    }
    return session;
  }

  private static boolean onClassPath(String cls) {
    try {
      Class.forName(cls);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
