package io.ttv.testing;

import java.util.TimeZone;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of a test JVM (every test class of a module shares it): two cores at
 * most, two shuffle partitions, no UI, UTC, and Delta when it is on the class path — the settings
 * TOOLCHAIN.md measured as the fast ones on a 2-core machine.
 *
 * <p>Code generation is off ({@link io.ttv.schemas.SparkSettings#INTERPRETED}), as in every session ttv starts
 * itself: the suite runs hundreds of distinct small queries, and a profile of PipelineTest showed most of the
 * CPU in generating, formatting and compiling their Java code, not in running it (98 s with codegen, 61 s
 * without).
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
      io.ttv.schemas.SparkSettings.INTERPRETED.forEach(b::config);
      if (onClassPath("io.ttv.jobs.spark.NioLocalFileSystem")) {
        // as SparkSessions does in production: local paths without a process per chmod and readlink
        b.config("spark.hadoop.fs.file.impl", "io.ttv.jobs.spark.NioLocalFileSystem")
            .config("spark.hadoop.fs.AbstractFileSystem.file.impl", "io.ttv.jobs.spark.NioLocalFileSystem$Fs");
      }
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
