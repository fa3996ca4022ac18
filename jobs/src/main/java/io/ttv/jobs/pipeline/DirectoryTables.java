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
    Progress.info("directory: " + written + " of 7 tables changed (" + Progress.since(start) + ")");
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
