package io.ttv.jobs.pipeline;

import io.ttv.jobs.generate.GenerateOptions;
import io.ttv.jobs.generate.GenerateResult;
import io.ttv.jobs.generate.SyntheticOrg;
import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The organisation of CrashSafetyTest: {@code ttv generate} with 6 engineers over 2026-01-05..07,
 * read only from GitHub's CI and deployments and the git log (their kill points, and the commit graph the
 * shipping walk needs); pull requests are tested elsewhere (PullRequestsPipelineTest) and would only add
 * minutes here.
 */
final class SmallOrg {
  private SmallOrg() {}

  /**
   * The stages that write the warehouse. The config names a BI database that does not exist (its password is
   * the secret CrashSafetyTest looks for); publishing is PublishTest's, against a real PostgreSQL.
   */
  static final List<Stage> WAREHOUSE_STAGES = List.of(Stage.INGEST, Stage.NORMALIZE, Stage.FACTS);

  static GenerateResult generate(Path dir) throws IOException {
    GenerateResult gen = SyntheticOrg.generate(new GenerateOptions(dir.resolve("org"), 6, 3, 7L, LocalDate.parse("2026-01-05")));
    for (String dataset : List.of("pulls", "pull_reviews", "pull_commits")) {
      try (Stream<Path> paths = Files.walk(gen.landingDir().resolve("github").resolve(dataset))) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return gen;
  }

  /** {@code <dir>/<name>.json}: a warehouse {@code <dir>/<name>} over the generated landing zone. */
  static TtvConfig config(Path dir, GenerateResult gen, String name) throws Exception {
    Path file = dir.resolve(name + ".json");
    Files.writeString(
        file,
        "{\"warehouse\":\"" + dir.resolve(name) + "\",\"landing\":\"" + gen.landingDir() + "\",\"reporting_timezone\":\"Europe/Berlin\","
            + "\"quality\":{\"max_quarantine_share\":0.05},"
            + "\"bi\":{\"postgres\":{\"url\":\"jdbc:postgresql://localhost:5432/analytics\",\"schema\":\"ttv\",\"user\":\"ttv\","
            + "\"password_env\":\"TTV_BI_PASSWORD\"}},"
            + "\"sources\":{\"github\":{\"enabled\":true},\"gitlab\":{\"enabled\":false},\"jenkins\":{\"enabled\":false},"
            + "\"git\":{\"enabled\":true},\"jira\":{\"enabled\":false},\"pagerduty\":{\"enabled\":false},\"ics\":{\"enabled\":false},"
            + "\"google_calendar\":{\"enabled\":false},\"msgraph_calendar\":{\"enabled\":false}}}");
    return ConfigLoader.load(file);
  }
}
