package io.ttv.jobs.pipeline;

import io.ttv.schemas.TableDef;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.raw.SourceDataset;
import io.ttv.schemas.raw.SourceDatasets;
import io.ttv.schemas.tables.CalendarAttendanceTable;
import io.ttv.schemas.tables.CalendarEventsTable;
import io.ttv.schemas.tables.CalendarsTable;
import io.ttv.schemas.tables.CiJobsTable;
import io.ttv.schemas.tables.CiRunsTable;
import io.ttv.schemas.tables.CommitsTable;
import io.ttv.schemas.tables.DeploymentStatusesTable;
import io.ttv.schemas.tables.DeploymentsTable;
import io.ttv.schemas.tables.IncidentLogEntriesTable;
import io.ttv.schemas.tables.IncidentsTable;
import io.ttv.schemas.tables.PrReviewsTable;
import io.ttv.schemas.tables.PullRequestsTable;
import io.ttv.schemas.tables.PullRequestCommitsTable;
import io.ttv.schemas.tables.WorkItemTransitionsTable;
import io.ttv.schemas.tables.WorkItemsTable;
import io.ttv.transforms.calendar.CalendarAttendance;
import io.ttv.transforms.calendar.CalendarEvents;
import io.ttv.transforms.calendar.Calendars;
import io.ttv.transforms.ci.GithubActionsJobs;
import io.ttv.transforms.ci.GithubActionsRuns;
import io.ttv.transforms.ci.GitlabJobs;
import io.ttv.transforms.ci.GitlabPipelines;
import io.ttv.transforms.ci.JenkinsBuilds;
import io.ttv.transforms.ci.JenkinsStages;
import io.ttv.transforms.delivery.GithubDeployments;
import io.ttv.transforms.delivery.GitlabDeployments;
import io.ttv.transforms.incidents.PagerdutyIncidents;
import io.ttv.transforms.incidents.PagerdutyLogEntries;
import io.ttv.transforms.vcs.GithubPullReviews;
import io.ttv.transforms.vcs.GithubPulls;
import io.ttv.transforms.vcs.GitlabMergeRequests;
import io.ttv.transforms.vcs.GitLog;
import io.ttv.transforms.vcs.GithubCommits;
import io.ttv.transforms.vcs.GithubPullCommits;
import io.ttv.transforms.vcs.GitlabCommits;
import io.ttv.transforms.vcs.GitlabMergeRequestCommits;
import io.ttv.transforms.vcs.PullRequestCommits;
import io.ttv.transforms.work.GithubIssues;
import io.ttv.transforms.work.JiraIssues;
import java.util.List;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which transform turns which raw dataset into which normalised table. What needs more than one
 * dataset (GitLab gate waits, GitHub deployment statuses, Jenkins deployments, GitHub PRs' review
 * times) is a {@link Derivations} pass after the MERGE.
 */
public final class Normalizers {
  private Normalizers() {}

  /**
   * @param identityColumns columns of the normalised rows that hold identities of {@code dataset.system()}
   *     (logins, emails), counted as matched, unmatched or bots in the run summary and ttv_runs
   */
  public record Normalizer(
      SourceDataset dataset,
      BiFunction<Dataset<Row>, TtvConfig, Dataset<Row>> transform,
      TableDef table,
      List<String> identityColumns,
      List<SecondOutput> moreOutputs,
      WindowedTransform windowed) {

    public Normalizer {
      moreOutputs = List.copyOf(moreOutputs);
    }

    /** A normaliser with one output table. */
    public Normalizer(
        SourceDataset dataset, BiFunction<Dataset<Row>, TtvConfig, Dataset<Row>> transform, TableDef table, List<String> identityColumns) {
      this(dataset, transform, table, identityColumns, List.of(), null);
    }

    /** A normaliser with a second table fed by the same records. */
    public Normalizer(
        SourceDataset dataset,
        BiFunction<Dataset<Row>, TtvConfig, Dataset<Row>> transform,
        TableDef table,
        List<String> identityColumns,
        SecondOutput second) {
      this(dataset, transform, table, identityColumns, List.of(second), null);
    }

    /** A normaliser that needs the run's export dates (the calendars: see {@link WindowedTransform}). */
    public static Normalizer windowed(
        SourceDataset dataset, WindowedTransform windowed, TableDef table, List<String> identityColumns, List<SecondOutput> moreOutputs) {
      return new Normalizer(
          dataset,
          (raw, cfg) -> {
            throw new IllegalStateException(dataset.id() + " needs the run's dates: call apply(raw, config, from, to)");
          },
          table,
          identityColumns,
          moreOutputs,
          windowed);
    }

    /** The normalised rows of {@code raw}, which holds the export dates {@code from..to} of the run. */
    public Dataset<Row> apply(Dataset<Row> raw, TtvConfig config, LocalDate from, LocalDate to) {
      return windowed != null ? windowed.apply(raw, config, from, to) : transform.apply(raw, config);
    }
  }

  /**
   * A normaliser whose output depends on which export dates the run reads: a calendar record expands the
   * occurrences of a window that ends where the owner's next export of the run takes over (see
   * {@code CalendarWindow}). The other normalisers are plain {@link BiFunction}s.
   */
  @FunctionalInterface
  public interface WindowedTransform {
    Dataset<Row> apply(Dataset<Row> raw, TtvConfig config, LocalDate from, LocalDate to);
  }

  /**
   * A further table fed by the same raw records (GitHub pull_commits: commits and pull_request_commits).
   * Its rows are made from the first output's normalised rows, problems included, so every raw record is
   * counted and quarantined once, by the first output, and a rejected record feeds neither table.
   *
   * <p>With {@code fromRaw}, the function gets the raw records instead and the table is merged with
   * {@code mergeUpdate} (column -> SQL over {@code t.} and {@code s.}) rather than "newest version wins":
   * {@code calendars}, whose rows span export dates and exist even when an export held no meeting.
   */
  public record SecondOutput(
      BiFunction<Dataset<Row>, TtvConfig, Dataset<Row>> fromFirst, TableDef table, boolean fromRaw, Map<String, String> mergeUpdate) {

    public SecondOutput(BiFunction<Dataset<Row>, TtvConfig, Dataset<Row>> fromFirst, TableDef table) {
      this(fromFirst, table, false, null);
    }

    public static SecondOutput fromRaw(BiFunction<Dataset<Row>, TtvConfig, Dataset<Row>> fromRaw, TableDef table, Map<String, String> mergeUpdate) {
      return new SecondOutput(fromRaw, table, true, Map.copyOf(mergeUpdate));
    }
  }

  private static final List<String> NONE = List.of();

  /** GitHub and GitLab commits name their author by login where the body has one, git by e-mail. */
  private static final List<String> AUTHOR_LOGIN = List.of(CommitsTable.AUTHOR_LOGIN);

  private static final List<String> AUTHOR_EMAIL = List.of(CommitsTable.AUTHOR_EMAIL);

  private static final SecondOutput PULL_REQUEST_COMMITS = new SecondOutput((rows, cfg) -> PullRequestCommits.of(rows), PullRequestCommitsTable.TABLE);

  /** DevLake's incidents embed their log entries. */
  private static final SecondOutput EMBEDDED_LOG_ENTRIES =
      new SecondOutput((incidents, cfg) -> PagerdutyLogEntries.embedded(incidents, cfg.people()), IncidentLogEntriesTable.TABLE);

  /** Jira account ids or GitHub logins of a work item's assignee and reporter. */
  private static final List<String> WORK_ITEM_PEOPLE = List.of(WorkItemsTable.ASSIGNEE_IDENTITY, WorkItemsTable.REPORTER_IDENTITY);


  /** The people of each calendar occurrence's copy (their e-mails: calendars identify people by e-mail). */
  private static final List<String> CALENDAR_PEOPLE = List.of(CalendarEvents.EMAILS);

  private static final List<SecondOutput> CALENDAR_OUTPUTS =
      List.of(
          new SecondOutput(CalendarAttendance::fromEvents, CalendarAttendanceTable.TABLE),
          SecondOutput.fromRaw(Calendars::fromRaw, CalendarsTable.TABLE, Calendars.MERGE_UPDATE));

  private static Normalizer calendar(SourceDataset d) {
    return Normalizer.windowed(
        d, (raw, cfg, from, to) -> CalendarEvents.normalize(d.system(), raw, cfg, from, to), CalendarEventsTable.TABLE, CALENDAR_PEOPLE,
        CALENDAR_OUTPUTS);
  }

  public static final List<Normalizer> ALL =
      List.of(
          new Normalizer(SourceDatasets.GITHUB_WORKFLOW_RUNS, (raw, cfg) -> GithubActionsRuns.normalize(raw), CiRunsTable.TABLE,
              List.of(CiRunsTable.ACTOR, CiRunsTable.TRIGGERING_ACTOR)),
          new Normalizer(SourceDatasets.GITHUB_WORKFLOW_JOBS, (raw, cfg) -> GithubActionsJobs.normalize(raw), CiJobsTable.TABLE, NONE),
          new Normalizer(SourceDatasets.GITHUB_DEPLOYMENTS,
              (raw, cfg) -> GithubDeployments.normalize(raw, cfg.deployments(), cfg.services()), DeploymentsTable.TABLE, NONE),
          new Normalizer(SourceDatasets.GITHUB_DEPLOYMENT_STATUSES,
              (raw, cfg) -> GithubDeployments.normalizeStatuses(raw), DeploymentStatusesTable.TABLE, NONE),
          new Normalizer(SourceDatasets.GITHUB_PULLS, GithubPulls::normalize, PullRequestsTable.TABLE,
              List.of(PullRequestsTable.AUTHOR_LOGIN)),
          new Normalizer(SourceDatasets.GITHUB_PULL_REVIEWS, GithubPullReviews::normalize, PrReviewsTable.TABLE,
              List.of(PrReviewsTable.REVIEWER_LOGIN)),
          new Normalizer(SourceDatasets.GITLAB_PIPELINES, (raw, cfg) -> GitlabPipelines.normalize(raw), CiRunsTable.TABLE,
              List.of(CiRunsTable.ACTOR)),
          new Normalizer(SourceDatasets.GITLAB_JOBS, (raw, cfg) -> GitlabJobs.normalize(raw, cfg.deployments()), CiJobsTable.TABLE, NONE),
          new Normalizer(SourceDatasets.GITLAB_DEPLOYMENTS,
              (raw, cfg) -> GitlabDeployments.normalize(raw, cfg.deployments(), cfg.services()), DeploymentsTable.TABLE, NONE),
          new Normalizer(SourceDatasets.GITLAB_MERGE_REQUESTS, GitlabMergeRequests::normalize, PullRequestsTable.TABLE,
              List.of(PullRequestsTable.AUTHOR_LOGIN)),
          new Normalizer(SourceDatasets.JENKINS_BUILDS, (raw, cfg) -> JenkinsBuilds.normalize(raw), CiRunsTable.TABLE, NONE),
          new Normalizer(SourceDatasets.JENKINS_STAGES, (raw, cfg) -> JenkinsStages.normalize(raw, cfg.deployments()), CiJobsTable.TABLE, NONE),
          new Normalizer(SourceDatasets.GITHUB_COMMITS, GithubCommits::normalize, CommitsTable.TABLE, AUTHOR_LOGIN),
          new Normalizer(SourceDatasets.GITHUB_PULL_COMMITS, GithubPullCommits::normalize, CommitsTable.TABLE, AUTHOR_LOGIN,
              PULL_REQUEST_COMMITS),
          new Normalizer(SourceDatasets.GITLAB_COMMITS, GitlabCommits::normalize, CommitsTable.TABLE, AUTHOR_EMAIL),
          new Normalizer(SourceDatasets.GITLAB_MERGE_REQUEST_COMMITS, GitlabMergeRequestCommits::normalize, CommitsTable.TABLE,
              AUTHOR_EMAIL, PULL_REQUEST_COMMITS),
          new Normalizer(SourceDatasets.GIT_LOG, GitLog::normalize, CommitsTable.TABLE, AUTHOR_EMAIL),
          new Normalizer(SourceDatasets.PAGERDUTY_INCIDENTS, PagerdutyIncidents::normalize, IncidentsTable.TABLE,
              List.of(IncidentsTable.SEEN_USER_IDS), EMBEDDED_LOG_ENTRIES),
          new Normalizer(SourceDatasets.PAGERDUTY_LOG_ENTRIES, PagerdutyLogEntries::normalize, IncidentLogEntriesTable.TABLE,
              List.of(IncidentLogEntriesTable.AGENT_USER_ID)),
          new Normalizer(SourceDatasets.GITHUB_ISSUES, GithubIssues::normalize, WorkItemsTable.TABLE, WORK_ITEM_PEOPLE),
          new Normalizer(SourceDatasets.JIRA_ISSUES, JiraIssues::normalize, WorkItemsTable.TABLE, WORK_ITEM_PEOPLE,
              new SecondOutput((items, cfg) -> JiraIssues.transitions(items), WorkItemTransitionsTable.TABLE)),
          calendar(SourceDatasets.ICS_CALENDARS),
          calendar(SourceDatasets.GOOGLE_CALENDAR_EVENTS),
          calendar(SourceDatasets.MSGRAPH_CALENDAR_EVENTS));

  public static Normalizer of(SourceDataset d) {
    return ALL.stream()
        .filter(n -> n.dataset().equals(d))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no normaliser for " + d.id()));
  }
}
