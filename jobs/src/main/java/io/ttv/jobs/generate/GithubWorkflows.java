package io.ttv.jobs.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The GitHub Actions workflows of a repository: {@code CI} (pull requests, and pushes to the default
 * branch or, in some repos, to every branch), {@code Deploy} (pushes to the default branch and manual
 * dispatch) for deployable repos, and {@code Nightly} (schedule) in about half of them. Job graphs,
 * typical durations and runner kinds depend on the repo's language and set-up.
 */
final class GithubWorkflows {

  /**
   * One job of a workflow. {@code needs} point at earlier jobs; matrix siblings share a name before
   * " (" and sit next to each other, before any job that needs them.
   */
  record JobSpec(
      String name,
      List<Integer> needs,
      int meanSeconds,
      boolean selfHosted,
      double failWeight,
      String setupStep,
      List<String> steps,
      int timeoutMinutes) {

    String matrixGroup() {
      int paren = name.indexOf(" (");
      return paren < 0 ? null : name.substring(0, paren);
    }
  }

  record Workflow(long id, String name, String file, List<JobSpec> jobs) {
    boolean hasSelfHosted() {
      return jobs.stream().anyMatch(JobSpec::selfHosted);
    }
  }

  /**
   * The repository's set-up. {@code nightlyMinuteOfDay} is the UTC minute of the schedule's cron;
   * {@code speed} scales its job durations (some code bases build slower).
   */
  record RepoSetup(
      Repo repo,
      Workflow ci,
      Workflow deploy,
      Workflow nightly,
      boolean ciOnEveryPush,
      int nightlyMinuteOfDay,
      double speed,
      int firstRunNumber) {}

  private GithubWorkflows() {}

  /**
   * The set-up of {@code repo}; {@code lateNightly} forces a schedule at 23:50 UTC, whose runs are still
   * in progress at midnight (so some export dates hold unfinished runs).
   */
  static RepoSetup of(Repo repo, boolean lateNightly) {
    SplittableRandom r = new SplittableRandom(Seeds.mix(repo.id(), "github-workflows"));
    boolean selfHostedTests = r.nextDouble() < 0.3;
    boolean ciOnEveryPush = r.nextDouble() < 0.3;
    boolean nightly = lateNightly || r.nextDouble() < 0.5;
    boolean late = lateNightly || r.nextDouble() < 0.35;
    int minute = late ? 23 * 60 + 50 : 120 + r.nextInt(180);
    double speed = 0.6 + 0.6 * r.nextDouble();
    int firstRunNumber = 50 + r.nextInt(3000);
    Workflow ci = new Workflow(workflowId(r), "CI", "ci.yml", ciJobs(repo.language(), selfHostedTests));
    Workflow deploy = repo.deployable()
        ? new Workflow(workflowId(r), "Deploy", "deploy.yml", deployJobs(repo.language()))
        : null;
    Workflow night = nightly
        ? new Workflow(workflowId(r), "Nightly", "nightly.yml", nightlyJobs())
        : null;
    return new RepoSetup(repo, ci, deploy, night, ciOnEveryPush, minute, speed, firstRunNumber);
  }

  private static long workflowId(SplittableRandom r) {
    return 10_000_000L + r.nextInt(190_000_000);
  }

  private static String setup(String language) {
    return switch (language) {
      case "python" -> "Set up Python 3.12";
      case "node" -> "Setup Node.js 20";
      case "go" -> "Set up Go";
      default -> "Set up JDK 17";
    };
  }

  private static JobSpec job(String name, List<Integer> needs, int seconds, double failWeight,
      String setup, String... steps) {
    return new JobSpec(name, needs, seconds, false, failWeight, setup, List.of(steps), 20);
  }

  private static List<JobSpec> ciJobs(String language, boolean selfHostedTests) {
    List<JobSpec> jobs = new ArrayList<>();
    String setup = setup(language);
    List<Integer> afterTests;
    switch (language) {
      case "python" -> {
        jobs.add(job("lint", List.of(), 45, 1, setup, "Install dependencies", "Run ruff"));
        for (String v : List.of("3.11", "3.12", "3.13")) {
          jobs.add(job("test (Python " + v + ")", List.of(), 230, 3, "Set up Python " + v,
              "Install dependencies", "Run pytest"));
        }
        jobs.add(job("build", List.of(1, 2, 3), 60, 0.5, setup, "Build wheel"));
        afterTests = List.of(1, 2, 3);
      }
      case "node" -> {
        jobs.add(job("lint", List.of(), 60, 1, setup, "npm ci", "npm run lint"));
        jobs.add(job("test (node 20)", List.of(), 200, 3, "Setup Node.js 20", "npm ci", "npm test"));
        jobs.add(job("test (node 22)", List.of(), 205, 3, "Setup Node.js 22", "npm ci", "npm test"));
        jobs.add(job("build", List.of(0, 1, 2), 120, 1, setup, "npm ci", "npm run build"));
        afterTests = List.of(1, 2);
      }
      case "go" -> {
        jobs.add(job("lint", List.of(), 80, 1, setup, "golangci-lint"));
        jobs.add(job("test", List.of(), 220, 3, setup, "Run go test", "Upload coverage"));
        jobs.add(job("build", List.of(0, 1), 90, 0.5, setup, "Build binaries"));
        afterTests = List.of(1);
      }
      default -> {
        jobs.add(job("lint", List.of(), 70, 1, setup, "Check formatting"));
        jobs.add(job("build", List.of(), 170, 1.5, setup, "Build with Maven"));
        jobs.add(job("test (Java 17)", List.of(1), 280, 3, setup, "Run tests", "Publish test report"));
        jobs.add(job("test (Java 21)", List.of(1), 290, 3, "Set up JDK 21", "Run tests",
            "Publish test report"));
        afterTests = List.of(1);
      }
    }
    if (selfHostedTests) {
      jobs.add(new JobSpec("integration-tests", afterTests, 420, true, 3, setup,
          List.of("Start services", "Run integration tests", "Stop services"), 30));
    }
    return List.copyOf(jobs);
  }

  private static List<JobSpec> deployJobs(String language) {
    return List.of(
        job("build", List.of(), 150, 1, setup(language), "Build artifact", "Push image"),
        job("deploy (staging)", List.of(0), 110, 1, null, "Configure credentials",
            "Deploy to staging"),
        job("deploy (production)", List.of(1), 140, 1, null, "Configure credentials",
            "Deploy to production", "Smoke test"));
  }

  private static List<JobSpec> nightlyJobs() {
    return List.of(
        new JobSpec("e2e", List.of(), 600, true, 3, "Setup Node.js 20",
            List.of("Start environment", "Run end-to-end tests", "Upload report"), 45),
        job("dependency-audit", List.of(), 80, 1, null, "Audit dependencies"));
  }
}
