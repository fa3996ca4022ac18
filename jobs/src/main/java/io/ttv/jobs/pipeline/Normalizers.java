package io.ttv.jobs.pipeline;

import io.ttv.schemas.TableDef;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.raw.SourceDataset;
import io.ttv.schemas.raw.SourceDatasets;
import io.ttv.schemas.tables.CiJobsTable;
import io.ttv.schemas.tables.CiRunsTable;
import io.ttv.schemas.tables.DeploymentStatusesTable;
import io.ttv.schemas.tables.DeploymentsTable;
import io.ttv.schemas.tables.PrReviewsTable;
import io.ttv.schemas.tables.PullRequestsTable;
import io.ttv.transforms.ci.GithubActionsJobs;
import io.ttv.transforms.ci.GithubActionsRuns;
import io.ttv.transforms.ci.GitlabJobs;
import io.ttv.transforms.ci.GitlabPipelines;
import io.ttv.transforms.ci.JenkinsBuilds;
import io.ttv.transforms.ci.JenkinsStages;
import io.ttv.transforms.delivery.GithubDeployments;
import io.ttv.transforms.delivery.GitlabDeployments;
import io.ttv.transforms.vcs.GithubPullReviews;
import io.ttv.transforms.vcs.GithubPulls;
import io.ttv.transforms.vcs.GitlabMergeRequests;
import java.util.List;
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
      List<String> identityColumns) {}

  private static final List<String> NONE = List.of();

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
          new Normalizer(SourceDatasets.JENKINS_STAGES, (raw, cfg) -> JenkinsStages.normalize(raw, cfg.deployments()), CiJobsTable.TABLE, NONE));

  public static Normalizer of(SourceDataset d) {
    return ALL.stream()
        .filter(n -> n.dataset().equals(d))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no normaliser for " + d.id()));
  }
}
