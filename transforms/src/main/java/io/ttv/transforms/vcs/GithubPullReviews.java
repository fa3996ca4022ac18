package io.ttv.transforms.vcs;

import static io.ttv.schemas.tables.PrReviewsTable.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.raw.GithubPullsJson;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.transforms.common.Cols;
import io.ttv.transforms.common.Identities;
import io.ttv.transforms.common.NormalizedRows;
import io.ttv.transforms.common.Statuses;
import io.ttv.transforms.common.Times;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code raw_github_pull_reviews} -> {@code pr_reviews} rows. A review body does not carry its PR's
 * number as a field: it comes from the exporter's {@code pull=} folder, else from the end of
 * {@code pull_request_url} (fixture devlake_ants_list_pull_reviews, which has no folder).
 */
public final class GithubPullReviews {
  private GithubPullReviews() {}

  public static final String SYSTEM = "github";

  /** The review states of the REST API, lower case (the value is the state itself). */
  public static final Map<String, String> STATES = new LinkedHashMap<>();

  static {
    for (String s : new String[] {"approved", "changes_requested", "commented", "dismissed", "pending"}) {
      STATES.put(s, s);
    }
  }

  private static final String PULL_URL = "/repos/([^/]+/[^/]+)/pulls/([0-9]+)$";

  public static Dataset<Row> normalize(Dataset<Row> raw, TtvConfig config) {
    Dataset<Row> parsed = NormalizedRows.parsed(raw, NormalizedRows.json(GithubPullsJson.REVIEW, "j"));
    Column id = col("j.id");
    Column url = col("j.pull_request_url");
    Column prNumber =
        coalesce(
            Cols.pathParam(col("_params"), "pull").try_cast(DataTypes.LongType),
            Cols.emptyToNull(regexp_extract(url, PULL_URL, 2)).cast(DataTypes.LongType));
    Column repo = coalesce(Cols.pathParam(col("_params"), "repo"), Cols.emptyToNull(regexp_extract(url, PULL_URL, 1)));
    Column login = col("j.user.login");
    Column state = lower(col("j.state"));
    Column what = concat(lit("review "), id.cast("string"));
    Column problem =
        coalesce(
            when(id.isNull(), lit("review has no numeric 'id'")),
            when(prNumber.isNull(), concat(what, lit(" names no pull request (no pull= folder, no pull_request_url ending in /pulls/<number>)"))),
            when(repo.isNull(), concat(what, lit(" names no repository (no repo= folder, no pull_request_url)"))),
            Times.problemIfMalformed("submitted_at", col("j.submitted_at")));
    return parsed.select(
        lit(SYSTEM).as(SOURCE_SYSTEM),
        repo.as(REPO),
        id.cast("string").as(REVIEW_ID),
        prNumber.as(PR_NUMBER),
        login.as(REVIEWER_LOGIN),
        Identities.personId(SYSTEM, login, lit(null).cast("string"), config.people()).as(REVIEWER_PERSON_ID),
        Identities.isBot(login, lit(null).cast("string"), config.bots()).as(REVIEWER_IS_BOT),
        state.as(STATE),
        Times.parse(col("j.submitted_at")).as(SUBMITTED_AT),
        col("j.commit_id").as(COMMIT_SHA),
        col(LineageColumns.EXPORT_DATE),
        col(LineageColumns.SOURCE_FILE),
        col(LineageColumns.SOURCE_POSITION),
        problem.as(NormalizedRows.PROBLEM),
        col(NormalizedRows.RECORD),
        Statuses.noteIfUnknown("review state", state, STATES).as(NormalizedRows.NOTE));
  }
}
