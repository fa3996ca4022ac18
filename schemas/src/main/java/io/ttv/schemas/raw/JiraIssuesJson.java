package io.ttv.schemas.raw;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Jira REST issues ({@code /rest/api/2|3/search} and the agile board's {@code /issue}, both with
 * {@code expand=changelog}) for {@code from_json}: only the fields ttv reads of the 100+ the issue has.
 * Ids are read as text (Jira writes issue and status ids as strings; a number would be read as its text
 * too); timestamps as text, checked when converted ({@code 2020-06-12T08:33:57.204+0800}).
 */
public final class JiraIssuesJson {
  private JiraIssuesJson() {}

  /** Cloud names users by accountId; Server and Data Center by name/key. */
  private static final StructType USER =
      new StructType().add("accountId", StringType).add("name", StringType).add("key", StringType).add("emailAddress", StringType);

  private static final StructType STATUS =
      new StructType()
          .add("id", StringType)
          .add("name", StringType)
          .add("untranslatedName", StringType)
          .add("statusCategory", new StructType().add("id", StringType).add("key", StringType));

  private static final StructType ISSUE_TYPE =
      new StructType()
          .add("id", StringType)
          .add("name", StringType)
          .add("untranslatedName", StringType)
          .add("subtask", BooleanType)
          .add("hierarchyLevel", IntegerType);

  private static final StructType FIELDS =
      new StructType()
          .add("summary", StringType)
          .add("created", StringType)
          .add("resolutiondate", StringType)
          .add("project", new StructType().add("key", StringType))
          .add("issuetype", ISSUE_TYPE)
          .add("status", STATUS)
          .add("assignee", USER)
          .add("reporter", USER)
          .add("labels", DataTypes.createArrayType(StringType))
          .add("components", DataTypes.createArrayType(new StructType().add("name", StringType)))
          .add("parent", new StructType().add("key", StringType));

  /** One changed field of a history; for {@code field == "status"} from/to are status ids. */
  private static final StructType HISTORY_ITEM =
      new StructType()
          .add("field", StringType)
          .add("fieldtype", StringType)
          .add("from", StringType)
          .add("fromString", StringType)
          .add("to", StringType)
          .add("toString", StringType);

  private static final StructType HISTORY =
      new StructType()
          .add("id", StringType)
          .add("created", StringType)
          .add("author", USER)
          .add("items", DataTypes.createArrayType(HISTORY_ITEM));

  /** {@code changelog.histories} are newest first; {@code total} > their number when Jira cut them at 100. */
  private static final StructType CHANGELOG =
      new StructType().add("total", LongType).add("histories", DataTypes.createArrayType(HISTORY));

  public static final StructType ISSUE =
      new StructType().add("id", StringType).add("key", StringType).add("fields", FIELDS).add("changelog", CHANGELOG);
}
