package io.ttv.schemas.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ttv.schemas.config.TreeReader.Obj;
import io.ttv.schemas.config.TreeReader.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates a ttv config file (contract section 3). Every problem is collected, each
 * naming its JSON path, and thrown together as one {@link ConfigException}, so that {@code ttv
 * validate-config} and every command report them all before Spark starts.
 */
public final class ConfigLoader {

  // The shape of each object of the config: its keys in the contract's order, and the required
  // ones.
  static final Shape ROOT =
      Shape.of(
              "warehouse",
              "landing",
              "reporting_timezone",
              "late_data_days",
              "quality",
              "sources",
              "teams",
              "people",
              "bots",
              "services",
              "deployments",
              "work_items",
              "friction",
              "focus",
              "privacy",
              "cost",
              "report",
              "bi")
          .required("warehouse", "landing");
  static final Shape QUALITY = Shape.of("max_quarantine_share");
  static final Shape SOURCES = Shape.of(SourceSystems.ALL.toArray(String[]::new));
  static final Shape SOURCE = Shape.of("enabled");
  static final Shape TEAM =
      Shape.of("name", "timezone", "working_hours", "working_days").required("name");
  static final Shape WORKING_HOURS = Shape.of("start", "end");
  static final Shape PERSON =
      Shape.of("id", "name", "team", "emails", "github", "gitlab", "jira", "pagerduty")
          .required("id");
  static final Shape SERVICE =
      Shape.of("name", "team", "repos", "pagerduty_services", "jira_components").required("name");
  static final Shape DEPLOYMENTS =
      Shape.of(
          "production_environments", "deploy_jobs", "manual_jobs", "first_deploy_lookback_days");
  static final Shape WORK_ITEMS =
      Shape.of("key_pattern", "status_categories", "flow_item_types", "incident_types");
  static final Shape FRICTION =
      Shape.of(
          "manual_test_jobs",
          "manual_test_statuses",
          "infra_wait_statuses",
          "infra_wait_labels",
          "deploy_planning_meetings",
          "api_meetings",
          "patching_labels",
          "patching_titles",
          "default_branches");
  static final Shape FOCUS = Shape.of("min_block_minutes");
  static final Shape PRIVACY = Shape.of("keep_meeting_titles");
  static final Shape COST = Shape.of("hourly_rate", "currency");
  static final Shape REPORT = Shape.of("out", "weeks", "min_group_size");
  static final Shape BI = Shape.of("postgres", "trino");
  static final Shape POSTGRES =
      Shape.of("url", "schema", "user", "password_env")
          .required("url")
          .hint(
              "password",
              "never put the password in the config: set it in an environment variable and name"
                  + " that variable in password_env");
  static final Shape TRINO = Shape.of("url", "catalog");

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final Map<String, DayOfWeek> DAYS = new LinkedHashMap<>();

  static {
    for (DayOfWeek day : DayOfWeek.values()) {
      DAYS.put(day.name().substring(0, 3), day);
    }
  }

  private static final Pattern SQL_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern ENV_VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final int MAX_LISTED_TEAMS = 10;
  private static final Pattern JACKSON_FEATURE_ADVICE =
      Pattern.compile("[:;,]?\\s*enable `[^`]*` to allow");

  private ConfigLoader() {}

  /**
   * Reads and validates a config file (UTF-8 JSON).
   *
   * @throws ConfigException with every problem found, one line each
   */
  public static TtvConfig load(Path file) {
    String name = file.toString();
    if (!Files.exists(file)) {
      throw new ConfigException(name, List.of(name + ": no such file"));
    }
    if (Files.isDirectory(file)) {
      throw new ConfigException(name, List.of(name + ": is a directory, not a config file"));
    }
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException(name, List.of(name + ": not UTF-8 text"));
    } catch (AccessDeniedException e) {
      throw new ConfigException(name, List.of(name + ": cannot read the file (permission denied)"));
    } catch (IOException e) {
      throw new ConfigException(
          name, List.of(name + ": cannot read the file (" + e.getMessage() + ")"));
    }
    return parse(text, name);
  }

  /**
   * Parses and validates a config given as JSON text.
   *
   * @param sourceName how problems name the input that is not JSON (usually the file's path)
   * @throws ConfigException with every problem found, one line each
   */
  public static TtvConfig parse(String json, String sourceName) {
    // A byte order mark is what some Windows editors write first; it is not part of the JSON.
    String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
    JsonNode tree;
    try {
      tree = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(sourceName, List.of(malformed(sourceName, e)));
    }
    if (tree == null || tree.isMissingNode()) {
      throw new ConfigException(
          sourceName, List.of(sourceName + ": the file is empty (expected a JSON object)"));
    }
    return fromTree(tree, sourceName);
  }

  static TtvConfig minimal(String warehouse, String landing) {
    ObjectNode tree = MAPPER.createObjectNode();
    tree.put("warehouse", warehouse);
    tree.put("landing", landing);
    return fromTree(tree, "minimal config");
  }

  /** Validates a parsed tree and builds the config; nothing is built once a problem is found. */
  static TtvConfig fromTree(JsonNode tree, String sourceName) {
    TreeReader r = new TreeReader();
    Obj root = r.root(tree, ROOT);

    String warehouse = location(r, root, "warehouse");
    String landing = location(r, root, "landing");
    if (warehouse != null && warehouse.equals(landing)) {
      r.problem(root.at("landing"), "must not be the same location as warehouse");
    }
    ZoneId reportingZone = root.zone("reporting_timezone", TtvConfig.DEFAULT_REPORTING_ZONE);
    int lateDataDays = root.integer("late_data_days", TtvConfig.DEFAULT_LATE_DATA_DAYS, 0);
    Quality quality =
        new Quality(
            root.object("quality", QUALITY)
                .number("max_quarantine_share", Quality.DEFAULT_MAX_QUARANTINE_SHARE, 0, 1));
    Map<String, Source> sources = sources(root.object("sources", SOURCES));
    List<Team> teams = teams(r, root, reportingZone);
    Set<String> teamNames = teams.stream().map(Team::name).collect(Collectors.toSet());
    List<Person> people = people(r, root, teamNames);
    Regex bots = root.regex("bots", Regex.of(TtvConfig.DEFAULT_BOTS));
    List<Service> services = services(r, root, teamNames);
    Deployments deployments = deployments(root.object("deployments", DEPLOYMENTS));
    WorkItems workItems = workItems(root.object("work_items", WORK_ITEMS));
    Friction friction = friction(root.object("friction", FRICTION));
    Focus focus =
        new Focus(
            root.object("focus", FOCUS)
                .integer("min_block_minutes", Focus.DEFAULT_MIN_BLOCK_MINUTES, 1));
    Privacy privacy =
        new Privacy(root.object("privacy", PRIVACY).bool("keep_meeting_titles", false));
    Cost cost = cost(r, root.object("cost", COST));
    Obj reportObj = root.object("report", REPORT);
    String reportOut = location(r, reportObj, "out");
    int weeks = reportObj.integer("weeks", Report.DEFAULT_WEEKS, 1);
    int minGroupSize = reportObj.integer("min_group_size", Report.DEFAULT_MIN_GROUP_SIZE, 1);
    Bi bi = bi(r, root.object("bi", BI));

    if (r.hasProblems()) {
      throw new ConfigException(sourceName, r.problems());
    }
    if (reportOut == null) {
      reportOut = StorageUris.sibling(warehouse, TtvConfig.DEFAULT_REPORTS_FOLDER);
    }
    return new TtvConfig(
        warehouse,
        landing,
        reportingZone,
        lateDataDays,
        quality,
        sources,
        teams,
        people,
        bots,
        services,
        deployments,
        workItems,
        friction,
        focus,
        privacy,
        cost,
        new Report(reportOut, weeks, minGroupSize),
        bi);
  }

  private static String location(TreeReader r, Obj obj, String key) {
    String raw = obj.string(key, null);
    if (raw == null) {
      return null;
    }
    try {
      return StorageUris.normalize(raw);
    } catch (IllegalArgumentException e) {
      r.problem(obj.at(key), e.getMessage());
      return null;
    }
  }

  private static Map<String, Source> sources(Obj obj) {
    Map<String, Source> sources = new LinkedHashMap<>();
    for (String system : SourceSystems.ALL) {
      sources.put(system, new Source(obj.object(system, SOURCE).bool("enabled", null)));
    }
    return sources;
  }

  private static List<Team> teams(TreeReader r, Obj root, ZoneId reportingZone) {
    List<Team> teams = new ArrayList<>();
    Map<String, String> firstPath = new HashMap<>();
    root.eachObject(
        "teams",
        TEAM,
        t -> {
          String name = t.nonEmptyString("name");
          ZoneId zone = t.zone("timezone", reportingZone);
          Obj hours = t.object("working_hours", WORKING_HOURS);
          int before = r.problems().size();
          LocalTime start = hours.time("start", Team.DEFAULT_START);
          LocalTime end = hours.time("end", Team.DEFAULT_END);
          if (r.problems().size() == before && !end.isAfter(start)) {
            String startSays = hours.has("start") ? start.toString() : start + ", the default";
            r.problem(
                hours.at("end"),
                "must be after start (" + startSays + "), got " + TreeReader.quote(end.toString()));
          }
          if (!end.isAfter(start)) {
            start = Team.DEFAULT_START;
            end = Team.DEFAULT_END;
          }
          List<DayOfWeek> days = t.list("working_days", null, (path, value) -> day(r, path, value));
          if (days != null && days.isEmpty() && t.value("working_days").isEmpty()) {
            r.problem(t.at("working_days"), "must list at least one working day");
          }
          if (name == null) {
            return;
          }
          if (name.equalsIgnoreCase(Team.UNASSIGNED)) {
            r.problem(
                t.at("name"),
                "'" + name + "' is reserved for friction that no configured team owns");
            return;
          }
          String earlier = firstPath.putIfAbsent(name, t.at("name"));
          if (earlier != null) {
            r.problem(
                t.at("name"), "duplicate team name '" + name + "' (first at " + earlier + ")");
            return;
          }
          Set<DayOfWeek> workingDays =
              days == null || days.isEmpty() ? Team.DEFAULT_WORKING_DAYS : EnumSet.copyOf(days);
          teams.add(new Team(name, zone, start, end, workingDays));
        });
    return teams;
  }

  private static DayOfWeek day(TreeReader r, String path, String value) {
    DayOfWeek day = DAYS.get(value.toUpperCase(Locale.ROOT));
    if (day == null) {
      r.problem(
          path,
          "unknown day "
              + TreeReader.quote(value)
              + " (expected one of: "
              + String.join(", ", DAYS.keySet())
              + ")");
    }
    return day;
  }

  /** Who first listed an identity: to report the same login claimed by two people. */
  private record Claim(String owner, String path) {}

  private static List<Person> people(TreeReader r, Obj root, Set<String> teamNames) {
    List<Person> people = new ArrayList<>();
    Map<String, String> firstPath = new HashMap<>();
    Map<String, Claim> claims = new HashMap<>();
    root.eachObject(
        "people",
        PERSON,
        p -> {
          String id = p.nonEmptyString("id");
          if (id != null && id.indexOf(':') >= 0) {
            r.problem(
                p.at("id"),
                "must not contain ':' (ids of people not in the config are <system>:<identity>)");
            id = null;
          }
          String who = id != null ? "person '" + id + "'" : p.path();
          String name = p.string("name", null);
          String team = knownTeam(r, p, teamNames);
          // Emails and logins match ignoring case (contract section 3); Jira and PagerDuty ids
          // exactly.
          List<String> emails =
              p.list(
                  "emails",
                  List.of(),
                  (path, v) ->
                      email(r, path, v) ? claim(r, claims, "email", who, path, v, true) : null);
          List<String> github =
              p.list(
                  "github", List.of(), (path, v) -> claim(r, claims, "github", who, path, v, true));
          List<String> gitlab =
              p.list(
                  "gitlab", List.of(), (path, v) -> claim(r, claims, "gitlab", who, path, v, true));
          List<String> jira =
              p.list("jira", List.of(), (path, v) -> claim(r, claims, "jira", who, path, v, false));
          List<String> pagerduty =
              p.list(
                  "pagerduty",
                  List.of(),
                  (path, v) -> claim(r, claims, "pagerduty", who, path, v, false));
          if (id == null) {
            return;
          }
          String earlier = firstPath.putIfAbsent(id, p.at("id"));
          if (earlier != null) {
            r.problem(p.at("id"), "duplicate person id '" + id + "' (first at " + earlier + ")");
            return;
          }
          people.add(new Person(id, name, team, emails, github, gitlab, jira, pagerduty));
        });
    return people;
  }

  private static boolean email(TreeReader r, String path, String value) {
    int at = value.indexOf('@');
    if (at <= 0 || at == value.length() - 1 || value.chars().anyMatch(Character::isWhitespace)) {
      r.problem(path, "expected an email address, got " + TreeReader.quote(value));
      return false;
    }
    return true;
  }

  /**
   * Records that {@code owner} lists {@code value}; an identity (or a repo, a component...) listed
   * by two owners would make matching depend on the order of the config, so it is a problem.
   */
  private static String claim(
      TreeReader r,
      Map<String, Claim> claims,
      String kind,
      String owner,
      String path,
      String value,
      boolean ignoreCase) {
    String key = kind + "\u0000" + (ignoreCase ? value.toLowerCase(Locale.ROOT) : value);
    Claim earlier = claims.putIfAbsent(key, new Claim(owner, path));
    if (earlier != null && !earlier.owner().equals(owner)) {
      r.problem(
          path,
          TreeReader.quote(value)
              + " is already listed for "
              + earlier.owner()
              + " (at "
              + earlier.path()
              + ")"
              + (ignoreCase ? "; these match ignoring case" : ""));
    }
    return value;
  }

  private static String knownTeam(TreeReader r, Obj obj, Set<String> teamNames) {
    String team = obj.nonEmptyString("team");
    if (team != null && !teamNames.contains(team)) {
      r.problem(obj.at("team"), "unknown team '" + team + "' (" + teamList(teamNames) + ")");
      return null;
    }
    return team;
  }

  private static String teamList(Set<String> teamNames) {
    if (teamNames.isEmpty()) {
      return "$.teams lists no teams";
    }
    List<String> sorted = new ArrayList<>(new TreeSet<>(teamNames));
    String shown = String.join(", ", sorted.subList(0, Math.min(MAX_LISTED_TEAMS, sorted.size())));
    return "teams are: " + shown + (sorted.size() > MAX_LISTED_TEAMS ? ", ..." : "");
  }

  private static List<Service> services(TreeReader r, Obj root, Set<String> teamNames) {
    List<Service> services = new ArrayList<>();
    Map<String, String> firstPath = new HashMap<>();
    Map<String, Claim> claims = new HashMap<>();
    root.eachObject(
        "services",
        SERVICE,
        s -> {
          String name = s.nonEmptyString("name");
          String who = name != null ? "service '" + name + "'" : s.path();
          String team = knownTeam(r, s, teamNames);
          // Repo paths are case-insensitive on GitHub and GitLab, so "Org/Api" and "org/api"
          // collide.
          List<String> repos =
              s.list("repos", List.of(), (path, v) -> claim(r, claims, "repo", who, path, v, true));
          List<String> pagerdutyServices =
              s.list(
                  "pagerduty_services",
                  List.of(),
                  (path, v) -> claim(r, claims, "pagerduty", who, path, v, false));
          List<String> jiraComponents =
              s.list(
                  "jira_components",
                  List.of(),
                  (path, v) -> claim(r, claims, "component", who, path, v, true));
          if (name == null) {
            return;
          }
          String earlier = firstPath.putIfAbsent(name, s.at("name"));
          if (earlier != null) {
            r.problem(
                s.at("name"), "duplicate service name '" + name + "' (first at " + earlier + ")");
            return;
          }
          services.add(new Service(name, team, repos, pagerdutyServices, jiraComponents));
        });
    return services;
  }

  private static Deployments deployments(Obj obj) {
    return new Deployments(
        obj.regex("production_environments", Regex.of(Deployments.DEFAULT_PRODUCTION_ENVIRONMENTS)),
        obj.regex("deploy_jobs", Regex.of(Deployments.DEFAULT_DEPLOY_JOBS)),
        obj.regex("manual_jobs", Regex.NEVER),
        obj.integer(
            "first_deploy_lookback_days", Deployments.DEFAULT_FIRST_DEPLOY_LOOKBACK_DAYS, 0));
  }

  private static WorkItems workItems(Obj obj) {
    return new WorkItems(
        obj.regex("key_pattern", Regex.of(WorkItems.DEFAULT_KEY_PATTERN)),
        obj.nameMap(
            "status_categories", WorkItems.DEFAULT_STATUS_CATEGORIES, WorkItems.STATUS_CATEGORIES),
        obj.nameMap(
            "flow_item_types", WorkItems.DEFAULT_FLOW_ITEM_TYPES, WorkItems.FLOW_ITEM_TYPES),
        obj.strings("incident_types", WorkItems.DEFAULT_INCIDENT_TYPES));
  }

  private static Friction friction(Obj obj) {
    return new Friction(
        obj.regex("manual_test_jobs", Regex.of(Friction.DEFAULT_MANUAL_TEST_JOBS)),
        obj.strings("manual_test_statuses", Friction.DEFAULT_MANUAL_TEST_STATUSES),
        obj.strings("infra_wait_statuses", Friction.DEFAULT_INFRA_WAIT_STATUSES),
        obj.strings("infra_wait_labels", Friction.DEFAULT_INFRA_WAIT_LABELS),
        obj.regex("deploy_planning_meetings", Regex.of(Friction.DEFAULT_DEPLOY_PLANNING_MEETINGS)),
        obj.regex("api_meetings", Regex.of(Friction.DEFAULT_API_MEETINGS)),
        obj.strings("patching_labels", Friction.DEFAULT_PATCHING_LABELS),
        obj.regex("patching_titles", Regex.of(Friction.DEFAULT_PATCHING_TITLES)),
        obj.strings("default_branches", Friction.DEFAULT_DEFAULT_BRANCHES));
  }

  private static Cost cost(TreeReader r, Obj obj) {
    double rate = obj.number("hourly_rate", 0, 0, Double.MAX_VALUE);
    String currency = obj.nonEmptyString("currency");
    if (currency == null) {
      currency = Cost.DEFAULT_CURRENCY;
    } else if (!isCurrencyCode(currency)) {
      r.problem(
          obj.at("currency"),
          "unknown currency code "
              + TreeReader.quote(currency)
              + " (expected an ISO 4217 code such as USD or EUR)");
      currency = Cost.DEFAULT_CURRENCY;
    }
    return new Cost(rate, currency);
  }

  private static boolean isCurrencyCode(String code) {
    return Currency.getAvailableCurrencies().stream()
        .anyMatch(c -> c.getCurrencyCode().equals(code));
  }

  private static Bi bi(TreeReader r, Obj obj) {
    BiPostgres postgres = null;
    if (obj.has("postgres")) {
      postgres = postgres(r, obj.object("postgres", POSTGRES));
    }
    BiTrino trino = null;
    if (obj.has("trino")) {
      Obj t = obj.object("trino", TRINO);
      String url = t.nonEmptyString("url");
      if (url != null && url.toLowerCase(Locale.ROOT).contains("password")) {
        // Not echoed: the point is that it holds a secret.
        r.problem(t.at("url"), "must not carry a password (the value is not shown); ttv sends none to Trino");
        url = null;
      } else if (url != null && !url.startsWith("jdbc:trino:")) {
        r.problem(
            t.at("url"),
            "expected a JDBC url starting with jdbc:trino:, got " + TreeReader.quote(url));
      }
      String catalog = identifier(r, t, "catalog", BiTrino.DEFAULT_CATALOG);
      trino = new BiTrino(url, catalog);
    }
    return new Bi(postgres, trino);
  }

  private static BiPostgres postgres(TreeReader r, Obj p) {
    String url = p.nonEmptyString("url");
    if (url != null && url.toLowerCase(Locale.ROOT).contains("password")) {
      // Not echoed: the point is that it holds a secret.
      r.problem(
          p.at("url"),
          "must not carry a password (the value is not shown); set it in an environment variable"
              + " and name that variable in password_env");
      url = null;
    } else if (url != null && !url.startsWith("jdbc:postgresql:")) {
      r.problem(
          p.at("url"),
          "expected a JDBC url starting with jdbc:postgresql:, got " + TreeReader.quote(url));
      url = null;
    }
    String schema = identifier(r, p, "schema", BiPostgres.DEFAULT_SCHEMA);
    String user = p.nonEmptyString("user");
    String passwordEnv = passwordEnv(r, p);
    return url == null ? null : new BiPostgres(url, schema, user, passwordEnv);
  }

  private static String passwordEnv(TreeReader r, Obj p) {
    JsonNode v = p.value("password_env");
    if (v == null) {
      return null;
    }
    // Values are never echoed here: a user who misread the key may have written the password
    // itself.
    if (!v.isTextual()) {
      r.problem(
          p.at("password_env"),
          "expected the name of an environment variable, got "
              + TreeReader.describeWithoutValue(v));
      return null;
    }
    if (!ENV_VAR_NAME.matcher(v.textValue()).matches()) {
      r.problem(
          p.at("password_env"),
          "expected the name of an environment variable such as TTV_BI_PASSWORD (letters, digits"
              + " and _, not starting with a digit), not the password itself; the value is not"
              + " shown");
      return null;
    }
    return v.textValue();
  }

  private static String identifier(TreeReader r, Obj obj, String key, String dflt) {
    String value = obj.string(key, dflt);
    if (!SQL_IDENTIFIER.matcher(value).matches()) {
      r.problem(
          obj.at(key),
          "expected a plain SQL name (letters, digits and _, not starting with a digit), got "
              + TreeReader.quote(value));
      return dflt;
    }
    return value;
  }

  private static String malformed(String sourceName, JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String where =
        location == null || location.getLineNr() < 0
            ? ""
            : ", line " + location.getLineNr() + ", column " + location.getColumnNr();
    return sourceName + where + ": malformed JSON: " + jacksonReason(e.getOriginalMessage());
  }

  // Jackson's messages carry source snippets and feature names that mean nothing to a user.
  private static String jacksonReason(String message) {
    if (message == null) {
      return "unreadable";
    }
    if (message.startsWith("Trailing token")) {
      return "unexpected content after the end of the top-level value";
    }
    String reason = message.lines().findFirst().orElse(message);
    if (reason.contains("ALLOW_COMMENTS")) {
      return "unexpected character '/': JSON has no comments";
    }
    for (String noise : List.of(" (start marker at", " at [Source")) {
      int cut = reason.indexOf(noise);
      if (cut > 0) {
        reason = reason.substring(0, cut);
      }
    }
    reason = JACKSON_FEATURE_ADVICE.matcher(reason).replaceAll("");
    if (reason.contains("(code 39)")) {
      reason += " (JSON strings and keys take double quotes)";
    }
    return reason.strip();
  }
}
