package io.ttv.schemas.config;

import java.util.List;

/**
 * The systems of the landing zone (contract section 4), by the key they have in config and landing.
 */
public final class SourceSystems {
  public static final String GITHUB = "github";
  public static final String GITLAB = "gitlab";
  public static final String JENKINS = "jenkins";
  public static final String GIT = "git";
  public static final String JIRA = "jira";
  public static final String PAGERDUTY = "pagerduty";
  public static final String ICS = "ics";
  public static final String GOOGLE_CALENDAR = "google_calendar";
  public static final String MSGRAPH_CALENDAR = "msgraph_calendar";

  /** Every known system, in the contract's order. */
  public static final List<String> ALL =
      List.of(
          GITHUB, GITLAB, JENKINS, GIT, JIRA, PAGERDUTY, ICS, GOOGLE_CALENDAR, MSGRAPH_CALENDAR);

  private SourceSystems() {}

  public static boolean isKnown(String system) {
    return ALL.contains(system);
  }
}
