package io.ttv.jobs.bench;

import static org.apache.spark.sql.functions.col;

import io.ttv.jobs.Progress;
import io.ttv.jobs.UserError;
import io.ttv.jobs.pipeline.RunContext;
import io.ttv.jobs.pipeline.Shipping;
import io.ttv.jobs.spark.DeltaTables;
import io.ttv.jobs.spark.SparkSessions;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.CommitsTable;
import io.ttv.schemas.tables.DeploymentWalksTable;
import io.ttv.schemas.tables.DeploymentsTable;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ttv bench walk}: the commit-graph walk ({@link Shipping}, the code the facts stage runs) on a
 * generated repository ({@link RepoGraph}) written as the Delta tables {@code commits} and
 * {@code deployments} of a fresh warehouse, at two history lengths (a quarter of the commits, then all
 * of them, with deployments at the same density): the backfill walk of every deployment, then three
 * nightly walks (three by default), each after {@value #NEW_BLOCKS} blocks of new commits and one new deployment of their
 * tip were appended (the "Version control" issue, its Speed section).
 */
public final class WalkBenchmark {
  private WalkBenchmark() {}

  static final int NEW_BLOCKS = 2;

  public record Options(long commits, long deployments, int nightlies, Path dir) {
    public Options {
      if (nightlies < 1 || nightlies > 100) {
        throw new UserError("--nightlies: expected 1..100, got " + nightlies);
      }
      if (commits < 64 || commits > 100_000_000L) {
        throw new UserError("--commits: expected 64..100000000, got " + commits);
      }
      if (deployments < 1 || deployments * RepoGraph.BLOCK > commits) {
        throw new UserError("--deployments: expected 1.." + commits / RepoGraph.BLOCK
            + " (at most one per " + RepoGraph.BLOCK + " commits, the graph's block), got " + deployments);
      }
    }

    long step() {
      return commits / deployments;
    }
  }

  /** One history length: its backfill and nightly walks. */
  public record Size(String label, long commits, long deployments, double buildSeconds, double backfillSeconds, long backfillShipped,
      long backfillPeakRss, double[] nightlySeconds, long[] nightlyShipped, long nightlyPeakRss) {

    double nightlyMedian() {
      double[] s = nightlySeconds.clone();
      Arrays.sort(s);
      return s[s.length / 2];
    }

    String[] cells() {
      StringBuilder each = new StringBuilder();
      for (double s : nightlySeconds) {
        each.append(each.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", s));
      }
      return new String[] {
        label,
        String.format(Locale.ROOT, "%,d", commits),
        String.format(Locale.ROOT, "%,d", deployments),
        String.format(Locale.ROOT, "%.1f", backfillSeconds),
        String.format(Locale.ROOT, "%,d", backfillShipped),
        each.toString(),
        String.format(Locale.ROOT, "%.1f", nightlyMedian()),
        Arrays.stream(nightlyShipped).distinct().mapToObj(n -> String.format(Locale.ROOT, "%,d", n))
            .collect(java.util.stream.Collectors.joining(", ")),
        mb(Math.max(backfillPeakRss, nightlyPeakRss))
      };
    }

    private static String mb(long bytes) {
      return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", Math.round(bytes / Measurement.MB));
    }
  }

  static final String[] HEADER = {
    "history", "commits", "deployments", "backfill walk s", "commits shipped", "nightly walks s", "nightly median s",
    "shipped per nightly", "peak RSS MB"
  };

  public record Result(Options options, Host host, List<Size> sizes, boolean peakPerPhase) {
    public double nightlyLongOverShort() {
      return sizes.get(1).nightlyMedian() / sizes.get(0).nightlyMedian();
    }

    public double backfillLongOverShort() {
      return sizes.get(1).backfillSeconds() / sizes.get(0).backfillSeconds();
    }

    public List<String> table() {
      List<String> out = new ArrayList<>(BenchmarksFile.table(HEADER, sizes.stream().map(Size::cells).toList()));
      out.add("");
      out.add(String.format(Locale.ROOT, "history x%.0f: backfill walk x%.2f, nightly walk (median) x%.2f",
          (double) sizes.get(1).commits() / sizes.get(0).commits(), backfillLongOverShort(), nightlyLongOverShort()));
      return out;
    }

    public String markdown() {
      List<String> md = new ArrayList<>();
      md.add("## Commit-graph walk: `ttv bench walk --commits " + options.commits() + " --deployments " + options.deployments()
          + " --nightlies " + options.nightlies() + "`");
      md.add("");
      md.addAll(host.describe());
      md.add("");
      md.addAll(table());
      md.add("");
      md.add("How it was measured (one JVM, in this order, after a warm-up walk of a 10-deployment history that is not "
          + "reported: the first Spark and Delta operations of a JVM pay for class loading and JIT compilation):");
      md.add("");
      md.add("- The repository is generated by Spark (`spark.range` and built-in expressions, no files) straight into the "
          + "Delta tables `commits` and `deployments` of a fresh warehouse per history length: blocks of 8 commits, one "
          + "every 10 minutes, each a 3-commit feature branch and its merge commit, a squash-merged pull request (its 2 "
          + "branch commits never ship) and a direct commit; a successful production deployment every "
          + String.format(Locale.ROOT, "%,d", options.step()) + " commits along the mainline. Building the tables is not timed.");
      md.add("- **backfill walk**: `Shipping.run` (what the facts stage runs first: find the unwalked deployments, the "
          + "uncovered commits, walk, replaceWhere `commit_shipments`, MERGE `deployment_walks`) over every deployment at once.");
      md.add("- **nightly walks**: " + options.nightlies() + " times: append " + NEW_BLOCKS * RepoGraph.BLOCK + " new commits and one "
          + "deployment of their tip to the tables (not timed), then `Shipping.run` again; each ships "
          + NEW_BLOCKS * RepoGraph.SHIPPED_PER_BLOCK + " commits.");
      md.add("- the short history is a quarter of the deployments and the commits up to the last of them (both histories end "
          + "fully deployed); the ratio line compares the long history to it.");
      md.add("- peak RSS: the driver's `VmHWM` over the backfill and nightly walks of that history"
          + (peakPerPhase ? " (reset before each history)." : " (since the JVM started: the kernel did not allow a reset)."));
      return String.join("\n", md) + "\n";
    }
  }

  public static Result run(Options o) {
    String load = Host.loadAverage();
    long others = Host.otherJvms();
    SparkSession spark = SparkSessions.create("ttv bench walk");
    Host host = Host.of(spark, load, others);
    boolean perPhase = Rss.resetPeak();
    // A small history walked first and thrown away: the first Spark and Delta operations of a JVM pay for
    // class loading and JIT compilation (measured: without it the N/4 history's walks were slower than N's).
    Progress.info("bench walk: warm-up");
    size(spark, o, "warm-up", Math.min(o.deployments(), 10), perPhase);
    List<Size> sizes = new ArrayList<>();
    sizes.add(size(spark, o, "short (N/4)", Math.max(1, o.deployments() / 4), perPhase));
    sizes.add(size(spark, o, "long (N)", o.deployments(), perPhase));
    return new Result(o, host, sizes, perPhase);
  }

  /**
   * One history: {@code deployments} deployments and the commits up to the last one's (so both histories
   * end fully deployed, and each nightly walks only its own new commits).
   */
  private static Size size(SparkSession spark, Options o, String label, long deployments, boolean perPhase) {
    long commits = RepoGraph.deployedCommit(deployments - 1, o.step()) + 1;
    Path warehouse = o.dir().toAbsolutePath().normalize().resolve("walk-" + commits);
    TtvConfig cfg = TtvConfig.minimal(warehouse.toString(), o.dir().toAbsolutePath().normalize().resolve("landing").toString());
    Progress.info(String.format(Locale.ROOT, "bench walk: %s: writing %,d commits and %,d deployments to %s", label, commits, deployments, warehouse));
    Instant t = Instant.now();
    DeltaTables.append(spark, CommitsTable.TABLE, cfg.tablePath(CommitsTable.NAME), RepoGraph.commits(spark, 0, commits));
    DeltaTables.append(spark, DeploymentsTable.TABLE, cfg.tablePath(DeploymentsTable.NAME), RepoGraph.deployments(spark, deployments, o.step()));
    double build = PipelineBenchmark.seconds(t);

    prepare(perPhase);
    t = Instant.now();
    Shipping.run(context(spark, cfg));
    double backfill = PipelineBenchmark.seconds(t);
    long backfillPeak = Rss.peakBytes();
    long shipped = shipped(spark, cfg, null);

    double[] nightly = new double[o.nightlies()];
    long[] nightlyShipped = new long[o.nightlies()];
    long nightlyPeak = -1;
    long next = commits;
    for (int n = 0; n < o.nightlies(); n++) {
      long to = next + (long) NEW_BLOCKS * RepoGraph.BLOCK;
      String id = "bench-" + (deployments + n);
      DeltaTables.append(spark, CommitsTable.TABLE, cfg.tablePath(CommitsTable.NAME), RepoGraph.commits(spark, next, to));
      DeltaTables.append(spark, DeploymentsTable.TABLE, cfg.tablePath(DeploymentsTable.NAME), RepoGraph.deployment(spark, deployments + n, to - 1));
      next = to;
      System.gc();
      t = Instant.now();
      Shipping.run(context(spark, cfg));
      nightly[n] = PipelineBenchmark.seconds(t);
      nightlyPeak = Math.max(nightlyPeak, Rss.peakBytes());
      nightlyShipped[n] = shipped(spark, cfg, id);
    }
    return new Size(label, commits, deployments, build, backfill, shipped, backfillPeak, nightly, nightlyShipped, nightlyPeak);
  }

  private static RunContext context(SparkSession spark, TtvConfig cfg) {
    LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    return new RunContext(cfg, spark, today, today, UUID.randomUUID().toString(), Instant.now(), null);
  }

  /** Commits shipped by every walked deployment, or by one ({@code deploymentId}), from {@code deployment_walks}. */
  private static long shipped(SparkSession spark, TtvConfig cfg, String deploymentId) {
    var walks = spark.read().format("delta").load(cfg.tablePath(DeploymentWalksTable.NAME))
        .where(col(DeploymentWalksTable.OUTCOME).equalTo(DeploymentWalksTable.WALKED));
    if (deploymentId != null) {
      walks = walks.where(col(DeploymentWalksTable.DEPLOYMENT_ID).equalTo(deploymentId));
    }
    Row r = walks.agg(org.apache.spark.sql.functions.coalesce(
        org.apache.spark.sql.functions.sum(DeploymentWalksTable.COMMITS_SHIPPED), org.apache.spark.sql.functions.lit(0L))).first();
    return r.getLong(0);
  }

  private static void prepare(boolean perPhase) {
    System.gc();
    if (perPhase) {
      Rss.resetPeak();
    }
  }
}
