package io.ttv.jobs.pipeline;

import io.ttv.jobs.landing.LandingZone;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.raw.SourceDataset;
import io.ttv.schemas.raw.SourceDatasets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * One run: the config, the session, the logical dates {@code from..to} (the export dates read), and the
 * single {@code ingested_at} every raw and quarantine row of the run carries; {@code onlySystem}
 * (nullable) restricts the run to one source system ({@code --source}).
 */
public record RunContext(
    TtvConfig config,
    SparkSession spark,
    LocalDate from,
    LocalDate to,
    String runId,
    Instant ingestedAt,
    String onlySystem) {

  public LandingZone landing() {
    return new LandingZone(config.landingUri(), spark.sparkContext().hadoopConfiguration());
  }

  public String tablePath(String table) {
    return config.tablePath(table);
  }

  /** The datasets this build normalises, of the systems that are enabled (explicitly or by folder). */
  public List<SourceDataset> enabledDatasets() {
    LandingZone landing = landing();
    return SourceDatasets.supported().stream()
        .filter(d -> onlySystem == null || onlySystem.equals(d.system()))
        .filter(d -> config.isSourceEnabled(d.system(), landing.hasSystem(d.system())))
        .toList();
  }

  /** The bytes, as stored, of the landing files of the run's export dates in every enabled dataset. */
  public long landingBytes() {
    LandingZone landing = landing();
    return enabledDatasets().stream().mapToLong(d -> landing.bytes(d.system(), d.dataset(), from, to)).sum();
  }

  /** Facts are recomputed for the run's dates and the {@code late_data_days} before them. */
  public LocalDate factsFrom() {
    return from.minusDays(config.lateDataDays());
  }

  public String exportDateRange(String column) {
    return column + " >= DATE'" + from + "' AND " + column + " <= DATE'" + to + "'";
  }
}
