package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code commits}: one commit of a repository, from {@code git log} (contract section 4 format), GitHub
 * {@code commits} and {@code pull_commits}, and GitLab {@code commits} and {@code merge_request_commits}.
 * The same commit may come from several of them; the kept version is the newest, except that a version
 * whose parents are unknown (a GitLab merge-request commit, whose {@code parent_ids} is always empty)
 * never replaces one with parents: {@link #PARENTS_KNOWN} is the table's fullness column.
 */
public final class CommitsTable {
  private CommitsTable() {}

  public static final String NAME = "commits";
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String REPO = "repo";
  public static final String SHA = "sha";
  public static final String PARENTS = "parents";
  public static final String PARENTS_KNOWN = "parents_known";
  public static final String AUTHOR_NAME = "author_name";
  public static final String AUTHOR_EMAIL = "author_email";
  public static final String AUTHOR_LOGIN = "author_login";
  public static final String AUTHOR_PERSON_ID = "author_person_id";
  public static final String AUTHOR_IS_BOT = "author_is_bot";
  public static final String COMMITTER_NAME = "committer_name";
  public static final String COMMITTER_EMAIL = "committer_email";
  public static final String AUTHORED_AT = "authored_at";
  public static final String COMMITTED_AT = "committed_at";
  public static final String MESSAGE = "message";
  public static final String WORK_ITEM_KEYS = "work_item_keys";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "Which export the kept version came from: git (git log), github (commits or pull_commits), gitlab (commits or merge_request_commits)."))
          .add(Col.required(REPO, DataTypes.StringType, "Repository: GitHub owner/name (repo= folder, else the commit url), GitLab project path (project= folder, else web_url), git the repo= folder of the log file."))
          .add(Col.required(SHA, DataTypes.StringType, "The full 40-hex commit sha (lower case)."))
          .add(Col.required(PARENTS, DataTypes.createArrayType(DataTypes.StringType), "Shas of the parent commits in git's order (two or more for a merge, empty for a root commit or when unknown, see parents_known)."))
          .add(Col.required(PARENTS_KNOWN, DataTypes.BooleanType, "False when the export cannot say the parents (GitLab merge_request_commits: parent_ids is always []); such a version never replaces one whose parents are known."))
          .add(Col.of(AUTHOR_NAME, DataTypes.StringType, "Git author name as written in the commit."))
          .add(Col.of(AUTHOR_EMAIL, DataTypes.StringType, "Git author e-mail as written in the commit."))
          .add(Col.of(AUTHOR_LOGIN, DataTypes.StringType, "The forge account of the author where the export has one (GitHub author.login); null for git, GitLab, and GitHub commits whose e-mail is linked to no account."))
          .add(Col.of(AUTHOR_PERSON_ID, DataTypes.StringType, "The author as a person (people[].id), matched by login, then e-mail (ignoring case); an unlisted identity is <system>:<login or e-mail>."))
          .add(Col.required(AUTHOR_IS_BOT, DataTypes.BooleanType, "The bots regex finds the author's login or name."))
          .add(Col.of(COMMITTER_NAME, DataTypes.StringType, "Git committer name (e.g. GitHub for merges made in the web UI)."))
          .add(Col.of(COMMITTER_EMAIL, DataTypes.StringType, "Git committer e-mail."))
          .add(Col.required(AUTHORED_AT, DataTypes.TimestampType, "Author date (UTC; the export's offset applied)."))
          .add(Col.required(COMMITTED_AT, DataTypes.TimestampType, "Committer date (UTC): when the commit was made in its current form (after a rebase or amend)."))
          .add(Col.of(MESSAGE, DataTypes.StringType, "The subject: the first line of the commit message."))
          .add(Col.required(WORK_ITEM_KEYS, DataTypes.createArrayType(DataTypes.StringType), "Distinct matches of work_items.key_pattern in the subject, in the order found."))
          .add(LineageColumns.EXPORT_DATE_FIELD)
          .add(LineageColumns.SOURCE_FILE_FIELD)
          .add(LineageColumns.SOURCE_POSITION_FIELD)
          .add(WeekPartition.field(COMMITTED_AT));

  public static final TableDef TABLE =
      new TableDef(
          NAME,
          TableDef.Layer.NORMALISED,
          "one commit of a repository",
          SCHEMA,
          List.of(REPO, SHA),
          List.of(WeekPartition.COLUMN),
          List.of(),
          PARENTS_KNOWN);
}
