package io.ttv.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.testing.TestSpark;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract section 7 end to end: good files beside every kind of hostile export. Every good record
 * arrives in ci_runs, every bad one is in quarantine with a reason that names the problem or the limit,
 * and nothing is silently dropped. (RecordSplitterTest covers each shape in isolation.)
 */
@Tag("slow")
class HostileExportsTest {
  private static final String DAY = "2026-03-02";
  @TempDir static Path dir;
  private static SparkSession spark;
  private static TtvConfig cfg;
  private static int goodRuns;

  private static String run(long id) {
    return "{\"id\":" + id + ",\"name\":\"CI\",\"run_attempt\":1,\"event\":\"push\",\"status\":\"completed\",\"conclusion\":\"success\","
        + "\"created_at\":\"2026-03-02T10:00:00Z\",\"run_started_at\":\"2026-03-02T10:00:05Z\",\"updated_at\":\"2026-03-02T10:05:05Z\","
        + "\"repository\":{\"full_name\":\"acme/app\"}}";
  }

  private static Path folder(String name) throws IOException {
    Path d = dir.resolve("landing/github/workflow_runs/dt=" + DAY + "/repo=acme%2Fapp").resolve(name);
    Files.createDirectories(d.getParent());
    return d;
  }

  @BeforeAll
  static void hostileLandingZone() throws Exception {
    spark = TestSpark.session();
    long id = 1000;
    // good: a wrapper page, a BOM page, NDJSON, gzip, a zero-record page, empty files, a name with spaces and non-ASCII
    Files.writeString(folder("page 1 — Zürich.json"), "{\"total_count\":2,\"workflow_runs\":[" + run(id++) + "," + run(id++) + "]}");
    Files.writeString(folder("bom.json"), "\uFEFF[" + run(id++) + "]");
    Files.writeString(folder("runs.ndjson"), run(id++) + "\n" + "{\"id\":" + (id++) + ",\"oops\n" + run(id++) + "\n");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder("runs.json.gz")))) {
      out.write(("[" + run(id++) + "," + run(id++) + "]").getBytes(StandardCharsets.UTF_8));
    }
    Files.writeString(folder("zero.json"), "{\"total_count\":0,\"workflow_runs\":[]}");
    Files.writeString(folder("empty.json"), "");
    goodRuns = 7;
    // bad files: cut short, random bytes, a fake .gz
    Files.writeString(folder("truncated.json"), "{\"total_count\":1,\"workflow_runs\":[" + run(id++).substring(0, 60));
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    Files.write(folder("noise.json"), noise);
    Files.writeString(folder("fake.json.gz"), "[" + run(id++) + "]");
    // bad records in an otherwise good page: wrong types, no id, 10,000 levels deep
    String deep = "{\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    Files.writeString(
        folder("mixed.json"),
        "[" + run(id++) + ",{\"id\":\"abc\",\"name\":\"CI\",\"created_at\":\"2026-03-02T10:00:00Z\"},"
            + "{\"name\":\"CI\",\"created_at\":\"2026-03-02T10:00:00Z\"},"
            + "{\"id\":77,\"name\":\"CI\",\"created_at\":12345,\"repository\":{\"full_name\":\"acme/app\"}}," + deep + "," + run(id++) + "]");
    goodRuns += 2;
    // a 150 MB single record between two good ones (NDJSON), written without holding it in memory
    try (Writer w = Files.newBufferedWriter(folder("huge.ndjson"), StandardCharsets.UTF_8)) {
      w.write(run(id++) + "\n{\"id\":5,\"blob\":\"");
      char[] chunk = new char[1 << 20];
      java.util.Arrays.fill(chunk, 'a');
      for (int i = 0; i < 150; i++) {
        w.write(chunk);
      }
      w.write("\"}\n" + run(id++) + "\n");
    }
    goodRuns += 2;

    Path cfgFile = dir.resolve("ttv.json");
    Files.writeString(
        cfgFile,
        "{\"warehouse\":\"" + dir.resolve("wh") + "\",\"landing\":\"" + dir.resolve("landing") + "\",\"quality\":{\"max_quarantine_share\":1.0}}");
    cfg = ConfigLoader.load(cfgFile);
    Pipeline.run(spark, cfg, "run", LocalDate.parse(DAY), LocalDate.parse(DAY), Stage.tableStages());
  }

  private static Dataset<Row> table(String name) {
    return spark.read().format("delta").load(cfg.tablePath(name));
  }

  @Test
  void everyGoodRecordArrives() {
    assertThat(table("ci_runs").count()).isEqualTo(goodRuns);
  }

  @Test
  void everyBadOneIsQuarantinedWithAReason() {
    List<Row> q =
        table("quarantine")
            .selectExpr("regexp_extract(file, '[^/]+$', 0) AS name", "position", "stage", "reason", "length(raw_text) AS evidence")
            .orderBy("name", "position")
            .collectAsList();
    assertThat(q).extracting(r -> r.getString(0) + "@" + r.get(1) + ":" + r.getString(2))
        .containsExactlyInAnyOrder(
            "fake.json.gz@null:ingest",
            "huge.ndjson@1:ingest",
            "mixed.json@1:normalize",
            "mixed.json@2:normalize",
            "mixed.json@3:normalize",
            "mixed.json@4:ingest",
            "noise.json@null:ingest",
            "runs.ndjson@1:ingest",
            "truncated.json@null:ingest");
    String reasons = String.join("\n", q.stream().map(r -> r.getString(0) + ": " + r.getString(3)).toList());
    assertThat(reasons)
        .contains("fake.json.gz: file name ends in .gz but the file is not gzip")
        .contains("huge.ndjson: record is larger than the limit of 100 MB")
        .contains("1,000 levels")
        .contains("no numeric 'id'")
        .contains("created_at '12345' is not an ISO-8601 timestamp")
        .contains("truncated.json: file is cut short");
    // evidence is kept, but never more than 64 KB of it
    assertThat(q).allSatisfy(r -> assertThat(r.isNullAt(4) ? 0 : r.getInt(4)).isLessThanOrEqualTo(64 * 1024));
  }

  @Test
  void nothingIsLost() {
    // every record position of every file is either in raw or in quarantine
    long raw = table("raw_github_workflow_runs").count();
    long ingestQuarantine = table("quarantine").where("stage = 'ingest' AND position IS NOT NULL").count();
    assertThat(raw).isEqualTo(goodRuns + 3); // the three records quarantined at normalize are kept in raw
    assertThat(ingestQuarantine).isEqualTo(3);
  }
}
