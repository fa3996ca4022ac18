package io.ttv.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.jobs.generate.GenerateOptions;
import io.ttv.jobs.generate.GenerateResult;
import io.ttv.jobs.generate.SyntheticOrg;
import io.ttv.schemas.Tables;
import io.ttv.schemas.TableDef;
import io.ttv.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract section 7: secrets (the BI password's environment variable) never reach logs or tables. */
@Tag("slow")
class SecretsTest {
  @TempDir Path dir;

  @Test
  void theBiPasswordIsNowhere() throws Exception {
    String secret = "s3cr3t-" + Long.toHexString(System.nanoTime());
    GenerateResult gen = SyntheticOrg.generate(new GenerateOptions(dir.resolve("org"), 8, 2, 3L, LocalDate.parse("2026-01-05")));
    Path cfg = dir.resolve("ttv.json");
    Files.writeString(
        cfg,
        "{\"warehouse\":\"" + dir.resolve("wh") + "\",\"landing\":\"" + gen.landingDir() + "\","
            + "\"bi\":{\"postgres\":{\"url\":\"jdbc:postgresql://localhost:5432/analytics\",\"schema\":\"ttv\",\"user\":\"ttv\","
            + "\"password_env\":\"TTV_BI_PASSWORD\"}},"
            + "\"sources\":{\"github\":{\"enabled\":true},\"gitlab\":{\"enabled\":false},\"jenkins\":{\"enabled\":false}}}");
    TtvProcess run =
        TtvProcess.start(
            Map.of("TTV_BI_PASSWORD", secret),
            "run", "--config", cfg.toString(), "--date", gen.firstDate().toString(), "--to", gen.lastDate().toString());
    assertThat(run.waitFor(Duration.ofMinutes(3))).as(run.log()).isZero();
    assertThat(run.log()).doesNotContain(secret);

    SparkSession spark = TestSpark.session();
    for (TableDef t : Tables.all()) {
      Path table = dir.resolve("wh").resolve(t.name());
      if (!Files.exists(table)) {
        continue;
      }
      long hits =
          spark.read().format("delta").load(table.toString())
              .selectExpr("to_json(struct(*)) AS row")
              .where(org.apache.spark.sql.functions.col("row").contains(secret))
              .count();
      assertThat(hits).as(t.name()).isZero();
    }
    // and no file anywhere in the warehouse holds it in plain text (Delta logs, lease, checkpoints)
    try (Stream<Path> files = Files.walk(dir.resolve("wh"))) {
      assertThat(files.filter(Files::isRegularFile).filter(f -> contains(f, secret))).isEmpty();
    }
  }

  private static boolean contains(Path f, String s) {
    try {
      return new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1).contains(s);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
