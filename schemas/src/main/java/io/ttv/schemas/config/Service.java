package io.ttv.schemas.config;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * {@code services[]}: a service, its owning team and where its work shows up. A repo that no
 * service lists is its own service named after the repo.
 *
 * @param name the service's name
 * @param team the name of one of the config's teams, or null (charged to {@code unassigned})
 * @param repos GitHub {@code owner/name}, GitLab {@code group/project}, or a git repo name
 * @param pagerdutyServices PagerDuty service ids
 * @param jiraComponents Jira component names
 */
public record Service(
    String name,
    String team,
    List<String> repos,
    List<String> pagerdutyServices,
    List<String> jiraComponents)
    implements Serializable {

  public Service {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a service name must not be empty");
    }
    repos = List.copyOf(repos);
    pagerdutyServices = List.copyOf(pagerdutyServices);
    jiraComponents = List.copyOf(jiraComponents);
  }
}
