package io.ttv.transforms.friction;

import io.ttv.schemas.tables.FactFrictionDailyTable;
import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which of the sources the cracks need are enabled (contract 6.7, last reading): a column whose sources are
 * all off is null in {@code fact_friction_daily}, one whose sources are on is 0 on a quiet day.
 *
 * @param workItems a work-item source (Jira, GitHub issues)
 * @param ci a CI source (GitHub Actions, GitLab, Jenkins)
 * @param githubDeployments GitHub deployments (their {@code waiting} statuses are gates)
 * @param calendar a calendar source (ICS, Google Calendar, Microsoft Graph)
 * @param versionControl a version-control source (GitHub, GitLab, git)
 * @param buildCi GitHub Actions or GitLab (the CI systems whose runs carry the person who started them)
 * @param pagerduty PagerDuty
 */
public record FrictionSources(
    boolean workItems,
    boolean ci,
    boolean githubDeployments,
    boolean calendar,
    boolean versionControl,
    boolean buildCi,
    boolean pagerduty)
    implements Serializable {

  /** Every source on: every column is measured. */
  public static FrictionSources all() {
    return new FrictionSources(true, true, true, true, true, true, true);
  }

  /** The columns of {@code fact_friction_daily} that are measured (not null) with these sources. */
  public Set<String> measuredColumns() {
    Set<String> out = new LinkedHashSet<>();
    if (workItems || ci) {
      out.add(FactFrictionDailyTable.MANUAL_TESTING_HOURS);
    }
    if (ci || githubDeployments) {
      out.add(FactFrictionDailyTable.MANUAL_DEPLOY_HOURS);
    }
    if (workItems) {
      out.add(FactFrictionDailyTable.INFRA_WAIT_HOURS);
    }
    if (calendar) {
      out.add(FactFrictionDailyTable.DEPLOY_PLANNING_MEETING_HOURS);
      out.add(FactFrictionDailyTable.CROSS_TEAM_API_MEETING_HOURS);
      out.add(FactFrictionDailyTable.LOST_FOCUS_HOURS);
    }
    if (workItems || versionControl) {
      out.add(FactFrictionDailyTable.PATCHING_HOURS);
    }
    if (buildCi) {
      out.add(FactFrictionDailyTable.BUILD_WAIT_HOURS);
    }
    if (pagerduty) {
      out.add(FactFrictionDailyTable.INTERRUPTION_HOURS);
      out.add(FactFrictionDailyTable.AFTER_HOURS_PAGES);
    }
    return out;
  }
}
