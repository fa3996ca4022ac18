package io.ttv.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ttv.schemas.config.Friction;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
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
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo organisation ({@code ttv demo}: 40 engineers, 30 days, seed 42) has friction in every crack of
 * contract 6.7 for every team in its last week, read from the generated records with plain Jackson and
 * ical4j (no Spark, so it costs seconds): per team, at least one record that the crack's rule counts in the
 * last 7 local dates of the team. The hours themselves are FrictionFactsTest's; the demo's numbers are in
 * docs/friction.md.
 */
class SyntheticOrgFrictionTest {

  private static final Pattern TEST_GATES = Pattern.compile(Friction.DEFAULT_MANUAL_TEST_JOBS);
  private static final Pattern PATCHING = Pattern.compile(Friction.DEFAULT_PATCHING_TITLES);
  private static final Pattern DEPLOY_PLANNING = Pattern.compile(Friction.DEFAULT_DEPLOY_PLANNING_MEETINGS);
  private static final Pattern API = Pattern.compile(Friction.DEFAULT_API_MEETINGS);
  private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx", Locale.ROOT);

  @TempDir static Path dir;

  /** One record with its export date and the path's {@code key=value} segments. */
  private record Rec(String dt, Map<String, String> segments, JsonNode node) {}

  @Test
  void everyTeamHasEveryCrackInTheDemosLastWeek() throws Exception {
    Organisation org = Organisation.build(40, 42);
    GenerateResult gen = SyntheticOrg.generate(new GenerateOptions(dir.resolve("org"), 40, 30, 42, GenerateOptions.DEFAULT_START));
    Path landing = gen.landingDir();
    JsonNode config = Exports.JSON.readTree(gen.configFile().toFile());
    Map<String, String> teamOfRepo = new HashMap<>();
    config.get("services").forEach(s -> s.get("repos").forEach(r -> teamOfRepo.put(r.asText(), s.get("team").asText())));
    Map<String, String> teamOfIdentity = new HashMap<>();
    for (JsonNode p : config.get("people")) {
      String team = p.get("team").asText();
      for (String system : List.of("github", "pagerduty", "emails")) {
        p.get(system).forEach(id -> teamOfIdentity.put(id.asText().toLowerCase(Locale.ROOT), team));
      }
    }
    Map<String, String> teamOfProject = new HashMap<>();
    org.teams().forEach(t -> teamOfProject.put(t.issueKey(), t.name()));

    // the demo summary's week: the last 7 local dates of each team
    Map<String, Instant[]> week = new HashMap<>();
    for (Team t : org.teams()) {
      week.put(t.name(), new Instant[] {
          gen.lastDate().minusDays(6).atStartOfDay(t.zone()).toInstant(), gen.lastDate().plusDays(1).atStartOfDay(t.zone()).toInstant()});
    }
    Map<String, Set<String>> cracks = new TreeMap<>();
    org.teams().forEach(t -> cracks.put(t.name(), new TreeSet<>()));
    Found found = (team, crack, from, to) -> {
      Instant[] w = team == null ? null : week.get(team);
      if (w != null && from.isBefore(w[1]) && to.isAfter(w[0])) {
        cracks.get(team).add(crack);
      }
    };

    // gates: GitHub's protected environments (a qa environment is manual testing), GitLab manual jobs, Jenkins inputs
    for (Rec s : records(landing, "github/deployment_statuses")) {
      if (s.node().get("state").asText().equals("waiting")) {
        Instant at = Instant.parse(s.node().get("created_at").asText());
        String crack = TEST_GATES.matcher(s.node().get("environment").asText()).find() ? "manual_testing" : "manual_deploy";
        found.at(teamOfRepo.get(s.segments().get("repo")), crack, at, at.plusSeconds(60));
      }
    }
    for (Rec j : records(landing, "gitlab/jobs")) {
      if (j.node().get("status").asText().equals("manual")) {
        Instant day = LocalDate.parse(j.dt()).atStartOfDay(ZoneId.of("UTC")).toInstant();
        found.at(teamOfRepo.get(j.segments().get("project")), "manual_deploy", day, day.plusSeconds(86_400));
      }
    }
    // work items: status periods from the newest export of each issue
    Map<String, Rec> issues = new HashMap<>();
    for (Rec i : records(landing, "jira/issues")) {
      issues.merge(i.node().get("key").asText(), i, (a, b) -> a.dt().compareTo(b.dt()) >= 0 ? a : b);
    }
    for (Rec i : issues.values()) {
      JsonNode n = i.node();
      String team = teamOfProject.get(n.get("fields").get("project").get("key").asText());
      boolean patching = PATCHING.matcher(n.get("fields").get("summary").asText()).find();
      List<JsonNode> histories = new ArrayList<>();
      n.get("changelog").get("histories").forEach(histories::add);
      histories.sort((a, b) -> a.get("created").asText().compareTo(b.get("created").asText()));
      for (int k = 0; k < histories.size(); k++) {
        String to = histories.get(k).get("items").get(0).get("toString").asText();
        Instant from = OffsetDateTime.parse(histories.get(k).get("created").asText(), JIRA_TIME).toInstant();
        Instant until = k + 1 < histories.size()
            ? OffsetDateTime.parse(histories.get(k + 1).get("created").asText(), JIRA_TIME).toInstant() : Instant.MAX;
        if (to.equals("Waiting for Infra")) {
          found.at(team, "infra_wait", from, until);
        } else if (to.equals("QA")) {
          found.at(team, "manual_testing_status", from, until);
        } else if (to.equals("In Progress") && patching) {
          found.at(team, "patching", from, until);
        }
      }
    }
    // patching pull requests: a person's, or a bot's for its first reviewer
    Map<String, String> firstReviewer = new HashMap<>();
    Map<String, String> firstReviewAt = new HashMap<>();
    for (Rec r : records(landing, "github/pull_reviews")) {
      String pr = r.segments().get("repo") + "#" + r.segments().get("pull");
      String at = r.node().get("submitted_at").asText();
      if (!firstReviewAt.containsKey(pr) || at.compareTo(firstReviewAt.get(pr)) < 0) {
        firstReviewAt.put(pr, at);
        firstReviewer.put(pr, r.node().get("user").get("login").asText());
      }
    }
    Pattern bots = Pattern.compile(config.get("bots").asText());
    for (Rec pr : records(landing, "github/pulls")) {
      JsonNode n = pr.node();
      if (PATCHING.matcher(n.get("title").asText()).find()) {
        String author = n.get("user").get("login").asText();
        String who = bots.matcher(author).find() ? firstReviewer.get(pr.segments().get("repo") + "#" + n.get("number").asText()) : author;
        Instant end = n.get("closed_at").isNull() ? Instant.MAX : Instant.parse(n.get("closed_at").asText());
        if (who != null) {
          found.at(teamOfIdentity.get(who.toLowerCase(Locale.ROOT)), "patching", Instant.parse(n.get("created_at").asText()), end);
        }
      }
    }
    // build waits: a person's runs off the default branches or for a pull request
    for (Exports.Item run : Exports.read(landing, false).runs) {
      JsonNode n = run.node();
      if (!n.has("triggering_actor") || n.get("updated_at") == null) {
        continue;
      }
      boolean counted = n.get("event").asText().equals("pull_request")
          || !Friction.DEFAULT_DEFAULT_BRANCHES.contains(n.get("head_branch").asText());
      if (counted) {
        found.at(teamOfIdentity.get(n.get("triggering_actor").get("login").asText().toLowerCase(Locale.ROOT)), "build_wait",
            Instant.parse(n.get("created_at").asText()), Instant.parse(n.get("updated_at").asText()));
      }
    }
    // interruptions: people paged (assigned) until the incident's resolution
    List<Rec> entries = records(landing, "pagerduty/log_entries");
    Map<String, Instant> resolved = new HashMap<>();
    for (Rec e : entries) {
      if (e.node().get("type").asText().equals("resolve_log_entry")) {
        resolved.put(e.segments().get("incident"), Instant.parse(e.node().get("created_at").asText()));
      }
    }
    for (Rec e : entries) {
      if (e.node().get("type").asText().equals("assign_log_entry")) {
        Instant at = Instant.parse(e.node().get("created_at").asText());
        for (JsonNode a : e.node().get("assignees")) {
          found.at(teamOfIdentity.get(a.get("id").asText().toLowerCase(Locale.ROOT)), "interruption", at,
              resolved.getOrDefault(e.segments().get("incident"), Instant.MAX));
        }
      }
    }
    // meetings in the newest ICS exports: any meeting with attendees costs focus; two titles are cracks of their own
    Path ics = landing.resolve("ics/calendars");
    String newest;
    try (var dates = Files.list(ics)) {
      newest = dates.map(p -> p.getFileName().toString()).max(String::compareTo).orElseThrow();
    }
    Set<String> seen = new HashSet<>();
    for (Path f : Exports.files(ics.resolve(newest))) {
      Calendar cal = new CalendarBuilder().build(new StringReader(Files.readString(f)));
      for (VEvent e : cal.<VEvent>getComponents(Component.VEVENT)) {
        List<Property> attendees = e.getProperties(Property.ATTENDEE);
        String title = e.getProperty(Property.SUMMARY).map(Property::getValue).orElse("");
        String uid = e.getProperty(Property.UID).map(Property::getValue).orElse("");
        boolean allDay = !e.getProperty(Property.DTSTART).map(Property::getValue).orElse("").contains("T");
        if (attendees.isEmpty() || allDay || e.getProperty(Property.RECURRENCE_ID).isPresent() || !seen.add(uid)) {
          continue;
        }
        Set<String> teams = new TreeSet<>();
        for (Property a : attendees) {
          String team = teamOfIdentity.get(a.getValue().replaceFirst("(?i)^mailto:", "").toLowerCase(Locale.ROOT));
          if (team != null) {
            teams.add(team);
          }
        }
        ZonedDateTime from = gen.lastDate().minusDays(8).atStartOfDay(ZoneId.of("UTC"));
        Set<Period<ZonedDateTime>> occurrences = e.calculateRecurrenceSet(new Period<>(from, from.plusDays(10)));
        for (Period<ZonedDateTime> occurrence : occurrences) {
          Instant start = Instant.from(occurrence.getStart());
          Instant end = Instant.from(occurrence.getEnd());
          for (String team : teams) {
            found.at(team, "lost_focus", start, end);
            if (DEPLOY_PLANNING.matcher(title).find()) {
              found.at(team, "deploy_planning_meeting", start, end);
            }
            if (API.matcher(title).find() && teams.size() >= 2) {
              found.at(team, "cross_team_api_meeting", start, end);
            }
          }
        }
      }
    }

    List<String> all = List.of("manual_testing", "manual_testing_status", "manual_deploy", "infra_wait", "deploy_planning_meeting",
        "cross_team_api_meeting", "patching", "build_wait", "lost_focus", "interruption");
    cracks.forEach((team, has) -> assertThat(has).as(team).containsExactlyInAnyOrderElementsOf(all));
  }

  @FunctionalInterface
  private interface Found {
    /** Notes that {@code team} has time in {@code crack} from {@code from} to {@code to}. */
    void at(String team, String crack, Instant from, Instant to);
  }

  /** Every record of a dataset: the elements of a JSON array or of the API's wrapper's array. */
  private static List<Rec> records(Path landing, String dataset) throws IOException {
    List<Rec> out = new ArrayList<>();
    for (Path f : Exports.files(landing.resolve(dataset))) {
      JsonNode page;
      try (InputStream in = Exports.open(f)) {
        page = Exports.JSON.readTree(in);
      }
      Map<String, String> segments = new HashMap<>();
      for (Path part : landing.relativize(f)) {
        String s = part.toString();
        int eq = s.indexOf('=');
        if (eq > 0) {
          segments.put(s.substring(0, eq), URLDecoder.decode(s.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      JsonNode list = page.isArray() ? page
          : page.has("issues") ? page.get("issues") : page.has("log_entries") ? page.get("log_entries") : page.get("jobs");
      if (list == null) {
        continue;
      }
      for (JsonNode n : list) {
        out.add(new Rec(Exports.dt(f), segments, n));
      }
    }
    return out;
  }
}
