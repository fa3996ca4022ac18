package io.ttv.schemas.raw;

import java.util.List;
import java.util.Optional;

/** Every dataset of contract section 4 that ttv knows, and which of them this build normalises. */
public final class SourceDatasets {
  private SourceDatasets() {}

  public static final List<String> SYSTEMS =
      List.of("github", "gitlab", "jenkins", "git", "jira", "pagerduty", "ics", "google_calendar", "msgraph_calendar");

  public static final SourceDataset GITHUB_WORKFLOW_RUNS =
      new SourceDataset("github", "workflow_runs", List.of("workflow_runs"), true);
  public static final SourceDataset GITHUB_WORKFLOW_JOBS =
      new SourceDataset("github", "workflow_jobs", List.of("jobs"), true);

  /** Bare arrays (fixture pygithub_list_deployments.json); no wrapper. */
  public static final SourceDataset GITHUB_DEPLOYMENTS =
      new SourceDataset("github", "deployments", List.of(), true);
  public static final SourceDataset GITHUB_DEPLOYMENT_STATUSES =
      new SourceDataset("github", "deployment_statuses", List.of(), true);
  /** Bare arrays (list pages) or single-PR bodies ({@code GET /pulls/:n}, fixture pygithub_get_pull_21_merged_2020). */
  public static final SourceDataset GITHUB_PULLS = new SourceDataset("github", "pulls", List.of(), true);
  /** Bare arrays of one PR's reviews; the PR is in each item's pull_request_url (or a pull= folder). */
  public static final SourceDataset GITHUB_PULL_REVIEWS =
      new SourceDataset("github", "pull_reviews", List.of(), true);
  /** Arrays (list pages) or single bodies ({@code GET /pipelines/:pid}); no wrapper in GitLab v4. */
  public static final SourceDataset GITLAB_PIPELINES =
      new SourceDataset("gitlab", "pipelines", List.of(), true);
  public static final SourceDataset GITLAB_JOBS = new SourceDataset("gitlab", "jobs", List.of(), true);
  public static final SourceDataset GITLAB_DEPLOYMENTS =
      new SourceDataset("gitlab", "deployments", List.of(), true);
  /** Arrays (list pages) or single-MR bodies; no wrapper in GitLab v4. */
  public static final SourceDataset GITLAB_MERGE_REQUESTS =
      new SourceDataset("gitlab", "merge_requests", List.of(), true);
  /** {@code {"builds":[..]}} or {@code {"allBuilds":[..]}} (the tree= query), or one build body. */
  public static final SourceDataset JENKINS_BUILDS =
      new SourceDataset("jenkins", "builds", List.of("builds", "allBuilds"), true);
  /**
   * {@code wfapi/describe} (one object, one record with its stages) or {@code wfapi/runs} (an array of
   * them); never split on {@code stages}: the run-level queue and pause belong to the record.
   */
  public static final SourceDataset JENKINS_STAGES =
      new SourceDataset("jenkins", "stages", List.of(), true);

  /** {@code GET /repos/{o}/{r}/commits} pages (arrays) or single-commit bodies. */
  public static final SourceDataset GITHUB_COMMITS = new SourceDataset("github", "commits", List.of(), true);
  /** {@code GET /repos/{o}/{r}/pulls/{n}/commits} pages under a {@code pull=<n>} folder. */
  public static final SourceDataset GITHUB_PULL_COMMITS =
      new SourceDataset("github", "pull_commits", List.of(), true);
  /** {@code GET /projects/:id/repository/commits} pages or single-commit bodies. */
  public static final SourceDataset GITLAB_COMMITS = new SourceDataset("gitlab", "commits", List.of(), true);
  /** {@code GET /projects/:id/merge_requests/:iid/commits} pages under a {@code merge_request=<iid>} folder. */
  public static final SourceDataset GITLAB_MERGE_REQUEST_COMMITS =
      new SourceDataset("gitlab", "merge_request_commits", List.of(), true);
  /** {@code git log --format=...} text (contract section 4): one commit a line, not JSON. */
  public static final SourceDataset GIT_LOG =
      new SourceDataset("git", "log", List.of(), true, SourceDataset.Format.LINES);

  /**
   * {@code GET /incidents} pages ({@code {"incidents":[..],"limit":..,"total":null,"more":..}}, fixture
   * kafka-docker-playground_list_incidents_page) or one incident a line (DevLake's tap, with the incident's
   * log entries embedded).
   */
  public static final SourceDataset PAGERDUTY_INCIDENTS =
      new SourceDataset("pagerduty", "incidents", List.of("incidents"), true);
  /** {@code GET /log_entries} or {@code /incidents/{id}/log_entries} pages ({@code {"log_entries":[..]}}). */
  public static final SourceDataset PAGERDUTY_LOG_ENTRIES =
      new SourceDataset("pagerduty", "log_entries", List.of("log_entries"), true);
  /**
   * {@code GET /repos/{o}/{r}/issues} pages (arrays) under a {@code repo=} folder; pull requests in them are
   * left out by the normaliser.
   */
  public static final SourceDataset GITHUB_ISSUES = new SourceDataset("github", "issues", List.of(), true);
  /** Jira {@code /search} pages ({@code {"issues":[..]}}, split here) or NDJSON issues, with {@code expand=changelog}. */
  public static final SourceDataset JIRA_ISSUES = new SourceDataset("jira", "issues", List.of("issues"), true);

  /**
   * One person's calendar export (RFC 5545) under an {@code owner=<email>} folder: the whole file is one
   * record, its text kept exactly (contract section 4).
   */
  public static final SourceDataset ICS_CALENDARS =
      new SourceDataset("ics", "calendars", List.of(), true, SourceDataset.Format.TEXT);
  /** Calendar API v3 {@code events.list} pages ({@code {"items":[..],"nextPageToken":..}}) under {@code owner=}. */
  public static final SourceDataset GOOGLE_CALENDAR_EVENTS =
      new SourceDataset("google_calendar", "events", List.of("items"), true);
  /**
   * Microsoft Graph {@code calendarView} / {@code events} pages ({@code {"value":[..],"@odata.nextLink":..}})
   * under {@code owner=} (and {@code tz=} when the exporter sent {@code Prefer: outlook.timezone}).
   */
  public static final SourceDataset MSGRAPH_CALENDAR_EVENTS =
      new SourceDataset("msgraph_calendar", "events", List.of("value"), true);

  public static final List<SourceDataset> ALL =
      List.of(
          GITHUB_WORKFLOW_RUNS,
          GITHUB_WORKFLOW_JOBS,
          GITHUB_DEPLOYMENTS,
          GITHUB_DEPLOYMENT_STATUSES,
          GITHUB_PULLS,
          GITHUB_PULL_REVIEWS,
          GITHUB_PULL_COMMITS,
          GITHUB_COMMITS,
          GITHUB_ISSUES,
          GITLAB_PIPELINES,
          GITLAB_JOBS,
          GITLAB_DEPLOYMENTS,
          GITLAB_MERGE_REQUESTS,
          GITLAB_MERGE_REQUEST_COMMITS,
          GITLAB_COMMITS,
          JENKINS_BUILDS,
          JENKINS_STAGES,
          GIT_LOG,
          JIRA_ISSUES,
          PAGERDUTY_INCIDENTS,
          PAGERDUTY_LOG_ENTRIES,
          ICS_CALENDARS,
          GOOGLE_CALENDAR_EVENTS,
          MSGRAPH_CALENDAR_EVENTS);

  public static List<SourceDataset> supported() {
    return ALL.stream().filter(SourceDataset::supported).toList();
  }

  public static List<SourceDataset> ofSystem(String system) {
    return ALL.stream().filter(d -> d.system().equals(system)).toList();
  }

  public static Optional<SourceDataset> find(String system, String dataset) {
    return ALL.stream().filter(d -> d.system().equals(system) && d.dataset().equals(dataset)).findFirst();
  }
}
