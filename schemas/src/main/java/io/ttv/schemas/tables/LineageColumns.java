package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Where a normalised row's current version came from. "The version from the newest export date wins
 * (within one export date: the later file name, then the later position)": these three columns are that
 * order, and MERGE only replaces a row with a version that is not older.
 */
public final class LineageColumns {
  private LineageColumns() {}

  public static final String EXPORT_DATE = "export_date";
  public static final String SOURCE_FILE = "source_file";
  public static final String SOURCE_POSITION = "source_position";
  /** The system a normalised row came from, where its table names it (most do, as the first key column). */
  public static final String SOURCE_SYSTEM = "source_system";

  public static final StructField EXPORT_DATE_FIELD =
      Col.required(EXPORT_DATE, DataTypes.DateType, "Export date of the version of the record this row shows (the newest wins).");
  public static final StructField SOURCE_FILE_FIELD =
      Col.required(SOURCE_FILE, DataTypes.StringType, "Landing file of that version.");
  public static final StructField SOURCE_POSITION_FIELD =
      Col.required(SOURCE_POSITION, DataTypes.LongType, "Position of that version in its file.");
}
