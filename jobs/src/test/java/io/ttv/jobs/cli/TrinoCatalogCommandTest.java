package io.ttv.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
        .contains("--    local.location=/")
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

  @Test
  void withATrinoUrlItRunsTheStatementsAndSaysWhenTrinoCannotBeReached() throws Exception {
    Path wh = dir.resolve("wh");
    Files.createDirectories(wh.resolve("fact_ci_daily/_delta_log"));
    Path cfg = dir.resolve("ttv.json");
    // port 1 on loopback: nothing listens there, the connection is refused at once
    Files.writeString(cfg, "{\"warehouse\":\"" + wh + "\",\"landing\":\"" + dir.resolve("landing")
        + "\",\"bi\":{\"trino\":{\"url\":\"jdbc:trino://127.0.0.1:1?user=ttv\"}}}");
    CliTest.Outcome o = CliTest.ttv("trino-catalog", "--config", cfg.toString());
    assertThat(o.code()).isEqualTo(1);
    assertThat(o.err()).contains("ttv: bi.trino.url: cannot reach Trino at 127.0.0.1:1").doesNotContain("\tat ");
    assertThat(o.out()).isEmpty();

    // --print: the statements, as without a url
    CliTest.Outcome printed = CliTest.ttv("trino-catalog", "--config", cfg.toString(), "--print");
    assertThat(printed.code()).as(printed.err()).isZero();
    assertThat(printed.out()).contains("CALL ttv.system.register_table(schema_name => 'ttv', table_name => 'fact_ci_daily'");
  }

  @Test
  void theTrinoUrlIsReadLikeTheJdbcDriverReadsIt() {
    assertThat(io.ttv.jobs.publish.TrinoClient.of("jdbc:trino://trino.example.com:8443/ttv?SSL=true&user=analyst"))
        .satisfies(c -> {
          assertThat(c.host()).isEqualTo("trino.example.com:8443");
          assertThat(c.user()).isEqualTo("analyst");
        });
    assertThat(io.ttv.jobs.publish.TrinoClient.of("jdbc:trino://trino.example.com?SSL=true").host()).isEqualTo("trino.example.com:443");
    assertThat(io.ttv.jobs.publish.TrinoClient.of("jdbc:trino://localhost").host()).isEqualTo("localhost:80");
  }
}
