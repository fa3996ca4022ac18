package io.ttv.transforms.work;

import static io.ttv.schemas.tables.WorkItemsTable.*;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.config.WorkItems;
import io.ttv.schemas.raw.JiraIssuesJson;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.schemas.tables.WorkItemTransitionsTable;
import io.ttv.transforms.common.Identities;
import io.ttv.transforms.common.NormalizedRows;
import io.ttv.transforms.common.Times;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code raw_jira_issues} -> {@code work_items}, and (second output, {@link #transitions}) {@code
 * work_item_transitions}: issues of {@code /search} pages (the {@code issues} wrapper is split at ingest)
 * and NDJSON items alike, with {@code expand=changelog}.
 *
 * <p>Quirks (fixture jira/devlake_jira_cloud_board_issues_expand_changelog): type and status names are
 * localised for the exporting user (故事 = Story), so the type is also kept by id and hierarchy level and
 * the config may name the id; timestamps carry an offset without a colon ({@code +0800}); the changelog
 * is newest first; status id 3 is "In Development" in one history and "In Progress" in a later one (a
 * rename), so a status's category is decided once per id; EE-1 is in 已完成 with statusCategory
 * {@code new} while four other issues in the same status say {@code done}.
 *
 * <p>Status categories, per status id over the batch: the config's category of the newest name the id
 * carries (an item's current status name beats the changelog's older names), else of any older name
 * the config lists, else Jira's statusCategory of the newest record that is in the status now. A
 * status seen only in changelogs under unlisted names has no category (a note, counted in the run log).
 */
public final class JiraIssues {
  private JiraIssues() {}

  public static final String SYSTEM = JIRA;

  /** The item's transitions (array of structs), the input of {@link #transitions}; not a table column. */
  public static final String TRANSITIONS = "_transitions";

  private static final String CHANGES = "_changes";
  private static final String STATUSES = "_statuses";

  public static Dataset<Row> normalize(Dataset<Row> raw, TtvConfig config) {
    WorkItems rules = config.workItems();
    Column histories = col("j.changelog.histories");
    // the status items of every history, oldest first (the export lists histories newest first); a
    // history's items keep their index, which with the history id names the transition
    Column statusChanges =
        array_sort(
            flatten(
                transform(
                    histories,
                    h ->
                        filter(
                            transform(
                                h.getField("items"),
                                (it, k) ->
                                    struct(
                                        Times.parse(h.getField("created")).as("at"),
                                        h.getField("id").try_cast("long").as("history"),
                                        k.as("item"),
                                        concat(h.getField("id"), lit("-"), k.cast("string")).as("transition_id"),
                                        it.getField("field").as("field"),
                                        it.getField("from").as("from_id"),
                                        it.getField("fromString").as("from_name"),
                                        it.getField("to").as("to_id"),
                                        it.getField("toString").as("to_name"),
                                        userIdentity(h.getField("author")).as("by_identity"),
                                        h.getField("author").getField("emailAddress").as("by_email"))),
                            x -> x.getField("field").equalTo("status")))));
    Dataset<Row> parsed =
        NormalizedRows.parsed(raw, NormalizedRows.json(JiraIssuesJson.ISSUE, "j")).withColumn(CHANGES, statusChanges);
    Dataset<Row> withStatuses = parsed.crossJoin(statusMap(parsed, rules));

    Column created = Times.parse(col("j.fields.created"));
    Column resolved = Times.parse(col("j.fields.resolutiondate"));
    Column changes = col(CHANGES);
    Column transitions =
        transform(
            changes,
            (c, i) ->
                struct(
                    c.getField("transition_id").as(WorkItemTransitionsTable.TRANSITION_ID),
                    c.getField("at").as(WorkItemTransitionsTable.AT),
                    c.getField("from_name").as(WorkItemTransitionsTable.FROM_STATUS),
                    c.getField("from_id").as(WorkItemTransitionsTable.FROM_STATUS_ID),
                    c.getField("to_name").as(WorkItemTransitionsTable.TO_STATUS),
                    c.getField("to_id").as(WorkItemTransitionsTable.TO_STATUS_ID),
                    category(c.getField("from_id")).as(WorkItemTransitionsTable.FROM_CATEGORY),
                    category(c.getField("to_id")).as(WorkItemTransitionsTable.TO_CATEGORY),
                    Identities.personId(SYSTEM, c.getField("by_identity"), c.getField("by_email"), config.people())
                        .as(WorkItemTransitionsTable.BY_PERSON_ID),
                    Times.secondsBetween(
                            when(i.equalTo(0), created)
                                .otherwise(try_element_at(changes, greatest(i, lit(1))).getField("at")),
                            c.getField("at"))
                        .as(WorkItemTransitionsTable.SECONDS_IN_FROM_STATUS)));
    Dataset<Row> items = withStatuses.withColumn(TRANSITIONS, transitions);

    Column t = col(TRANSITIONS);
    Column statusId = col("j.fields.status.id");
    Column categoryNow = category(statusId);
    Column started =
        try_element_at(
                filter(t, x -> x.getField(WorkItemTransitionsTable.TO_CATEGORY).isin(ACTIVE, WAITING)), lit(1))
            .getField(WorkItemTransitionsTable.AT);
    // an entry into done comes from a status known not to be done: the 2021 workflow migration moved every
    // closed issue from Closed to 已完成 (done -> done), which is not when the work was done; and with Closed
    // uncategorised (the default config) the same move must not count either
    Column lastDoneEntry =
        try_element_at(
                filter(
                    t,
                    x ->
                        x.getField(WorkItemTransitionsTable.TO_CATEGORY)
                            .equalTo(DONE)
                            .and(x.getField(WorkItemTransitionsTable.FROM_CATEGORY).notEqual(DONE))),
                lit(-1))
            .getField(WorkItemTransitionsTable.AT);
    Column labels = coalesce(col("j.fields.labels"), array().cast("array<string>"));
    Column type = col("j.fields.issuetype");
    Column typeName = coalesce(type.getField("untranslatedName"), type.getField("name"));
    Column key = col("j.key");
    Column what = concat(lit("Jira issue "), coalesce(key, lit("?")));
    Column problem =
        coalesce(
            when(key.isNull(), lit("Jira issue has no 'key'")),
            when(col("j.id").isNull(), concat(what, lit(" has no 'id'"))),
            when(col("j.fields.created").isNull(), concat(what, lit(" has no 'fields.created'"))),
            Times.problemIfMalformed("fields.created", col("j.fields.created")),
            Times.problemIfMalformed("fields.resolutiondate", col("j.fields.resolutiondate")),
            when(statusId.isNull(), concat(what, lit(" has no 'fields.status.id'"))),
            when(
                coalesce(exists(histories, h -> h.getField("created").isNull().or(Times.parse(h.getField("created")).isNull())), lit(false)),
                concat(what, lit(" has a changelog history without an ISO-8601 'created'"))));
    Column uncategorised =
        array_distinct(
            filter(
                flatten(
                    transform(
                        t,
                        x ->
                            array(
                                when(
                                    x.getField(WorkItemTransitionsTable.FROM_STATUS_ID).isNotNull().and(x.getField(WorkItemTransitionsTable.FROM_CATEGORY).isNull()),
                                    x.getField(WorkItemTransitionsTable.FROM_STATUS)),
                                when(
                                    x.getField(WorkItemTransitionsTable.TO_STATUS_ID).isNotNull().and(x.getField(WorkItemTransitionsTable.TO_CATEGORY).isNull()),
                                    x.getField(WorkItemTransitionsTable.TO_STATUS))))),
                n -> n.isNotNull()));
    Column note =
        nullif(
            concat_ws(
                "; ",
                when(col("j.changelog").isNull().or(histories.isNull()), lit("no changelog")),
                when(
                    col("j.changelog.total").gt(size(histories)),
                    lit("changelog cut short by Jira (total > histories): older transitions are missing")),
                when(
                    statusId.isNotNull().and(try_element_at(col(STATUSES), statusId).getField("configured").unary_$bang()),
                    concat(lit("status not in work_items.status_categories, Jira's category used: "), col("j.fields.status.name"))),
                when(size(uncategorised).gt(0), concat(lit("changelog statuses without a category: "), array_join(uncategorised, ", ")))),
            lit(""));

    Column assignee = col("j.fields.assignee");
    Column reporter = col("j.fields.reporter");
    return items.select(
        lit(SYSTEM).as(SOURCE_SYSTEM),
        key.as(KEY),
        col("j.id").as(ITEM_ID),
        col("j.fields.project.key").as(PROJECT),
        col("j.fields.summary").as(TITLE),
        typeName.as(ISSUE_TYPE),
        type.getField("name").as(ISSUE_TYPE_LOCAL_NAME),
        type.getField("id").as(ISSUE_TYPE_ID),
        type.getField("hierarchyLevel").as(ISSUE_TYPE_LEVEL),
        WorkItemRules.flowItemType(rules, labels, type.getField("id"), type.getField("untranslatedName"), type.getField("name"))
            .as(FLOW_ITEM_TYPE),
        WorkItemRules.isIncident(rules, labels, type.getField("id"), type.getField("untranslatedName"), type.getField("name"))
            .as(IS_INCIDENT),
        col("j.fields.status.name").as(STATUS),
        statusId.as(STATUS_ID),
        categoryNow.as(STATUS_CATEGORY),
        created.as(CREATED_AT),
        started.as(STARTED_AT),
        resolved.as(RESOLVED_AT),
        when(categoryNow.equalTo(DONE), coalesce(lastDoneEntry, resolved)).as(DONE_AT),
        userIdentity(assignee).as(ASSIGNEE_IDENTITY),
        Identities.personId(SYSTEM, userIdentity(assignee), assignee.getField("emailAddress"), config.people()).as(ASSIGNEE_PERSON_ID),
        userIdentity(reporter).as(REPORTER_IDENTITY),
        Identities.personId(SYSTEM, userIdentity(reporter), reporter.getField("emailAddress"), config.people()).as(REPORTER_PERSON_ID),
        coalesce(transform(col("j.fields.components"), c -> c.getField("name")), array().cast("array<string>")).as(COMPONENTS),
        WorkItemRules.team(coalesce(transform(col("j.fields.components"), c -> c.getField("name")), array().cast("array<string>")), Identities.personId(SYSTEM, userIdentity(assignee), assignee.getField("emailAddress"), config.people()), config).as(TEAM),
        labels.as(LABELS),
        col("j.fields.parent.key").as(PARENT_KEY),
        coalesce(type.getField("subtask"), type.getField("hierarchyLevel").equalTo(-1), lit(false)).as(IS_SUBTASK),
        col(LineageColumns.EXPORT_DATE),
        col(LineageColumns.SOURCE_FILE),
        col(LineageColumns.SOURCE_POSITION),
        problem.as(NormalizedRows.PROBLEM),
        col(NormalizedRows.RECORD),
        note.as(NormalizedRows.NOTE),
        t.as(TRANSITIONS));
  }

  /**
   * {@code work_item_transitions} rows from the rows of {@link #normalize}: a rejected issue's rows carry
   * its problem (it is counted and quarantined once, as a work item).
   */
  public static Dataset<Row> transitions(Dataset<Row> items) {
    return items
        .select(
            col(SOURCE_SYSTEM),
            col(KEY),
            col(LineageColumns.EXPORT_DATE),
            col(LineageColumns.SOURCE_FILE),
            col(LineageColumns.SOURCE_POSITION),
            col(NormalizedRows.PROBLEM),
            col(NormalizedRows.RECORD),
            explode(col(TRANSITIONS)).as("t"))
        .select(
            col(SOURCE_SYSTEM).as(WorkItemTransitionsTable.SOURCE_SYSTEM),
            col(KEY).as(WorkItemTransitionsTable.KEY),
            col("t." + WorkItemTransitionsTable.TRANSITION_ID),
            col("t." + WorkItemTransitionsTable.AT),
            col("t." + WorkItemTransitionsTable.FROM_STATUS),
            col("t." + WorkItemTransitionsTable.FROM_STATUS_ID),
            col("t." + WorkItemTransitionsTable.TO_STATUS),
            col("t." + WorkItemTransitionsTable.TO_STATUS_ID),
            col("t." + WorkItemTransitionsTable.FROM_CATEGORY),
            col("t." + WorkItemTransitionsTable.TO_CATEGORY),
            col("t." + WorkItemTransitionsTable.BY_PERSON_ID),
            col("t." + WorkItemTransitionsTable.SECONDS_IN_FROM_STATUS),
            col(LineageColumns.EXPORT_DATE),
            col(LineageColumns.SOURCE_FILE),
            col(LineageColumns.SOURCE_POSITION),
            col(NormalizedRows.PROBLEM),
            col(NormalizedRows.RECORD));
  }

  /** Cloud's accountId, else Server's name or key. */
  private static Column userIdentity(Column user) {
    return coalesce(user.getField("accountId"), user.getField("name"), user.getField("key"));
  }

  private static Column category(Column statusId) {
    return try_element_at(col(STATUSES), statusId).getField("category");
  }

  /**
   * One row, one column {@link #STATUSES}: status id -> (category, configured, newest name) over every
   * status the batch shows (items' current statuses and both ends of their changelogs' status changes).
   * A status is a small, organisation-bounded set, so the map travels to every row by a cross join.
   */
  private static Dataset<Row> statusMap(Dataset<Row> parsed, WorkItems rules) {
    Function<Column, Column> newestFirst =
        at -> struct(
            lit(at == null ? 1 : 0).as("is_current"),
            col(LineageColumns.EXPORT_DATE).as("d"),
            col(LineageColumns.SOURCE_FILE).as("f"),
            col(LineageColumns.SOURCE_POSITION).as("p"),
            (at == null ? lit(null).cast("timestamp") : at).as("at"));
    Dataset<Row> current =
        parsed.select(
            col("j.fields.status.id").as("sid"),
            col("j.fields.status.name").as("name"),
            newestFirst.apply(null).as("o"),
            WorkItemRules.jiraCategory(col("j.fields.status.statusCategory.key")).as("jira"));
    Dataset<Row> changed =
        parsed
            .select(col(LineageColumns.EXPORT_DATE), col(LineageColumns.SOURCE_FILE), col(LineageColumns.SOURCE_POSITION), explode(col(CHANGES)).as("c"))
            .select(
                newestFirst.apply(col("c.at")).as("o"),
                explode(
                        array(
                            struct(col("c.from_id").as("sid"), col("c.from_name").as("name")),
                            struct(col("c.to_id").as("sid"), col("c.to_name").as("name"))))
                    .as("s"))
            .select(col("s.sid"), col("s.name"), col("o"), lit(null).cast("string").as("jira"));
    Column configured = WorkItemRules.lookupIgnoringCase(rules.statusCategories(), col("name"));
    Dataset<Row> perStatus =
        current
            .unionByName(changed)
            .where(col("sid").isNotNull())
            .groupBy(col("sid"))
            .agg(
                max(when(configured.isNotNull(), struct(col("o"), configured.as("v")))).getField("v").as("configured"),
                max(when(col("jira").isNotNull(), struct(col("o"), col("jira").as("v")))).getField("v").as("jira"),
                max(struct(col("o"), col("name").as("v"))).getField("v").as("name"));
    return perStatus.agg(
        map_from_entries(
                collect_list(
                    struct(
                        col("sid"),
                        struct(
                            coalesce(col("configured"), col("jira")).as("category"),
                            col("configured").isNotNull().as("configured"),
                            col("name").as("name")))))
            .as(STATUSES));
  }
}
