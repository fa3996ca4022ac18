package io.ttv.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ttv.jobs.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's promises: same options, same bytes; every file is valid JSON except the listed
 * faults; runs and jobs fit together as the API's would; re-runs, unfinished runs and the export-date
 * rule behave as contract section 4 describes; the config uses contract keys only.
 */
class SyntheticOrgTest {

  private static final LocalDate START = GenerateOptions.DEFAULT_START;
  private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
  private static final Pattern STEP_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.000Z");

  @TempDir static Path shared;

  /** 50 engineers over a working week: big enough for the faults (150+ records a date). */
  private static GenerateResult result;

  private static Exports exports;

  @BeforeAll
  static void generate() {
    result = SyntheticOrg.generate(new GenerateOptions(shared.resolve("org"), 50, 5, 42, START));
    exports = Exports.read(result.landingDir());
  }

  @Test
  void sameOptionsGiveIdenticalBytesAndAnotherSeedDoesNot(@TempDir Path tmp) throws IOException {
    GenerateResult a = SyntheticOrg.generate(new GenerateOptions(tmp.resolve("a"), 8, 5, 7, START));
    GenerateResult b = SyntheticOrg.generate(new GenerateOptions(tmp.resolve("b"), 8, 5, 7, START));
    GenerateResult c = SyntheticOrg.generate(new GenerateOptions(tmp.resolve("c"), 8, 5, 8, START));

    assertThat(contents(a.landingDir())).isNotEmpty().isEqualTo(contents(b.landingDir()));
    // The version-control exports are part of the comparison.
    assertThat(contents(a.landingDir()).keySet())
        .anyMatch(k -> k.startsWith("git/log/"))
        .anyMatch(k -> k.startsWith("github/pulls/"))
        .anyMatch(k -> k.startsWith("github/pull_reviews/"))
        .anyMatch(k -> k.startsWith("github/pull_commits/"))
        .anyMatch(k -> k.startsWith("gitlab/merge_requests/"))
        .anyMatch(k -> k.startsWith("gitlab/merge_request_commits/"))
        .anyMatch(k -> k.startsWith("jira/issues/"))
        .anyMatch(k -> k.startsWith("pagerduty/incidents/"))
        .anyMatch(k -> k.startsWith("pagerduty/log_entries/"))
        .anyMatch(k -> k.startsWith("ics/calendars/"));
    assertThat(config(a).replace(tmp.resolve("a").toString(), "OUT"))
        .isEqualTo(config(b).replace(tmp.resolve("b").toString(), "OUT"));
    assertThat(contents(c.landingDir())).isNotEqualTo(contents(a.landingDir()));
    assertThat(a.recordsWritten()).isEqualTo(b.recordsWritten());
  }

  @Test
  void generatingAgainIntoTheSameFolderReplacesTheLanding(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("demo");
    SyntheticOrg.generate(new GenerateOptions(out, 8, 3, 1, START));
    Map<String, String> first = contents(out.resolve("landing"));
    SyntheticOrg.generate(new GenerateOptions(out, 8, 2, 1, START));

    assertThat(contents(out.resolve("landing")).keySet())
        .isNotEmpty()
        .allMatch(k -> !k.contains("dt=" + START.plusDays(2)));
    assertThat(first.keySet()).anyMatch(k -> k.contains("dt=" + START.plusDays(2)));
  }

  @Test
  void refusesToWriteOverALandingItDidNotGenerate(@TempDir Path tmp) throws IOException {
    Files.createDirectories(tmp.resolve("landing/github"));
    Files.writeString(tmp.resolve("landing/github/real.json"), "{}");

    assertThatThrownBy(() -> SyntheticOrg.generate(new GenerateOptions(tmp, 8, 1, 1, START)))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("did not generate");
    assertThat(tmp.resolve("landing/github/real.json")).exists();
  }

  @Test
  void optionsOutsideTheirRangeAreUserErrors(@TempDir Path tmp) {
    assertThatThrownBy(() -> new GenerateOptions(tmp, 0, 5, 1, START))
        .isInstanceOf(UserError.class).hasMessageContaining("--engineers");
    assertThatThrownBy(() -> new GenerateOptions(tmp, 5, 0, 1, START))
        .isInstanceOf(UserError.class).hasMessageContaining("--days");
  }

  @Test
  void resultDescribesWhatWasWritten() {
    assertThat(result.firstDate()).isEqualTo(START);
    assertThat(result.lastDate()).isEqualTo(START.plusDays(4));
    assertThat(result.landingDir()).isAbsolute().isDirectory();
    assertThat(result.configFile()).isRegularFile();
    assertThat(result.recordsWritten())
        .containsEntry("github/workflow_runs", (long) exports.runs.size());
    assertThat(result.filesWritten().get("github/workflow_runs"))
        .isEqualTo(exports.runFiles.size());
    assertThat(result.recordsWritten().get("github/workflow_jobs"))
        .isGreaterThan(3 * result.recordsWritten().get("github/workflow_runs"));
  }

  @Test
  void everyFileParsesExceptTheListedFaults() {
    assertThat(result.faults()).extracting(InjectedFault::kind)
        .containsExactlyInAnyOrder(InjectedFault.Kind.values());
    InjectedFault badLine = fault(InjectedFault.Kind.NOT_JSON_LINE);

    // The NDJSON file loses only its bad line; the truncated file cannot be read at all.
    assertThat(exports.unreadable).containsExactlyInAnyOrder(
        badLine.file() + ":2",
        fault(InjectedFault.Kind.TRUNCATED_FILE).file().toString());
    assertThat(badLine.file().toString()).endsWith(".ndjson");
  }

  @Test
  void faultsStayFarBelowTheQualityGate() {
    for (InjectedFault f : result.faults()) {
      double share = 1.0 / result.recordsWritten().get(f.dataset());
      assertThat(share).as(f.toString()).isLessThanOrEqualTo(0.002);
    }
    // One fault per dataset and date.
    assertThat(result.faults().stream().map(f -> f.dataset() + Exports.dt(f.file())))
        .doesNotHaveDuplicates();
    InjectedFault missing = fault(InjectedFault.Kind.MISSING_ID);
    List<JsonNode> inFile = exports.runs.stream()
        .filter(i -> i.file().equals(missing.file())).map(Exports.Item::node).toList();
    assertThat(inFile).filteredOn(r -> !r.has("id")).hasSize(1);
    assertThat(exports.runs).filteredOn(i -> !i.node().has("id")).hasSize(1);
  }

  @Test
  void runsFollowTheApiShape() {
    Set<String> events = new TreeSet<>();
    Set<String> conclusions = new TreeSet<>();
    for (Exports.Item item : exports.runs) {
      JsonNode r = item.node();
      assertThat(r.path("head_sha").asText()).matches("[0-9a-f]{40}");
      assertThat(r.path("path").asText()).matches("\\.github/workflows/[a-z]+\\.yml");
      assertThat(r.path("repository").path("full_name").asText())
          .isEqualTo(r.path("head_repository").path("full_name").asText())
          .startsWith("northwind/");
      assertThat(item.file().toString())
          .contains("repo=" + r.path("repository").path("full_name").asText().replace("/", "%2F"));
      assertThat(r.path("actor").path("login").asText()).isNotEmpty();
      assertThat(r.path("triggering_actor").path("type").asText()).isIn("User", "Bot");
      assertThat(r.path("head_commit").path("author").path("email").asText()).contains("@");
      if (r.path("event").asText().equals("pull_request")) {
        assertThat(r.path("pull_requests")).hasSize(1);
        assertThat(r.path("pull_requests").get(0).path("head").path("ref").asText())
            .isEqualTo(r.path("head_branch").asText());
      }
      events.add(r.path("event").asText());
      conclusions.add(r.path("conclusion").asText());
    }
    assertThat(events).containsExactlyInAnyOrder("push", "pull_request", "schedule",
        "workflow_dispatch");
    assertThat(conclusions).contains("success", "failure", "cancelled");
    assertThat(exports.runs).anyMatch(i -> i.node().path("actor").path("login").asText()
        .equals("dependabot[bot]"));
  }

  @Test
  void behaviourIsRoughlyWhatTheBriefAsks() {
    Map<Long, JsonNode> newest = newestRecords();
    long runs = newest.size();
    long failed = newest.values().stream()
        .filter(r -> r.path("conclusion").asText().matches("failure|timed_out")).count();
    long rerun = newest.values().stream().filter(r -> r.path("run_attempt").asInt() > 1).count();
    // 50 engineers, 5 working days: 3-6 runs per engineer and day, plus nightly runs.
    assertThat(runs).isBetween(50L * 5 * 3, 50L * 5 * 6 + 100);
    assertThat((double) failed / runs).isBetween(0.04, 0.16);
    assertThat((double) rerun / runs).isBetween(0.02, 0.10);
  }

  @Test
  void jobsBelongToExportedRunAttempts() {
    long spared = fault(InjectedFault.Kind.MISSING_ID).runId();
    Map<Long, Integer> maxAttempt = new HashMap<>();
    for (Exports.Item i : exports.runs) {
      if (i.node().has("id")) {
        maxAttempt.merge(i.node().get("id").asLong(), i.node().get("run_attempt").asInt(), Math::max);
      }
    }
    assertThat(exports.jobs).isNotEmpty();
    for (Exports.Item i : exports.jobs) {
      JsonNode j = i.node();
      long runId = j.get("run_id").asLong();
      int attempt = j.get("run_attempt").asInt();
      assertThat(i.file().toString()).contains("run_id=" + runId).endsWith("attempt=" + attempt + ".json");
      if (runId == spared) {
        continue;
      }
      assertThat(maxAttempt).as("run of job %s", j.get("id")).containsKey(runId);
      assertThat(attempt).isLessThanOrEqualTo(maxAttempt.get(runId));
    }
  }

  @Test
  void reRunsKeepTheRunIdAndGetNewJobs() {
    Map<Long, JsonNode> newest = newestRecords();
    List<JsonNode> reruns = newest.values().stream()
        .filter(r -> r.path("run_attempt").asInt() > 1).toList();
    assertThat(reruns).isNotEmpty();
    Map<String, Set<Long>> jobIds = new HashMap<>();
    for (Exports.Item i : exports.jobs) {
      jobIds.computeIfAbsent(i.node().get("run_id").asLong() + "/" + i.node().get("run_attempt").asInt(),
          k -> new HashSet<>()).add(i.node().get("id").asLong());
    }
    int checked = 0;
    for (JsonNode r : reruns) {
      long id = r.get("id").asLong();
      int n = r.get("run_attempt").asInt();
      assertThat(r.get("previous_attempt_url").asText()).endsWith("/runs/" + id + "/attempts/" + (n - 1));
      assertThat(epoch(r, "created_at")).isLessThan(epoch(r, "run_started_at"));
      Set<Long> first = jobIds.get(id + "/1");
      Set<Long> later = jobIds.get(id + "/" + n);
      if (first != null && later != null) {
        assertThat(later).doesNotContainAnyElementsOf(first);
        checked++;
      }
    }
    assertThat(checked).isPositive();
    assertThat(newest.values()).allMatch(r -> r.path("run_attempt").asInt() > 1
        || r.path("previous_attempt_url").isNull());
  }

  @Test
  void unfinishedRunsAreExportedAgainFinished() {
    Map<Long, TreeMap<String, JsonNode>> byRun = new HashMap<>();
    for (Exports.Item i : exports.runs) {
      if (i.node().has("id")) {
        byRun.computeIfAbsent(i.node().get("id").asLong(), k -> new TreeMap<>()).put(i.dt(), i.node());
      }
    }
    int found = 0;
    for (TreeMap<String, JsonNode> versions : byRun.values()) {
      var first = versions.firstEntry();
      var last = versions.lastEntry();
      if (!first.getValue().get("status").asText().equals("completed")
          && last.getValue().get("status").asText().equals("completed")
          && first.getValue().get("run_attempt").equals(last.getValue().get("run_attempt"))) {
        assertThat(first.getValue().get("conclusion").isNull()).isTrue();
        assertThat(last.getKey()).isGreaterThan(first.getKey());
        found++;
      }
    }
    assertThat(found).isPositive();
    // Their jobs were exported unfinished too, and again finished.
    assertThat(exports.jobs).anyMatch(i -> i.node().get("completed_at").isNull()
        && i.node().get("status").asText().equals("in_progress"));
  }

  @Test
  void aRunIsExportedOnTheDateItWasLastUpdated() {
    for (Exports.Item i : exports.runs) {
      String updated = i.node().get("updated_at").asText();
      assertThat(updated).as("%s in %s", i.node().get("id"), i.file()).startsWith(i.dt());
    }
  }

  @Test
  void timestampsAreOrderedAndShapedLikeTheApi() {
    for (Exports.Item i : exports.runs) {
      JsonNode r = i.node();
      for (String f : List.of("created_at", "updated_at", "run_started_at")) {
        assertThat(r.get(f).asText()).matches(TIME);
      }
      if (r.get("run_attempt").asInt() == 1) {
        assertThat(epoch(r, "created_at")).isLessThanOrEqualTo(epoch(r, "run_started_at"));
      }
      assertThat(epoch(r, "run_started_at")).isLessThanOrEqualTo(epoch(r, "updated_at"));
    }
    for (Exports.Item i : exports.jobs) {
      JsonNode j = i.node();
      assertThat(j.get("created_at").asText()).matches(TIME);
      assertThat(epoch(j, "created_at")).isLessThanOrEqualTo(epoch(j, "started_at"));
      if (!j.get("completed_at").isNull()) {
        assertThat(epoch(j, "started_at")).isLessThanOrEqualTo(epoch(j, "completed_at"));
        assertThat(j.get("status").asText()).isEqualTo("completed");
      }
      long previousEnd = Long.MIN_VALUE;
      for (JsonNode s : j.get("steps")) {
        if (s.get("started_at").isNull()) {
          continue;
        }
        assertThat(s.get("started_at").asText()).matches(STEP_TIME);
        long start = Instant.parse(s.get("started_at").asText()).getEpochSecond();
        assertThat(start).isGreaterThanOrEqualTo(epoch(j, "started_at")).isGreaterThanOrEqualTo(previousEnd);
        if (!s.get("completed_at").isNull()) {
          previousEnd = Instant.parse(s.get("completed_at").asText()).getEpochSecond();
          assertThat(previousEnd).isGreaterThanOrEqualTo(start);
          if (!j.get("completed_at").isNull()) {
            assertThat(previousEnd).isLessThanOrEqualTo(epoch(j, "completed_at"));
          }
        }
      }
    }
  }

  @Test
  void failedJobsHaveAFailingStep() {
    List<JsonNode> failed = exports.jobs.stream().map(Exports.Item::node)
        .filter(j -> j.path("conclusion").asText().equals("failure")).toList();
    assertThat(failed).isNotEmpty().allMatch(j -> {
      for (JsonNode s : j.get("steps")) {
        if (s.path("conclusion").asText().equals("failure")) {
          return true;
        }
      }
      return false;
    });
    assertThat(exports.jobs).anyMatch(i -> i.node().get("labels").toString().contains("self-hosted"));
    assertThat(exports.jobs).anyMatch(i -> i.node().get("name").asText().matches(".+ \\(.+\\)"));
  }

  @Test
  void allThreeLandingShapesAppear() {
    assertThat(exports.runFiles).extracting(p -> p.getFileName().toString().replaceAll("^runs-\\d+", ""))
        .contains(".json", ".ndjson", ".json.gz");
  }

  @Test
  void bigReposArePagedByAHundred(@TempDir Path tmp) {
    GenerateResult big = SyntheticOrg.generate(new GenerateOptions(tmp, 400, 1, 3, START));
    Exports e = Exports.read(big.landingDir(), false);

    assertThat(e.runFiles).anyMatch(p -> p.getFileName().toString().startsWith("runs-2."));
    Map<Path, Integer> runsPerFolder = new HashMap<>();
    for (Exports.Item i : e.runs) {
      runsPerFolder.merge(i.file().getParent(), 1, Integer::sum);
    }
    for (Exports.Item page : e.runPages) {
      int size = page.node().get("workflow_runs").size();
      assertThat(size).isBetween(1, GithubActionsExports.PAGE_SIZE);
      // total_count counts the runs of every page of the repo and date, as the API's does.
      assertThat(page.node().get("total_count").asInt())
          .isEqualTo(runsPerFolder.get(page.file().getParent()));
    }
  }

  @Test
  void configUsesContractKeysOnly() throws IOException {
    JsonNode config = Exports.JSON.readTree(result.configFile().toFile());

    assertThat(names(config)).isSubsetOf("warehouse", "landing", "reporting_timezone",
        "late_data_days", "quality", "sources", "teams", "people", "bots", "services", "deployments",
        "work_items", "friction", "focus", "privacy", "cost", "report", "bi");
    assertThat(Path.of(config.get("warehouse").asText())).isAbsolute();
    assertThat(Path.of(config.get("landing").asText())).isEqualTo(result.landingDir());
    assertThat(config.get("reporting_timezone").asText()).isEqualTo("Europe/Berlin");
    assertThat(config.get("sources").get("github").get("enabled").asBoolean()).isTrue();
    assertThat(config.get("cost").get("hourly_rate").asDouble()).isEqualTo(95.0);
    assertThat(config.get("cost").get("currency").asText()).isEqualTo("EUR");
    Set<String> zones = new HashSet<>();
    for (JsonNode t : config.get("teams")) {
      assertThat(names(t)).isSubsetOf("name", "timezone", "working_hours", "working_days");
      assertThat(names(t.get("working_hours"))).containsExactlyInAnyOrder("start", "end");
      zones.add(t.get("timezone").asText());
    }
    assertThat(config.get("teams").size()).isBetween(4, 6);
    assertThat(zones).hasSizeGreaterThanOrEqualTo(3);
    for (JsonNode p : config.get("people")) {
      assertThat(names(p)).isSubsetOf("id", "name", "team", "emails", "github", "gitlab", "jira",
          "pagerduty");
    }
    assertThat(config.get("people")).hasSize(50);
    for (JsonNode s : config.get("services")) {
      assertThat(names(s)).isSubsetOf("name", "team", "repos", "pagerduty_services", "jira_components");
    }
    assertThat(Pattern.compile(config.get("bots").asText()).matcher("dependabot[bot]").find()).isTrue();
  }

  @Test
  void everyActorIsAConfiguredPersonABotOrTheOneOutsider() throws IOException {
    JsonNode config = Exports.JSON.readTree(result.configFile().toFile());
    Set<String> configured = new HashSet<>();
    config.get("people").forEach(p -> p.get("github").forEach(g -> configured.add(g.asText())));
    Pattern bots = Pattern.compile(config.get("bots").asText());
    Set<String> unknown = new TreeSet<>();
    boolean mixedCase = false;
    for (Exports.Item i : exports.runs) {
      for (String field : List.of("actor", "triggering_actor")) {
        String login = i.node().get(field).get("login").asText();
        mixedCase |= !login.equals(login.toLowerCase(Locale.ROOT)) && !bots.matcher(login).find();
        if (!configured.contains(login.toLowerCase(Locale.ROOT)) && !bots.matcher(login).find()) {
          unknown.add(login);
        }
      }
    }
    // Logins are matched ignoring case; one outside contributor is deliberately not configured.
    assertThat(mixedCase).isTrue();
    assertThat(unknown).hasSizeLessThanOrEqualTo(1);
  }

  // ---------------------------------------------------------------------------------------------

  private static InjectedFault fault(InjectedFault.Kind kind) {
    return result.faults().stream().filter(f -> f.kind() == kind).findFirst().orElseThrow();
  }

  /** Each run's record from its newest export date. */
  private static Map<Long, JsonNode> newestRecords() {
    Map<Long, String> dates = new HashMap<>();
    Map<Long, JsonNode> newest = new HashMap<>();
    for (Exports.Item i : exports.runs) {
      if (!i.node().has("id")) {
        continue;
      }
      long id = i.node().get("id").asLong();
      if (dates.get(id) == null || dates.get(id).compareTo(i.dt()) < 0) {
        dates.put(id, i.dt());
        newest.put(id, i.node());
      }
    }
    return newest;
  }

  private static long epoch(JsonNode node, String field) {
    return Instant.parse(node.get(field).asText()).getEpochSecond();
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String config(GenerateResult r) throws IOException {
    return Files.readString(r.configFile(), StandardCharsets.UTF_8);
  }

  /** Relative path -> content digest of every file under {@code root}. */
  private static Map<String, String> contents(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (Path p : Exports.files(root)) {
      out.put(root.relativize(p).toString(), digest(Files.readAllBytes(p)));
    }
    return out;
  }

  private static String digest(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
