package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code raw_<system>_<dataset>}: one row per record exactly as the landing zone delivered it. Every raw
 * table has the same columns; the record itself stays JSON text so nothing a user delivered is lost, and
 * normalisation parses it with an explicit schema.
 */
public final class RawTables {
  private RawTables() {}

  public static final String SOURCE_SYSTEM = "source_system";
  public static final String DATASET = "dataset";
  public static final String EXPORT_DATE = "export_date";
  public static final String SOURCE_FILE = "source_file";
  public static final String POSITION = "position";
  public static final String RECORD = "record";
  public static final String PATH_PARAMS = "path_params";
  public static final String INGESTED_AT = "ingested_at";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "The system the export came from (github, gitlab, ...)."))
          .add(Col.required(DATASET, DataTypes.StringType, "The dataset (API endpoint) of the system, e.g. workflow_runs."))
          .add(Col.required(EXPORT_DATE, DataTypes.DateType, "The export date: the dt= folder of the landing zone the file was in."))
          .add(Col.required(SOURCE_FILE, DataTypes.StringType, "The landing file the record was read from (full URI)."))
          .add(Col.required(POSITION, DataTypes.LongType, "Index of the record in its file, from 0, counting every record including quarantined ones (git log: the line index, from 0)."))
          .add(Col.required(RECORD, DataTypes.StringType, "The record as JSON text (one element of the API page); for git log, the line exactly as written."))
          .add(Col.of(PATH_PARAMS, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
              "Hive-style key=value folders between the dt= folder and the file (URL-decoded), e.g. repo -> owner/name."))
          .add(Col.required(INGESTED_AT, DataTypes.TimestampType, "When ttv read the record (UTC); the only time-of-run column besides quarantine and ttv_runs."));

  public static String tableName(String system, String dataset) {
    return "raw_" + system + "_" + dataset;
  }

  public static TableDef table(String system, String dataset) {
    return new TableDef(
        tableName(system, dataset),
        TableDef.Layer.RAW,
        "one record of " + system + " " + dataset + " as received, per export date, file and position",
        SCHEMA,
        List.of(EXPORT_DATE, SOURCE_FILE, POSITION),
        List.of(EXPORT_DATE));
  }
}
