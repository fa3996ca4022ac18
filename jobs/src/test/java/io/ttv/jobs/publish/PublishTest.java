package io.ttv.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ttv.jobs.publish.PublishedTables.Published;
import io.ttv.jobs.spark.DeltaTables;
import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import io.ttv.schemas.tables.FactCiDailyTable;
import io.ttv.schemas.tables.FactPersonDayTable;
import io.ttv.schemas.tables.PullRequestsTable;
import io.ttv.schemas.tables.TeamsTable;
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
 * small warehouse of hand-made rows (every column type the published tables use, awkward text, nulls) is
 * published, read back over JDBC and compared with Spark value by value; 
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
  private static Path configFile;
  private static TtvConfig cfg;
  private static BiDatabase db;
  private static LocalDate from;
  private static LocalDate to;

  /** The tables of the small warehouse: two with a date range, two replaced whole; arrays, timestamps, nulls. */
  private static final List<TableDef> TABLES =
      List.of(FactCiDailyTable.TABLE, FactPersonDayTable.TABLE, PullRequestsTable.TABLE, TeamsTable.DIM);

  @BeforeAll
  static void warehouseAndDatabase() throws Exception {
    long t0 = System.nanoTime();
    pg = LocalPostgres.start("ttv", PASSWORD, false);
    System.out.printf("PublishTest: PostgreSQL started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    try (Connection c = admin("postgres"); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE analytics");
    }
    spark = TestSpark.session();
    configFile = dir.resolve("ttv.json");
    Files.writeString(configFile, "{\"warehouse\":\"" + dir.resolve("wh") + "\",\"landing\":\"" + dir.resolve("landing") + "\","
        + "\"late_data_days\":2,\"bi\":{\"postgres\":{\"url\":\"" + pg.jdbcUrl("analytics") + "\",\"schema\":\"ttv\",\"user\":\"ttv\","
        + "\"password_env\":\"TTV_BI_PASSWORD\"}}}");
    cfg = ConfigLoader.load(configFile);
    to = LocalDate.parse("2026-01-09");
    from = to.minusDays(3);
    long t1 = System.nanoTime();
    for (TableDef t : TABLES) {
      DeltaTables.append(spark, t, cfg.tablePath(t.name()), spark.createDataFrame(SampleRows.of(t.schema(), from, to, 6), t.schema()));
    }
    System.out.printf("PublishTest: warehouse written in %.1f s%n", (System.nanoTime() - t1) / 1e9);
    db = new BiDatabase(cfg.bi().postgres(), PASSWORD);
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
  void everyTableArrivesWithItsRowsValuesAndComments() throws Exception {
    long t0 = System.nanoTime();
    List<PostgresPublisher.TableResult> results = PostgresPublisher.publish(spark, cfg, db, from, to, "run-1");
    System.out.printf("PublishTest: published %d tables, %d rows in %.1f s%n", results.size(),
        results.stream().mapToLong(PostgresPublisher.TableResult::rows).sum(), (System.nanoTime() - t0) / 1e9);
    assertThat(results).extracting(PostgresPublisher.TableResult::table)
        .containsExactlyInAnyOrder(TABLES.stream().map(TableDef::name).toArray(String[]::new));
    try (Connection c = admin("analytics"); Statement st = c.createStatement()) {
      for (TableDef t : TABLES) {
        Published p = PublishedTables.all().stream().filter(x -> x.name().equals(t.name())).findFirst().orElseThrow();
        var rows = spark.read().format("delta").load(cfg.tablePath(t.name()));
        if (p.isRanged()) {
          rows = rows.where("date BETWEEN DATE'" + from + "' AND DATE'" + to + "'");
        }
        // value by value: text with quotes, commas, newlines and NUL-free unicode, empty strings and nulls,
        // arrays, UTC timestamps with microseconds, doubles to the last bit
        assertThat(SampleRows.fromPostgres(st, "ttv." + t.name(), t.schema())).as(t.name())
            .containsExactlyInAnyOrderElementsOf(SampleRows.fromSpark(rows.collectAsList(), t.schema()));
        for (StructField f : t.schema().fields()) {
          try (ResultSet rs = st.executeQuery("SELECT col_description('ttv." + t.name() + "'::regclass, attnum) FROM pg_attribute"
              + " WHERE attrelid = 'ttv." + t.name() + "'::regclass AND attname = '" + f.name() + "'")) {
            assertThat(rs.next()).as(t.name() + "." + f.name()).isTrue();
            assertThat(rs.getString(1)).as(t.name() + "." + f.name()).isEqualTo(Col.description(f));
          }
        }
      }
      // what an analyst sums equals ttv query's answer
      io.ttv.jobs.spark.Warehouse.register(spark, cfg);
      Row expected = spark.sql("SELECT count(*), sum(runs), sum(build_minutes) FROM fact_ci_daily WHERE date BETWEEN DATE'" + from
          + "' AND DATE'" + to + "'").head();
      try (ResultSet rs = st.executeQuery("SELECT count(*), sum(runs), sum(build_minutes) FROM ttv.fact_ci_daily")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(expected.getLong(0));
        assertThat(rs.getLong(2)).isEqualTo(expected.getLong(1));
        assertThat(rs.getDouble(3)).isCloseTo(expected.getDouble(2), org.assertj.core.data.Offset.offset(1e-9));
      }
      try (ResultSet rs = st.executeQuery("SELECT table_name, delta_version, date_from, date_to FROM ttv.ttv_publish_log WHERE run_id = 'run-1'")) {
        int n = 0;
        while (rs.next()) {
          n++;
          boolean ranged = !rs.getString(1).startsWith("dim_") && !rs.getString(1).equals("pull_requests");
          long version = io.delta.tables.DeltaTable.forPath(spark, cfg.tablePath(rs.getString(1))).history(1).head().<Long>getAs("version");
          assertThat(rs.getLong(2)).as(rs.getString(1)).isEqualTo(version);
          assertThat(rs.getObject(3, LocalDate.class)).as(rs.getString(1)).isEqualTo(ranged ? from : null);
          assertThat(rs.getObject(4, LocalDate.class)).as(rs.getString(1)).isEqualTo(ranged ? to : null);
        }
        assertThat(n).isEqualTo(TABLES.size());
      }
    }
  }

  @Test
  @Order(2)
  void aPublishReplacesOnlyItsDatesAndLeavesEarlierDaysAlone() throws Exception {
    // the day before the range was published by an earlier run; a run of later dates leaves it alone
    try (Connection c = admin("analytics"); Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO ttv.fact_ci_daily (date, source_system, repo, workflow, runs) VALUES (DATE'" + from.minusDays(1)
          + "', 'github', 'old/repo', 'ci', 5)");
    }
    PostgresPublisher.publish(spark, cfg, db, from, to, "run-1b");
    try (Connection c = admin("analytics"); Statement st = c.createStatement()) {
      assertThat(count(st, "SELECT count(*) FROM ttv.fact_ci_daily WHERE repo = 'old/repo'")).isEqualTo(1);
      st.executeUpdate("DELETE FROM ttv.fact_ci_daily WHERE repo = 'old/repo'");
    }
  }

  @Test
  @Order(3)
  void theSameDatesTwiceLeaveIdenticalTablesAndReadersSeeOldOrNewNeverAMix() throws Exception {
    Map<String, List<String>> before = contents();
    // Mark the published rows of a ranged and a whole table, so the old state is told apart from the new
    // one; a reader polls both while the next publish runs. It must see all old (marked) or all new rows:
    // never a range already deleted, a table half copied, or one table new and the other old.
    String probe = "SELECT (SELECT count(*) FILTER (WHERE workflow = 'marked') || '/' || count(*) FROM ttv.fact_ci_daily) || ' '"
        + " || (SELECT count(*) FILTER (WHERE title = 'marked') || '/' || count(*) FROM ttv.pull_requests)";
    long ci;
    long prs;
    try (Connection c = admin("analytics"); Statement st = c.createStatement()) {
      ci = st.executeUpdate("UPDATE ttv.fact_ci_daily SET workflow = 'marked'");
      prs = st.executeUpdate("UPDATE ttv.pull_requests SET title = 'marked'");
    }
    String old = ci + "/" + ci + " " + prs + "/" + prs;
    String published = "0/" + ci + " 0/" + prs;
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
    assertThat(seen).isSubsetOf(old, published).contains(old);
    assertThat(contents()).isEqualTo(before);
  }

  @Test
  @Order(4)
  void aPublishKilledBeforeItsCommitLeavesTheTablesAsTheyWere() throws Exception {
    try (Connection c = admin("analytics"); Statement st = c.createStatement()) {
      // mark the published state, so the old rows are told apart from a re-copy
      st.executeUpdate("UPDATE ttv.fact_ci_daily SET workflow = 'marked'");
      st.executeUpdate("DELETE FROM ttv.dim_team WHERE team = (SELECT min(team) FROM ttv.dim_team)");
      st.executeUpdate("UPDATE ttv.pull_requests SET title = 'marked'");
    }
    Map<String, List<String>> marked = contents();
    io.ttv.jobs.pipeline.TtvProcessAccess.Handle p = io.ttv.jobs.pipeline.TtvProcessAccess.start(
        Map.of("TTV_PAUSE_AT", "publish.copied", "TTV_BI_PASSWORD", PASSWORD),
        "publish", "--config", configFile.toString(), "--date", from.plusDays(cfg.lateDataDays()).toString(), "--to", to.toString());
    p.awaitLine("checkpoint publish.copied reached", Duration.ofSeconds(120));
    // every table is deleted and copied again inside the open transaction: readers still see the old rows
    assertThat(contents()).isEqualTo(marked);
    p.kill();
    assertThat(contents()).isEqualTo(marked);
    assertThat(p.log()).doesNotContain(PASSWORD);
    // the next publish puts the warehouse's rows back
    PostgresPublisher.publish(spark, cfg, db, from, to, "run-3");
    try (Connection c = admin("analytics"); Statement st = c.createStatement()) {
      assertThat(count(st, "SELECT count(*) FROM ttv.fact_ci_daily WHERE workflow = 'marked'")).isZero();
      assertThat(count(st, "SELECT count(*) FROM ttv.pull_requests WHERE title = 'marked'")).isZero();
    }
  }

  @Test
  @Order(5)
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
