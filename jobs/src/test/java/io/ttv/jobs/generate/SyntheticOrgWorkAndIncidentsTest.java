package io.ttv.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jira and PagerDuty exports agree with the rest: every key a pull request names is an issue, the
 * changelogs are newest first and chain, incidents are on configured services, log entries belong to
 * exported incidents.
 */
class SyntheticOrgWorkAndIncidentsTest {

  private static final LocalDate START = GenerateOptions.DEFAULT_START;
  private static final Pattern JIRA_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{4}");

  @TempDir static Path shared;
  private static GenerateResult result;
  private static JsonNode config;
  private static final List<JsonNode> issues = new ArrayList<>();
  private static final List<JsonNode> incidents = new ArrayList<>();
  private static final List<Path> logFiles = new ArrayList<>();

  @BeforeAll
  static void generate() throws IOException {
    result = SyntheticOrg.generate(new GenerateOptions(shared.resolve("org"), 20, 10, 5, START));
    config = Exports.JSON.readTree(result.configFile().toFile());
    for (Path f : Exports.files(result.landingDir())) {
      String rel = result.landingDir().relativize(f).toString();
      if (rel.startsWith("jira/issues/")) {
        JsonNode page = Exports.JSON.readTree(f.toFile());
        assertThat(page.get("total").asInt()).isGreaterThanOrEqualTo(page.get("issues").size());
        page.get("issues").forEach(issues::add);
      } else if (rel.startsWith("pagerduty/incidents/")) {
        JsonNode page = Exports.JSON.readTree(f.toFile());
        assertThat(page.has("limit") && page.has("offset") && page.has("more")).isTrue();
        page.get("incidents").forEach(incidents::add);
      } else if (rel.startsWith("pagerduty/log_entries/")) {
        logFiles.add(f);
      }
    }
  }

  @Test
  void everyKeyInPullRequestTitlesAndBranchesIsAJiraIssue() throws IOException {
    Set<String> keys = new TreeSet<>();
    issues.forEach(i -> keys.add(i.get("key").asText()));
    Pattern key = Pattern.compile(config.get("work_items").get("key_pattern").asText());
    Set<String> mentioned = new TreeSet<>();
    for (Path f : Exports.files(result.landingDir())) {
      String rel = result.landingDir().relativize(f).toString();
      if (rel.startsWith("github/pulls/") || rel.startsWith("gitlab/merge_requests/")) {
        for (JsonNode pr : Exports.JSON.readTree(f.toFile())) {
          String branch = pr.has("head") ? pr.get("head").get("ref").asText() : pr.get("source_branch").asText();
          Matcher m = key.matcher(pr.get("title").asText() + " " + branch);
          while (m.find()) {
            mentioned.add(m.group());
          }
        }
      }
    }
    assertThat(mentioned).hasSizeGreaterThan(20);
    assertThat(keys).containsAll(mentioned);
    Set<String> types = new HashSet<>();
    issues.forEach(i -> types.add(i.get("fields").get("issuetype").get("name").asText()));
    assertThat(types).contains("Story", "Bug", "Task", "Incident");
    assertThat(config.get("work_items").get("flow_item_types").fieldNames()).toIterable().containsAll(types);
  }

  @Test
  void changelogsAreNewestFirstAndTheirStatusesChain() {
    Set<String> accounts = new HashSet<>();
    config.get("people").forEach(p -> p.get("jira").forEach(a -> accounts.add(a.asText())));
    Set<String> components = new HashSet<>();
    config.get("services").forEach(s -> s.get("jira_components").forEach(c -> components.add(c.asText())));
    Set<String> categories = new HashSet<>();
    int done = 0;
    for (JsonNode issue : issues) {
      JsonNode f = issue.get("fields");
      assertThat(f.get("created").asText()).matches(JIRA_TIME);
      List<JsonNode> statusItems = new ArrayList<>();
      String previousCreated = null;
      for (JsonNode h : issue.get("changelog").get("histories")) {
        String created = h.get("created").asText();
        if (previousCreated != null) {
          assertThat(created.compareTo(previousCreated)).as(issue.get("key").asText()).isLessThanOrEqualTo(0);
        }
        previousCreated = created;
        h.get("items").forEach(it -> {
          if (it.get("field").asText().equals("status")) {
            statusItems.add(it);
          }
        });
      }
      String current = f.get("status").get("id").asText();
      // newest first: item k's 'from' is item k+1's 'to'; the newest 'to' is the status now
      for (int k = 0; k + 1 < statusItems.size(); k++) {
        assertThat(statusItems.get(k).get("from").asText()).isEqualTo(statusItems.get(k + 1).get("to").asText());
      }
      if (!statusItems.isEmpty()) {
        assertThat(statusItems.get(0).get("to").asText()).isEqualTo(current);
        assertThat(statusItems.get(statusItems.size() - 1).get("fromString").asText()).isEqualTo("To Do");
      }
      categories.add(f.get("status").get("statusCategory").get("key").asText());
      done += f.get("status").get("name").asText().equals("Done") ? 1 : 0;
      if (!f.get("project").get("key").asText().equals("EXT")) { // the outsider's project: unmatched on purpose
        assertThat(accounts).contains(f.get("reporter").get("accountId").asText());
      }
      f.get("components").forEach(c -> assertThat(components).contains(c.get("name").asText()));
    }
    assertThat(categories).containsExactlyInAnyOrder("new", "indeterminate", "done");
    assertThat(done).isPositive();
  }

  @Test
  void incidentsAreOnConfiguredServicesAndLogEntriesOnExportedIncidents() throws IOException {
    Set<String> services = new HashSet<>();
    config.get("services").forEach(s -> s.get("pagerduty_services").forEach(c -> services.add(c.asText())));
    Set<String> users = new HashSet<>();
    config.get("people").forEach(p -> p.get("pagerduty").forEach(a -> users.add(a.asText())));
    Set<String> ids = new HashSet<>();
    Set<String> statuses = new HashSet<>();
    assertThat(incidents).isNotEmpty();
    for (JsonNode i : incidents) {
      assertThat(services).contains(i.get("service").get("id").asText());
      ids.add(i.get("id").asText());
      statuses.add(i.get("status").asText());
    }
    assertThat(statuses).contains("resolved");
    assertThat(logFiles).isNotEmpty();
    for (Path f : logFiles) {
      String incident = f.getParent().getFileName().toString().replace("incident=", "");
      assertThat(ids).contains(incident);
      String previous = null;
      for (JsonNode e : Exports.JSON.readTree(Files.readAllBytes(f)).get("log_entries")) {
        assertThat(e.get("incident").get("id").asText()).isEqualTo(incident);
        if (previous != null) {
          assertThat(e.get("created_at").asText()).isLessThanOrEqualTo(previous);
        }
        previous = e.get("created_at").asText();
        if (e.get("type").asText().matches("acknowledge_log_entry|resolve_log_entry")) {
          assertThat(users).contains(e.get("agent").get("id").asText());
        }
      }
    }
  }
}
