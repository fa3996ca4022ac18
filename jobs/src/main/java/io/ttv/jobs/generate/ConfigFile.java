package io.ttv.jobs.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * The ttv config of a generated organisation (contract section 3 keys only): warehouse and landing,
 * the reporting zone, enabled sources (every system the generator writes, {@code ics} included), teams, people
 * (every e-mail their commits use, the noreply address too, their GitHub and GitLab logins, Jira
 * account and PagerDuty user ids), bots, services (with PagerDuty services and Jira components), the
 * work-item rules matching the Jira exports and the cost of an hour.
 *
 * <p>People's GitHub logins are written lower-case, as an admin would type them; the exports keep the
 * case the account has ({@code AnaDiaz}), so matching must ignore case, as the contract says.
 */
final class ConfigFile {

  static final String REPORTING_TIMEZONE = "Europe/Berlin";

  /** The work-item keys the generated titles, branches and commit subjects carry. */
  static final String WORK_ITEM_KEYS = "[A-Z][A-Z0-9]+-[0-9]+";

  private ConfigFile() {}

  static ObjectNode config(
      Organisation org, Forges forges, Path warehouse, Path landing, List<String> systems) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("warehouse", warehouse.toString());
    root.put("landing", landing.toString());
    root.put("reporting_timezone", REPORTING_TIMEZONE);
    ObjectNode sources = root.putObject("sources");
    for (String system : systems) {
      sources.putObject(system).put("enabled", true);
    }
    ArrayNode teams = root.putArray("teams");
    for (Team t : org.teams()) {
      ObjectNode team = teams.addObject();
      team.put("name", t.name());
      team.put("timezone", t.zone().getId());
      ObjectNode hours = team.putObject("working_hours");
      hours.put("start", t.workStart().toString());
      hours.put("end", t.workEnd().toString());
      ArrayNode days = team.putArray("working_days");
      for (DayOfWeek d : t.workingDays()) {
        days.add(d.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT));
      }
    }
    ArrayNode people = root.putArray("people");
    for (Person p : org.people()) {
      ObjectNode person = people.addObject();
      person.put("id", p.id());
      person.put("name", p.name());
      person.put("team", p.team());
      ArrayNode emails = person.putArray("emails");
      p.emails().forEach(emails::add);
      person.putArray("github").add(p.githubLogin().toLowerCase(Locale.ROOT));
      person.putArray("gitlab").add(Forges.gitlabUsername(p));
      person.putArray("jira").add(JiraExports.accountId(p));
      person.putArray("pagerduty").add(PagerdutyExports.userId(p));
    }
    root.put("bots", Organisation.BOTS_PATTERN);
    ArrayNode services = root.putArray("services");
    List<Service> all = new java.util.ArrayList<>(org.services());
    all.addAll(forges.services());
    for (Service s : all) {
      ObjectNode service = services.addObject();
      service.put("name", s.name());
      service.put("team", s.team());
      ArrayNode repos = service.putArray("repos");
      s.repos().forEach(r -> repos.add(r.fullName()));
      service.putArray("pagerduty_services").add(PagerdutyExports.serviceId(s));
      service.putArray("jira_components").add(JiraExports.component(s));
    }
    // The keys of commit subjects, pull-request titles and branch names (PAY-123, SRCH-45).
    ObjectNode workItems = root.putObject("work_items");
    workItems.put("key_pattern", WORK_ITEM_KEYS);
    ObjectNode categories = workItems.putObject("status_categories");
    categories.put(JiraExports.TODO.name(), "todo");
    categories.put(JiraExports.IN_PROGRESS.name(), "active");
    categories.put(JiraExports.IN_REVIEW.name(), "waiting");
    categories.put(JiraExports.DONE.name(), "done");
    categories.put(JiraExports.QA.name(), "waiting");
    categories.put(JiraExports.WAITING_FOR_INFRA.name(), "waiting");
    ObjectNode flow = workItems.putObject("flow_item_types");
    JiraExports.FLOW_ITEM_TYPES.forEach(flow::put);
    workItems.putArray("incident_types").add("Incident");
    ObjectNode cost = root.putObject("cost");
    cost.put("hourly_rate", 95.0);
    cost.put("currency", "EUR");
    return root;
  }

  static void write(ObjectNode config, Path file) {
    try {
      byte[] bytes = new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsBytes(config);
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
