package io.ttv.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.jobs.cli.CliTest;
import io.ttv.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ttv bench} and {@code ttv bench walk} run end to end on tiny sizes (no timings are asserted). */
class BenchCommandTest {
  @TempDir Path dir;

  @Test
  @Tag("bench") // four pipeline runs: about six minutes on a loaded 2-core machine; not in ./test (see README)
  void pipelineBenchPrintsTheTableAndWritesItsSection() throws Exception {
    TestSpark.session();
    Path md = dir.resolve("benchmarks.md");
    CliTest.Outcome o = CliTest.ttv("bench", "--engineers", "4", "--days", "2", "--short-days", "1",
        "--dir", dir.resolve("work").toString(), "--out", md.toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out())
        .contains("| phase", "| floor: bare text -> Parquet", "| backfill ", "| nightly (long history)", "| nightly (short history)")
        .contains("backfill / floor:", "nightly(long) / nightly(short):");
    String text = Files.readString(md);
    assertThat(text).startsWith("# Benchmarks").contains("<!-- ttv bench: pipeline -->", "## Pipeline: `ttv bench --engineers 4 --days 2");
    // the generated landing zone holds one day more than the history: the nightly's day
    assertThat(dir.resolve("work/landing/git/log/dt=2026-01-07")).isDirectory();
  }

  @Test
  @Tag("bench") // a warm-up and two histories, eight walks: about a minute on a loaded 2-core machine; not in ./test
  void walkBenchShipsEveryMainlineCommitOnce() throws Exception {
    TestSpark.session();
    Path md = dir.resolve("benchmarks.md");
    CliTest.Outcome o = CliTest.ttv("bench", "walk", "--commits", "2000", "--deployments", "20", "--nightlies", "1", "--out", md.toString());
    assertThat(o.code()).as(o.err()).isZero();
    // A deployment every 100 commits: the 20th deploys commit 1,999 (a block tip), and 6 of every 8
    // commits ship: 2,000 commits, 1,500 shipped. The quarter history (5 deployments) ends at the tip at or
    // before commit 499: 495, so 496 commits, 372 shipped. Each nightly appends 16 commits: 12 ship.
    assertThat(o.out()).contains("| long (N)", "2,000", "1,500", "| short (N/4) |     496 ", " 372 |", " 12 |");
    assertThat(Files.readString(md)).contains("<!-- ttv bench: walk -->", "## Commit-graph walk");
  }

  @Test
  void aRunReplacesOnlyItsOwnSection() throws Exception {
    Path md = dir.resolve("b.md");
    BenchmarksFile.writeSection(md, "pipeline", "## P\nfirst");
    BenchmarksFile.writeSection(md, "walk", "## W\nwalk");
    BenchmarksFile.writeSection(md, "pipeline", "## P\nsecond");
    String text = Files.readString(md);
    assertThat(text).contains("second", "walk").doesNotContain("first");
    assertThat(text.indexOf("## P")).isLessThan(text.indexOf("## W"));
  }

  @Test
  void tooManyDeploymentsIsAUsageError() {
    CliTest.Outcome o = CliTest.ttv("bench", "walk", "--commits", "100", "--deployments", "50", "--no-write");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("--deployments").doesNotContain("\tat ");
  }
}
