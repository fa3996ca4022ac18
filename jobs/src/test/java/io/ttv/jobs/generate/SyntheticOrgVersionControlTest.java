package io.ttv.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version-control exports: the git log of every repository is a closed commit graph in the
 * contract's x1f format that holds every commit the CI runs and deployments of a default branch name;
 * pull requests, reviews and merge requests fit that graph and the CI data.
 */
class SyntheticOrgVersionControlTest {

  private static final LocalDate START = GenerateOptions.DEFAULT_START;
  private static final int DAYS = 8;
  private static final Pattern SEGMENT = Pattern.compile("/([a-z_]+)=([^/]+)");
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern ISO_OFFSET =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d");

  @TempDir static Path shared;
  private static GenerateResult result;
  private static Path landing;
  /** (date, repo) -> the log's lines, split into their nine fields, in file order. */
  private static final Map<String, List<String[]>> logs = new TreeMap<>();

  @BeforeAll
  static void generate() throws IOException {
    result = SyntheticOrg.generate(new GenerateOptions(shared.resolve("org"), 24, DAYS, 42, START));
    landing = result.landingDir();
    for (Path f : Exports.files(landing.resolve("git/log"))) {
      List<String[]> lines = new ArrayList<>();
      String text = Files.readString(f, StandardCharsets.UTF_8);
      assertThat(text).endsWith("\n");
      for (String line : text.split("\n")) {
        lines.add(line.split("\u001f", -1));
      }
      logs.put(Exports.dt(f) + " " + segments(f).get("repo"), lines);
    }
  }

  @Test
  void everyRepoHasALogOnEveryDateInTheContractsFormat() throws IOException {
    JsonNode config = Exports.JSON.readTree(result.configFile().toFile());
    assertThat(config.get("sources").get("git").get("enabled").asBoolean()).isTrue();
    Set<String> repos = new HashSet<>();
    config.get("services").forEach(s -> s.get("repos").forEach(r -> repos.add(r.asText())));
    assertThat(logs).hasSize(repos.size() * DAYS);
    long lines = 0;
    for (Map.Entry<String, List<String[]>> e : logs.entrySet()) {
      assertThat(repos).contains(e.getKey().substring(11));
      long previous = Long.MAX_VALUE;
      for (String[] f : e.getValue()) {
        assertThat(f).as(e.getKey()).hasSize(9);
        assertThat(f[0]).matches(SHA);
        assertThat(f[1]).matches("|[0-9a-f]{40}( [0-9a-f]{40})?");
        assertThat(f[3]).contains("@");
        assertThat(f[4]).matches(ISO_OFFSET);
        assertThat(f[7]).matches(ISO_OFFSET);
        assertThat(f[8]).isNotBlank();
        long committed = OffsetDateTime.parse(f[7]).toEpochSecond();
        assertThat(committed).as("newest first in %s", e.getKey()).isLessThanOrEqualTo(previous);
        previous = committed;
        lines++;
      }
    }
    assertThat(result.recordsWritten().get("git/log")).isEqualTo(lines);
    assertThat(result.filesWritten().get("git/log")).isEqualTo(logs.size());
  }

  @Test
  void theLogIsAClosedGraphWithOneRootAndChildrenBeforeParents() {
    int trueMerges = 0;
    for (Map.Entry<String, List<String[]>> e : logs.entrySet()) {
      Set<String> listed = new HashSet<>();
      Set<String> all = new HashSet<>();
      e.getValue().forEach(f -> all.add(f[0]));
      int roots = 0;
      for (String[] f : e.getValue()) {
        assertThat(listed).as("a child of %s comes first", f[0]).doesNotContain(f[0]);
        if (f[1].isEmpty()) {
          roots++;
          continue;
        }
        for (String parent : f[1].split(" ")) {
          assertThat(all).as("parent %s of %s in %s", parent, f[0], e.getKey()).contains(parent);
          assertThat(listed).doesNotContain(parent);
        }
        trueMerges += f[1].contains(" ") ? 1 : 0;
      }
      e.getValue().forEach(f -> listed.add(f[0]));
      assertThat(roots).as(e.getKey()).isEqualTo(1);
      assertThat(all).as("no duplicate lines in %s", e.getKey()).hasSize(e.getValue().size());
    }
    assertThat(trueMerges).isPositive();
  }

  @Test
  void thePreRangeHistoryReachesBackFurtherThanTheFirstDeploymentsLookBack() {
    long start = START.atStartOfDay().toEpochSecond(java.time.ZoneOffset.UTC);
    for (Map.Entry<String, List<String[]>> e : logs.entrySet()) {
      if (!e.getKey().startsWith(START.toString())) {
        continue;
      }
      List<String[]> before = e.getValue().stream()
          .filter(f -> OffsetDateTime.parse(f[7]).toEpochSecond() < start).toList();
      assertThat(before.size()).as(e.getKey()).isBetween(21, 120);
      long oldest = OffsetDateTime.parse(before.get(before.size() - 1)[4]).toEpochSecond();
      assertThat(start - oldest).as(e.getKey()).isGreaterThan(90 * 86_400L);
      assertThat(before.get(before.size() - 1)[8]).isEqualTo("Initial commit");
    }
  }

  @Test
  void everyDefaultBranchCommitTheCiAndDeploymentsNameIsInTheLogOfThatDate() {
    int checked = 0;
    for (Exports.Item i : Exports.read(landing, false).runs) {
      JsonNode r = i.node();
      String event = r.path("event").asText();
      if (!r.has("id") || event.equals("pull_request")
          || (event.equals("push") && !r.path("pull_requests").isEmpty())) {
        continue;
      }
      if (!r.path("head_branch").asText().matches("main|master")) {
        continue; // a push to a pull request's branch in a repo that builds every push
      }
      assertThat(log(i.dt(), r.path("repository").path("full_name").asText()))
          .as("%s run %s", event, r.get("id")).contains(r.path("head_sha").asText());
      checked++;
    }
    for (Rec d : read("github/deployments")) {
      assertThat(log(d.dt(), d.segments().get("repo"))).contains(d.node().get("sha").asText());
      checked++;
    }
    for (Rec p : read("gitlab/pipelines")) {
      if (p.node().get("ref").asText().equals("main")) {
        assertThat(log(p.dt(), p.segments().get("project"))).contains(p.node().get("sha").asText());
        checked++;
      }
    }
    for (Rec d : read("gitlab/deployments")) {
      assertThat(log(d.dt(), d.segments().get("project"))).contains(d.node().get("sha").asText());
      checked++;
    }
    for (Rec b : read("jenkins/builds")) {
      String[] job = b.segments().get("job").split("/");
      if (!job[2].equals("main")) {
        continue;
      }
      for (JsonNode a : b.node().get("actions")) {
        if (a.has("lastBuiltRevision")) {
          assertThat(log(b.dt(), "northwind/" + job[1]))
              .contains(a.get("lastBuiltRevision").get("SHA1").asText());
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(300);
  }

  @Test
  void authorsAreConfiguredPeopleBotsOrTheOutsiderAndMergesAreCommittedByGithub() throws IOException {
    JsonNode config = Exports.JSON.readTree(result.configFile().toFile());
    Set<String> emails = new HashSet<>();
    config.get("people").forEach(p -> p.get("emails").forEach(m -> emails.add(m.asText())));
    Set<String> unknown = new TreeSet<>();
    boolean noreply = false;
    boolean bot = false;
    for (List<String[]> lines : logs.values()) {
      for (String[] f : lines) {
        String email = f[3].toLowerCase(Locale.ROOT);
        noreply |= email.matches("\\d+\\+[a-z0-9-]+@users\\.noreply\\.github\\.com")
            && emails.contains(f[3]);
        if (f[2].equals("dependabot[bot]")) {
          bot = true;
          assertThat(f[3]).isEqualTo("49699333+dependabot[bot]@users.noreply.github.com");
        } else if (!emails.contains(f[3])) {
          unknown.add(f[3]);
        }
        if (f[8].matches(".*\\(#\\d+\\)$")) {
          assertThat(f[5] + " <" + f[6] + ">").isEqualTo("GitHub <noreply@github.com>");
        }
      }
    }
    assertThat(noreply).isTrue();
    assertThat(bot).isTrue();
    assertThat(unknown).hasSizeLessThanOrEqualTo(1); // the one outside contributor
  }

  @Test
  void pullRequestsFitTheLogAndTheirReviewsAndCommits() {
    String last = START.plusDays(DAYS - 1).toString();
    Map<String, Rec> newest = newest(read("github/pulls"), "repo", "number");
    assertThat(newest).isNotEmpty();
    Map<String, Rec> commitsFiles = newestFiles("github/pull_commits", "repo", "pull");
    int merged = 0;
    int closed = 0;
    int trueMerges = 0;
    for (Map.Entry<String, Rec> e : newest.entrySet()) {
      JsonNode p = e.getValue().node();
      String repo = e.getValue().segments().get("repo");
      assertThat(p.get("merge_commit_sha").asText()).matches(SHA);
      assertThat(p.get("head").get("ref").asText()).isNotEmpty();
      assertThat(p.get("base").get("repo").get("full_name").asText()).isEqualTo(repo);
      Map<String, String[]> log = byShaOf(last, repo);
      if (!p.get("merged_at").isNull()) {
        merged++;
        String[] merge = log.get(p.get("merge_commit_sha").asText());
        assertThat(merge).as("merge of %s", e.getKey()).isNotNull();
        assertThat(merge[8]).endsWith("(#" + p.get("number").asInt() + ")");
        if (merge[1].contains(" ")) {
          trueMerges++;
          assertThat(merge[1].split(" ")[1]).isEqualTo(p.get("head").get("sha").asText());
        }
      } else if (p.get("state").asText().equals("closed")) {
        closed++;
        assertThat(p.get("closed_at").isNull()).isFalse();
      }
      if (p.get("state").asText().equals("open")) {
        assertThat(log).as("head of open %s", e.getKey()).containsKey(p.get("head").get("sha").asText());
      }
      JsonNode commits = commitsFiles.get(e.getKey()).node();
      assertThat(commits.get(commits.size() - 1).get("sha").asText())
          .isEqualTo(p.get("head").get("sha").asText());
      String branchPoint = commits.get(0).get("parents").get(0).get("sha").asText();
      assertThat(log).as("branch point of %s", e.getKey()).containsKey(branchPoint);
    }
    assertThat(merged).isGreaterThan(20);
    assertThat(closed).isPositive();
    assertThat(trueMerges).isPositive();
  }

  @Test
  void reviewsComeAfterOpeningBeforeTheMergeAndOnTheBranchsCommits() {
    Map<String, Rec> pulls = newest(read("github/pulls"), "repo", "number");
    Map<String, Rec> commits = newestFiles("github/pull_commits", "repo", "pull");
    Map<String, Rec> reviews = newestFiles("github/pull_reviews", "repo", "pull");
    assertThat(reviews).isNotEmpty();
    List<Double> pickupHours = new ArrayList<>();
    boolean changesThenApproval = false;
    for (Map.Entry<String, Rec> e : reviews.entrySet()) {
      JsonNode p = pulls.get(e.getKey()).node();
      Set<String> shas = new HashSet<>();
      commits.get(e.getKey()).node().forEach(c -> shas.add(c.get("sha").asText()));
      long created = epoch(p.get("created_at").asText());
      List<String> states = new ArrayList<>();
      for (JsonNode r : e.getValue().node()) {
        long at = epoch(r.get("submitted_at").asText());
        assertThat(at).isGreaterThanOrEqualTo(created);
        if (!p.get("merged_at").isNull()) {
          assertThat(at).isLessThan(epoch(p.get("merged_at").asText()));
        }
        assertThat(r.get("user").get("login").asText()).isNotEqualTo(p.get("user").get("login").asText());
        assertThat(shas).contains(r.get("commit_id").asText());
        assertThat(r.get("pull_request_url").asText()).endsWith("/pulls/" + p.get("number").asInt());
        states.add(r.get("state").asText());
      }
      changesThenApproval |= states.indexOf("CHANGES_REQUESTED") >= 0
          && states.lastIndexOf("APPROVED") > states.indexOf("CHANGES_REQUESTED");
      if (p.get("user").get("type").asText().equals("User")) {
        pickupHours.add((epoch(e.getValue().node().get(0).get("submitted_at").asText()) - created)
            / 3600.0);
      }
    }
    assertThat(changesThenApproval).isTrue();
    pickupHours.sort(Double::compare);
    // Pickup: hours, sometimes the next day, not seconds.
    assertThat(pickupHours.get(pickupHours.size() / 2)).isBetween(0.25, 12.0);
    assertThat(pickupHours.get(pickupHours.size() - 1)).isGreaterThan(12.0);
  }

  @Test
  void mergeRequestsSquashIntoTheLogAndMatchTheirPipelines() {
    String last = START.plusDays(DAYS - 1).toString();
    Map<String, Rec> newest = newest(read("gitlab/merge_requests"), "project", "iid");
    assertThat(newest).isNotEmpty();
    Set<String> mrPipelines = new HashSet<>();
    for (Rec p : read("gitlab/pipelines")) {
      Matcher m = Pattern.compile("refs/merge-requests/(\\d+)/head").matcher(p.node().get("ref").asText());
      if (m.matches()) {
        mrPipelines.add(p.segments().get("project") + "#" + m.group(1));
      }
    }
    int merged = 0;
    for (Map.Entry<String, Rec> e : newest.entrySet()) {
      JsonNode mr = e.getValue().node();
      assertThat(mrPipelines).contains(e.getKey());
      assertThat(mr.get("web_url").asText()).contains("/" + e.getValue().segments().get("project") + "/-/merge_requests/");
      if (mr.get("state").asText().equals("merged")) {
        merged++;
        assertThat(mr.get("merge_commit_sha").isNull()).isTrue();
        assertThat(byShaOf(last, e.getValue().segments().get("project")))
            .containsKey(mr.get("squash_commit_sha").asText());
      }
    }
    assertThat(merged).isPositive();
    for (Rec c : read("gitlab/merge_request_commits")) {
      assertThat(c.node().get("parent_ids")).isEmpty();
      assertThat(c.node().get("id").asText()).matches(SHA);
    }
  }

  // ---------------------------------------------------------------------------------------------

  record Rec(String dt, Path file, Map<String, String> segments, JsonNode node) {}

  private static Map<String, String> segments(Path f) {
    Map<String, String> segments = new HashMap<>();
    Matcher m = SEGMENT.matcher(landing.relativize(f).toString().replace('\\', '/'));
    while (m.find()) {
      segments.put(m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
    }
    return segments;
  }

  /** Every record of a JSON dataset: the items of an array, the allBuilds of a tree, or one body. */
  private static List<Rec> read(String dataset) {
    List<Rec> out = new ArrayList<>();
    for (Path f : Exports.files(landing.resolve(dataset))) {
      JsonNode node;
      try {
        node = Exports.JSON.readTree(f.toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      JsonNode items = node.has("allBuilds") ? node.get("allBuilds") : node;
      Map<String, String> segments = segments(f);
      if (items.isArray()) {
        items.forEach(i -> out.add(new Rec(Exports.dt(f), f, segments, i)));
      } else {
        out.add(new Rec(Exports.dt(f), f, segments, items));
      }
    }
    return out;
  }

  /** The newest version of each object, keyed "segment value#field value". */
  private static Map<String, Rec> newest(List<Rec> records, String segment, String field) {
    Map<String, Rec> newest = new TreeMap<>();
    for (Rec r : records) {
      newest.merge(r.segments().get(segment) + "#" + r.node().get(field).asText(), r,
          (a, b) -> a.dt().compareTo(b.dt()) >= 0 ? a : b);
    }
    return newest;
  }

  /** The newest file (as one record holding the whole array) per "segment#segment2". */
  private static Map<String, Rec> newestFiles(String dataset, String segment, String segment2) {
    Map<String, Rec> newest = new TreeMap<>();
    for (Path f : Exports.files(landing.resolve(dataset))) {
      Map<String, String> s = segments(f);
      try {
        newest.put(s.get(segment) + "#" + s.get(segment2),
            new Rec(Exports.dt(f), f, s, Exports.JSON.readTree(f.toFile())));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return newest; // files are sorted by path, so dt= order: the last put is the newest
  }

  private static Set<String> log(String dt, String repo) {
    return byShaOf(dt, repo).keySet();
  }

  private static Map<String, String[]> byShaOf(String dt, String repo) {
    List<String[]> lines = logs.get(dt + " " + repo);
    assertThat(lines).as("log of %s on %s", repo, dt).isNotNull();
    Map<String, String[]> bySha = new HashMap<>();
    lines.forEach(f -> bySha.put(f[0], f));
    return bySha;
  }

  private static long epoch(String iso) {
    return Instant.parse(iso).getEpochSecond();
  }
}
