package io.ttv.jobs.pipeline;

import static io.ttv.testing.DatasetAssert.assertDatasetEquals;
import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.date;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.testing.TestSpark;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jira issues (NDJSON, then a {@code /search} page) and GitHub issues through ingest and normalize: a later
 * export of EE-1 whose changelog holds only its two newest histories replaces the work item but deletes
 * none of its transitions (they MERGE by key); running the last date again changes nothing.
 */
@Tag("slow") // three ingest+normalize runs
class WorkItemsPipelineTest {
  @TempDir static Path dir;

  private static Pipeline.Result nightly(SparkSession spark, TtvConfig cfg, String date) {
    LocalDate d = LocalDate.parse(date);
    return Pipeline.run(spark, cfg, "run", d, d, List.of(Stage.INGEST, Stage.NORMALIZE));
  }

  private static Dataset<Row> table(SparkSession spark, TtvConfig cfg, String name) {
    Dataset<Row> d = spark.read().format("delta").load(cfg.tablePath(name));
    return spark.createDataFrame(d.collectAsList(), d.schema());
  }

  /** EE-1 (the fixture's first line) with only its two newest histories, in a /search page wrapper. */
  private static String searchPageWithShortChangelog() throws Exception {
    ObjectMapper json = new ObjectMapper();
    try (InputStream in = WorkItemsPipelineTest.class.getResourceAsStream("/fixtures/jira/devlake_jira_cloud_board_issues_expand_changelog.ndjson")) {
      String first = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")[0];
      ObjectNode issue = (ObjectNode) json.readTree(first);
      ArrayNode histories = (ArrayNode) issue.get("changelog").get("histories");
      while (histories.size() > 2) {
        histories.remove(2);
      }
      ObjectNode page = json.createObjectNode().put("startAt", 0).put("maxResults", 50).put("total", 1);
      page.putArray("issues").add(issue);
      return json.writeValueAsString(page);
    }
  }

  @Test
  void aShorterChangelogLaterDeletesNoTransition() throws Exception {
    SparkSession spark = TestSpark.session();
    Landing landing = new Landing(dir.resolve("landing"));
    landing
        .copy("jira", "issues", "2026-01-05", "", "issues.ndjson", "/fixtures/jira/devlake_jira_cloud_board_issues_expand_changelog.ndjson")
        .copy("github", "issues", "2026-01-05", "repo=PyGithub%2FPyGithub", "issues.json", "/fixtures/github-issues/pygithub_list_issues_legacy_2012.json")
        .write("jira", "issues", "2026-01-06", "", "search-0.json", searchPageWithShortChangelog());
    TtvConfig cfg =
        ConfigLoader.parse(
            "{\"warehouse\":\"" + dir.resolve("wh") + "\",\"landing\":\"" + landing.root() + "\","
                + "\"people\":[{\"id\":\"wang\",\"jira\":[\"5e9711ba34f7b90c0fbc37d3\"]},{\"id\":\"jv\",\"github\":[\"jacquev6\"]}]}",
            "test");

    Pipeline.Result first = nightly(spark, cfg, "2026-01-05");
    // Jira assignees and reporters: 5e9711ba... (listed) and 4 others; GitHub: jacquev6 (listed), bilderbuchi, roskakori
    assertThat(first.identities().matched()).containsEntry("jira", 1L).containsEntry("github", 1L);
    assertThat(first.identities().unmatched()).containsEntry("jira", 4L).containsEntry("github", 2L);
    assertThat(table(spark, cfg, "quarantine").count()).isZero();
    assertRows(
        table(spark, cfg, "work_items").groupBy("source_system").count(),
        new String[] {"source_system", "count"},
        new Object[] {"jira", 7L},
        new Object[] {"github", 16L});
    assertThat(table(spark, cfg, "work_item_transitions").count()).isEqualTo(33);

    nightly(spark, cfg, "2026-01-06");
    Dataset<Row> items = table(spark, cfg, "work_items");
    Dataset<Row> transitions = table(spark, cfg, "work_item_transitions");
    assertRows(items.where("key = 'EE-1'").select("export_date", "status"), new String[] {"export_date", "status"}, new Object[] {date("2026-01-06"), "已完成"});
    // EE-1's 5 status changes are all still there: of its two newest histories only 86412 changed the status
    // (Closed -> 已完成), re-merged from the new export; the 4 older ones are kept
    assertRows(
        transitions.where("key = 'EE-1'").groupBy("export_date").count(),
        new String[] {"export_date", "count"},
        new Object[] {date("2026-01-05"), 4L},
        new Object[] {date("2026-01-06"), 1L});
    assertThat(transitions.count()).isEqualTo(33);

    LocalDate d = LocalDate.parse("2026-01-06");
    Pipeline.run(spark, cfg, "facts", d, d, List.of(Stage.FACTS));
    Dataset<Row> flow = table(spark, cfg, "fact_flow_daily");
    // facts for 2025-12-30..2026-01-06 (late_data_days 7): every item of these exports was finished years
    // ago except one started Jira story of no team, in load on each of the 8 days; nothing done, so no share
    assertRows(
        flow.groupBy("team", "flow_item_type", "flow_velocity", "flow_load", "flow_distribution_share").count(),
        new String[] {"team", "flow_item_type", "flow_velocity", "flow_load", "flow_distribution_share", "count"},
        new Object[] {"unassigned", "feature", 0L, 1L, null, 8L});
    Pipeline.run(spark, cfg, "run", d, d, List.of(Stage.INGEST, Stage.NORMALIZE, Stage.FACTS));
    assertDatasetEquals(items, table(spark, cfg, "work_items"));
    assertDatasetEquals(transitions, table(spark, cfg, "work_item_transitions"));
    assertDatasetEquals(flow, table(spark, cfg, "fact_flow_daily"));
  }
}
