package io.ttv.schemas.raw;

import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import org.apache.spark.sql.types.StructType;

/**
 * GitHub REST v3 commit objects, for {@code from_json}: items of {@code GET /repos/{o}/{r}/commits} and
 * {@code GET /repos/{o}/{r}/pulls/{n}/commits}, and single {@code GET /repos/{o}/{r}/commits/{sha}}
 * bodies (all the same shape). {@code commit.author} is the git identity; the top-level {@code author} is
 * the GitHub account linked to its e-mail, null when there is none (fixture pygithub_list_pull_31_commits).
 */
public final class GithubCommitsJson {
  private GithubCommitsJson() {}

  private static final StructType ACCOUNT = new StructType().add("login", StringType).add("type", StringType);

  /** A git identity with its ISO-8601 date (offsets as the committer's clock wrote them). */
  private static final StructType GIT_PERSON =
      new StructType().add("name", StringType).add("email", StringType).add("date", StringType);

  public static final StructType COMMIT =
      new StructType()
          .add("sha", StringType)
          .add("url", StringType)
          .add("html_url", StringType)
          .add("parents", createArrayType(new StructType().add("sha", StringType).add("url", StringType)))
          .add(
              "commit",
              new StructType()
                  .add("author", GIT_PERSON)
                  .add("committer", GIT_PERSON)
                  .add("message", StringType))
          .add("author", ACCOUNT)
          .add("committer", ACCOUNT);
}
