package io.ttv.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static String contractExample() throws IOException {
    try (InputStream in =
        ConfigLoaderTest.class.getResourceAsStream("/config/contract-example.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A valid config with the two required keys plus {@code members} (JSON members, no braces). */
  private static String withRequired(String members) {
    return "{\"warehouse\": \"file:///w/warehouse\", \"landing\": \"file:///w/landing\""
        + (members.isBlank() ? "" : ", " + members)
        + "}";
  }

  private static List<String> problems(String json) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(json, "test.json"));
    assertThat(e).as("expected a ConfigException for %s", json).isNotNull();
    return e.problems();
  }

  @Test
  void readsEveryValueOfTheContractExample() throws IOException {
    TtvConfig c = ConfigLoader.parse(contractExample(), "contract-example.json");

    assertThat(c.warehouseUri()).isEqualTo("file:///var/lib/ttv/warehouse");
    assertThat(c.landingUri()).isEqualTo("file:///var/lib/ttv/landing");
    assertThat(c.reportingZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(c.lateDataDays()).isEqualTo(7);
    assertThat(c.quality().maxQuarantineShare()).isEqualTo(0.01);
    assertThat(c.sources()).containsOnlyKeys(SourceSystems.ALL);
    assertThat(c.sources().get("github").enabled()).isTrue();
    assertThat(c.sources().get("gitlab").enabled()).isFalse();
    assertThat(c.isSourceEnabled("jira", false)).isTrue();
    assertThat(c.isSourceEnabled("jenkins", true)).isFalse();

    assertThat(c.teams()).hasSize(1);
    Team payments = c.team("payments").orElseThrow();
    assertThat(payments.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(payments.start()).isEqualTo(LocalTime.of(9, 0));
    assertThat(payments.end()).isEqualTo(LocalTime.of(17, 0));
    assertThat(payments.workingDays())
        .containsExactly(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY);

    assertThat(c.people())
        .containsExactly(
            new Person(
                "ana",
                "Ana Diaz",
                "payments",
                List.of("ana@example.com"),
                List.of("ana-dev"),
                List.of("ana"),
                List.of("5b10a2844c20165700ede21g"),
                List.of("PXPGF42")));
    assertThat(c.bots().source()).isEqualTo("(?i)(\\[bot\\]$|^dependabot|^renovate|-bot$)");
    assertThat(c.bots().foundIn("dependabot[bot]")).isTrue();
    assertThat(c.bots().foundIn("ana-dev")).isFalse();
    assertThat(c.services())
        .containsExactly(
            new Service(
                "billing-api",
                "payments",
                List.of("northwind/billing-api"),
                List.of("PIJ90N7"),
                List.of("Billing")));

    Deployments d = c.deployments();
    assertThat(d.productionEnvironments().source()).isEqualTo("(?i)^(prod|production)([-_ ].*)?$");
    assertThat(d.productionEnvironments().foundIn("Production-EU")).isTrue();
    assertThat(d.productionEnvironments().foundIn("preprod")).isFalse();
    assertThat(d.deployJobs().source()).isEqualTo("(?i)deploy|release");
    assertThat(d.manualJobs().source()).isEqualTo("(?i)^(approve|manual)");
    assertThat(d.firstDeployLookbackDays()).isEqualTo(90);

    WorkItems w = c.workItems();
    assertThat(w.keyPattern().source()).isEqualTo("[A-Z][A-Z0-9]+-[0-9]+");
    assertThat(w.statusCategories())
        .containsExactly(
            Map.entry("To Do", "todo"),
            Map.entry("In Progress", "active"),
            Map.entry("In Review", "waiting"),
            Map.entry("Done", "done"));
    assertThat(w.statusCategory("in review")).contains("waiting");
    assertThat(w.flowItemTypes())
        .containsExactly(
            Map.entry("Story", "feature"),
            Map.entry("Bug", "defect"),
            Map.entry("Vulnerability", "risk"),
            Map.entry("Tech Debt", "debt"));
    assertThat(w.incidentTypes()).containsExactly("Incident");

    Friction f = c.friction();
    assertThat(f.manualTestJobs().source()).isEqualTo("(?i)manual.*test|qa|verif|smoke|acceptance");
    assertThat(f.manualTestStatuses()).containsExactly("QA", "In Testing");
    assertThat(f.infraWaitStatuses()).containsExactly("Waiting for Infra");
    assertThat(f.infraWaitLabels()).containsExactly("blocked-infra");
    assertThat(f.deployPlanningMeetings().foundIn("CAB weekly")).isTrue();
    assertThat(f.apiMeetings().foundIn("Payments API sync")).isTrue();
    assertThat(f.patchingLabels()).containsExactly("patching", "upgrade", "dependencies");
    assertThat(f.patchingTitles().foundIn("Bump jackson to 2.21")).isTrue();
    assertThat(f.defaultBranches()).containsExactly("main", "master");

    assertThat(c.focus().minBlockMinutes()).isEqualTo(120);
    assertThat(c.privacy().keepMeetingTitles()).isFalse();
    assertThat(c.cost().hourlyRate()).isEqualTo(95.0);
    assertThat(c.cost().currency()).isEqualTo("EUR");
    assertThat(c.cost().hasRate()).isTrue();
    assertThat(c.report()).isEqualTo(new Report("file:///var/lib/ttv/reports", 13, 5));
    assertThat(c.bi().postgres())
        .isEqualTo(
            new BiPostgres(
                "jdbc:postgresql://localhost:5432/analytics", "ttv", "ttv", "TTV_BI_PASSWORD"));
    assertThat(c.bi().trino()).isEqualTo(new BiTrino("jdbc:trino://localhost:8080", "ttv"));
  }

  @Test
  void theContractExampleDiffersFromTheDefaultsOnlyWhereItSaysSo() throws IOException {
    TtvConfig example = ConfigLoader.parse(contractExample(), "contract-example.json");
    TtvConfig minimal =
        TtvConfig.minimal("file:///var/lib/ttv/warehouse", "file:///var/lib/ttv/landing");

    // The example's friction and work-item rules are the defaults (the contract gives no others).
    assertThat(minimal.friction()).isEqualTo(example.friction());
    assertThat(minimal.workItems()).isEqualTo(example.workItems());
    assertThat(minimal.bots()).isEqualTo(example.bots());
    assertThat(minimal.report()).isEqualTo(example.report());
    assertThat(minimal.deployments().manualJobs()).isNotEqualTo(example.deployments().manualJobs());
  }

  @Test
  void aMinimalConfigGetsEveryDefault() {
    TtvConfig c = ConfigLoader.parse(withRequired(""), "test.json");

    assertThat(c.reportingZone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(c.lateDataDays()).isEqualTo(7);
    assertThat(c.quality().maxQuarantineShare()).isEqualTo(0.01);
    assertThat(c.sources().values()).containsOnly(Source.UNSET);
    assertThat(c.isSourceEnabled("github", true)).isTrue();
    assertThat(c.isSourceEnabled("github", false)).isFalse();
    assertThat(c.teams()).isEmpty();
    assertThat(c.people()).isEmpty();
    assertThat(c.services()).isEmpty();
    assertThat(c.bots().source()).isEqualTo(TtvConfig.DEFAULT_BOTS);
    assertThat(c.deployments().productionEnvironments().source())
        .isEqualTo("(?i)^(prod|production)([-_ ].*)?$");
    assertThat(c.deployments().deployJobs().source()).isEqualTo("(?i)deploy|release");
    assertThat(c.deployments().manualJobs()).isEqualTo(Regex.NEVER);
    assertThat(c.deployments().manualJobs().foundIn("manual-approve")).isFalse();
    assertThat(c.deployments().firstDeployLookbackDays()).isEqualTo(90);
    assertThat(c.workItems()).isEqualTo(WorkItems.defaults());
    assertThat(c.friction()).isEqualTo(Friction.defaults());
    assertThat(c.focus().minBlockMinutes()).isEqualTo(120);
    assertThat(c.privacy().keepMeetingTitles()).isFalse();
    assertThat(c.cost().hourlyRate()).isZero();
    assertThat(c.cost().hasRate()).isFalse();
    assertThat(c.cost().rate()).isEmpty();
    assertThat(c.cost().currency()).isEqualTo("USD");
    assertThat(c.report().outUri()).isEqualTo("file:///w/reports");
    assertThat(c.report().weeks()).isEqualTo(13);
    assertThat(c.report().minGroupSize()).isEqualTo(5);
    assertThat(c.bi()).isEqualTo(Bi.NONE);
    assertThat(c).isEqualTo(TtvConfig.minimal("file:///w/warehouse", "/w/landing"));
  }

  @Test
  void aTeamGetsTheReportingZoneAndDefaultWorkingTime() {
    TtvConfig c =
        ConfigLoader.parse(
            withRequired(
                "\"reporting_timezone\": \"America/New_York\", \"teams\": [{\"name\": \"core\"}]"),
            "test.json");

    Team core = c.team("core").orElseThrow();
    assertThat(core.zone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(core.start()).isEqualTo(LocalTime.of(9, 0));
    assertThat(core.end()).isEqualTo(LocalTime.of(17, 0));
    assertThat(core.workingDays()).isEqualTo(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
    assertThat(c.team("nope")).isEmpty();
  }

  @Test
  void partialObjectsKeepTheDefaultsOfTheirOtherKeys() {
    TtvConfig c =
        ConfigLoader.parse(
            withRequired(
                "\"teams\": [{\"name\": \"night\", \"working_hours\": {\"end\": \"18:30\"},"
                    + " \"working_days\": [\"sun\", \"MON\"]}],"
                    + " \"cost\": {\"hourly_rate\": 80}, \"report\": {\"weeks\": 4},"
                    + " \"deployments\": {\"manual_jobs\": null},"
                    + " \"friction\": {\"api_meetings\": \"\", \"default_branches\": []},"
                    + " \"bi\": {\"trino\": {}}"),
            "test.json");

    Team night = c.team("night").orElseThrow();
    assertThat(night.start()).isEqualTo(LocalTime.of(9, 0));
    assertThat(night.end()).isEqualTo(LocalTime.of(18, 30));
    assertThat(night.workingDays()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.SUNDAY);
    assertThat(c.cost()).isEqualTo(new Cost(80, "USD"));
    assertThat(c.report()).isEqualTo(new Report("file:///w/reports", 4, 5));
    // null is the same as leaving a key out.
    assertThat(c.deployments().manualJobs()).isEqualTo(Regex.NEVER);
    // "" switches a regex rule off, [] a list rule.
    assertThat(c.friction().apiMeetings().isNever()).isTrue();
    assertThat(c.friction().defaultBranches()).isEmpty();
    assertThat(c.friction().patchingLabels()).isEqualTo(Friction.DEFAULT_PATCHING_LABELS);
    assertThat(c.bi().postgres()).isNull();
    assertThat(c.bi().trino()).isEqualTo(new BiTrino(null, "ttv"));
  }

  @Test
  void reportOutIsResolvedLikeTheOtherLocations() {
    TtvConfig c =
        ConfigLoader.parse(
            "{\"warehouse\": \"s3a://lake/ttv/warehouse/\", \"landing\": \"s3a://lake/landing\","
                + " \"report\": {\"out\": \"gs://reports-bucket/ttv\"}}",
            "test.json");
    assertThat(c.warehouseUri()).isEqualTo("s3a://lake/ttv/warehouse");
    assertThat(c.tablePath("ci_runs")).isEqualTo("s3a://lake/ttv/warehouse/ci_runs");
    assertThat(c.landingPath("github")).isEqualTo("s3a://lake/landing/github");
    assertThat(c.report().outUri()).isEqualTo("gs://reports-bucket/ttv");

    TtvConfig defaulted = TtvConfig.minimal("s3a://lake/ttv/warehouse/", "s3a://lake/landing");
    assertThat(defaulted.report().outUri()).isEqualTo("s3a://lake/ttv/reports");
  }

  @Test
  void relativePathsAreResolvedAgainstTheWorkingDirectory() {
    TtvConfig c = TtvConfig.minimal("data/warehouse", "./data/../data/landing/");
    String cwd = Path.of("").toAbsolutePath().toString();
    assertThat(c.warehouseUri()).isEqualTo("file://" + cwd + "/data/warehouse");
    assertThat(c.landingUri()).isEqualTo("file://" + cwd + "/data/landing");
    assertThat(c.report().outUri()).isEqualTo("file://" + cwd + "/data/reports");
  }

  // ---- problems: one line each, naming the JSON path ----

  @Test
  void requiredKeysMissing() {
    assertThat(problems("{}"))
        .containsExactly(
            "$.warehouse: required key is missing", "$.landing: required key is missing");
    assertThat(problems("{\"warehouse\": null, \"landing\": \"/l\"}"))
        .containsExactly("$.warehouse: required key is null");
  }

  @Test
  void unknownKeysAtEveryLevelWithTheirFullPath() {
    assertThat(problems(withRequired("\"warehous\": 1")))
        .containsExactly(
            "$.warehous: unknown key (expected one of: warehouse, landing, reporting_timezone,"
                + " late_data_days, quality, sources, teams, people, bots, services, deployments,"
                + " work_items, friction, focus, privacy, cost, report, bi)");
    assertThat(problems(withRequired("\"sources\": {\"githib\": {\"enabled\": true}}")))
        .containsExactly(
            "$.sources.githib: unknown key (expected one of: github, gitlab, jenkins, git, jira,"
                + " pagerduty, ics, google_calendar, msgraph_calendar)");
    assertThat(
            problems(
                withRequired(
                    "\"teams\": [{\"name\": \"a\", \"working_hours\": {\"stat\": \"09:00\"}}]")))
        .containsExactly(
            "$.teams[0].working_hours.stat: unknown key (expected one of: start, end)");
    assertThat(problems(withRequired("\"sources\": {\"github\": {\"enabeld\": true}}")))
        .containsExactly("$.sources.github.enabeld: unknown key (expected one of: enabled)");
    assertThat(problems(withRequired("\"people\": [{\"id\": \"a\", \"slack\": [\"x\"]}]")))
        .singleElement()
        .asString()
        .startsWith("$.people[0].slack: unknown key (expected one of: id, name, team, emails,");
    assertThat(
            problems(
                withRequired(
                    "\"bi\": {\"trino\": {\"url\": \"jdbc:trino://t\", \"user\": \"x\"}}")))
        .containsExactly("$.bi.trino.user: unknown key (expected one of: url, catalog)");
  }

  @Test
  void keysThatAreNotIdentifiersAreQuotedInThePath() {
    assertThat(problems(withRequired("\"cost\": {\"hourly rate\": 5}")))
        .singleElement()
        .asString()
        .startsWith("$.cost[\"hourly rate\"]: unknown key");
    assertThat(
            problems(
                withRequired(
                    "\"work_items\": {\"status_categories\": {\"In Review\": \"review\"}}")))
        .containsExactly(
            "$.work_items.status_categories[\"In Review\"]: expected one of todo, active, waiting,"
                + " done, got string \"review\"");
  }

  @Test
  void wrongJsonTypes() {
    assertThat(problems(withRequired("\"late_data_days\": \"7\"")))
        .containsExactly("$.late_data_days: expected an integer, got string \"7\"");
    assertThat(problems(withRequired("\"late_data_days\": 7.5")))
        .containsExactly("$.late_data_days: expected an integer, got number 7.5");
    assertThat(problems(withRequired("\"teams\": {\"name\": \"a\"}")))
        .containsExactly("$.teams: expected an array, got an object");
    assertThat(problems(withRequired("\"teams\": [\"payments\"]")))
        .containsExactly("$.teams[0]: expected an object, got string \"payments\"");
    assertThat(problems(withRequired("\"sources\": {\"github\": true}")))
        .containsExactly("$.sources.github: expected an object, got boolean true");
    assertThat(problems(withRequired("\"sources\": {\"github\": {\"enabled\": \"yes\"}}")))
        .containsExactly("$.sources.github.enabled: expected true or false, got string \"yes\"");
    assertThat(problems(withRequired("\"people\": [{\"id\": \"a\", \"emails\": \"a@x.io\"}]")))
        .containsExactly("$.people[0].emails: expected an array, got string \"a@x.io\"");
    assertThat(
            problems(withRequired("\"people\": [{\"id\": \"a\", \"github\": [\"ok\", 7, \"\"]}]")))
        .containsExactly(
            "$.people[0].github[1]: expected a string, got number 7",
            "$.people[0].github[2]: must not be empty");
    assertThat(problems(withRequired("\"cost\": {\"hourly_rate\": \"95\"}")))
        .containsExactly("$.cost.hourly_rate: expected a number, got string \"95\"");
    assertThat(problems(withRequired("\"bots\": [\"dependabot\"]")))
        .containsExactly("$.bots: expected a string, got an array");
    assertThat(problems("[]")).containsExactly("$: expected an object, got an array");
  }

  @Test
  void badRegexesInEveryRegexKey() {
    assertThat(problems(withRequired("\"deployments\": {\"manual_jobs\": \"(?i)^(a\"}")))
        .containsExactly("$.deployments.manual_jobs: invalid regex: Unclosed group near index 7");
    List<String> keys =
        List.of(
            "bots",
            "deployments.production_environments",
            "deployments.deploy_jobs",
            "deployments.manual_jobs",
            "work_items.key_pattern",
            "friction.manual_test_jobs",
            "friction.deploy_planning_meetings",
            "friction.api_meetings",
            "friction.patching_titles");
    for (String key : keys) {
      String[] parts = key.split("\\.");
      String member =
          parts.length == 1
              ? "\"" + key + "\": \"[a-\""
              : "\"" + parts[0] + "\": {\"" + parts[1] + "\": \"[a-\"}";
      assertThat(problems(withRequired(member)))
          .singleElement()
          .asString()
          .startsWith("$." + key + ": invalid regex: ");
    }
  }

  @Test
  void badTimeZones() {
    assertThat(
            problems(
                withRequired("\"teams\": [{\"name\": \"a\", \"timezone\": \"Europe/Berln\"}]")))
        .containsExactly(
            "$.teams[0].timezone: unknown time zone 'Europe/Berln'; did you mean 'Europe/Berlin'?");
    assertThat(problems(withRequired("\"reporting_timezone\": \"Berlin\"")))
        .containsExactly(
            "$.reporting_timezone: unknown time zone 'Berlin'; did you mean 'Europe/Berlin'?");
    assertThat(problems(withRequired("\"reporting_timezone\": \"Mars/Olympus_Mons\"")))
        .containsExactly("$.reporting_timezone: unknown time zone 'Mars/Olympus_Mons'");
  }

  @Test
  void badWorkingHoursAndDays() {
    assertThat(
            problems(
                withRequired(
                    "\"teams\": [{\"name\": \"a\"}, {\"name\": \"b\", \"working_hours\":"
                        + " {\"start\": \"9am\", \"end\": \"24:00\"}}]")))
        .containsExactly(
            "$.teams[1].working_hours.start: expected HH:MM, got string \"9am\"",
            "$.teams[1].working_hours.end: expected HH:MM, got string \"24:00\"");
    assertThat(
            problems(
                withRequired(
                    "\"teams\": [{\"name\": \"a\", \"working_hours\":"
                        + " {\"start\": \"18:00\", \"end\": \"02:00\"}}]")))
        .containsExactly(
            "$.teams[0].working_hours.end: must be after start (18:00), got \"02:00\"");
    assertThat(
            problems(
                withRequired(
                    "\"teams\": [{\"name\": \"a\", \"working_hours\": {\"end\": \"08:00\"}}]")))
        .containsExactly(
            "$.teams[0].working_hours.end: must be after start (09:00, the default), got"
                + " \"08:00\"");
    assertThat(
            problems(
                withRequired(
                    "\"teams\": [{\"name\": \"a\", \"working_days\": [\"MON\", \"Funday\"]}]")))
        .containsExactly(
            "$.teams[0].working_days[1]: unknown day \"Funday\" (expected one of: MON, TUE, WED,"
                + " THU, FRI, SAT, SUN)");
    assertThat(problems(withRequired("\"teams\": [{\"name\": \"a\", \"working_days\": []}]")))
        .containsExactly("$.teams[0].working_days: must list at least one working day");
  }

  @Test
  void numbersOutOfRange() {
    assertThat(
            problems(
                withRequired(
                    "\"late_data_days\": -1, \"quality\": {\"max_quarantine_share\": 1.5},"
                        + " \"focus\": {\"min_block_minutes\": 0}, \"cost\": {\"hourly_rate\": -3},"
                        + " \"report\": {\"weeks\": 0, \"min_group_size\": 0},"
                        + " \"deployments\": {\"first_deploy_lookback_days\": -90}")))
        .containsExactly(
            "$.late_data_days: must be 0 or more, got -1",
            "$.quality.max_quarantine_share: must be between 0 and 1, got 1.5",
            "$.deployments.first_deploy_lookback_days: must be 0 or more, got -90",
            "$.focus.min_block_minutes: must be 1 or more, got 0",
            "$.cost.hourly_rate: must be 0 or more, got -3",
            "$.report.weeks: must be 1 or more, got 0",
            "$.report.min_group_size: must be 1 or more, got 0");
    assertThat(problems(withRequired("\"late_data_days\": 3000000000")))
        .containsExactly("$.late_data_days: must be 0 or more, got 3000000000");
  }

  @Test
  void categoryAndTypeValuesMustBeKnown() {
    assertThat(
            problems(
                withRequired(
                    "\"work_items\": {\"flow_item_types\": {\"Story\": \"feature\", \"Spike\":"
                        + " \"research\"}, \"status_categories\": {\"Done\": \"done\", \"DONE\":"
                        + " \"done\"}}")))
        .containsExactly(
            "$.work_items.status_categories.DONE: same name as 'Done' (names match ignoring case)",
            "$.work_items.flow_item_types.Spike: expected one of feature, defect, risk, debt, got"
                + " string \"research\"");
  }

  @Test
  void duplicatesAndUnknownTeams() {
    String json =
        withRequired(
            "\"teams\": [{\"name\": \"core\"}, {\"name\": \"core\"}],"
                + " \"people\": [{\"id\": \"ana\", \"team\": \"payments\"}, {\"id\": \"ana\"}],"
                + " \"services\": [{\"name\": \"api\", \"team\": \"core\"},"
                + " {\"name\": \"api\", \"team\": \"platform\"}]");
    assertThat(problems(json))
        .containsExactly(
            "$.teams[1].name: duplicate team name 'core' (first at $.teams[0].name)",
            "$.people[0].team: unknown team 'payments' (teams are: core)",
            "$.people[1].id: duplicate person id 'ana' (first at $.people[0].id)",
            "$.services[1].team: unknown team 'platform' (teams are: core)",
            "$.services[1].name: duplicate service name 'api' (first at $.services[0].name)");
  }

  @Test
  void anIdentityListedForTwoPeopleIsAProblem() {
    String json =
        withRequired(
            "\"people\": [{\"id\": \"ana\", \"emails\": [\"Ana@Example.com\"], \"jira\":"
                + " [\"abc\"]}, {\"id\": \"bo\", \"emails\": [\"ana@example.com\","
                + " \"not-an-email\"], \"jira\": [\"ABC\"]}], \"services\": [{\"name\": \"a\","
                + " \"repos\": [\"org/a\"]}, {\"name\": \"b\", \"repos\": [\"Org/A\"]}]");
    assertThat(problems(json))
        .containsExactly(
            "$.people[1].emails[0]: \"ana@example.com\" is already listed for person 'ana' (at"
                + " $.people[0].emails[0]); these match ignoring case",
            "$.people[1].emails[1]: expected an email address, got \"not-an-email\"",
            "$.services[1].repos[0]: \"Org/A\" is already listed for service 'a' (at"
                + " $.services[0].repos[0]); these match ignoring case");
  }

  @Test
  void reservedAndMalformedNames() {
    assertThat(
            problems(
                withRequired(
                    "\"teams\": [{\"name\": \"Unassigned\"}, {\"name\": \" \"}],"
                        + " \"people\": [{\"id\": \"github:ana\"}, {\"name\": \"no id\"}]")))
        .containsExactly(
            "$.teams[0].name: 'Unassigned' is reserved for friction that no configured team owns",
            "$.teams[1].name: must not be empty",
            "$.people[0].id: must not contain ':' (ids of people not in the config are"
                + " <system>:<identity>)",
            "$.people[1].id: required key is missing");
  }

  @Test
  void biSettingsNeverHoldAPassword() {
    assertThat(
            problems(
                withRequired(
                    "\"bi\": {\"postgres\": {\"url\": \"jdbc:postgresql://db/a\","
                        + " \"password\": \"hunter2\", \"password_env\": \"hunter2!\"}}")))
        .containsExactly(
            "$.bi.postgres.password: unknown key (expected one of: url, schema, user,"
                + " password_env); never put the password in the config: set it in an environment"
                + " variable and name that variable in password_env",
            "$.bi.postgres.password_env: expected the name of an environment variable such as"
                + " TTV_BI_PASSWORD (letters, digits and _, not starting with a digit), not the"
                + " password itself; the value is not shown")
        .allSatisfy(line -> assertThat(line).doesNotContain("hunter2"));
    assertThat(
            problems(
                withRequired(
                    "\"bi\": {\"postgres\": {\"url\":"
                        + " \"jdbc:postgresql://db/a?password=s3cret\"}}")))
        .singleElement()
        .asString()
        .startsWith("$.bi.postgres.url: must not carry a password")
        .doesNotContain("s3cret");
    assertThat(problems(withRequired("\"bi\": {\"postgres\": {\"schema\": \"ttv; drop\"}}")))
        .containsExactly(
            "$.bi.postgres.url: required key is missing",
            "$.bi.postgres.schema: expected a plain SQL name (letters, digits and _, not starting"
                + " with a digit), got \"ttv; drop\"");
    assertThat(problems(withRequired("\"bi\": {\"trino\": {\"url\": \"http://trino:8080\"}}")))
        .containsExactly(
            "$.bi.trino.url: expected a JDBC url starting with jdbc:trino:, got"
                + " \"http://trino:8080\"");
    assertThat(problems(withRequired("\"bi\": {\"trino\": {\"url\": \"jdbc:trino://t:8443?SSL=true&password=hunter2\"}}")))
        .containsExactly("$.bi.trino.url: must not carry a password (the value is not shown); ttv sends none to Trino");
  }

  @Test
  void badLocationsAndCurrency() {
    assertThat(
            problems(
                "{\"warehouse\": \"ftp://host/w\", \"landing\": \"s3://bucket/l\","
                    + " \"report\": {\"out\": \"\"}, \"cost\": {\"currency\": \"EURO\"}}"))
        .containsExactly(
            "$.warehouse: unsupported URI scheme 'ftp:' (expected file:, s3a:, abfss:, gs:, hdfs:"
                + " or a path)",
            "$.landing: unsupported URI scheme 's3:' (expected file:, s3a:, abfss:, gs:, hdfs: or a"
                + " path) (Hadoop's S3 connector is s3a:)",
            "$.cost.currency: unknown currency code \"EURO\" (expected an ISO 4217 code such as USD"
                + " or EUR)",
            "$.report.out: expected a URI or a path, got an empty string");
    assertThat(problems("{\"warehouse\": \"/srv/ttv\", \"landing\": \"file:///srv/ttv/\"}"))
        .containsExactly("$.landing: must not be the same location as warehouse");
  }

  @Test
  void everyProblemOfAFileIsReportedAtOnce() {
    String json =
        "{\n"
            + "  \"landing\": \"/data/landing\",\n"
            + "  \"late_data_days\": \"7\",\n"
            + "  \"sources\": {\"githib\": {}},\n"
            + "  \"teams\": [{\"name\": \"payments\", \"timezone\": \"Europe/Berln\",\n"
            + "             \"working_hours\": {\"stat\": \"09:00\"}}],\n"
            + "  \"deployments\": {\"manual_jobs\": \"(?i)^(a\"},\n"
            + "  \"focus\": {\"min_block_minutes\": 0}\n"
            + "}\n";
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(json, "ttv.json"));

    assertThat(e.source()).isEqualTo("ttv.json");
    assertThat(e.problems())
        .hasSize(7)
        .contains(
            "$.warehouse: required key is missing",
            "$.late_data_days: expected an integer, got string \"7\"",
            "$.teams[0].working_hours.stat: unknown key (expected one of: start, end)",
            "$.deployments.manual_jobs: invalid regex: Unclosed group near index 7",
            "$.focus.min_block_minutes: must be 1 or more, got 0");
    assertThat(e.getMessage()).startsWith("7 problems in config ttv.json:\n  $.warehouse: ");
  }

  @Test
  void malformedJsonIsOneProblemNamingFileLineAndColumn() {
    assertThat(problems("{\n  \"warehouse\": \"/w\",\n  \"landing\": \"/l\",\n}\n"))
        .singleElement()
        .asString()
        .startsWith("test.json, line 4, column 1: malformed JSON: ")
        .doesNotContain("\n");
    assertThat(problems("{\"warehouse\": \"/w\""))
        .singleElement()
        .asString()
        .startsWith("test.json, line 1, column ")
        .contains("malformed JSON: Unexpected end-of-input");
    assertThat(problems("{\"warehouse\": \"/w\", \"warehouse\": \"/v\", \"landing\": \"/l\"}"))
        .singleElement()
        .asString()
        .startsWith("test.json, line 1, column ")
        .contains("Duplicate field 'warehouse'");
    assertThat(problems("{\"warehouse\": \"/w\", \"landing\": \"/l\"} {}"))
        .containsExactly(
            "test.json, line 1, column 38: malformed JSON: unexpected content after the end of the"
                + " top-level value");
    assertThat(problems("// ttv config\n{}"))
        .containsExactly(
            "test.json, line 1, column 1: malformed JSON: unexpected character '/': JSON has no"
                + " comments");
    assertThat(problems("  \n"))
        .containsExactly("test.json: the file is empty (expected a JSON object)");
  }

  @Test
  void loadsAFileAndNamesAFileThatIsNotThere(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("ttv.json");
    Files.writeString(file, "\uFEFF" + withRequired("\"late_data_days\": 3"));
    assertThat(ConfigLoader.load(file).lateDataDays()).isEqualTo(3);

    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> ConfigLoader.load(missing))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.problems()).containsExactly(missing + ": no such file"));

    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"warehouse\": \"/w\",\n \"landing\": '/l'}");
    assertThatThrownBy(() -> ConfigLoader.load(broken))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .startsWith(broken + ", line 2, column "));

    Path latin1 = dir.resolve("latin1.json");
    Files.write(latin1, new byte[] {'{', '"', (byte) 0xE9, '"', ':', '1', '}'});
    assertThatThrownBy(() -> ConfigLoader.load(latin1))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.problems()).containsExactly(latin1 + ": not UTF-8 text"));
  }
}
