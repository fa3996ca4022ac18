package io.ttv.transforms.delivery;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.date;
import static io.ttv.testing.RawFixtures.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.config.Deployments;
import io.ttv.schemas.config.Service;
import io.ttv.schemas.tables.CiJobsTable;
import io.ttv.schemas.tables.CiRunsTable;
import io.ttv.schemas.tables.DeploymentStatusesTable;
import io.ttv.schemas.tables.DeploymentsTable;
import io.ttv.testing.RawFixtures;
import io.ttv.testing.TestSpark;
import io.ttv.transforms.ci.CiDailyFacts;
import io.ttv.transforms.ci.GithubActionsRuns;
import io.ttv.transforms.common.NormalizedRows;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** GitHub deployments and their status history, GitLab deployments, and the deployment facts. */
class GithubDeploymentsTest {
  private static final String FX = "/fixtures/github-deployments/";
  private static final Deployments RULES = Deployments.defaults();
  private static final List<Service> SERVICES = List.of(new Service("shop", null, List.of("Acme/Shop"), List.of(), List.of()));

  @Test
  void theRealSamplesParse() {
    Dataset<Row> deployments = NormalizedRows.onlyValidNewest(
        GithubDeployments.normalize(RawFixtures.json("github", "deployments", null, "2020-08-27", FX + "pygithub_list_deployments.json", Map.of()), RULES, SERVICES),
        DeploymentsTable.TABLE);
    Dataset<Row> statuses = GithubDeployments.normalizeStatuses(RawFixtures.json("github", "deployment_statuses", null, "2020-08-27", FX + "pygithub_list_deployment_statuses.json", Map.of()));
    assertThat(statuses.where("_problem IS NOT NULL").count()).isZero();
    // production by the regex on the environment name (the test author's 'production' and 'test')
    assertRows(deployments, new String[] {"deployment_id", "repo", "service", "environment", "is_production"},
        new Object[] {"263877258", "PyGithub/PyGithub", "PyGithub/PyGithub", "test", false},
        new Object[] {"262350588", "PyGithub/PyGithub", "PyGithub/PyGithub", "production", true});
    // the three statuses of 263877258 are all queued: not finished
    Dataset<Row> withHistory = GithubDeployments.withStatusHistory(deployments,
        NormalizedRows.onlyValidNewest(statuses, DeploymentStatusesTable.TABLE));
    assertRows(withHistory.where("deployment_id = '263877258'"), new String[] {"status", "raw_status", "finished_at", "is_manual_gate"},
        new Object[] {"queued", "queued", null, false});
  }

  private static String status(long id, long deployment, String state, String at, String logUrl) {
    return String.format(
        "{\"id\":%d,\"state\":\"%s\",\"environment\":\"production\",\"created_at\":\"%s\",\"log_url\":%s,"
            + "\"deployment_url\":\"https://api.github.com/repos/acme/shop/deployments/%d\",\"repository_url\":\"https://api.github.com/repos/acme/shop\"}",
        id, state, at, logUrl == null ? "null" : "\"" + logUrl + "\"", deployment);
  }

  @Test
  void aDeploymentThatWaitedForApproval() {
    // Deployment 9001 of acme/shop (service 'shop' by the config, matched ignoring case) to 'production', created 10:00:00Z
    // on 2026-01-05. Its statuses (the API lists them newest first; the order in the file does not matter):
    //   queued 10:00:05, waiting 10:00:10 (protected environment; log_url names Actions run 777), queued 10:45:10 (approved),
    //   in_progress 10:45:20, success 10:50:20, inactive 2026-01-07 09:00 (a later deployment superseded it: ignored).
    // => gate wait 10:00:10 -> 10:45:10 = 2700 s = 45 min, passed; started 10:45:20, finished 10:50:20 (300 s); success.
    // Deployment 9002 to 'staging': waiting 11:00:00, then failure 11:30:00 (approval rejected): a gate not passed.
    // fact_ci_daily 2026-01-05: run 777 (workflow Deploy) -> acme/shop x Deploy: manual_gates 1, 45 minutes.
    // fact_delivery_daily 2026-01-05 x shop: 1 successful production deployment, 0 failed (staging is not production).
    List<Row> deps = new ArrayList<>();
    deps.add(RawFixtures.record("github", "deployments", "2026-01-05", "file:/l/d.json", 0,
        "{\"id\":9001,\"sha\":\"abc\",\"ref\":\"main\",\"task\":\"deploy\",\"environment\":\"production\",\"created_at\":\"2026-01-05T10:00:00Z\","
            + "\"creator\":{\"login\":\"github-actions[bot]\"},\"repository_url\":\"https://api.github.com/repos/acme/shop\"}", Map.of()));
    deps.add(RawFixtures.record("github", "deployments", "2026-01-05", "file:/l/d.json", 1,
        "{\"id\":9002,\"sha\":\"abc\",\"ref\":\"main\",\"environment\":\"staging\",\"created_at\":\"2026-01-05T10:59:00Z\","
            + "\"url\":\"https://api.github.com/repos/acme/shop/deployments/9002\"}", Map.of()));
    String run = "https://github.com/acme/shop/actions/runs/777/job/55";
    String[] sts = {
      status(6, 9001, "inactive", "2026-01-07T09:00:00Z", null),
      status(5, 9001, "success", "2026-01-05T10:50:20Z", run),
      status(4, 9001, "in_progress", "2026-01-05T10:45:20Z", run),
      status(3, 9001, "queued", "2026-01-05T10:45:10Z", run),
      status(2, 9001, "waiting", "2026-01-05T10:00:10Z", run),
      status(1, 9001, "queued", "2026-01-05T10:00:05Z", run),
      status(11, 9002, "failure", "2026-01-05T11:30:00Z", null),
      status(10, 9002, "waiting", "2026-01-05T11:00:00Z", null),
    };
    List<Row> statusRows = new ArrayList<>();
    for (int i = 0; i < sts.length; i++) {
      statusRows.add(RawFixtures.record("github", "deployment_statuses", "2026-01-07", "file:/l/s.json", i, sts[i], Map.of()));
    }
    Dataset<Row> deployments = GithubDeployments.withStatusHistory(
        NormalizedRows.onlyValidNewest(GithubDeployments.normalize(RawFixtures.of(deps), RULES, SERVICES), DeploymentsTable.TABLE),
        NormalizedRows.onlyValidNewest(GithubDeployments.normalizeStatuses(RawFixtures.of(statusRows)), DeploymentStatusesTable.TABLE));
    assertRows(
        deployments,
        new String[] {"deployment_id", "service", "is_production", "status", "started_at", "finished_at", "is_successful",
            "is_manual_gate", "is_gate_passed", "gate_started_at", "gate_wait_seconds", "run_id"},
        new Object[] {"9001", "shop", true, "success", ts("2026-01-05T10:45:20Z"), ts("2026-01-05T10:50:20Z"), true,
            true, true, ts("2026-01-05T10:00:10Z"), 2700.0, "777"},
        new Object[] {"9002", "shop", false, "failure", ts("2026-01-05T10:59:00Z"), ts("2026-01-05T11:30:00Z"), false,
            true, false, ts("2026-01-05T11:00:00Z"), 1800.0, null});

    Dataset<Row> runs = NormalizedRows.onlyValidNewest(GithubActionsRuns.normalize(RawFixtures.of(List.of(RawFixtures.record("github", "workflow_runs", "2026-01-05", "file:/l/r.json", 0,
        "{\"id\":777,\"name\":\"Deploy\",\"run_attempt\":1,\"status\":\"completed\",\"conclusion\":\"success\",\"created_at\":\"2026-01-05T09:59:00Z\","
            + "\"run_started_at\":\"2026-01-05T09:59:00Z\",\"updated_at\":\"2026-01-05T10:51:00Z\",\"repository\":{\"full_name\":\"acme/shop\"}}", Map.of())))), CiRunsTable.TABLE);
    Dataset<Row> noJobs = TestSpark.session().createDataFrame(List.of(), CiJobsTable.SCHEMA);
    LocalDate day = LocalDate.parse("2026-01-05");
    assertRows(CiDailyFacts.daily(runs, noJobs, deployments, ZoneId.of("UTC"), day, day),
        new String[] {"repo", "workflow", "runs", "manual_gates", "manual_gate_wait_minutes"},
        new Object[] {"acme/shop", "Deploy", 1L, 1L, 45.0});
    assertRows(DeploymentFacts.perDeployment(deployments, null, null, ZoneId.of("UTC"), day, day),
        new String[] {"date", "deployment_id", "service", "environment", "is_successful", "duration_seconds", "gate_wait_seconds", "lead_time_p50_hours"},
        new Object[] {date("2026-01-05"), "9001", "shop", "production", true, 300.0, 2700.0, null});
    assertRows(DeploymentFacts.daily(deployments, null, ZoneId.of("UTC"), day, day),
        new String[] {"date", "service", "deployments", "failed_deployments"},
        new Object[] {date("2026-01-05"), "shop", 1L, 0L});
  }

  @Test
  void theRealGitlabDeploymentsParse() {
    Dataset<Row> d = GitlabDeployments.normalize(
        RawFixtures.ndjson("gitlab", "deployments", "2019-03-14", "/fixtures/gitlab-ci/devlake_gitlab_list_deployments.ndjson", Map.of()), RULES, SERVICES);
    assertThat(d.count()).isEqualTo(8);
    assertThat(d.where("_problem IS NOT NULL").count()).isZero();
    // edited upstream: one status per row; the deployment's own status decides; completed/undeployed are unknown
    assertRows(
        d,
        new String[] {"deployment_id", "environment", "is_production", "status", "raw_status", "finished_at", "run_id", "job_name", "is_manual_gate", "_note"},
        new Object[] {"13426753", "staging", false, "success", "success", ts("2019-03-13T14:17:47.640Z"), "51653436", "test_deploy_vdev", false, null},
        new Object[] {"13432654", "staging", false, "unknown", "completed", null, "51661712", "test_deploy_vdev", false, "unknown deployment status 'completed'"},
        new Object[] {"13432768", "staging", false, "failure", "failed", ts("2019-03-13T15:02:23.332Z"), "51662062", "test_deploy_vdev", false, null},
        new Object[] {"13436532", "production", true, "cancelled", "canceled", ts("2019-03-13T15:21:27.825Z"), "51667110", "deploy_vdev", false, null},
        new Object[] {"13436763", "production", true, "queued", "created", null, "51667732", "deploy_vdev", false, null},
        new Object[] {"13436778", "staging", false, "in_progress", "running", null, "51667800", "test_deploy_vdev", false, null},
        new Object[] {"13436986", "production", true, "waiting", "blocked", null, "51668248", "deploy_vdev", true, null},
        new Object[] {"13436915", "staging", false, "unknown", "undeployed", null, "51668124", "test_deploy_vdev", false, "unknown deployment status 'undeployed'"});
    assertThat(d.select("repo").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList()).containsExactly("merico-dev/ee/vdev.co");
  }
}
