package io.ttv.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.jobs.generate.GenerateResult;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.testing.TestSpark;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract section 7, the other half of {@link CrashSafetyTest} (a class of its own so that the two run in
 * parallel forks): after a backfill of three days, rerunning part of the range, or the facts of the last
 * day, changes no table; and {@code --wait} waits for the run that holds the warehouse, then does the same.
 */
@org.junit.jupiter.api.Tag("slow")
class RerunSafetyTest {
  @TempDir static Path dir;
  private static SparkSession spark;
  private static GenerateResult gen;
  private static TtvConfig cfg;
  private static Map<String, Dataset<Row>> backfill;

  @BeforeAll
  static void backfill() throws Exception {
    spark = TestSpark.session();
    gen = SmallOrg.generate(dir);
    cfg = SmallOrg.config(dir, gen, "wh");
    Pipeline.run(spark, cfg, "run", gen.firstDate(), gen.lastDate(), SmallOrg.WAREHOUSE_STAGES);
    backfill = Warehouses.snapshot(spark, cfg);
  }

  @Test
  void rerunningPartOfARangeChangesNothing() {
    LocalDate middle = gen.firstDate().plusDays(1);
    Pipeline.run(spark, cfg, "run", middle, middle.plusDays(1), SmallOrg.WAREHOUSE_STAGES);
    Pipeline.run(spark, cfg, "facts", gen.lastDate(), gen.lastDate(), List.of(Stage.FACTS));
    Warehouses.assertSame(backfill, Warehouses.snapshot(spark, cfg));
  }

  @Test
  void waitWaitsForTheHolderToFinish() {
    WarehouseLease other =
        WarehouseLease.acquire(cfg.warehouseUri(), spark.sparkContext().hadoopConfiguration(), "other-run", "test", false);
    Thread release =
        new Thread(
            () -> {
              try {
                Thread.sleep(3000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              other.close();
            });
    release.start();
    long t0 = System.nanoTime();
    Pipeline.run(spark, cfg, "facts", gen.lastDate(), gen.lastDate(), List.of(Stage.FACTS), null, true);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofSeconds(2));
    Warehouses.assertSame(backfill, Warehouses.snapshot(spark, cfg));
  }
}
