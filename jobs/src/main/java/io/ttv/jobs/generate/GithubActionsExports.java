package io.ttv.jobs.generate;

import io.ttv.jobs.generate.GithubRunSimulator.Attempt;
import io.ttv.jobs.generate.GithubRunSimulator.Run;
import io.ttv.jobs.generate.GithubRunSimulator.Trigger;
import io.ttv.jobs.generate.GithubWorkflows.RepoSetup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * GitHub Actions exports: {@code github/workflow_runs} (pages of {@code GET
 * /repos/{owner}/{repo}/actions/runs}) and {@code github/workflow_jobs} (one {@code GET
 * .../runs/{id}/attempts/{n}/jobs} per attempt), as a daily exporter would have written them; and the
 * deployments of the Deploy workflow ({@link GithubDeploymentsExports}).
 *
 * <p>The export of date D holds every run that changed on D (UTC), as it stood at the end of D: a run
 * still going at midnight is exported unfinished on D and again, finished, on D+1. A run page shows
 * the run's newest attempt only; each attempt that changed on D gets its own jobs file. Runs are split
 * into pages of at most 100, newest first, and {@code total_count} counts all pages of the repo and
 * date. Export dates cycle through the landing shapes: {@code runs-N.json} mostly, {@code runs-N.ndjson}
 * (one run a line) on every fourth date from the second, {@code runs-N.json.gz} on every fourth date
 * from the fourth.
 */
final class GithubActionsExports implements SourceExports {

  static final String SYSTEM = "github";
  static final String RUNS = "workflow_runs";
  static final String JOBS = "workflow_jobs";
  static final int PAGE_SIZE = 100;

  private enum Shape {
    JSON(".json"), NDJSON(".ndjson"), GZIP(".json.gz");

    final String suffix;

    Shape(String suffix) {
      this.suffix = suffix;
    }
  }

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public void write(ExportContext ctx) {
    Organisation org = ctx.organisation();
    DateRange range = ctx.range();
    SplittableRandom random = ctx.random();

    Map<Long, RepoSetup> setups = new HashMap<>();
    List<Repo> repos = org.repos();
    for (int i = 0; i < repos.size(); i++) {
      setups.put(repos.get(i).id(), GithubWorkflows.of(repos.get(i), i == 0));
    }

    // One afternoon (13:00-17:00 UTC) when hosted runners are scarce, for the queue charts to show.
    long congestedFrom = 0;
    long congestedTo = 0;
    if (range.days() >= 3) {
      LocalDate day = range.first().plusDays(1 + random.nextInt(range.days() - 1));
      congestedFrom = day.atStartOfDay().toEpochSecond(ZoneOffset.UTC) + 13 * 3600;
      congestedTo = congestedFrom + 4 * 3600;
    }
    GithubRunSimulator simulator =
        new GithubRunSimulator(org, congestedFrom, congestedTo, random.split());
    List<Trigger> triggers = triggers(org, range, ctx.activity(), setups, random.split());
    SplittableRandom runSeeds = random.split();
    GithubActionsJson json = new GithubActionsJson(org);
    Faults faults = new Faults(range.days());

    List<Run> deployRuns = new ArrayList<>();
    TreeMap<Long, List<Run>> byDay = new TreeMap<>();
    long lastDay = range.last().toEpochDay();
    int next = 0;
    List<LocalDate> dates = range.dates();
    for (int index = 0; index < dates.size(); index++) {
      LocalDate date = dates.get(index);
      long dayEnd = date.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
      while (next < triggers.size() && triggers.get(next).at() < dayEnd) {
        Run run = simulator.play(triggers.get(next), new SplittableRandom(runSeeds.nextLong()));
        if (run.trigger.workflow() == run.trigger.setup().deploy()) {
          deployRuns.add(run);
        }
        for (long day : run.eventDays()) {
          if (day <= lastDay) {
            byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(run);
          }
        }
        next++;
      }
      List<Run> today = byDay.remove(date.toEpochDay());
      exportDay(ctx.landing(), json, faults, index, date, today == null ? List.of() : today);
    }
    // Deployments from their own random stream: the Actions bytes above do not depend on them.
    for (GithubDeploymentsExports.Deployment d : GithubDeploymentsExports.write(ctx, deployRuns)) {
      GithubDeploymentsExports.Status end = d.finalStatus();
      if (d.environment.equals("production") && end != null && end.state().equals("success")) {
        ctx.deploys().add(d.repo, end.at());
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // What starts runs

  /**
   * Runs from pushes (pull-request CI; CI on every push in some repos; CI and Deploy on merges to the
   * default branch), the nightly schedule (GitHub starts scheduled runs a few minutes late), and a
   * manual Deploy dispatch on about one working day in eight per deployable repo.
   */
  static List<Trigger> triggers(
      Organisation org,
      DateRange range,
      CodeActivity activity,
      Map<Long, RepoSetup> setups,
      SplittableRandom r) {
    long start = range.startEpoch();
    long end = range.endEpoch();
    List<Trigger> triggers = new ArrayList<>();
    for (CodeActivity.Push p : activity.pushes()) {
      if (p.at() < start || p.at() >= end || p.kind() == CodeActivity.Kind.INITIAL) {
        continue;
      }
      RepoSetup s = setups.get(p.repo().id());
      if (p.kind() == CodeActivity.Kind.BRANCH_PUSH) {
        if (s.ciOnEveryPush()) {
          triggers.add(new Trigger(p.at() + r.nextInt(3), s, s.ci(), "push", p.branch(), p.commit(),
              p.pull(), p.baseSha(), p.pusher()));
        }
        triggers.add(new Trigger(p.at() + 1 + r.nextInt(4), s, s.ci(), "pull_request", p.branch(),
            p.commit(), p.pull(), p.baseSha(), p.pusher()));
      } else {
        triggers.add(new Trigger(p.at() + r.nextInt(3), s, s.ci(), "push", p.branch(), p.commit(),
            null, p.baseSha(), p.pusher()));
        if (s.deploy() != null) {
          triggers.add(new Trigger(p.at() + r.nextInt(3), s, s.deploy(), "push", p.branch(),
              p.commit(), null, p.baseSha(), p.pusher()));
        }
      }
    }
    for (Repo repo : org.repos()) {
      RepoSetup s = setups.get(repo.id());
      List<Person> team = org.peopleOf(repo.team());
      Team schedule = org.team(repo.team());
      // The actor of a scheduled run is whoever last edited the cron: one person per repo.
      Author owner = team.get(r.nextInt(team.size())).author();
      for (LocalDate date : range.dates()) {
        long midnight = date.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        if (s.nightly() != null) {
          long at = midnight + s.nightlyMinuteOfDay() * 60L + 60 + r.nextInt(660);
          triggers.add(head(activity, s, s.nightly(), "schedule", at, owner));
        }
        if (s.deploy() != null && schedule.isWorkingDay(date) && r.nextDouble() < 0.12) {
          Author who = team.get(r.nextInt(team.size())).author();
          long at = schedule.workStartEpoch(date) + (long) (r.nextDouble() * schedule.workSeconds());
          triggers.add(head(activity, s, s.deploy(), "workflow_dispatch", at, who));
        }
      }
    }
    triggers.removeIf(t -> t.at() < start || t.at() >= end);
    triggers.sort(
        Comparator.comparingLong(Trigger::at)
            .thenComparing(t -> t.setup().repo().fullName())
            .thenComparing(t -> t.workflow().name())
            .thenComparing(Trigger::event)
            .thenComparing(t -> t.headCommit().sha()));
    return triggers;
  }

  private static Trigger head(
      CodeActivity activity, RepoSetup s, GithubWorkflows.Workflow wf, String event, long at,
      Author actor) {
    CodeActivity.Push head = activity.defaultBranchHeadAt(s.repo(), at);
    return new Trigger(at, s, wf, event, s.repo().defaultBranch(), head.commit(), null,
        head.commit().sha(), actor);
  }

  // ---------------------------------------------------------------------------------------------
  // One export date

  private void exportDay(
      Landing landing, GithubActionsJson json, Faults faults, int index, LocalDate date,
      List<Run> runs) {
    long dayStart = date.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    long cutoff = dayStart + 86_400L;
    TreeMap<String, List<Run>> byRepo = new TreeMap<>();
    for (Run run : runs) {
      byRepo.computeIfAbsent(run.trigger.setup().repo().fullName(), k -> new ArrayList<>()).add(run);
    }
    Comparator<Run> newestFirst =
        Comparator.<Run>comparingLong(r -> r.createdAt).thenComparingLong(r -> r.id).reversed();
    String busiest = null;
    for (Map.Entry<String, List<Run>> e : byRepo.entrySet()) {
      e.getValue().sort(newestFirst);
      if (busiest == null || e.getValue().size() > byRepo.get(busiest).size()) {
        busiest = e.getKey();
      }
    }

    // Jobs files of today: every attempt that changed today.
    record JobsFile(Run run, Attempt attempt) {}
    List<JobsFile> jobsFiles = new ArrayList<>();
    long jobRecords = 0;
    for (List<Run> repoRuns : byRepo.values()) {
      for (Run run : repoRuns) {
        for (Attempt a : run.attempts) {
          if (a.hasEventIn(dayStart, cutoff)) {
            jobsFiles.add(new JobsFile(run, a));
            jobRecords += GithubActionsJson.visibleJobs(a, cutoff).size();
          }
        }
      }
    }

    // Faults: at most one per dataset and date, only where the date's dataset is big enough.
    boolean bigRuns = runs.size() >= Landing.FAULT_MIN_DAY_RECORDS;
    InjectedFault.Kind runsFault = null;
    long omitIdOf = Long.MIN_VALUE;
    if (busiest != null && bigRuns && faults.due(InjectedFault.Kind.NOT_JSON_LINE, index)) {
      runsFault = InjectedFault.Kind.NOT_JSON_LINE;
    } else if (busiest != null && bigRuns && faults.due(InjectedFault.Kind.MISSING_ID, index)) {
      Run victim = onlyToday(page(byRepo.get(busiest), 0), date);
      if (victim != null) {
        runsFault = InjectedFault.Kind.MISSING_ID;
        omitIdOf = victim.id;
      }
    }
    JobsFile truncated = null;
    if (busiest != null && jobRecords >= Landing.FAULT_MIN_DAY_RECORDS
        && faults.due(InjectedFault.Kind.TRUNCATED_FILE, index)) {
      List<Run> candidates = new ArrayList<>(byRepo.get(busiest));
      final long spared = omitIdOf; // one fault per run: keep the id-less run's jobs readable
      candidates.removeIf(r -> r.id == spared);
      Run victim = onlyToday(candidates, date);
      if (victim != null) {
        truncated = new JobsFile(victim, victim.attempts.get(0));
      }
    }

    Shape dayShape = index % 4 == 1 ? Shape.NDJSON : index % 4 == 3 ? Shape.GZIP : Shape.JSON;
    for (Map.Entry<String, List<Run>> e : byRepo.entrySet()) {
      List<Run> repoRuns = e.getValue();
      Path dir = landing.partition(SYSTEM, RUNS, date, "repo", e.getKey());
      int pages = (repoRuns.size() + PAGE_SIZE - 1) / PAGE_SIZE;
      for (int p = 0; p < pages; p++) {
        List<Run> page = page(repoRuns, p);
        boolean faultPage = p == 0 && e.getKey().equals(busiest) && runsFault != null;
        Shape shape = faultPage && runsFault == InjectedFault.Kind.NOT_JSON_LINE ? Shape.NDJSON
            : faultPage ? Shape.JSON : dayShape;
        long omit = faultPage ? omitIdOf : Long.MIN_VALUE;
        byte[] bytes = switch (shape) {
          case JSON -> json.runsPage(page, repoRuns.size(), cutoff, omit);
          case NDJSON -> json.runsNdjson(page, cutoff, omit);
          case GZIP -> gzip(json.runsPage(page, repoRuns.size(), cutoff, omit));
        };
        Path file = dir.resolve("runs-" + (p + 1) + shape.suffix);
        if (faultPage && runsFault == InjectedFault.Kind.NOT_JSON_LINE) {
          bytes = withLineAfterFirst(bytes, NOT_JSON_LINE);
          faults.placed(runsFault, landing, new InjectedFault(runsFault, SYSTEM + "/" + RUNS, file,
              page.get(0).id, "line 2 is an HTML error page, not JSON"));
        } else if (faultPage) {
          faults.placed(runsFault, landing, new InjectedFault(runsFault, SYSTEM + "/" + RUNS, file,
              omitIdOf, "run " + omitIdOf + " is written without its \"id\""));
        }
        landing.write(SYSTEM, RUNS, file, bytes, page.size());
      }
    }

    for (JobsFile f : jobsFiles) {
      Repo repo = f.run().trigger.setup().repo();
      Path file = landing
          .partition(SYSTEM, JOBS, date, "repo", repo.fullName(), "run_id", Long.toString(f.run().id))
          .resolve("attempt=" + f.attempt().number + ".json");
      byte[] bytes = json.jobsPage(f.run(), f.attempt(), cutoff);
      if (truncated != null && truncated.run() == f.run() && truncated.attempt() == f.attempt()) {
        bytes = Arrays.copyOf(bytes, bytes.length / 2);
        faults.placed(InjectedFault.Kind.TRUNCATED_FILE, landing, new InjectedFault(
            InjectedFault.Kind.TRUNCATED_FILE, SYSTEM + "/" + JOBS, file, f.run().id,
            "cut after " + bytes.length + " bytes, in the middle of a job"));
      }
      landing.write(SYSTEM, JOBS, file, bytes,
          GithubActionsJson.visibleJobs(f.attempt(), cutoff).size());
    }
  }

  private static final String NOT_JSON_LINE =
      "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";

  private static List<Run> page(List<Run> runs, int page) {
    return runs.subList(page * PAGE_SIZE, Math.min(runs.size(), (page + 1) * PAGE_SIZE));
  }

  /** The middle one of the runs that appear on this date only, with one attempt: a clean victim. */
  private static Run onlyToday(List<Run> runs, LocalDate date) {
    List<Run> candidates = new ArrayList<>();
    for (Run run : runs) {
      var days = run.eventDays();
      if (run.attempts.size() == 1 && days.size() == 1 && days.first() == date.toEpochDay()) {
        candidates.add(run);
      }
    }
    return candidates.isEmpty() ? null : candidates.get(candidates.size() / 2);
  }

  private static byte[] withLineAfterFirst(byte[] ndjson, String line) {
    int firstNewline = 0;
    while (firstNewline < ndjson.length && ndjson[firstNewline] != '\n') {
      firstNewline++;
    }
    int cut = Math.min(ndjson.length, firstNewline + 1);
    byte[] extra = (line + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[ndjson.length + extra.length];
    System.arraycopy(ndjson, 0, out, 0, cut);
    System.arraycopy(extra, 0, out, cut, extra.length);
    System.arraycopy(ndjson, cut, out, cut + extra.length, ndjson.length - cut);
    return out;
  }

  /** Gzip with the JDK's fixed header (no file name, modification time 0): same bytes every time. */
  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 6 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Where the three faults go: the invalid NDJSON line from the second export date on, the run without
   * id from the third, the truncated jobs file from the fourth (earlier when the range is shorter), each
   * on the first date big enough to take it.
   */
  private static final class Faults {
    private final Map<InjectedFault.Kind, Integer> earliest = new TreeMap<>();

    Faults(int days) {
      earliest.put(InjectedFault.Kind.NOT_JSON_LINE, Math.min(1, days - 1));
      earliest.put(InjectedFault.Kind.MISSING_ID, Math.min(2, days - 1));
      earliest.put(InjectedFault.Kind.TRUNCATED_FILE, Math.min(3, days - 1));
    }

    boolean due(InjectedFault.Kind kind, int dayIndex) {
      Integer from = earliest.get(kind);
      return from != null && dayIndex >= from;
    }

    void placed(InjectedFault.Kind kind, Landing landing, InjectedFault fault) {
      earliest.remove(kind);
      landing.fault(fault);
    }
  }
}
