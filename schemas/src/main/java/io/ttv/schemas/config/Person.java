package io.ttv.schemas.config;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * {@code people[]}: a person and their identities per system. Emails and logins match ignoring
 * case; an identity seen in data but listed for nobody becomes its own unmatched person.
 *
 * @param id stable id used in tables; never contains ':' (unmatched people are {@code
 *     <system>:<identity>})
 * @param name display name, or null
 * @param team the name of one of the config's teams, or null (charged to {@code unassigned})
 * @param emails emails (git, calendars, GitLab, Jira when visible)
 * @param github GitHub logins
 * @param gitlab GitLab logins
 * @param jira Jira account ids
 * @param pagerduty PagerDuty user ids
 */
public record Person(
    String id,
    String name,
    String team,
    List<String> emails,
    List<String> github,
    List<String> gitlab,
    List<String> jira,
    List<String> pagerduty)
    implements Serializable {

  public Person {
    Objects.requireNonNull(id, "id");
    if (id.isBlank() || id.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "a person id must be non-empty and free of ':', got " + id);
    }
    emails = List.copyOf(emails);
    github = List.copyOf(github);
    gitlab = List.copyOf(gitlab);
    jira = List.copyOf(jira);
    pagerduty = List.copyOf(pagerduty);
  }

  /** A person with no display name, team or identities yet (tests, the demo). */
  public static Person of(String id, String team) {
    return new Person(id, null, team, List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
