package io.ttv.transforms.common;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.try_element_at;

import io.ttv.schemas.config.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;

/** The config's {@code services[]}: which service a repository belongs to (contract section 3). */
public final class ServiceMapping {
  private ServiceMapping() {}

  /**
   * The service whose {@code repos} lists {@code repo} (ignoring case), else the repo itself: "a repo
   * that no service lists is its own service named after the repo". A repo listed by two services
   * belongs to the first.
   */
  public static Column serviceOf(Column repo, List<Service> services) {
    List<Column> pairs = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (Service s : services) {
      for (String r : s.repos()) {
        String key = r.toLowerCase(Locale.ROOT);
        if (!seen.contains(key)) {
          seen.add(key);
          pairs.add(lit(key));
          pairs.add(lit(s.name()));
        }
      }
    }
    if (pairs.isEmpty()) {
      return repo;
    }
    return coalesce(try_element_at(map(pairs.toArray(Column[]::new)), lower(repo)), repo);
  }

  /**
   * The service whose {@code pagerduty_services} lists the PagerDuty service {@code id} (ids compared
   * exactly), else null: an incident on a service nobody mapped belongs to no config service. An id
   * listed by two services belongs to the first.
   */
  public static Column serviceOfPagerduty(Column id, List<Service> services) {
    List<Column> pairs = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (Service s : services) {
      for (String p : s.pagerdutyServices()) {
        if (!seen.contains(p)) {
          seen.add(p);
          pairs.add(lit(p));
          pairs.add(lit(s.name()));
        }
      }
    }
    if (pairs.isEmpty()) {
      return lit(null).cast("string");
    }
    return try_element_at(map(pairs.toArray(Column[]::new)), id);
  }

  /** The owning team ({@code services[].team}) of the config service named {@code service}, else null. */
  public static Column teamOfService(Column service, List<Service> services) {
    List<Column> pairs = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (Service s : services) {
      if (s.team() != null && !seen.contains(s.name())) {
        seen.add(s.name());
        pairs.add(lit(s.name()));
        pairs.add(lit(s.team()));
      }
    }
    if (pairs.isEmpty()) {
      return lit(null).cast("string");
    }
    return try_element_at(map(pairs.toArray(Column[]::new)), service);
  }

  /**
   * The service of the first of a Jira issue's {@code components} that some service's
   * {@code jira_components} lists (names compared ignoring case), else null.
   */
  public static Column serviceOfJiraComponents(Column components, List<Service> services) {
    List<Column> pairs = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (Service s : services) {
      for (String c : s.jiraComponents()) {
        String key = c.toLowerCase(java.util.Locale.ROOT);
        if (!seen.contains(key)) {
          seen.add(key);
          pairs.add(lit(key));
          pairs.add(lit(s.name()));
        }
      }
    }
    if (pairs.isEmpty()) {
      return lit(null).cast("string");
    }
    Column m = map(pairs.toArray(Column[]::new));
    Column mapped =
        org.apache.spark.sql.functions.filter(
            org.apache.spark.sql.functions.transform(components, c -> try_element_at(m, lower(c))), x -> x.isNotNull());
    return try_element_at(mapped, lit(1));
  }
}
