package io.ttv.jobs.generate;

import java.util.List;
import java.util.Objects;

/**
 * An engineer. {@code team} is null for an outside contributor (someone who shows up in the exports but
 * not in the config, so the pipeline has an unmatched identity to count).
 */
public record Person(
    String id,
    String name,
    String team,
    String email,
    String githubLogin,
    long githubId,
    boolean commitsWithNoreplyEmail) {

  public Person {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(githubLogin, "githubLogin");
  }

  /** GitHub's private commit address, which some people commit with instead of their work address. */
  public String noreplyEmail() {
    return githubId + "+" + githubLogin + "@users.noreply.github.com";
  }

  public String commitEmail() {
    return commitsWithNoreplyEmail ? noreplyEmail() : email;
  }

  /** Every address the person's commits and invitations use (what {@code people[].emails} lists). */
  public List<String> emails() {
    return commitsWithNoreplyEmail ? List.of(email, noreplyEmail()) : List.of(email);
  }

  public Author author() {
    return new Author(githubLogin, githubId, false, name, commitEmail());
  }
}
