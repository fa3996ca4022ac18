package io.ttv.transforms.org;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.date;

import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.testing.TestSpark;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class DirectoryTest {
  private static final TtvConfig CFG =
      ConfigLoader.parse(
          """
          {"warehouse": "/tmp/w", "landing": "/tmp/l", "reporting_timezone": "UTC",
           "teams": [{"name": "payments", "timezone": "Europe/Berlin"}, {"name": "platform"}],
           "people": [
             {"id": "ana", "name": "Ana Díaz", "team": "payments", "emails": ["Ana@Example.com"], "github": ["ana-dev"]},
             {"id": "bo", "name": "Bo Li", "team": "platform", "emails": ["bo@example.com"], "github": ["BoLi"]}],
           "services": [{"name": "billing-api", "team": "payments", "repos": ["northwind/billing-api"]}]}
          """,
          "test.json");

  @Test
  void identitiesPeopleReposAndServices() {
    var spark = TestSpark.session();
    List<Row> seen = new ArrayList<>(Directory.configIdentityRows(CFG));
    seen.add(RowFactory.create("github", "ANA-DEV", true));
    seen.add(RowFactory.create("github", "stranger", true));
    seen.add(RowFactory.create("github", "dependabot[bot]", true));
    seen.add(RowFactory.create("git", "ana@example.com", true));
    seen.add(RowFactory.create("git", "12345+boli@users.noreply.github.com", true));
    seen.add(RowFactory.create("git", "x@y.org", true));
    seen.add(RowFactory.create("git", "49699333+dependabot[bot]@users.noreply.github.com", true)); // a bot by its noreply login
    Dataset<Row> identities = Directory.identities(spark.createDataFrame(seen, Directory.SEEN_IDENTITY), CFG).cache();
    assertRows(
        identities,
        new String[] {"system", "identity", "person_id", "is_matched", "is_bot", "is_seen"},
        new Object[] {"github", "ana-dev", "ana", true, false, true}, // the config's and the seen spelling are one
        new Object[] {"github", "boli", "bo", true, false, false},
        new Object[] {"github", "stranger", "github:stranger", false, false, true},
        new Object[] {"github", "dependabot[bot]", "github:dependabot[bot]", false, true, true},
        new Object[] {"git", "ana@example.com", "ana", true, false, true},
        new Object[] {"git", "12345+boli@users.noreply.github.com", "bo", true, false, true}, // noreply -> login BoLi
        new Object[] {"git", "x@y.org", "git:x@y.org", false, false, true},
        new Object[] {"git", "49699333+dependabot[bot]@users.noreply.github.com", "git:49699333+dependabot[bot]@users.noreply.github.com", false, true, true},
        new Object[] {"email", "ana@example.com", "ana", true, false, false},
        new Object[] {"email", "bo@example.com", "bo", true, false, false});

    // ana: github ana-dev, git ana@, email ana@ = 3 identities; bo: github boli, git noreply, email bo@ = 3
    assertRows(
        Directory.people(identities, CFG),
        new String[] {"person_id", "name", "team", "timezone", "is_matched", "is_bot", "identities"},
        new Object[] {"ana", "Ana Díaz", "payments", "Europe/Berlin", true, false, 3L},
        new Object[] {"bo", "Bo Li", "platform", "UTC", true, false, 3L},
        new Object[] {"github:stranger", "stranger", null, "UTC", false, false, 1L},
        new Object[] {"github:dependabot[bot]", "dependabot[bot]", null, "UTC", false, true, 1L},
        new Object[] {"git:x@y.org", "x@y.org", null, "UTC", false, false, 1L},
        new Object[] {"git:49699333+dependabot[bot]@users.noreply.github.com", "49699333+dependabot[bot]@users.noreply.github.com", null, "UTC", false, true, 1L});

    List<Row> repos = new ArrayList<>(Directory.configRepoRows(CFG));
    repos.add(RowFactory.create("northwind/Billing-API", false, true)); // the data's spelling wins, case ignored
    repos.add(RowFactory.create("acme/tool", false, true));
    Dataset<Row> repoTable = Directory.repos(spark.createDataFrame(repos, Directory.SEEN_REPO), CFG).cache();
    assertRows(
        repoTable,
        new String[] {"repo", "service", "team", "is_configured", "is_seen"},
        new Object[] {"northwind/Billing-API", "billing-api", "payments", true, true},
        new Object[] {"acme/tool", "acme/tool", null, false, true});
    assertRows(
        Directory.services(repoTable, CFG).selectExpr("service", "team", "size(repos)", "is_configured"),
        new String[] {"service", "team", "size(repos)", "is_configured"},
        new Object[] {"billing-api", "payments", 1, true},
        new Object[] {"acme/tool", null, 1, false});
    assertRows(
        spark.createDataFrame(Directory.teamRows(CFG), io.ttv.schemas.tables.TeamsTable.SCHEMA)
            .selectExpr("team", "timezone", "working_hours_start", "working_hours_end", "array_join(working_days, ',') AS days", "people", "services"),
        new String[] {"team", "timezone", "working_hours_start", "working_hours_end", "days", "people", "services"},
        new Object[] {"payments", "Europe/Berlin", "09:00", "17:00", "MON,TUE,WED,THU,FRI", 1L, 1L},
        new Object[] {"platform", "UTC", "09:00", "17:00", "MON,TUE,WED,THU,FRI", 1L, 0L});
  }

  @Test
  void isoWeeksAroundNewYear() {
    // 2026 starts on a Thursday, so it has 53 ISO weeks: 2026-12-31 (Thu) .. 2027-01-03 (Sun) are week 53
    // of ISO year 2026, whose Monday is 2026-12-28; 2027-01-04 (Mon) starts week 1 of 2027.
    assertRows(
        Directory.dates(TestSpark.session(), LocalDate.parse("2026-12-31"), LocalDate.parse("2027-01-04")),
        new String[] {"date", "year", "quarter", "month_name", "iso_year", "iso_week", "week_start", "day_of_week", "day_name", "is_weekend"},
        new Object[] {date("2026-12-31"), 2026, 4, "December", 2026, 53, date("2026-12-28"), 4, "Thursday", false},
        new Object[] {date("2027-01-01"), 2027, 1, "January", 2026, 53, date("2026-12-28"), 5, "Friday", false},
        new Object[] {date("2027-01-02"), 2027, 1, "January", 2026, 53, date("2026-12-28"), 6, "Saturday", true},
        new Object[] {date("2027-01-03"), 2027, 1, "January", 2026, 53, date("2026-12-28"), 7, "Sunday", true},
        new Object[] {date("2027-01-04"), 2027, 1, "January", 2027, 1, date("2027-01-04"), 1, "Monday", false});
  }
}
