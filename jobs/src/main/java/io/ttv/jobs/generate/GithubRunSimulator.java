package io.ttv.jobs.generate;

import io.ttv.jobs.generate.GithubWorkflows.JobSpec;
import io.ttv.jobs.generate.GithubWorkflows.RepoSetup;
import io.ttv.jobs.generate.GithubWorkflows.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Plays out workflow runs: every attempt of a run, its jobs' queue, start and end times, failures,
 * cancellations, time-outs and re-runs. The result is a timeline; {@link GithubActionsJson} renders it
 * as the API would have shown it at any export moment.
 *
 * <p>Shape of the behaviour: about 11% of first attempts fail (17% of nightly runs), 2% get cancelled
 * (a newer push; some finish before the cancel lands), 1% of runs with a self-hosted job time out;
 * failed runs are re-run 40% of the time, so about 5% of runs have a second attempt and a few a
 * third. A failing matrix job cancels its still-running siblings (fail-fast); jobs that need a job that
 * did not succeed are skipped.
 */
final class GithubRunSimulator {

  /** What made a run: event, workflow, the commit and branch it ran on, and who triggered it. */
  record Trigger(
      long at,
      RepoSetup setup,
      Workflow workflow,
      String event,
      String headBranch,
      CodeActivity.Commit headCommit,
      CodeActivity.PullRequest pull,
      String baseSha,
      Author actor) {}

  static final class Run {
    long id;
    int runNumber;
    long checkSuiteId;
    Trigger trigger;
    long createdAt;
    final List<Attempt> attempts = new ArrayList<>();

    /** The newest attempt that had started before {@code cutoff}. */
    Attempt attemptAt(long cutoff) {
      Attempt newest = attempts.get(0);
      for (Attempt a : attempts) {
        if (a.startedAt < cutoff) {
          newest = a;
        }
      }
      return newest;
    }

    /** The UTC epoch days on which something about the run changed. */
    TreeSet<Long> eventDays() {
      TreeSet<Long> days = new TreeSet<>();
      days.add(Math.floorDiv(createdAt, 86_400L));
      for (Attempt a : attempts) {
        a.forEachEvent(t -> days.add(Math.floorDiv(t, 86_400L)));
      }
      return days;
    }
  }

  static final class Attempt {
    int number;
    /** {@code run_started_at}: the run's start for attempt 1, the re-run's start after. */
    long startedAt;
    Author triggeringActor;
    Job[] jobs;
    String conclusion;
    long updatedAt;

    void forEachEvent(java.util.function.LongConsumer consumer) {
      consumer.accept(startedAt);
      for (Job j : jobs) {
        consumer.accept(j.createdAt);
        consumer.accept(j.startedAt);
        consumer.accept(j.completedAt);
      }
      consumer.accept(updatedAt);
    }

    boolean hasEventIn(long from, long to) {
      long[] found = {0};
      forEachEvent(t -> {
        if (t >= from && t < to) {
          found[0]++;
        }
      });
      return found[0] > 0;
    }

    /** The latest change before {@code cutoff} (what {@code updated_at} shows while running). */
    long lastEventBefore(long cutoff) {
      long[] last = {startedAt};
      forEachEvent(t -> {
        if (t < cutoff && t > last[0]) {
          last[0] = t;
        }
      });
      return last[0];
    }
  }

  static final class Job {
    long id;
    JobSpec spec;
    long createdAt;
    long startedAt;
    long completedAt;
    String conclusion;
    /** False for jobs that never got a runner (skipped, or cancelled while queued): no steps. */
    boolean ran;
    long runnerId;
    String runnerName;
    /** The main step at which a failure, cancellation or time-out struck; -1 if none. */
    int stopStep = -1;
    long seed;
  }

  private enum Outcome {
    SUCCESS, FAILURE, TIMED_OUT, CANCELLED
  }

  private final Organisation org;
  private final Map<String, Person> people;
  private final long congestedFrom;
  private final long congestedTo;
  private final Map<Long, Integer> runNumbers = new HashMap<>();
  private long nextRunId;
  private long nextJobId;
  private long nextCheckSuiteId;

  /**
   * @param congestedFrom start of a window (epoch seconds) in which GitHub-hosted runners are scarce
   *     and queues run long; {@code congestedTo <= congestedFrom} for none
   */
  GithubRunSimulator(Organisation org, long congestedFrom, long congestedTo, SplittableRandom r) {
    this.org = org;
    this.people = org.peopleByLogin();
    this.congestedFrom = congestedFrom;
    this.congestedTo = congestedTo;
    this.nextRunId = 20_000_000_000L + r.nextInt(1_000_000_000);
    this.nextJobId = 55_000_000_000L + r.nextInt(1_000_000_000);
    this.nextCheckSuiteId = 50_000_000_000L + r.nextInt(1_000_000_000);
  }

  /** Plays out one run, all its attempts. Call in trigger order: ids grow with creation time. */
  Run play(Trigger trigger, SplittableRandom r) {
    Run run = new Run();
    run.trigger = trigger;
    run.id = nextRunId += 1 + r.nextInt(400);
    run.checkSuiteId = nextCheckSuiteId += 1 + r.nextInt(900);
    long workflowId = trigger.workflow().id();
    int number = runNumbers.getOrDefault(workflowId, trigger.setup().firstRunNumber());
    runNumbers.put(workflowId, number + 1);
    run.runNumber = number;
    run.createdAt = trigger.at();

    long start = trigger.at() + r.nextInt(2);
    Author triggering = trigger.actor();
    for (int n = 1; ; n++) {
      Attempt attempt = attempt(run, n, start, triggering, outcome(trigger, n, r), r);
      run.attempts.add(attempt);
      if (n == 3 || !reRun(attempt.conclusion, n, r)) {
        break;
      }
      triggering = reRunner(trigger, r);
      start = reRunTime(attempt.updatedAt, triggering, r);
    }
    return run;
  }

  private Outcome outcome(Trigger t, int attempt, SplittableRandom r) {
    boolean schedule = t.event().equals("schedule");
    double fail = attempt > 1 ? 0.2 : schedule ? 0.17 : t.actor().bot() ? 0.15 : 0.11;
    double timeout = attempt > 1 ? 0.003 : t.workflow().hasSelfHosted() ? 0.01 : 0.002;
    double cancel = attempt > 1 ? 0.01 : 0.022;
    double u = r.nextDouble();
    if (u < fail) {
      return Outcome.FAILURE;
    }
    if (u < fail + timeout) {
      return Outcome.TIMED_OUT;
    }
    if (u < fail + timeout + cancel) {
      return Outcome.CANCELLED;
    }
    return Outcome.SUCCESS;
  }

  private static boolean reRun(String conclusion, int attempt, SplittableRandom r) {
    double p = switch (conclusion) {
      case "failure" -> 0.4;
      case "timed_out" -> 0.6;
      case "cancelled" -> 0.2;
      default -> attempt == 1 ? 0.004 : 0.0; // a re-run of a green run, e.g. to deploy again
    };
    return r.nextDouble() < (attempt == 1 ? p : 0.7 * p);
  }

  /** Who clicks "Re-run": the author mostly, a teammate sometimes; the owning team for bots. */
  private Author reRunner(Trigger t, SplittableRandom r) {
    Person actor = people.get(t.actor().login());
    List<Person> team = org.peopleOf(t.setup().repo().team());
    if (actor != null && (team.size() < 2 || r.nextDouble() < 0.9)) {
      return actor.author();
    }
    if (team.isEmpty()) {
      return t.actor();
    }
    return team.get(r.nextInt(team.size())).author();
  }

  /**
   * Most re-runs come minutes after the failure, in working time; some the next working morning;
   * failures outside working time (nightly runs) wait for the next working moment.
   */
  private long reRunTime(long failedAt, Author who, SplittableRandom r) {
    Person person = people.get(who.login());
    Team schedule = person == null ? Organisation.OUTSIDE : org.scheduleOf(person);
    if (r.nextDouble() < 0.7) {
      long soon = failedAt + 120 + r.nextInt(3600);
      long working = schedule.nextWorkingMoment(soon);
      return working == soon ? soon : working + r.nextInt(5400);
    }
    return schedule.nextWorkingDayStart(failedAt) + r.nextInt(3 * 3600);
  }

  private Attempt attempt(
      Run run, int number, long start, Author triggering, Outcome outcome, SplittableRandom r) {
    Workflow wf = run.trigger.workflow();
    double speed = run.trigger.setup().speed();
    List<JobSpec> specs = wf.jobs();
    int n = specs.size();
    Attempt a = new Attempt();
    a.number = number;
    a.startedAt = start;
    a.triggeringActor = triggering;
    a.jobs = new Job[n];

    int failing = outcome == Outcome.FAILURE ? weightedPick(specs, r) : -1;
    int timingOut = outcome == Outcome.TIMED_OUT ? timeoutVictim(specs) : -1;
    long cancelAt = outcome == Outcome.CANCELLED ? start + 30 + r.nextInt(8 * 60) : Long.MAX_VALUE;
    long failedAt = -1;

    for (int i = 0; i < n; i++) {
      JobSpec spec = specs.get(i);
      Job j = new Job();
      a.jobs[i] = j;
      j.id = nextJobId += 1 + r.nextInt(12);
      j.spec = spec;
      j.seed = r.nextLong();
      long queue = queueSeconds(spec.selfHosted(), start, r);
      long duration = durationSeconds(spec.meanSeconds() * speed, r);

      long ready = start + 2 + r.nextInt(4);
      long needsDone = start;
      boolean blocked = false;
      for (int need : spec.needs()) {
        Job dep = a.jobs[need];
        needsDone = Math.max(needsDone, dep.completedAt);
        ready = Math.max(ready, dep.completedAt + 1 + r.nextInt(3));
        blocked |= !dep.conclusion.equals("success");
      }
      if (blocked) {
        j.createdAt = j.startedAt = j.completedAt = needsDone + 1;
        j.conclusion = "skipped";
        continue;
      }
      j.createdAt = ready;
      j.startedAt = ready + queue;
      j.completedAt = j.startedAt + duration;
      j.conclusion = "success";
      j.ran = true;
      assignRunner(j, r);
      int mainSteps = spec.steps().size();
      if (i == failing) {
        j.completedAt = j.startedAt + Math.max(8, (long) (duration * (0.25 + 0.75 * r.nextDouble())));
        j.conclusion = "failure";
        j.stopStep = r.nextDouble() < 0.7
            ? GithubActionsJson.heavyStep(spec.steps())
            : r.nextInt(mainSteps);
        failedAt = j.completedAt;
        for (int s = 0; s < i; s++) {
          if (siblings(specs, s, i)) {
            stop(a.jobs[s], failedAt + 1 + r.nextInt(3), "cancelled", r);
          }
        }
      } else if (failing >= 0 && failing < i && siblings(specs, failing, i)) {
        stop(j, failedAt + 1 + r.nextInt(3), "cancelled", r);
      }
      if (i == timingOut) {
        j.completedAt = j.startedAt + spec.timeoutMinutes() * 60L + r.nextInt(5);
        j.conclusion = "timed_out";
        j.stopStep = r.nextInt(mainSteps);
      }
      if (j.completedAt > cancelAt) {
        stop(j, cancelAt + 1 + r.nextInt(3), "cancelled", r);
      }
    }

    a.conclusion = conclusion(a.jobs);
    long end = start;
    for (Job j : a.jobs) {
      end = Math.max(end, j.completedAt);
    }
    a.updatedAt = end + 1 + r.nextInt(6);
    return a;
  }

  /** Stops a job at {@code at} unless it finished before: cut while running, or never started. */
  private static void stop(Job j, long at, String conclusion, SplittableRandom r) {
    if (j.completedAt <= at || !j.ran) {
      return;
    }
    if (j.startedAt < at) {
      j.completedAt = at;
      j.stopStep = r.nextInt(j.spec.steps().size());
    } else {
      j.createdAt = Math.min(j.createdAt, at);
      j.startedAt = j.completedAt = at;
      j.ran = false;
      j.runnerId = 0;
      j.runnerName = null;
    }
    j.conclusion = conclusion;
  }

  private static String conclusion(Job[] jobs) {
    boolean timedOut = false;
    boolean cancelled = false;
    for (Job j : jobs) {
      switch (j.conclusion) {
        case "failure" -> {
          return "failure";
        }
        case "timed_out" -> timedOut = true;
        case "cancelled" -> cancelled = true;
        default -> { }
      }
    }
    return timedOut ? "timed_out" : cancelled ? "cancelled" : "success";
  }

  private static boolean siblings(List<JobSpec> specs, int a, int b) {
    JobSpec x = specs.get(a);
    JobSpec y = specs.get(b);
    return x.matrixGroup() != null
        && Objects.equals(x.matrixGroup(), y.matrixGroup())
        && x.needs().equals(y.needs());
  }

  private static int weightedPick(List<JobSpec> specs, SplittableRandom r) {
    double total = specs.stream().mapToDouble(JobSpec::failWeight).sum();
    double u = r.nextDouble() * total;
    for (int i = 0; i < specs.size(); i++) {
      u -= specs.get(i).failWeight();
      if (u < 0) {
        return i;
      }
    }
    return specs.size() - 1;
  }

  /** The self-hosted job if there is one, else the longest. */
  private static int timeoutVictim(List<JobSpec> specs) {
    int best = 0;
    for (int i = 0; i < specs.size(); i++) {
      JobSpec s = specs.get(i);
      JobSpec b = specs.get(best);
      if (s.selfHosted() && !b.selfHosted()
          || s.selfHosted() == b.selfHosted() && s.meanSeconds() > b.meanSeconds()) {
        best = i;
      }
    }
    return best;
  }

  /**
   * Queue wait: hosted runners mostly 5-60 s, sometimes a few minutes, rarely up to 14 minutes (and
   * four times as long in the congested window); the self-hosted pool is often busy: 15% of jobs wait
   * 5-30 minutes.
   */
  private long queueSeconds(boolean selfHosted, long at, SplittableRandom r) {
    double u = r.nextDouble();
    if (selfHosted) {
      return u < 0.85 ? 5 + r.nextInt(86) : 300 + r.nextInt(1500);
    }
    long wait;
    if (u < 0.9) {
      double v = r.nextDouble();
      wait = 5 + (long) (55 * v * v);
    } else if (u < 0.98) {
      wait = 60 + r.nextInt(180);
    } else {
      wait = 240 + r.nextInt(600);
    }
    if (at >= congestedFrom && at < congestedTo) {
      wait = wait * 4 + 60;
    }
    return wait;
  }

  private static long durationSeconds(double mean, SplittableRandom r) {
    double factor = Math.exp(0.3 * r.nextGaussian());
    return Math.max(10, Math.round(mean * Math.min(3.0, Math.max(0.3, factor))));
  }

  private static void assignRunner(Job j, SplittableRandom r) {
    if (j.spec.selfHosted()) {
      int k = 1 + r.nextInt(8);
      j.runnerId = 10 + k;
      j.runnerName = String.format(java.util.Locale.ROOT, "ci-runner-%02d", k);
    } else {
      int k = 1 + r.nextInt(2000);
      j.runnerId = k;
      j.runnerName = "GitHub Actions " + k;
    }
  }
}
