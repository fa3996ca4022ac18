package io.ttv.jobs.generate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ttv.jobs.generate.GithubRunSimulator.Attempt;
import io.ttv.jobs.generate.GithubRunSimulator.Job;
import io.ttv.jobs.generate.GithubRunSimulator.Run;
import io.ttv.jobs.generate.GithubRunSimulator.Trigger;
import io.ttv.jobs.generate.GithubWorkflows.JobSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Renders runs and jobs as the GitHub REST API shows them at an export moment, field for field in the
 * API's order (compare the real bodies in {@code fixtures/real/github-actions/}): the runs list item of
 * {@code GET /repos/{owner}/{repo}/actions/runs} and the job of {@code GET
 * .../actions/runs/{id}/attempts/{n}/jobs}.
 *
 * <p>Quirks kept from the real bodies: step times carry milliseconds ({@code .000Z}) while job and run
 * times do not; post steps are numbered after a gap; a job still queued already shows a
 * {@code started_at} but no runner (sck_push_jobs_run_2499110742_all_attempts_in_progress.json); a run
 * that is still running shows {@code conclusion: null} and, as {@code updated_at}, its latest change.
 */
final class GithubActionsJson {

  private final JsonFactory factory = new JsonFactory();
  private final Organisation org;
  private final Map<String, String> users = new HashMap<>();
  private final Map<Long, String> repositories = new HashMap<>();

  GithubActionsJson(Organisation org) {
    this.org = org;
  }

  // ---------------------------------------------------------------------------------------------
  // Pages

  /** A runs page in the API wrapper {@code {"total_count":N,"workflow_runs":[..]}}. */
  byte[] runsPage(List<Run> runs, long totalCount, long cutoff, long omitIdOf) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(runs.size() * 12_000 + 64);
    try (JsonGenerator g = factory.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("total_count", totalCount);
      g.writeArrayFieldStart("workflow_runs");
      for (Run run : runs) {
        writeRun(g, run, run.attemptAt(cutoff), cutoff, run.id == omitIdOf);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The same runs, one object a line. */
  byte[] runsNdjson(List<Run> runs, long cutoff, long omitIdOf) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(runs.size() * 12_000 + 64);
    try {
      for (Run run : runs) {
        // Closing a generator closes its target; a ByteArrayOutputStream ignores that.
        try (JsonGenerator g = factory.createGenerator(out)) {
          writeRun(g, run, run.attemptAt(cutoff), cutoff, run.id == omitIdOf);
        }
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The jobs of one attempt as seen at {@code cutoff}, in the wrapper {@code {"total_count":N,"jobs":[..]}}. */
  byte[] jobsPage(Run run, Attempt attempt, long cutoff) {
    List<Job> visible = visibleJobs(attempt, cutoff);
    ByteArrayOutputStream out = new ByteArrayOutputStream(visible.size() * 4_000 + 64);
    try (JsonGenerator g = factory.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("total_count", visible.size());
      g.writeArrayFieldStart("jobs");
      for (Job job : visible) {
        writeJob(g, run, attempt, job, cutoff);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Jobs appear in the API once they are queued. */
  static List<Job> visibleJobs(Attempt attempt, long cutoff) {
    List<Job> visible = new ArrayList<>();
    for (Job j : attempt.jobs) {
      if (j.createdAt < cutoff) {
        visible.add(j);
      }
    }
    return visible;
  }

  // ---------------------------------------------------------------------------------------------
  // Runs

  private void writeRun(JsonGenerator g, Run run, Attempt a, long cutoff, boolean omitId)
      throws IOException {
    Trigger t = run.trigger;
    Repo repo = t.setup().repo();
    String api = "https://api.github.com/repos/" + repo.fullName();
    String html = "https://github.com/" + repo.fullName();
    boolean done = a.updatedAt < cutoff;
    String status;
    if (done) {
      status = "completed";
    } else {
      status = "queued";
      for (Job j : a.jobs) {
        if (j.ran && j.startedAt < cutoff) {
          status = "in_progress";
          break;
        }
      }
    }
    g.writeStartObject();
    if (!omitId) {
      g.writeNumberField("id", run.id);
    }
    g.writeStringField("name", t.workflow().name());
    g.writeStringField("node_id", nodeId("WFR_kwLO", run.id));
    g.writeStringField("head_branch", t.headBranch());
    g.writeStringField("head_sha", t.headCommit().sha());
    g.writeStringField("path", ".github/workflows/" + t.workflow().file());
    g.writeStringField("display_title", displayTitle(t));
    g.writeNumberField("run_number", run.runNumber);
    g.writeStringField("event", t.event());
    g.writeStringField("status", status);
    g.writeStringField("conclusion", done ? a.conclusion : null);
    g.writeNumberField("workflow_id", t.workflow().id());
    g.writeNumberField("check_suite_id", run.checkSuiteId);
    g.writeStringField("check_suite_node_id", nodeId("CS_kwDO", run.checkSuiteId));
    g.writeStringField("url", api + "/actions/runs/" + run.id);
    g.writeStringField("html_url", html + "/actions/runs/" + run.id);
    g.writeArrayFieldStart("pull_requests");
    if (t.pull() != null && !t.headBranch().equals(repo.defaultBranch())) {
      writePullRequest(g, t, repo, api);
    }
    g.writeEndArray();
    g.writeStringField("created_at", time(run.createdAt));
    g.writeStringField("updated_at", time(done ? a.updatedAt : a.lastEventBefore(cutoff)));
    g.writeFieldName("actor");
    g.writeRawValue(user(t.actor()));
    g.writeNumberField("run_attempt", a.number);
    g.writeArrayFieldStart("referenced_workflows");
    g.writeEndArray();
    g.writeStringField("run_started_at", time(a.startedAt));
    g.writeFieldName("triggering_actor");
    g.writeRawValue(user(a.triggeringActor));
    g.writeStringField("jobs_url", api + "/actions/runs/" + run.id + "/jobs");
    g.writeStringField("logs_url", api + "/actions/runs/" + run.id + "/logs");
    g.writeStringField("check_suite_url", api + "/check-suites/" + run.checkSuiteId);
    g.writeStringField("artifacts_url", api + "/actions/runs/" + run.id + "/artifacts");
    g.writeStringField("cancel_url", api + "/actions/runs/" + run.id + "/cancel");
    g.writeStringField("rerun_url", api + "/actions/runs/" + run.id + "/rerun");
    g.writeStringField(
        "previous_attempt_url",
        a.number > 1 ? api + "/actions/runs/" + run.id + "/attempts/" + (a.number - 1) : null);
    g.writeStringField("workflow_url", api + "/actions/workflows/" + t.workflow().id());
    CodeActivity.Commit c = t.headCommit();
    g.writeObjectFieldStart("head_commit");
    g.writeStringField("id", c.sha());
    g.writeStringField("tree_id", c.treeSha());
    g.writeStringField("message", c.message());
    g.writeStringField("timestamp", time(c.authoredAt()));
    g.writeObjectFieldStart("author");
    g.writeStringField("name", c.author().name());
    g.writeStringField("email", c.author().email());
    g.writeEndObject();
    g.writeObjectFieldStart("committer");
    g.writeStringField("name", c.committer().name());
    g.writeStringField("email", c.committer().email());
    g.writeEndObject();
    g.writeEndObject();
    String repository = repository(repo);
    g.writeFieldName("repository");
    g.writeRawValue(repository);
    g.writeFieldName("head_repository");
    g.writeRawValue(repository);
    g.writeEndObject();
  }

  private static String displayTitle(Trigger t) {
    return switch (t.event()) {
      case "pull_request" -> t.pull().title();
      case "push" -> t.headCommit().subject();
      default -> t.workflow().name();
    };
  }

  private static void writePullRequest(JsonGenerator g, Trigger t, Repo repo, String api)
      throws IOException {
    CodeActivity.PullRequest pr = t.pull();
    g.writeStartObject();
    g.writeStringField("url", api + "/pulls/" + pr.number());
    g.writeNumberField("id", pr.id());
    g.writeNumberField("number", pr.number());
    g.writeObjectFieldStart("head");
    g.writeStringField("ref", pr.branch());
    g.writeStringField("sha", t.headCommit().sha());
    writeShortRepo(g, repo, api);
    g.writeEndObject();
    g.writeObjectFieldStart("base");
    g.writeStringField("ref", repo.defaultBranch());
    g.writeStringField("sha", t.baseSha());
    writeShortRepo(g, repo, api);
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeShortRepo(JsonGenerator g, Repo repo, String api) throws IOException {
    g.writeObjectFieldStart("repo");
    g.writeNumberField("id", repo.id());
    g.writeStringField("url", api);
    g.writeStringField("name", repo.name());
    g.writeEndObject();
  }

  // ---------------------------------------------------------------------------------------------
  // Jobs

  private void writeJob(JsonGenerator g, Run run, Attempt a, Job j, long cutoff) throws IOException {
    Trigger t = run.trigger;
    Repo repo = t.setup().repo();
    String api = "https://api.github.com/repos/" + repo.fullName();
    boolean completed = j.completedAt < cutoff;
    boolean running = !completed && j.ran && j.startedAt < cutoff;
    boolean hasRunner = j.ran && (completed || running);
    g.writeStartObject();
    g.writeNumberField("id", j.id);
    g.writeNumberField("run_id", run.id);
    g.writeStringField("workflow_name", t.workflow().name());
    g.writeStringField("head_branch", t.headBranch());
    g.writeStringField("run_url", api + "/actions/runs/" + run.id);
    g.writeNumberField("run_attempt", a.number);
    g.writeStringField("node_id", nodeId("CR_kwDO", j.id));
    g.writeStringField("head_sha", t.headCommit().sha());
    g.writeStringField("url", api + "/actions/jobs/" + j.id);
    g.writeStringField(
        "html_url", "https://github.com/" + repo.fullName() + "/actions/runs/" + run.id + "/job/" + j.id);
    g.writeStringField("status", completed ? "completed" : running ? "in_progress" : "queued");
    g.writeStringField("conclusion", completed ? j.conclusion : null);
    g.writeStringField("created_at", time(j.createdAt));
    // A queued job already shows started_at (the real quirk), equal to its creation here.
    g.writeStringField("started_at", time(completed || running ? j.startedAt : j.createdAt));
    g.writeStringField("completed_at", completed ? time(j.completedAt) : null);
    g.writeStringField("name", j.spec.name());
    g.writeArrayFieldStart("steps");
    if (hasRunner) {
      for (Step s : steps(j)) {
        writeStep(g, s, cutoff);
      }
    }
    g.writeEndArray();
    g.writeStringField("check_run_url", api + "/check-runs/" + j.id);
    g.writeArrayFieldStart("labels");
    if (j.spec.selfHosted()) {
      g.writeString("self-hosted");
      g.writeString("linux");
    } else {
      g.writeString("ubuntu-latest");
    }
    g.writeEndArray();
    if (hasRunner) {
      g.writeNumberField("runner_id", j.runnerId);
      g.writeStringField("runner_name", j.runnerName);
      g.writeNumberField("runner_group_id", j.spec.selfHosted() ? 1 : 2);
      g.writeStringField("runner_group_name", j.spec.selfHosted() ? "Default" : "GitHub Actions");
    } else {
      g.writeNullField("runner_id");
      g.writeNullField("runner_name");
      g.writeNullField("runner_group_id");
      g.writeNullField("runner_group_name");
    }
    g.writeEndObject();
  }

  record Step(String name, int number, long start, long end, String conclusion) {}

  /**
   * The job's steps over its whole life: set-up, checkout and tool set-up, the main steps, post steps
   * and "Complete job", filling started..completed exactly. A job stopped by a failure, cancellation or
   * time-out ends in its stop step; the main steps after it are skipped, the post steps still run.
   */
  static List<Step> steps(Job j) {
    SplittableRandom r = new SplittableRandom(j.seed);
    JobSpec spec = j.spec;
    List<String> pre = new ArrayList<>(List.of("Set up job", "Run actions/checkout@v4"));
    List<String> post = new ArrayList<>();
    if (spec.setupStep() != null) {
      pre.add(spec.setupStep());
      post.add("Post " + spec.setupStep());
    }
    post.add("Post Run actions/checkout@v4");
    List<String> main = spec.steps();
    int executed = j.stopStep >= 0 ? j.stopStep + 1 : main.size();

    long total = j.completedAt - j.startedAt;
    long[] preSeconds = new long[pre.size()];
    preSeconds[0] = 1 + r.nextInt(3);
    preSeconds[1] = 1 + r.nextInt(4);
    if (pre.size() > 2) {
      preSeconds[2] = 2 + r.nextInt(19);
    }
    long[] postSeconds = new long[post.size() + 1];
    for (int i = 0; i < postSeconds.length; i++) {
      postSeconds[i] = r.nextInt(i == postSeconds.length - 1 ? 2 : 3);
    }
    long fixed = sum(preSeconds) + sum(postSeconds);
    if (fixed > total) { // a very short job: everything but the main steps takes no time
      java.util.Arrays.fill(preSeconds, 0);
      java.util.Arrays.fill(postSeconds, 0);
      fixed = 0;
    }
    long remaining = total - fixed;
    double[] weights = new double[main.size()];
    double weightSum = 0;
    for (int i = 0; i < executed; i++) {
      weights[i] = (0.2 + 0.8 * r.nextDouble()) * (i == heavyStep(main) ? 4 : 1);
      weightSum += weights[i];
    }
    long[] mainSeconds = new long[main.size()];
    long allocated = 0;
    for (int i = 0; i < executed - 1; i++) {
      mainSeconds[i] = (long) Math.floor(remaining * weights[i] / weightSum);
      allocated += mainSeconds[i];
    }
    mainSeconds[executed - 1] = remaining - allocated;
    int postGap = 1 + r.nextInt(5);

    String stopConclusion =
        switch (j.conclusion) {
          case "failure" -> "failure";
          case "cancelled", "timed_out" -> "cancelled";
          default -> "success";
        };
    List<Step> steps = new ArrayList<>();
    long cursor = j.startedAt;
    int number = 1;
    for (int i = 0; i < pre.size(); i++) {
      steps.add(new Step(pre.get(i), number++, cursor, cursor + preSeconds[i], "success"));
      cursor += preSeconds[i];
    }
    for (int i = 0; i < main.size(); i++) {
      String conclusion =
          i < executed - 1 || j.stopStep < 0 ? "success" : i == j.stopStep ? stopConclusion : "skipped";
      steps.add(new Step(main.get(i), number++, cursor, cursor + mainSeconds[i], conclusion));
      cursor += mainSeconds[i];
    }
    number += postGap;
    for (int i = 0; i < post.size(); i++) {
      steps.add(new Step(post.get(i), number++, cursor, cursor + postSeconds[i], "success"));
      cursor += postSeconds[i];
    }
    steps.add(new Step("Complete job", number, cursor, cursor + postSeconds[post.size()], "success"));
    return steps;
  }

  /** The step that does the work (tests, build, deploy): it takes most of the job's time. */
  static int heavyStep(List<String> steps) {
    for (int i = 0; i < steps.size(); i++) {
      if (HEAVY.matcher(steps.get(i)).find()) {
        return i;
      }
    }
    return steps.size() - 1;
  }

  private static final java.util.regex.Pattern HEAVY =
      java.util.regex.Pattern.compile("(?i)test|build|deploy|lint|ruff|audit|formatting");

  private static long sum(long[] values) {
    long s = 0;
    for (long v : values) {
      s += v;
    }
    return s;
  }

  private static void writeStep(JsonGenerator g, Step s, long cutoff) throws IOException {
    boolean completed = s.end() < cutoff;
    boolean running = !completed && s.start() < cutoff;
    g.writeStartObject();
    g.writeStringField("name", s.name());
    g.writeStringField("status", completed ? "completed" : running ? "in_progress" : "queued");
    g.writeStringField("conclusion", completed ? s.conclusion() : null);
    g.writeNumberField("number", s.number());
    g.writeStringField("started_at", completed || running ? stepTime(s.start()) : null);
    g.writeStringField("completed_at", completed ? stepTime(s.end()) : null);
    g.writeEndObject();
  }

  // ---------------------------------------------------------------------------------------------
  // Accounts and repositories, rendered once each

  private String user(Author a) {
    return users.computeIfAbsent(a.login(), login -> render(g -> writeUser(g, a.login(), a.githubId(),
        a.bot() ? "Bot" : "User")));
  }

  private String repository(Repo repo) {
    return repositories.computeIfAbsent(repo.id(), id -> render(g -> writeRepository(g, org, repo)));
  }

  /**
   * A GitHub REST user object (runs' actors, repository owners, deployment creators). A bot's avatar is
   * its GitHub App's: github-actions (15368) or, for the other bots here, dependabot (29110).
   */
  static void writeUser(JsonGenerator g, String login, long id, String type)
      throws IOException {
    String escaped = login.replace("[", "%5B").replace("]", "%5D");
    String api = "https://api.github.com/users/" + escaped;
    g.writeStartObject();
    g.writeStringField("login", login);
    g.writeNumberField("id", id);
    g.writeStringField("node_id", nodeId(type.equals("Organization") ? "O_kgDO" : "U_kgDO", id));
    g.writeStringField(
        "avatar_url",
        type.equals("Bot")
            ? "https://avatars.githubusercontent.com/in/" + (login.equals("github-actions[bot]") ? 15368 : 29110) + "?v=4"
            : "https://avatars.githubusercontent.com/u/" + id + "?v=4");
    g.writeStringField("gravatar_id", "");
    g.writeStringField("url", api);
    g.writeStringField(
        "html_url",
        type.equals("Bot")
            ? "https://github.com/apps/" + login.replace("[bot]", "")
            : "https://github.com/" + login);
    g.writeStringField("followers_url", api + "/followers");
    g.writeStringField("following_url", api + "/following{/other_user}");
    g.writeStringField("gists_url", api + "/gists{/gist_id}");
    g.writeStringField("starred_url", api + "/starred{/owner}{/repo}");
    g.writeStringField("subscriptions_url", api + "/subscriptions");
    g.writeStringField("organizations_url", api + "/orgs");
    g.writeStringField("repos_url", api + "/repos");
    g.writeStringField("events_url", api + "/events{/privacy}");
    g.writeStringField("received_events_url", api + "/received_events");
    g.writeStringField("type", type);
    g.writeStringField("user_view_type", "public");
    g.writeBooleanField("site_admin", false);
    g.writeEndObject();
  }

  /** The repository object of runs (and the start of the full one in pull requests' head and base). */
  static void writeRepository(JsonGenerator g, Organisation org, Repo repo) throws IOException {
    String api = "https://api.github.com/repos/" + repo.fullName();
    g.writeStartObject();
    g.writeNumberField("id", repo.id());
    g.writeStringField("node_id", nodeId("R_kgDO", repo.id()));
    g.writeStringField("name", repo.name());
    g.writeStringField("full_name", repo.fullName());
    g.writeBooleanField("private", true);
    g.writeFieldName("owner");
    writeUser(g, org.login(), org.githubId(), "Organization");
    g.writeStringField("html_url", "https://github.com/" + repo.fullName());
    g.writeStringField("description", repo.description());
    g.writeBooleanField("fork", false);
    g.writeStringField("url", api);
    String[][] urls = {
      {"forks_url", "/forks"}, {"keys_url", "/keys{/key_id}"},
      {"collaborators_url", "/collaborators{/collaborator}"}, {"teams_url", "/teams"},
      {"hooks_url", "/hooks"}, {"issue_events_url", "/issues/events{/number}"},
      {"events_url", "/events"}, {"assignees_url", "/assignees{/user}"},
      {"branches_url", "/branches{/branch}"}, {"tags_url", "/tags"},
      {"blobs_url", "/git/blobs{/sha}"}, {"git_tags_url", "/git/tags{/sha}"},
      {"git_refs_url", "/git/refs{/sha}"}, {"trees_url", "/git/trees{/sha}"},
      {"statuses_url", "/statuses/{sha}"}, {"languages_url", "/languages"},
      {"stargazers_url", "/stargazers"}, {"contributors_url", "/contributors"},
      {"subscribers_url", "/subscribers"}, {"subscription_url", "/subscription"},
      {"commits_url", "/commits{/sha}"}, {"git_commits_url", "/git/commits{/sha}"},
      {"comments_url", "/comments{/number}"}, {"issue_comment_url", "/issues/comments{/number}"},
      {"contents_url", "/contents/{+path}"}, {"compare_url", "/compare/{base}...{head}"},
      {"merges_url", "/merges"}, {"archive_url", "/{archive_format}{/ref}"},
      {"downloads_url", "/downloads"}, {"issues_url", "/issues{/number}"},
      {"pulls_url", "/pulls{/number}"}, {"milestones_url", "/milestones{/number}"},
      {"notifications_url", "/notifications{?since,all,participating}"},
      {"labels_url", "/labels{/name}"}, {"releases_url", "/releases{/id}"},
      {"deployments_url", "/deployments"}
    };
    for (String[] u : urls) {
      g.writeStringField(u[0], api + u[1]);
    }
    g.writeEndObject();
  }

  @FunctionalInterface
  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private String render(Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = factory.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------

  /** A GraphQL-style node id: a type prefix and the id's bytes, base64url as GitHub's new ids. */
  static String nodeId(String prefix, long id) {
    byte[] bytes = ByteBuffer.allocate(Long.BYTES).putLong(id).array();
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** {@code 2026-01-05T09:12:03Z}. */
  static String time(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond).toString();
  }

  /** {@code 2026-01-05T09:12:03.000Z}, as steps show it. */
  static String stepTime(long epochSecond) {
    String t = time(epochSecond);
    return t.substring(0, t.length() - 1) + ".000Z";
  }
}
