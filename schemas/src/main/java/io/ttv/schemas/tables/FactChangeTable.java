package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code fact_change}: one row per change that reached production (contract 5 and 6.2): a merged pull
 * request whose merge or squash commit shipped, or a shipped commit that belongs to no pull request.
 */
public final class FactChangeTable {
  private FactChangeTable() {}

  public static final String NAME = "fact_change";
  public static final String DATE = "date";
  public static final String CHANGE_TYPE = "change_type";
  public static final String CHANGE_ID = "change_id";
  public static final String REPO = "repo";
  public static final String SERVICE = "service";
  public static final String TEAM = "team";
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String PR_NUMBER = "pr_number";
  public static final String SHA = "sha";
  public static final String TITLE = "title";
  public static final String AUTHOR_PERSON_ID = "author_person_id";
  public static final String IS_BOT = "is_bot";
  public static final String WORK_ITEM_KEYS = "work_item_keys";
  public static final String FIRST_COMMIT_AT = "first_commit_at";
  public static final String CREATED_AT = "created_at";
  public static final String FIRST_REVIEW_AT = "first_review_at";
  public static final String APPROVED_AT = "approved_at";
  public static final String MERGED_AT = "merged_at";
  public static final String DEPLOYMENT_SOURCE_SYSTEM = "deployment_source_system";
  public static final String DEPLOYMENT_ID = "deployment_id";
  public static final String DEPLOYED_AT = "deployed_at";
  public static final String CODING_HOURS = "coding_hours";
  public static final String PICKUP_HOURS = "pickup_hours";
  public static final String REVIEW_HOURS = "review_hours";
  public static final String DEPLOY_HOURS = "deploy_hours";
  public static final String LEAD_TIME_HOURS = "lead_time_hours";
  public static final String TIME_TO_VALUE_HOURS = "time_to_value_hours";

  public static final String PULL_REQUEST = "pull_request";
  public static final String COMMIT = "commit";

  private static final String NEG = " Null when unknown or negative.";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(DATE, DataTypes.DateType, "Local date (reporting time zone) of the shipping deployment's finish."))
          .add(Col.required(CHANGE_TYPE, DataTypes.StringType, "pull_request (a GitHub PR or GitLab MR) or commit (a shipped commit that belongs to no pull request)."))
          .add(Col.required(CHANGE_ID, DataTypes.StringType, "The PR's number, or the commit's sha."))
          .add(Col.required(REPO, DataTypes.StringType, "The repository."))
          .add(Col.required(SERVICE, DataTypes.StringType, "The service the change shipped in."))
          .add(Col.of(TEAM, DataTypes.StringType, "The service's owning team (services[].team); null for a repo no service lists."))
          .add(Col.of(SOURCE_SYSTEM, DataTypes.StringType, "Where the change was read: the PR's system (github, gitlab), or the commit's."))
          .add(Col.of(PR_NUMBER, DataTypes.LongType, "The PR's number (GitLab: iid); null for a commit."))
          .add(Col.required(SHA, DataTypes.StringType, "The commit that shipped: the PR's squash or merge commit, or the commit."))
          .add(Col.of(TITLE, DataTypes.StringType, "PR title, or the commit's subject."))
          .add(Col.of(AUTHOR_PERSON_ID, DataTypes.StringType, "The PR's or commit's author (people.person_id)."))
          .add(Col.required(IS_BOT, DataTypes.BooleanType, "The author is a bot (bots regex)."))
          .add(Col.of(WORK_ITEM_KEYS, DataTypes.createArrayType(DataTypes.StringType), "Work-item keys in the PR's title and branch, or in the commit's subject."))
          .add(Col.of(FIRST_COMMIT_AT, DataTypes.TimestampType, "PR: earliest authored_at of its commits (pull_request_commits); commit: its authored_at."))
          .add(Col.of(CREATED_AT, DataTypes.TimestampType, "When the PR was opened; null for a commit."))
          .add(Col.of(FIRST_REVIEW_AT, DataTypes.TimestampType, "First review by someone other than the author; null for a commit."))
          .add(Col.of(APPROVED_AT, DataTypes.TimestampType, "First approval by someone other than the author; null for a commit."))
          .add(Col.of(MERGED_AT, DataTypes.TimestampType, "When the PR was merged; null for a commit."))
          .add(Col.required(DEPLOYMENT_SOURCE_SYSTEM, DataTypes.StringType, "deployments.source_system of the shipping deployment."))
          .add(Col.required(DEPLOYMENT_ID, DataTypes.StringType, "The first successful production deployment that shipped it (commit_shipments)."))
          .add(Col.required(DEPLOYED_AT, DataTypes.TimestampType, "When that deployment finished."))
          .add(Col.of(CODING_HOURS, DataTypes.DoubleType, "PR created - first commit authored (contract 6.2 coding)." + NEG))
          .add(Col.of(PICKUP_HOURS, DataTypes.DoubleType, "First review by another person - PR created (pickup)." + NEG))
          .add(Col.of(REVIEW_HOURS, DataTypes.DoubleType, "Merged - first review (review)." + NEG))
          .add(Col.of(DEPLOY_HOURS, DataTypes.DoubleType, "Deployment finished - merged (deploy); null for a commit." + NEG))
          .add(Col.of(LEAD_TIME_HOURS, DataTypes.DoubleType, "Deployment finished - first commit authored: the change's lead time (for a commit, its commit lead time)." + NEG))
          .add(Col.of(TIME_TO_VALUE_HOURS, DataTypes.DoubleType, "Deployment finished - creation of the earliest-created work item linked to the change (contract 6.3: its key in the commit's subject, or in the merged PR's title, branch or commits); null when no existing item is linked." + NEG));

  public static final TableDef TABLE =
      new TableDef(NAME, TableDef.Layer.FACT, "one change (pull request or commit) that reached production", SCHEMA,
          List.of(DATE, CHANGE_TYPE, REPO, CHANGE_ID), List.of(DATE));
}
