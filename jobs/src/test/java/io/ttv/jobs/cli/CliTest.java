package io.ttv.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the command line for user mistakes: exit 2, one line each, no stack trace. */
public class CliTest {
  @TempDir Path dir;

  public record Outcome(int code, String out, String err) {}

  public static synchronized Outcome ttv(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = TtvCommand.execute(args);
      return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void validConfigIsConfirmed() throws Exception {
    Path cfg = dir.resolve("ok.json");
    Files.writeString(cfg, "{\"warehouse\":\"" + dir.resolve("wh") + "\",\"landing\":\"" + dir.resolve("landing") + "\"}");
    Outcome o = ttv("validate-config", cfg.toString());
    assertThat(o.code()).isZero();
    assertThat(o.out()).contains("config OK");
  }

  @Test
  void everyConfigProblemIsOneLineNamingItsPath() throws Exception {
    Path cfg = dir.resolve("bad.json");
    Files.writeString(
        cfg,
        "{\"warehouse\":\"/tmp/w\",\"landing\":\"/tmp/l\",\"reporting_timezone\":\"Europe/Berln\",\"late_data_days\":\"7\","
            + "\"teams\":[{\"name\":\"a\",\"working_hours\":{\"stat\":\"09:00\"}}],\"deployments\":{\"manual_jobs\":\"(unclosed\"}}");
    Outcome o = ttv("validate-config", cfg.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err())
        .contains("$.reporting_timezone")
        .contains("$.late_data_days")
        .contains("$.teams[0].working_hours.stat")
        .contains("$.deployments.manual_jobs")
        .doesNotContain("\tat ");
  }

  @Test
  void aRunWithABadConfigStopsBeforeSpark() throws Exception {
    Path cfg = dir.resolve("bad.json");
    Files.writeString(cfg, "{\"landing\":\"/tmp/l\"}");
    Outcome o = ttv("run", "--config", cfg.toString(), "--date", "2026-01-05");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("$.warehouse").doesNotContain("\tat ");
  }

  @Test
  void missingConfigFileBadDatesAndUnknownStagesAreUsageErrors() throws Exception {
    assertThat(ttv("run", "--config", dir.resolve("nope.json").toString(), "--date", "2026-01-05").code()).isEqualTo(2);
    Path cfg = dir.resolve("ok.json");
    Files.writeString(cfg, "{\"warehouse\":\"" + dir.resolve("wh") + "\",\"landing\":\"" + dir.resolve("landing") + "\"}");
    Outcome badDate = ttv("run", "--config", cfg.toString(), "--date", "2026-13-05");
    assertThat(badDate.code()).isEqualTo(2);
    assertThat(badDate.err()).contains("--date").contains("2026-13-05");
    Outcome backwards = ttv("run", "--config", cfg.toString(), "--date", "2026-01-05", "--to", "2026-01-01");
    assertThat(backwards.code()).isEqualTo(2);
    Outcome stage = ttv("run", "--config", cfg.toString(), "--date", "2026-01-05", "--stages", "ingest,bake");
    assertThat(stage.code()).isEqualTo(2);
    assertThat(stage.err()).contains("unknown stage 'bake'");
    assertThat(ttv("ingest", "--config", cfg.toString(), "--date", "2026-01-05", "--source", "svn").err()).contains("unknown system 'svn'");
    assertThat(ttv("run", "--date", "2026-01-05").code()).isEqualTo(2);
    assertThat(ttv("frobnicate").code()).isEqualTo(2);
  }

  @Test
  void reportUsageErrorsAreOneLine() {
    Outcome date = ttv("report", "--config", "x.json", "--date", "2026-13-01");
    assertThat(date.code()).isEqualTo(2);
    assertThat(date.err()).contains("--date: expected a date").doesNotContain("\tat ");
    Outcome weeks = ttv("report", "--config", "x.json", "--date", "2026-01-05", "--weeks", "0");
    assertThat(weeks.code()).isEqualTo(2);
    assertThat(weeks.err()).contains("--weeks: must be 1 or more");
  }

  @Test
  void publishWithoutABiDatabaseSaysWhichKeyIsMissing() throws Exception {
    Path cfg = dir.resolve("nobi.json");
    Files.writeString(cfg, "{\"warehouse\":\"" + dir.resolve("wh") + "\",\"landing\":\"" + dir.resolve("landing") + "\"}");
    Outcome o = ttv("publish", "--config", cfg.toString(), "--date", "2026-01-05");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("bi.postgres is not configured").doesNotContain("\tat ");
  }

  @Test
  void publishNamesAnUnsetPasswordVariableBeforeSparkStarts() throws Exception {
    Path cfg = dir.resolve("bi.json");
    Files.writeString(cfg, "{\"warehouse\":\"" + dir.resolve("wh") + "\",\"landing\":\"" + dir.resolve("landing") + "\","
        + "\"bi\":{\"postgres\":{\"url\":\"jdbc:postgresql://127.0.0.1:1/analytics\",\"user\":\"ttv\","
        + "\"password_env\":\"TTV_TEST_SURELY_UNSET_PASSWORD\"}}}");
    Outcome o = ttv("publish", "--config", cfg.toString(), "--date", "2026-01-05");
    assertThat(o.code()).isEqualTo(1);
    assertThat(o.err().strip()).isEqualTo(
        "ttv: bi.postgres.password_env: the environment variable TTV_TEST_SURELY_UNSET_PASSWORD is not set (it must hold the password of user 'ttv')");
  }

  @Test
  void everyCommandHasHelp() {
    for (String cmd : new String[] {"run", "ingest", "normalize", "facts", "query", "validate-config", "docs", "demo", "generate", "publish", "report", "bench"}) {
      Outcome o = ttv(cmd, "--help");
      assertThat(o.code()).as(cmd).isZero();
      assertThat(o.out()).as(cmd).contains("Usage: ttv " + cmd);
    }
  }

  @Test
  void docsPrintsTheDictionary() {
    Outcome o = ttv("docs");
    assertThat(o.code()).isZero();
    assertThat(o.out()).contains("## fact_ci_daily").contains("`build_minutes`");
  }
}
