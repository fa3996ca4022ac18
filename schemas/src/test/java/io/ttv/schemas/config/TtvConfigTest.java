package io.ttv.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TtvConfigTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void aSourceIsEnabledAsConfiguredElseByItsLandingFolder() {
    TtvConfig c =
        ConfigLoader.parse(
            "{\"warehouse\": \"/w\", \"landing\": \"/l\", \"sources\": {\"github\":"
                + " {\"enabled\": false}, \"jira\": {\"enabled\": true}, \"ics\": {}}}",
            "test.json");

    assertThat(c.isSourceEnabled("github", true)).isFalse();
    assertThat(c.isSourceEnabled("jira", false)).isTrue();
    assertThat(c.isSourceEnabled("ics", true)).isTrue();
    assertThat(c.isSourceEnabled("ics", false)).isFalse();
    assertThat(c.isSourceEnabled("pagerduty", true)).isTrue();
    assertThatThrownBy(() -> c.isSourceEnabled("svn", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown source system 'svn'");
  }

  @Test
  void pathsOfTablesAndLandingFolders() {
    TtvConfig c = TtvConfig.minimal("file:///srv/ttv/warehouse/", "file:///srv/ttv/landing");
    assertThat(c.warehouseUri()).isEqualTo("file:///srv/ttv/warehouse");
    assertThat(c.tablePath("fact_ci_daily")).isEqualTo("file:///srv/ttv/warehouse/fact_ci_daily");
    assertThat(c.landingPath("github")).isEqualTo("file:///srv/ttv/landing/github");
    assertThatThrownBy(() -> c.tablePath("../etc")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void minimalRejectsBadLocationsLikeAFileWould() {
    assertThatThrownBy(() -> TtvConfig.minimal("ftp://x/w", "/l"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .startsWith("$.warehouse: unsupported URI scheme 'ftp:'"));
  }

  @Test
  void teamZoneFallsBackToTheReportingZone() {
    TtvConfig c =
        ConfigLoader.parse(
            "{\"warehouse\": \"/w\", \"landing\": \"/l\", \"reporting_timezone\": \"Asia/Tokyo\","
                + " \"teams\": [{\"name\": \"a\", \"timezone\": \"Europe/Berlin\"}]}",
            "test.json");
    assertThat(c.zoneOf("a")).isEqualTo(BERLIN);
    assertThat(c.zoneOf("unassigned")).isEqualTo(ZoneId.of("Asia/Tokyo"));
  }

  @Test
  void recordsValidateWhatTheyAreGiven() {
    assertThatThrownBy(
            () -> new Team("a", BERLIN, LocalTime.of(17, 0), LocalTime.of(9, 0), Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Quality(2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Person.of("github:ana", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new WorkItems(Regex.of("x"), Map.of("Done", "finished"), Map.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    TtvConfig minimal = TtvConfig.minimal("/w", "/l");
    assertThatThrownBy(
            () ->
                new TtvConfig(
                    minimal.warehouseUri(),
                    minimal.landingUri(),
                    minimal.reportingZone(),
                    minimal.lateDataDays(),
                    minimal.quality(),
                    minimal.sources(),
                    List.of(Team.withDefaults("a", BERLIN)),
                    List.of(Person.of("ana", "b")),
                    minimal.bots(),
                    minimal.services(),
                    minimal.deployments(),
                    minimal.workItems(),
                    minimal.friction(),
                    minimal.focus(),
                    minimal.privacy(),
                    minimal.cost(),
                    minimal.report(),
                    minimal.bi()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown team b");
  }

  @Test
  void teamWorkingDaysIterateInWeekOrderAndCannotBeChanged() {
    Team t =
        new Team(
            "a",
            BERLIN,
            LocalTime.of(8, 0),
            LocalTime.of(16, 30),
            Set.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY));
    assertThat(t.workingDays()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.SUNDAY);
    assertThat(t.isWorkingDay(DayOfWeek.SUNDAY)).isTrue();
    assertThat(t.workingDayLength().toMinutes()).isEqualTo(510);
    assertThatThrownBy(() -> t.workingDays().add(DayOfWeek.TUESDAY))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void regexesCompareBySourceAndEmptyMeansNever() {
    assertThat(Regex.of("(?i)deploy")).isEqualTo(Regex.of("(?i)deploy"));
    assertThat(Regex.of("")).isEqualTo(Regex.NEVER);
    assertThat(Regex.NEVER.foundIn("")).isFalse();
    assertThat(Regex.NEVER.foundIn("anything")).isFalse();
    assertThat(Regex.of("(?i)deploy").foundIn("Deploy to prod")).isTrue();
    assertThat(Regex.of("x").foundIn(null)).isFalse();
  }

  @Test
  void lookupsOfWorkItemNamesIgnoreCase() {
    WorkItems w = WorkItems.defaults();
    assertThat(w.statusCategory("DONE")).contains("done");
    assertThat(w.statusCategory("Blocked")).isEmpty();
    assertThat(w.flowItemType("bug")).contains("defect");
    assertThat(w.isIncidentType("incident")).isTrue();
  }

  @Test
  void theConfigSurvivesJavaSerialization() throws IOException, ClassNotFoundException {
    // Spark ships closures (and the config parts they capture) to executors by Java serialization.
    TtvConfig c =
        ConfigLoader.parse(
            new String(
                TtvConfigTest.class
                    .getResourceAsStream("/config/contract-example.json")
                    .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8),
            "contract-example.json");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(c);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      TtvConfig copy = (TtvConfig) in.readObject();
      assertThat(copy).isEqualTo(c);
      assertThat(copy.bots().foundIn("renovate[bot]")).isTrue();
    }
  }
}
