package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code pull_requests}: one GitHub pull request or GitLab merge request (contract section 5). The review
 * columns are derived from {@code pr_reviews} after the MERGE, {@code first_commit_at} from the PR's
 * commits.
 */
public final class PullRequestsTable {
  private PullRequestsTable() {}

  public static final String NAME = "pull_requests";
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String REPO = "repo";
  public static final String NUMBER = "number";
  public static final String TITLE = "title";
  public static final String STATE = "state";
  public static final String AUTHOR_LOGIN = "author_login";
  public static final String AUTHOR_PERSON_ID = "author_person_id";
  public static final String IS_BOT = "is_bot";
  public static final String IS_DRAFT = "is_draft";
  public static final String CREATED_AT = "created_at";
  public static final String FIRST_COMMIT_AT = "first_commit_at";
  public static final String FIRST_REVIEW_AT = "first_review_at";
  public static final String APPROVED_AT = "approved_at";
  public static final String MERGED_AT = "merged_at";
  public static final String CLOSED_AT = "closed_at";
  public static final String MERGE_SHA = "merge_sha";
  public static final String SQUASH_SHA = "squash_sha";
  public static final String HEAD_SHA = "head_sha";
  public static final String BASE_BRANCH = "base_branch";
  public static final String HEAD_BRANCH = "head_branch";
  public static final String WORK_ITEM_KEYS = "work_item_keys";

  /** Values of {@link #STATE}. */
  public static final String OPEN = "open";
  public static final String CLOSED = "closed";
  public static final String MERGED = "merged";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "Where the PR was read: github (pulls API) or gitlab (merge requests API)."))
          .add(Col.required(REPO, DataTypes.StringType, "Repository as owner/name (GitHub: the repo= folder of the export, else base.repo.full_name); GitLab: the project's full path (the project= folder, else the path in web_url)."))
          .add(Col.required(NUMBER, DataTypes.LongType, "The PR's number in its repository (GitHub number, GitLab iid, the !n of the MR)."))
          .add(Col.of(TITLE, DataTypes.StringType, "Title of the newest export."))
          .add(Col.required(STATE, DataTypes.StringType, "open, closed or merged. merged exactly when merged_at is set (GitHub sets merge_commit_sha on PRs closed without merging, so that field says nothing) or GitLab says state merged; closed = closed without merging; GitLab opened and locked (being merged) are open. An unknown GitLab state is kept lower case and counted in the run log."))
          .add(Col.of(AUTHOR_LOGIN, DataTypes.StringType, "Login of the author (GitHub user.login, GitLab author.username); null for a deleted account."))
          .add(Col.of(AUTHOR_PERSON_ID, DataTypes.StringType, "The author's person (people[].github / gitlab logins, ignoring case); unlisted: '<system>:<login>'."))
          .add(Col.required(IS_BOT, DataTypes.BooleanType, "The author's login matches the bots regex: the PR is kept but left out of people-time metrics."))
          .add(Col.required(IS_DRAFT, DataTypes.BooleanType, "Draft PR (GitHub draft; GitLab draft, else work_in_progress); false when the export has neither field."))
          .add(Col.required(CREATED_AT, DataTypes.TimestampType, "When the PR was opened."))
          .add(Col.of(FIRST_COMMIT_AT, DataTypes.TimestampType, "Authored time of the PR's first commit (the start of coding, contract 6.2). Not in PR bodies: filled by a derive pass from the PR's commits (pull_request_commits); null until then."))
          .add(Col.of(FIRST_REVIEW_AT, DataTypes.TimestampType, "submitted_at of the first review by someone other than the author (pr_reviews, any state but pending; a later dismissed review still counts as a review). Derived after every merge of the PR or its reviews. Always null for GitLab: the contract has no GitLab review dataset."))
          .add(Col.of(APPROVED_AT, DataTypes.TimestampType, "submitted_at of the first review in state approved by someone other than the author. A dismissed approval is not one (GitHub changes its state to dismissed). Derived like first_review_at; always null for GitLab."))
          .add(Col.of(MERGED_AT, DataTypes.TimestampType, "When the PR was merged; null when it was not."))
          .add(Col.of(CLOSED_AT, DataTypes.TimestampType, "When the PR stopped being open: GitHub closed_at (for a merged PR the same second as merged_at or 1 s later); GitLab closed_at, else merged_at for a merged MR (GitLab leaves closed_at null on merged MRs). Null while open."))
          .add(Col.of(MERGE_SHA, DataTypes.StringType, "The merge commit: GitHub merge_commit_sha only when the PR was merged (on an unmerged PR it is a test-merge commit that never lands); GitLab merge_commit_sha."))
          .add(Col.of(SQUASH_SHA, DataTypes.StringType, "GitLab squash_commit_sha (the squashed commit of a squash merge); null for GitHub, whose squash merge is merge_sha."))
          .add(Col.of(HEAD_SHA, DataTypes.StringType, "The newest commit of the source branch (GitHub head.sha, GitLab sha)."))
          .add(Col.of(BASE_BRANCH, DataTypes.StringType, "The branch the PR merges into (GitHub base.ref, GitLab target_branch)."))
          .add(Col.of(HEAD_BRANCH, DataTypes.StringType, "The source branch (GitHub head.ref, GitLab source_branch)."))
          .add(Col.required(WORK_ITEM_KEYS, DataTypes.createArrayType(DataTypes.StringType), "Distinct matches of work_items.key_pattern in the title, then the head branch, then the subjects of its commits (pull_request_commits, oldest first; added by the derive pass), in that order; empty when none. Whether such an item exists is checked where PRs are linked to work items (contract 6.3)."))
          .add(LineageColumns.EXPORT_DATE_FIELD)
          .add(LineageColumns.SOURCE_FILE_FIELD)
          .add(LineageColumns.SOURCE_POSITION_FIELD)
          .add(WeekPartition.field(CREATED_AT));

  public static final TableDef TABLE =
      new TableDef(
          NAME,
          TableDef.Layer.NORMALISED,
          "one pull request (GitHub) or merge request (GitLab)",
          SCHEMA,
          List.of(SOURCE_SYSTEM, REPO, NUMBER),
          List.of(WeekPartition.COLUMN));
}
