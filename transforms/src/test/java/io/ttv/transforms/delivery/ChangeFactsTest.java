package io.ttv.transforms.delivery;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.date;
import static io.ttv.testing.RawFixtures.ts;

import io.ttv.schemas.config.Service;
import io.ttv.schemas.tables.CommitShipmentsTable;
import io.ttv.schemas.tables.CommitsTable;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.schemas.tables.PullRequestCommitsTable;
import io.ttv.schemas.tables.PullRequestsTable;
import io.ttv.testing.TestSpark;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * fact_change on the history of CommitShippingTest: D1 (2026-03-02 12:00Z) shipped m1 (a true merge of
 * PR #1's branch b1-b2) and a1; D2 (2026-03-03 12:00Z) shipped s1 (PR #2's squash commit) and v1 (a revert
 * pushed straight to main). PR #3 was closed unmerged, though GitHub gave it a test-merge sha.
 */
class ChangeFactsTest {

  private static Row row(StructType schema, Map<String, Object> values) {
    Map<String, Object> v = new HashMap<>(values);
    v.putIfAbsent(LineageColumns.EXPORT_DATE, date("2026-03-04"));
    v.putIfAbsent(LineageColumns.SOURCE_FILE, "f.json");
    v.putIfAbsent(LineageColumns.SOURCE_POSITION, 0L);
    List<Object> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      out.add(v.get(f.name()));
    }
    return RowFactory.create(out.toArray());
  }

  private static Row pr(long number, String mergeSha, String firstCommit, String created, String firstReview, String merged) {
    Map<String, Object> v = new HashMap<>();
    v.put(PullRequestsTable.SOURCE_SYSTEM, "github");
    v.put(PullRequestsTable.REPO, "acme/app");
    v.put(PullRequestsTable.NUMBER, number);
    v.put(PullRequestsTable.TITLE, "PAY-" + number + " change " + number);
    v.put(PullRequestsTable.STATE, merged == null ? "closed" : "merged");
    v.put(PullRequestsTable.AUTHOR_PERSON_ID, "ana");
    v.put(PullRequestsTable.IS_BOT, false);
    v.put(PullRequestsTable.IS_DRAFT, false);
    v.put(PullRequestsTable.CREATED_AT, ts(created));
    v.put(PullRequestsTable.FIRST_COMMIT_AT, firstCommit == null ? null : ts(firstCommit));
    v.put(PullRequestsTable.FIRST_REVIEW_AT, firstReview == null ? null : ts(firstReview));
    v.put(PullRequestsTable.MERGED_AT, merged == null ? null : ts(merged));
    v.put(PullRequestsTable.MERGE_SHA, mergeSha);
    v.put(PullRequestsTable.WORK_ITEM_KEYS, List.of("PAY-" + number));
    return row(PullRequestsTable.SCHEMA, v);
  }

  private static Row prCommit(long number, String sha) {
    return row(PullRequestCommitsTable.SCHEMA, Map.of(
        PullRequestCommitsTable.SOURCE_SYSTEM, "github", PullRequestCommitsTable.REPO, "acme/app",
        PullRequestCommitsTable.PR_NUMBER, number, PullRequestCommitsTable.SHA, sha));
  }

  private static Row commit(String sha, String authored, String subject, String author) {
    return commit(sha, authored, subject, author, List.of());
  }

  private static Row commit(String sha, String authored, String subject, String author, List<String> keys) {
    Map<String, Object> v = new HashMap<>();
    v.put(CommitsTable.SOURCE_SYSTEM, "git");
    v.put(CommitsTable.REPO, "acme/app");
    v.put(CommitsTable.SHA, sha);
    v.put(CommitsTable.PARENTS, List.of());
    v.put(CommitsTable.PARENTS_KNOWN, true);
    v.put(CommitsTable.AUTHOR_PERSON_ID, author);
    v.put(CommitsTable.AUTHOR_IS_BOT, false);
    v.put(CommitsTable.AUTHORED_AT, ts(authored));
    v.put(CommitsTable.COMMITTED_AT, ts(authored));
    v.put(CommitsTable.MESSAGE, subject);
    v.put(CommitsTable.WORK_ITEM_KEYS, keys);
    return row(CommitsTable.SCHEMA, v);
  }

  private static Row shipment(String sha, String deployment, String deployed, String authored) {
    return RowFactory.create("acme/app", sha, "billing", "github", deployment, ts(deployed), ts(authored), true, null);
  }

  @Test
  void pullRequestStagesAndDirectCommits() {
    var spark = TestSpark.session();
    Dataset<Row> shipments =
        spark.createDataFrame(
            List.of(
                shipment("m1", "D1", "2026-03-02T12:00:00Z", "2026-03-02T09:00:00Z"),
                shipment("a1", "D1", "2026-03-02T12:00:00Z", "2026-03-01T09:00:00Z"),
                shipment("b1", "D1", "2026-03-02T12:00:00Z", "2026-03-01T10:00:00Z"),
                shipment("b2", "D1", "2026-03-02T12:00:00Z", "2026-03-01T11:00:00Z"),
                shipment("s1", "D2", "2026-03-03T12:00:00Z", "2026-03-03T10:00:00Z"),
                shipment("v1", "D2", "2026-03-03T12:00:00Z", "2026-03-03T11:00:00Z")),
            CommitShipmentsTable.SCHEMA);
    Dataset<Row> prs =
        spark.createDataFrame(
            List.of(
                pr(1, "m1", "2026-03-01T10:00:00Z", "2026-03-01T11:30:00Z", "2026-03-01T14:00:00Z", "2026-03-02T09:00:00Z"),
                pr(2, "s1", "2026-03-02T15:00:00Z", "2026-03-02T16:30:00Z", null, "2026-03-03T10:00:00Z"),
                pr(3, "v1", "2026-03-03T08:00:00Z", "2026-03-03T08:30:00Z", null, null),
                pr(4, "gone", "2026-03-03T08:00:00Z", "2026-03-03T08:30:00Z", null, "2026-03-03T09:00:00Z")),
            PullRequestsTable.SCHEMA);
    Dataset<Row> prCommits =
        spark.createDataFrame(
            List.of(prCommit(1, "b1"), prCommit(1, "b2"), prCommit(2, "c1"), prCommit(2, "c2"), prCommit(3, "x1")),
            PullRequestCommitsTable.SCHEMA);
    Dataset<Row> commits =
        spark.createDataFrame(
            List.of(
                commit("a1", "2026-03-01T09:00:00Z", "PAY-9 tidy config", "bo"),
                commit("v1", "2026-03-03T11:00:00Z", "Revert \"PAY-2 change 2\"", "ana"),
                commit("m1", "2026-03-02T09:00:00Z", "Merge pull request #1", "ana"),
                commit("s1", "2026-03-03T10:00:00Z", "PAY-2 change 2 (#2)", "ana")),
            CommitsTable.SCHEMA);
    List<Service> services = List.of(new Service("billing", "payments", List.of("acme/app"), List.of(), List.of()));

    // PR #1 (merge commit m1, shipped by D1 at 03-02 12:00):
    //   coding = created 03-01 11:30 - first commit 03-01 10:00 = 1.5 h
    //   pickup = first review 03-01 14:00 - created 11:30 = 2.5 h
    //   review = merged 03-02 09:00 - first review 03-01 14:00 = 19 h
    //   deploy = D1 03-02 12:00 - merged 09:00 = 3 h; lead time = 03-02 12:00 - 03-01 10:00 = 26 h
    // PR #2 (squash commit s1, shipped by D2 at 03-03 12:00), never reviewed:
    //   coding = 16:30 - 15:00 = 1.5 h; pickup, review null; deploy = 12:00 - 10:00 = 2 h;
    //   lead time = 03-03 12:00 - 03-02 15:00 = 21 h
    // PR #3: closed unmerged; its test-merge sha v1 does not make v1 its change.
    // PR #4: merged, but its merge commit "gone" is in no export: no row (counted by mergedWithoutCommit).
    // Direct commits: a1 (03-01 09:00 -> 03-02 12:00 = 27 h) and v1 (11:00 -> 12:00 = 1 h). m1 and s1
    // are PRs' commits, b1 and b2 are PR #1's branch: none is a change of its own.
    assertRows(
        ChangeFacts.daily(shipments, prs, prCommits, commits, services, ZoneId.of("UTC"), LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-04")),
        new String[] {"date", "change_type", "change_id", "team", "sha", "author_person_id", "coding_hours", "pickup_hours", "review_hours",
            "deploy_hours", "lead_time_hours", "deployment_id"},
        new Object[] {date("2026-03-02"), "pull_request", "1", "payments", "m1", "ana", 1.5, 2.5, 19.0, 3.0, 26.0, "D1"},
        new Object[] {date("2026-03-03"), "pull_request", "2", "payments", "s1", "ana", 1.5, null, null, 2.0, 21.0, "D2"},
        new Object[] {date("2026-03-02"), "commit", "a1", "payments", "a1", "bo", null, null, null, null, 27.0, "D1"},
        new Object[] {date("2026-03-03"), "commit", "v1", "payments", "v1", "ana", null, null, null, null, 1.0, "D2"});
    assertRows(ChangeFacts.mergedWithoutCommit(prs, commits).select("number"), new String[] {"number"}, new Object[] {4L});
  }

  @Test
  void firstCommitAndWorkItemKeysOfAPullRequestComeFromItsCommits() {
    var spark = TestSpark.session();
    // PR #1 (title key PAY-1) holds b2 (03-01 11:00, "PAY-7 ...") and b1 (03-01 10:00, "PAY-1 ..."): its first
    // commit is b1 at 10:00, its keys PAY-1 (title) then PAY-7 (a commit); PR #2's commits are in no export.
    Dataset<Row> commits =
        spark.createDataFrame(
            List.of(
                commit("b1", "2026-03-01T10:00:00Z", "PAY-1 start", "ana", List.of("PAY-1")),
                commit("b2", "2026-03-01T11:00:00Z", "PAY-7 also fix", "ana", List.of("PAY-7"))),
            CommitsTable.SCHEMA);
    Dataset<Row> prCommits = spark.createDataFrame(List.of(prCommit(1, "b2"), prCommit(1, "b1"), prCommit(2, "zz")), PullRequestCommitsTable.SCHEMA);
    Dataset<Row> prs =
        spark.createDataFrame(
            List.of(pr(1, "m1", null, "2026-03-01T11:30:00Z", null, null), pr(2, "s1", null, "2026-03-02T16:30:00Z", null, null)),
            PullRequestsTable.SCHEMA);
    assertRows(
        io.ttv.transforms.vcs.PullRequests.withFirstCommit(prCommits, commits, prs),
        new String[] {"number", "first_commit_at", "work_item_keys"},
        new Object[] {1L, ts("2026-03-01T10:00:00Z"), List.of("PAY-1", "PAY-7")});
  }

  private static Row workItem(String key, String created) {
    Map<String, Object> v = new HashMap<>();
    v.put(io.ttv.schemas.tables.WorkItemsTable.SOURCE_SYSTEM, "jira");
    v.put(io.ttv.schemas.tables.WorkItemsTable.KEY, key);
    v.put(io.ttv.schemas.tables.WorkItemsTable.ITEM_ID, key);
    v.put(io.ttv.schemas.tables.WorkItemsTable.FLOW_ITEM_TYPE, "feature");
    v.put(io.ttv.schemas.tables.WorkItemsTable.IS_INCIDENT, false);
    v.put(io.ttv.schemas.tables.WorkItemsTable.STATUS, "Done");
    v.put(io.ttv.schemas.tables.WorkItemsTable.CREATED_AT, ts(created));
    v.put(io.ttv.schemas.tables.WorkItemsTable.COMPONENTS, List.of());
    v.put(io.ttv.schemas.tables.WorkItemsTable.LABELS, List.of());
    v.put(io.ttv.schemas.tables.WorkItemsTable.IS_SUBTASK, false);
    v.put(io.ttv.schemas.tables.WorkItemsTable.TEAM, "payments");
    return row(io.ttv.schemas.tables.WorkItemsTable.SCHEMA, v);
  }

  @Test
  void timeToValueThroughPullRequestsAndCommitsToTheFirstShippingDeployment() {
    var spark = TestSpark.session();
    // The history of pullRequestStagesAndDirectCommits: D1 (03-02 12:00) ships m1 (PR #1, keys PAY-1), a1
    // (subject "PAY-9 ..."), b1 ("PAY-404 ...": no such item); D2 (03-03 12:00) ships s1 (PR #2, PAY-2) and
    // v1 (a revert mentioning PAY-2). PAY-7 exists but no commit names it.
    Dataset<Row> shipments =
        spark.createDataFrame(
            List.of(
                shipment("m1", "D1", "2026-03-02T12:00:00Z", "2026-03-02T09:00:00Z"),
                shipment("a1", "D1", "2026-03-02T12:00:00Z", "2026-03-01T09:00:00Z"),
                shipment("b1", "D1", "2026-03-02T12:00:00Z", "2026-03-01T10:00:00Z"),
                shipment("s1", "D2", "2026-03-03T12:00:00Z", "2026-03-03T10:00:00Z"),
                shipment("v1", "D2", "2026-03-03T12:00:00Z", "2026-03-03T11:00:00Z")),
            CommitShipmentsTable.SCHEMA);
    Dataset<Row> prs =
        spark.createDataFrame(
            List.of(
                pr(1, "m1", "2026-03-01T10:00:00Z", "2026-03-01T11:30:00Z", null, "2026-03-02T09:00:00Z"),
                pr(2, "s1", "2026-03-02T15:00:00Z", "2026-03-02T16:30:00Z", null, "2026-03-03T10:00:00Z")),
            PullRequestsTable.SCHEMA);
    Dataset<Row> commits =
        spark.createDataFrame(
            List.of(
                commit("a1", "2026-03-01T09:00:00Z", "PAY-9 tidy config", "bo", List.of("PAY-9")),
                commit("b1", "2026-03-01T10:00:00Z", "PAY-404 start", "ana", List.of("PAY-404")),
                commit("v1", "2026-03-03T11:00:00Z", "Revert PAY-2", "ana", List.of("PAY-2"))),
            CommitsTable.SCHEMA);
    Dataset<Row> items =
        spark.createDataFrame(
            List.of(
                workItem("PAY-1", "2026-02-27T12:00:00Z"), workItem("PAY-2", "2026-03-01T00:00:00Z"),
                workItem("PAY-9", "2026-02-20T12:00:00Z"), workItem("PAY-7", "2026-03-02T00:00:00Z")),
            io.ttv.schemas.tables.WorkItemsTable.SCHEMA);
    Dataset<Row> links = TimeToValue.links(commits, prs).cache();
    // PAY-1: 02-27 12:00 -> D1 03-02 12:00 = 3 days (February 2026 has 28) = 72 h
    // PAY-9: 02-20 12:00 -> 03-02 12:00 = 10 days = 240 h
    // PAY-2: 03-01 00:00 -> D2 03-03 12:00 (both s1 and v1 ship there) = 60 h; PAY-404 is no item, PAY-7 not shipped
    Dataset<Row> perItem = TimeToValue.items(links, shipments, items).cache();
    assertRows(perItem, new String[] {"work_item_key", "time_to_value_hours"},
        new Object[] {"PAY-1", 72.0}, new Object[] {"PAY-9", 240.0}, new Object[] {"PAY-2", 60.0});
    // 03-02: 72 and 240: p50 = 72 + 0.5 x 168 = 156; p90 = 72 + 0.9 x 168 = 223.2. 03-03: 60 alone.
    assertRows(
        TimeToValue.daily(perItem, ZoneId.of("UTC"), LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-04")),
        new String[] {"date", "service", "time_to_value_p50_hours", "time_to_value_p90_hours"},
        new Object[] {date("2026-03-02"), "billing", 156.0, 223.2},
        new Object[] {date("2026-03-03"), "billing", 60.0, 60.0});
    Dataset<Row> changes =
        ChangeFacts.daily(shipments, prs, spark.createDataFrame(List.of(prCommit(1, "b1")), PullRequestCommitsTable.SCHEMA), commits,
            List.of(), ZoneId.of("UTC"), LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-04"));
    // PR #1 -> PAY-1 (72 h), PR #2 -> PAY-2 (60 h), a1 -> PAY-9 (240 h), v1 -> PAY-2: 03-01 00:00 -> 03-03 12:00 = 60 h
    assertRows(
        TimeToValue.forChanges(changes, links, items),
        new String[] {"change_id", "time_to_value_hours"},
        new Object[] {"1", 72.0}, new Object[] {"2", 60.0}, new Object[] {"a1", 240.0}, new Object[] {"v1", 60.0});
  }

  @Test
  void theWindowsLinksGiveTheTimesToValueOfAllHistory() {
    var spark = TestSpark.session();
    // History: D0 (03-01 12:00) ships c0 "PAY-2 groundwork"; D1 (03-02 12:00) ships a1 "PAY-9 ..."; D2 (03-03
    // 12:00) ships s1 (PR #2, key PAY-2) and v1 "Revert PAY-2". The nightly's window is 03-03 only: its
    // shipments are D2's.
    Dataset<Row> all =
        spark.createDataFrame(
            List.of(
                shipment("c0", "D0", "2026-03-01T12:00:00Z", "2026-03-01T08:00:00Z"),
                shipment("a1", "D1", "2026-03-02T12:00:00Z", "2026-03-01T09:00:00Z"),
                shipment("s1", "D2", "2026-03-03T12:00:00Z", "2026-03-03T10:00:00Z"),
                shipment("v1", "D2", "2026-03-03T12:00:00Z", "2026-03-03T11:00:00Z")),
            CommitShipmentsTable.SCHEMA);
    Dataset<Row> window = all.where("deployment_id = 'D2'");
    Dataset<Row> prs =
        spark.createDataFrame(List.of(pr(2, "s1", "2026-03-02T15:00:00Z", "2026-03-02T16:30:00Z", null, "2026-03-03T10:00:00Z")), PullRequestsTable.SCHEMA);
    Dataset<Row> commits =
        spark.createDataFrame(
            List.of(
                commit("c0", "2026-03-01T08:00:00Z", "PAY-2 groundwork", "ana", List.of("PAY-2")),
                commit("a1", "2026-03-01T09:00:00Z", "PAY-9 tidy config", "bo", List.of("PAY-9")),
                commit("v1", "2026-03-03T11:00:00Z", "Revert PAY-2", "ana", List.of("PAY-2"))),
            CommitsTable.SCHEMA);
    Dataset<Row> items =
        spark.createDataFrame(
            List.of(workItem("PAY-2", "2026-03-01T00:00:00Z"), workItem("PAY-9", "2026-02-20T12:00:00Z")),
            io.ttv.schemas.tables.WorkItemsTable.SCHEMA);
    // the window's commits s1 (through PR #2) and v1 both carry PAY-2; a1 and c0 were shipped before it
    Dataset<Row> windowLinks = TimeToValue.linksOfCommits(commits, prs, window.select("repo", "sha")).cache();
    assertRows(windowLinks, new String[] {"sha", "work_item_key"}, new Object[] {"s1", "PAY-2"}, new Object[] {"v1", "PAY-2"});
    // every link of PAY-2, from any time: c0 too; PAY-9 is not named by the window
    Dataset<Row> itemLinks = TimeToValue.linksOfKeys(commits, prs, windowLinks).cache();
    assertRows(itemLinks, new String[] {"sha", "work_item_key"},
        new Object[] {"c0", "PAY-2"}, new Object[] {"s1", "PAY-2"}, new Object[] {"v1", "PAY-2"});
    // PAY-2 first shipped with c0 on 03-01 12:00 (03-01 00:00 -> 12:00 = 12 h), so 03-03 has no time to value,
    // exactly as with the links of all history; the window's links alone would have put 60 h on 03-03.
    LocalDate day = LocalDate.parse("2026-03-03");
    Dataset<Row> bounded = TimeToValue.daily(TimeToValue.items(itemLinks, all, items), ZoneId.of("UTC"), day, day);
    assertRows(bounded, new String[] {"date", "time_to_value_p50_hours"});
    assertRows(TimeToValue.daily(TimeToValue.items(TimeToValue.links(commits, prs), all, items), ZoneId.of("UTC"), day, day),
        new String[] {"date", "time_to_value_p50_hours"});
    assertRows(TimeToValue.daily(TimeToValue.items(windowLinks, all, items), ZoneId.of("UTC"), day, day),
        new String[] {"date", "time_to_value_p50_hours"}, new Object[] {date("2026-03-03"), 60.0});
    // on 03-01 the bounded links (of that day's shipment c0) give PAY-2's 12 h, as all history does
    LocalDate first = LocalDate.parse("2026-03-01");
    Dataset<Row> day1 = TimeToValue.linksOfCommits(commits, prs, all.where("deployment_id = 'D0'").select("repo", "sha"));
    assertRows(
        TimeToValue.daily(TimeToValue.items(TimeToValue.linksOfKeys(commits, prs, day1), all, items), ZoneId.of("UTC"), first, first),
        new String[] {"date", "time_to_value_p50_hours"}, new Object[] {date("2026-03-01"), 12.0});
  }

  private static Row deploymentFact(String id, boolean ok) {
    return io.ttv.testing.TableRows.row(
        io.ttv.schemas.tables.FactDeploymentTable.SCHEMA,
        Map.of("date", date("2026-03-03"), "source_system", "github", "deployment_id", id, "service", "billing", "is_successful", ok));
  }

  @Test
  void reworkIsADeploymentShippingAFixOfADefectOrAnIncident() {
    var spark = TestSpark.session();
    // D1 ships a1 (PAY-9, a feature); D2 ships s1 (PR #2: PAY-2, a defect); D3 ships x1 whose subject names
    // OPS-1, an incident of flow type feature; D4 ships y1 naming PAY-404 (no such item): not rework
    Dataset<Row> shipments =
        spark.createDataFrame(
            List.of(
                shipment("a1", "D1", "2026-03-03T09:00:00Z", "2026-03-01T09:00:00Z"),
                shipment("s1", "D2", "2026-03-03T12:00:00Z", "2026-03-03T10:00:00Z"),
                shipment("x1", "D3", "2026-03-03T13:00:00Z", "2026-03-03T10:00:00Z"),
                shipment("y1", "D4", "2026-03-03T14:00:00Z", "2026-03-03T10:00:00Z")),
            CommitShipmentsTable.SCHEMA);
    Dataset<Row> prs =
        spark.createDataFrame(List.of(pr(2, "s1", "2026-03-02T15:00:00Z", "2026-03-02T16:30:00Z", null, "2026-03-03T10:00:00Z")), PullRequestsTable.SCHEMA);
    Dataset<Row> commits =
        spark.createDataFrame(
            List.of(
                commit("a1", "2026-03-01T09:00:00Z", "PAY-9 tidy config", "bo", List.of("PAY-9")),
                commit("x1", "2026-03-03T10:00:00Z", "OPS-1 hotfix", "bo", List.of("OPS-1")),
                commit("y1", "2026-03-03T10:00:00Z", "PAY-404 start", "ana", List.of("PAY-404"))),
            CommitsTable.SCHEMA);
    Row defect = workItem("PAY-2", "2026-03-01T00:00:00Z");
    Row incident = workItem("OPS-1", "2026-03-03T08:00:00Z");
    var wi = io.ttv.schemas.tables.WorkItemsTable.SCHEMA;
    List<Object> d = new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(defect.toSeq()));
    d.set(wi.fieldIndex(io.ttv.schemas.tables.WorkItemsTable.FLOW_ITEM_TYPE), "defect");
    List<Object> inc = new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(incident.toSeq()));
    inc.set(wi.fieldIndex(io.ttv.schemas.tables.WorkItemsTable.IS_INCIDENT), true);
    Dataset<Row> items =
        spark.createDataFrame(List.of(workItem("PAY-9", "2026-02-20T12:00:00Z"), RowFactory.create(d.toArray()), RowFactory.create(inc.toArray())), wi);
    Dataset<Row> rework = TimeToValue.reworkDeployments(TimeToValue.links(commits, prs), shipments, items);
    assertRows(rework, new String[] {"deployment_source_system", "deployment_id"}, new Object[] {"github", "D2"}, new Object[] {"github", "D3"});
    // y1 names PAY-404, which no export holds: the one unknown key (counted in the run log)
    assertRows(TimeToValue.unknownKeys(TimeToValue.links(commits, prs), items), new String[] {"work_item_key"}, new Object[] {"PAY-404"});
    // fact_deployment of 03-03: D1..D4 successful, F1 failed: rework true for D2, D3; false for D1, D4; null for F1
    Dataset<Row> perDeployment =
        DeploymentFacts.withRework(
            spark.createDataFrame(
                List.of(deploymentFact("D1", true), deploymentFact("D2", true), deploymentFact("D3", true), deploymentFact("D4", true), deploymentFact("F1", false)),
                io.ttv.schemas.tables.FactDeploymentTable.SCHEMA),
            rework);
    assertRows(perDeployment, new String[] {"deployment_id", "is_rework"},
        new Object[] {"D1", false}, new Object[] {"D2", true}, new Object[] {"D3", true}, new Object[] {"D4", false}, new Object[] {"F1", null});
    // the day: 4 successful deployments, 2 of them rework: rework rate 2 / 4 = 0.5
    Dataset<Row> daily =
        spark.createDataFrame(
            List.of(io.ttv.testing.TableRows.row(io.ttv.schemas.tables.FactDeliveryDailyTable.SCHEMA,
                Map.of("date", date("2026-03-03"), "service", "billing", "deployments", 4L, "failed_deployments", 1L))),
            io.ttv.schemas.tables.FactDeliveryDailyTable.SCHEMA);
    assertRows(DeploymentFacts.withReworkRate(daily, perDeployment), new String[] {"date", "service", "rework_deployments", "rework_rate"},
        new Object[] {date("2026-03-03"), "billing", 2L, 0.5});
  }
}
