package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code ttv_runs}: the run history, one row per command that wrote the warehouse. */
public final class TtvRunsTable {
  private TtvRunsTable() {}

  public static final String NAME = "ttv_runs";
  public static final String RUN_ID = "run_id";
  public static final String COMMAND = "command";
  public static final String DATE_FROM = "date_from";
  public static final String DATE_TO = "date_to";
  public static final String STAGES = "stages";
  public static final String STARTED_AT = "started_at";
  public static final String FINISHED_AT = "finished_at";
  public static final String OUTCOME = "outcome";
  public static final String EXIT_CODE = "exit_code";
  public static final String MESSAGE = "message";
  public static final String HOST = "host";
  public static final String PID = "pid";
  public static final String RECORDS_READ = "records_read";
  public static final String RECORDS_QUARANTINED = "records_quarantined";
  public static final String IDENTITIES_MATCHED = "identities_matched";
  public static final String IDENTITIES_UNMATCHED = "identities_unmatched";
  public static final String IDENTITIES_BOTS = "identities_bots";

  private static final org.apache.spark.sql.types.DataType COUNTS =
      DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType);

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(RUN_ID, DataTypes.StringType, "Unique id of the run (a UUID)."))
          .add(Col.required(COMMAND, DataTypes.StringType, "The ttv command: run, ingest, normalize, facts, ..."))
          .add(Col.required(DATE_FROM, DataTypes.DateType, "First logical date of the run."))
          .add(Col.required(DATE_TO, DataTypes.DateType, "Last logical date of the run (= date_from for a nightly run)."))
          .add(Col.required(STAGES, DataTypes.StringType, "Stages the run executed, comma-separated."))
          .add(Col.required(STARTED_AT, DataTypes.TimestampType, "When the run started (UTC)."))
          .add(Col.of(FINISHED_AT, DataTypes.TimestampType, "When the run ended (UTC); null while running or when it was killed."))
          .add(Col.required(OUTCOME, DataTypes.StringType, "running, succeeded, failed (unexpected error), gated (the data-quality gate stopped it: exit 3)."))
          .add(Col.of(EXIT_CODE, DataTypes.IntegerType, "The process exit code; null while running."))
          .add(Col.of(MESSAGE, DataTypes.StringType, "One line on why the run failed or was gated; null on success."))
          .add(Col.of(HOST, DataTypes.StringType, "Host the run ran on."))
          .add(Col.of(PID, DataTypes.LongType, "Process id of the run's driver."))
          .add(Col.of(RECORDS_READ, COUNTS, "Records read per <system>/<dataset> in this run."))
          .add(Col.of(RECORDS_QUARANTINED, COUNTS, "Records (or whole files) quarantined per <system>/<dataset> in this run."))
          .add(Col.of(IDENTITIES_MATCHED, COUNTS, "Distinct identities (logins, emails, account ids) seen in this run's normalised records that a person of the config lists, per system."))
          .add(Col.of(IDENTITIES_UNMATCHED, COUNTS, "Distinct identities seen that no person lists and that are not bots, per system (kept as unmatched people)."))
          .add(Col.of(IDENTITIES_BOTS, COUNTS, "Distinct identities seen that match the bots regex, per system."));

  public static final TableDef TABLE =
      new TableDef(NAME, TableDef.Layer.SYSTEM, "one ttv run", SCHEMA, List.of(RUN_ID), List.of());
}
