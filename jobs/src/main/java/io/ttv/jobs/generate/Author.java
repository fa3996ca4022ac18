package io.ttv.jobs.generate;

import java.util.Objects;

/**
 * Someone who appears in exports: a person, an outside contributor or a bot, with the GitHub account and
 * the name and e-mail their commits carry.
 */
public record Author(String login, long githubId, boolean bot, String name, String email) {
  public Author {
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
  }

  /** GitHub's "web-flow" committer of commits made in the web UI (squash merges). */
  static final Author WEB_FLOW = new Author("web-flow", 19864447L, false, "GitHub", "noreply@github.com");
}
