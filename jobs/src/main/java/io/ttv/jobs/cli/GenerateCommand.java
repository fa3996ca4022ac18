package io.ttv.jobs.cli;

import io.ttv.jobs.UserError;
import io.ttv.jobs.generate.GenerateOptions;
import io.ttv.jobs.generate.GenerateResult;
import io.ttv.jobs.generate.SyntheticOrg;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a synthetic organisation's exports in the real API formats: DIR/landing/<system>/<dataset>/dt=.../",
      "and a matching config DIR/config.json (warehouse DIR/warehouse), ready for 'ttv run'."
    })
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(names = "--engineers", defaultValue = "40", paramLabel = "N", description = "Engineers in the organisation (default ${DEFAULT-VALUE}).")
  int engineers;

  @Option(names = "--days", defaultValue = "30", paramLabel = "D", description = "Days of activity (default ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Random seed; the same seed gives the same files (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--start", defaultValue = "2026-01-05", paramLabel = "YYYY-MM-DD", description = "First day (default ${DEFAULT-VALUE}).")
  String start;

  @Override
  public Integer call() {
    GenerateResult r = generate(out, engineers, days, seed, Dates.parse("--start", start));
    System.out.println("landing zone: " + r.landingDir());
    System.out.println("config:       " + r.configFile());
    System.out.println("dates:        " + r.firstDate() + " .. " + r.lastDate());
    r.recordsWritten().forEach((k, v) -> System.out.println("  " + k + ": " + v + " records"));
    return 0;
  }

  static GenerateResult generate(Path out, int engineers, int days, long seed, LocalDate start) {
    if (engineers < 1 || engineers > 100_000) {
      throw new UserError("--engineers: expected 1..100000, got " + engineers);
    }
    if (days < 1 || days > 3660) {
      throw new UserError("--days: expected 1..3660, got " + days);
    }
    return SyntheticOrg.generate(new GenerateOptions(out.toAbsolutePath(), engineers, days, seed, start));
  }
}
