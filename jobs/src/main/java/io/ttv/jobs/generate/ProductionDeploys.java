package io.ttv.jobs.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The successful production deployments the CI writers exported (GitHub deployments, GitLab
 * {@code deploy-production} jobs), in the order they were written; read by the writers of later
 * sources (PagerDuty incidents after a deploy, Jira items done when their change ships). Filled as a
 * side effect of writing, so it changes no byte of the sources that fill it.
 */
final class ProductionDeploys {

  /** One deployment: the repository deployed and when it finished (epoch seconds). */
  record Deploy(Repo repo, long finishedAt) {}

  private final List<Deploy> deploys = new ArrayList<>();

  void add(Repo repo, long finishedAt) {
    deploys.add(new Deploy(repo, finishedAt));
  }

  /** Every deployment, oldest first (ties by repository). */
  List<Deploy> all() {
    List<Deploy> sorted = new ArrayList<>(deploys);
    sorted.sort(Comparator.comparingLong(Deploy::finishedAt).thenComparing(d -> d.repo().fullName()));
    return sorted;
  }

  /** Whether any deployment of {@code repo} was recorded (its changes ship by deploying). */
  boolean deploys(Repo repo) {
    return deploys.stream().anyMatch(d -> d.repo().fullName().equals(repo.fullName()));
  }

  /** The first deployment of {@code repo} finished at or after {@code at}, or -1. */
  long firstAfter(Repo repo, long at) {
    long best = -1;
    for (Deploy d : deploys) {
      if (d.repo().fullName().equals(repo.fullName()) && d.finishedAt() >= at
          && (best < 0 || d.finishedAt() < best)) {
        best = d.finishedAt();
      }
    }
    return best;
  }
}
