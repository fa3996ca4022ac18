package io.ttv.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ttv.jobs.Progress;
import io.ttv.jobs.generate.GenerateOptions;
import io.ttv.jobs.generate.GenerateResult;
import io.ttv.jobs.generate.SyntheticOrg;
import io.ttv.jobs.landing.LandingFile;
import io.ttv.jobs.pipeline.Pipeline;
import io.ttv.jobs.pipeline.RunContext;
import io.ttv.jobs.pipeline.Stage;
import io.ttv.jobs.spark.SparkSessions;
import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.raw.SourceDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ttv bench}: one synthetic organisation, one landing zone, and in one JVM: the bare-copy floor,
 * the backfill, and the nightly run after a long and after a short history (the "Benchmark" issue).
 *
 * <p>The landing zone holds {@code days + 1} days. The backfill reads days 1..D into an empty warehouse;
 * the nightly reads day D+1 into that warehouse (facts recomputed for the {@code late_data_days} before
 * it, as every nightly run does). The short history is a second warehouse backfilled with only the
 * {@code shortDays} days before D+1, then the same nightly: the two nightlies read the same files and
 * differ only in the history the warehouse holds. Both backfills run before both nightlies.
 */
public final class PipelineBenchmark {
  private PipelineBenchmark() {}

  public record Options(int engineers, int days, int shortDays, long seed, Path dir) {}

  /** What the landing zone holds for a run's dates: the files the run lists, their bytes, their dt= folders. */
  record Input(long files, long bytes, List<String> folders) {}

  public record Result(Options options, Host host, List<Measurement> rows, Input history, Input nightly, double generateSeconds,
      boolean peakPerPhase) {

    Measurement row(String phase) {
      return rows.stream().filter(r -> r.phase().equals(phase)).findFirst().orElseThrow();
    }

    public double backfillOverFloor() {
      return row(BACKFILL).seconds() / row(FLOOR).seconds();
    }

    public double nightlyLongOverShort() {
      return row(NIGHTLY_LONG).seconds() / row(NIGHTLY_SHORT).seconds();
    }

    /** The table and the ratios, as printed. */
    public List<String> table() {
      List<String> out = new ArrayList<>(BenchmarksFile.table(Measurement.HEADER, rows.stream().map(Measurement::cells).toList()));
      out.add("");
      out.add(String.format(Locale.ROOT, "backfill / floor:                %.2f", backfillOverFloor()));
      out.add(String.format(Locale.ROOT, "nightly(long) / nightly(short):  %.2f", nightlyLongOverShort()));
      return out;
    }

    /** The section of docs/benchmarks.md. */
    public String markdown() {
      Options o = options;
      List<String> md = new ArrayList<>();
      md.add("## Pipeline: `ttv bench --engineers " + o.engineers() + " --days " + o.days() + " --short-days " + o.shortDays() + "`");
      md.add("");
      md.addAll(host.describe());
      md.add(String.format(Locale.ROOT,
          "- landing zone: `ttv generate --engineers %d --days %d --seed %d` (%.1f s, not timed below); the history "
              + "(days 1..%d) is %,d files, %.1f MB; the nightly's day %d is %,d files, %.1f MB",
          o.engineers(), o.days() + 1, o.seed(), generateSeconds, o.days(), history.files(), history.bytes() / Measurement.MB,
          o.days() + 1, nightly.files(), nightly.bytes() / Measurement.MB));
      md.add("");
      md.addAll(table());
      md.add("");
      md.add("How it was measured (one JVM, one run of each phase, in the order of the table; the floor runs first, on a cold JIT "
          + "as a separate bare job would, and the later phases profit from the JIT it warmed):");
      md.add("");
      md.add("- **JVM start**: from the JVM's start to the command's first line (class loading, picocli); "
          + "**Spark session start**: `SparkSessions.create`, as every `ttv` command starts it.");
      md.add("- **floor**: a bare Spark job over exactly the files the backfill lists (every enabled dataset's `dt=` folders of "
          + "days 1..D): `spark.read().text(folders)` with `recursiveFileLookup` (explicit one-column schema; `.gz` "
          + "files are inflated, so every byte is read), written to Parquet, nothing else, with Spark's default code generation "
          + "(the pipeline phases choose per run, as every `ttv run` in local mode does: expressions compiled for a run of more than "
          + io.ttv.jobs.spark.SparkSessions.COMPILED_ABOVE_BYTES / (1024 * 1024) + " MB of landing files, interpreted for smaller ones). Records are its lines.");
      md.add("- **backfill**: `Pipeline.run` (what `ttv run --date <day 1> --to <day D>` runs: ingest, normalize, facts with "
          + "the commit-graph walk) into an empty warehouse. Records are the records ingested (JSON objects and log lines).");
      md.add("- **nightly (long history)**: `Pipeline.run` for day D+1 alone against that warehouse; the facts of the "
          + "`late_data_days` (7) days before it are recomputed, as in every nightly run.");
      md.add("- **backfill (short history)** and **nightly (short history)**: a second, empty warehouse backfilled with only the "
          + o.shortDays() + " days before day D+1, then the same nightly run for day D+1: the two nightlies read the same files. "
          + "Both backfills run before both nightlies (the long one first), so neither nightly runs on a JIT colder than the other's.");
      md.add("- input MB: bytes of the landing files on disk (compressed `.gz` as stored); MB/s = input MB / seconds.");
      md.add("- peak RSS: the driver's `VmHWM` from `/proc/self/status` (local mode: the driver runs the tasks too)"
          + (peakPerPhase
              ? ", reset before each phase (`/proc/self/clear_refs`), so each row is that phase's peak. The JVM keeps "
                  + "heap it has grown, so a phase's peak is at least what the phases before it left resident."
              : "; the kernel did not allow resetting it, so each row is the peak since the JVM started."));
      return String.join("\n", md) + "\n";
    }
  }

  static final String JVM = "JVM start";
  static final String SESSION = "Spark session start";
  static final String FLOOR = "floor: bare text -> Parquet";
  static final String BACKFILL = "backfill";
  static final String NIGHTLY_LONG = "nightly (long history)";
  static final String BACKFILL_SHORT = "backfill (short history)";
  static final String NIGHTLY_SHORT = "nightly (short history)";

  public static Result run(Options o) {
    List<Measurement> rows = new ArrayList<>();
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    rows.add(new Measurement(JVM, -1, -1, (System.currentTimeMillis() - jvmStart) / 1000.0, Rss.peakBytes()));
    String load = Host.loadAverage();
    long others = Host.otherJvms();

    boolean perPhase = Rss.resetPeak();
    Instant t = Instant.now();
    SparkSession spark = SparkSessions.create("ttv bench");
    rows.add(new Measurement(SESSION, -1, -1, seconds(t), Rss.peakBytes()));
    Host host = Host.of(spark, load, others);

    Path dir = o.dir().toAbsolutePath().normalize();
    Progress.info("bench: generating " + o.engineers() + " engineers x " + (o.days() + 1) + " days into " + dir);
    t = Instant.now();
    GenerateResult gen = SyntheticOrg.generate(
        new GenerateOptions(dir, o.engineers(), o.days() + 1, o.seed(), GenerateOptions.DEFAULT_START));
    double generateSeconds = seconds(t);
    LocalDate first = gen.firstDate();
    LocalDate lastHistory = first.plusDays(o.days() - 1L);
    LocalDate night = gen.lastDate();
    LocalDate shortFrom = night.minusDays(o.shortDays());
    TtvConfig longCfg = config(gen.configFile(), dir.resolve("config-long-history.json"), dir.resolve("warehouse-long"));
    TtvConfig shortCfg = config(gen.configFile(), dir.resolve("config-short-history.json"), dir.resolve("warehouse-short"));

    Input history = input(spark, longCfg, first, lastHistory);
    Input nightly = input(spark, longCfg, night, night);

    Progress.info("bench: floor over " + history.files() + " files");
    prepare(perPhase);
    // the floor as a bare job would run: with Spark's own code generation, whatever ttv would choose
    java.util.Map<String, String> ttvDefaults = new java.util.HashMap<>();
    io.ttv.schemas.SparkSettings.INTERPRETED.keySet().forEach(k -> ttvDefaults.put(k, spark.conf().get(k)));
    io.ttv.schemas.SparkSettings.COMPILED.forEach(spark.conf()::set);
    t = Instant.now();
    String floorOut = dir.resolve("floor-parquet").toUri().toString();
    spark.read().option("recursiveFileLookup", "true").text(history.folders().toArray(String[]::new))
        .write().mode("overwrite").parquet(floorOut);
    double floorSeconds = seconds(t);
    ttvDefaults.forEach(spark.conf()::set);
    long floorPeak = Rss.peakBytes();
    long floorRecords = spark.read().parquet(floorOut).count(); // after the clock: Parquet counts from its footers
    rows.add(new Measurement(FLOOR, history.bytes(), floorRecords, floorSeconds, floorPeak));

    rows.add(timedRun(spark, longCfg, BACKFILL, first, lastHistory, history, perPhase));
    rows.add(timedRun(spark, shortCfg, BACKFILL_SHORT, shortFrom, lastHistory, input(spark, shortCfg, shortFrom, lastHistory), perPhase));
    // Both nightlies after both backfills, so the JIT is about as warm for one as for the other. Run right after
    // its backfill, the long one had one phase of warm-up and the short one three, which favoured the short one.
    rows.add(timedRun(spark, longCfg, NIGHTLY_LONG, night, night, nightly, perPhase));
    rows.add(timedRun(spark, shortCfg, NIGHTLY_SHORT, night, night, nightly, perPhase));
    return new Result(o, host, rows, history, nightly, generateSeconds, perPhase);
  }

  private static Measurement timedRun(
      SparkSession spark, TtvConfig cfg, String phase, LocalDate from, LocalDate to, Input input, boolean perPhase) {
    Progress.info("bench: " + phase + " " + from + ".." + to);
    prepare(perPhase);
    Instant t = Instant.now();
    Pipeline.Result r = Pipeline.run(spark, cfg, "bench " + phase, from, to, Stage.tableStages());
    double s = seconds(t);
    long records = r.read().values().stream().mapToLong(Long::longValue).sum();
    return new Measurement(phase, input.bytes(), records, s, Rss.peakBytes());
  }

  /** Before a phase: collect what the last one left, so its garbage is not this one's cost, and restart the peak. */
  static void prepare(boolean perPhase) {
    System.gc();
    if (perPhase) {
      Rss.resetPeak();
    }
  }

  /** The generated config with its own warehouse, written next to it (so the warehouse can be queried after). */
  private static TtvConfig config(Path generated, Path out, Path warehouse) {
    return config(generated, out, warehouse, null);
  }

  /** The same, with {@code late_data_days} set when not null. */
  static TtvConfig config(Path generated, Path out, Path warehouse, Integer lateDataDays) {
    try {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode root = (ObjectNode) mapper.readTree(generated.toFile());
      root.put("warehouse", warehouse.toString());
      if (lateDataDays != null) {
        root.put("late_data_days", lateDataDays);
      }
      String json = mapper.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
      Files.writeString(out, json);
      return ConfigLoader.parse(json, out.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  /** The files a run over {@code from..to} lists (every enabled dataset), as the ingest stage lists them. */
  static Input input(SparkSession spark, TtvConfig cfg, LocalDate from, LocalDate to) {
    RunContext ctx = new RunContext(cfg, spark, from, to, "bench", Instant.now(), null);
    var landing = ctx.landing();
    long files = 0;
    Set<String> folders = new LinkedHashSet<>();
    for (SourceDataset d : ctx.enabledDatasets()) {
      for (LandingFile f : landing.files(d.system(), d.dataset(), from, to)) {
        files++;
        folders.add(landing.root() + "/" + d.system() + "/" + d.dataset() + "/dt=" + f.exportDate());
      }
    }
    // the bytes as a run sees them (RunContext.landingBytes decides compiled expressions on them)
    long bytes = ctx.landingBytes();
    return new Input(files, bytes, List.copyOf(folders));
  }

  static double seconds(Instant since) {
    return Duration.between(since, Instant.now()).toNanos() / 1e9;
  }
}
