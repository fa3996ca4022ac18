package io.ttv.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitLab CI, Jenkins and GitHub deployment exports: every file parses, records name records that
 * were exported (jobs their pipelines, stages their builds, statuses their deployments), and the manual
 * gates look as the readers expect (a GitLab job exported {@code manual} and later played, a Jenkins
 * input paused then answered, a GitHub {@code waiting} status followed by an approval).
 */
class ForgeExportsTest {

  private static final Pattern SEGMENT = Pattern.compile("/([a-z_]+)=([^/]+)");

  @TempDir static Path shared;
  private static GenerateResult result;
  private static Path landing;

  @BeforeAll
  static void generate() {
    result = SyntheticOrg.generate(
        new GenerateOptions(shared.resolve("org"), 40, 10, 42, GenerateOptions.DEFAULT_START));
    landing = result.landingDir();
  }

  record Rec(String dt, Path file, Map<String, String> segments, JsonNode node) {}

  /** Every record of a dataset: array items, the allBuilds of a Jenkins tree, or a single body. */
  private static List<Rec> read(String dataset) {
    List<Rec> out = new ArrayList<>();
    for (Path f : Exports.files(landing.resolve(dataset))) {
      JsonNode node;
      try {
        node = Exports.JSON.readTree(f.toFile());
      } catch (IOException e) {
        throw new AssertionError(f + " does not parse", e);
      }
      Map<String, String> segments = new HashMap<>();
      Matcher m = SEGMENT.matcher(landing.relativize(f).toString().replace('\\', '/'));
      while (m.find()) {
        segments.put(m.group(1), java.net.URLDecoder.decode(m.group(2),
            java.nio.charset.StandardCharsets.UTF_8));
      }
      JsonNode items = node.has("allBuilds") ? node.get("allBuilds") : node;
      if (items.isArray()) {
        items.forEach(i -> out.add(new Rec(Exports.dt(f), f, segments, i)));
      } else {
        out.add(new Rec(Exports.dt(f), f, segments, items));
      }
    }
    return out;
  }

  @Test
  void everySourceIsWrittenAndCounted() {
    for (String dataset : List.of("github/deployments", "github/deployment_statuses", "gitlab/pipelines",
        "gitlab/jobs", "gitlab/deployments", "jenkins/builds", "jenkins/stages", "github/pulls",
        "github/pull_reviews", "github/pull_commits", "gitlab/merge_requests",
        "gitlab/merge_request_commits")) {
      assertThat(result.recordsWritten().get(dataset)).as(dataset).isPositive();
      assertThat(read(dataset)).as(dataset).hasSize(result.recordsWritten().get(dataset).intValue());
    }
  }

  @Test
  void gitlabJobsNameExportedPipelinesAndProjects() {
    Set<Long> pipelines = new HashSet<>();
    read("gitlab/pipelines").forEach(r -> pipelines.add(r.node().get("id").asLong()));
    List<Rec> jobs = read("gitlab/jobs");
    assertThat(jobs).isNotEmpty();
    for (Rec r : jobs) {
      assertThat(pipelines).contains(r.node().get("pipeline").get("id").asLong());
      String project = r.segments().get("project");
      assertThat(project).contains("/");
      assertThat(r.node().get("web_url").asText()).contains("/" + project + "/-/jobs/");
      assertThat(r.node().get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }
    // Single-pipeline bodies carry timing; list items do not.
    List<Rec> bodies = read("gitlab/pipelines").stream()
        .filter(r -> r.file().getFileName().toString().startsWith("pipeline-")).toList();
    assertThat(bodies).isNotEmpty().allMatch(r -> r.node().has("started_at") && r.node().has("queued_duration"));
    assertThat(read("gitlab/pipelines")).anyMatch(r -> !r.node().has("started_at"));
  }

  @Test
  void aGitlabGateIsExportedManualThenPlayedOnALaterDate() {
    Map<Long, TreeMap<String, JsonNode>> versions = new HashMap<>();
    for (Rec r : read("gitlab/jobs")) {
      versions.computeIfAbsent(r.node().get("id").asLong(), k -> new TreeMap<>()).put(r.dt(), r.node());
    }
    int playedLater = 0;
    for (TreeMap<String, JsonNode> v : versions.values()) {
      boolean wasManual = v.values().stream().anyMatch(n -> n.get("status").asText().equals("manual"));
      JsonNode newest = v.lastEntry().getValue();
      if (wasManual && Set.of("success", "failed").contains(newest.get("status").asText())) {
        assertThat(newest.get("name").asText()).isEqualTo("deploy-production");
        assertThat(newest.get("started_at").isNull()).isFalse();
        playedLater++;
      }
    }
    assertThat(playedLater).isPositive();
    // Retried jobs: a later job of the same pipeline with the same name.
    Map<String, Set<Long>> byPipelineAndName = new HashMap<>();
    versions.forEach((id, v) -> byPipelineAndName.computeIfAbsent(
        v.lastEntry().getValue().get("pipeline").get("id").asText() + " "
            + v.lastEntry().getValue().get("name").asText(), k -> new HashSet<>()).add(id));
    assertThat(byPipelineAndName.values()).anyMatch(ids -> ids.size() > 1);
  }

  @Test
  void gitlabDeploymentsEmbedEnvironmentAndDeployable() {
    List<Rec> deployments = read("gitlab/deployments");
    assertThat(deployments).isNotEmpty();
    Set<String> envs = new HashSet<>();
    for (Rec r : deployments) {
      envs.add(r.node().get("environment").get("name").asText());
      assertThat(r.node().get("deployable").get("pipeline").get("id").isNumber()).isTrue();
    }
    assertThat(envs).containsExactlyInAnyOrder("staging", "production");
  }

  @Test
  void jenkinsStagesNameExportedBuildsAndInputsPauseThenFinish() {
    Set<String> builds = new HashSet<>();
    for (Rec r : read("jenkins/builds")) {
      assertThat(r.node().get("timestamp").asLong()).isGreaterThan(1_700_000_000_000L);
      builds.add(r.segments().get("job") + "#" + r.node().get("number").asLong());
    }
    Map<String, TreeMap<String, JsonNode>> stages = new HashMap<>();
    for (Rec r : read("jenkins/stages")) {
      String build = r.segments().get("job") + "#" + r.segments().get("build");
      assertThat(builds).contains(build);
      for (JsonNode s : r.node().get("stages")) {
        stages.computeIfAbsent(build + ":" + s.get("id").asText(), k -> new TreeMap<>()).put(r.dt(), s);
      }
    }
    long pausedThenDone = stages.values().stream()
        .filter(v -> v.values().stream().anyMatch(s -> s.get("status").asText().equals("PAUSED_PENDING_INPUT")))
        .filter(v -> Set.of("SUCCESS", "FAILED", "ABORTED").contains(v.lastEntry().getValue().get("status").asText()))
        .filter(v -> v.lastEntry().getValue().get("pauseDurationMillis").asLong() > 0)
        .count();
    assertThat(pausedThenDone).isPositive();
    assertThat(stages.values()).anyMatch(v -> v.lastEntry().getValue().get("status").asText().equals("NOT_EXECUTED")
        && v.lastEntry().getValue().get("startTimeMillis").asLong() == 0);
  }

  @Test
  void githubStatusesNameExportedDeploymentsAndActionsRuns() {
    Set<Long> deployments = new HashSet<>();
    read("github/deployments").forEach(r -> deployments.add(r.node().get("id").asLong()));
    Set<Long> runs = new HashSet<>();
    Exports.read(landing, false).runs.forEach(i -> {
      if (i.node().has("id")) {
        runs.add(i.node().get("id").asLong());
      }
    });
    Map<Long, List<String>> newestHistory = new HashMap<>();
    Map<Long, String> newestDate = new HashMap<>();
    Pattern run = Pattern.compile("/actions/runs/(\\d+)/");
    for (Rec r : read("github/deployment_statuses")) {
      long id = Long.parseLong(r.segments().get("deployment_id"));
      assertThat(deployments).contains(id);
      Matcher m = run.matcher(r.node().get("log_url").asText());
      assertThat(m.find()).isTrue();
      assertThat(runs).contains(Long.parseLong(m.group(1)));
      if (newestDate.get(id) == null || newestDate.get(id).compareTo(r.dt()) < 0) {
        newestDate.put(id, r.dt());
        newestHistory.put(id, new ArrayList<>());
      }
      if (newestDate.get(id).equals(r.dt())) {
        newestHistory.get(id).add(0, r.node().get("state").asText()); // files are newest first
      }
    }
    assertThat(newestHistory.values()).anyMatch(h -> h.indexOf("waiting") >= 0
        && h.indexOf("success") > h.indexOf("waiting"));
    assertThat(newestHistory.values()).anyMatch(h -> h.contains("waiting") && h.contains("failure")
        && !h.contains("in_progress"));
  }

  @Test
  void configEnablesTheCiSystemsAndGitAndListsGitlabProjects() throws IOException {
    JsonNode config = Exports.JSON.readTree(result.configFile().toFile());
    for (String system : List.of("github", "gitlab", "jenkins", "git")) {
      assertThat(config.get("sources").get(system).get("enabled").asBoolean()).isTrue();
    }
    List<String> repos = new ArrayList<>();
    config.get("services").forEach(s -> s.get("repos").forEach(r -> repos.add(r.asText())));
    Set<String> projects = new HashSet<>();
    read("gitlab/pipelines").forEach(r -> projects.add(r.segments().get("project")));
    assertThat(repos).containsAll(projects);
    assertThat(projects).anyMatch(p -> p.split("/").length >= 3);
  }
}
