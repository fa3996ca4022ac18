package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code dim_date}: one row per calendar date the facts cover (every date of every run's facts window). */
public final class DimDateTable {
  private DimDateTable() {}

  public static final String NAME = "dim_date";
  public static final String DATE = "date";
  public static final String YEAR = "year";
  public static final String QUARTER = "quarter";
  public static final String MONTH = "month";
  public static final String MONTH_NAME = "month_name";
  public static final String ISO_YEAR = "iso_year";
  public static final String ISO_WEEK = "iso_week";
  public static final String WEEK_START = "week_start";
  public static final String DAY_OF_WEEK = "day_of_week";
  public static final String DAY_NAME = "day_name";
  public static final String IS_WEEKEND = "is_weekend";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(DATE, DataTypes.DateType, "The date; join the facts' date column on it."))
          .add(Col.required(YEAR, DataTypes.IntegerType, "Calendar year."))
          .add(Col.required(QUARTER, DataTypes.IntegerType, "Quarter 1-4."))
          .add(Col.required(MONTH, DataTypes.IntegerType, "Month 1-12."))
          .add(Col.required(MONTH_NAME, DataTypes.StringType, "January..December."))
          .add(Col.required(ISO_YEAR, DataTypes.IntegerType, "ISO-8601 week-based year (differs from year around New Year)."))
          .add(Col.required(ISO_WEEK, DataTypes.IntegerType, "ISO-8601 week 1-53."))
          .add(Col.required(WEEK_START, DataTypes.DateType, "The Monday of the date's ISO week."))
          .add(Col.required(DAY_OF_WEEK, DataTypes.IntegerType, "ISO day of week: 1 = Monday .. 7 = Sunday."))
          .add(Col.required(DAY_NAME, DataTypes.StringType, "Monday..Sunday."))
          .add(Col.required(IS_WEEKEND, DataTypes.BooleanType, "Saturday or Sunday."));

  public static final TableDef TABLE =
      new TableDef(NAME, TableDef.Layer.DIMENSION, "one calendar date", SCHEMA, List.of(DATE), List.of());
}
