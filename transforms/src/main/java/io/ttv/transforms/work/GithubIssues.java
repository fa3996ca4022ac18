package io.ttv.transforms.work;

import static io.ttv.schemas.tables.WorkItemsTable.*;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.config.WorkItems;
import io.ttv.schemas.raw.GithubIssuesJson;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.transforms.common.Cols;
import io.ttv.transforms.common.Identities;
import io.ttv.transforms.common.NormalizedRows;
import io.ttv.transforms.common.Times;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code raw_github_issues} -> {@code work_items}. The issues endpoint lists pull requests too; they are
 * left out here (they are read from the pulls dataset): a PR is an item whose {@code pull_request.html_url}
 * is set. 2012 exports put {@code "pull_request":{"html_url":null,..}} on every plain issue
 * (github-issues/pygithub_list_issues_legacy_2012), so the object's presence says nothing.
 *
 * <p>GitHub issue exports carry no status history: no transitions, no {@code started_at}. The category
 * of an open issue is that of its first label {@code work_items.status_categories} lists (a board's
 * "In Progress" label), else todo; a closed issue is done (closed as not planned included), at
 * {@code closed_at}. Issue types are not read (labels classify GitHub issues).
 */
public final class GithubIssues {
  private GithubIssues() {}

  public static final String SYSTEM = GITHUB;

  public static Dataset<Row> normalize(Dataset<Row> raw, TtvConfig config) {
    WorkItems rules = config.workItems();
    Dataset<Row> parsed =
        NormalizedRows.parsed(raw, NormalizedRows.json(GithubIssuesJson.ISSUE, "j"))
            .where(coalesce(col("j.pull_request.html_url").isNull(), lit(true)));
    Column number = col("j.number");
    Column repo =
        coalesce(
            Cols.pathParam(col("_params"), "repo"),
            Cols.emptyToNull(regexp_extract(col("j.repository_url"), "/repos/([^/]+/[^/]+)$", 1)),
            Cols.emptyToNull(regexp_extract(col("j.url"), "/repos/([^/]+/[^/]+)/issues/", 1)));
    Column state = lower(col("j.state"));
    Column closed = state.equalTo("closed");
    Column closedAt = when(closed, Times.parse(col("j.closed_at")));
    Column labels = coalesce(transform(col("j.labels"), l -> l.getField("name")), array().cast("array<string>"));
    Column category =
        when(closed, lit(DONE))
            .when(state.equalTo("open"), coalesce(WorkItemRules.firstListedLabel(rules.statusCategories(), labels), lit(TODO)));
    Column what = concat(lit("GitHub issue #"), coalesce(number.cast("string"), lit("?")));
    Column problem =
        coalesce(
            when(number.isNull(), lit("GitHub issue has no numeric 'number'")),
            when(col("j.id").isNull(), concat(what, lit(" has no 'id'"))),
            when(repo.isNull(), concat(what, lit(" names no repository (no repo= folder, no repository_url or url)"))),
            when(col("j.created_at").isNull(), concat(what, lit(" has no 'created_at'"))),
            Times.problemIfMalformed("created_at", col("j.created_at")),
            Times.problemIfMalformed("closed_at", col("j.closed_at")),
            when(col("j.state").isNull(), concat(what, lit(" has no 'state'"))));
    Column assignee = col("j.assignee.login");
    Column reporter = col("j.user.login");
    Column noType = lit(null).cast("string");
    return parsed.select(
        lit(SYSTEM).as(SOURCE_SYSTEM),
        concat(repo, lit("#"), number.cast("string")).as(KEY),
        col("j.id").cast("string").as(ITEM_ID),
        repo.as(PROJECT),
        col("j.title").as(TITLE),
        noType.as(ISSUE_TYPE),
        noType.as(ISSUE_TYPE_LOCAL_NAME),
        noType.as(ISSUE_TYPE_ID),
        lit(null).cast("int").as(ISSUE_TYPE_LEVEL),
        WorkItemRules.flowItemType(rules, labels).as(FLOW_ITEM_TYPE),
        WorkItemRules.isIncident(rules, labels).as(IS_INCIDENT),
        state.as(STATUS),
        noType.as(STATUS_ID),
        category.as(STATUS_CATEGORY),
        Times.parse(col("j.created_at")).as(CREATED_AT),
        lit(null).cast("timestamp").as(STARTED_AT),
        closedAt.as(RESOLVED_AT),
        closedAt.as(DONE_AT),
        assignee.as(ASSIGNEE_IDENTITY),
        Identities.personId(SYSTEM, assignee, lit(null).cast("string"), config.people()).as(ASSIGNEE_PERSON_ID),
        reporter.as(REPORTER_IDENTITY),
        Identities.personId(SYSTEM, reporter, lit(null).cast("string"), config.people()).as(REPORTER_PERSON_ID),
        array().cast("array<string>").as(COMPONENTS),
        WorkItemRules.team(array().cast("array<string>"), Identities.personId(SYSTEM, assignee, lit(null).cast("string"), config.people()), config).as(TEAM),
        labels.as(LABELS),
        noType.as(PARENT_KEY),
        lit(false).as(IS_SUBTASK),
        col(LineageColumns.EXPORT_DATE),
        col(LineageColumns.SOURCE_FILE),
        col(LineageColumns.SOURCE_POSITION),
        problem.as(NormalizedRows.PROBLEM),
        col(NormalizedRows.RECORD),
        when(state.isin("open", "closed").unary_$bang(), concat(lit("unknown issue state '"), col("j.state"), lit("'")))
            .as(NormalizedRows.NOTE));
  }
}
