package io.ttv.jobs.cli;

import io.ttv.jobs.UserError;
import io.ttv.jobs.pipeline.Pipeline;
import io.ttv.jobs.pipeline.Stage;
import io.ttv.jobs.publish.BiDatabase;
import io.ttv.jobs.spark.SparkSessions;
import io.ttv.schemas.config.TtvConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ttv publish}: the facts of the dates a run for {@code --date..--to} recomputes, the dimensions and
 * the documented normalised tables, into {@code bi.postgres}. The database is tried before Spark starts, so
 * wrong credentials cost a second, not a Spark start-up.
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Copies the facts of late_data_days before --date up to --to, the dimensions and the documented normalised",
      "tables (docs/bi.md) into the bi.postgres schema, by COPY, in one transaction."
    })
public final class PublishCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The ttv config (JSON).")
  Path config;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The logical date.")
  String date;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last date of a backfill (inclusive).")
  String to;

  @Option(names = "--wait", description = "When another run holds the warehouse, wait for it instead of exiting 1.")
  boolean waitForLease;

  @Override
  public Integer call() {
    TtvConfig cfg = Configs.load(config);
    LocalDate[] range = Dates.range(date, to);
    if (!cfg.bi().hasPostgres()) {
      throw new UserError(config + ": bi.postgres is not configured, so there is nowhere to publish to (see docs/bi.md)");
    }
    BiDatabase db = new BiDatabase(cfg.bi().postgres(), BiDatabase.passwordFromEnvironment(cfg.bi().postgres()));
    try (Connection c = db.connect()) {
      // reachable and the credentials work: now Spark may start
    } catch (SQLException e) {
      throw db.failure(e);
    }
    Pipeline.run(SparkSessions.create("ttv publish"), cfg, "publish", range[0], range[1], List.of(Stage.PUBLISH), null, waitForLease);
    return 0;
  }
}
