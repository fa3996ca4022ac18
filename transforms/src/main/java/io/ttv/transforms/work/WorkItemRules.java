package io.ttv.transforms.work;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.Team;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.config.WorkItems;
import io.ttv.transforms.common.Identities;
import io.ttv.transforms.common.ServiceMapping;
import io.ttv.schemas.tables.WorkItemsTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;

/** The {@code work_items} config rules as columns, shared by the Jira and GitHub readers. */
final class WorkItemRules {
  private WorkItemRules() {}

  /** The value {@code map} gives {@code name} ignoring case (the config's rule), else null. */
  static Column lookupIgnoringCase(Map<String, String> map, Column name) {
    if (map.isEmpty()) {
      return lit(null).cast("string");
    }
    List<Column> keys = new ArrayList<>();
    List<Column> values = new ArrayList<>();
    map.forEach(
        (k, v) -> {
          keys.add(lit(k.toLowerCase(Locale.ROOT)));
          values.add(lit(v));
        });
    return try_element_at(map_from_arrays(array(keys.toArray(Column[]::new)), array(values.toArray(Column[]::new))), lower(name));
  }

  /** The value of the first label (in the export's order) that {@code map} lists, else null. */
  static Column firstListedLabel(Map<String, String> map, Column labels) {
    if (map.isEmpty()) {
      return lit(null).cast("string");
    }
    return try_element_at(filter(transform(labels, l -> lookupIgnoringCase(map, l)), v -> v.isNotNull()), lit(1));
  }

  /**
   * feature/defect/risk/debt: the first of {@code typeNames} (id, English name, exported name; any may
   * be null), then the labels, that {@code flow_item_types} lists; feature otherwise.
   */
  static Column flowItemType(WorkItems rules, Column labels, Column... typeNames) {
    List<Column> candidates = new ArrayList<>();
    for (Column t : typeNames) {
      candidates.add(lookupIgnoringCase(rules.flowItemTypes(), t));
    }
    candidates.add(firstListedLabel(rules.flowItemTypes(), labels));
    candidates.add(lit(WorkItems.DEFAULT_FLOW_ITEM_TYPE));
    return coalesce(candidates.toArray(Column[]::new));
  }

  /** Whether one of {@code typeNames} or a label is in {@code incident_types}, ignoring case. */
  static Column isIncident(WorkItems rules, Column labels, Column... typeNames) {
    if (rules.incidentTypes().isEmpty()) {
      return lit(false);
    }
    Object[] wanted = rules.incidentTypes().stream().map(t -> t.toLowerCase(Locale.ROOT)).toArray();
    Column anyType = lit(false);
    for (Column t : typeNames) {
      anyType = anyType.or(coalesce(lower(t).isin(wanted), lit(false)));
    }
    return anyType.or(coalesce(exists(labels, l -> lower(l).isin(wanted)), lit(false)));
  }

  /**
   * The item's team (contract 6.5): the team of the service whose {@code jira_components} holds one of its
   * components (the first component that one lists), else its assignee's team, else {@code unassigned}.
   */
  static Column team(Column components, Column assigneePersonId, TtvConfig config) {
    return coalesce(
        ServiceMapping.teamOfService(ServiceMapping.serviceOfJiraComponents(components, config.services()), config.services()),
        Identities.teamOf(assigneePersonId, config.people()),
        lit(Team.UNASSIGNED));
  }

  /** Jira's own category of a status ({@code statusCategory.key}) in ttv's words; null when unknown. */
  static Column jiraCategory(Column statusCategoryKey) {
    Column k = lower(statusCategoryKey);
    return when(k.equalTo("new"), lit(WorkItemsTable.TODO))
        .when(k.equalTo("indeterminate"), lit(WorkItemsTable.ACTIVE))
        .when(k.equalTo("done"), lit(WorkItemsTable.DONE));
  }
}
