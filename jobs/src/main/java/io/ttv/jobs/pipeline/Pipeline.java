package io.ttv.jobs.pipeline;

import io.ttv.jobs.Progress;
import io.ttv.jobs.QualityGateFailed;
import io.ttv.jobs.spark.DeltaTables;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.TtvRunsTable;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** Runs stages over a date range and records the run in {@code ttv_runs}. */
public final class Pipeline {
  private Pipeline() {}

  /** {@code reportUri}: the page the report stage wrote, null when the run had no report stage. */
  public record Result(
      String runId, Map<String, Long> read, Map<String, Long> quarantined, IdentityCounts identities, String reportUri) {}

  public static Result run(SparkSession spark, TtvConfig config, String command, LocalDate from, LocalDate to, List<Stage> stages) {
    return run(spark, config, command, from, to, stages, null);
  }

  public static Result run(
      SparkSession spark, TtvConfig config, String command, LocalDate from, LocalDate to, List<Stage> stages, String onlySystem) {
    return run(spark, config, command, from, to, stages, onlySystem, false);
  }

  /**
   * Takes the warehouse lease (or fails at once naming its holder; with {@code waitForLease}, waits for
   * it), then runs the stages and records the run in {@code ttv_runs}.
   */
  public static Result run(
      SparkSession spark,
      TtvConfig config,
      String command,
      LocalDate from,
      LocalDate to,
      List<Stage> stages,
      String onlySystem,
      boolean waitForLease) {
    String runId = UUID.randomUUID().toString();
    try (WarehouseLease lease =
        WarehouseLease.acquire(config.warehouseUri(), spark.sparkContext().hadoopConfiguration(), runId, command, waitForLease)) {
      return runHoldingLease(spark, config, command, from, to, stages, onlySystem, runId);
    }
  }

  private static Result runHoldingLease(
      SparkSession spark,
      TtvConfig config,
      String command,
      LocalDate from,
      LocalDate to,
      List<Stage> stages,
      String onlySystem,
      String runId) {
    Instant started = Instant.now();
    RunContext ctx = new RunContext(config, spark, from, to, runId, started, onlySystem);
    String stageList = stages.stream().map(Stage::id).collect(Collectors.joining(","));
    IdentityCounts none = new IdentityCounts(Map.of(), Map.of(), Map.of());
    long[] bytes = {0};
    Boolean compiled =
        io.ttv.jobs.spark.SparkSessions.forRun(spark, () -> bytes[0] = stages.contains(Stage.INGEST) || stages.contains(Stage.NORMALIZE) ? ctx.landingBytes() : 0);
    record(ctx, command, stageList, started, null, "running", null, null, Map.of(), Map.of(), none);
    Progress.info("run " + runId + ": " + command + " " + from + (to.equals(from) ? "" : ".." + to) + " stages " + stageList
        + (Boolean.TRUE.equals(compiled)
            ? String.format(java.util.Locale.ROOT, " (expressions compiled: %,d MB of landing files)", bytes[0] / (1024 * 1024))
            : ""));
    Map<String, Long> read = new TreeMap<>();
    Map<String, Long> quarantined = new TreeMap<>();
    IdentityCounts identities = none;
    try {
      Checkpoints.reached("run.started");
      if (stages.contains(Stage.INGEST)) {
        DatasetCounts c = IngestStage.run(ctx);
        read.putAll(c.read);
        quarantined.putAll(c.quarantined);
      }
      if (stages.contains(Stage.NORMALIZE)) {
        DatasetCounts c = NormalizeStage.run(ctx);
        if (read.isEmpty()) {
          read.putAll(c.read);
        }
        c.quarantined.forEach((k, v) -> quarantined.merge(k, v, Math::max));
        identities = IdentityCounts.of(config, c.identities);
        DirectoryTables.run(ctx, c.identities, c.repos);
        if (!c.identities.isEmpty()) {
          Progress.info("identities " + identities.summary());
        }
      }
      if (stages.contains(Stage.FACTS)) {
        FactsStage.run(ctx);
      }
      if (stages.contains(Stage.PUBLISH)) {
        PublishStage.run(ctx);
      }
      String reportUri = null;
      if (stages.contains(Stage.REPORT)) {
        reportUri = ReportStage.run(ctx);
      }
      record(ctx, command, stageList, started, Instant.now(), "succeeded", 0, null, read, quarantined, identities);
      Progress.info("run " + runId + " succeeded (" + Progress.since(started) + ")");
      return new Result(runId, read, quarantined, identities, reportUri);
    } catch (QualityGateFailed e) {
      record(ctx, command, stageList, started, Instant.now(), "gated", 3, e.getMessage(), read, quarantined, identities);
      throw e;
    } catch (RuntimeException | Error e) {
      try {
        record(ctx, command, stageList, started, Instant.now(), "failed", 1, String.valueOf(e.getMessage()), read, quarantined, identities);
      } catch (RuntimeException ignored) {
        // the original failure matters more than the history row
      }
      throw e;
    }
  }

  private static void record(
      RunContext ctx,
      String command,
      String stages,
      Instant started,
      Instant finished,
      String outcome,
      Integer exitCode,
      String message,
      Map<String, Long> read,
      Map<String, Long> quarantined,
      IdentityCounts identities) {
    Row row =
        RowFactory.create(
            ctx.runId(),
            command,
            Date.valueOf(ctx.from()),
            Date.valueOf(ctx.to()),
            stages,
            Timestamp.from(started),
            finished == null ? null : Timestamp.from(finished),
            outcome,
            exitCode,
            message,
            hostName(),
            ProcessHandle.current().pid(),
            scala.jdk.javaapi.CollectionConverters.asScala(new TreeMap<>(read)),
            scala.jdk.javaapi.CollectionConverters.asScala(new TreeMap<>(quarantined)),
            scala.jdk.javaapi.CollectionConverters.asScala(new TreeMap<>(identities.matched())),
            scala.jdk.javaapi.CollectionConverters.asScala(new TreeMap<>(identities.unmatched())),
            scala.jdk.javaapi.CollectionConverters.asScala(new TreeMap<>(identities.bots())));
    DeltaTables.upsert(
        ctx.spark(),
        TtvRunsTable.TABLE,
        ctx.tablePath(TtvRunsTable.NAME),
        ctx.spark().createDataFrame(List.of(row), TtvRunsTable.SCHEMA));
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return ManagementFactory.getRuntimeMXBean().getName();
    }
  }
}
