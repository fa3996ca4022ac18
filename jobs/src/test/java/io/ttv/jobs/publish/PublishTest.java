package io.ttv.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ttv.jobs.generate.GenerateOptions;
import io.ttv.jobs.generate.GenerateResult;
import io.ttv.jobs.generate.SyntheticOrg;
import io.ttv.jobs.pipeline.Pipeline;
import io.ttv.jobs.pipeline.Stage;
import io.ttv.jobs.publish.PublishedTables.Published;
import io.ttv.jobs.spark.DeltaTables;
import io.ttv.schemas.Col;
import io.ttv.schemas.config.BiPostgres;
import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ttv publish} against a real PostgreSQL (Debian's package, started by {@link LocalPostgres}): a
 * small generated organisation's warehouse is published, read back over JDBC and compared with Spark;
 * published twice it is identical; a reader during a publish sees the old or the new rows, never a mix; a
 * publish SIGKILLed before its commit leaves the tables exactly as they were; wrong credentials, an
 * unreachable server and a schema the user may not write are one line naming the key and the host.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublishTest {
  private static final String PASSWORD = "publish-test-secret";
  @TempDir static Path dir;
  private static SparkSession spark;
  private static LocalPostgres pg;
  private static GenerateResult gen;
  private static Path configFile;
  private static TtvConfig cfg;
  private static BiDatabase db;
  private static LocalDate from;
  private static LocalDate to;

  @BeforeAll
  static void warehouseAndDatabase() throws Exception {
    long t0 = System.nanoTime();
    pg = LocalPostgres.start("ttv", PASSWORD, false);
    System.out.printf("PublishTest: PostgreSQL started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    try (Connection c = admin("postgres"); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE analytics");
    }
    spark = TestSpark.session();
    gen = SyntheticOrg.generate(new GenerateOptions(dir.resolve("org"), 5, 3, 11L, LocalDate.parse("2026-01-05")));
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(gen.configFile().toFile());
    root.put("warehouse", dir.resolve("wh").toString());
    ObjectNode bi = root.putObject("bi").putObject("postgres");
    bi.put("url", pg.jdbcUrl("analytics"));
    bi.put("schema", "ttv");
    bi.put("user", "ttv");
    bi.put("password_env", "TTV_BI_PASSWORD");
    configFile = dir.resolve("ttv.json");
    json.writeValue(configFile.toFile(), root);
    cfg = ConfigLoader.load(configFile);
    long t1 = System.nanoTime();
    Pipeline.run(spark, cfg, "run", gen.firstDate(), gen.lastDate(), List.of(Stage.INGEST, Stage.NORMALIZE, Stage.FACTS));
    System.out.printf("PublishTest: warehouse built in %.1f s%n", (System.nanoTime() - t1) / 1e9);
    db = new BiDatabase(cfg.bi().postgres(), PASSWORD);
    from = gen.firstDate().minusDays(cfg.lateDataDays());
    to = gen.lastDate();
  }

  @AfterAll
  static void stop() {
    if (pg != null) {
      pg.destroy();
    }
  }

  private static Connection admin(String database) throws SQLException {
    return new BiDatabase(new BiPostgres(pg.jdbcUrl(database), "ttv", "ttv", null), PASSWORD).connect();
  }

  @Test
  @Order(1)
  void everyTableArrivesWithItsRowsNumbersAndComments() throws Exception {
    long t0 = System.nanoTime();
    List<PostgresPublisher.TableResult> results = PostgresPublisher.publish(spark, cfg, db, from, to, "run-1");
    System.out.printf("PublishTest: published %d tables, %d rows in %.1f s%n", results.size(),
        results.stream().mapToLong(PostgresPublisher.TableResult::rows).sum(), (System.nanoTime() - t0) / 1e9);
    Set<String> published = new java.util.TreeSet<>();
    results.forEach(r -> published.add(r.table()));
    assertThat(published).contains("fact_ci_daily", "fact_deployment", "fact_delivery_daily", "fact_change", "fact_flow_daily",
        "fact_person_day", "dim_date", "dim_person", "dim_team", "dim_service", "pull_requests", "work_items", "deployments");
    try (Connection c = admin("analytics"); Statement st = c.createStatement()) {
      for (Published p : PublishedTables.all()) {
        if (!DeltaTables.exists(spark, cfg.tablePath(p.name()))) {
          continue;
        }
        var rows = spark.read().format("delta").load(cfg.tablePath(p.name()));
        if (p.isRanged()) {
          rows = rows.where("date BETWEEN DATE'" + from + "' AND DATE'" + to + "'");
        }
        assertThat(count(st, "SELECT count(*) FROM ttv." + p.name())).as(p.name()).isEqualTo(rows.count());
        // every column carries its description from schemas/
        for (StructField f : p.def().schema().fields()) {
          try (ResultSet rs = st.executeQuery("SELECT col_description('ttv." + p.name() + "'::regclass, attnum) FROM pg_attribute"
              + " WHERE attrelid = 'ttv." + p.name() + "'::regclass AND attname = '" + f.name() + "'")) {
            assertThat(rs.next()).as(p.name() + "." + f.name()).isTrue();
            assertThat(rs.getString(1)).as(p.name() + "." + f.name()).isEqualTo(Col.description(f));
          }
        }
      }
      // the numbers an analyst sums equal Spark's (ttv query) to the last digit
      io.ttv.jobs.spark.Warehouse.register(spark, cfg);
      for (String sql : List.of(
          "SELECT count(*), sum(runs), sum(failed_runs), round(sum(build_minutes)::numeric, 4), round(avg(duration_p50_seconds)::numeric, 4) FROM ttv.fact_ci_daily",
          "SELECT count(*), sum(deployments), sum(failed_deployments), round(avg(lead_time_p50_hours)::numeric, 4) FROM ttv.fact_delivery_daily",
          "SELECT count(*), round(sum(lead_time_hours)::numeric, 4) FROM ttv.fact_change",
          "SELECT count(*), round(sum(meeting_hours)::numeric, 4), round(sum(focus_hours)::numeric, 4) FROM ttv.fact_person_day",
          "SELECT count(*), sum(cardinality(work_item_keys)) FROM ttv.pull_requests")) {
        String sparkSql = sql.replace("ttv.", "").replace("::numeric", "").replace("cardinality(", "size(");
        Row expected = spark.sql(sparkSql + rangeOf(sparkSql)).head();
        try (ResultSet rs = st.executeQuery(sql + rangeOf(sql))) {
          rs.next();
          for (int i = 0; i < expected.length(); i++) {
            Object e = expected.get(i);
            Object a = rs.getObject(i + 1);
            assertThat(a == null ? null : new java.math.BigDecimal(a.toString()).stripTrailingZeros())
                .as(sql + " column " + (i + 1))
                .isEqualTo(e == null ? null : new java.math.BigDecimal(e.toString()).stripTrailingZeros());
          }
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT table_name, delta_version, date_from, date_to FROM ttv.ttv_publish_log WHERE run_id = 'run-1'")) {
        int n = 0;
        while (rs.next()) {
          n++;
          long version = io.delta.tables.DeltaTable.forPath(spark, cfg.tablePath(rs.getString(1))).history(1).head().<Long>getAs("version");
          assertThat(rs.getLong(2)).as(rs.getString(1)).isEqualTo(version);
        }
        assertThat(n).isEqualTo(results.size());
      }
    }
  }

  private static String rangeOf(String sql) {
    return sql.contains("fact_") ? " WHERE date BETWEEN DATE'" + from + "' AND DATE'" + to + "'" : "";
  }

  @Test
  @Order(2)
  void theSameDatesTwiceLeaveIdenticalTablesAndReadersSeeOldOrNewNeverAMix() throws Exception {
    Map<String, List<String>> before = contents();
    // A reader polls the sum of runs and the row count of the first day while the second publish runs:
    // each answer must be the published state (the DELETE and the COPY are one transaction).
    String probe = "SELECT count(*) || '/' || coalesce(sum(runs), 0) FROM ttv.fact_ci_daily";
    String published;
    try (Connection c = admin("analytics"); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(probe)) {
      rs.next();
      published = rs.getString(1);
    }
    Set<String> seen = new ConcurrentSkipListSet<>();
    AtomicBoolean done = new AtomicBoolean();
    Thread reader = new Thread(() -> {
      try (Connection c = admin("analytics"); Statement st = c.createStatement()) {
        while (!done.get()) {
          try (ResultSet rs = st.executeQuery(probe)) {
            rs.next();
            seen.add(rs.getString(1));
          }
        }
      } catch (SQLException e) {
        seen.add("error: " + e.getMessage());
      }
    });
    reader.start();
    PostgresPublisher.publish(spark, cfg, db, from, to, "run-2");
    done.set(true);
    reader.join();
    assertThat(seen).containsOnly(published);
    assertThat(contents()).isEqualTo(before);
  }

  @Test
  @Order(3)
  void aPublishKilledBeforeItsCommitLeavesTheTablesAsTheyWere() throws Exception {
    try (Connection c = admin("analytics"); Statement st = c.createStatement()) {
      // mark the published state, so the old rows are told apart from a re-copy
      st.executeUpdate("UPDATE ttv.fact_ci_daily SET runs = runs + 1000");
      st.executeUpdate("DELETE FROM ttv.dim_team WHERE team = (SELECT min(team) FROM ttv.dim_team)");
    }
    Map<String, List<String>> marked = contents();
    io.ttv.jobs.pipeline.TtvProcessAccess.Handle p = io.ttv.jobs.pipeline.TtvProcessAccess.start(
        Map.of("TTV_PAUSE_AT", "publish.copied", "TTV_BI_PASSWORD", PASSWORD),
        "publish", "--config", configFile.toString(), "--date", gen.firstDate().toString(), "--to", gen.lastDate().toString());
    p.awaitLine("checkpoint publish.copied reached", Duration.ofSeconds(120));
    // every table is deleted and copied again inside the open transaction: readers still see the old rows
    assertThat(contents()).isEqualTo(marked);
    p.kill();
    assertThat(contents()).isEqualTo(marked);
    assertThat(p.log()).doesNotContain(PASSWORD);
    // the next publish puts the warehouse's rows back
    PostgresPublisher.publish(spark, cfg, db, from, to, "run-3");
    try (Connection c = admin("analytics"); Statement st = c.createStatement()) {
      assertThat(count(st, "SELECT count(*) FROM ttv.fact_ci_daily WHERE runs >= 1000")).isZero();
    }
  }

  @Test
  @Order(4)
  void wrongPasswordUnreachableServerAndForeignSchemaAreOneLineNamingTheKeyAndHost() throws Exception {
    BiPostgres good = cfg.bi().postgres();
    assertThatThrownBy(() -> new BiDatabase(good, "wrong").connect())
        .isInstanceOf(PublishFailed.class)
        .hasMessageStartingWith("bi.postgres.user / bi.postgres.password_env: PostgreSQL at 127.0.0.1:" + pg.port() + " refused user 'ttv'")
        .hasMessageNotContaining("\n");
    BiPostgres nowhere = new BiPostgres("jdbc:postgresql://127.0.0.1:1/analytics", "ttv", "ttv", "TTV_BI_PASSWORD");
    assertThatThrownBy(() -> new BiDatabase(nowhere, PASSWORD).connect())
        .isInstanceOf(PublishFailed.class)
        .hasMessageStartingWith("bi.postgres.url: cannot reach PostgreSQL at 127.0.0.1:1");
    BiPostgres noDb = new BiPostgres(pg.jdbcUrl("nosuchdb"), "ttv", "ttv", "TTV_BI_PASSWORD");
    assertThatThrownBy(() -> new BiDatabase(noDb, PASSWORD).connect())
        .isInstanceOf(PublishFailed.class)
        .hasMessageContaining("bi.postgres.url:")
        .hasMessageContaining("nosuchdb");
    try (Connection c = admin("analytics"); Statement st = c.createStatement()) {
      st.execute("CREATE ROLE analyst LOGIN PASSWORD 'analyst-pw'");
      st.execute("CREATE SCHEMA finance");
    }
    BiPostgres foreign = new BiPostgres(pg.jdbcUrl("analytics"), "finance", "analyst", "TTV_BI_PASSWORD");
    Map<String, List<String>> before = contents();
    assertThatThrownBy(() -> PostgresPublisher.publish(spark, cfg, new BiDatabase(foreign, "analyst-pw"), from, to, "run-4"))
        .isInstanceOf(PublishFailed.class)
        .hasMessageStartingWith("bi.postgres.schema: user 'analyst' may not write to schema 'finance' at 127.0.0.1:" + pg.port())
        .hasMessageNotContaining("\n");
    assertThat(contents()).isEqualTo(before);
  }

  /** Every published table's rows as sorted text lines (the log table left out: it grows with each publish). */
  private static Map<String, List<String>> contents() throws SQLException {
    Map<String, List<String>> out = new TreeMap<>();
    try (Connection c = admin("analytics"); Statement st = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'ttv' AND table_name <> 'ttv_publish_log'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String t : tables) {
        List<String> lines = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT t::text FROM ttv." + t + " t ORDER BY 1")) {
          while (rs.next()) {
            lines.add(rs.getString(1));
          }
        }
        out.put(t, lines);
      }
    }
    return out;
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
