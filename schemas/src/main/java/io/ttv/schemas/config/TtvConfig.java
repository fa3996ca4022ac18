package io.ttv.schemas.config;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The whole ttv config (contract section 3), as {@link ConfigLoader} reads it: every default filled
 * in, every URI normalised, every regex compiled. Immutable and {@link Serializable}, so parts of
 * it can travel into Spark closures.
 *
 * @param warehouseUri where the Delta tables live; a normalised URI without a trailing slash
 * @param landingUri the landing zone of raw exports; a normalised URI without a trailing slash
 * @param reportingZone zone of the {@code date} of team-less facts (default UTC)
 * @param lateDataDays how many days back each nightly run recomputes facts (default 7)
 * @param quality the data-quality gate
 * @param sources every known system (in {@link SourceSystems#ALL} order) to its setting
 * @param teams the teams, names unique
 * @param people the people, ids unique, teams among {@code teams}
 * @param bots regex on logins/names of bots
 * @param services the services, names unique, teams among {@code teams}
 * @param deployments what counts as a production deployment and a manual gate
 * @param workItems how work items are found and classified
 * @param friction the classification rules of the nine cracks
 * @param focus what counts as focus time
 * @param privacy what calendar detail is stored
 * @param cost the price of an engineer-hour
 * @param report the leaders' report
 * @param bi where tables are published for BI tools
 */
public record TtvConfig(
    String warehouseUri,
    String landingUri,
    ZoneId reportingZone,
    int lateDataDays,
    Quality quality,
    Map<String, Source> sources,
    List<Team> teams,
    List<Person> people,
    Regex bots,
    List<Service> services,
    Deployments deployments,
    WorkItems workItems,
    Friction friction,
    Focus focus,
    Privacy privacy,
    Cost cost,
    Report report,
    Bi bi)
    implements Serializable {

  public static final ZoneId DEFAULT_REPORTING_ZONE = ZoneId.of("UTC");
  public static final int DEFAULT_LATE_DATA_DAYS = 7;

  /** The contract gives no default for {@code bots}; this is its example's value. */
  public static final String DEFAULT_BOTS = "(?i)(\\[bot\\]$|^dependabot|^renovate|-bot$)";

  /** The folder next to the warehouse that reports go to when {@code report.out} is not set. */
  public static final String DEFAULT_REPORTS_FOLDER = "reports";

  public TtvConfig {
    Objects.requireNonNull(warehouseUri, "warehouseUri");
    Objects.requireNonNull(landingUri, "landingUri");
    Objects.requireNonNull(reportingZone, "reportingZone");
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(bots, "bots");
    Objects.requireNonNull(deployments, "deployments");
    Objects.requireNonNull(workItems, "workItems");
    Objects.requireNonNull(friction, "friction");
    Objects.requireNonNull(focus, "focus");
    Objects.requireNonNull(privacy, "privacy");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(bi, "bi");
    if (lateDataDays < 0) {
      throw new IllegalArgumentException("late_data_days must be 0 or more, got " + lateDataDays);
    }
    sources = allSystems(sources);
    teams = List.copyOf(teams);
    people = List.copyOf(people);
    services = List.copyOf(services);
    Set<String> teamNames = new HashSet<>();
    for (Team team : teams) {
      if (!teamNames.add(team.name())) {
        throw new IllegalArgumentException("duplicate team name " + team.name());
      }
    }
    Set<String> ids = new HashSet<>();
    for (Person person : people) {
      if (!ids.add(person.id())) {
        throw new IllegalArgumentException("duplicate person id " + person.id());
      }
      requireKnownTeam(teamNames, person.team(), "person " + person.id());
    }
    Set<String> serviceNames = new HashSet<>();
    for (Service service : services) {
      if (!serviceNames.add(service.name())) {
        throw new IllegalArgumentException("duplicate service name " + service.name());
      }
      requireKnownTeam(teamNames, service.team(), "service " + service.name());
    }
  }

  /** The same config with another {@code report} section: what {@code ttv report --weeks/--out} and the demo run with. */
  public TtvConfig withReport(Report otherReport) {
    return new TtvConfig(warehouseUri, landingUri, reportingZone, lateDataDays, quality, sources, teams, people, bots, services,
        deployments, workItems, friction, focus, privacy, cost, otherReport, bi);
  }

  /**
   * A config with only the two required keys and every default, as if read from {@code
   * {"warehouse": ..., "landing": ...}}.
   *
   * @throws ConfigException when a location is not a usable URI or path
   */
  public static TtvConfig minimal(String warehouse, String landing) {
    return ConfigLoader.minimal(warehouse, landing);
  }

  /**
   * Whether a system is read: as {@code sources.<system>.enabled} says, else when the landing zone
   * has a folder for it.
   *
   * @throws IllegalArgumentException for a system that is not one of {@link SourceSystems#ALL}
   */
  public boolean isSourceEnabled(String system, boolean hasLandingFolder) {
    Source source = sources.get(system);
    if (source == null) {
      throw new IllegalArgumentException(
          "unknown source system '" + system + "' (expected one of " + SourceSystems.ALL + ")");
    }
    return source.isEnabled(hasLandingFolder);
  }

  /** The location of one table: {@code <warehouse>/<table>}. */
  public String tablePath(String table) {
    requireSegment(table, "table");
    return StorageUris.join(warehouseUri, table);
  }

  /** The landing folder of one system: {@code <landing>/<system>}. */
  public String landingPath(String system) {
    requireSegment(system, "system");
    return StorageUris.join(landingUri, system);
  }

  /** The team of that name. */
  public Optional<Team> team(String name) {
    return teams.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The zone of a team's local dates, or the reporting zone for a team that is not configured. */
  public ZoneId zoneOf(String teamName) {
    return team(teamName).map(Team::zone).orElse(reportingZone);
  }

  private static Map<String, Source> allSystems(Map<String, Source> given) {
    for (String system : given.keySet()) {
      if (!SourceSystems.isKnown(system)) {
        throw new IllegalArgumentException("unknown source system '" + system + "'");
      }
    }
    Map<String, Source> all = new LinkedHashMap<>();
    for (String system : SourceSystems.ALL) {
      all.put(system, Objects.requireNonNullElse(given.get(system), Source.UNSET));
    }
    return Collections.unmodifiableMap(all);
  }

  private static void requireKnownTeam(Set<String> teamNames, String team, String who) {
    if (team != null && !teamNames.contains(team)) {
      throw new IllegalArgumentException(who + ": unknown team " + team);
    }
  }

  private static void requireSegment(String name, String what) {
    if (name == null || name.isBlank() || name.contains("/")) {
      throw new IllegalArgumentException(
          "a " + what + " name must be one path segment, got " + name);
    }
  }
}
