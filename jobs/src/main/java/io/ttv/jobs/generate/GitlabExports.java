package io.ttv.jobs.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * GitLab CI exports of the projects on the self-hosted GitLab ({@link Forges#gitlab()}), GitLab REST v4
 * bodies as a daily exporter would write them under a {@code project=<group>%2F<name>} folder:
 *
 * <ul>
 *   <li>{@code gitlab/pipelines}: {@code list-1.json}, the list page ({@code GET
 *       /projects/:id/pipelines?updated_after=..}) of the pipelines that changed that day, and one
 *       {@code pipeline-<id>.json} single-pipeline body ({@code GET /pipelines/:pid}, with start,
 *       finish, duration, queue and user) for each of them that has started; a pipeline cancelled
 *       before any job started is a list item only;
 *   <li>{@code gitlab/jobs}: pages of {@code GET /projects/:id/jobs} (newest first, 100 a page) with the
 *       jobs that changed that day, each with its nested {@code pipeline}, float {@code duration},
 *       {@code queued_duration}, {@code user}, {@code runner};
 *   <li>{@code gitlab/deployments}: {@code GET /projects/:id/deployments?updated_after=..} items, the
 *       {@code environment} and the {@code deployable} job embedded.
 * </ul>
 *
 * <p>Pipelines: merge-request pipelines ({@code merge_request_event}, ref
 * {@code refs/merge-requests/<iid>/head}; a newer push to the merge request cancels one still running)
 * with stages build and test; pipelines on the default branch ({@code push}) with build, test, then
 * {@code deploy-staging} (environment staging) and the {@code when: manual} gate
 * {@code deploy-production} (environment production, {@code allow_failure: false}, so the pipeline
 * shows {@code manual} while it waits); and a nightly {@code schedule} pipeline named {@code Nightly} in
 * about half the projects. A failed job is retried (a later job of the same pipeline with the same
 * name) about a third of the time. A teammate plays the gate in working time: minutes to hours later,
 * or the next working morning (then the export of the waiting day shows the job {@code manual} and a
 * later one shows it played, by its player, with its real {@code started_at}); about 6% are never
 * played. Timestamps are GitLab's millisecond {@code Z} form; commit dates use {@code +00:00}.
 */
final class GitlabExports implements SourceExports {

  static final String SYSTEM = "gitlab";
  static final String PIPELINES = "pipelines";
  static final String JOBS = "jobs";
  static final String DEPLOYMENTS = "deployments";
  static final int PAGE_SIZE = 100;

  private static final String BASE = "https://" + Forges.GITLAB_HOST;

  /** Configured people by GitHub login (the activity's authors), for their GitLab usernames. */
  private Map<String, Person> people = Map.of();

  @Override
  public String system() {
    return SYSTEM;
  }

  static final class GJob {
    long id;
    String name;
    String stage;
    Pipeline pipeline;
    long createdAt;
    long readyAt;
    long startedAt = -1;
    long finishedAt = -1;
    double queued;
    long durationMicros;
    /** The final status: success, failed, canceled, skipped, or manual (a gate never played). */
    String status;
    long skippedAt = -1;
    boolean manual;
    long manualAt = -1;
    long playedAt = -1;
    Author user;
    String environment;
    long runnerId;
    String runnerDescription;
    int order;
    boolean retry;

    void forEachEvent(LongConsumer c) {
      c.accept(createdAt);
      for (long t : new long[] {readyAt, startedAt, finishedAt, skippedAt, manualAt, playedAt}) {
        if (t >= 0) {
          c.accept(t);
        }
      }
    }

    String statusAt(long t) {
      if (skippedAt >= 0) {
        return t >= skippedAt ? "skipped" : "created";
      }
      if (manual && (playedAt < 0 || t < playedAt)) {
        return manualAt >= 0 && t >= manualAt ? "manual" : "created";
      }
      if (finishedAt >= 0 && t >= finishedAt) {
        return status;
      }
      if (startedAt >= 0 && t >= startedAt) {
        return "running";
      }
      return t >= readyAt ? "pending" : "created";
    }

    Author userAt(long t) {
      return playedAt >= 0 && t >= playedAt ? user : pipeline.user;
    }
  }

  static final class Pipeline {
    long id;
    int iid;
    Repo project;
    String source;
    String ref;
    String name;
    String sha;
    CodeActivity.Commit commit;
    String parentSha;
    Author user;
    long createdAt;
    final List<GJob> jobs = new ArrayList<>();
    long deploymentId;

    long startedAt() {
      long first = -1;
      for (GJob j : jobs) {
        if (j.startedAt >= 0 && (first < 0 || j.startedAt < first)) {
          first = j.startedAt;
        }
      }
      return first;
    }

    void forEachEvent(LongConsumer c) {
      c.accept(createdAt);
      jobs.forEach(j -> j.forEachEvent(c));
    }

    boolean changedIn(long from, long to) {
      boolean[] found = {false};
      forEachEvent(t -> found[0] |= t >= from && t < to);
      return found[0];
    }

    long updatedAt(long cutoff) {
      long[] last = {createdAt};
      forEachEvent(t -> {
        if (t < cutoff && t > last[0]) {
          last[0] = t;
        }
      });
      return last[0];
    }

    /** The newest job of each name created before {@code t} (a retry replaces its original). */
    List<GJob> latestJobs(long t) {
      Map<String, GJob> latest = new java.util.LinkedHashMap<>();
      for (GJob j : jobs) {
        GJob seen = latest.get(j.name);
        if (j.createdAt < t && (seen == null || j.createdAt > seen.createdAt)) {
          latest.put(j.name, j);
        }
      }
      return new ArrayList<>(latest.values());
    }

    String statusAt(long t) {
      List<GJob> latest = latestJobs(t);
      boolean allFinal = true;
      boolean failed = false;
      boolean canceled = false;
      boolean manual = false;
      boolean started = false;
      for (GJob j : latest) {
        String s = j.statusAt(t);
        allFinal &= isFinal(s);
        failed |= s.equals("failed");
        canceled |= s.equals("canceled");
        manual |= s.equals("manual");
        started |= j.startedAt >= 0 && j.startedAt < t;
      }
      if (allFinal) {
        return failed ? "failed" : canceled ? "canceled" : "success";
      }
      if (manual && latest.stream().allMatch(j -> isFinal(j.statusAt(t)) || j.statusAt(t).equals("manual"))) {
        return "manual";
      }
      return started ? "running" : "pending";
    }

    /** When the pipeline finished (as seen at {@code t}); -1 while it is not finished. */
    long finishedAt(long t) {
      long end = -1;
      for (GJob j : latestJobs(t)) {
        if (!isFinal(j.statusAt(t))) {
          return -1;
        }
        end = Math.max(end, Math.max(j.finishedAt, j.skippedAt));
      }
      return end;
    }

    private static boolean isFinal(String s) {
      return s.equals("success") || s.equals("failed") || s.equals("canceled") || s.equals("skipped");
    }
  }

  // ---------------------------------------------------------------------------------------------

  private record StageSpec(String stage, String name, int meanSeconds, double fail) {}

  private static final List<StageSpec> CI =
      List.of(
          new StageSpec("build", "compile", 150, 0.03),
          new StageSpec("test", "unit-tests", 300, 0.09),
          new StageSpec("test", "lint", 50, 0.03));

  private static final StageSpec STAGING = new StageSpec("staging", "deploy-staging", 90, 0.02);
  private static final StageSpec PRODUCTION = new StageSpec("production", "deploy-production", 110, 0.04);
  private static final StageSpec NIGHTLY = new StageSpec("test", "integration-tests", 700, 0.15);

  @Override
  public void write(ExportContext ctx) {
    List<Service> services = ctx.forges().gitlab();
    if (services.isEmpty()) {
      return;
    }
    SplittableRandom random = ctx.random();
    Organisation org = ctx.organisation();
    CodeActivity activity = ctx.forges().gitlabActivity();
    DateRange range = ctx.range();
    Map<String, Person> people = org.peopleByLogin();
    this.people = people;

    List<Pipeline> pipelines = new ArrayList<>();
    Map<Long, Boolean> nightly = new HashMap<>();
    Map<Long, Integer> iids = new HashMap<>();
    for (Service s : services) {
      Repo repo = s.repos().get(0);
      nightly.put(repo.id(), random.nextDouble() < 0.5);
      iids.put(repo.id(), 200 + random.nextInt(3000));
    }
    // Pushes in time order; a merge-request pipeline is cancelled by the next push to its branch.
    List<CodeActivity.Push> pushes = activity.pushes().stream()
        .filter(p -> p.kind() != CodeActivity.Kind.INITIAL && p.at() >= range.startEpoch()
            && p.at() < range.endEpoch())
        .toList();
    Map<String, Long> nextPushOnBranch = new HashMap<>();
    Map<CodeActivity.Push, Long> supersededAt = new HashMap<>();
    for (int i = pushes.size() - 1; i >= 0; i--) {
      CodeActivity.Push p = pushes.get(i);
      if (p.kind() == CodeActivity.Kind.BRANCH_PUSH) {
        String key = p.repo().id() + " " + p.branch();
        Long next = nextPushOnBranch.get(key);
        if (next != null) {
          supersededAt.put(p, next);
        }
        nextPushOnBranch.put(key, p.at());
      }
    }
    for (CodeActivity.Push p : pushes) {
      Pipeline pl = new Pipeline();
      pl.project = p.repo();
      pl.commit = p.commit();
      pl.sha = p.commit().sha();
      pl.parentSha = p.baseSha();
      pl.user = p.pusher();
      pl.createdAt = p.at() * 1000 + 300 + random.nextInt(2700);
      if (p.kind() == CodeActivity.Kind.BRANCH_PUSH) {
        pl.source = "merge_request_event";
        pl.ref = "refs/merge-requests/" + p.pull().number() + "/head";
        Long next = supersededAt.get(p);
        simulate(pl, CI, null, next == null ? Long.MAX_VALUE : next * 1000 + 1500, org, people, random);
      } else {
        pl.source = "push";
        pl.ref = p.branch();
        simulate(pl, CI, p.repo().deployable() ? PRODUCTION : null, Long.MAX_VALUE, org, people,
            random);
      }
      pipelines.add(pl);
    }
    for (Service s : services) {
      Repo repo = s.repos().get(0);
      if (!nightly.get(repo.id())) {
        continue;
      }
      List<Person> team = org.peopleOf(repo.team());
      Author owner = team.get(random.nextInt(team.size())).author();
      int minute = 60 + random.nextInt(180);
      for (LocalDate date : range.dates()) {
        long at = date.atStartOfDay().toEpochSecond(ZoneOffset.UTC) + minute * 60L;
        CodeActivity.Push head = activity.defaultBranchHeadAt(repo, at);
        Pipeline pl = new Pipeline();
        pl.project = repo;
        pl.commit = head.commit();
        pl.sha = head.commit().sha();
        pl.user = owner;
        pl.source = "schedule";
        pl.ref = repo.defaultBranch();
        pl.name = "Nightly";
        pl.createdAt = at * 1000 + random.nextInt(20_000);
        simulate(pl, List.of(NIGHTLY), null, Long.MAX_VALUE, org, people, random);
        pipelines.add(pl);
      }
    }
    number(pipelines, iids, random);
    export(ctx.landing(), range, pipelines);
    for (Pipeline p : pipelines) {
      for (GJob j : p.jobs) {
        if ("production".equals(j.environment) && "success".equals(j.status) && j.finishedAt >= 0) {
          ctx.deploys().add(p.project, j.finishedAt / 1000);
        }
      }
    }
  }

  /** Plays one pipeline: stage by stage, with failures, retries, cancellation and the manual gate. */
  private static void simulate(
      Pipeline pl, List<StageSpec> specs, StageSpec gate, long cancelAt, Organisation org,
      Map<String, Person> people, SplittableRandom r) {
    List<List<StageSpec>> stages = new ArrayList<>();
    String current = null;
    for (StageSpec s : specs) {
      if (!s.stage().equals(current)) {
        stages.add(new ArrayList<>());
        current = s.stage();
      }
      stages.get(stages.size() - 1).add(s);
    }
    if (gate != null) {
      stages.add(List.of(STAGING));
      stages.add(List.of(gate));
    }
    int order = 0;
    List<List<GJob>> created = new ArrayList<>();
    for (List<StageSpec> stage : stages) {
      List<GJob> jobs = new ArrayList<>();
      for (StageSpec s : stage) {
        GJob j = new GJob();
        j.name = s.name();
        j.stage = s.stage();
        j.pipeline = pl;
        j.createdAt = pl.createdAt + 20 + r.nextInt(60);
        j.user = pl.user;
        j.order = order++;
        j.manual = s == PRODUCTION;
        j.environment = s == STAGING ? "staging" : s == PRODUCTION ? "production" : null;
        pl.jobs.add(j);
        jobs.add(j);
      }
      created.add(jobs);
    }
    long stageStart = pl.createdAt + 500 + r.nextInt(1500);
    boolean failed = false;
    boolean cancelled = false;
    for (int si = 0; si < stages.size(); si++) {
      List<GJob> jobs = created.get(si);
      if (failed || cancelled) {
        for (GJob j : jobs) {
          if (cancelled) {
            j.readyAt = j.createdAt;
            j.finishedAt = Math.max(cancelAt, j.createdAt + 1);
            j.status = "canceled";
          } else {
            j.readyAt = j.createdAt;
            j.skippedAt = stageStart + 200 + r.nextInt(800);
            j.status = "skipped";
          }
        }
        continue;
      }
      long stageEnd = stageStart;
      for (int ji = 0; ji < jobs.size(); ji++) {
        GJob j = jobs.get(ji);
        StageSpec spec = stages.get(si).get(ji);
        long ready = stageStart;
        if (j.manual) {
          j.manualAt = stageStart;
          j.readyAt = stageStart;
          Team team = org.team(pl.project.team());
          List<Person> teammates = org.peopleOf(pl.project.team());
          double u = r.nextDouble();
          if (u < 0.06) {
            j.status = "manual"; // never played: a newer deploy superseded it
            stageEnd = Math.max(stageEnd, stageStart);
            continue;
          }
          long at = stageStart / 1000;
          long target = at + (u < 0.5 ? 300 + r.nextInt(85 * 60) : u < 0.75
              ? 2 * 3600 + r.nextInt(3 * 3600) : 0);
          long played = u < 0.75 ? team.nextWorkingMoment(target) : team.nextWorkingDayStart(at);
          if (played != target) {
            played += 300 + r.nextInt(2 * 3600);
          }
          j.playedAt = played * 1000 + r.nextInt(1000);
          j.user = teammates.get(r.nextInt(teammates.size())).author();
          ready = j.playedAt;
        }
        j.readyAt = ready;
        long end = runJob(j, spec, ready, cancelAt, r);
        if (j.status.equals("failed") && !j.manual && r.nextDouble() < 0.35 && end < cancelAt) {
          GJob retry = new GJob();
          retry.name = j.name;
          retry.stage = j.stage;
          retry.pipeline = pl;
          retry.createdAt = end + 120_000 + r.nextInt(20 * 60_000);
          retry.readyAt = retry.createdAt;
          retry.order = order++;
          retry.retry = true;
          retry.environment = j.environment;
          Person who = people.get(pl.user.login());
          retry.user = who != null ? who.author() : org.peopleOf(pl.project.team()).get(0).author();
          pl.jobs.add(retry);
          end = runJob(retry, new StageSpec(spec.stage(), spec.name(), spec.meanSeconds(),
              spec.fail() / 2), retry.createdAt, cancelAt, r);
          j = retry;
        }
        failed |= j.status.equals("failed");
        cancelled |= j.status.equals("canceled");
        stageEnd = Math.max(stageEnd, end);
      }
      stageStart = stageEnd + 200 + r.nextInt(1500);
    }
  }

  /** Queue, run and outcome of one job that became ready at {@code ready}; returns its end. */
  private static long runJob(GJob j, StageSpec spec, long ready, long cancelAt, SplittableRandom r) {
    double u = r.nextDouble();
    long queueMs = u < 0.85 ? 300 + r.nextInt(8000) : u < 0.97 ? 8000 + r.nextInt(90_000)
        : 90_000 + r.nextInt(600_000);
    long durMs = Math.max(5_000, Math.round(spec.meanSeconds() * 1000
        * Math.min(3.0, Math.max(0.3, Math.exp(0.3 * r.nextGaussian())))));
    boolean fails = r.nextDouble() < spec.fail();
    if (fails) {
      durMs = Math.max(5_000, (long) (durMs * (0.2 + 0.7 * r.nextDouble())));
    }
    j.queued = queueMs / 1000.0 + r.nextInt(1000) / 1_000_000.0;
    long start = ready + queueMs;
    long end = start + durMs;
    j.durationMicros = durMs * 1000 + r.nextInt(1000);
    int k = 1 + r.nextInt(6);
    j.runnerId = 40 + k;
    j.runnerDescription = "gitlab-runner-" + String.format(Locale.ROOT, "%02d", k);
    if (cancelAt <= start) {
      j.finishedAt = Math.max(cancelAt, j.createdAt + 1);
      j.status = "canceled";
      j.queued = 0;
      return j.finishedAt;
    }
    j.startedAt = start;
    if (cancelAt < end) {
      j.finishedAt = cancelAt;
      j.durationMicros = (cancelAt - start) * 1000 + r.nextInt(1000);
      j.status = "canceled";
      return cancelAt;
    }
    j.finishedAt = end;
    j.status = fails ? "failed" : "success";
    return end;
  }

  /** Pipeline, job and deployment ids in creation order (jobs created at once: stage order). */
  private static void number(List<Pipeline> pipelines, Map<Long, Integer> iids, SplittableRandom r) {
    pipelines.sort(Comparator.<Pipeline>comparingLong(p -> p.createdAt)
        .thenComparing(p -> p.project.fullName()).thenComparing(p -> p.sha));
    long nextPipeline = 880_000L + r.nextInt(100_000);
    long nextDeployment = 41_000L + r.nextInt(9_000);
    List<GJob> jobs = new ArrayList<>();
    for (Pipeline p : pipelines) {
      nextPipeline += 1 + r.nextInt(4);
      p.id = nextPipeline;
      int iid = iids.get(p.project.id());
      p.iid = iid;
      iids.put(p.project.id(), iid + 1);
      jobs.addAll(p.jobs);
      if (p.jobs.stream().anyMatch(j -> j.environment != null)) {
        nextDeployment += 1 + r.nextInt(3);
        p.deploymentId = nextDeployment; // staging gets this id, production the next
        nextDeployment++;
      }
    }
    // Jobs are created with their pipeline, stage by stage; a retry when it is asked for.
    jobs.sort(Comparator.<GJob>comparingLong(j -> j.retry ? j.createdAt : j.pipeline.createdAt)
        .thenComparingLong(j -> j.pipeline.id).thenComparingInt(j -> j.order));
    long nextJob = 9_100_000L + r.nextInt(1_000_000);
    for (GJob j : jobs) {
      nextJob += 1 + r.nextInt(3);
      j.id = nextJob;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Export

  private void export(Landing landing, DateRange range, List<Pipeline> pipelines) {
    for (LocalDate date : range.dates()) {
      long from = date.atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1000;
      long cutoff = from + 86_400_000L;
      TreeMap<String, List<Pipeline>> byProject = new TreeMap<>();
      for (Pipeline p : pipelines) {
        if (p.changedIn(from, cutoff)) {
          byProject.computeIfAbsent(p.project.fullName(), k -> new ArrayList<>()).add(p);
        }
      }
      for (Map.Entry<String, List<Pipeline>> e : byProject.entrySet()) {
        List<Pipeline> list = new ArrayList<>(e.getValue());
        list.sort(Comparator.<Pipeline>comparingLong(p -> p.id).reversed());
        ArrayNode items = JsonFiles.MAPPER.createArrayNode();
        list.forEach(p -> items.add(pipelineJson(p, cutoff, false)));
        Path dir = landing.partition(SYSTEM, PIPELINES, date, "project", e.getKey());
        landing.write(SYSTEM, PIPELINES, dir.resolve("list-1.json"), JsonFiles.bytes(items),
            list.size());
        for (Pipeline p : list) {
          long started = p.startedAt();
          if (started >= 0 && started < cutoff) {
            landing.write(SYSTEM, PIPELINES, dir.resolve("pipeline-" + p.id + ".json"),
                JsonFiles.bytes(pipelineJson(p, cutoff, true)), 1);
          }
        }

        List<GJob> jobs = new ArrayList<>();
        List<GJob> deployJobs = new ArrayList<>();
        for (Pipeline p : list) {
          for (GJob j : p.jobs) {
            boolean[] changed = {false};
            j.forEachEvent(t -> changed[0] |= t >= from && t < cutoff);
            if (changed[0]) {
              jobs.add(j);
            }
            if (j.environment != null && changed[0]) {
              deployJobs.add(j);
            }
          }
        }
        jobs.sort(Comparator.<GJob>comparingLong(j -> j.id).reversed());
        Path jobsDir = landing.partition(SYSTEM, JOBS, date, "project", e.getKey());
        for (int page = 0; page * PAGE_SIZE < jobs.size(); page++) {
          List<GJob> part = jobs.subList(page * PAGE_SIZE, Math.min(jobs.size(), (page + 1) * PAGE_SIZE));
          ArrayNode arr = JsonFiles.MAPPER.createArrayNode();
          part.forEach(j -> arr.add(jobJson(j, cutoff)));
          landing.write(SYSTEM, JOBS, jobsDir.resolve("jobs-" + (page + 1) + ".json"),
              JsonFiles.bytes(arr), part.size());
        }
        if (!deployJobs.isEmpty()) {
          deployJobs.sort(Comparator.<GJob>comparingLong(j -> deploymentId(j)).reversed());
          ArrayNode arr = JsonFiles.MAPPER.createArrayNode();
          deployJobs.forEach(j -> arr.add(deploymentJson(j, cutoff)));
          landing.write(SYSTEM, DEPLOYMENTS,
              landing.partition(SYSTEM, DEPLOYMENTS, date, "project", e.getKey())
                  .resolve("deployments-1.json"),
              JsonFiles.bytes(arr), deployJobs.size());
        }
      }
    }
  }

  private static long deploymentId(GJob j) {
    return j.pipeline.deploymentId + (j.environment.equals("production") ? 1 : 0);
  }

  private static String projectUrl(Repo project) {
    return BASE + "/" + project.fullName();
  }

  private ObjectNode user(Author a, boolean full) {
    return user(people, a, full);
  }

  /** A GitLab user: the job/user-endpoint shape ({@code full}) or the short one of lists. */
  static ObjectNode user(Map<String, Person> people, Author a, boolean full) {
    ObjectNode u = JsonFiles.MAPPER.createObjectNode();
    Person person = people.get(a.login());
    String username = a.bot() ? "renovate-bot"
        : person != null ? Forges.gitlabUsername(person) : a.login().toLowerCase(Locale.ROOT);
    String name = a.bot() ? "Renovate Bot" : a.name();
    u.put("id", Forges.gitlabUserId(a));
    if (full) {
      u.put("name", name);
      u.put("username", username);
    } else {
      u.put("username", username);
      u.put("name", name);
    }
    u.put("state", "active");
    if (!full) {
      u.put("locked", false);
    }
    u.put("avatar_url", "https://secure.gravatar.com/avatar/"
        + Long.toHexString(Seeds.mix(3, username)) + "?s=80&d=identicon");
    u.put("web_url", BASE + "/" + username);
    if (full) {
      u.put("created_at", JsonFiles.millisZ(1_600_000_000_000L + Forges.gitlabUserId(a) * 86_400_000L));
      for (String f : new String[] {"bio", "location", "public_email", "skype", "linkedin", "twitter",
          "website_url"}) {
        u.put(f, "");
      }
      u.put("organization", "Northwind");
      u.put("job_title", "");
      u.putNull("work_information");
    }
    return u;
  }

  private static String pipelineStatusText(String status) {
    return switch (status) {
      case "success" -> "Passed";
      case "failed" -> "Failed";
      case "canceled" -> "Canceled";
      case "manual" -> "Blocked";
      case "running" -> "Running";
      default -> "Pending";
    };
  }

  private ObjectNode pipelineJson(Pipeline p, long cutoff, boolean body) {
    String status = p.statusAt(cutoff);
    long finished = p.finishedAt(cutoff);
    long started = p.startedAt();
    String web = projectUrl(p.project) + "/-/pipelines/" + p.id;
    ObjectNode o = JsonFiles.MAPPER.createObjectNode();
    o.put("id", p.id);
    o.put("iid", p.iid);
    o.put("project_id", p.project.id());
    o.put("sha", p.sha);
    o.put("ref", p.ref);
    o.put("status", status);
    o.put("source", p.source);
    o.put("created_at", JsonFiles.millisZ(p.createdAt));
    o.put("updated_at", JsonFiles.millisZ(p.updatedAt(cutoff)));
    o.put("web_url", web);
    if (!body) {
      if (p.name == null) {
        o.putNull("name");
      } else {
        o.put("name", p.name);
      }
      return o;
    }
    o.put("before_sha", p.parentSha == null ? "0000000000000000000000000000000000000000" : p.parentSha);
    o.put("tag", false);
    o.putNull("yaml_errors");
    o.set("user", user(p.user, false));
    o.put("started_at", started >= 0 && started < cutoff ? JsonFiles.millisZ(started) : null);
    o.put("finished_at", finished >= 0 ? JsonFiles.millisZ(finished) : null);
    o.putNull("committed_at");
    if (finished >= 0 && started >= 0) {
      long blocked = 0;
      for (GJob j : p.jobs) {
        if (j.manual && j.playedAt >= 0) {
          blocked = j.playedAt - j.manualAt;
        }
      }
      o.put("duration", Math.max(0, (finished - started - blocked) / 1000));
    } else {
      o.putNull("duration");
    }
    if (started >= 0 && started < cutoff) {
      o.put("queued_duration", Math.max(0, (started - p.createdAt) / 1000));
    } else {
      o.putNull("queued_duration");
    }
    o.putNull("coverage");
    ObjectNode ds = o.putObject("detailed_status");
    String group = status;
    ds.put("icon", "status_" + group);
    ds.put("text", pipelineStatusText(status));
    ds.put("label", status.equals("manual") ? "waiting for manual action" : status.equals("success")
        ? "passed" : status);
    ds.put("group", group);
    ds.put("tooltip", status.equals("success") ? "passed" : status);
    ds.put("has_details", true);
    ds.put("details_path", "/" + p.project.fullName() + "/-/pipelines/" + p.id);
    ds.putNull("illustration");
    ds.put("favicon", "/assets/ci_favicons/favicon_status_" + group + ".png");
    if (p.name == null) {
      o.putNull("name");
    } else {
      o.put("name", p.name);
    }
    return o;
  }

  private static ObjectNode pipelineRef(Pipeline p, long cutoff) {
    ObjectNode o = JsonFiles.MAPPER.createObjectNode();
    o.put("id", p.id);
    o.put("iid", p.iid);
    o.put("project_id", p.project.id());
    o.put("sha", p.sha);
    o.put("ref", p.ref);
    o.put("status", p.statusAt(cutoff));
    o.put("source", p.source);
    o.put("created_at", JsonFiles.millisZ(p.createdAt));
    o.put("updated_at", JsonFiles.millisZ(p.updatedAt(cutoff)));
    o.put("web_url", projectUrl(p.project) + "/-/pipelines/" + p.id);
    return o;
  }

  private static ObjectNode commitJson(Pipeline p) {
    CodeActivity.Commit c = p.commit;
    ObjectNode o = JsonFiles.MAPPER.createObjectNode();
    o.put("id", c.sha());
    o.put("short_id", c.sha().substring(0, 8));
    o.put("created_at", JsonFiles.millisOffset(c.authoredAt()));
    ArrayNode parents = o.putArray("parent_ids");
    if (p.parentSha != null) {
      parents.add(p.parentSha);
    }
    o.put("title", c.subject());
    o.put("message", c.message());
    o.put("author_name", c.author().name());
    o.put("author_email", c.author().email());
    o.put("authored_date", JsonFiles.millisOffset(c.authoredAt()));
    o.put("committer_name", c.committer().name());
    o.put("committer_email", c.committer().email());
    o.put("committed_date", JsonFiles.millisOffset(c.authoredAt()));
    o.putObject("trailers");
    o.put("web_url", projectUrl(p.project) + "/-/commit/" + c.sha());
    return o;
  }

  private ObjectNode jobJson(GJob j, long cutoff) {
    Pipeline p = j.pipeline;
    String status = j.statusAt(cutoff);
    boolean started = j.startedAt >= 0 && j.startedAt < cutoff;
    boolean finished = j.finishedAt >= 0 && j.finishedAt < cutoff && !status.equals("running");
    ObjectNode o = JsonFiles.MAPPER.createObjectNode();
    o.put("id", j.id);
    o.put("status", status);
    o.put("stage", j.stage);
    o.put("name", j.name);
    o.put("ref", p.ref);
    o.put("tag", false);
    o.putNull("coverage");
    o.put("allow_failure", false);
    o.put("created_at", JsonFiles.millisZ(j.createdAt));
    o.put("started_at", started ? JsonFiles.millisZ(j.startedAt) : null);
    o.put("finished_at", finished ? JsonFiles.millisZ(j.finishedAt) : null);
    o.putNull("erased_at");
    if (started && finished) {
      o.put("duration", j.durationMicros / 1_000_000.0);
    } else if (started) {
      o.put("duration", (cutoff - j.startedAt) / 1000.0);
    } else {
      o.putNull("duration");
    }
    if (started) {
      o.put("queued_duration", j.queued);
    } else {
      o.putNull("queued_duration");
    }
    o.set("user", user(j.userAt(cutoff), true));
    o.set("commit", commitJson(p));
    o.set("pipeline", pipelineRef(p, cutoff));
    o.put("web_url", projectUrl(p.project) + "/-/jobs/" + j.id);
    o.putObject("project").put("ci_job_token_scope_enabled", false);
    ArrayNode artifacts = o.putArray("artifacts");
    if (finished && started) {
      ObjectNode trace = artifacts.addObject();
      trace.put("file_type", "trace");
      trace.put("size", 1500 + (j.id % 40_000));
      trace.put("filename", "job.log");
      trace.putNull("file_format");
    }
    if (started) {
      ObjectNode runner = o.putObject("runner");
      runner.put("id", j.runnerId);
      runner.put("description", j.runnerDescription);
      runner.putNull("ip_address");
      runner.put("active", true);
      runner.put("paused", false);
      runner.put("is_shared", true);
      runner.put("runner_type", "instance_type");
      runner.put("name", "gitlab-runner");
      runner.put("online", true);
      runner.put("status", "online");
    } else {
      o.putNull("runner");
    }
    o.putNull("artifacts_expire_at");
    ArrayNode tags = o.putArray("tag_list");
    tags.add("docker");
    return o;
  }

  private ObjectNode deploymentJson(GJob j, long cutoff) {
    Pipeline p = j.pipeline;
    String jobStatus = j.statusAt(cutoff);
    String status = switch (jobStatus) {
      case "success" -> "success";
      case "failed" -> "failed";
      case "canceled" -> "canceled";
      case "skipped" -> "skipped";
      case "running" -> "running";
      default -> "created";
    };
    long id = deploymentId(j);
    long updated = p.createdAt;
    long[] last = {j.createdAt};
    j.forEachEvent(t -> {
      if (t < cutoff && t > last[0]) {
        last[0] = t;
      }
    });
    updated = Math.max(updated, last[0]);
    ObjectNode o = JsonFiles.MAPPER.createObjectNode();
    o.put("id", id);
    o.put("iid", (int) (id % 100_000));
    o.put("ref", p.ref);
    o.put("sha", p.sha);
    o.put("created_at", JsonFiles.millisZ(j.createdAt));
    o.put("updated_at", JsonFiles.millisZ(updated));
    o.set("user", user(j.userAt(cutoff), false));
    ObjectNode env = o.putObject("environment");
    long envId = p.project.id() * 10 + (j.environment.equals("production") ? 2 : 1);
    env.put("id", envId);
    env.put("name", j.environment);
    env.put("slug", j.environment);
    env.put("external_url", "https://" + (j.environment.equals("production") ? "" : "staging.")
        + p.project.name() + ".northwind.example");
    env.put("created_at", "2025-06-02T09:00:00.000Z");
    env.put("updated_at", "2025-06-02T09:00:00.000Z");
    o.set("deployable", jobJson(j, cutoff));
    o.put("status", status);
    return o;
  }
}
