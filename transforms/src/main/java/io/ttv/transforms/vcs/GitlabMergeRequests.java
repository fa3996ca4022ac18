package io.ttv.transforms.vcs;

import static io.ttv.schemas.tables.PullRequestsTable.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.raw.GitlabMergeRequestsJson;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.transforms.ci.GitlabPipelines;
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

/**
 * {@code raw_gitlab_merge_requests} -> {@code pull_requests} rows (GitLab REST v4 merge requests).
 *
 * <p>Quirks (fixture gitlab-vcs/devlake_gitlab_list_merge_requests): merged MRs have
 * {@code closed_at:null}, so closed_at falls back to merged_at; a squash merge sets
 * {@code squash_commit_sha} (equal to {@code sha} on !14); {@code draft} and {@code work_in_progress}
 * duplicate each other (older GitLab has only the latter). GitLab reviews (approvals, notes) are no
 * dataset of the contract, so {@code first_review_at} and {@code approved_at} stay null.
 */
public final class GitlabMergeRequests {
  private GitlabMergeRequests() {}

  public static final String SYSTEM = "gitlab";

  /** GitLab MR states -> pull_requests.state; {@code locked} is GitLab's transient "being merged". */
  public static final Map<String, String> STATES = new LinkedHashMap<>();

  static {
    STATES.put("opened", OPEN);
    STATES.put("locked", OPEN);
    STATES.put("closed", CLOSED);
    STATES.put("merged", MERGED);
  }

  public static Dataset<Row> normalize(Dataset<Row> raw, TtvConfig config) {
    Dataset<Row> parsed = NormalizedRows.parsed(raw, NormalizedRows.json(GitlabMergeRequestsJson.MERGE_REQUEST, "j"));
    Column iid = col("j.iid");
    Column repo =
        coalesce(
            Cols.pathParam(col("_params"), "project"),
            GitlabPipelines.projectPath(col("j.web_url")));
    Column login = col("j.author.username");
    Column rawState = lower(col("j.state"));
    Column mergedAt = Times.parse(col("j.merged_at"));
    Column mapped = Statuses.conclusion(rawState, STATES);
    Column state =
        when(mergedAt.isNotNull(), lit(MERGED))
            .when(mapped.equalTo(Statuses.UNKNOWN), rawState)
            .otherwise(mapped);
    Column what = concat(lit("merge request !"), iid.cast("string"));
    Column problem =
        coalesce(
            when(iid.isNull(), lit("merge request has no numeric 'iid'")),
            when(repo.isNull(), concat(what, lit(" names no project (no project= folder, no web_url)"))),
            when(col("j.created_at").isNull(), concat(what, lit(" has no 'created_at'"))),
            Times.problemIfMalformed("created_at", col("j.created_at")),
            Times.problemIfMalformed("merged_at", col("j.merged_at")),
            Times.problemIfMalformed("closed_at", col("j.closed_at")),
            when(col("j.state").isNull(), concat(what, lit(" has no 'state'"))));
    return parsed.select(
        lit(SYSTEM).as(SOURCE_SYSTEM),
        repo.as(REPO),
        iid.as(NUMBER),
        col("j.title").as(TITLE),
        state.as(STATE),
        login.as(AUTHOR_LOGIN),
        Identities.personId(SYSTEM, login, lit(null).cast("string"), config.people()).as(AUTHOR_PERSON_ID),
        Identities.isBot(login, lit(null).cast("string"), config.bots()).as(IS_BOT),
        coalesce(col("j.draft"), col("j.work_in_progress"), lit(false)).as(IS_DRAFT),
        Times.parse(col("j.created_at")).as(CREATED_AT),
        lit(null).cast("timestamp").as(FIRST_COMMIT_AT),
        lit(null).cast("timestamp").as(FIRST_REVIEW_AT),
        lit(null).cast("timestamp").as(APPROVED_AT),
        mergedAt.as(MERGED_AT),
        coalesce(Times.parse(col("j.closed_at")), mergedAt).as(CLOSED_AT),
        col("j.merge_commit_sha").as(MERGE_SHA),
        col("j.squash_commit_sha").as(SQUASH_SHA),
        col("j.sha").as(HEAD_SHA),
        col("j.target_branch").as(BASE_BRANCH),
        col("j.source_branch").as(HEAD_BRANCH),
        PullRequests.workItemKeys(col("j.title"), col("j.source_branch"), config.workItems().keyPattern()).as(WORK_ITEM_KEYS),
        col(LineageColumns.EXPORT_DATE),
        col(LineageColumns.SOURCE_FILE),
        col(LineageColumns.SOURCE_POSITION),
        problem.as(NormalizedRows.PROBLEM),
        col(NormalizedRows.RECORD),
        Statuses.noteIfUnknown("merge request state", rawState, STATES).as(NormalizedRows.NOTE));
  }
}
