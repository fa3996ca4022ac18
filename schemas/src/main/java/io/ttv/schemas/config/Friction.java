package io.ttv.schemas.config;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * {@code friction}: the classification rules of the nine cracks (contract 6.7). Status names match
 * ignoring case.
 *
 * <p>The contract gives no defaults for these keys; ttv uses the values of the contract's example.
 * A list in the config replaces its default (an empty list switches the rule off); a regex written
 * as {@code ""} switches its rule off ({@link Regex#NEVER}).
 *
 * @param manualTestJobs regex on GitLab job names, Jenkins stage names and GitHub environment names
 *     of manual gates that are manual testing
 * @param manualTestStatuses work-item statuses that are manual testing
 * @param infraWaitStatuses work-item statuses that are waiting for infrastructure
 * @param infraWaitLabels labels that make a {@code waiting} status a wait for infrastructure
 * @param deployPlanningMeetings regex on meeting titles of deploy-planning meetings
 * @param apiMeetings regex on meeting titles of meetings about APIs (cross-team when attendees come
 *     from two or more teams)
 * @param patchingLabels labels of patching work items and pull requests
 * @param patchingTitles regex on titles of patching work items and pull requests
 * @param defaultBranches branches whose CI runs are not "build wait before local tests"
 */
public record Friction(
    Regex manualTestJobs,
    List<String> manualTestStatuses,
    List<String> infraWaitStatuses,
    List<String> infraWaitLabels,
    Regex deployPlanningMeetings,
    Regex apiMeetings,
    List<String> patchingLabels,
    Regex patchingTitles,
    List<String> defaultBranches)
    implements Serializable {

  public static final String DEFAULT_MANUAL_TEST_JOBS =
      "(?i)manual.*test|qa|verif|smoke|acceptance";
  public static final List<String> DEFAULT_MANUAL_TEST_STATUSES = List.of("QA", "In Testing");
  public static final List<String> DEFAULT_INFRA_WAIT_STATUSES = List.of("Waiting for Infra");
  public static final List<String> DEFAULT_INFRA_WAIT_LABELS = List.of("blocked-infra");
  public static final String DEFAULT_DEPLOY_PLANNING_MEETINGS =
      "(?i)release|deploy|go.?live|\\bCAB\\b|change advisory";
  public static final String DEFAULT_API_MEETINGS = "(?i)\\bapi\\b|integration|contract";
  public static final List<String> DEFAULT_PATCHING_LABELS =
      List.of("patching", "upgrade", "dependencies");
  public static final String DEFAULT_PATCHING_TITLES = "(?i)\\bbump\\b|upgrade|\\bpatch|CVE-";
  public static final List<String> DEFAULT_DEFAULT_BRANCHES = List.of("main", "master");

  public Friction {
    Objects.requireNonNull(manualTestJobs, "manualTestJobs");
    Objects.requireNonNull(deployPlanningMeetings, "deployPlanningMeetings");
    Objects.requireNonNull(apiMeetings, "apiMeetings");
    Objects.requireNonNull(patchingTitles, "patchingTitles");
    manualTestStatuses = List.copyOf(manualTestStatuses);
    infraWaitStatuses = List.copyOf(infraWaitStatuses);
    infraWaitLabels = List.copyOf(infraWaitLabels);
    patchingLabels = List.copyOf(patchingLabels);
    defaultBranches = List.copyOf(defaultBranches);
  }

  public static Friction defaults() {
    return new Friction(
        Regex.of(DEFAULT_MANUAL_TEST_JOBS),
        DEFAULT_MANUAL_TEST_STATUSES,
        DEFAULT_INFRA_WAIT_STATUSES,
        DEFAULT_INFRA_WAIT_LABELS,
        Regex.of(DEFAULT_DEPLOY_PLANNING_MEETINGS),
        Regex.of(DEFAULT_API_MEETINGS),
        DEFAULT_PATCHING_LABELS,
        Regex.of(DEFAULT_PATCHING_TITLES),
        DEFAULT_DEFAULT_BRANCHES);
  }
}
