package io.ttv.schemas.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * {@code deployments}: what counts as a production deployment and a manual gate (contract 6.1,
 * 6.2).
 *
 * @param productionEnvironments regex on an environment name
 * @param deployJobs regex on CI job/stage names that count as deployments where a system has no
 *     deployment API (Jenkins)
 * @param manualJobs regex on CI job names that are manual gates even when no export saw them
 *     waiting; {@link Regex#NEVER} by default
 * @param firstDeployLookbackDays how far back the first deployment of a service ships commits
 */
public record Deployments(
    Regex productionEnvironments, Regex deployJobs, Regex manualJobs, int firstDeployLookbackDays)
    implements Serializable {

  public static final String DEFAULT_PRODUCTION_ENVIRONMENTS = "(?i)^(prod|production)([-_ ].*)?$";
  public static final String DEFAULT_DEPLOY_JOBS = "(?i)deploy|release";
  public static final int DEFAULT_FIRST_DEPLOY_LOOKBACK_DAYS = 90;

  public Deployments {
    Objects.requireNonNull(productionEnvironments, "productionEnvironments");
    Objects.requireNonNull(deployJobs, "deployJobs");
    Objects.requireNonNull(manualJobs, "manualJobs");
    if (firstDeployLookbackDays < 0) {
      throw new IllegalArgumentException(
          "first_deploy_lookback_days must be 0 or more, got " + firstDeployLookbackDays);
    }
  }

  public static Deployments defaults() {
    return new Deployments(
        Regex.of(DEFAULT_PRODUCTION_ENVIRONMENTS),
        Regex.of(DEFAULT_DEPLOY_JOBS),
        Regex.NEVER,
        DEFAULT_FIRST_DEPLOY_LOOKBACK_DAYS);
  }
}
