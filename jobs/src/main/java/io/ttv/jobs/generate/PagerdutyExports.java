package io.ttv.jobs.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * PagerDuty REST v2: {@code pagerduty/incidents} ({@code GET /incidents} pages, the wrapper
 * {@code {"incidents":[..],"limit":25,"offset":..,"total":null,"more":..}} kept; {@code total} is null
 * as the API leaves it unless {@code total=true} is asked, fixture
 * kafka-docker-playground_list_incidents_page) and {@code pagerduty/log_entries}
 * ({@code GET /incidents/{id}/log_entries}, {@code {"log_entries":[..]}} newest first, under an
 * {@code incident=} folder).
 *
 * <p>About 7% of the successful production deployments ({@link ProductionDeploys}) are followed by an
 * incident on the deployed service's PagerDuty service 10 minutes to 6 hours after the deploy finished;
 * a few more have nothing to do with a deploy (some before the first deployment, some at weekends), and
 * each team has a chronic alert on one of its services that pages every 3.5 to 7 days, so every week of
 * every team has interruptions.
 * The team's on-call engineer of the week acknowledges within minutes (low urgency: up to an hour) and
 * resolves within hours. The export of date D holds every incident with a status change on D (UTC) as
 * it stood at the end of D, and its log entries as of then.
 */
final class PagerdutyExports implements SourceExports {

  static final String SYSTEM = "pagerduty";
  static final String INCIDENTS = "incidents";
  static final String LOG_ENTRIES = "log_entries";
  static final String API = "https://api.pagerduty.com";
  static final String WEB = "https://northwind.pagerduty.com";
  static final int PAGE_SIZE = 25;

  /** The share of successful production deployments that cause an incident. */
  static final double INCIDENT_SHARE = 0.07;

  /** The shortest and longest gap between two pages of a team's chronic alert. */
  static final int CHRONIC_MIN_GAP_SECONDS = 84 * 3600;
  static final int CHRONIC_MAX_GAP_SECONDS = 7 * 86_400;

  private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private static final List<String> ALERTS =
      List.of("High error rate on %s", "p99 latency above SLO on %s", "%s: 5xx responses above 2%%",
          "%s pods crash looping", "Health check failing for %s", "%s: queue consumer lag growing",
          "Database connection pool exhausted in %s", "%s: memory usage above 90%%");

  private static final List<String> CHRONIC =
      List.of("%s: nightly reconciliation job failed", "%s: flaky synthetic check failing", "%s: certificate rotation failed");

  private static final List<String> UNRELATED =
      List.of("Disk almost full on %s nodes", "TLS certificate for %s expires in 7 days",
          "%s: upstream provider timeouts", "Synthetic check failing for %s");

  @Override
  public String system() {
    return SYSTEM;
  }

  /** A PagerDuty service id ({@code P} and six letters or digits) of a service. */
  static String serviceId(Service s) {
    return "P" + code(Seeds.random(0, "pagerduty/service/" + s.name()), 6);
  }

  /** A PagerDuty user id of a person. */
  static String userId(Person p) {
    return "P" + code(Seeds.random(0, "pagerduty/user/" + p.id()), 6);
  }

  private static String code(SplittableRandom r, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(ID_CHARS.charAt(r.nextInt(ID_CHARS.length())));
    }
    return b.toString();
  }

  private record Entry(String id, String type, long at, Person agent) {}

  private static final class Incident {
    String id;
    int number;
    String title;
    String key;
    Service service;
    String urgency;
    long createdAt;
    long ackAt;
    long resolvedAt;
    Person onCall;
    final List<Entry> entries = new ArrayList<>();
  }

  @Override
  public void write(ExportContext ctx) {
    SplittableRandom r = ctx.random();
    Organisation org = ctx.organisation();
    DateRange range = ctx.range();
    Map<String, Service> serviceOfRepo = new HashMap<>();
    List<Service> services = new ArrayList<>(org.services());
    services.addAll(ctx.forges().services());
    services.forEach(s -> s.repos().forEach(repo -> serviceOfRepo.put(repo.fullName(), s)));

    List<Incident> incidents = new ArrayList<>();
    for (ProductionDeploys.Deploy d : ctx.deploys().all()) {
      if (r.nextDouble() >= INCIDENT_SHARE) {
        continue;
      }
      Service s = serviceOfRepo.get(d.repo().fullName());
      // mostly soon after the deploy: 10 minutes plus an exponential tail, at most 6 hours
      long delay = 600 + Math.min(6 * 3600 - 600, (long) (-Math.log(1 - r.nextDouble()) * 3600));
      incidents.add(incident(s, d.finishedAt() + delay, ALERTS, org, r));
    }
    int unrelated = Math.max(2, services.size() / 4);
    List<LocalDate> dates = range.dates();
    for (int i = 0; i < unrelated; i++) {
      Service s = services.get(r.nextInt(services.size()));
      long at;
      if (i == 0) { // before any deployment: the night before the first working day
        at = range.startEpoch() + r.nextInt(5 * 3600);
      } else {
        List<LocalDate> weekend = dates.stream()
            .filter(x -> x.getDayOfWeek() == DayOfWeek.SATURDAY || x.getDayOfWeek() == DayOfWeek.SUNDAY)
            .toList();
        List<LocalDate> pool = i % 2 == 1 && !weekend.isEmpty() ? weekend : dates;
        LocalDate day = pool.get(r.nextInt(pool.size()));
        at = day.atStartOfDay().toEpochSecond(ZoneOffset.UTC) + r.nextInt(86_400);
      }
      incidents.add(incident(s, at, UNRELATED, org, r));
    }
    // Each team's chronic alert, which no deploy causes: one of its services pages every 3.5 to 7 days, day or
    // night, until someone fixes the cause (never, in the generated range). From a stream of its own.
    SplittableRandom chronic = ctx.stream(SYSTEM, "chronic");
    for (Team t : org.teams()) {
      List<Service> own = services.stream().filter(s -> s.team().equals(t.name())).toList();
      if (own.isEmpty()) {
        continue;
      }
      Service s = own.get(chronic.nextInt(own.size()));
      for (long at = range.startEpoch() + chronic.nextInt(3 * 86_400); at < range.endEpoch();
          at += CHRONIC_MIN_GAP_SECONDS + chronic.nextInt(CHRONIC_MAX_GAP_SECONDS - CHRONIC_MIN_GAP_SECONDS)) {
        incidents.add(incident(s, at, CHRONIC, org, chronic));
      }
    }
    incidents.removeIf(x -> x.createdAt >= range.endEpoch() || x.onCall == null);
    incidents.sort(Comparator.comparingLong((Incident x) -> x.createdAt).thenComparing(x -> x.service.name()));
    int number = 100 + r.nextInt(900);
    for (Incident x : incidents) {
      x.number = number++;
      x.id = "Q" + code(r, 13);
      x.key = String.format(Locale.ROOT, "%016x%016x", r.nextLong(), r.nextLong());
      x.entries.add(new Entry("R" + code(r, 25), "trigger_log_entry", x.createdAt, null));
      // the escalation policy assigns the on-call person (a page), who is then notified
      x.entries.add(new Entry("R" + code(r, 25), "assign_log_entry", x.createdAt, x.onCall));
      x.entries.add(new Entry("R" + code(r, 25), "notify_log_entry", x.createdAt + 1 + r.nextInt(3), x.onCall));
      x.entries.add(new Entry("R" + code(r, 25), "acknowledge_log_entry", x.ackAt, x.onCall));
      x.entries.add(new Entry("R" + code(r, 25), "resolve_log_entry", x.resolvedAt, x.onCall));
    }
    export(ctx.landing(), range, incidents);
  }

  private static Incident incident(
      Service s, long at, List<String> titles, Organisation org, SplittableRandom r) {
    Incident x = new Incident();
    x.service = s;
    x.createdAt = at;
    x.title = String.format(Locale.ROOT, titles.get(r.nextInt(titles.size())), s.name());
    x.urgency = r.nextDouble() < 0.7 ? "high" : "low";
    List<Person> team = org.peopleOf(s.team());
    if (!team.isEmpty()) {
      // a weekly rotation through the team
      long week = Math.floorDiv(at, 7 * 86_400L);
      x.onCall = team.get((int) Math.floorMod(week + s.name().length(), team.size()));
    }
    x.ackAt = at + 60 + r.nextInt(x.urgency.equals("high") ? 14 * 60 : 59 * 60);
    x.resolvedAt = x.ackAt + 600 + (long) (r.nextDouble() * r.nextDouble() * 5 * 3600);
    return x;
  }

  private static String status(Incident x, long cutoff) {
    return x.resolvedAt < cutoff ? "resolved" : x.ackAt < cutoff ? "acknowledged" : "triggered";
  }

  private static void export(Landing landing, DateRange range, List<Incident> incidents) {
    for (LocalDate date : range.dates()) {
      long from = date.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
      long cutoff = from + 86_400;
      List<Incident> changed = incidents.stream()
          .filter(x -> x.entries.stream().anyMatch(e -> !e.type().equals("notify_log_entry")
              && e.at() >= from && e.at() < cutoff))
          .toList();
      for (int page = 0; page * PAGE_SIZE < changed.size(); page++) {
        List<Incident> part =
            changed.subList(page * PAGE_SIZE, Math.min(changed.size(), (page + 1) * PAGE_SIZE));
        ObjectNode body = JsonFiles.MAPPER.createObjectNode();
        ArrayNode arr = body.putArray("incidents");
        part.forEach(x -> arr.add(incidentJson(x, cutoff)));
        body.put("limit", PAGE_SIZE);
        body.put("offset", page * PAGE_SIZE);
        body.putNull("total");
        body.put("more", (page + 1) * PAGE_SIZE < changed.size());
        landing.write(SYSTEM, INCIDENTS, landing.partition(SYSTEM, INCIDENTS, date)
            .resolve("incidents-" + (page + 1) + ".json"), JsonFiles.bytes(body), part.size());
      }
      for (Incident x : changed) {
        ObjectNode body = JsonFiles.MAPPER.createObjectNode();
        ArrayNode arr = body.putArray("log_entries");
        List<Entry> seen = x.entries.stream().filter(e -> e.at() < cutoff)
            .sorted(Comparator.comparingLong(Entry::at).reversed()).toList();
        seen.forEach(e -> arr.add(entryJson(x, e)));
        Path file = landing.partition(SYSTEM, LOG_ENTRIES, date, "incident", x.id)
            .resolve("log_entries.json");
        landing.write(SYSTEM, LOG_ENTRIES, file, JsonFiles.bytes(body), seen.size());
      }
    }
  }

  private static ObjectNode incidentJson(Incident x, long cutoff) {
    String status = status(x, cutoff);
    ObjectNode n = JsonFiles.MAPPER.createObjectNode();
    n.put("incident_number", x.number);
    n.put("title", x.title);
    n.put("description", x.title);
    n.put("created_at", JsonFiles.seconds(x.createdAt));
    n.put("status", status);
    n.put("incident_key", x.key);
    n.set("service", serviceRef(x.service));
    ArrayNode assignments = n.putArray("assignments");
    if (!status.equals("resolved")) {
      ObjectNode a = assignments.addObject();
      a.put("at", JsonFiles.seconds(x.createdAt));
      a.set("assignee", userRef(x.onCall));
    }
    n.put("assigned_via", "escalation_policy");
    long last = status.equals("resolved") ? x.resolvedAt : status.equals("acknowledged") ? x.ackAt : x.createdAt;
    n.put("last_status_change_at", JsonFiles.seconds(last));
    Entry trigger = x.entries.get(0);
    ObjectNode first = n.putObject("first_trigger_log_entry");
    first.put("id", trigger.id());
    first.put("type", "trigger_log_entry_reference");
    first.put("summary", "Triggered through the API.");
    first.put("self", API + "/log_entries/" + trigger.id());
    first.put("html_url", WEB + "/incidents/" + x.id + "/log_entries/" + trigger.id());
    ObjectNode counts = n.putObject("alert_counts");
    counts.put("all", 1);
    counts.put("triggered", status.equals("resolved") ? 0 : 1);
    counts.put("resolved", status.equals("resolved") ? 1 : 0);
    n.put("is_mergeable", true);
    ObjectNode policy = n.putObject("escalation_policy");
    String policyId = "P" + code(Seeds.random(0, "pagerduty/policy/" + x.service.team()), 6);
    policy.put("id", policyId);
    policy.put("type", "escalation_policy_reference");
    policy.put("summary", x.service.team() + " on-call");
    policy.put("self", API + "/escalation_policies/" + policyId);
    policy.put("html_url", WEB + "/escalation_policies/" + policyId);
    n.putArray("teams");
    n.putArray("pending_actions");
    ArrayNode acks = n.putArray("acknowledgements");
    if (status.equals("acknowledged")) {
      ObjectNode a = acks.addObject();
      a.put("at", JsonFiles.seconds(x.ackAt));
      a.set("acknowledger", userRef(x.onCall));
    }
    n.putNull("basic_alert_grouping");
    n.putNull("alert_grouping");
    n.set("last_status_change_by", status.equals("triggered") ? serviceRef(x.service) : userRef(x.onCall));
    n.putNull("priority");
    n.putNull("resolve_reason");
    n.putArray("incidents_responders");
    n.putArray("responder_requests");
    n.putArray("subscriber_requests");
    n.put("urgency", x.urgency);
    n.put("id", x.id);
    n.put("type", "incident");
    n.put("summary", "[#" + x.number + "] " + x.title);
    n.put("self", API + "/incidents/" + x.id);
    n.put("html_url", WEB + "/incidents/" + x.id);
    return n;
  }

  private static ObjectNode entryJson(Incident x, Entry e) {
    ObjectNode n = JsonFiles.MAPPER.createObjectNode();
    n.put("id", e.id());
    n.put("type", e.type());
    n.put("summary", switch (e.type()) {
      case "trigger_log_entry" -> "Triggered through the API.";
      case "notify_log_entry" -> "Notified " + e.agent().name() + " by push notification.";
      case "acknowledge_log_entry" -> "Acknowledged by " + e.agent().name() + ".";
      case "assign_log_entry" -> "Assigned to " + e.agent().name() + ".";
      default -> "Resolved by " + e.agent().name() + ".";
    });
    n.put("self", API + "/log_entries/" + e.id());
    n.put("html_url", e.type().equals("trigger_log_entry")
        ? WEB + "/incidents/" + x.id + "/log_entries/" + e.id() : null);
    n.put("created_at", JsonFiles.seconds(e.at()));
    if (e.type().equals("trigger_log_entry")) {
      ObjectNode agent = n.putObject("agent");
      String integration = "P" + code(Seeds.random(0, "pagerduty/integration/" + x.service.name()), 6);
      agent.put("id", integration);
      agent.put("type", "events_api_v2_inbound_integration_reference");
      agent.put("summary", "Alertmanager");
      agent.put("self", API + "/services/" + serviceId(x.service) + "/integrations/" + integration);
      agent.put("html_url", WEB + "/services/" + serviceId(x.service) + "/integrations/" + integration);
      n.putObject("channel").put("type", "api");
    } else if (e.type().equals("notify_log_entry")) {
      n.putObject("channel").put("type", "push_notification");
      n.set("user", userRef(e.agent()));
    } else if (e.type().equals("assign_log_entry")) {
      // assigned by the service's escalation policy (log_entries fixtures: agent is a service reference)
      n.set("agent", serviceRef(x.service));
      n.putObject("channel").put("type", "auto");
      n.putArray("assignees").add(userRef(e.agent()));
    } else {
      n.set("agent", userRef(e.agent()));
      n.putObject("channel").put("type", e.type().equals("resolve_log_entry") ? "website" : "mobile");
    }
    n.set("service", serviceRef(x.service));
    ObjectNode incident = n.putObject("incident");
    incident.put("id", x.id);
    incident.put("type", "incident_reference");
    incident.put("summary", "[#" + x.number + "] " + x.title);
    incident.put("self", API + "/incidents/" + x.id);
    incident.put("html_url", WEB + "/incidents/" + x.id);
    n.putArray("teams");
    if (e.type().equals("trigger_log_entry")) {
      n.putObject("event_details").put("description", x.title);
    }
    return n;
  }

  private static ObjectNode serviceRef(Service s) {
    ObjectNode n = JsonFiles.MAPPER.createObjectNode();
    String id = serviceId(s);
    n.put("id", id);
    n.put("type", "service_reference");
    n.put("summary", s.name());
    n.put("self", API + "/services/" + id);
    n.put("html_url", WEB + "/service-directory/" + id);
    return n;
  }

  private static ObjectNode userRef(Person p) {
    ObjectNode n = JsonFiles.MAPPER.createObjectNode();
    String id = userId(p);
    n.put("id", id);
    n.put("type", "user_reference");
    n.put("summary", p.name());
    n.put("self", API + "/users/" + id);
    n.put("html_url", WEB + "/users/" + id);
    return n;
  }
}
