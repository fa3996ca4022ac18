package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code work_items}: one ticket, a Jira issue or a GitHub issue (contract section 5), as of its newest
 * export. Start and done come from the status changelog (contract 6.5); GitHub issue exports have none.
 */
public final class WorkItemsTable {
  private WorkItemsTable() {}

  public static final String NAME = "work_items";
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String KEY = "key";
  public static final String ITEM_ID = "item_id";
  public static final String PROJECT = "project";
  public static final String TITLE = "title";
  public static final String ISSUE_TYPE = "issue_type";
  public static final String ISSUE_TYPE_LOCAL_NAME = "issue_type_local_name";
  public static final String ISSUE_TYPE_ID = "issue_type_id";
  public static final String ISSUE_TYPE_LEVEL = "issue_type_level";
  public static final String FLOW_ITEM_TYPE = "flow_item_type";
  public static final String IS_INCIDENT = "is_incident";
  public static final String STATUS = "status";
  public static final String STATUS_ID = "status_id";
  public static final String STATUS_CATEGORY = "status_category";
  public static final String CREATED_AT = "created_at";
  public static final String STARTED_AT = "started_at";
  public static final String RESOLVED_AT = "resolved_at";
  public static final String DONE_AT = "done_at";
  public static final String ASSIGNEE_IDENTITY = "assignee_identity";
  public static final String ASSIGNEE_PERSON_ID = "assignee_person_id";
  public static final String REPORTER_IDENTITY = "reporter_identity";
  public static final String REPORTER_PERSON_ID = "reporter_person_id";
  public static final String COMPONENTS = "components";
  public static final String TEAM = "team";
  public static final String LABELS = "labels";
  public static final String PARENT_KEY = "parent_key";
  public static final String IS_SUBTASK = "is_subtask";

  /** Values of {@link #SOURCE_SYSTEM}. */
  public static final String JIRA = "jira";

  public static final String GITHUB = "github";

  /** Values of {@link #STATUS_CATEGORY} (config work_items.status_categories). */
  public static final String TODO = "todo";

  public static final String ACTIVE = "active";
  public static final String WAITING = "waiting";
  public static final String DONE = "done";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "Where the item was read: jira (issues with expand=changelog) or github (the issues API; pull requests it also lists are left out)."))
          .add(Col.required(KEY, DataTypes.StringType, "The item's key: the Jira key (PROJ-12; it changes when an issue moves project, item_id does not), or owner/name#number for a GitHub issue."))
          .add(Col.required(ITEM_ID, DataTypes.StringType, "The system's id of the item (Jira issue id, GitHub issue id), as text."))
          .add(Col.of(PROJECT, DataTypes.StringType, "Jira project key; GitHub repository owner/name."))
          .add(Col.of(TITLE, DataTypes.StringType, "Jira summary or GitHub title, of the newest export."))
          .add(Col.of(ISSUE_TYPE, DataTypes.StringType, "Jira issue type in English when the export says it (issuetype.untranslatedName), else the name as exported, which is in the exporting user's language (故事 for Story). Null for GitHub issues."))
          .add(Col.of(ISSUE_TYPE_LOCAL_NAME, DataTypes.StringType, "Jira issuetype.name exactly as exported (localised for the exporting user; one instance exported 10001 both as 故事 and as Story)."))
          .add(Col.of(ISSUE_TYPE_ID, DataTypes.StringType, "Jira issuetype.id: the same in every language, so work_items.flow_item_types and incident_types may name it instead of a localised name."))
          .add(Col.of(ISSUE_TYPE_LEVEL, DataTypes.IntegerType, "Jira issuetype.hierarchyLevel: 1 epic, 0 standard (story, task, bug), -1 sub-task."))
          .add(Col.required(FLOW_ITEM_TYPE, DataTypes.StringType, "feature, defect, risk or debt: the first of the issue type id, its English name, its exported name, then the labels in their order that work_items.flow_item_types lists (ignoring case); feature when none is listed."))
          .add(Col.required(IS_INCIDENT, DataTypes.BooleanType, "The issue type (id, English or exported name) or a label is in work_items.incident_types (ignoring case)."))
          .add(Col.required(STATUS, DataTypes.StringType, "Status name now (Jira status.name as exported; GitHub state open or closed)."))
          .add(Col.of(STATUS_ID, DataTypes.StringType, "Jira status id: authoritative, a renamed status keeps its id. Null for GitHub."))
          .add(Col.of(STATUS_CATEGORY, DataTypes.StringType, "todo, active, waiting or done now. Jira: by status id, the category work_items.status_categories gives to the id's newest name (ignoring case, then to any older name of it), else Jira's statusCategory.key of the newest record in that status (new -> todo, indeterminate -> active, done -> done; counted in the run log). GitHub: an open issue takes the category of its first label that status_categories lists, else todo; a closed one is done."))
          .add(Col.required(CREATED_AT, DataTypes.TimestampType, "When the item was created (Jira offsets such as +0800 converted to UTC)."))
          .add(Col.of(STARTED_AT, DataTypes.TimestampType, "First entry into an active or waiting status in the changelog (contract 6.5); null when it never started or the export has no changelog (GitHub issues)."))
          .add(Col.of(RESOLVED_AT, DataTypes.TimestampType, "Jira resolutiondate; GitHub closed_at of a closed issue."))
          .add(Col.of(DONE_AT, DataTypes.TimestampType, "Only when the item is done now: the last transition into a done status from a status whose category is known and not done (a done -> done move such as a workflow migration, or a move from an uncategorised status, is no entry); without such a transition in the changelog, resolved_at. GitHub: closed_at."))
          .add(Col.of(ASSIGNEE_IDENTITY, DataTypes.StringType, "The assignee as the system names it: Jira accountId (Server: name), GitHub login."))
          .add(Col.of(ASSIGNEE_PERSON_ID, DataTypes.StringType, "The assignee's person (people[].jira account ids, else emails; people[].github logins); unlisted: '<system>:<identity>'."))
          .add(Col.of(REPORTER_IDENTITY, DataTypes.StringType, "The reporter (Jira reporter accountId; GitHub the issue's user.login)."))
          .add(Col.of(REPORTER_PERSON_ID, DataTypes.StringType, "The reporter's person, resolved like assignee_person_id."))
          .add(Col.required(COMPONENTS, DataTypes.createArrayType(DataTypes.StringType), "Jira component names (services[].jira_components gives a team, contract 6.5); empty for GitHub."))
          .add(Col.required(TEAM, DataTypes.StringType, "The item's team (contract 6.5), of its newest export: the team of the service whose services[].jira_components holds one of its components (the first component listed by a service), else the assignee's people[].team, else unassigned. Decided when the export is read: a changed mapping applies from the item's next export."))
          .add(Col.required(LABELS, DataTypes.createArrayType(DataTypes.StringType), "Labels (Jira labels, GitHub label names), in the export's order."))
          .add(Col.of(PARENT_KEY, DataTypes.StringType, "Jira parent issue key (a sub-task's parent, or the epic of a story in team-managed projects); null for GitHub."))
          .add(Col.required(IS_SUBTASK, DataTypes.BooleanType, "Jira issuetype.subtask (hierarchyLevel -1); false for GitHub."))
          .add(LineageColumns.EXPORT_DATE_FIELD)
          .add(LineageColumns.SOURCE_FILE_FIELD)
          .add(LineageColumns.SOURCE_POSITION_FIELD)
          .add(WeekPartition.field(CREATED_AT));

  public static final TableDef TABLE =
      new TableDef(NAME, TableDef.Layer.NORMALISED, "one ticket (Jira issue or GitHub issue)", SCHEMA, List.of(SOURCE_SYSTEM, KEY),
          List.of(WeekPartition.COLUMN));
}
