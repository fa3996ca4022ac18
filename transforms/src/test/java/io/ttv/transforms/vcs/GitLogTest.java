package io.ttv.transforms.vcs;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.date;
import static io.ttv.testing.RawFixtures.ts;
import static io.ttv.transforms.vcs.CommitsTestConfig.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.tables.CommitsTable;
import io.ttv.testing.DatasetAssert;
import io.ttv.testing.RawFixtures;
import io.ttv.transforms.common.NormalizedRows;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** {@code git log} in the contract's 0x1F format -> commits. */
class GitLogTest {
  private static final String LOG = "/fixtures/git-log/devlake_git_log_format_x1f_fields_80_commits_2022.txt";
  private static final Map<String, String> DEVLAKE = Map.of("repo", "apache/incubator-devlake");
  private static final String US = "\u001f";

  private static Dataset<Row> realLog() {
    return GitLog.normalize(RawFixtures.lines("git", "log", "2022-05-19", LOG, DEVLAKE), CONFIG);
  }

  @Test
  void theRealLogHasEightyCommitsSixtyWithOneParentAndTwentyMerges() {
    Dataset<Row> rows = realLog();
    assertThat(rows.where(NormalizedRows.PROBLEM + " IS NOT NULL").count()).isZero();
    Dataset<Row> commits = NormalizedRows.onlyValidNewest(rows, CommitsTable.TABLE);
    DatasetAssert.assertSameColumns(CommitsTable.SCHEMA, commits.schema());
    assertThat(commits.count()).isEqualTo(80);
    assertThat(commits.where("size(parents) = 1").count()).isEqualTo(60);
    assertThat(commits.where("size(parents) = 2").count()).isEqualTo(20);
    assertThat(commits.where("parents_known AND repo = 'apache/incubator-devlake' AND source_system = 'git'").count()).isEqualTo(80);
  }

  @Test
  void theMergeOnTopIsReadFieldByFieldAndItsOffsetBecomesUtc() {
    // line 1: c217a5f4 merges 759e51bb and 5844de0e; author Klesh Wong (listed by e-mail, matched ignoring case),
    // committer GitHub (a merge in the web UI). 2022-05-18T23:06:47+08:00 = 23:06:47 - 8 h = 2022-05-18T15:06:47Z.
    Dataset<Row> merge = realLog().where("sha = 'c217a5f4f023a6087c30a2df191d2a391df879e2'");
    assertRows(merge,
        new String[] {"parents", "author_name", "author_email", "author_login", "author_person_id", "author_is_bot",
            "committer_name", "committer_email", "authored_at", "committed_at", "message", "work_item_keys", "source_position"},
        new Object[] {List.of("759e51bbde9086f6bcaba3f739fa12149bb6a88c", "5844de0e98e7aae156e65b253a372cdefcc2e167"),
            "Klesh Wong", "zhenmian.huang@merico.dev", null, "klesh", false,
            "GitHub", "noreply@github.com", ts("2022-05-18T15:06:47Z"), ts("2022-05-18T15:06:47Z"),
            "Merge pull request #1920 from KeHaohaoke/main", List.of(), 0L});
  }

  @Test
  void authorAndCommitterOffsetsDifferAndBothBecomeUtc() {
    // line 60, e7f069b3 (rebased): authored 2022-05-10T18:58:31-04:00 = 18:58:31 + 4 h = 2022-05-10T22:58:31Z;
    //   committed 2022-05-11T22:08:19+08:00 = 22:08:19 - 8 h = 2022-05-11T14:08:19Z.
    // line 65, e6277471: authored 2022-05-09T23:56:53-04:00 + 4 h = 2022-05-10T03:56:53Z (the UTC date is the next day).
    // line 36, bfee37f6: authored 2022-05-13T14:04:24+00:00 stays 14:04:24Z; an unlisted author is git:<e-mail>.
    assertRows(realLog().where("sha IN ('e7f069b3afe891047aa5632adb6e2be5ab489514', 'e627747196b17fd9e5deef1e5b986ca4ce753709', "
            + "'bfee37f67a094f103e16b65067181402a6e46485')"),
        new String[] {"sha", "authored_at", "committed_at", "author_person_id", "source_position"},
        new Object[] {"e7f069b3afe891047aa5632adb6e2be5ab489514", ts("2022-05-10T22:58:31Z"), ts("2022-05-11T14:08:19Z"), "git:julien.chinapen@merico.dev", 59L},
        new Object[] {"e627747196b17fd9e5deef1e5b986ca4ce753709", ts("2022-05-10T03:56:53Z"), ts("2022-05-11T14:08:19Z"), "git:julien.chinapen@merico.dev", 64L},
        new Object[] {"bfee37f67a094f103e16b65067181402a6e46485", ts("2022-05-13T14:04:24Z"), ts("2022-05-17T07:35:37Z"), "git:jzc001@qq.com", 35L});
  }

  private static String line(String sha, String parents, String name, String email, String authored, String subject) {
    return String.join(US, sha, parents, name, email, authored, name, email, authored, subject);
  }

  private static Row raw(long position, String line, Map<String, String> params) {
    return RawFixtures.record("git", "log", "2026-01-05", "file:/l/git/log/dt=2026-01-05/repo=acme%2Fshop/log.txt", position, line, params);
  }

  private static final String ROOT = "1111111111111111111111111111111111111111";
  private static final String CHILD = "2222222222222222222222222222222222222222";

  @Test
  void madeUpLinesRootCommitUnicodeBotsAndWorkItemKeys() {
    // made up, in the contract's format; the name Fábio is from the squash-merge fixture's authors
    Map<String, String> shop = Map.of("repo", "acme/shop");
    Dataset<Row> rows =
        GitLog.normalize(
            RawFixtures.of(List.of(
                raw(0, line(ROOT, "", "Fábio Frøysaa", "fabio@example.com", "2026-01-05T09:00:00+05:30", "Initial commit"), shop),
                raw(1, line(CHILD, ROOT, "dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", "2026-01-05T10:00:00Z",
                    "TTV-12 bump lib (PAY-3, TTV-12 again) ttv-9"), shop))),
            CONFIG);
    // 09:00 at +05:30 = 09:00 - 5:30 = 03:30Z
    assertRows(rows,
        new String[] {"sha", "parents", "parents_known", "author_name", "author_is_bot", "authored_at", "message", "work_item_keys", "_problem"},
        new Object[] {ROOT, List.of(), true, "Fábio Frøysaa", false, ts("2026-01-05T03:30:00Z"), "Initial commit", List.of(), null},
        new Object[] {CHILD, List.of(ROOT), true, "dependabot[bot]", true, ts("2026-01-05T10:00:00Z"),
            "TTV-12 bump lib (PAY-3, TTV-12 again) ttv-9", List.of("TTV-12", "PAY-3"), null});
  }

  @Test
  void badLinesAreProblemsWithReasonsAPersonCanActOn() {
    Map<String, String> shop = Map.of("repo", "acme/shop");
    String good = line(ROOT, "", "Ana", "ana@example.com", "2026-01-05T09:00:00Z", "ok");
    Dataset<Row> rows =
        GitLog.normalize(
            RawFixtures.of(List.of(
                raw(0, String.join(US, ROOT, "", "Ana", "ana@example.com"), shop),
                raw(1, line("abc123", "", "Ana", "ana@example.com", "2026-01-05T09:00:00Z", "short sha"), shop),
                raw(2, line(CHILD, ROOT, "Ana", "ana@example.com", "", "no author date"), shop),
                raw(3, line(CHILD, ROOT, "Ana", "ana@example.com", "yesterday", "bad date"), shop),
                raw(4, "a plain line that is not git log output", shop),
                raw(5, good, Map.of()))),
            CONFIG);
    assertRows(rows,
        new String[] {"source_position", "_problem", "_record"},
        new Object[] {0L, "git log line has 4 fields, expected 9 separated by 0x1F (--format of contract section 4)",
            String.join(US, ROOT, "", "Ana", "ana@example.com")},
        new Object[] {1L, "sha 'abc123' is not a full commit id (40 hex digits)",
            line("abc123", "", "Ana", "ana@example.com", "2026-01-05T09:00:00Z", "short sha")},
        new Object[] {2L, "commit " + CHILD + " has no author date", line(CHILD, ROOT, "Ana", "ana@example.com", "", "no author date")},
        new Object[] {3L, "author date 'yesterday' is not an ISO-8601 timestamp", line(CHILD, ROOT, "Ana", "ana@example.com", "yesterday", "bad date")},
        new Object[] {4L, "git log line has 1 fields, expected 9 separated by 0x1F (--format of contract section 4)", "a plain line that is not git log output"},
        new Object[] {5L, "commit " + ROOT + " names no repository (no repo= folder above the log file, contract section 4)", good});
  }

  @Test
  void theNewerExportWins() {
    // the same commit in the export of 2026-01-05 and, with the subject git log would show after a reword... of the same sha
    // (an exporter re-run): the version of the newer export date is kept whatever the file order
    Map<String, String> shop = Map.of("repo", "acme/shop");
    Row older = RawFixtures.record("git", "log", "2026-01-05", "file:/l/dt=2026-01-05/z.txt", 7,
        line(ROOT, "", "Ana", "ana@example.com", "2026-01-05T09:00:00Z", "first export"), shop);
    Row newer = RawFixtures.record("git", "log", "2026-01-06", "file:/l/dt=2026-01-06/a.txt", 0,
        line(ROOT, "", "Ana", "ana@example.com", "2026-01-05T09:00:00Z", "second export"), shop);
    Dataset<Row> kept = NormalizedRows.onlyValidNewest(GitLog.normalize(RawFixtures.of(List.of(newer, older)), CONFIG), CommitsTable.TABLE);
    assertRows(kept, new String[] {"sha", "message", "export_date", "source_file"},
        new Object[] {ROOT, "second export", date("2026-01-06"), "file:/l/dt=2026-01-06/a.txt"});
  }
}
