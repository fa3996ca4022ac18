package io.ttv.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import io.ttv.schemas.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

class DataDictionaryTest {
  @Test
  void everyColumnOfEveryTableIsDescribed() {
    for (TableDef t : Tables.all()) {
      for (StructField f : t.schema().fields()) {
        assertThat(Col.description(f)).as(t.name() + "." + f.name()).isNotBlank();
      }
    }
  }

  @Test
  void theCheckedInDictionaryIsTheGeneratedOne() throws Exception {
    // docs/data-dictionary.md is what `ttv docs` prints; regenerate it with `./ttv docs --out docs/data-dictionary.md`.
    Path checkedIn = Path.of("..", "docs", "data-dictionary.md");
    assertThat(Files.readString(checkedIn)).isEqualTo(DataDictionary.markdown());
  }

  @Test
  void contractColumnsOfFactCiDailyAreThere() {
    assertThat(Tables.byName("fact_ci_daily").orElseThrow().schema().fieldNames())
        .contains(
            "date", "repo", "workflow", "runs", "successful_runs", "failed_runs", "cancelled_runs", "rerun_runs",
            "duration_p50_seconds", "duration_p90_seconds", "queue_p50_seconds", "queue_p90_seconds",
            "build_minutes", "manual_gates", "manual_gate_wait_minutes");
    assertThat(Tables.byName("quarantine").orElseThrow().schema().fieldNames())
        .contains("source_system", "dataset", "file", "position", "reason", "raw_text", "export_date", "ingested_at");
  }
}
