package io.ttv.jobs.cli;

import io.ttv.jobs.Progress;
import io.ttv.jobs.UserError;
import io.ttv.jobs.bench.BenchmarksFile;
import io.ttv.jobs.bench.CalendarBenchmark;
import io.ttv.jobs.bench.PipelineBenchmark;
import io.ttv.jobs.bench.WalkBenchmark;
import io.ttv.jobs.generate.GenerateOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    subcommands = {BenchCommand.Walk.class, BenchCommand.Calendars.class},
    description = {
      "The benchmark: generates an organisation (D+1 days), then in one JVM times the JVM and Spark start, a bare",
      "Spark copy of the same files to Parquet (the floor), the backfill of days 1..D, and the nightly run of day D+1",
      "after that long history and after a short one. Prints the table and the ratios backfill/floor and",
      "nightly(long)/nightly(short), and writes them with the machine and versions to docs/benchmarks.md.",
      "'ttv bench walk' benchmarks the commit-graph walk alone; 'ttv bench calendars' the calendar pipeline."
    })
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--engineers", defaultValue = "50", paramLabel = "N", description = "Engineers in the generated organisation (default ${DEFAULT-VALUE}).")
  int engineers;

  @Option(names = "--days", defaultValue = "30", paramLabel = "D", description = "Days of history the backfill reads (default ${DEFAULT-VALUE}); one more day is generated for the nightly run.")
  int days;

  @Option(names = "--short-days", defaultValue = "7", paramLabel = "S", description = "Days of the short history the second nightly runs after (default ${DEFAULT-VALUE}, at most D).")
  int shortDays;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Generator seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Mixin Output output;

  @Override
  public Integer call() {
    if (days < 1 || days + 1 > GenerateOptions.MAX_DAYS) {
      throw new UserError("--days: expected 1.." + (GenerateOptions.MAX_DAYS - 1) + ", got " + days);
    }
    if (shortDays < 1 || shortDays > days) {
      throw new UserError("--short-days: expected 1.." + days + " (--days), got " + shortDays);
    }
    if (engineers < 1 || engineers > GenerateOptions.MAX_ENGINEERS) {
      throw new UserError("--engineers: expected 1.." + GenerateOptions.MAX_ENGINEERS + ", got " + engineers);
    }
    return output.inWorkDir("ttv-bench-", dir -> {
      PipelineBenchmark.Result r = PipelineBenchmark.run(new PipelineBenchmark.Options(engineers, days, shortDays, seed, dir));
      output.print(r.table(), r.markdown(), "pipeline");
    });
  }

  @Command(
      name = "walk",
      mixinStandardHelpOptions = true,
      description = {
        "Benchmarks the commit-graph walk (the facts stage's shipping step) on a generated repository written as Delta",
        "tables: the backfill walk of every deployment and nightly walks of one new deployment each, at a quarter of",
        "the history and at all of it. Prints the table and writes it to docs/benchmarks.md."
      })
  static final class Walk implements Callable<Integer> {
    @Option(names = "--commits", defaultValue = "200000", paramLabel = "N", description = "Commits of the full history (default ${DEFAULT-VALUE}).")
    long commits;

    @Option(names = "--deployments", defaultValue = "2000", paramLabel = "M", description = "Production deployments over the full history (default ${DEFAULT-VALUE}).")
    long deployments;

    @Option(names = "--nightlies", defaultValue = "3", paramLabel = "K", description = "Nightly walks per history, each of one new deployment (default ${DEFAULT-VALUE}); the median is compared.")
    int nightlies;

    @Mixin Output output;

    @Override
    public Integer call() {
      WalkBenchmark.Options o = new WalkBenchmark.Options(commits, deployments, nightlies, Path.of("."));
      return output.inWorkDir("ttv-bench-walk-", dir -> {
        WalkBenchmark.Result r = WalkBenchmark.run(new WalkBenchmark.Options(o.commits(), o.deployments(), o.nightlies(), dir));
        output.print(r.table(), r.markdown(), "walk");
      });
    }
  }

  @Command(
      name = "calendars",
      mixinStandardHelpOptions = true,
      description = {
        "Benchmarks the calendar pipeline: generates P people's calendars whose meetings span D days, exported on the",
        "last day, then times the run of that day as a nightly (late_data_days 7: each record expands only its window)",
        "and over the whole year (late_data_days D), each on a fresh warehouse. Prints the table and writes it to",
        "docs/benchmarks.md."
      })
  static final class Calendars implements Callable<Integer> {
    @Option(names = "--people", defaultValue = "400", paramLabel = "P", description = "People whose calendars are exported (default ${DEFAULT-VALUE}).")
    int people;

    @Option(names = "--days", defaultValue = "365", paramLabel = "D", description = "Days the meetings span, ending on the export date (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin Output output;

    @Override
    public Integer call() {
      CalendarBenchmark.Options o = new CalendarBenchmark.Options(people, days, seed, Path.of("."));
      return output.inWorkDir("ttv-bench-calendars-", dir -> {
        CalendarBenchmark.Result r = CalendarBenchmark.run(new CalendarBenchmark.Options(o.people(), o.days(), o.seed(), dir));
        output.print(r.table(), r.markdown(), "calendars");
      });
    }
  }

  /** Where results go and where the work happens (options shared by the benchmarks). */
  static final class Output {
    @Option(names = "--out", defaultValue = "docs/benchmarks.md", paramLabel = "FILE", description = "Markdown file to write the results to (default ${DEFAULT-VALUE}, relative to the current folder); the benchmark's own section is replaced.")
    Path file;

    @Option(names = "--no-write", description = "Print the results only.")
    boolean noWrite;

    @Option(names = "--dir", paramLabel = "DIR", description = "Work folder, kept afterwards (default: a new temporary folder, deleted afterwards).")
    Path dir;

    interface Body {
      void run(Path dir);
    }

    int inWorkDir(String prefix, Body body) {
      Path work;
      try {
        work = dir != null ? Files.createDirectories(dir.toAbsolutePath().normalize()) : Files.createTempDirectory(prefix);
      } catch (IOException e) {
        throw new UserError("--dir: cannot create " + (dir == null ? "a temporary folder" : dir) + ": " + e.getMessage());
      }
      try {
        body.run(work);
      } finally {
        if (dir == null) {
          delete(work);
        }
      }
      return 0;
    }

    void print(List<String> table, String markdown, String section) {
      PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
      out.println();
      table.forEach(out::println);
      if (!noWrite) {
        BenchmarksFile.writeSection(file, section, markdown);
        out.println();
        out.println("written to " + file.toAbsolutePath().normalize());
      }
      out.flush();
    }

    private static void delete(Path root) {
      try (Stream<Path> paths = Files.walk(root)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> {
          try {
            Files.deleteIfExists(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      } catch (IOException | UncheckedIOException e) {
        Progress.info("could not delete the work folder " + root + ": " + e.getMessage());
      }
    }
  }
}
