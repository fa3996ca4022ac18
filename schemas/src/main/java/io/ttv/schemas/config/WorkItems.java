package io.ttv.schemas.config;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code work_items}: how tickets are found and classified (contract 6.3-6.5).
 *
 * <p>The contract gives no defaults for these keys; ttv uses the values of the contract's example,
 * so a Jira with the usual workflow and issue types needs no configuration. A map or list in the
 * config replaces its default entirely (nothing is merged).
 *
 * @param keyPattern regex that finds work-item keys in PR titles, branch names and commit messages
 * @param statusCategories status name -> {@code todo}/{@code active}/{@code waiting}/{@code done};
 *     names match ignoring case; statuses not listed fall back to the source's own category
 * @param flowItemTypes issue type or label -> {@code feature}/{@code defect}/{@code risk}/{@code
 *     debt}; names match ignoring case; anything not listed is a {@code feature}
 * @param incidentTypes issue types (or labels) that make a work item an incident
 */
public record WorkItems(
    Regex keyPattern,
    Map<String, String> statusCategories,
    Map<String, String> flowItemTypes,
    List<String> incidentTypes)
    implements Serializable {

  public static final List<String> STATUS_CATEGORIES = List.of("todo", "active", "waiting", "done");
  public static final List<String> FLOW_ITEM_TYPES = List.of("feature", "defect", "risk", "debt");

  /** The flow type of an item whose type and labels are all unlisted (contract section 3). */
  public static final String DEFAULT_FLOW_ITEM_TYPE = "feature";

  public static final String DEFAULT_KEY_PATTERN = "[A-Z][A-Z0-9]+-[0-9]+";
  public static final Map<String, String> DEFAULT_STATUS_CATEGORIES =
      ordered(
          "To Do", "todo",
          "In Progress", "active",
          "In Review", "waiting",
          "Done", "done");
  public static final Map<String, String> DEFAULT_FLOW_ITEM_TYPES =
      ordered(
          "Story", "feature",
          "Bug", "defect",
          "Vulnerability", "risk",
          "Tech Debt", "debt");
  public static final List<String> DEFAULT_INCIDENT_TYPES = List.of("Incident");

  public WorkItems {
    Objects.requireNonNull(keyPattern, "keyPattern");
    statusCategories = orderedCopy(statusCategories);
    flowItemTypes = orderedCopy(flowItemTypes);
    incidentTypes = List.copyOf(incidentTypes);
    requireValues(statusCategories, STATUS_CATEGORIES, "status_categories");
    requireValues(flowItemTypes, FLOW_ITEM_TYPES, "flow_item_types");
  }

  public static WorkItems defaults() {
    return new WorkItems(
        Regex.of(DEFAULT_KEY_PATTERN),
        DEFAULT_STATUS_CATEGORIES,
        DEFAULT_FLOW_ITEM_TYPES,
        DEFAULT_INCIDENT_TYPES);
  }

  /**
   * The configured category of a status name, ignoring case; empty when the status is not listed.
   */
  public Optional<String> statusCategory(String status) {
    return lookupIgnoringCase(statusCategories, status);
  }

  /** The configured flow type of an issue type or label, ignoring case; empty when not listed. */
  public Optional<String> flowItemType(String typeOrLabel) {
    return lookupIgnoringCase(flowItemTypes, typeOrLabel);
  }

  /** Whether an issue type or label marks an incident, ignoring case. */
  public boolean isIncidentType(String typeOrLabel) {
    return typeOrLabel != null
        && incidentTypes.stream().anyMatch(t -> t.equalsIgnoreCase(typeOrLabel));
  }

  private static Optional<String> lookupIgnoringCase(Map<String, String> map, String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.toLowerCase(Locale.ROOT);
    return map.entrySet().stream()
        .filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(wanted))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  private static void requireValues(Map<String, String> map, List<String> allowed, String key) {
    map.forEach(
        (name, value) -> {
          if (!allowed.contains(value)) {
            throw new IllegalArgumentException(
                key + "[" + name + "] must be one of " + allowed + ", got " + value);
          }
        });
  }

  // Map.copyOf would lose the user's order, which the docs and the data dictionary show.
  static Map<String, String> orderedCopy(Map<String, String> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  private static Map<String, String> ordered(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }
}
