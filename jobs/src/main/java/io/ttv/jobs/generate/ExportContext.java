package io.ttv.jobs.generate;

import java.util.SplittableRandom;

/**
 * What a source writer gets: the organisation, the export dates, what happened in git, its own random
 * stream (seeded from the user seed and the system's name), the landing zone to write to, the
 * repositories on other forges ({@link Forges}), the commit graphs of every repository
 * ({@link GitHistory}, for the version-control writers), and the user seed, for further named streams
 * ({@link #stream}) that leave {@code random} untouched, and the production deployments written so far
 * ({@link ProductionDeploys}, filled by the CI writers, read by the incident and work-item writers).
 */
record ExportContext(
    Organisation organisation,
    DateRange range,
    CodeActivity activity,
    SplittableRandom random,
    Landing landing,
    Forges forges,
    GitHistory history,
    long seed,
    ProductionDeploys deploys) {

  /** An independent random stream {@code source/<system>/<name>} of the user seed. */
  SplittableRandom stream(String system, String name) {
    return Seeds.random(seed, "source/" + system + "/" + name);
  }
}
