package io.ttv.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.ttv.jobs.Progress;
import io.ttv.jobs.spark.DeltaTables;
import io.ttv.schemas.TableDef;
import io.ttv.schemas.tables.DimDateTable;
import io.ttv.schemas.tables.DimServiceTable;
import io.ttv.schemas.tables.IdentitiesTable;
import io.ttv.schemas.tables.PeopleTable;
import io.ttv.schemas.tables.ReposTable;
import io.ttv.schemas.tables.TeamsTable;
import io.ttv.transforms.org.Directory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Writes the directory ({@code teams}, {@code people}, {@code identities}, {@code repos} and the
 * dimensions) after the normalize stage: the config's people, teams and services, and every identity
 * and repository the runs saw. The tables are as small as the organisation; each is rewritten only
 * when its rows changed, so a nightly run that met nobody new commits nothing here.
 */
final class DirectoryTables {
  private DirectoryTables() {}

  static void run(RunContext ctx, Map<String, Set<String>> seenIdentities, Set<String> seenRepos) {
    Instant start = Instant.now();
    var spark = ctx.spark();
    var cfg = ctx.config();
    String fingerprint = fingerprint(cfg);
    if (nothingNew(ctx, fingerprint, seenIdentities, seenRepos)) {
      Progress.info("directory: nobody and no repo new, config unchanged (" + Progress.since(start) + ")");
      return;
    }

    List<Row> ids = new ArrayList<>(Directory.configIdentityRows(cfg));
    seenIdentities.forEach((system, set) -> set.forEach(i -> ids.add(RowFactory.create(system, i, true))));
    Dataset<Row> seen = spark.createDataFrame(ids, Directory.SEEN_IDENTITY);
    if (DeltaTables.exists(spark, ctx.tablePath(IdentitiesTable.NAME))) {
      seen =
          seen.unionByName(
              DeltaTables.read(spark, IdentitiesTable.TABLE, ctx.tablePath(IdentitiesTable.NAME))
                  .where(col(IdentitiesTable.IS_SEEN))
                  .select(col(IdentitiesTable.SYSTEM), col(IdentitiesTable.IDENTITY), col(IdentitiesTable.IS_SEEN)));
    }
    Dataset<Row> identities = Directory.identities(seen, cfg).localCheckpoint();
    Dataset<Row> people = Directory.people(identities, cfg).localCheckpoint();

    List<Row> repoRows = new ArrayList<>(Directory.configRepoRows(cfg));
    seenRepos.forEach(r -> repoRows.add(RowFactory.create(r, false, true)));
    Dataset<Row> repoInput = spark.createDataFrame(repoRows, Directory.SEEN_REPO);
    if (DeltaTables.exists(spark, ctx.tablePath(ReposTable.NAME))) {
      repoInput =
          repoInput.unionByName(
              DeltaTables.read(spark, ReposTable.TABLE, ctx.tablePath(ReposTable.NAME))
                  .where(col(ReposTable.IS_SEEN))
                  .select(col(ReposTable.REPO), lit(false).as(ReposTable.IS_CONFIGURED), col(ReposTable.IS_SEEN)));
    }
    Dataset<Row> repos = Directory.repos(repoInput, cfg).localCheckpoint();
    Dataset<Row> teams = spark.createDataFrame(Directory.teamRows(cfg), TeamsTable.SCHEMA);

    int written = 0;
    written += replaceIfChanged(ctx, IdentitiesTable.TABLE, identities);
    written += replaceIfChanged(ctx, PeopleTable.TABLE, people);
    written += replaceIfChanged(ctx, PeopleTable.DIM, people);
    written += replaceIfChanged(ctx, TeamsTable.TABLE, teams);
    written += replaceIfChanged(ctx, TeamsTable.DIM, teams);
    written += replaceIfChanged(ctx, ReposTable.TABLE, repos);
    written += replaceIfChanged(ctx, DimServiceTable.TABLE, Directory.services(repos, cfg));
    writeFingerprint(ctx, fingerprint);
    Progress.info("directory: " + written + " of 7 tables changed (" + Progress.since(start) + ")");
  }

  /** What of the config the directory depends on, hashed. */
  private static String fingerprint(io.ttv.schemas.config.TtvConfig cfg) {
    String what = cfg.people() + "|" + cfg.teams() + "|" + cfg.services() + "|" + cfg.bots() + "|" + cfg.reportingZone();
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(what.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(h);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static org.apache.hadoop.fs.Path fingerprintFile(RunContext ctx) {
    return new org.apache.hadoop.fs.Path(ctx.config().warehouseUri() + "/_ttv_directory/config.sha256");
  }

  /**
   * The directory is written for this config (its fingerprint file, written after the tables, says so)
   * and already holds every identity and repo this run saw: nothing would change, and a nightly run skips
   * the seven comparisons. A run killed before the fingerprint was written rewrites the tables next time.
   */
  private static boolean nothingNew(RunContext ctx, String fingerprint, Map<String, Set<String>> seenIdentities, Set<String> seenRepos) {
    var spark = ctx.spark();
    try {
      org.apache.hadoop.fs.Path file = fingerprintFile(ctx);
      org.apache.hadoop.fs.FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(file)) {
        return false;
      }
      try (java.io.InputStream in = fs.open(file)) {
        if (!fingerprint.equals(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim())) {
          return false;
        }
      }
    } catch (java.io.IOException e) {
      return false;
    }
    if (!DeltaTables.exists(spark, ctx.tablePath(IdentitiesTable.NAME)) || !DeltaTables.exists(spark, ctx.tablePath(ReposTable.NAME))) {
      return false;
    }
    Set<String> known = new HashSet<>();
    for (Row r : spark.read().format("delta").load(ctx.tablePath(IdentitiesTable.NAME)).where(col(IdentitiesTable.IS_SEEN))
        .select(IdentitiesTable.SYSTEM, IdentitiesTable.IDENTITY).collectAsList()) {
      known.add(r.getString(0) + "\u0000" + r.getString(1));
    }
    for (Map.Entry<String, Set<String>> e : seenIdentities.entrySet()) {
      for (String i : e.getValue()) {
        if (!known.contains(e.getKey() + "\u0000" + i.toLowerCase(java.util.Locale.ROOT))) {
          return false;
        }
      }
    }
    Set<String> repos = new HashSet<>();
    for (Row r : spark.read().format("delta").load(ctx.tablePath(ReposTable.NAME)).where(col(ReposTable.IS_SEEN)).select(ReposTable.REPO).collectAsList()) {
      repos.add(r.getString(0).toLowerCase(java.util.Locale.ROOT));
    }
    return seenRepos.stream().allMatch(r -> repos.contains(r.toLowerCase(java.util.Locale.ROOT)));
  }

  private static void writeFingerprint(RunContext ctx, String fingerprint) {
    try {
      org.apache.hadoop.fs.Path file = fingerprintFile(ctx);
      org.apache.hadoop.fs.FileSystem fs = file.getFileSystem(ctx.spark().sparkContext().hadoopConfiguration());
      try (java.io.OutputStream out = fs.create(file, true)) {
        out.write(fingerprint.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    } catch (java.io.IOException e) {
      Progress.info("could not write the directory's config fingerprint (the next run compares the tables instead): " + e.getMessage());
    }
  }

  /** Adds the dates of the facts window to {@code dim_date} when any is missing. */
  static void dates(RunContext ctx, LocalDate from, LocalDate to) {
    var spark = ctx.spark();
    String path = ctx.tablePath(DimDateTable.NAME);
    long days = java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
    if (DeltaTables.exists(spark, path)
        && spark.read().format("delta").load(path).where(col(DimDateTable.DATE).between(lit(from), lit(to))).count() == days) {
      return;
    }
    DeltaTables.upsert(spark, DimDateTable.TABLE, path, Directory.dates(spark, from, to));
  }

  /** Rewrites {@code table} with {@code rows} (organisation-sized) unless it already holds exactly them. */
  private static int replaceIfChanged(RunContext ctx, TableDef table, Dataset<Row> rows) {
    String path = ctx.tablePath(table.name());
    String[] cols = table.columnNames();
    Set<Row> fresh = new HashSet<>(rows.selectExpr(cols).collectAsList());
    if (DeltaTables.exists(ctx.spark(), path)) {
      List<Row> old = ctx.spark().read().format("delta").load(path).selectExpr(cols).collectAsList();
      if (old.size() == fresh.size() && fresh.equals(new HashSet<>(old))) {
        return 0;
      }
    }
    DeltaTables.replaceWhere(ctx.spark(), table, path, rows, "true");
    return 1;
  }
}
