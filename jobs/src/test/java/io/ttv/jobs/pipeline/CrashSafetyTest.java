package io.ttv.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ttv.jobs.generate.GenerateOptions;
import io.ttv.jobs.generate.GenerateResult;
import io.ttv.jobs.generate.SyntheticOrg;
import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Contract section 7: a run SIGKILLed anywhere and started again converges to the tables of an
 * uninterrupted run; one writer per warehouse. Real {@code ttv} processes are killed at named points
 * ({@link Checkpoints}); the restart runs in this JVM. Tagged slow: {@code TTV_SKIP_SLOW=1 ./test}
 * skips it.
 */
@Tag("slow")
class CrashSafetyTest {
  @TempDir static Path dir;
  private static SparkSession spark;
  private static GenerateResult gen;
  private static Map<String, Dataset<Row>> reference;

  @BeforeAll
  static void referenceRun() throws Exception {
    spark = TestSpark.session();
    gen = SyntheticOrg.generate(new GenerateOptions(dir.resolve("org"), 8, 4, 7L, LocalDate.parse("2026-01-05")));
    TtvConfig ref = config("ref");
    Pipeline.run(spark, ref, "run", gen.firstDate(), gen.lastDate(), Stage.defaults());
    reference = Warehouses.snapshot(spark, ref);
  }

  private static TtvConfig config(String name) throws Exception {
    Path file = dir.resolve(name + ".json");
    Files.writeString(
        file,
        "{\"warehouse\":\"" + dir.resolve(name) + "\",\"landing\":\"" + gen.landingDir() + "\",\"reporting_timezone\":\"Europe/Berlin\","
            + "\"quality\":{\"max_quarantine_share\":0.05}}");
    return ConfigLoader.load(file);
  }

  private static String[] runArgs(String name) {
    return new String[] {"run", "--config", dir.resolve(name + ".json").toString(), "--date", gen.firstDate().toString(), "--to", gen.lastDate().toString()};
  }

  @ParameterizedTest
  @ValueSource(strings = {"ingest.raw-written", "normalize.merged:ci_runs", "facts.started"})
  void aRunKilledAtAnyPointConvergesWhenStartedAgain(String point) throws Exception {
    String name = "kill-" + point.replaceAll("[^a-z]", "-");
    TtvConfig cfg = config(name);
    TtvProcess victim = TtvProcess.start(Map.of("TTV_PAUSE_AT", point), runArgs(name));
    victim.awaitLine("checkpoint " + point + " reached", Duration.ofMinutes(3));
    victim.kill();

    // The killed run's lease names a dead process on this host: the next run takes over at once.
    Pipeline.run(spark, cfg, "run", gen.firstDate(), gen.lastDate(), Stage.defaults());
    Warehouses.assertSame(reference, Warehouses.snapshot(spark, cfg));
    // The killed run stays in the history as 'running' without an end; the restart succeeded.
    assertThat(spark.read().format("delta").load(cfg.tablePath("ttv_runs")).where("outcome = 'running' AND finished_at IS NULL").count())
        .isLessThanOrEqualTo(1);
    assertThat(spark.read().format("delta").load(cfg.tablePath("ttv_runs")).where("outcome = 'succeeded'").count()).isEqualTo(1);
  }

  @Test
  void aRunKilledDuringAMergeConvergesWhenStartedAgain() throws Exception {
    TtvConfig cfg = config("kill-during-merge");
    TtvProcess victim = TtvProcess.start(Map.of(), runArgs("kill-during-merge"));
    // This line is printed when the last dataset is normalised; the MERGEs into ci_runs and ci_jobs
    // start right after it, so a kill now lands inside (or at the edge of) the ci_runs MERGE.
    victim.awaitLine("normalize github/workflow_jobs", Duration.ofMinutes(3));
    Thread.sleep(300);
    victim.kill();
    Pipeline.run(spark, cfg, "run", gen.firstDate(), gen.lastDate(), Stage.defaults());
    Warehouses.assertSame(reference, Warehouses.snapshot(spark, cfg));
  }

  @Test
  void aSecondRunOnAHeldWarehouseExitsAtOnceNamingTheHolder() throws Exception {
    TtvConfig cfg = config("held");
    TtvProcess holder = TtvProcess.start(Map.of("TTV_PAUSE_AT", "run.started"), runArgs("held"));
    holder.awaitLine("checkpoint run.started reached", Duration.ofMinutes(3));
    try {
      assertThatThrownBy(() -> Pipeline.run(spark, cfg, "run", gen.firstDate(), gen.firstDate(), Stage.defaults()))
          .isInstanceOf(WarehouseLease.Held.class)
          .hasMessageContaining("pid " + holder.pid())
          .hasMessageContaining("host ")
          .hasMessageContaining("started ");
      // the same through the command line: exit 1, one line
      TtvProcess second = TtvProcess.start(Map.of(), runArgs("held"));
      assertThat(second.waitFor(Duration.ofMinutes(2))).isEqualTo(1);
      assertThat(second.log()).contains("is held by run").contains("pid " + holder.pid()).doesNotContain("\tat ");
    } finally {
      holder.kill();
    }
    Pipeline.run(spark, cfg, "run", gen.firstDate(), gen.lastDate(), Stage.defaults());
    Warehouses.assertSame(reference, Warehouses.snapshot(spark, cfg));
  }

  @Test
  void waitWaitsForTheHolderToFinish() throws Exception {
    TtvConfig cfg = config("wait");
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
    Pipeline.run(spark, cfg, "run", gen.firstDate(), gen.lastDate(), Stage.defaults(), null, true);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofSeconds(2));
    Warehouses.assertSame(reference, Warehouses.snapshot(spark, cfg));
  }

  @Test
  void rerunningPartOfARangeChangesNothing() throws Exception {
    TtvConfig cfg = config("rerun");
    Pipeline.run(spark, cfg, "run", gen.firstDate(), gen.lastDate(), Stage.defaults());
    LocalDate middle = gen.firstDate().plusDays(1);
    Pipeline.run(spark, cfg, "run", middle, middle.plusDays(1), Stage.defaults());
    Pipeline.run(spark, cfg, "facts", gen.lastDate(), gen.lastDate(), java.util.List.of(Stage.FACTS));
    Warehouses.assertSame(reference, Warehouses.snapshot(spark, cfg));
  }
}
