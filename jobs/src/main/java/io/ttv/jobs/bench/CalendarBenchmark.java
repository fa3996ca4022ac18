package io.ttv.jobs.bench;

import io.ttv.jobs.Progress;
import io.ttv.jobs.UserError;
import io.ttv.jobs.generate.GenerateOptions;
import io.ttv.jobs.generate.GenerateResult;
import io.ttv.jobs.generate.SyntheticOrg;
import io.ttv.jobs.pipeline.Pipeline;
import io.ttv.jobs.pipeline.Stage;
import io.ttv.jobs.spark.SparkSessions;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.CalendarAttendanceTable;
import io.ttv.schemas.tables.CalendarEventsTable;
import io.ttv.schemas.tables.FactPersonDayTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ttv bench calendars}: the calendar pipeline (ingest, normalize with recurrence expansion, the
 * facts stage with {@code fact_person_day}) on a generated organisation of {@code --people} people whose
 * meetings span {@code --days} days (the "Calendars" issue, its Speed section: 400 people x 1 year). Every
 * person's calendar is exported on the last day only (a year of daily exports is not needed to show what
 * the expansion costs: each export holds every series of the year). Two runs of that day on fresh
 * warehouses, after a warm-up run that is not reported:
 *
 * <ul>
 *   <li><b>nightly</b>: {@code late_data_days} 7, as a nightly run is configured: each record expands only
 *       the occurrences of its window (about nine days);
 *   <li><b>whole year</b>: {@code late_data_days} = the days, so the same records expand the year.
 * </ul>
 */
public final class CalendarBenchmark {
  private CalendarBenchmark() {}

  static final int NIGHTLY_LATE_DAYS = 7;

  public record Options(int people, int days, long seed, Path dir) {
    public Options {
      if (people < 2 || people > GenerateOptions.MAX_ENGINEERS) {
        throw new UserError("--people: expected 2.." + GenerateOptions.MAX_ENGINEERS + ", got " + people);
      }
      if (days < 8 || days > 3_660) {
        throw new UserError("--days: expected 8..3660, got " + days);
      }
    }
  }

  /** One timed run of the export date. */
  public record Run(String label, int lateDataDays, long rawRecords, long events, long attendance, long personDays, double seconds, long peakRss) {
    String[] cells() {
      return new String[] {
        label,
        Integer.toString(lateDataDays),
        String.format(Locale.ROOT, "%,d", rawRecords),
        String.format(Locale.ROOT, "%,d", events),
        String.format(Locale.ROOT, "%,d", attendance),
        String.format(Locale.ROOT, "%,d", personDays),
        String.format(Locale.ROOT, "%.1f", seconds),
        peakRss < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", Math.round(peakRss / Measurement.MB))
      };
    }
  }

  static final String[] HEADER = {
    "run", "late_data_days", "raw records", "calendar_events", "calendar_attendance", "fact_person_day", "seconds", "peak RSS MB"
  };

  public record Result(Options options, Host host, long files, long bytes, double generateSeconds, LocalDate exportDate, List<Run> runs) {
    public List<String> table() {
      List<String> out = new ArrayList<>(BenchmarksFile.table(HEADER, runs.stream().map(Run::cells).toList()));
      Run nightly = runs.get(0);
      Run year = runs.get(1);
      out.add("");
      out.add(String.format(Locale.ROOT, "whole year / nightly: occurrences x%.1f, attendance x%.1f, seconds x%.2f",
          (double) year.events() / Math.max(1, nightly.events()), (double) year.attendance() / Math.max(1, nightly.attendance()),
          year.seconds() / nightly.seconds()));
      return out;
    }

    public String markdown() {
      List<String> md = new ArrayList<>();
      md.add("## Calendars: `ttv bench calendars --people " + options.people() + " --days " + options.days() + "`");
      md.add("");
      md.addAll(host.describe());
      md.add(String.format(Locale.ROOT, "- landing zone: %,d people's calendars exported on %s (meetings from %s on): %,d files, %.1f MB "
          + "(ICS; every tenth person from the 4th by Google Calendar's API, from the 7th by Microsoft Graph's); generated in %.1f s, not timed",
          options.people(), exportDate, exportDate.minusDays(options.days() - 1L), files, bytes / Measurement.MB, generateSeconds));
      md.add("");
      md.addAll(table());
      md.add("");
      md.add("How it was measured (one JVM, after a warm-up run of the same files that is not reported):");
      md.add("");
      md.add("- each run: `Pipeline.run` of the export date with the stages ingest, normalize and facts (what `ttv run --date "
          + exportDate + "` does with only the calendar sources enabled) on a fresh warehouse.");
      md.add("- **nightly**: `late_data_days` " + NIGHTLY_LATE_DAYS + ": each record expands the occurrences of its window "
          + "(docs/metrics.md, \"Calendar window\"): the recomputed days and a day each side.");
      md.add("- **whole year**: `late_data_days` " + options.days() + ": the same records expand every occurrence of the year, "
          + "what a reader without a window would do every night. The Graph people's `calendarView` pages hold only the "
          + "export date plus and minus 7 days, so their occurrences do not grow.");
      md.add("- calendar_events and calendar_attendance: rows written (occurrences, occurrence x person); fact_person_day: "
          + "person x local date rows of the facts window.");
      return String.join("\n", md) + "\n";
    }
  }

  public static Result run(Options o) {
    String load = Host.loadAverage();
    long others = Host.otherJvms();
    Path dir = o.dir().toAbsolutePath().normalize();
    LocalDate start = LocalDate.of(2026, 1, 5);
    LocalDate exportDate = start.plusDays(o.days() - 1L);
    Progress.info(String.format(Locale.ROOT, "bench calendars: generating %,d people's calendars over %,d days", o.people(), o.days()));
    Instant t = Instant.now();
    GenerateResult gen = SyntheticOrg.calendars(new GenerateOptions(dir.resolve("org"), o.people(), o.days(), o.seed(), start), List.of(exportDate));
    double generateSeconds = PipelineBenchmark.seconds(t);
    long[] size = size(gen.landingDir());

    SparkSession spark = SparkSessions.create("ttv bench calendars");
    Host host = Host.of(spark, load, others);
    boolean perPhase = Rss.resetPeak();
    timed(spark, config(gen, dir, "warm-up", NIGHTLY_LATE_DAYS), "warm-up", exportDate, perPhase);
    List<Run> runs = new ArrayList<>();
    runs.add(timed(spark, config(gen, dir, "nightly", NIGHTLY_LATE_DAYS), "nightly", exportDate, perPhase));
    runs.add(timed(spark, config(gen, dir, "year", o.days()), "whole year", exportDate, perPhase));
    return new Result(o, host, size[0], size[1], generateSeconds, exportDate, runs);
  }

  private static Run timed(SparkSession spark, TtvConfig cfg, String label, LocalDate date, boolean perPhase) {
    Progress.info("bench calendars: " + label + " run of " + date + " (late_data_days " + cfg.lateDataDays() + ")");
    PipelineBenchmark.prepare(perPhase);
    Instant t = Instant.now();
    Pipeline.Result r = Pipeline.run(spark, cfg, "bench calendars " + label, date, date, Stage.tableStages());
    double s = PipelineBenchmark.seconds(t);
    long peak = Rss.peakBytes();
    long raw = r.read().values().stream().mapToLong(Long::longValue).sum();
    return new Run(label, cfg.lateDataDays(), raw, count(spark, cfg, CalendarEventsTable.NAME), count(spark, cfg, CalendarAttendanceTable.NAME),
        count(spark, cfg, FactPersonDayTable.NAME), s, peak);
  }

  private static long count(SparkSession spark, TtvConfig cfg, String table) {
    return spark.read().format("delta").load(cfg.tablePath(table)).count();
  }

  /** The generated config with its own warehouse and late_data_days. */
  private static TtvConfig config(GenerateResult gen, Path dir, String name, int lateDataDays) {
    return PipelineBenchmark.config(gen.configFile(), dir.resolve(name + ".json"), dir.resolve("warehouse-" + name), lateDataDays);
  }

  private static long[] size(Path landing) {
    try (Stream<Path> files = Files.walk(landing)) {
      long[] n = new long[2];
      files.filter(Files::isRegularFile).forEach(f -> {
        n[0]++;
        try {
          n[1] += Files.size(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + landing, e);
    }
  }
}
