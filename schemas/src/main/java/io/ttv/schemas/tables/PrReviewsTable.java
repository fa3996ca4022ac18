package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code pr_reviews}: one review of a pull request (GitHub; the contract has no GitLab review dataset). */
public final class PrReviewsTable {
  private PrReviewsTable() {}

  public static final String NAME = "pr_reviews";
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String REPO = "repo";
  public static final String REVIEW_ID = "review_id";
  public static final String PR_NUMBER = "pr_number";
  public static final String REVIEWER_LOGIN = "reviewer_login";
  public static final String REVIEWER_PERSON_ID = "reviewer_person_id";
  public static final String REVIEWER_IS_BOT = "reviewer_is_bot";
  public static final String STATE = "state";
  public static final String SUBMITTED_AT = "submitted_at";
  public static final String COMMIT_SHA = "commit_sha";

  /** Values of {@link #STATE} that mean something to the review columns of pull_requests. */
  public static final String APPROVED = "approved";
  public static final String PENDING = "pending";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "Where the review was read: github (pull reviews API)."))
          .add(Col.required(REPO, DataTypes.StringType, "Repository as owner/name: the repo= folder of the export, else the repository in pull_request_url (pull_requests.repo)."))
          .add(Col.required(REVIEW_ID, DataTypes.StringType, "The system's review id."))
          .add(Col.required(PR_NUMBER, DataTypes.LongType, "The reviewed PR (pull_requests.number): the pull= folder of the export, else the number at the end of pull_request_url."))
          .add(Col.of(REVIEWER_LOGIN, DataTypes.StringType, "Login of the reviewer; null for a deleted account."))
          .add(Col.of(REVIEWER_PERSON_ID, DataTypes.StringType, "The reviewer's person (people[].github logins, ignoring case); unlisted: 'github:<login>'."))
          .add(Col.required(REVIEWER_IS_BOT, DataTypes.BooleanType, "The reviewer's login matches the bots regex."))
          .add(Col.of(STATE, DataTypes.StringType, "The review's state, lower case: approved, changes_requested, commented, dismissed (an approval or change request a maintainer dismissed later), pending (started, not submitted). An unknown state is kept and counted in the run log."))
          .add(Col.of(SUBMITTED_AT, DataTypes.TimestampType, "When the review was submitted; null for a pending review."))
          .add(Col.of(COMMIT_SHA, DataTypes.StringType, "The head commit the review was made on (commit_id)."))
          .add(LineageColumns.EXPORT_DATE_FIELD)
          .add(LineageColumns.SOURCE_FILE_FIELD)
          .add(LineageColumns.SOURCE_POSITION_FIELD);

  public static final TableDef TABLE =
      new TableDef(
          NAME,
          TableDef.Layer.NORMALISED,
          "one review of a pull request",
          SCHEMA,
          List.of(SOURCE_SYSTEM, REPO, REVIEW_ID),
          List.of());
}
