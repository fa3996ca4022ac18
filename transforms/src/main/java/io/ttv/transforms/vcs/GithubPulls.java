package io.ttv.transforms.vcs;

import static io.ttv.schemas.tables.PullRequestsTable.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.raw.GithubPullsJson;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.transforms.common.Cols;
import io.ttv.transforms.common.Identities;
import io.ttv.transforms.common.NormalizedRows;
import io.ttv.transforms.common.Times;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code raw_github_pulls} -> {@code pull_requests} rows: list items ({@code GET /pulls?state=all}) and
 * single-PR bodies ({@code GET /pulls/:n}) alike. The review columns stay null here; they are derived
 * from pr_reviews ({@link PullRequests#withReviews}) after the MERGE.
 *
 * <p>Quirks (fixtures in {@code github-vcs/}): a PR closed without merging can carry a
 * {@code merge_commit_sha} (the test-merge commit, devlake_ants_list_pulls_state_all #8), so "merged"
 * is {@code merged_at != null} and {@code merge_sha} is kept only then; {@code closed_at} can be 1 s after
 * {@code merged_at} (#210); the same PR arrives twice in one export (#4); PRs older than drafts have no
 * {@code draft} field.
 */
public final class GithubPulls {
  private GithubPulls() {}

  public static final String SYSTEM = "github";

  public static Dataset<Row> normalize(Dataset<Row> raw, TtvConfig config) {
    Dataset<Row> parsed = NormalizedRows.parsed(raw, NormalizedRows.json(GithubPullsJson.PULL, "j"));
    Column number = col("j.number");
    Column repo = coalesce(Cols.pathParam(col("_params"), "repo"), col("j.base.repo.full_name"));
    Column login = col("j.user.login");
    Column mergedAt = Times.parse(col("j.merged_at"));
    Column isMerged = mergedAt.isNotNull();
    Column state = when(isMerged, lit(MERGED)).otherwise(lower(col("j.state")));
    Column what = concat(lit("pull request #"), number.cast("string"));
    Column problem =
        coalesce(
            when(number.isNull(), lit("pull request has no numeric 'number'")),
            when(repo.isNull(), concat(what, lit(" names no repository (no repo= folder, no base.repo.full_name)"))),
            when(col("j.created_at").isNull(), concat(what, lit(" has no 'created_at'"))),
            Times.problemIfMalformed("created_at", col("j.created_at")),
            Times.problemIfMalformed("merged_at", col("j.merged_at")),
            Times.problemIfMalformed("closed_at", col("j.closed_at")),
            when(col("j.state").isNull(), concat(what, lit(" has no 'state'"))));
    Column personId = Identities.personId(SYSTEM, login, lit(null).cast("string"), config.people());
    return parsed.select(
        lit(SYSTEM).as(SOURCE_SYSTEM),
        repo.as(REPO),
        number.as(NUMBER),
        col("j.title").as(TITLE),
        state.as(STATE),
        login.as(AUTHOR_LOGIN),
        personId.as(AUTHOR_PERSON_ID),
        Identities.isBot(login, lit(null).cast("string"), config.bots()).as(IS_BOT),
        coalesce(col("j.draft"), lit(false)).as(IS_DRAFT),
        Times.parse(col("j.created_at")).as(CREATED_AT),
        lit(null).cast("timestamp").as(FIRST_COMMIT_AT),
        lit(null).cast("timestamp").as(FIRST_REVIEW_AT),
        lit(null).cast("timestamp").as(APPROVED_AT),
        mergedAt.as(MERGED_AT),
        Times.parse(col("j.closed_at")).as(CLOSED_AT),
        when(isMerged, col("j.merge_commit_sha")).as(MERGE_SHA),
        lit(null).cast("string").as(SQUASH_SHA),
        col("j.head.sha").as(HEAD_SHA),
        col("j.base.ref").as(BASE_BRANCH),
        col("j.head.ref").as(HEAD_BRANCH),
        PullRequests.workItemKeys(col("j.title"), col("j.head.ref"), config.workItems().keyPattern()).as(WORK_ITEM_KEYS),
        col(LineageColumns.EXPORT_DATE),
        col(LineageColumns.SOURCE_FILE),
        col(LineageColumns.SOURCE_POSITION),
        problem.as(NormalizedRows.PROBLEM),
        col(NormalizedRows.RECORD),
        when(state.isin(OPEN, CLOSED, MERGED).unary_$bang(), concat(lit("unknown pull request state '"), col("j.state"), lit("'")))
            .as(NormalizedRows.NOTE));
  }
}
