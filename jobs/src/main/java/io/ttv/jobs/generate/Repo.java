package io.ttv.jobs.generate;

import java.util.Objects;

/**
 * A repository ({@code owner/name}) of a service. {@code language} picks the build tooling the CI sources
 * show; {@code deployable} repos have a deployment pipeline.
 */
public record Repo(
    String owner,
    String name,
    long id,
    String team,
    String language,
    String defaultBranch,
    String description,
    boolean deployable) {

  public Repo {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(defaultBranch, "defaultBranch");
  }

  public String fullName() {
    return owner + "/" + name;
  }
}
