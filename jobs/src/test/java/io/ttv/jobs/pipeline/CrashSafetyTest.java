package io.ttv.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ttv.jobs.generate.GenerateResult;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract section 7: a run SIGKILLed anywhere and started again converges to the tables of an
 * uninterrupted run; one writer per warehouse. Real {@code ttv} processes are killed, one after another
 * on the same warehouse, after ingest wrote raw, between two MERGEs, inside a MERGE and between the
 * shipping walk's two MERGEs ({@link Checkpoints}), each leaving its residue; a final run must then produce exactly the
 * reference tables (the shipping walk's tables included). Every process carries the BI password in its environment, and the test finds it in
 * no log, table or file. Then: rerunning part of the range changes nothing ({@code --wait} is WarehouseLeaseTest's). Tagged slow: {@code TTV_SKIP_SLOW=1 ./test} skips it.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashSafetyTest {
  private static final List<Stage> WAREHOUSE_STAGES = SmallOrg.WAREHOUSE_STAGES;

  @TempDir static Path dir;
  private static SparkSession spark;
  private static GenerateResult gen;
  private static Map<String, Dataset<Row>> reference;

  @BeforeAll
  static void referenceRun() throws Exception {
    spark = TestSpark.session();
    gen = SmallOrg.generate(dir);
    TtvConfig ref = config("ref");
    Pipeline.run(spark, ref, "run", gen.firstDate(), gen.lastDate(), WAREHOUSE_STAGES);
    reference = Warehouses.snapshot(spark, ref);
  }

  private static TtvConfig config(String name) throws Exception {
    return SmallOrg.config(dir, gen, name);
  }

  private static String[] runArgs(String name) {
    return new String[] {"run", "--config", dir.resolve(name + ".json").toString(), "--date", gen.firstDate().toString(), "--to", gen.lastDate().toString(),
        "--stages", "ingest,normalize,facts"};
  }

  /** Every ttv process of this test has the BI password in its environment; none may write it anywhere. */
  private static final String SECRET = "s3cr3t-" + Long.toHexString(System.nanoTime());

  private static TtvProcess ttv(Map<String, String> env, String... args) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("TTV_BI_PASSWORD", SECRET);
    return TtvProcess.start(all, args);
  }

  private static TtvProcess pausedAt(String name, String point) {
    TtvProcess p = ttv(Map.of("TTV_PAUSE_AT", point), runArgs(name));
    p.awaitLine("checkpoint " + point + " reached", Duration.ofMinutes(4));
    return p;
  }

  @Test
  @Order(1)
  void killedRunsAtEveryPointConvergeAndAHeldWarehouseRefusesASecondWriter() throws Exception {
    TtvConfig cfg = config("killed");

    // 1. killed after ingest wrote raw_* (before quarantine); while it is paused it holds the lease
    TtvProcess first = pausedAt("killed", "ingest.raw-written");
    assertThatThrownBy(() -> Pipeline.run(spark, cfg, "run", gen.firstDate(), gen.firstDate(), WAREHOUSE_STAGES))
        .isInstanceOf(WarehouseLease.Held.class)
        .hasMessageContaining("pid " + first.pid())
        .hasMessageContaining("on host ")
        .hasMessageContaining("started ");
    TtvProcess second = ttv(Map.of(), runArgs("killed"));
    assertThat(second.waitFor(Duration.ofMinutes(2))).isEqualTo(1);
    assertThat(second.log()).contains("is held by run").contains("pid " + first.pid()).doesNotContain("\tat ");
    first.kill();
    List<TtvProcess> all = new java.util.ArrayList<>(List.of(first, second));

    // 2. killed between the MERGE into ci_runs and the next one; the dead holder's lease is taken over at once
    TtvProcess merged = pausedAt("killed", "normalize.merged:ci_runs");
    merged.kill();
    all.add(merged);

    // 3. killed inside a MERGE: the first table's MERGE is done (its line printed), the next ones are running
    TtvProcess third = ttv(Map.of(), runArgs("killed"));
    third.awaitLine("ttv: merge ", Duration.ofMinutes(4));
    Thread.sleep(300);
    third.kill();
    all.add(third);

    // 4. killed in the facts stage, between the shipping walk's two MERGEs (commit_shipments written,
    //    deployment_walks not): the next run walks those deployments again and must write the same rows
    TtvProcess facts = pausedAt("killed", "ship.shipments-merged");
    facts.kill();
    all.add(facts);

    Pipeline.run(spark, cfg, "run", gen.firstDate(), gen.lastDate(), WAREHOUSE_STAGES);
    Warehouses.assertSame(reference, Warehouses.snapshot(spark, cfg));
    // the killed runs stay in the history as 'running' without an end; the last one succeeded
    Dataset<Row> runs = spark.read().format("delta").load(cfg.tablePath("ttv_runs"));
    assertThat(runs.where("outcome = 'succeeded'").count()).isEqualTo(1);
    assertThat(runs.where("outcome = 'running' AND finished_at IS NULL").count()).isGreaterThanOrEqualTo(3);

    // Contract section 7: secrets never reach logs or tables (the processes wrote most of this warehouse).
    for (TtvProcess p : all) {
      assertThat(p.log()).doesNotContain(SECRET);
    }
    for (io.ttv.schemas.TableDef t : io.ttv.schemas.Tables.all()) {
      if (io.ttv.jobs.spark.DeltaTables.exists(spark, cfg.tablePath(t.name()))) {
        assertThat(
                spark.read().format("delta").load(cfg.tablePath(t.name()))
                    .selectExpr("to_json(struct(*)) AS row").where(org.apache.spark.sql.functions.col("row").contains(SECRET)).count())
            .as(t.name())
            .isZero();
      }
    }
    try (java.util.stream.Stream<Path> files = Files.walk(dir.resolve("killed"))) {
      assertThat(files.filter(Files::isRegularFile).filter(f -> contains(f, SECRET))).isEmpty();
    }
  }

  private static boolean contains(Path f, String s) {
    try {
      return new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1).contains(s);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  @Order(2)
  void rerunningPartOfARangeChangesNothing() throws Exception {
    TtvConfig cfg = config("killed");
    LocalDate middle = gen.firstDate().plusDays(1);
    Pipeline.run(spark, cfg, "run", middle, middle.plusDays(1), WAREHOUSE_STAGES);
    Pipeline.run(spark, cfg, "facts", gen.lastDate(), gen.lastDate(), List.of(Stage.FACTS));
    Warehouses.assertSame(reference, Warehouses.snapshot(spark, cfg));
  }
}
