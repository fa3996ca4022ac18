package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code work_item_transitions}: one status change of a work item, from the Jira changelog. Rows MERGE on
 * their key, so a later export whose changelog is shorter (Jira pages changelogs of more than 100
 * histories) never deletes a transition an earlier export showed. GitHub issue exports carry no
 * changelog and give no rows.
 */
public final class WorkItemTransitionsTable {
  private WorkItemTransitionsTable() {}

  public static final String NAME = "work_item_transitions";
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String KEY = "key";
  public static final String TRANSITION_ID = "transition_id";
  public static final String AT = "at";
  public static final String FROM_STATUS = "from_status";
  public static final String FROM_STATUS_ID = "from_status_id";
  public static final String TO_STATUS = "to_status";
  public static final String TO_STATUS_ID = "to_status_id";
  public static final String FROM_CATEGORY = "from_category";
  public static final String TO_CATEGORY = "to_category";
  public static final String BY_PERSON_ID = "by_person_id";
  public static final String SECONDS_IN_FROM_STATUS = "seconds_in_from_status";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "Where the change was read: jira."))
          .add(Col.required(KEY, DataTypes.StringType, "The work item's key (work_items.key)."))
          .add(Col.required(TRANSITION_ID, DataTypes.StringType, "'<changelog history id>-<index of the status item in that history>': stable across exports."))
          .add(Col.required(AT, DataTypes.TimestampType, "When the status changed (the history's created, converted to UTC)."))
          .add(Col.of(FROM_STATUS, DataTypes.StringType, "The status left, named as it was then (fromString; a renamed status shows its old name here)."))
          .add(Col.of(FROM_STATUS_ID, DataTypes.StringType, "Id of the status left: authoritative across renames."))
          .add(Col.of(TO_STATUS, DataTypes.StringType, "The status entered, named as it was then (toString)."))
          .add(Col.of(TO_STATUS_ID, DataTypes.StringType, "Id of the status entered."))
          .add(Col.of(FROM_CATEGORY, DataTypes.StringType, "todo, active, waiting or done of from_status_id, mapped by id like work_items.status_category: every transition of one status id has one category whatever it was called then. Null when neither the config knows any of its names nor an exported item is in it now (counted in the run log)."))
          .add(Col.of(TO_CATEGORY, DataTypes.StringType, "The category of to_status_id, as from_category."))
          .add(Col.of(BY_PERSON_ID, DataTypes.StringType, "Who changed it (the history's author: people[].jira account ids, else emails); unlisted: 'jira:<accountId>'."))
          .add(Col.of(SECONDS_IN_FROM_STATUS, DataTypes.DoubleType, "Seconds the item spent in from_status: at - the previous transition's at (in time order), or at - the item's created_at for its first transition."))
          .add(LineageColumns.EXPORT_DATE_FIELD)
          .add(LineageColumns.SOURCE_FILE_FIELD)
          .add(LineageColumns.SOURCE_POSITION_FIELD)
          .add(WeekPartition.field(AT));

  public static final TableDef TABLE =
      new TableDef(
          NAME, TableDef.Layer.NORMALISED, "one status change of a work item", SCHEMA, List.of(SOURCE_SYSTEM, KEY, TRANSITION_ID),
          List.of(WeekPartition.COLUMN));
}
