package io.ttv.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ttv.jobs.cli.CliTest;
import io.ttv.jobs.spark.DeltaTables;
import io.ttv.schemas.TableDef;
import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.FactDeliveryDailyTable;
import io.ttv.schemas.tables.FactFrictionDailyTable;
import io.ttv.schemas.tables.TeamsTable;
import io.ttv.testing.TestSpark;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Trino 476 (one node on 127.0.0.1, Java 24+, started by {@code jobs/src/test/trino/local-trino.sh}
 * from the server tarball on Maven Central with only the {@code delta_lake} plugin) reads a small warehouse
 * that {@code ttv trino-catalog} registered through {@code bi.trino.url}: the catalog file is what
 * {@code ttv trino-catalog --properties} prints, every column of every table decodes (non-null counts equal
 * Spark's), row counts and sums of the fact tables equal {@code ttv query}'s, a second run changes nothing, a
 * moved table is re-registered, and a catalog Trino does not have is one line naming the key. Where no Java
 * 24+ exists the test says so in the build output and is skipped, never passed.
 */
@Tag("trino")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrinoTest {
  static final Path SCRIPT = Path.of("src", "test", "trino", "local-trino.sh").toAbsolutePath();
  private static final List<TableDef> TABLES = List.of(FactDeliveryDailyTable.TABLE, FactFrictionDailyTable.TABLE, TeamsTable.DIM);

  @TempDir static Path dir;
  private static Process trino;
  private static Path trinoLog;
  private static SparkSession spark;
  private static Path configFile;
  private static TtvConfig cfg;
  private static int port;
  private static TrinoClient client;
  private static long testStart;
  private static long trinoQueryNanos;
  private static String noTrino;

  @BeforeAll
  static void trinoAndWarehouse() throws Exception {
    testStart = System.nanoTime();
    Outcome java = sh("java");
    if (java.code() != 0) {
      noTrino = "the real-Trino test cannot run here: " + java.out().strip();
      // in the build's output too, not only in the report: a skipped engine test must be visible
      System.out.println("TrinoTest: SKIPPED: " + noTrino);
      return; // each test is then skipped (counted as skipped by surefire, unlike an abort here)
    }
    long t0 = System.nanoTime();
    Outcome install = sh("install"); // the first run on a machine downloads and unpacks the server
    assertThat(install.code()).as(install.out()).isZero();
    System.out.printf("TrinoTest: Java %s, Trino at %s (%.1f s to find or install)%n", java.out().strip(), install.out().strip(),
        secondsSince(t0));

    port = freePort();
    configFile = dir.resolve("ttv.json");
    Files.writeString(configFile, "{\"warehouse\":\"" + dir.resolve("wh") + "\",\"landing\":\"" + dir.resolve("landing") + "\","
        + "\"bi\":{\"trino\":{\"url\":\"jdbc:trino://127.0.0.1:" + port + "?user=ttv\",\"catalog\":\"ttv\"}}}");
    cfg = ConfigLoader.load(configFile);
    // the catalog file is exactly what ttv prints for an administrator
    CliTest.Outcome props = CliTest.ttv("trino-catalog", "--config", configFile.toString(), "--properties");
    assertThat(props.code()).as(props.err()).isZero();
    Path catalogFile = dir.resolve("ttv.properties");
    Files.writeString(catalogFile, props.out());

    long t1 = System.nanoTime();
    trinoLog = dir.resolve("trino.log");
    trino = new ProcessBuilder(SCRIPT.toString(), "run", dir.resolve("trino").toString(), String.valueOf(port), catalogFile.toString())
        .redirectErrorStream(true)
        .redirectOutput(trinoLog.toFile())
        .start();
    // the warehouse is written while Trino starts (both take seconds; the machine has two cores)
    spark = TestSpark.session();
    LocalDate to = LocalDate.parse("2026-01-09");
    for (TableDef t : TABLES) {
      DeltaTables.append(spark, t, cfg.tablePath(t.name()), spark.createDataFrame(SampleRows.of(t.schema(), to.minusDays(3), to, 9), t.schema()));
    }
    System.out.printf("TrinoTest: warehouse written in %.1f s%n", secondsSince(t1));
    awaitTrino(Duration.ofMinutes(3));
    System.out.printf("TrinoTest: Trino started in %.1f s (answering on 127.0.0.1:%d)%n", secondsSince(t1), port);
    client = TrinoClient.of("jdbc:trino://127.0.0.1:" + port + "?user=ttv");
  }

  @BeforeEach
  void needsTrino() {
    Assumptions.assumeTrue(noTrino == null, () -> noTrino);
  }

  @AfterAll
  static void stop() throws Exception {
    if (trino != null) {
      trino.destroy(); // the script exec'd Trino's JVM: this is Trino itself
      if (!trino.waitFor(20, TimeUnit.SECONDS)) {
        trino.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      System.out.printf("TrinoTest: whole test %.1f s%n", secondsSince(testStart));
    }
  }

  @Test
  @Order(1)
  void registeredTablesReadInTrinoAsInSpark() {
    long t0 = System.nanoTime();
    CliTest.Outcome o = CliTest.ttv("trino-catalog", "--config", configFile.toString());
    System.out.printf("TrinoTest: ttv trino-catalog registered %d tables in %.1f s%n", TABLES.size(), secondsSince(t0));
    assertThat(o.code()).as(o.err()).isZero();
    for (TableDef t : TABLES) {
      assertThat(o.out()).contains("registered\tttv.ttv." + t.name() + "\tlocal://" + dir.resolve("wh").resolve(t.name()));
    }
    assertThat(o.out().lines()).hasSize(TABLES.size());

    long t1 = System.nanoTime();
    // every column decodes in Trino: the non-null count of each equals Spark's
    for (TableDef t : TABLES) {
      String counts = "count(*)" + Arrays.stream(t.schema().fields()).map(f -> ", count(" + f.name() + ")").collect(Collectors.joining());
      assertSameAnswer("SELECT " + counts + " FROM " + t.name(), List.of());
    }
    // the aggregates an analyst asks for
    assertSameAnswer("SELECT count(*), sum(deployments), sum(failed_deployments), count(DISTINCT service), min(date), max(date),"
        + " sum(lead_time_p50_hours), avg(change_failure_rate) FROM fact_delivery_daily", List.of(6, 7));
    assertSameAnswer("SELECT count(*), count(DISTINCT team), sum(friction_hours), sum(friction_cost), sum(lost_focus_hours)"
        + " FROM fact_friction_daily", List.of(2, 3, 4));
    assertSameAnswer("SELECT date, count(*), sum(deployments) FROM fact_delivery_daily GROUP BY date ORDER BY date", List.of());
    System.out.printf("TrinoTest: %d queries compared with ttv query in %.1f s (Trino's part %.1f s)%n", TABLES.size() + 3,
        secondsSince(t1), trinoQueryNanos / 1e9);
  }

  @Test
  @Order(2)
  void aSecondRunChangesNothingAndAMovedTableIsRegisteredAgain() throws Exception {
    CliTest.Outcome again = CliTest.ttv("trino-catalog", "--config", configFile.toString());
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out().lines()).hasSize(TABLES.size()).allMatch(l -> l.startsWith("already registered\t"));
    assertThat(again.err()).contains("0 registered, 3 already registered, 0 re-registered");

    // the warehouse moves (a copy of one table elsewhere): ttv points Trino at the new location
    Path moved = dir.resolve("wh2");
    copy(dir.resolve("wh").resolve("fact_delivery_daily"), moved.resolve("fact_delivery_daily"));
    Path cfg2 = dir.resolve("ttv2.json");
    Files.writeString(cfg2, Files.readString(configFile).replace(dir.resolve("wh").toString(), moved.toString()));
    CliTest.Outcome o = CliTest.ttv("trino-catalog", "--config", cfg2.toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).isEqualTo("re registered\tttv.ttv.fact_delivery_daily\tlocal://" + moved.resolve("fact_delivery_daily") + "\n");
    assertThat(trinoAnswer("SELECT count(*) FROM ttv.ttv.fact_delivery_daily")).containsExactly(List.of(9L));
    String ddl = String.valueOf(trinoAnswer("SHOW CREATE TABLE ttv.ttv.fact_delivery_daily").get(0).get(0));
    assertThat(ddl).contains("location = 'local://" + moved.resolve("fact_delivery_daily") + "'");
  }

  @Test
  @Order(3)
  void aCatalogTrinoDoesNotHaveIsOneLineNamingTheKey() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, Files.readString(configFile).replace("\"catalog\":\"ttv\"", "\"catalog\":\"lake\""));
    CliTest.Outcome o = CliTest.ttv("trino-catalog", "--config", bad.toString());
    assertThat(o.code()).isEqualTo(1);
    assertThat(o.err())
        .contains("ttv: bi.trino.catalog: Trino at 127.0.0.1:" + port + " has no catalog 'lake'")
        .contains("ttv trino-catalog --properties")
        .doesNotContain("\tat ");
  }

  /**
   * The same SQL through {@code ttv query} (Spark, table names as they are) and Trino (names qualified by
   * catalog and schema) gives the same rows; the columns listed are doubles, compared to 1e-9 (the engines
   * add in different orders).
   */
  private static void assertSameAnswer(String sql, List<Integer> doubleColumns) {
    CliTest.Outcome q = CliTest.ttv("query", "--config", configFile.toString(), sql);
    assertThat(q.code()).as(q.err()).isZero();
    List<List<String>> expected = q.out().lines().skip(1).map(l -> List.of(l.split(",", -1))).toList();
    String trinoSql = sql;
    for (TableDef t : TABLES) {
      trinoSql = trinoSql.replaceAll("\\b" + t.name() + "\\b", "ttv.ttv." + t.name());
    }
    List<List<Object>> actual = trinoAnswer(trinoSql);
    assertThat(actual).as(sql).hasSameSizeAs(expected);
    for (int r = 0; r < expected.size(); r++) {
      for (int c = 0; c < expected.get(r).size(); c++) {
        String e = expected.get(r).get(c);
        Object a = actual.get(r).get(c);
        String where = sql + " row " + r + " column " + c;
        if (e.isEmpty()) {
          assertThat(a).as(where).isNull();
        } else if (doubleColumns.contains(c)) {
          assertThat(((Number) a).doubleValue()).as(where).isCloseTo(Double.parseDouble(e), within(1e-9 * Math.max(1, Math.abs(Double.parseDouble(e)))));
        } else {
          assertThat(String.valueOf(a)).as(where).isEqualTo(e);
        }
      }
    }
  }

  private static List<List<Object>> trinoAnswer(String sql) {
    long t0 = System.nanoTime();
    try {
      // right after the start "No nodes available to run query" may come back: TrinoClient sends it again
      return client.execute(sql).rows();
    } finally {
      trinoQueryNanos += System.nanoTime() - t0;
    }
  }

  private static void awaitTrino(Duration limit) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest info = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/info")).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!trino.isAlive()) {
        throw new AssertionError("Trino exited with " + trino.exitValue() + ":\n" + tail(trinoLog, 40));
      }
      try {
        HttpResponse<String> r = http.send(info, HttpResponse.BodyHandlers.ofString());
        // the coordinator answers before it lists itself as a worker: until then a scan fails with
        // "No nodes available to run query"
        if (r.statusCode() == 200 && r.body().replace(" ", "").contains("\"starting\":false")
            && activeNodes(TrinoClient.of("jdbc:trino://127.0.0.1:" + port + "?user=ttv")) > 0) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Trino did not start within " + limit + ":\n" + tail(trinoLog, 40));
  }

  private static long activeNodes(TrinoClient c) {
    try {
      return (Long) c.execute("SELECT count(*) FROM system.runtime.nodes WHERE state = 'active'").rows().get(0).get(0);
    } catch (TrinoClient.QueryFailed e) {
      return 0;
    }
  }

  private record Outcome(int code, String out) {}

  private static Outcome sh(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(SCRIPT.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    // the script prints the result last, after any progress of a first-time install
    List<String> lines = out.lines().toList();
    return new Outcome(code, code == 0 && !lines.isEmpty() ? lines.get(lines.size() - 1) : out);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static String tail(Path file, int lines) throws IOException {
    List<String> all = Files.exists(file) ? Files.readAllLines(file) : List.of();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private static double secondsSince(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
  }
}
