package io.ttv.jobs.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jira Cloud {@code jira/issues}: {@code GET /rest/api/2/search?jql=updated>=D&expand=changelog}
 * pages, the wrapper {@code {"expand","startAt","maxResults","total","issues"}} kept.
 *
 * <p>Every key a pull request's title or branch mentions (in every forge's activity) is an issue of
 * its team's project, created 1-10 days before its first commit; it moves To Do -> (sometimes Waiting
 * for Infra) -> In Progress (just before the first commit) -> In Review (the pull request is up) ->
 * sometimes back to In Progress and again In Review -> (sometimes QA, from the merge) -> Done when its
 * change ships: the first production deployment of the repository after the merge
 * ({@link ProductionDeploys}), or the merge where the repository has no deployments.
 * Each project also gets items no pull request names: some never started, bugs and tech debt worked
 * and closed, and a few {@code Incident}s handled within hours. Changelogs are newest first with
 * status ids and names, timestamps are {@code 2026-01-05T09:12:00.000+0100} (offset without a colon,
 * fixture devlake_jira_cloud_board_issues_expand_changelog) in the exporting admin's zone.
 * The export of D holds every issue with a change on D (UTC) as it stood at the end of D.
 */
final class JiraExports implements SourceExports {

  static final String SYSTEM = "jira";
  static final String ISSUES = "issues";
  static final String BASE = "https://northwind.atlassian.net";
  static final int PAGE_SIZE = 50;
  static final ZoneId EXPORT_ZONE = ZoneId.of(ConfigFile.REPORTING_TIMEZONE);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx", Locale.ROOT).withZone(EXPORT_ZONE);

  record Status(String id, String name, String category, int categoryId, String categoryName, String color) {}

  static final Status TODO = new Status("10000", "To Do", "new", 2, "To Do", "blue-gray");
  static final Status IN_PROGRESS = new Status("3", "In Progress", "indeterminate", 4, "In Progress", "yellow");
  static final Status IN_REVIEW = new Status("10001", "In Review", "indeterminate", 4, "In Progress", "yellow");
  static final Status DONE = new Status("10002", "Done", "done", 3, "Done", "green");
  /** Manual testing on staging after the merge, until the change ships (friction.manual_test_statuses). */
  static final Status QA = new Status("10003", "QA", "indeterminate", 4, "In Progress", "yellow");
  /** Blocked on an infrastructure change (friction.infra_wait_statuses). */
  static final Status WAITING_FOR_INFRA =
      new Status("10004", "Waiting for Infra", "indeterminate", 4, "In Progress", "yellow");
  static final List<Status> STATUSES = List.of(TODO, IN_PROGRESS, IN_REVIEW, DONE, QA, WAITING_FOR_INFRA);

  /**
   * The share of the items pull requests name that wait for an infrastructure change before work starts
   * (up to two days before the first commit); bugs and tasks no pull request names wait too (30%).
   */
  static final double INFRA_WAIT_SHARE = 0.15;

  /** Issue type name -> id; the flow item type of each is in the config's {@code flow_item_types}. */
  static final Map<String, String> TYPES = new TreeMap<>(Map.of(
      "Story", "10001", "Task", "10002", "Bug", "10004", "Incident", "10005", "Tech Debt", "10006",
      "Vulnerability", "10007"));

  static final Map<String, String> FLOW_ITEM_TYPES = new TreeMap<>(Map.of(
      "Story", "feature", "Task", "feature", "Bug", "defect", "Incident", "defect",
      "Tech Debt", "debt", "Vulnerability", "risk"));

  private static final Pattern KEY = Pattern.compile(ConfigFile.WORK_ITEM_KEYS);

  @Override
  public String system() {
    return SYSTEM;
  }

  /** A Jira Cloud account id (24 hex digits) of a person. */
  static String accountId(Person p) {
    SplittableRandom r = Seeds.random(0, "jira/account/" + p.id());
    return String.format(Locale.ROOT, "5%07x%016x", r.nextInt(1 << 28), r.nextLong());
  }

  /** The Jira component of a service: its name in words ({@code billing-api} -> {@code Billing API}). */
  static String component(Service s) {
    StringBuilder b = new StringBuilder();
    for (String w : s.name().split("-")) {
      b.append(b.length() == 0 ? "" : " ").append(switch (w) {
        case "api", "bff", "etl" -> w.toUpperCase(Locale.ROOT);
        case "ios" -> "iOS";
        default -> Character.toUpperCase(w.charAt(0)) + w.substring(1);
      });
    }
    return b.toString();
  }

  private record Change(long at, Status to, Person by) {}

  private static final class Issue {
    String key;
    String project;
    String summary;
    String type;
    Service service;
    Person assignee;
    Person reporter;
    long createdAt;
    final List<Change> changes = new ArrayList<>();
    long id;
    final List<Long> historyIds = new ArrayList<>();
  }

  /** What the pull requests say about a key: its earliest PR and first commit, merge if any. */
  private static final class Mention {
    CodeActivity.PullRequest pull;
    long firstCommit = Long.MAX_VALUE;
    long opened = Long.MAX_VALUE;
    long merged = -1;
    Repo repo;
  }

  @Override
  public void write(ExportContext ctx) {
    SplittableRandom r = ctx.random();
    Organisation org = ctx.organisation();
    DateRange range = ctx.range();
    List<Service> services = new ArrayList<>(org.services());
    services.addAll(ctx.forges().services());
    Map<String, Service> serviceOfRepo = new HashMap<>();
    services.forEach(s -> s.repos().forEach(repo -> serviceOfRepo.put(repo.fullName(), s)));
    Map<String, Person> byLogin = org.peopleByLogin();

    TreeMap<String, Mention> mentions = new TreeMap<>();
    for (CodeActivity activity : List.of(ctx.activity(), ctx.forges().gitlabActivity(),
        ctx.forges().jenkinsActivity())) {
      for (CodeActivity.Push p : activity.pushes()) {
        if (p.pull() == null) {
          continue;
        }
        Matcher m = KEY.matcher(p.pull().title() + " " + p.pull().branch());
        while (m.find()) {
          Mention x = mentions.computeIfAbsent(m.group(), k -> new Mention());
          if (x.pull == null || p.pull().openedAt() < x.opened) {
            x.pull = p.pull();
            x.opened = p.pull().openedAt();
            x.repo = p.repo();
          }
          if (p.kind() == CodeActivity.Kind.MERGE && x.pull == p.pull()) {
            x.merged = p.at();
          }
          x.firstCommit = Math.min(x.firstCommit, p.commit().authoredAt());
        }
      }
    }
    Map<String, Team> teamOfProject = new HashMap<>();
    org.teams().forEach(t -> teamOfProject.put(t.issueKey(), t));
    teamOfProject.put(Organisation.OUTSIDE.issueKey(), Organisation.OUTSIDE);

    // its own stream, so the items' other draws stay as they were
    SplittableRandom infra = ctx.stream(SYSTEM, "infra-waits");
    List<Issue> issues = new ArrayList<>();
    for (Map.Entry<String, Mention> e : mentions.entrySet()) {
      Mention x = e.getValue();
      Issue i = new Issue();
      i.key = e.getKey();
      i.project = i.key.substring(0, i.key.indexOf('-'));
      Team team = teamOfProject.getOrDefault(i.project, Organisation.OUTSIDE);
      String title = x.pull.title().replaceFirst("^" + Pattern.quote(i.key) + ": ", "");
      i.summary = title;
      i.type = title.startsWith("Fix") ? "Bug" : title.startsWith("Refactor") || title.startsWith("Remove")
          ? "Tech Debt" : r.nextDouble() < 0.7 ? "Story" : "Task";
      i.service = serviceOfRepo.get(x.repo.fullName());
      i.assignee = byLogin.get(x.pull.author().login());
      List<Person> mates = org.peopleOf(team.name());
      i.reporter = mates.isEmpty() ? i.assignee : mates.get(r.nextInt(mates.size()));
      i.createdAt = team.nextWorkingMoment(x.firstCommit - 86_400L * (1 + r.nextInt(10)) - r.nextInt(28_800));
      long start = Math.max(i.createdAt + 600, x.firstCommit - 600 - r.nextInt(3 * 3600));
      if (infra.nextDouble() < INFRA_WAIT_SHARE) {
        // picked up, then blocked until a queue, a bucket or a firewall rule exists: the infra-wait crack
        long blocked = team.nextWorkingMoment(
            Math.max(i.createdAt + 600, start - 2 * 3600 - infra.nextInt(2 * 86_400)));
        if (blocked < start - 1800) {
          i.changes.add(new Change(blocked, WAITING_FOR_INFRA, i.assignee));
        }
      }
      i.changes.add(new Change(start, IN_PROGRESS, i.assignee));
      long review = Math.max(start + 300, x.opened + 600 + r.nextInt(3 * 3600));
      if (x.merged >= 0) {
        review = Math.min(review, Math.max(start + 300, x.merged - 600));
      }
      i.changes.add(new Change(review, IN_REVIEW, i.assignee));
      long last = review;
      if (r.nextDouble() < 0.2) {
        long back = review + 1800 + r.nextInt(4 * 3600);
        long again = back + 1800 + r.nextInt(3 * 3600);
        if (x.merged < 0 || again < x.merged) {
          i.changes.add(new Change(back, IN_PROGRESS, i.assignee));
          i.changes.add(new Change(again, IN_REVIEW, i.assignee));
          last = again;
        }
      }
      if (x.merged >= 0 && r.nextDouble() < 0.4) {
        // tested by hand on staging from the merge until it ships: the manual-testing crack
        long qa = Math.max(last + 60, x.merged + 120);
        i.changes.add(new Change(qa, QA, i.assignee));
        last = qa;
      }
      if (x.merged >= 0) {
        long shipped = ctx.deploys().deploys(x.repo)
            ? ctx.deploys().firstAfter(x.repo, x.merged) : x.merged + 60 + r.nextInt(1800);
        if (shipped >= 0) {
          i.changes.add(new Change(Math.max(last + 60, shipped + 30 + r.nextInt(600)), DONE, i.assignee));
        }
      }
      issues.add(i);
    }
    addUnlinked(org, range, services, mentions, r, issues);

    issues.sort(Comparator.comparingLong((Issue i) -> i.createdAt).thenComparing(i -> i.key));
    long nextId = 10_000 + r.nextInt(20_000);
    for (Issue i : issues) {
      nextId += 1 + r.nextInt(3);
      i.id = nextId;
    }
    // history ids grow with time over the whole instance
    List<long[]> refs = new ArrayList<>();
    for (int k = 0; k < issues.size(); k++) {
      for (int c = 0; c < issues.get(k).changes.size(); c++) {
        refs.add(new long[] {issues.get(k).changes.get(c).at(), k, c});
      }
    }
    refs.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]).thenComparingLong(a -> a[2]));
    long nextHistory = 40_000 + r.nextInt(50_000);
    Map<Long, Map<Integer, Long>> ids = new HashMap<>();
    for (long[] ref : refs) {
      nextHistory += 1 + r.nextInt(4);
      ids.computeIfAbsent(ref[1], k -> new TreeMap<>()).put((int) ref[2], nextHistory);
    }
    for (int k = 0; k < issues.size(); k++) {
      Map<Integer, Long> m = ids.getOrDefault((long) k, Map.of());
      for (int c = 0; c < issues.get(k).changes.size(); c++) {
        issues.get(k).historyIds.add(m.get(c));
      }
    }
    export(ctx.landing(), range, issues, teamOfProject);
  }

  /** Items no pull request names: per team and working day, about one (never started, bugs, incidents). */
  private static void addUnlinked(Organisation org, DateRange range, List<Service> services,
      Map<String, Mention> taken, SplittableRandom r, List<Issue> issues) {
    java.util.Set<String> used = new java.util.HashSet<>();
    issues.forEach(i -> used.add(i.key));
    for (Team team : org.teams()) {
      List<Person> mates = org.peopleOf(team.name());
      List<Service> own = services.stream().filter(s -> s.team().equals(team.name())).toList();
      if (mates.isEmpty() || own.isEmpty()) {
        continue;
      }
      for (LocalDate date : range.dates()) {
        if (!team.isWorkingDay(date)) {
          continue;
        }
        int count = r.nextDouble() < 0.35 ? 0 : 1 + (r.nextDouble() < 0.3 ? 1 : 0);
        for (int n = 0; n < count; n++) {
          String key = freeKey(team.issueKey(), r, taken, used);
          used.add(key);
          Issue i = new Issue();
          i.key = key;
          i.project = team.issueKey();
          i.service = own.get(r.nextInt(own.size()));
          i.reporter = mates.get(r.nextInt(mates.size()));
          i.assignee = mates.get(r.nextInt(mates.size()));
          i.createdAt = team.workStartEpoch(date) + (long) (r.nextDouble() * team.workSeconds());
          double kind = r.nextDouble();
          if (kind < 0.1) {
            i.type = "Incident";
            i.summary = "Customer-facing errors in " + i.service.name();
            long start = i.createdAt + 120 + r.nextInt(900);
            i.changes.add(new Change(start, IN_PROGRESS, i.assignee));
            i.changes.add(new Change(start + 1800 + r.nextInt(4 * 3600), DONE, i.assignee));
          } else if (kind < 0.5) {
            i.type = kind < 0.45 ? "Story" : "Vulnerability";
            i.summary = kind < 0.45 ? "Spike: options for " + i.service.name() + " v2 API"
                : "Upgrade dependencies of " + i.service.name() + " for a CVE";
            if (kind >= 0.45) {
              // patching by hand: a few working hours of upgrading (the patching crack)
              long start = team.nextWorkingMoment(i.createdAt + 1800 + r.nextInt(4 * 3600));
              i.changes.add(new Change(start, IN_PROGRESS, i.assignee));
              i.changes.add(new Change(team.nextWorkingMoment(start + 3600 + r.nextInt(6 * 3600)), DONE, i.assignee));
            } else {
              i.assignee = r.nextDouble() < 0.5 ? null : i.assignee; // never started
            }
          } else {
            i.type = kind < 0.8 ? "Bug" : "Task";
            i.summary = (kind < 0.8 ? "Wrong totals in " : "Document runbook of ") + i.service.name();
            long start = team.nextWorkingMoment(i.createdAt + 3600 + r.nextInt(2 * 86_400));
            i.changes.add(new Change(start, IN_PROGRESS, i.assignee));
            if (r.nextDouble() < 0.3) {
              // waits for a database, a queue or a firewall change: the infra-wait crack
              long blocked = start + 1800 + r.nextInt(3 * 3600);
              i.changes.add(new Change(blocked, WAITING_FOR_INFRA, i.assignee));
              start = team.nextWorkingMoment(blocked + 3 * 3600 + r.nextInt(86_400));
              i.changes.add(new Change(start, IN_PROGRESS, i.assignee));
            }
            long review = start + 3600 + r.nextInt(86_400);
            i.changes.add(new Change(review, IN_REVIEW, i.assignee));
            i.changes.add(new Change(team.nextWorkingMoment(review + 1800 + r.nextInt(86_400)), DONE, i.reporter));
          }
          issues.add(i);
        }
      }
    }
  }

  /**
   * A key no pull request names and no item has: three digits while a few draws find a free one (a month or
   * two of a team's items), then four, then five. A year of a team's items fills most of the 900 three-digit
   * keys, where drawing until one is free never ended.
   */
  static String freeKey(String project, SplittableRandom r, Map<String, ?> taken, java.util.Set<String> used) {
    int low = 100;
    int size = 900;
    while (true) {
      for (int attempt = 0; attempt < 64; attempt++) {
        String key = project + "-" + (low + r.nextInt(size));
        if (!taken.containsKey(key) && !used.contains(key)) {
          return key;
        }
      }
      low *= 10;
      size *= 10;
    }
  }

  private static void export(Landing landing, DateRange range, List<Issue> issues, Map<String, Team> teams) {
    for (LocalDate date : range.dates()) {
      long from = date.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
      long cutoff = from + 86_400;
      List<Issue> changed = issues.stream()
          .filter(i -> (i.createdAt >= from && i.createdAt < cutoff)
              || i.changes.stream().anyMatch(c -> c.at() >= from && c.at() < cutoff))
          .sorted(Comparator.comparing((Issue i) -> i.key))
          .toList();
      for (int page = 0; page * PAGE_SIZE < changed.size(); page++) {
        List<Issue> part = changed.subList(page * PAGE_SIZE, Math.min(changed.size(), (page + 1) * PAGE_SIZE));
        ObjectNode body = JsonFiles.MAPPER.createObjectNode();
        body.put("expand", "schema,names");
        body.put("startAt", page * PAGE_SIZE);
        body.put("maxResults", PAGE_SIZE);
        body.put("total", changed.size());
        ArrayNode arr = body.putArray("issues");
        part.forEach(i -> arr.add(issueJson(i, cutoff, teams)));
        landing.write(SYSTEM, ISSUES, landing.partition(SYSTEM, ISSUES, date)
            .resolve("search-" + (page + 1) + ".json"), JsonFiles.bytes(body), part.size());
      }
    }
  }

  static String time(long epochSecond) {
    return TIME.format(Instant.ofEpochSecond(epochSecond));
  }

  private static ObjectNode issueJson(Issue i, long cutoff, Map<String, Team> teams) {
    List<Integer> seen = new ArrayList<>();
    for (int c = 0; c < i.changes.size(); c++) {
      if (i.changes.get(c).at() < cutoff) {
        seen.add(c);
      }
    }
    Status status = seen.isEmpty() ? TODO : i.changes.get(seen.get(seen.size() - 1)).to();
    long updated = seen.isEmpty() ? i.createdAt : i.changes.get(seen.get(seen.size() - 1)).at();
    ObjectNode n = JsonFiles.MAPPER.createObjectNode();
    n.put("expand", "operations,versionedRepresentations,editmeta,changelog,renderedFields");
    n.put("id", Long.toString(i.id));
    n.put("self", BASE + "/rest/api/2/issue/" + i.id);
    n.put("key", i.key);
    ObjectNode log = n.putObject("changelog");
    log.put("startAt", 0);
    log.put("maxResults", seen.size());
    log.put("total", seen.size());
    ArrayNode histories = log.putArray("histories");
    for (int s = seen.size() - 1; s >= 0; s--) { // newest first
      int c = seen.get(s);
      Change ch = i.changes.get(c);
      Status before = c == 0 ? TODO : i.changes.get(c - 1).to();
      ObjectNode h = histories.addObject();
      h.put("id", Long.toString(i.historyIds.get(c)));
      h.set("author", user(ch.by() == null ? i.reporter : ch.by()));
      h.put("created", time(ch.at()));
      ArrayNode items = h.putArray("items");
      ObjectNode it = items.addObject();
      it.put("field", "status");
      it.put("fieldtype", "jira");
      it.put("fieldId", "status");
      it.put("from", before.id());
      it.put("fromString", before.name());
      it.put("to", ch.to().id());
      it.put("toString", ch.to().name());
      if (ch.to() == DONE || before == DONE) {
        ObjectNode res = items.addObject();
        res.put("field", "resolution");
        res.put("fieldtype", "jira");
        res.put("fieldId", "resolution");
        res.put("from", before == DONE ? "10000" : null);
        res.put("fromString", before == DONE ? "Done" : null);
        res.put("to", ch.to() == DONE ? "10000" : null);
        res.put("toString", ch.to() == DONE ? "Done" : null);
      }
    }
    ObjectNode f = n.putObject("fields");
    f.put("summary", i.summary);
    ObjectNode type = f.putObject("issuetype");
    String typeId = TYPES.get(i.type);
    type.put("self", BASE + "/rest/api/2/issuetype/" + typeId);
    type.put("id", typeId);
    type.put("description", "");
    type.put("iconUrl", BASE + "/rest/api/2/universal_avatar/view/type/issuetype/avatar/" + (10300 + Integer.parseInt(typeId) % 100) + "?size=medium");
    type.put("name", i.type);
    type.put("subtask", false);
    type.put("avatarId", 10300 + Integer.parseInt(typeId) % 100);
    type.put("hierarchyLevel", 0);
    ObjectNode project = f.putObject("project");
    Team team = teams.getOrDefault(i.project, Organisation.OUTSIDE);
    long projectId = 10_000 + Math.floorMod(Seeds.mix(0, "jira/project/" + i.project), 900L);
    project.put("self", BASE + "/rest/api/2/project/" + projectId);
    project.put("id", Long.toString(projectId));
    project.put("key", i.project);
    project.put("name", team == Organisation.OUTSIDE ? "External contributions"
        : Character.toUpperCase(team.name().charAt(0)) + team.name().substring(1));
    project.put("projectTypeKey", "software");
    project.put("simplified", false);
    ArrayNode components = f.putArray("components");
    if (i.service != null && team != Organisation.OUTSIDE) {
      ObjectNode c = components.addObject();
      long cid = 10_000 + Math.floorMod(Seeds.mix(0, "jira/component/" + i.service.name()), 9_000L);
      c.put("self", BASE + "/rest/api/2/component/" + cid);
      c.put("id", Long.toString(cid));
      c.put("name", component(i.service));
    }
    f.set("assignee", i.assignee == null ? null : user(i.assignee));
    f.set("reporter", user(i.reporter));
    f.set("creator", user(i.reporter));
    ObjectNode priority = f.putObject("priority");
    String prio = i.type.equals("Incident") ? "Highest" : i.type.equals("Bug") ? "High" : "Medium";
    String prioId = i.type.equals("Incident") ? "1" : i.type.equals("Bug") ? "2" : "3";
    priority.put("self", BASE + "/rest/api/2/priority/" + prioId);
    priority.put("iconUrl", BASE + "/images/icons/priorities/" + prio.toLowerCase(Locale.ROOT) + ".svg");
    priority.put("name", prio);
    priority.put("id", prioId);
    ObjectNode st = f.putObject("status");
    st.put("self", BASE + "/rest/api/2/status/" + status.id());
    st.put("description", "");
    st.put("iconUrl", BASE + "/");
    st.put("name", status.name());
    st.put("id", status.id());
    ObjectNode cat = st.putObject("statusCategory");
    cat.put("self", BASE + "/rest/api/2/statuscategory/" + status.categoryId());
    cat.put("id", status.categoryId());
    cat.put("key", status.category());
    cat.put("colorName", status.color());
    cat.put("name", status.categoryName());
    if (status == DONE) {
      ObjectNode res = f.putObject("resolution");
      res.put("self", BASE + "/rest/api/2/resolution/10000");
      res.put("id", "10000");
      res.put("description", "Work has been completed on this issue.");
      res.put("name", "Done");
      f.put("resolutiondate", time(updated));
    } else {
      f.putNull("resolution");
      f.putNull("resolutiondate");
    }
    f.put("created", time(i.createdAt));
    f.put("updated", time(updated));
    f.put("statuscategorychangedate", time(updated));
    f.putArray("labels");
    f.putNull("lastViewed");
    return n;
  }

  private static ObjectNode user(Person p) {
    ObjectNode n = JsonFiles.MAPPER.createObjectNode();
    String id = accountId(p);
    n.put("self", BASE + "/rest/api/2/user?accountId=" + id);
    n.put("accountId", id);
    ObjectNode avatars = n.putObject("avatarUrls");
    avatars.put("48x48", "https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/" + id + "/48");
    n.put("displayName", p.name());
    n.put("active", true);
    n.put("timeZone", ConfigFile.REPORTING_TIMEZONE);
    n.put("accountType", "atlassian");
    return n;
  }
}
