package io.ttv.jobs.generate;

/** A bot account (GitHub App), such as {@code dependabot[bot]}. */
public record Bot(String login, long githubId) {
  public Author author() {
    return new Author(login, githubId, true, login, githubId + "+" + login + "@users.noreply.github.com");
  }
}
