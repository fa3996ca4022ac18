package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code quarantine}: every file or record that could not be read or normalised, with a reason. */
public final class QuarantineTable {
  private QuarantineTable() {}

  public static final String NAME = "quarantine";
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String DATASET = "dataset";
  public static final String FILE = "file";
  public static final String POSITION = "position";
  public static final String REASON = "reason";
  public static final String RAW_TEXT = "raw_text";
  public static final String EXPORT_DATE = "export_date";
  public static final String INGESTED_AT = "ingested_at";
  public static final String STAGE = "stage";

  /** Stage values: where the problem was found. */
  public static final String STAGE_INGEST = "ingest";

  public static final String STAGE_NORMALIZE = "normalize";

  /** At most this much of a bad file or record is kept in {@code raw_text}. */
  public static final int RAW_TEXT_LIMIT = 64 * 1024;

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "The system the export came from."))
          .add(Col.required(DATASET, DataTypes.StringType, "The dataset (API endpoint) of the system."))
          .add(Col.required(FILE, DataTypes.StringType, "The landing file (full URI)."))
          .add(Col.of(POSITION, DataTypes.LongType, "Index of the record in its file (from 0); null when the whole file (or its unreadable rest) is quarantined."))
          .add(Col.required(REASON, DataTypes.StringType, "What is wrong, in words a person can act on (names the field, the limit or the JSON error)."))
          .add(Col.of(RAW_TEXT, DataTypes.StringType, "The record as received, or the first 64 KB of the file or record."))
          .add(Col.required(EXPORT_DATE, DataTypes.DateType, "The export date (dt= folder) of the file."))
          .add(Col.required(INGESTED_AT, DataTypes.TimestampType, "When ttv read the file (UTC)."))
          .add(Col.required(STAGE, DataTypes.StringType, "Where the problem was found: 'ingest' (the file or record is not readable JSON; it is not in raw_*) or 'normalize' (the record is in raw_* but lacks what the tables need)."));

  public static final TableDef TABLE =
      new TableDef(
          NAME,
          TableDef.Layer.SYSTEM,
          "one quarantined file or record",
          SCHEMA,
          List.of(SOURCE_SYSTEM, DATASET, FILE, POSITION, STAGE),
          List.of());
}
