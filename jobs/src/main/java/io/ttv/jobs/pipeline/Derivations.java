package io.ttv.jobs.pipeline;

import static org.apache.spark.sql.functions.col;

import io.ttv.jobs.Progress;
import io.ttv.jobs.spark.DeltaTables;
import io.ttv.schemas.TableDef;
import io.ttv.schemas.tables.CiJobsTable;
import io.ttv.schemas.tables.CommitsTable;
import io.ttv.schemas.tables.PullRequestCommitsTable;
import io.ttv.schemas.tables.CiRunsTable;
import io.ttv.schemas.tables.DeploymentStatusesTable;
import io.ttv.schemas.tables.DeploymentsTable;
import io.ttv.schemas.tables.IncidentLogEntriesTable;
import io.ttv.schemas.tables.IncidentsTable;
import io.ttv.schemas.tables.PrReviewsTable;
import io.ttv.schemas.tables.PullRequestsTable;
import io.ttv.transforms.ci.GitlabJobs;
import io.ttv.transforms.ci.GitlabPipelines;
import io.ttv.transforms.ci.JenkinsStages;
import io.ttv.transforms.delivery.GithubDeployments;
import io.ttv.transforms.delivery.JenkinsDeployments;
import io.ttv.transforms.incidents.PagerdutyIncidents;
import io.ttv.transforms.vcs.PullRequests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The second pass of the normalize stage, after every MERGE: columns that need more than one record
 * (the other jobs of a GitLab pipeline, a Jenkins stage's build, a GitHub deployment's statuses, a
 * GitHub pull request's reviews, a PagerDuty incident's log entries) are
 * recomputed from the merged tables, for the runs and deployments this run touched only. Recomputing
 * from table contents keeps a date run twice identical, and evidence that arrived in an older export
 * (a sticky {@code is_manual_gate}) is seen here.
 */
final class Derivations {
  private Derivations() {}

  /**
   * @param merged per dataset id ({@code gitlab/jobs}, ...), the rows this run merged
   */
  static void run(RunContext ctx, Map<String, Dataset<Row>> merged) {
    // three groups that share no table, side by side (SideBySide); the passes of a group one after another
    Runnable ci = () -> {
      // ci_jobs, ci_runs, deployments
      if (merged.containsKey("gitlab/pipelines") || merged.containsKey("gitlab/jobs") || merged.containsKey("gitlab/deployments")) {
        timed("gitlab pipelines", () -> gitlab(ctx, merged));
      }
      if (merged.containsKey("jenkins/builds") || merged.containsKey("jenkins/stages")) {
        timed("jenkins stages and deployments", () -> jenkins(ctx, merged));
      }
      if (merged.containsKey("github/deployments") || merged.containsKey("github/deployment_statuses")) {
        timed("github deployment statuses", () -> githubDeployments(ctx, merged));
      }
    };
    Runnable pullRequests = () -> {
      // pull_requests
      if (merged.containsKey("github/pulls") || merged.containsKey("github/pull_reviews")) {
        timed("github pull request reviews", () -> githubPullReviews(ctx, merged));
      }
      if (merged.containsKey("github/pulls") || merged.containsKey("gitlab/merge_requests")
          || merged.containsKey(GITHUB_PR_COMMITS) || merged.containsKey(GITLAB_MR_COMMITS)) {
        timed("pull request first commits", () -> prFirstCommits(ctx, merged));
      }
    };
    Runnable incidents = () -> {
      // incidents
      if (merged.containsKey("pagerduty/incidents") || merged.containsKey("pagerduty/log_entries") || merged.containsKey(EMBEDDED_LOG_ENTRIES)) {
        timed("pagerduty incident log entries", () -> pagerdutyIncidents(ctx, merged));
      }
    };
    SideBySide.run(ctx.spark(), List.of(ci, pullRequests, incidents));
  }

  /**
   * The tables a pass below reads and updates for one source system (a filter on {@code source_system}):
   * the normalize stage keeps their MERGEs per dataset, so their files stay one system each.
   */
  static final java.util.Set<String> READ_PER_SYSTEM =
      java.util.Set.of(CiJobsTable.NAME, CiRunsTable.NAME, DeploymentsTable.NAME, PullRequestsTable.NAME, PrReviewsTable.NAME,
          IncidentsTable.NAME);

  /** The merged-rows key of the pull_request_commits output of a commits dataset. */
  private static final String GITHUB_PR_COMMITS = "github/pull_commits:" + PullRequestCommitsTable.NAME;
  private static final String GITLAB_MR_COMMITS = "gitlab/merge_request_commits:" + PullRequestCommitsTable.NAME;
  /** The merged-rows key of the log entries embedded in DevLake's incidents. */
  private static final String EMBEDDED_LOG_ENTRIES = "pagerduty/incidents:" + IncidentLogEntriesTable.NAME;

  /**
   * {@code acknowledged_at}, {@code resolved_at}, their durations and {@code responders} of the PagerDuty
   * incidents whose row or log entries this run merged: an incident's MERGE rewrote them from its body
   * alone, and its log entries may come in another dataset, file or day.
   */
  private static void pagerdutyIncidents(RunContext ctx, Map<String, Dataset<Row>> merged) {
    if (!DeltaTables.exists(ctx.spark(), ctx.tablePath(IncidentsTable.NAME))
        || !DeltaTables.exists(ctx.spark(), ctx.tablePath(IncidentLogEntriesTable.NAME))) {
      return; // no incidents yet, or no log entry ever: the bodies' own values stand
    }
    Dataset<Row> ids =
        keys(merged, new String[][] {{"pagerduty/incidents", IncidentsTable.INCIDENT_ID},
            {"pagerduty/log_entries", IncidentLogEntriesTable.INCIDENT_ID}, {EMBEDDED_LOG_ENTRIES, IncidentLogEntriesTable.INCIDENT_ID}})
            .persist();
    try {
      Dataset<Row> incidents =
          only(table(ctx, IncidentsTable.TABLE), PagerdutyIncidents.SYSTEM, IncidentsTable.SOURCE_SYSTEM, IncidentsTable.INCIDENT_ID, ids);
      Dataset<Row> entries =
          only(table(ctx, IncidentLogEntriesTable.TABLE), PagerdutyIncidents.SYSTEM, IncidentLogEntriesTable.SOURCE_SYSTEM,
              IncidentLogEntriesTable.INCIDENT_ID, ids);
      Dataset<Row> updated = PagerdutyIncidents.withLogEntries(incidents, entries).localCheckpoint();
      DeltaTables.updateColumns(ctx.spark(), IncidentsTable.TABLE, ctx.tablePath(IncidentsTable.NAME), updated,
          List.of(IncidentsTable.ACKNOWLEDGED_AT, IncidentsTable.RESOLVED_AT, IncidentsTable.TIME_TO_ACKNOWLEDGE_SECONDS,
              IncidentsTable.TIME_TO_RESOLVE_SECONDS, IncidentsTable.RESPONDERS));
    } finally {
      ids.unpersist();
    }
  }

  /**
   * {@code pull_requests.first_commit_at} of the PRs whose rows or commits this run merged (a PR's MERGE
   * rewrites the row, so PRs merged again need it again too).
   */
  private static void prFirstCommits(RunContext ctx, Map<String, Dataset<Row>> merged) {
    if (!DeltaTables.exists(ctx.spark(), ctx.tablePath(PullRequestCommitsTable.NAME))
        || !DeltaTables.exists(ctx.spark(), ctx.tablePath(CommitsTable.NAME))
        || !DeltaTables.exists(ctx.spark(), ctx.tablePath(PullRequestsTable.NAME))) {
      return;
    }
    Dataset<Row> keys = null;
    for (String[] dk : new String[][] {
        {"github/pulls", PullRequestsTable.SOURCE_SYSTEM, PullRequestsTable.REPO, PullRequestsTable.NUMBER},
        {"gitlab/merge_requests", PullRequestsTable.SOURCE_SYSTEM, PullRequestsTable.REPO, PullRequestsTable.NUMBER},
        {GITHUB_PR_COMMITS, PullRequestCommitsTable.SOURCE_SYSTEM, PullRequestCommitsTable.REPO, PullRequestCommitsTable.PR_NUMBER},
        {GITLAB_MR_COMMITS, PullRequestCommitsTable.SOURCE_SYSTEM, PullRequestCommitsTable.REPO, PullRequestCommitsTable.PR_NUMBER}}) {
      Dataset<Row> rows = merged.get(dk[0]);
      if (rows != null) {
        Dataset<Row> k = rows.select(col(dk[1]).as("_s"), col(dk[2]).as("_r"), col(dk[3]).as("_n"));
        keys = keys == null ? k : keys.union(k);
      }
    }
    if (keys == null) {
      return;
    }
    Dataset<Row> k = keys.distinct().persist();
    try {
      Dataset<Row> prCommits =
          table(ctx, PullRequestCommitsTable.TABLE)
              .join(k, col(PullRequestCommitsTable.SOURCE_SYSTEM).equalTo(col("_s"))
                  .and(col(PullRequestCommitsTable.REPO).equalTo(col("_r")))
                  .and(col(PullRequestCommitsTable.PR_NUMBER).equalTo(col("_n"))), "left_semi");
      Dataset<Row> prs =
          table(ctx, PullRequestsTable.TABLE)
              .join(k, col(PullRequestsTable.SOURCE_SYSTEM).equalTo(col("_s"))
                  .and(col(PullRequestsTable.REPO).equalTo(col("_r")))
                  .and(col(PullRequestsTable.NUMBER).equalTo(col("_n"))), "left_semi");
      Dataset<Row> updated = PullRequests.withFirstCommit(prCommits, table(ctx, CommitsTable.TABLE), prs).localCheckpoint();
      DeltaTables.updateColumns(ctx.spark(), PullRequestsTable.TABLE, ctx.tablePath(PullRequestsTable.NAME), updated,
          List.of(PullRequestsTable.FIRST_COMMIT_AT, PullRequestsTable.WORK_ITEM_KEYS));
    } finally {
      k.unpersist();
    }
  }

  private static void timed(String what, Runnable r) {
    Instant start = Instant.now();
    r.run();
    Progress.info("derive " + what + " (" + Progress.since(start) + ")");
  }

  private static Dataset<Row> table(RunContext ctx, TableDef t) {
    return DeltaTables.read(ctx.spark(), t, ctx.tablePath(t.name()));
  }

  /** The distinct keys {@code _k} of the given columns of the merged rows (null when none was merged). */
  private static Dataset<Row> keys(Map<String, Dataset<Row>> merged, String[][] datasetAndColumn) {
    Dataset<Row> out = null;
    for (String[] dc : datasetAndColumn) {
      Dataset<Row> rows = merged.get(dc[0]);
      if (rows != null) {
        Dataset<Row> k = rows.select(col(dc[1]).as("_k")).where(col("_k").isNotNull());
        out = out == null ? k : out.union(k);
      }
    }
    return out == null ? null : out.distinct();
  }

  private static Dataset<Row> only(Dataset<Row> rows, String system, String systemCol, String keyCol, Dataset<Row> keys) {
    return rows.where(col(systemCol).equalTo(system)).join(keys, col(keyCol).equalTo(keys.col("_k")), "left_semi");
  }

  private static void gitlab(RunContext ctx, Map<String, Dataset<Row>> merged) {
    Dataset<Row> pipelines =
        keys(merged, new String[][] {{"gitlab/pipelines", CiRunsTable.RUN_ID}, {"gitlab/jobs", CiJobsTable.RUN_ID}, {"gitlab/deployments", DeploymentsTable.RUN_ID}})
            .persist();
    try {
      Dataset<Row> jobs = only(table(ctx, CiJobsTable.TABLE), "gitlab", CiJobsTable.SOURCE_SYSTEM, CiJobsTable.RUN_ID, pipelines);
      Dataset<Row> runs = only(table(ctx, CiRunsTable.TABLE), "gitlab", CiRunsTable.SOURCE_SYSTEM, CiRunsTable.RUN_ID, pipelines);
      Dataset<Row> deployments =
          only(table(ctx, DeploymentsTable.TABLE), "gitlab", DeploymentsTable.SOURCE_SYSTEM, DeploymentsTable.RUN_ID, pipelines);
      Dataset<Row> withContext = GitlabJobs.withPipelineContext(jobs, runs, deployments).localCheckpoint();
      DeltaTables.updateColumns(ctx.spark(), CiJobsTable.TABLE, ctx.tablePath(CiJobsTable.NAME), withContext,
          List.of(CiJobsTable.IS_RETRIED, CiJobsTable.IS_GATE_PASSED, CiJobsTable.GATE_WAIT_SECONDS, CiJobsTable.ENVIRONMENT));
      Dataset<Row> rerun = GitlabPipelines.withRetriedJobs(runs, withContext).localCheckpoint();
      DeltaTables.updateColumns(ctx.spark(), CiRunsTable.TABLE, ctx.tablePath(CiRunsTable.NAME), rerun, List.of(CiRunsTable.IS_RERUN));
    } finally {
      pipelines.unpersist();
    }
  }

  private static void jenkins(RunContext ctx, Map<String, Dataset<Row>> merged) {
    Dataset<Row> builds = keys(merged, new String[][] {{"jenkins/builds", CiRunsTable.RUN_ID}, {"jenkins/stages", CiJobsTable.RUN_ID}}).persist();
    try {
      Dataset<Row> stages = only(table(ctx, CiJobsTable.TABLE), "jenkins", CiJobsTable.SOURCE_SYSTEM, CiJobsTable.RUN_ID, builds);
      Dataset<Row> passed = JenkinsStages.withGatePassed(stages).localCheckpoint();
      DeltaTables.updateColumns(ctx.spark(), CiJobsTable.TABLE, ctx.tablePath(CiJobsTable.NAME), passed, List.of(CiJobsTable.IS_GATE_PASSED));
      Dataset<Row> runs = only(table(ctx, CiRunsTable.TABLE), "jenkins", CiRunsTable.SOURCE_SYSTEM, CiRunsTable.RUN_ID, builds);
      Dataset<Row> deployments =
          JenkinsDeployments.fromStages(passed, runs, ctx.config().deployments(), ctx.config().services()).localCheckpoint();
      // replace the Jenkins deployments of these builds: a stage renamed away from deploy_jobs stops being one
      DeltaTables.mergeNewest(ctx.spark(), DeploymentsTable.TABLE, ctx.tablePath(DeploymentsTable.NAME), deployments);
    } finally {
      builds.unpersist();
    }
  }

  private static void githubDeployments(RunContext ctx, Map<String, Dataset<Row>> merged) {
    Dataset<Row> ids =
        keys(merged, new String[][] {{"github/deployments", DeploymentsTable.DEPLOYMENT_ID}, {"github/deployment_statuses", DeploymentStatusesTable.DEPLOYMENT_ID}})
            .persist();
    try {
      Dataset<Row> deployments =
          only(table(ctx, DeploymentsTable.TABLE), "github", DeploymentsTable.SOURCE_SYSTEM, DeploymentsTable.DEPLOYMENT_ID, ids);
      Dataset<Row> statuses =
          only(table(ctx, DeploymentStatusesTable.TABLE), "github", DeploymentStatusesTable.SOURCE_SYSTEM, DeploymentStatusesTable.DEPLOYMENT_ID, ids);
      Dataset<Row> updated = GithubDeployments.withStatusHistory(deployments, statuses).localCheckpoint();
      List<String> cols = new ArrayList<>(List.of(
          DeploymentsTable.STATUS, DeploymentsTable.RAW_STATUS, DeploymentsTable.FINISHED_AT, DeploymentsTable.STARTED_AT,
          DeploymentsTable.IS_SUCCESSFUL, DeploymentsTable.IS_MANUAL_GATE, DeploymentsTable.IS_GATE_PASSED,
          DeploymentsTable.GATE_STARTED_AT, DeploymentsTable.GATE_WAIT_SECONDS, DeploymentsTable.RUN_ID));
      DeltaTables.updateColumns(ctx.spark(), DeploymentsTable.TABLE, ctx.tablePath(DeploymentsTable.NAME), updated, cols);
    } finally {
      ids.unpersist();
    }
  }

  /**
   * {@code first_review_at} and {@code approved_at} of the GitHub PRs whose row or reviews this run
   * merged. The PR's MERGE rewrote every column (those two to null), and a review may arrive days after
   * its PR, so both kinds of merge select the PRs to recompute, from all their reviews in the table.
   */
  private static void githubPullReviews(RunContext ctx, Map<String, Dataset<Row>> merged) {
    Dataset<Row> prKeys = null;
    if (merged.containsKey("github/pulls")) {
      prKeys = merged.get("github/pulls").select(col(PullRequestsTable.REPO).as("_repo"), col(PullRequestsTable.NUMBER).as("_number"));
    }
    if (merged.containsKey("github/pull_reviews")) {
      Dataset<Row> k = merged.get("github/pull_reviews").select(col(PrReviewsTable.REPO).as("_repo"), col(PrReviewsTable.PR_NUMBER).as("_number"));
      prKeys = prKeys == null ? k : prKeys.union(k);
    }
    Dataset<Row> keys = prKeys.distinct().persist();
    try {
      Dataset<Row> prs =
          table(ctx, PullRequestsTable.TABLE)
              .where(col(PullRequestsTable.SOURCE_SYSTEM).equalTo("github"))
              .join(keys, col(PullRequestsTable.REPO).equalTo(col("_repo")).and(col(PullRequestsTable.NUMBER).equalTo(col("_number"))), "left_semi");
      Dataset<Row> reviews =
          table(ctx, PrReviewsTable.TABLE)
              .where(col(PrReviewsTable.SOURCE_SYSTEM).equalTo("github"))
              .join(keys, col(PrReviewsTable.REPO).equalTo(col("_repo")).and(col(PrReviewsTable.PR_NUMBER).equalTo(col("_number"))), "left_semi");
      Dataset<Row> updated = PullRequests.withReviews(prs, reviews).localCheckpoint();
      DeltaTables.updateColumns(ctx.spark(), PullRequestsTable.TABLE, ctx.tablePath(PullRequestsTable.NAME), updated,
          List.of(PullRequestsTable.FIRST_REVIEW_AT, PullRequestsTable.APPROVED_AT));
    } finally {
      keys.unpersist();
    }
  }
}
