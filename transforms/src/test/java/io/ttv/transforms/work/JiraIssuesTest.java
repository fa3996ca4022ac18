package io.ttv.transforms.work;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.WorkItemTransitionsTable;
import io.ttv.schemas.tables.WorkItemsTable;
import io.ttv.testing.DatasetAssert;
import io.ttv.testing.RawFixtures;
import io.ttv.transforms.common.NormalizedRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Jira issues and their status changes, on the real issues in fixtures/jira (see PROVENANCE.md there) and
 * hand-made ones. All fixture times are +0800: UTC is 8 hours earlier (08:13:13.360+0800 = 00:13:13.360Z).
 */
class JiraIssuesTest {
  private static final String FX = "/fixtures/jira/devlake_jira_cloud_board_issues_expand_changelog.ndjson";

  /**
   * The merico workflow's statuses by name; "In Development", the old name of status 3, is not listed:
   * the id's newest name, "In Progress", decides. Flow types by type id (10004 = 缺陷 = Bug, 10001 = 故事 =
   * Story) and by the label Saas. 5e9711ba... (the reporter of every EE issue) is a listed person.
   */
  static final TtvConfig CONFIG =
      ConfigLoader.parse(
          "{\"warehouse\":\"/tmp/ttv-wh\",\"landing\":\"/tmp/ttv-landing\","
              + "\"people\":[{\"id\":\"wang\",\"jira\":[\"5e9711ba34f7b90c0fbc37d3\"]}],"
              + "\"work_items\":{\"status_categories\":{\"Inbox\":\"todo\",\"Ready for Dev\":\"todo\",\"To Do\":\"todo\",\"Open\":\"todo\","
              + "\"In Progress\":\"active\",\"Resolved\":\"done\",\"Closed\":\"done\",\"已完成\":\"done\"},"
              + "\"flow_item_types\":{\"10004\":\"defect\",\"10001\":\"feature\",\"Saas\":\"risk\"}}}",
          "test");

  static final TtvConfig DEFAULTS =
      ConfigLoader.parse(
          "{\"warehouse\":\"/tmp/ttv-wh\",\"landing\":\"/tmp/ttv-landing\",\"people\":[{\"id\":\"ana\",\"jira\":[\"acc-ana\"]}]}", "test");

  private static Dataset<Row> fixture() {
    return RawFixtures.ndjson("jira", "issues", "2022-07-20", FX, Map.of());
  }

  private static Dataset<Row> items(Dataset<Row> normalized) {
    return NormalizedRows.onlyValidNewest(normalized, WorkItemsTable.TABLE);
  }

  private static Dataset<Row> transitions(Dataset<Row> normalized) {
    return NormalizedRows.onlyValidNewest(JiraIssues.transitions(normalized), WorkItemTransitionsTable.TABLE);
  }

  @Test
  void theSevenLocalisedIssuesKeepTheirTypeByIdAndLevel() {
    Dataset<Row> normalized = JiraIssues.normalize(fixture(), CONFIG);
    assertThat(normalized.where("_problem IS NOT NULL").count()).isZero();
    DatasetAssert.assertSameColumns(WorkItemsTable.SCHEMA, items(normalized).schema());
    // 故事 = Story (10001), 任务 = Task (10031), 缺陷 = Bug (10004), 子任务 = Sub-task (10003, level -1, subtask,
    // parent EE-1), Epic (10000, level 1). No untranslatedName in these exports: issue_type is the exported name.
    // Flow: 10004 -> defect, 10001 -> feature (by id, before EE-1's label Saas), EE-5's 任务 is unlisted and its
    // labels are [frontEnd, Saas] -> risk; the rest default to feature.
    assertRows(
        items(normalized),
        new String[] {"key", "item_id", "project", "issue_type", "issue_type_id", "issue_type_level", "is_subtask", "parent_key", "flow_item_type", "is_incident", "created_at", "reporter_person_id", "assignee_person_id"},
        new Object[] {"EE-1", "10063", "EE", "故事", "10001", 0, false, null, "feature", false, ts("2020-06-12T00:13:13.360Z"), "wang", "jira:5ecfbd0c730ec90c1999cadf"},
        new Object[] {"EE-5", "10067", "EE", "任务", "10031", 0, false, null, "risk", false, ts("2020-06-12T00:16:44.157Z"), "wang", "jira:5ecfbd0c730ec90c1999cadf"},
        new Object[] {"EE-19", "10081", "EE", "故事", "10001", 0, false, null, "feature", false, ts("2020-06-12T00:28:00.241Z"), "wang", "jira:5ecfbd0aaa47a00c1997ea8e"},
        new Object[] {"EE-23", "10085", "EE", "缺陷", "10004", 0, false, null, "defect", false, ts("2020-06-12T00:33:57.204Z"), "wang", "jira:5ecfbd0a47d31e0c2a15fd87"},
        new Object[] {"EE-25", "10087", "EE", "子任务", "10003", -1, true, "EE-1", "feature", false, ts("2020-06-12T00:40:54.210Z"), "wang", "jira:5ecfbd0c730ec90c1999cadf"},
        new Object[] {"K5-2", "20708", "K5", "Story", "10001", 0, false, "K5-1", "feature", false, ts("2022-07-15T22:29:49.026Z"), "jira:62a2d08d1be00a0068af1945", null},
        new Object[] {"K5-4", "20710", "K5", "Epic", "10000", 1, false, null, "feature", false, ts("2022-07-15T22:31:15.981Z"), "jira:62a2d08d1be00a0068af1945", null});
  }

  @Test
  void startAndDoneComeFromTheChangelogInUtc() {
    Dataset<Row> items = items(JiraIssues.normalize(fixture(), CONFIG));
    // EE-1: started 11:38:39.785+0800 (Ready for Dev -> "In Development", id 3 = In Progress: active) = 03:38:39.785Z;
    //   done 2020-06-19 14:31:18.526+0800 (Open -> Closed) = 06:31:18.526Z; the 2021-03-28 migration Closed -> 已完成
    //   is done -> done, no new entry. resolutiondate is 31 ms earlier (14:31:18.495).
    // EE-5: To Do -> Open -> Resolved, never active: no start; done 2020-06-18 12:06:00.814+0800 = 04:06:00.814Z.
    // EE-19: done at 09:46:30.363 (local), reopened (Resolved -> To Do) at 12:58, done again 2020-06-18
    //   16:34:11.171+0800 = 08:34:11.171Z: the last entry counts.
    // EE-23: started 09:27:39.141+0800; done twice, the last 2020-06-15 17:07:56.858+0800 = 09:07:56.858Z.
    // EE-25: its first transition, To Do -> Resolved at 08:45, is a done entry; started 15:07:26.139+0800
    //   (Open -> In Progress, item 1 of history 11074); done 2020-06-18 12:02:22.406+0800 = 04:02:22.406Z.
    // K5: To Do, no status change in their changelogs (2 and 1 histories of other fields).
    assertRows(
        items,
        new String[] {"key", "status", "status_id", "status_category", "started_at", "done_at", "resolved_at"},
        new Object[] {"EE-1", "已完成", "10068", "done", ts("2020-06-12T03:38:39.785Z"), ts("2020-06-19T06:31:18.526Z"), ts("2020-06-19T06:31:18.495Z")},
        new Object[] {"EE-5", "已完成", "10068", "done", null, ts("2020-06-18T04:06:00.814Z"), ts("2020-06-18T04:06:00.747Z")},
        new Object[] {"EE-19", "已完成", "10068", "done", ts("2020-06-12T01:46:26.809Z"), ts("2020-06-18T08:34:11.171Z"), ts("2020-06-18T08:34:11.117Z")},
        new Object[] {"EE-23", "已完成", "10068", "done", ts("2020-06-12T01:27:39.141Z"), ts("2020-06-15T09:07:56.858Z"), ts("2020-06-15T09:07:56.798Z")},
        new Object[] {"EE-25", "已完成", "10068", "done", ts("2020-06-12T07:07:26.139Z"), ts("2020-06-18T04:02:22.406Z"), ts("2020-06-18T04:02:22.350Z")},
        new Object[] {"K5-2", "To Do", "10033", "todo", null, null, null},
        new Object[] {"K5-4", "To Do", "10033", "todo", null, null, null});
  }

  @Test
  void newestFirstHistoriesBecomeOrderedTransitionsWithTheirTimeInTheFromStatus() {
    Dataset<Row> normalized = JiraIssues.normalize(fixture(), CONFIG);
    Dataset<Row> transitions = transitions(normalized);
    // status items: EE-1 5, EE-5 4, EE-19 8, EE-23 9, EE-25 7; none in K5
    assertThat(transitions.count()).isEqualTo(33);
    // EE-1, created 08:13:13.360 (+0800):
    //   09:45:24.493 - 08:13:13.360 = 1 h 32 min 11.133 s = 5,531.133 s in Inbox
    //   11:38:39.785 - 09:45:24.493 = 1 h 53 min 15.292 s = 6,795.292 s in Ready for Dev
    //   14:22:49.352 - 11:38:39.785 = 2 h 44 min 9.567 s = 9,849.567 s in status 3 (named In Development then)
    //   06-19 14:31:18.526 - 06-12 14:22:49.352 = 7 d + 8 min 29.174 s = 604,800 + 509.174 = 605,309.174 s in Open
    //   2021-03-28 16:06:08.715 - 2020-06-19 14:31:18.526 = 282 d + 1 h 34 min 50.189 s = 24,364,800 + 5,690.189
    //     = 24,370,490.189 s in Closed
    // Status 3 is "In Development" then "In Progress": one category (active) by id.
    assertRows(
        transitions.where("key = 'EE-1'"),
        new String[] {"transition_id", "at", "from_status", "from_status_id", "to_status", "to_status_id", "from_category", "to_category", "by_person_id", "seconds_in_from_status"},
        new Object[] {"10900-0", ts("2020-06-12T01:45:24.493Z"), "Inbox", "10020", "Ready for Dev", "10029", "todo", "todo", "wang", 5531.133},
        new Object[] {"10911-0", ts("2020-06-12T03:38:39.785Z"), "Ready for Dev", "10029", "In Development", "3", "todo", "active", "wang", 6795.292},
        new Object[] {"11066-0", ts("2020-06-12T06:22:49.352Z"), "In Progress", "3", "Open", "1", "active", "todo", "wang", 9849.567},
        new Object[] {"12025-1", ts("2020-06-19T06:31:18.526Z"), "Open", "1", "Closed", "6", "todo", "done", "wang", 605309.174},
        new Object[] {"86412-0", ts("2021-03-28T08:06:08.715Z"), "Closed", "6", "已完成", "10068", "done", "done", "wang", 24370490.189});
    // every transition of status 3, whatever its name then, is active
    assertRows(
        transitions.where("to_status_id = '3' OR from_status_id = '3'").selectExpr("CASE WHEN to_status_id = '3' THEN to_status ELSE from_status END AS name",
            "CASE WHEN to_status_id = '3' THEN to_category ELSE from_category END AS category").distinct(),
        new String[] {"name", "category"},
        new Object[] {"In Development", "active"},
        new Object[] {"In Progress", "active"});
    // EE-25's Open -> In Progress is item 1 of its history (item 0 changed another field)
    assertThat(transitions.where("key = 'EE-25' AND transition_id = '11074-1'").count()).isEqualTo(1);
    assertThat(transitions.where("seconds_in_from_status < 0 OR from_category IS NULL OR to_category IS NULL").count()).isZero();
  }

  @Test
  void ee1IsDoneAlthoughItsOwnStatusCategorySaysNewAndUnlistedStatusesAreNoted() {
    Dataset<Row> normalized = JiraIssues.normalize(fixture(), DEFAULTS);
    // Default config: none of 已完成, Open, Closed, Resolved, Inbox, Ready for Dev is listed. Status 10068 (已完成)
    // takes Jira's category of the newest record in it now: EE-25 (line 5) says done; EE-1 (line 1) says new
    // (possibly edited upstream) but one status id has one category.
    assertRows(
        items(normalized).selectExpr("key", "status_category", "done_at"),
        new String[] {"key", "status_category", "done_at"},
        // no transition between categories into done is known (Resolved, Closed are uncategorised): done_at falls
        // back to resolutiondate
        new Object[] {"EE-1", "done", ts("2020-06-19T06:31:18.495Z")},
        new Object[] {"EE-5", "done", ts("2020-06-18T04:06:00.747Z")},
        new Object[] {"EE-19", "done", ts("2020-06-18T08:34:11.117Z")},
        new Object[] {"EE-23", "done", ts("2020-06-15T09:07:56.798Z")},
        new Object[] {"EE-25", "done", ts("2020-06-18T04:02:22.350Z")},
        new Object[] {"K5-2", "todo", null},
        new Object[] {"K5-4", "todo", null});
    assertRows(
        normalized.where("key = 'EE-1'").select("_note"),
        new String[] {"_note"},
        new Object[] {"status not in work_items.status_categories, Jira's category used: 已完成; "
            + "changelog statuses without a category: Inbox, Ready for Dev, Open, Closed"});
    assertThat(normalized.where("key LIKE 'K5-%' AND _note IS NULL").count()).isEqualTo(2);
  }

  /** A hand-made issue as Jira Cloud writes it; histories newest first. */
  private static String issue(String key, String id, String statusId, String status, String categoryKey, String resolved, String histories) {
    return "{\"id\":\"" + id + "\",\"key\":\"" + key + "\",\"fields\":{\"summary\":\"Rounding\",\"created\":\"2026-01-05T09:00:00.000+0100\","
        + (resolved == null ? "" : "\"resolutiondate\":\"" + resolved + "\",")
        + "\"project\":{\"key\":\"OPS\"},\"issuetype\":{\"id\":\"10004\",\"name\":\"Bug\",\"untranslatedName\":\"Bug\",\"subtask\":false,\"hierarchyLevel\":0},"
        + "\"status\":{\"id\":\"" + statusId + "\",\"name\":\"" + status + "\",\"statusCategory\":{\"id\":4,\"key\":\"" + categoryKey + "\"}},"
        + "\"assignee\":{\"accountId\":\"acc-ana\"},\"reporter\":{\"accountId\":\"acc-bo\"},\"labels\":[\"incident\"],"
        + "\"components\":[{\"name\":\"Billing\"}]}"
        + (histories == null ? "" : ",\"changelog\":{\"startAt\":0,\"histories\":[" + histories + "]}") + "}";
  }

  private static String history(String id, String at, String items) {
    return "{\"id\":\"" + id + "\",\"author\":{\"accountId\":\"acc-ana\"},\"created\":\"" + at + "\",\"items\":[" + items + "]}";
  }

  private static String status(String fromId, String from, String toId, String to) {
    return "{\"field\":\"status\",\"fieldtype\":\"jira\",\"from\":\"" + fromId + "\",\"fromString\":\"" + from + "\",\"to\":\"" + toId + "\",\"toString\":\"" + to + "\"}";
  }

  private static final String REOPENED_HISTORIES =
      String.join(",",
          history("105", "2026-01-09T16:00:00.000+0100", status("3", "In Progress", "10001", "Done")),
          history("104", "2026-01-08T10:00:00.000+0100", status("10001", "Done", "3", "In Progress")),
          history("103", "2026-01-07T12:00:00.000+0100", status("10100", "In Review", "10001", "Done")),
          history("102", "2026-01-06T09:30:00.000+0100", status("3", "In Progress", "10100", "In Review")),
          history("101", "2026-01-05T10:00:00.000+0100",
              "{\"field\":\"assignee\",\"fieldtype\":\"jira\",\"from\":null,\"to\":\"acc-ana\"}," + status("10000", "To Do", "3", "In Progress")));

  @Test
  void aReopenedIssueStartsAtItsFirstActiveEntryAndIsDoneAtItsLastDoneEntry() {
    List<Row> raw = new ArrayList<>();
    raw.add(RawFixtures.record("jira", "issues", "2026-01-10", "file:/l/jira/issues/dt=2026-01-10/p0.json", 0,
        issue("OPS-7", "7", "10001", "Done", "done", "2026-01-09T16:00:00.000+0100", REOPENED_HISTORIES), Map.of()));
    // OPS-8: the same story but reopened at the end and still in progress: not done
    raw.add(RawFixtures.record("jira", "issues", "2026-01-10", "file:/l/jira/issues/dt=2026-01-10/p0.json", 1,
        issue("OPS-8", "8", "3", "In Progress", "indeterminate", null,
            history("106", "2026-01-09T17:00:00.000+0100", status("10001", "Done", "3", "In Progress")) + "," + REOPENED_HISTORIES.replace("\"105\"", "\"205\"")),
        Map.of()));
    Dataset<Row> normalized = JiraIssues.normalize(RawFixtures.of(raw), DEFAULTS);
    // Default categories: To Do todo, In Progress active, In Review waiting, Done done. Times +0100: UTC is 1 h earlier.
    // OPS-7: started 2026-01-05 10:00+0100 = 09:00Z (To Do -> In Progress); done on 01-07 12:00, reopened 01-08,
    //   done again 01-09 16:00+0100 = 15:00Z: flow time 4 d 6 h. OPS-8: done 01-09 but reopened 17:00: no done_at.
    // The label incident makes both incidents (incident_types defaults to [Incident], ignoring case); the type's
    // English name Bug is a defect in the default flow_item_types.
    assertRows(
        items(normalized),
        new String[] {"key", "issue_type", "flow_item_type", "is_incident", "status_category", "started_at", "done_at", "resolved_at", "assignee_person_id", "reporter_person_id", "components"},
        new Object[] {"OPS-7", "Bug", "defect", true, "done", ts("2026-01-05T09:00:00Z"), ts("2026-01-09T15:00:00Z"), ts("2026-01-09T15:00:00Z"), "ana", "jira:acc-bo", List.of("Billing")},
        new Object[] {"OPS-8", "Bug", "defect", true, "active", ts("2026-01-05T09:00:00Z"), null, null, "ana", "jira:acc-bo", List.of("Billing")});
    // OPS-7's time in each from-status: 10:00 - 09:00 = 3,600 s (To Do); 06 09:30 - 05 10:00 = 23.5 h = 84,600 s
    // (In Progress); 07 12:00 - 06 09:30 = 26.5 h = 95,400 s (In Review); 08 10:00 - 07 12:00 = 22 h = 79,200 s (Done);
    // 09 16:00 - 08 10:00 = 30 h = 108,000 s (In Progress). History 101's status item is its item 1.
    assertRows(
        transitions(normalized).where("key = 'OPS-7'").select("transition_id", "from_category", "to_category", "seconds_in_from_status", "by_person_id"),
        new String[] {"transition_id", "from_category", "to_category", "seconds_in_from_status", "by_person_id"},
        new Object[] {"101-1", "todo", "active", 3600.0, "ana"},
        new Object[] {"102-0", "active", "waiting", 84600.0, "ana"},
        new Object[] {"103-0", "waiting", "done", 95400.0, "ana"},
        new Object[] {"104-0", "done", "active", 79200.0, "ana"},
        new Object[] {"105-0", "active", "done", 108000.0, "ana"});
    assertThat(normalized.where("_note IS NOT NULL").count()).isZero();
  }

  @Test
  void theTeamIsTheComponentsServiceTeamElseTheAssigneesElseUnassigned() {
    // contract 6.5: component Billing -> service billing-api -> team payments; no listed component ->
    // the assignee's team (ana: core); an unlisted assignee and no listed component -> unassigned
    TtvConfig teams =
        ConfigLoader.parse(
            "{\"warehouse\":\"/tmp/ttv-wh\",\"landing\":\"/tmp/ttv-landing\","
                + "\"teams\":[{\"name\":\"payments\"},{\"name\":\"core\"}],"
                + "\"people\":[{\"id\":\"ana\",\"team\":\"core\",\"jira\":[\"acc-ana\"]}],"
                + "\"services\":[{\"name\":\"billing-api\",\"team\":\"payments\",\"jira_components\":[\"billing\"]}]}",
            "test");
    String file = "file:/l/jira/issues/dt=2026-01-10/p0.json";
    List<Row> raw = new ArrayList<>();
    raw.add(RawFixtures.record("jira", "issues", "2026-01-10", file, 0,
        issue("OPS-7", "7", "10001", "Done", "done", "2026-01-09T16:00:00.000+0100", REOPENED_HISTORIES), Map.of()));
    raw.add(RawFixtures.record("jira", "issues", "2026-01-10", file, 1,
        issue("OPS-9", "9", "10001", "Done", "done", "2026-01-09T16:00:00.000+0100", REOPENED_HISTORIES)
            .replace("\"Billing\"", "\"Website\""), Map.of()));
    raw.add(RawFixtures.record("jira", "issues", "2026-01-10", file, 2,
        issue("OPS-10", "10", "10001", "Done", "done", "2026-01-09T16:00:00.000+0100", REOPENED_HISTORIES)
            .replace("\"Billing\"", "\"Website\"").replace("acc-ana", "acc-zed"), Map.of()));
    assertRows(
        items(JiraIssues.normalize(RawFixtures.of(raw), teams)),
        new String[] {"key", "components", "assignee_person_id", "team"},
        new Object[] {"OPS-7", List.of("Billing"), "ana", "payments"},
        new Object[] {"OPS-9", List.of("Website"), "ana", "core"},
        new Object[] {"OPS-10", List.of("Website"), "jira:acc-zed", "unassigned"});
  }

  @Test
  void badIssuesAreRejectedWithAReasonAndOddOnesKeptWithANote() {
    List<Row> raw = new ArrayList<>();
    String file = "file:/l/jira/issues/dt=2026-01-10/p0.json";
    raw.add(RawFixtures.record("jira", "issues", "2026-01-10", file, 0, issue("OPS-9", "9", "10000", "To Do", "new", null, null).replace("\"key\":\"OPS-9\",", ""), Map.of()));
    raw.add(RawFixtures.record("jira", "issues", "2026-01-10", file, 1, issue("OPS-10", "10", "10000", "To Do", "new", null, null).replace("\"created\":\"2026-01-05T09:00:00.000+0100\",", ""), Map.of()));
    raw.add(RawFixtures.record("jira", "issues", "2026-01-10", file, 2, issue("OPS-11", "11", "10000", "To Do", "new", null, null).replace("2026-01-05T09:00:00.000+0100", "yesterday"), Map.of()));
    raw.add(RawFixtures.record("jira", "issues", "2026-01-10", file, 3, "{\"id\":\"12\",\"key\":\"OPS-12\",\"fields\":", Map.of()));
    // no expand=changelog: kept, noted
    raw.add(RawFixtures.record("jira", "issues", "2026-01-10", file, 4, issue("OPS-13", "13", "10000", "To Do", "new", null, null), Map.of()));
    // a status no config knows: Jira's category (indeterminate -> active), noted
    raw.add(RawFixtures.record("jira", "issues", "2026-01-10", file, 5, issue("OPS-14", "14", "10200", "Blocked", "indeterminate", null, ""), Map.of()));
    Dataset<Row> normalized = JiraIssues.normalize(RawFixtures.of(raw), DEFAULTS);
    assertRows(
        normalized.selectExpr("source_position", "key", "_problem", "_note", "status_category"),
        new String[] {"source_position", "key", "_problem", "_note", "status_category"},
        new Object[] {0L, null, "Jira issue has no 'key'", "no changelog", "todo"},
        new Object[] {1L, "OPS-10", "Jira issue OPS-10 has no 'fields.created'", "no changelog", "todo"},
        new Object[] {2L, "OPS-11", "fields.created 'yesterday' is not an ISO-8601 timestamp", "no changelog", "todo"},
        new Object[] {3L, null, "Jira issue has no 'key'", "no changelog", null},
        new Object[] {4L, "OPS-13", null, "no changelog", "todo"},
        new Object[] {5L, "OPS-14", null, "status not in work_items.status_categories, Jira's category used: Blocked", "active"});
  }
}
