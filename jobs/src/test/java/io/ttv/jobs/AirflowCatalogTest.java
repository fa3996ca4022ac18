package io.ttv.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.TableDef;
import io.ttv.schemas.Tables;
import io.ttv.schemas.raw.SourceDataset;
import io.ttv.schemas.raw.SourceDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The DAG's list of sources and fact tables (airflow/dags/ttv_airflow/catalog.py) follows the jobs. */
class AirflowCatalogTest {
  private static List<String> tuple(String python, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + " = \\(([^)]*)\\)").matcher(python);
    assertThat(m.find()).as(name + " in catalog.py").isTrue();
    return Pattern.compile("\"([^\"]+)\"").matcher(m.group(1)).results().map(r -> r.group(1)).toList();
  }

  @Test
  void supportedSourcesAndFactTablesAreTheJobs() throws Exception {
    String catalog = Files.readString(Path.of("..", "airflow", "dags", "ttv_airflow", "catalog.py"));
    assertThat(tuple(catalog, "SUPPORTED_SOURCES"))
        .containsExactlyElementsOf(SourceDatasets.supported().stream().map(SourceDataset::system).distinct().toList());
    assertThat(tuple(catalog, "FACT_TABLES"))
        .containsExactlyInAnyOrderElementsOf(
            Tables.all().stream().filter(t -> t.layer() == TableDef.Layer.FACT).map(TableDef::name).toList());
  }
}
