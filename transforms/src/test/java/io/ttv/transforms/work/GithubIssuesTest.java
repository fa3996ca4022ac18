package io.ttv.transforms.work;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.WorkItemsTable;
import io.ttv.testing.RawFixtures;
import io.ttv.transforms.common.NormalizedRows;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** GitHub issues, on the real pages in fixtures/github-issues (see PROVENANCE.md there). */
class GithubIssuesTest {
  private static final String FX = "/fixtures/github-issues/";

  /** Labels classify GitHub issues: bug and Refactoring by flow type, Project management as a board column. */
  static final TtvConfig CONFIG =
      ConfigLoader.parse(
          "{\"warehouse\":\"/tmp/ttv-wh\",\"landing\":\"/tmp/ttv-landing\",\"people\":[{\"id\":\"andy\",\"github\":[\"PanJF2000\"]}],"
              + "\"work_items\":{\"status_categories\":{\"Project management\":\"waiting\",\"Done\":\"done\"},"
              + "\"flow_item_types\":{\"bug\":\"defect\",\"Refactoring\":\"debt\"},\"incident_types\":[\"Incident\",\"Question\"]}}",
          "test");

  private static Dataset<Row> items(Dataset<Row> raw) {
    return NormalizedRows.onlyValidNewest(GithubIssues.normalize(raw, CONFIG), WorkItemsTable.TABLE);
  }

  private static Dataset<Row> ants() {
    return RawFixtures.ndjson("github", "issues", "2022-04-15", FX + "devlake_ants_list_issues_state_all.ndjson", Map.of("repo", "panjf2000/ants"));
  }

  @Test
  void pullRequestsInTheIssuesListAreLeftOut() {
    Dataset<Row> normalized = GithubIssues.normalize(ants(), CONFIG);
    // 42 lines: 16 are PRs (pull_request.html_url set; #4 twice among them) -> 26 issues, all closed as completed
    assertThat(normalized.count()).isEqualTo(26);
    assertThat(normalized.where("_problem IS NOT NULL OR _note IS NOT NULL").count()).isZero();
    Dataset<Row> items = items(ants());
    assertThat(items.where("key IN ('panjf2000/ants#4', 'panjf2000/ants#8', 'panjf2000/ants#41')").count()).isZero();
    // labels: bug (#6, #7) -> defect, everything else feature; the label question (#5, #10, #18) is an incident
    // type here (the config says Question: labels match ignoring case)
    assertRows(
        items.groupBy("flow_item_type", "status_category", "is_incident").count(),
        new String[] {"flow_item_type", "status_category", "is_incident", "count"},
        new Object[] {"defect", "done", false, 2L},
        new Object[] {"feature", "done", true, 3L},
        new Object[] {"feature", "done", false, 21L});
    // #5 was opened 2018-08-02 03:09:57Z and closed 2018-08-03 15:32:00Z; #34 is the maintainer's own issue
    assertRows(
        items.where("key IN ('panjf2000/ants#5', 'panjf2000/ants#34')"),
        new String[] {"source_system", "key", "item_id", "project", "status", "status_id", "created_at", "started_at", "resolved_at", "done_at", "reporter_person_id", "assignee_person_id", "labels", "components", "is_subtask"},
        new Object[] {"github", "panjf2000/ants#5", "346842831", "panjf2000/ants", "closed", null, ts("2018-08-02T03:09:57Z"), null, ts("2018-08-03T15:32:00Z"), ts("2018-08-03T15:32:00Z"), "github:pathbox", null, List.of("question"), List.of(), false},
        new Object[] {"github", "panjf2000/ants#34", "435486645", "panjf2000/ants", "closed", null, ts("2019-04-21T08:10:28Z"), null, ts("2019-05-07T15:35:08Z"), ts("2019-05-07T15:35:08Z"), "andy", null, List.of(), List.of(), false});
  }

  @Test
  void theLegacy2012ShapeHasANullPullRequestObjectOnEveryPlainIssue() {
    // every item carries "pull_request":{"html_url":null,...}: all 16 are issues; no repository_url, no repo=
    // folder: the repo comes from url. Open issues: todo, or the category of a listed label (Project management).
    Dataset<Row> items = items(RawFixtures.json("github", "issues", null, "2012-05-28", FX + "pygithub_list_issues_legacy_2012.json", Map.of()));
    assertThat(items.count()).isEqualTo(16);
    assertRows(
        items.where("key IN ('PyGithub/PyGithub#30', 'PyGithub/PyGithub#25', 'PyGithub/PyGithub#20')"),
        new String[] {"key", "project", "status", "status_category", "flow_item_type", "is_incident", "assignee_person_id", "resolved_at", "done_at"},
        new Object[] {"PyGithub/PyGithub#30", "PyGithub/PyGithub", "open", "todo", "feature", true, "github:jacquev6", null, null},
        new Object[] {"PyGithub/PyGithub#25", "PyGithub/PyGithub", "open", "waiting", "feature", false, "github:jacquev6", null, null},
        new Object[] {"PyGithub/PyGithub#20", "PyGithub/PyGithub", "open", "todo", "debt", false, "github:jacquev6", null, null});
  }

  @Test
  void aLaterExportWinsAndAPullRequestInTheLegacyShapeIsDropped() {
    List<Row> raw = new java.util.ArrayList<>(ants().collectAsList());
    // #5 reopened and labelled bug, exported a week later; a PR whose pull_request object has its urls
    raw.add(RawFixtures.record("github", "issues", "2022-04-22", "file:/l/github/issues/dt=2022-04-22/repo=panjf2000%2Fants/p1.json", 0,
        "{\"id\":346842831,\"number\":5,\"title\":\"again\",\"state\":\"open\",\"user\":{\"login\":\"pathbox\"},\"labels\":[{\"name\":\"bug\"}],"
            + "\"created_at\":\"2018-08-02T03:09:57Z\",\"closed_at\":null,\"repository_url\":\"https://api.github.com/repos/panjf2000/ants\","
            + "\"pull_request\":{\"html_url\":null}}",
        Map.of()));
    raw.add(RawFixtures.record("github", "issues", "2022-04-22", "file:/l/github/issues/dt=2022-04-22/repo=panjf2000%2Fants/p1.json", 1,
        "{\"id\":9,\"number\":300,\"title\":\"a PR\",\"state\":\"open\",\"user\":{\"login\":\"x\"},\"created_at\":\"2022-04-20T00:00:00Z\","
            + "\"pull_request\":{\"html_url\":\"https://github.com/panjf2000/ants/pull/300\",\"diff_url\":null}}",
        Map.of()));
    Dataset<Row> items = items(RawFixtures.of(raw));
    assertThat(items.count()).isEqualTo(26);
    assertRows(
        items.where("key = 'panjf2000/ants#5'"),
        new String[] {"title", "status", "status_category", "flow_item_type", "resolved_at", "done_at", "export_date"},
        new Object[] {"again", "open", "todo", "defect", null, null, RawFixtures.date("2022-04-22")});
  }
}
