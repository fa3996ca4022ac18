package io.ttv.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Measures wall time and size of bigger generations (off by default: set TTV_GENERATE_SCALE=1). The
 * output goes to a temporary folder that JUnit deletes afterwards.
 */
@EnabledIfEnvironmentVariable(named = "TTV_GENERATE_SCALE", matches = ".+")
class SyntheticOrgScaleTest {

  @ParameterizedTest
  @CsvSource({"50, 30", "400, 30"})
  void measure(int engineers, int days, @TempDir Path tmp) throws IOException {
    long start = System.nanoTime();
    GenerateResult r = SyntheticOrg.generate(
        new GenerateOptions(tmp, engineers, days, 42, GenerateOptions.DEFAULT_START));
    double seconds = (System.nanoTime() - start) / 1e9;
    long bytes;
    long files;
    try (Stream<Path> s = Files.walk(r.landingDir())) {
      long[] totals = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length())
          .collect(() -> new long[2], (a, v) -> { a[0] += v; a[1]++; },
              (a, b) -> { a[0] += b[0]; a[1] += b[1]; });
      bytes = totals[0];
      files = totals[1];
    }
    System.out.printf(Locale.ROOT, "generate engineers=%d days=%d: %.1f s, %d files, %.0f MB, %s%n",
        engineers, days, seconds, files, bytes / 1e6, r.recordsWritten());
    assertThat(files).isPositive();
  }
}
