package io.ttv.jobs.cli;

import io.ttv.jobs.UserError;
import io.ttv.jobs.pipeline.Pipeline;
import io.ttv.jobs.pipeline.Stage;
import io.ttv.jobs.spark.SparkSessions;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.raw.SourceDatasets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** One stage of the nightly run, as an Airflow task calls it. */
abstract class StageCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The ttv config (JSON).")
  Path config;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The logical date.")
  String date;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last date of a backfill (inclusive).")
  String to;

  @Option(
      names = "--source",
      paramLabel = "NAME",
      description = "Only this system (github, gitlab, ...); default: every enabled system.")
  String source;

  @Option(names = "--wait", description = "When another run holds the warehouse, wait for it instead of exiting 1.")
  boolean waitForLease;

  abstract Stage stage();

  @Override
  public Integer call() {
    TtvConfig cfg = Configs.load(config);
    LocalDate[] range = Dates.range(date, to);
    if (source != null) {
      if (!SourceDatasets.SYSTEMS.contains(source)) {
        throw new UserError("--source: unknown system '" + source + "' (expected one of " + String.join(", ", SourceDatasets.SYSTEMS) + ")");
      }
      if (SourceDatasets.supported().stream().noneMatch(d -> d.system().equals(source))) {
        throw new UserError("--source: system '" + source + "' is not supported by this version of ttv yet");
      }
    }
    Pipeline.run(SparkSessions.create("ttv " + stage().id()), cfg, stage().id(), range[0], range[1], List.of(stage()), source, waitForLease);
    return 0;
  }

  @Command(name = "ingest", mixinStandardHelpOptions = true, description = "Landing zone -> raw_* and quarantine for the export dates.")
  static final class Ingest extends StageCommand {
    @Override
    Stage stage() {
      return Stage.INGEST;
    }
  }

  @Command(name = "normalize", mixinStandardHelpOptions = true, description = "raw_* of the export dates -> normalised tables (MERGE), after the quality gate.")
  static final class Normalize extends StageCommand {
    @Override
    Stage stage() {
      return Stage.NORMALIZE;
    }
  }

  @Command(name = "facts", mixinStandardHelpOptions = true, description = "Normalised tables -> facts for late_data_days before --date up to --to.")
  static final class Facts extends StageCommand {
    @Override
    Stage stage() {
      return Stage.FACTS;
    }
  }
}
