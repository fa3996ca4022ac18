package io.ttv.jobs.pipeline;

import static io.ttv.testing.DatasetAssert.assertDatasetEquals;

import io.ttv.schemas.config.TtvConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Compares whole warehouses, leaving out the time-of-run columns (contract section 7). */
final class Warehouses {
  private Warehouses() {}

  static final List<String> DATA_TABLES =
      List.of("raw_github_workflow_runs", "raw_github_workflow_jobs", "quarantine", "ci_runs", "ci_jobs", "fact_ci_daily",
          "deployments", "pull_requests", "pr_reviews", "commits", "pull_request_commits", "commit_shipments", "deployment_walks",
          "identities", "people", "repos", "fact_deployment", "fact_delivery_daily", "fact_change", "fact_friction_daily",
          "friction_intervals");

  static Map<String, Dataset<Row>> snapshot(SparkSession spark, TtvConfig cfg) {
    Map<String, Dataset<Row>> tables = new TreeMap<>();
    for (String t : DATA_TABLES) {
      if (!io.ttv.jobs.spark.DeltaTables.exists(spark, cfg.tablePath(t))) {
        continue; // compared as "absent" by the key sets
      }
      Dataset<Row> d = spark.read().format("delta").load(cfg.tablePath(t));
      if (List.of(d.columns()).contains("ingested_at")) {
        d = d.drop("ingested_at");
      }
      // quarantine and raw name their files by absolute path; compare them relative to the landing zone
      for (String c : List.of("source_file", "file")) {
        if (List.of(d.columns()).contains(c)) {
          d = d.withColumn(c, org.apache.spark.sql.functions.regexp_extract(d.col(c), "/landing/(.*)$", 1));
        }
      }
      tables.put(t, spark.createDataFrame(d.collectAsList(), d.schema()));
    }
    return tables;
  }

  static void assertSame(Map<String, Dataset<Row>> expected, Map<String, Dataset<Row>> actual) {
    org.assertj.core.api.Assertions.assertThat(actual.keySet()).as("tables present").isEqualTo(expected.keySet());
    for (String t : expected.keySet()) {
      try {
        assertDatasetEquals(expected.get(t), actual.get(t));
      } catch (AssertionError e) {
        throw new AssertionError("table " + t + ": " + e.getMessage(), e);
      }
    }
  }
}
