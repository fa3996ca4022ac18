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
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Jenkins exports of the services a team builds with Jenkins multibranch pipelines
 * ({@link Forges#jenkins()}; job {@code <team>/<repo>/<branch>}, branch {@code main} or {@code PR-<n>}):
 *
 * <ul>
 *   <li>{@code jenkins/builds/dt=D/job=<full job name>/builds.json}: the {@code
 *       tree=allBuilds[..]} JSON of one branch job, {@code {"_class":..,"allBuilds":[..]}}, newest
 *       first, with the builds that changed on D: epoch-millis {@code timestamp} (when scheduled), ms
 *       {@code duration} (queue included), {@code result}, {@code building}, and {@code actions} with
 *       the causes, {@code lastBuiltRevision} and {@code remoteUrls};
 *   <li>{@code jenkins/stages/dt=D/job=<full job name>/build=<n>/describe.json}: {@code wfapi/describe}
 *       of one build as it stood at the end of D.
 * </ul>
 *
 * <p>Stages: {@code Declarative: Checkout SCM}, {@code Build}, {@code Test}, then on {@code main}
 * {@code Deploy to staging} and {@code Deploy to production}, which waits at an {@code input} step for
 * a teammate's approval in working time ({@code PAUSED_PENDING_INPUT} while it waits, its
 * {@code pauseDurationMillis} once answered); about 4% of inputs are rejected (the build is ABORTED).
 * On pull-request branches the deploy stages are {@code NOT_EXECUTED} at epoch 0. After a failed stage
 * the later stages are missing, as wfapi shows them. Some failed builds on main are replayed
 * ({@code ReplayCause}).
 */
final class JenkinsExports implements SourceExports {

  static final String SYSTEM = "jenkins";
  static final String BUILDS = "builds";
  static final String STAGES = "stages";

  private static final String BASE = "https://" + Forges.JENKINS_HOST;

  @Override
  public String system() {
    return SYSTEM;
  }

  static final class Stage {
    String id;
    String name;
    long start; // 0: NOT_EXECUTED
    long end;
    long pauseFrom = -1;
    long pauseTo = -1;
    String result; // SUCCESS, FAILED, ABORTED, NOT_EXECUTED
    String node;
  }

  static final class Build {
    String job;
    Repo repo;
    String branch;
    int number;
    long timestamp;
    long queueMs;
    long end = -1; // -1: still running at the end of the range
    String result;
    CodeActivity.Commit commit;
    String cause;
    String causeClass;
    String replayOf;
    String userId;
    final List<Stage> stages = new ArrayList<>();

    boolean changedIn(long from, long to) {
      if (timestamp >= from && timestamp < to || end >= from && end < to) {
        return true;
      }
      for (Stage s : stages) {
        for (long t : new long[] {s.start, s.end, s.pauseFrom, s.pauseTo}) {
          if (t > 0 && t >= from && t < to) {
            return true;
          }
        }
      }
      return false;
    }
  }

  @Override
  public void write(ExportContext ctx) {
    List<Service> services = ctx.forges().jenkins();
    if (services.isEmpty()) {
      return;
    }
    SplittableRandom r = ctx.random();
    Organisation org = ctx.organisation();
    DateRange range = ctx.range();
    Map<String, Integer> numbers = new HashMap<>();
    for (Service s : services) {
      numbers.put(jobName(s.repos().get(0), "main"), 80 + r.nextInt(400));
    }
    List<Build> builds = new ArrayList<>();
    for (CodeActivity.Push p : ctx.forges().jenkinsActivity().pushes()) {
      if (p.kind() == CodeActivity.Kind.INITIAL || p.at() < range.startEpoch() || p.at() >= range.endEpoch()) {
        continue;
      }
      boolean main = p.kind() == CodeActivity.Kind.MERGE;
      String branch = main ? p.repo().defaultBranch() : "PR-" + p.pull().number();
      Build b = new Build();
      b.repo = p.repo();
      b.branch = branch;
      b.job = jobName(p.repo(), branch);
      b.number = numbers.merge(b.job, 1, Integer::sum);
      b.commit = p.commit();
      b.timestamp = p.at() * 1000 + 1500 + r.nextInt(9000);
      b.causeClass = "jenkins.branch.BranchEventCause";
      b.cause = main ? "Push event to branch " + branch
          : (b.number == 1 ? "Pull request #" + p.pull().number() + " opened"
              : "Pull request #" + p.pull().number() + " updated");
      simulate(b, main, org, r);
      builds.add(b);
      if (main && "FAILURE".equals(b.result) && r.nextDouble() < 0.35) {
        List<Person> team = org.peopleOf(b.repo.team());
        Person who = team.get(r.nextInt(team.size()));
        Team schedule = org.team(b.repo.team());
        Build replay = new Build();
        replay.repo = b.repo;
        replay.branch = b.branch;
        replay.job = b.job;
        replay.number = numbers.merge(b.job, 1, Integer::sum);
        replay.commit = b.commit;
        replay.timestamp = schedule.nextWorkingMoment(b.end / 1000 + 300 + r.nextInt(3600)) * 1000
            + r.nextInt(1000);
        replay.causeClass = "org.jenkinsci.plugins.workflow.cps.replay.ReplayCause";
        replay.cause = "Replayed #" + b.number;
        replay.userId = Forges.gitlabUsername(who);
        simulate(replay, true, org, r);
        builds.add(replay);
      }
    }
    export(ctx.landing(), range, builds);
  }

  private static String jobName(Repo repo, String branch) {
    return repo.team() + "/" + repo.name() + "/" + branch;
  }

  private static void simulate(Build b, boolean main, Organisation org, SplittableRandom r) {
    double u = r.nextDouble();
    b.queueMs = u < 0.85 ? 200 + r.nextInt(15_000) : 15_000 + r.nextInt(300_000);
    long t = b.timestamp + b.queueMs;
    String[][] specs = {
      {"Declarative: Checkout SCM", "5", "0"},
      {"Build", "150", "0.03"},
      {"Test", "260", "0.08"},
      {"Deploy to staging", "80", "0.02"},
      {"Deploy to production", "100", "0.03"}
    };
    int nodeId = 3 + r.nextInt(4);
    String agent = "linux-agent-" + (1 + r.nextInt(4));
    for (int i = 0; i < specs.length; i++) {
      Stage s = new Stage();
      s.name = specs[i][0];
      nodeId += 4 + r.nextInt(9);
      s.id = Integer.toString(nodeId);
      s.node = i == 0 ? "" : agent;
      b.stages.add(s);
      if (!main && i >= 3) {
        s.result = "NOT_EXECUTED";
        continue;
      }
      s.start = t;
      long dur = Math.max(1000, Math.round(Integer.parseInt(specs[i][1]) * 1000
          * Math.min(3.0, Math.max(0.3, Math.exp(0.3 * r.nextGaussian())))));
      if (s.name.equals("Deploy to production")) {
        Team team = org.team(b.repo.team());
        s.pauseFrom = t + 800 + r.nextInt(2000);
        long asked = s.pauseFrom / 1000;
        double v = r.nextDouble();
        long target = asked + (v < 0.5 ? 180 + r.nextInt(50 * 60) : 3600 + r.nextInt(3 * 3600));
        long answered = v < 0.82 ? team.nextWorkingMoment(target) : team.nextWorkingDayStart(asked);
        if (answered != target) {
          answered += 300 + r.nextInt(5400);
        }
        s.pauseTo = answered * 1000 + r.nextInt(1000);
        if (r.nextDouble() < 0.04) {
          s.end = s.pauseTo + 200;
          s.result = "ABORTED";
          b.end = s.end + 300 + r.nextInt(2000);
          b.result = "ABORTED";
          return;
        }
        t = s.pauseTo + 100;
      }
      boolean fails = r.nextDouble() < Double.parseDouble(specs[i][2]);
      if (fails) {
        dur = Math.max(1000, (long) (dur * (0.2 + 0.7 * r.nextDouble())));
      }
      s.end = t + dur;
      t = s.end + 20 + r.nextInt(400);
      if (fails) {
        s.result = "FAILED";
        b.end = t + 500 + r.nextInt(2000);
        b.result = "FAILURE";
        b.stages.subList(i + 1, b.stages.size()).clear();
        return;
      }
      s.result = "SUCCESS";
    }
    b.end = t + 300 + r.nextInt(1500);
    b.result = "SUCCESS";
  }

  // ---------------------------------------------------------------------------------------------

  private void export(Landing landing, DateRange range, List<Build> builds) {
    for (LocalDate date : range.dates()) {
      long from = date.atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1000;
      long cutoff = from + 86_400_000L;
      TreeMap<String, List<Build>> byJob = new TreeMap<>();
      for (Build b : builds) {
        if (b.changedIn(from, cutoff)) {
          byJob.computeIfAbsent(b.job, k -> new ArrayList<>()).add(b);
        }
      }
      for (Map.Entry<String, List<Build>> e : byJob.entrySet()) {
        List<Build> list = new ArrayList<>(e.getValue());
        list.sort(Comparator.<Build>comparingInt(b -> b.number).reversed());
        ObjectNode tree = JsonFiles.MAPPER.createObjectNode();
        tree.put("_class", "org.jenkinsci.plugins.workflow.job.WorkflowJob");
        ArrayNode all = tree.putArray("allBuilds");
        list.forEach(b -> all.add(buildJson(b, cutoff)));
        Path dir = landing.partition(SYSTEM, BUILDS, date, "job", e.getKey());
        landing.write(SYSTEM, BUILDS, dir.resolve("builds.json"), JsonFiles.bytes(tree), list.size());
        for (Build b : list) {
          Path file = landing.partition(SYSTEM, STAGES, date, "job", b.job, "build",
              Integer.toString(b.number)).resolve("describe.json");
          landing.write(SYSTEM, STAGES, file, JsonFiles.bytes(describeJson(b, cutoff)), 1);
        }
      }
    }
  }

  private static String jobUrlPath(String job) {
    StringBuilder out = new StringBuilder();
    for (String segment : job.split("/")) {
      out.append("/job/").append(segment);
    }
    return out.toString();
  }

  private static ObjectNode buildJson(Build b, long cutoff) {
    boolean done = b.end >= 0 && b.end < cutoff;
    ObjectNode o = JsonFiles.MAPPER.createObjectNode();
    o.put("_class", "org.jenkinsci.plugins.workflow.job.WorkflowRun");
    ArrayNode actions = o.putArray("actions");
    ObjectNode causeAction = actions.addObject();
    causeAction.put("_class", "hudson.model.CauseAction");
    ArrayNode causes = causeAction.putArray("causes");
    ObjectNode cause = causes.addObject();
    cause.put("_class", b.causeClass);
    cause.put("shortDescription", b.cause);
    if (b.userId != null) {
      ObjectNode byUser = causes.addObject();
      byUser.put("_class", "hudson.model.Cause$UserIdCause");
      byUser.put("shortDescription", "Started by user " + b.userId);
      byUser.put("userId", b.userId);
      byUser.put("userName", b.userId);
    }
    actions.addObject().put("_class", "jenkins.scm.api.SCMRevisionAction");
    actions.addObject();
    ObjectNode data = actions.addObject();
    data.put("_class", "hudson.plugins.git.util.BuildData");
    ObjectNode rev = data.putObject("lastBuiltRevision");
    rev.put("SHA1", b.commit.sha());
    ObjectNode branch = rev.putArray("branch").addObject();
    branch.put("SHA1", b.commit.sha());
    branch.put("name", b.branch);
    data.putArray("remoteUrls").add("git@github.com:" + b.repo.fullName() + ".git");
    actions.addObject();
    actions.addObject().put("_class", "org.jenkinsci.plugins.workflow.job.views.FlowGraphAction");
    actions.addObject();
    o.put("building", !done);
    o.put("duration", done ? b.end - b.timestamp : 0);
    o.put("estimatedDuration", 420_000 + (b.repo.id() % 60) * 1000);
    o.put("fullDisplayName", b.job.replace("/", " » ") + " #" + b.number);
    o.put("number", b.number);
    if (done) {
      o.put("result", b.result);
    } else {
      o.putNull("result");
    }
    o.put("timestamp", b.timestamp);
    o.put("url", BASE + jobUrlPath(b.job) + "/" + b.number + "/");
    return o;
  }

  private static ObjectNode links(String href) {
    ObjectNode l = JsonFiles.MAPPER.createObjectNode();
    l.putObject("self").put("href", href);
    return l;
  }

  private static ObjectNode describeJson(Build b, long cutoff) {
    String base = jobUrlPath(b.job) + "/" + b.number;
    boolean done = b.end >= 0 && b.end < cutoff;
    ObjectNode o = JsonFiles.MAPPER.createObjectNode();
    o.set("_links", links(base + "/wfapi/describe"));
    o.put("id", Integer.toString(b.number));
    o.put("name", "#" + b.number);
    ArrayNode stages = JsonFiles.MAPPER.createArrayNode();
    String runStatus = done ? (b.result.equals("FAILURE") ? "FAILED" : b.result) : "IN_PROGRESS";
    long pauseTotal = 0;
    long lastEnd = b.timestamp + b.queueMs;
    for (Stage s : b.stages) {
      if (s.result.equals("NOT_EXECUTED")) {
        if (!done) {
          continue;
        }
        ObjectNode st = stages.addObject();
        st.set("_links", links(base + "/execution/node/" + s.id + "/wfapi/describe"));
        st.put("id", s.id);
        st.put("name", s.name);
        st.put("execNode", "");
        st.put("status", "NOT_EXECUTED");
        st.put("startTimeMillis", 0);
        st.put("durationMillis", 0);
        st.put("pauseDurationMillis", 0);
        continue;
      }
      if (s.start >= cutoff) {
        continue;
      }
      boolean finished = s.end < cutoff;
      boolean paused = s.pauseFrom >= 0 && s.pauseFrom < cutoff && (s.pauseTo >= cutoff);
      long pause = s.pauseFrom < 0 || s.pauseFrom >= cutoff ? 0
          : Math.min(s.pauseTo, cutoff) - s.pauseFrom;
      pauseTotal += pause;
      String status = finished ? s.result : paused ? "PAUSED_PENDING_INPUT" : "IN_PROGRESS";
      if (paused) {
        runStatus = "PAUSED_PENDING_INPUT";
      }
      ObjectNode st = stages.addObject();
      st.set("_links", links(base + "/execution/node/" + s.id + "/wfapi/describe"));
      st.put("id", s.id);
      st.put("name", s.name);
      st.put("execNode", s.node);
      st.put("status", status);
      if (finished && s.result.equals("FAILED")) {
        ObjectNode err = st.putObject("error");
        err.put("message", "script returned exit code 1");
        err.put("type", "hudson.AbortException");
      } else if (finished && s.result.equals("ABORTED")) {
        ObjectNode err = st.putObject("error");
        err.putNull("message");
        err.put("type", "org.jenkinsci.plugins.workflow.steps.FlowInterruptedException");
      }
      st.put("startTimeMillis", s.start);
      st.put("durationMillis", (finished ? s.end : cutoff) - s.start);
      st.put("pauseDurationMillis", pause);
      lastEnd = Math.max(lastEnd, finished ? s.end : cutoff);
    }
    o.put("status", runStatus);
    long end = done ? b.end : Math.min(cutoff, Math.max(lastEnd, b.timestamp + b.queueMs));
    o.put("startTimeMillis", b.timestamp);
    o.put("endTimeMillis", end);
    o.put("durationMillis", Math.max(0, end - b.timestamp - b.queueMs));
    o.put("queueDurationMillis", b.queueMs);
    o.put("pauseDurationMillis", pauseTotal);
    o.set("stages", stages);
    return o;
  }
}
