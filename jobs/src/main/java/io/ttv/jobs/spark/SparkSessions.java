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
      // expressions interpreted, not compiled (SparkSettings.INTERPRETED), unless the user chose; a run over
      // a lot of landing data compiles them again (forRun); a cluster keeps Spark's default
      if (io.ttv.schemas.SparkSettings.INTERPRETED.keySet().stream().noneMatch(conf::contains)) {
        io.ttv.schemas.SparkSettings.INTERPRETED.forEach(b::config);
        b.config(CHOSEN_BY_RUN, "true");
      }
      setIfAbsent(b, conf, "spark.driver.host", "127.0.0.1");
      setIfAbsent(b, conf, "spark.driver.bindAddress", "127.0.0.1");
    }
    SparkSession spark = b.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  /** Set on a local session whose expression evaluation ttv chooses per run ({@link #forRun}). */
  static final String CHOSEN_BY_RUN = "spark.ttv.codegen.perRun";

  /**
   * A run that reads more landing bytes than this compiles its expressions (Spark's default); a smaller one
   * interprets them. Measured on this 2-core machine: a week of an org-400 (540 MB) ran 27% faster
   * interpreted, a 30-day org-50 backfill (277 MB) 23% faster interpreted, a year of an org-50 (3.0 GB) 11%
   * faster compiled (docs/benchmarks.md, "Compiled expressions for a backfill"); the line is drawn between.
   */
  public static final long COMPILED_ABOVE_BYTES = 1536L * 1024 * 1024;

  /**
   * Interpreted or compiled expressions for a run that reads {@code landingBytes}, on a local session where
   * the user set neither: a nightly's hundreds of small queries are faster interpreted (no Java to generate
   * and compile per query), a backfill's millions of rows faster compiled. The results are the same either
   * way. Returns whether they are compiled, or null when the session's setting is not ttv's to choose (then
   * {@code landingBytes} is not asked).
   */
  public static Boolean forRun(SparkSession spark, java.util.function.LongSupplier landingBytes) {
    if (!"true".equals(spark.conf().get(CHOSEN_BY_RUN, "false"))) {
      return null;
    }
    boolean compiled = landingBytes.getAsLong() > COMPILED_ABOVE_BYTES;
    (compiled ? io.ttv.schemas.SparkSettings.COMPILED : io.ttv.schemas.SparkSettings.INTERPRETED).forEach(spark.conf()::set);
    return compiled;
  }

  private static void setIfAbsent(SparkSession.Builder b, SparkConf conf, String key, String value) {
    if (!conf.contains(key)) {
      b.config(key, value);
    }
  }
}
