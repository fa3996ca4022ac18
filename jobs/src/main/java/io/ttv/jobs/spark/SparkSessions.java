package io.ttv.jobs.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession of a ttv command. Under spark-submit the master, memory and everything else come from
 * spark-submit; started by {@code ./ttv} without a master it runs {@code local[*]} with settings that
 * suit one machine. Delta and UTC session time are always set: every timestamp in the warehouse is UTC.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession create(String appName) {
    // A session that already runs in this JVM (a test suite's, a notebook's) is used as it is.
    scala.Option<SparkSession> active = SparkSession.getActiveSession();
    if (active.isEmpty()) {
      active = SparkSession.getDefaultSession();
    }
    if (active.isDefined()) {
      return active.get();
    }
    SparkConf conf = new SparkConf(true);
    SparkSession.Builder b = SparkSession.builder().appName(appName).config(conf);
    b.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    b.config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    b.config("spark.sql.session.timeZone", "UTC");
    // local paths without a process per chmod and readlink (NioLocalFileSystem)
    setIfAbsent(b, conf, NioLocalFileSystem.FS_KEY, NioLocalFileSystem.class.getName());
    setIfAbsent(b, conf, NioLocalFileSystem.ABSTRACT_FS_KEY, NioLocalFileSystem.Fs.class.getName());
    if (!conf.contains("spark.master")) {
      int cores = Runtime.getRuntime().availableProcessors();
      b.master("local[*]");
      setIfAbsent(b, conf, "spark.ui.enabled", "false");
      setIfAbsent(b, conf, "spark.ui.showConsoleProgress", "false");
      setIfAbsent(b, conf, "spark.sql.shuffle.partitions", String.valueOf(Math.max(2, cores * 2)));
      setIfAbsent(b, conf, "spark.databricks.delta.snapshotPartitions", String.valueOf(Math.max(2, cores)));
      setIfAbsent(b, conf, "spark.sql.adaptive.enabled", "true");
      // expressions interpreted, not compiled (SparkSettings.INTERPRETED); a cluster keeps Spark's default
      io.ttv.schemas.SparkSettings.INTERPRETED.forEach((k, v) -> setIfAbsent(b, conf, k, v));
      setIfAbsent(b, conf, "spark.driver.host", "127.0.0.1");
      setIfAbsent(b, conf, "spark.driver.bindAddress", "127.0.0.1");
    }
    SparkSession spark = b.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  private static void setIfAbsent(SparkSession.Builder b, SparkConf conf, String key, String value) {
    if (!conf.contains(key)) {
      b.config(key, value);
    }
  }
}
