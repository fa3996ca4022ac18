package io.ttv.jobs.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ttv.jobs.generate.GithubRunSimulator.Attempt;
import io.ttv.jobs.generate.GithubRunSimulator.Job;
import io.ttv.jobs.generate.GithubRunSimulator.Run;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * GitHub deployments of the Actions {@code Deploy} workflow: {@code github/deployments} (pages of
 * {@code GET /repos/{owner}/{repo}/deployments}, a bare array as the API returns it) and
 * {@code github/deployment_statuses} ({@code GET .../deployments/{id}/statuses}, newest first, under a
 * {@code deployment_id=} folder).
 *
 * <p>Every attempt of a Deploy run whose {@code deploy (staging)} or {@code deploy (production)} job ran
 * creates a deployment (environment {@code staging} or {@code production}), created by
 * {@code github-actions[bot]} when the job is created: {@code queued}, {@code in_progress}, then
 * {@code success}, {@code failure} (failed or timed out) or {@code error} (cancelled). About two repos in
 * three protect {@code production} with required reviewers: its deployment gets a {@code waiting}
 * status, and a reviewer of the owning team approves in their working time (mostly within minutes to a
 * few hours, some the next working morning), after which it is {@code queued}, {@code in_progress} and
 * final; about 4% of approvals are rejected ({@code failure}, "Deployment rejected"). A newer successful
 * deployment to an environment marks the previous one {@code inactive}. Each status's {@code log_url}
 * names the Actions run and job.
 *
 * <p>Some services are still tested by hand before production (every team has at least one; each other
 * deployable repository one time in four): their pre-production environment is {@code qa} instead of
 * {@code staging}, protected by a required reviewer, a tester of the owning team who approves after
 * testing in their working time (half an hour to a few hours, some the next working morning; about 6% are
 * rejected, and that run deploys nothing to production). The production deployment of such a run starts
 * after the QA deployment finished. A {@code qa} environment matches the default
 * {@code friction.manual_test_jobs}, so its wait is the manual-testing crack (contract 6.7), where a
 * production approval is a manual deploy step.
 *
 * <p>Known simplification: the Actions exports (kept byte-identical when deployments were added) show
 * the pre-production and production jobs running right away; the deployments show the approval waits
 * and the jobs' real queue and duration after them.
 *
 * <p>The export of date D holds, per repository, every deployment one of whose statuses was created on
 * D (UTC), as it stood at the end of D, and for each its whole status list as of then.
 */
final class GithubDeploymentsExports {

  static final String SYSTEM = GithubActionsExports.SYSTEM;
  static final String DEPLOYMENTS = "deployments";
  static final String STATUSES = "deployment_statuses";

  private static final long ACTIONS_BOT_ID = 41898282L;
  private static final String ACTIONS_BOT = "github-actions[bot]";

  record Status(String state, long at, String description) {}

  static final class Deployment {
    long id;
    Repo repo;
    String environment;
    String sha;
    String ref;
    long createdAt;
    long runId;
    long jobId;
    final List<Status> statuses = new ArrayList<>();
    final List<Long> statusIds = new ArrayList<>();

    long lastStatusAt() {
      return statuses.get(statuses.size() - 1).at();
    }

    Status finalStatus() {
      for (int i = statuses.size() - 1; i >= 0; i--) {
        String s = statuses.get(i).state();
        if (s.equals("success") || s.equals("failure") || s.equals("error")) {
          return statuses.get(i);
        }
      }
      return null;
    }
  }

  /** Builds and writes the deployments of {@code deployRuns} (every Deploy run, in creation order). */
  static List<Deployment> write(ExportContext ctx, List<Run> deployRuns) {
    SplittableRandom r = ctx.stream(SYSTEM, "deployments");
    Organisation org = ctx.organisation();
    Map<Long, Boolean> protectedRepo = new HashMap<>();
    for (Repo repo : org.repos()) {
      protectedRepo.put(repo.id(), r.nextDouble() < 0.67);
    }
    // its own stream, so the draws above (and the deployments of repositories without QA) stay as they were
    SplittableRandom qaRandom = ctx.stream(SYSTEM, "deployments/qa");
    Set<Long> handTested = handTested(org, qaRandom);
    List<Deployment> all = new ArrayList<>();
    for (Run run : deployRuns) {
      for (Attempt a : run.attempts) {
        if (a.jobs.length < 3) {
          continue;
        }
        boolean qa = handTested.contains(run.trigger.setup().repo().id());
        Deployment staging = deployment(run, a.jobs[1], qa ? QA : "staging");
        long delay = 0;
        if (staging != null) {
          if (qa) {
            gated(staging, a.jobs[1], org, qaRandom, QA_REVIEW, 0);
            Status end = staging.finalStatus();
            if (end.description() != null) {
              all.add(staging); // rejected: nothing goes to production from this run
              continue;
            }
            delay = Math.max(0, end.at() - a.jobs[1].completedAt);
          } else {
            plain(staging, a.jobs[1], 0);
          }
          all.add(staging);
        }
        Deployment prod = deployment(run, a.jobs[2], "production");
        if (prod != null) {
          prod.createdAt += delay;
          if (protectedRepo.getOrDefault(run.trigger.setup().repo().id(), false)) {
            gated(prod, a.jobs[2], org, r, PRODUCTION_APPROVAL, delay);
          } else {
            plain(prod, a.jobs[2], delay);
          }
          all.add(prod);
        }
      }
    }
    markInactive(all);
    number(all, r);
    export(ctx.landing(), ctx.range(), all);
    return all;
  }

  private static Deployment deployment(Run run, Job job, String env) {
    if (!job.ran) {
      return null;
    }
    Deployment d = new Deployment();
    d.repo = run.trigger.setup().repo();
    d.environment = env;
    d.sha = run.trigger.headCommit().sha();
    d.ref = run.trigger.headBranch();
    d.createdAt = job.createdAt;
    d.runId = run.id;
    d.jobId = job.id;
    return d;
  }

  private static String finalState(Job job) {
    return switch (job.conclusion) {
      case "success" -> "success";
      case "cancelled" -> "error";
      default -> "failure";
    };
  }

  /** The environment of a hand-tested service's pre-production deployments. */
  static final String QA = "qa";

  /**
   * How long a protected environment waits for its reviewer: the share approved the same day (else the
   * next working morning), the share of those within minutes, the short and the long waits (seconds), and
   * the share rejected.
   */
  record Review(double sameDay, double quick, int quickSeconds, int minLongSeconds, int longSeconds, double rejected) {}

  /** Production: a teammate approves, mostly within minutes. */
  static final Review PRODUCTION_APPROVAL = new Review(0.88, 0.55, 40 * 60, 45 * 60, 3 * 3600, 0.04);

  /** QA: a tester approves after testing by hand, half an hour to a few hours; bugs found reject it. */
  static final Review QA_REVIEW = new Review(0.8, 0.3, 60 * 60, 90 * 60, 4 * 3600, 0.06);

  /** Per team, one deployable repository at random, and each other one time in four. */
  private static Set<Long> handTested(Organisation org, SplittableRandom r) {
    Set<Long> ids = new HashSet<>();
    for (Team team : org.teams()) {
      List<Repo> repos = org.reposOf(team.name()).stream().filter(Repo::deployable).toList();
      if (repos.isEmpty()) {
        continue;
      }
      int first = r.nextInt(repos.size());
      for (int i = 0; i < repos.size(); i++) {
        if (i == first || r.nextDouble() < 0.25) {
          ids.add(repos.get(i).id());
        }
      }
    }
    return ids;
  }

  private static void plain(Deployment d, Job job, long delay) {
    d.statuses.add(new Status("queued", job.createdAt + delay, null));
    d.statuses.add(new Status("in_progress", Math.max(job.startedAt, job.createdAt + 1) + delay, null));
    d.statuses.add(new Status(finalState(job), Math.max(job.completedAt, job.startedAt + 2) + delay, null));
  }

  /**
   * A protected environment: waiting for a reviewer of the owning team, then the job's own timing; the job
   * created {@code delay} seconds after its Actions time.
   */
  private static void gated(Deployment d, Job job, Organisation org, SplittableRandom r, Review review, long delay) {
    Team team = org.team(d.repo.team());
    long createdAt = job.createdAt + delay;
    long waitingAt = createdAt + 1 + r.nextInt(3);
    d.statuses.add(new Status("queued", createdAt, null));
    d.statuses.add(new Status("waiting", waitingAt, null));
    double u = r.nextDouble();
    long asked = waitingAt + 60;
    long approved;
    if (u < review.sameDay()) {
      long target = asked + (u < review.quick() ? 240 + r.nextInt(review.quickSeconds())
          : review.minLongSeconds() + r.nextInt(review.longSeconds()));
      approved = team.nextWorkingMoment(target);
      if (approved != target) {
        approved += r.nextInt(5400); // the next morning: not all at the start of the day
      }
    } else {
      approved = team.nextWorkingDayStart(asked) + 600 + r.nextInt(3 * 3600);
    }
    if (r.nextDouble() < review.rejected()) {
      d.statuses.add(new Status("failure", approved, "Deployment rejected"));
      return;
    }
    long queue = Math.max(1, job.startedAt - job.createdAt);
    long run = Math.max(2, job.completedAt - job.startedAt);
    d.statuses.add(new Status("queued", approved, null));
    d.statuses.add(new Status("in_progress", approved + queue, null));
    d.statuses.add(new Status(finalState(job), approved + queue + run, null));
  }

  /** A successful deployment makes the previous successful one of its repo and environment inactive. */
  private static void markInactive(List<Deployment> all) {
    Map<String, List<Deployment>> byTarget = new TreeMap<>();
    for (Deployment d : all) {
      Status f = d.finalStatus();
      if (f != null && f.state().equals("success")) {
        byTarget.computeIfAbsent(d.repo.fullName() + " " + d.environment, k -> new ArrayList<>()).add(d);
      }
    }
    for (List<Deployment> list : byTarget.values()) {
      list.sort(Comparator.<Deployment>comparingLong(d -> d.finalStatus().at()).thenComparingLong(d -> d.runId)
          .thenComparingLong(d -> d.jobId));
      for (int i = 1; i < list.size(); i++) {
        Deployment older = list.get(i - 1);
        long at = list.get(i).finalStatus().at() + 1;
        if (at > older.lastStatusAt()) {
          older.statuses.add(new Status("inactive", at, null));
        }
      }
    }
  }

  /** Ids in creation order: deployments by created time, statuses by their time. */
  private static void number(List<Deployment> all, SplittableRandom r) {
    all.sort(Comparator.<Deployment>comparingLong(d -> d.createdAt).thenComparingLong(d -> d.runId)
        .thenComparingLong(d -> d.jobId));
    long nextId = 2_400_000_000L + r.nextInt(100_000_000);
    record Ref(Deployment d, int index, long at) {}
    List<Ref> statuses = new ArrayList<>();
    for (Deployment d : all) {
      nextId += 1 + r.nextInt(30);
      d.id = nextId;
      for (int i = 0; i < d.statuses.size(); i++) {
        statuses.add(new Ref(d, i, d.statuses.get(i).at()));
        d.statusIds.add(0L);
      }
    }
    statuses.sort(Comparator.comparingLong(Ref::at).thenComparingLong(s -> s.d().id)
        .thenComparingInt(Ref::index));
    long nextStatus = 5_100_000_000L + r.nextInt(100_000_000);
    for (Ref s : statuses) {
      nextStatus += 1 + r.nextInt(60);
      s.d().statusIds.set(s.index(), nextStatus);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static void export(Landing landing, DateRange range, List<Deployment> all) {
    for (LocalDate date : range.dates()) {
      long dayStart = date.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
      long cutoff = dayStart + 86_400L;
      TreeMap<String, List<Deployment>> byRepo = new TreeMap<>();
      for (Deployment d : all) {
        boolean changed = d.statuses.stream().anyMatch(s -> s.at() >= dayStart && s.at() < cutoff);
        if (changed) {
          byRepo.computeIfAbsent(d.repo.fullName(), k -> new ArrayList<>()).add(d);
        }
      }
      for (Map.Entry<String, List<Deployment>> e : byRepo.entrySet()) {
        List<Deployment> list = new ArrayList<>(e.getValue());
        list.sort(Comparator.<Deployment>comparingLong(d -> d.id).reversed()); // the API: newest first
        ArrayNode page = JsonFiles.MAPPER.createArrayNode();
        list.forEach(d -> page.add(deploymentJson(d, cutoff)));
        Path file = landing.partition(SYSTEM, DEPLOYMENTS, date, "repo", e.getKey())
            .resolve("deployments-1.json");
        landing.write(SYSTEM, DEPLOYMENTS, file, JsonFiles.bytes(page), list.size());
        for (Deployment d : list) {
          ArrayNode statuses = JsonFiles.MAPPER.createArrayNode();
          for (int i = d.statuses.size() - 1; i >= 0; i--) {
            if (d.statuses.get(i).at() < cutoff) {
              statuses.add(statusJson(d, i));
            }
          }
          Path sf = landing.partition(SYSTEM, STATUSES, date, "repo", e.getKey(), "deployment_id",
              Long.toString(d.id)).resolve("statuses.json");
          landing.write(SYSTEM, STATUSES, sf, JsonFiles.bytes(statuses), statuses.size());
        }
      }
    }
  }

  private static String api(Repo repo) {
    return "https://api.github.com/repos/" + repo.fullName();
  }

  private static ObjectNode deploymentJson(Deployment d, long cutoff) {
    long updated = d.createdAt;
    for (Status s : d.statuses) {
      if (s.at() < cutoff) {
        updated = Math.max(updated, s.at());
      }
    }
    String url = api(d.repo) + "/deployments/" + d.id;
    ObjectNode o = JsonFiles.MAPPER.createObjectNode();
    o.put("url", url);
    o.put("id", d.id);
    o.put("node_id", GithubActionsJson.nodeId("DE_kwDO", d.id));
    o.put("sha", d.sha);
    o.put("ref", d.ref);
    o.put("task", "deploy");
    o.putObject("payload");
    o.put("original_environment", d.environment);
    o.put("environment", d.environment);
    o.putNull("description");
    o.set("creator", JsonFiles.githubUser(ACTIONS_BOT, ACTIONS_BOT_ID, "Bot"));
    o.put("created_at", JsonFiles.seconds(d.createdAt));
    o.put("updated_at", JsonFiles.seconds(updated));
    o.put("statuses_url", url + "/statuses");
    o.put("repository_url", api(d.repo));
    o.put("transient_environment", false);
    o.put("production_environment", d.environment.equals("production"));
    o.putNull("performed_via_github_app");
    return o;
  }

  private static ObjectNode statusJson(Deployment d, int index) {
    Status s = d.statuses.get(index);
    long id = d.statusIds.get(index);
    String deploymentUrl = api(d.repo) + "/deployments/" + d.id;
    String log = "https://github.com/" + d.repo.fullName() + "/actions/runs/" + d.runId + "/job/" + d.jobId;
    ObjectNode o = JsonFiles.MAPPER.createObjectNode();
    o.put("url", deploymentUrl + "/statuses/" + id);
    o.put("id", id);
    o.put("node_id", GithubActionsJson.nodeId("DES_kwDO", id));
    o.put("state", s.state());
    o.set("creator", JsonFiles.githubUser(ACTIONS_BOT, ACTIONS_BOT_ID, "Bot"));
    o.put("description", s.description() == null ? "" : s.description());
    o.put("environment", d.environment);
    o.put("target_url", log);
    o.put("created_at", JsonFiles.seconds(s.at()));
    o.put("updated_at", JsonFiles.seconds(s.at()));
    o.put("deployment_url", deploymentUrl);
    o.put("repository_url", api(d.repo));
    o.put("environment_url", d.environment.equals("production")
        ? "https://" + d.repo.name() + ".northwind.example"
        : "https://" + d.repo.name() + "." + d.environment + ".northwind.example");
    o.put("log_url", log);
    o.putNull("performed_via_github_app");
    return o;
  }
}
