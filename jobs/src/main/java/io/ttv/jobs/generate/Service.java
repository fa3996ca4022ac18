package io.ttv.jobs.generate;

import java.util.List;

/** A service, its owning team and its repositories (what {@code services[]} of the config says). */
public record Service(String name, String team, List<Repo> repos) {
  public Service {
    repos = List.copyOf(repos);
  }
}
