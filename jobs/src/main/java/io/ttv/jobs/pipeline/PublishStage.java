package io.ttv.jobs.pipeline;

import io.ttv.jobs.Progress;
import io.ttv.jobs.publish.BiDatabase;
import io.ttv.jobs.publish.PostgresPublisher;
import io.ttv.schemas.config.BiPostgres;

/**
 * The publish stage: the dates the facts stage recomputes ({@code from - late_data_days .. to}) and the
 * dimensions and documented normalised tables, into {@code bi.postgres}; skipped, with a line saying so,
 * when no BI database is configured.
 */
public final class PublishStage {
  private PublishStage() {}

  public static void run(RunContext ctx) {
    BiPostgres pg = ctx.config().bi().postgres();
    if (pg == null) {
      Progress.info("publish skipped: no bi.postgres in the config");
      return;
    }
    BiDatabase db = new BiDatabase(pg, BiDatabase.passwordFromEnvironment(pg));
    Checkpoints.reached("publish.started");
    PostgresPublisher.publish(ctx.spark(), ctx.config(), db, ctx.factsFrom(), ctx.to(), ctx.runId());
  }
}
