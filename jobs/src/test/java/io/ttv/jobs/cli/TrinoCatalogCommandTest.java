package io.ttv.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ttv trino-catalog}: the catalog properties and one register_table call per Delta table that exists. */
class TrinoCatalogCommandTest {
  @TempDir Path dir;

  @Test
  void printsTheCatalogAndRegistersEveryExistingTable() throws Exception {
    Path wh = dir.resolve("wh");
    Files.createDirectories(wh.resolve("fact_ci_daily/_delta_log"));
    Files.createDirectories(wh.resolve("dim_team/_delta_log"));
    Files.createDirectories(wh.resolve("not_a_table"));
    Path cfg = dir.resolve("ttv.json");
    Files.writeString(cfg, "{\"warehouse\":\"" + wh + "\",\"landing\":\"" + dir.resolve("landing") + "\",\"bi\":{\"trino\":{\"catalog\":\"eng\"}}}");
    CliTest.Outcome o = CliTest.ttv("trino-catalog", "--config", cfg.toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out())
        .contains("--    connector.name=delta_lake")
        .contains("--    hive.metastore=file")
        .contains("--    fs.native-local.enabled=true")
        .contains("--    delta.register-table-procedure.enabled=true")
        .contains("CREATE SCHEMA IF NOT EXISTS eng.ttv;")
        .contains("CALL eng.system.register_table(schema_name => 'ttv', table_name => 'fact_ci_daily', table_location => 'local://" + wh + "/fact_ci_daily');")
        .contains("table_name => 'dim_team'")
        .doesNotContain("not_a_table")
        .doesNotContain("table_name => 'ci_runs'");
    assertThat(o.out().lines().filter(l -> l.startsWith("CALL "))).hasSize(2);

    CliTest.Outcome props = CliTest.ttv("trino-catalog", "--config", cfg.toString(), "--properties");
    assertThat(props.out().lines().findFirst()).contains("connector.name=delta_lake");
  }

  @Test
  void objectStorageLocationsAreSpelledTheTrinoWay() {
    assertThat(TrinoCatalogCommand.trinoLocation("s3a://lake/ttv/fact_ci_daily")).isEqualTo("s3://lake/ttv/fact_ci_daily");
    assertThat(TrinoCatalogCommand.trinoLocation("abfss://c@acct.dfs.core.windows.net/ttv/x")).isEqualTo("abfss://c@acct.dfs.core.windows.net/ttv/x");
    assertThat(TrinoCatalogCommand.properties("s3a://lake/ttv")).contains("fs.native-s3.enabled=true", "hive.metastore.catalog.dir=s3://lake/ttv_trino_metastore");
    assertThat(TrinoCatalogCommand.properties("gs://lake/ttv")).contains("fs.native-gcs.enabled=true");
  }

  /**
   * A real Trino (476 needs Java 22+) reading the registered tables. This project's machines have Java 17
   * only; the test says so in the test report instead of passing silently.
   */
  @Test
  void aRealTrinoNeedsJava22() {
    Optional<Path> java22 = java22();
    String why = java22.isEmpty()
        ? "no Java 22+ runtime on this machine (Java " + Runtime.version().feature() + " only; set TTV_TRINO_JAVA_HOME):"
            + " the real-Trino test cannot run here"
        : "a Java 22+ runtime exists (" + java22.get() + "), but the real-Trino test is not written yet (docs/bi.md, 'Not yet')";
    // in the build's output too, not only in the report: a skipped engine test must be visible
    System.out.println("TrinoCatalogCommandTest: SKIPPED aRealTrinoNeedsJava22: " + why);
    Assumptions.abort(why);
  }

  private static Optional<Path> java22() {
    String env = System.getenv("TTV_TRINO_JAVA_HOME");
    if (env != null && Files.isExecutable(Path.of(env, "bin", "java"))) {
      return Optional.of(Path.of(env));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(jvms)) {
      return s.filter(p -> p.getFileName().toString().matches(".*-(2[2-9]|[3-9][0-9])(-.*|\\.)?.*"))
          .filter(p -> Files.isExecutable(p.resolve("bin/java")))
          .max(Comparator.naturalOrder());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
