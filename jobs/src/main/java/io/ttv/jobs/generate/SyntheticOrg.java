package io.ttv.jobs.generate;

import io.ttv.jobs.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ttv generate}: writes a synthetic engineering organisation's raw exports, in the exact formats
 * of the real APIs, and a config that describes the organisation, so the whole pipeline can be shown
 * and benchmarked without real data.
 *
 * <pre>
 * out/
 *   config.json                      ttv config: warehouse = out/warehouse, landing = out/landing
 *   landing/github/workflow_runs/dt=D/repo=owner%2Fname/runs-N.json|.ndjson|.json.gz
 *   landing/github/workflow_jobs/dt=D/repo=owner%2Fname/run_id=ID/attempt=N.json
 *   landing/github/deployments/dt=D/repo=owner%2Fname/deployments-1.json          bare array
 *   landing/github/deployment_statuses/dt=D/repo=owner%2Fname/deployment_id=ID/statuses.json
 *   landing/github/pulls/dt=D/repo=owner%2Fname/pulls-N.json                      list ?state=all
 *   landing/github/pull_reviews/dt=D/repo=owner%2Fname/pull=N/reviews.json
 *   landing/github/pull_commits/dt=D/repo=owner%2Fname/pull=N/commits.json
 *   landing/gitlab/pipelines/dt=D/project=group%2Fsub%2Fname/list-1.json | pipeline-ID.json
 *   landing/gitlab/jobs/dt=D/project=group%2Fsub%2Fname/jobs-N.json
 *   landing/gitlab/deployments/dt=D/project=group%2Fsub%2Fname/deployments-1.json
 *   landing/gitlab/merge_requests/dt=D/project=group%2Fsub%2Fname/merge_requests-N.json
 *   landing/gitlab/merge_request_commits/dt=D/project=group%2Fsub%2Fname/merge_request=IID/commits.json
 *   landing/jenkins/builds/dt=D/job=folder%2Frepo%2Fbranch/builds.json            {"allBuilds":[..]}
 *   landing/jenkins/stages/dt=D/job=folder%2Frepo%2Fbranch/build=N/describe.json  wfapi/describe
 *   landing/git/log/dt=D/repo=owner%2Fname/log.txt        git log --all, x1f format, every repo
 *   landing/pagerduty/incidents/dt=D/incidents-N.json     GET /incidents pages {"incidents":[..],..}
 *   landing/pagerduty/log_entries/dt=D/incident=ID/log_entries.json   {"log_entries":[..]}
 *   landing/jira/issues/dt=D/search-N.json                /rest/api/2/search?expand=changelog pages
 *   landing/ics/calendars/dt=D/owner=name%40domain/calendar.ics   each person's calendar (RFC 5545)
 *   .ttv-generated                   marks the folder as generated (a later run may replace it)
 * </pre>
 *
 * <p>Deterministic: the same options give byte-identical files (no clock, no hash order, one random
 * stream per source derived from the seed). Sources so far: GitHub Actions, deployments, pull requests
 * with reviews and commits; GitLab CI, deployments and merge requests with commits; Jenkins builds and
 * stages; the git log of every repository; PagerDuty incidents (some after production deployments)
 * with their log entries; Jira issues for every work-item key the pull requests mention; and every
 * person's calendar ({@link CalendarExports}: stand-ups, team meetings, release planning before deploys,
 * cross-team API syncs). The version-control exports render the commit graph of
 * {@link GitHistory}, built around the commits {@link CodeActivity} gave the CI sources, so every CI
 * head sha and deployment sha of a default branch is a commit of its repository's log.
 */
public final class SyntheticOrg {

  static final String MARKER = ".ttv-generated";

  /** The source writers, in writing order; each has its own random stream. */
  private static final List<SourceExports> SOURCES =
      List.of(new GithubActionsExports(), new GithubPullsExports(), new GitlabExports(),
          new GitlabMergeRequestsExports(), new JenkinsExports(), new GitLogExports(),
          new PagerdutyExports(), new JiraExports(), new CalendarExports());

  private SyntheticOrg() {}

  /**
   * Generates into {@code opts.out()}. A landing folder there from an earlier generation is replaced;
   * one that was not generated (no marker) and is not empty is refused, so real exports are never
   * overwritten.
   *
   * @throws UserError when the output folder holds a landing zone that was not generated
   * @throws UncheckedIOException when a file cannot be written
   */
  public static GenerateResult generate(GenerateOptions opts) {
    Path out = opts.out().toAbsolutePath().normalize();
    Path landingDir = out.resolve("landing");
    Path configFile = out.resolve("config.json");
    prepare(out, landingDir);

    Organisation org = Organisation.build(opts.engineers(), opts.seed());
    DateRange range = new DateRange(opts.start(), opts.lastDate());
    CodeActivity activity = CodeActivity.simulate(org, range, Seeds.mix(opts.seed(), "code"));
    Forges forges = Forges.build(org, range, opts.seed());
    GitHistory history = GitHistory.build(org, activity, forges, opts.seed());
    Landing landing = new Landing(landingDir);
    ProductionDeploys deploys = new ProductionDeploys();
    for (SourceExports source : SOURCES) {
      source.write(new ExportContext(org, range, activity,
          Seeds.random(opts.seed(), "source/" + source.system()), landing, forges, history,
          opts.seed(), deploys));
    }
    ConfigFile.write(
        ConfigFile.config(org, forges, out.resolve("warehouse"), landingDir,
            SOURCES.stream().flatMap(x -> x.systems().stream()).distinct().toList()),
        configFile);
    writeMarker(out, opts);
    return new GenerateResult(landingDir, configFile, range.first(), range.last(),
        landing.records(), landing.files(), landing.faults());
  }

  /**
   * Only the calendars (ICS, Google and Graph pages) of the organisation, their meetings spanning the whole
   * range, exported on {@code exportDates} only; the config enables only the calendar systems. For the
   * calendar benchmark: a year of meetings without a year of daily exports. No deployments are generated,
   * so there are no release-planning meetings.
   */
  public static GenerateResult calendars(GenerateOptions opts, List<LocalDate> exportDates) {
    Path out = opts.out().toAbsolutePath().normalize();
    Path landingDir = out.resolve("landing");
    Path configFile = out.resolve("config.json");
    prepare(out, landingDir);
    Organisation org = Organisation.build(opts.engineers(), opts.seed());
    DateRange range = new DateRange(opts.start(), opts.lastDate());
    Landing landing = new Landing(landingDir);
    CalendarExports calendars = new CalendarExports(exportDates);
    calendars.write(new ExportContext(org, range, null, Seeds.random(opts.seed(), "source/" + calendars.system()), landing, null, null,
        opts.seed(), new ProductionDeploys()));
    ConfigFile.write(ConfigFile.config(org, Forges.build(org, range, opts.seed()), out.resolve("warehouse"), landingDir, calendars.systems()),
        configFile);
    writeMarker(out, opts);
    return new GenerateResult(landingDir, configFile, range.first(), range.last(), landing.records(), landing.files(), landing.faults());
  }

  /** The organisation a generation with these options describes (for reports and the demo). */
  public static Organisation organisation(GenerateOptions opts) {
    return Organisation.build(opts.engineers(), opts.seed());
  }

  private static void prepare(Path out, Path landingDir) {
    try {
      if (Files.isDirectory(landingDir) && !isEmpty(landingDir)) {
        if (!Files.exists(out.resolve(MARKER))) {
          throw new UserError(landingDir + " already holds files that ttv did not generate; "
              + "choose an empty --out folder");
        }
        deleteTree(landingDir);
      }
      Files.createDirectories(landingDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + out, e);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void writeMarker(Path out, GenerateOptions opts) {
    String text = "generated by: ttv generate --engineers " + opts.engineers() + " --days "
        + opts.days() + " --seed " + opts.seed() + " --start " + opts.start() + "\n";
    try {
      Files.write(out.resolve(MARKER), text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out.resolve(MARKER), e);
    }
  }
}
