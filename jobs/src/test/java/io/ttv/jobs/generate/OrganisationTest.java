package io.ttv.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrganisationTest {

  @ParameterizedTest
  @CsvSource({"1, 1", "3, 3", "8, 4", "19, 4", "20, 5", "50, 5", "99, 5", "100, 6", "400, 6"})
  void teamCountGrowsWithTheOrganisation(int engineers, int teams) {
    Organisation org = Organisation.build(engineers, 7);

    assertThat(org.teams()).hasSize(teams);
    assertThat(org.people()).hasSize(engineers);
    for (Team t : org.teams()) {
      assertThat(org.peopleOf(t.name())).isNotEmpty();
      assertThat(org.reposOf(t.name())).hasSizeBetween(2, 4);
    }
  }

  @Test
  void fourTeamsAlreadySpanThreeTimeZones() {
    Set<ZoneId> zones = Organisation.build(8, 1).teams().stream()
        .map(Team::zone).collect(Collectors.toSet());

    assertThat(zones).hasSizeGreaterThanOrEqualTo(3)
        .contains(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"));
  }

  @Test
  void identitiesAreUnique() {
    Organisation org = Organisation.build(400, 3);
    List<Person> everyone = new java.util.ArrayList<>(org.people());
    everyone.addAll(org.outsiders());

    assertThat(everyone.stream().map(Person::id)).doesNotHaveDuplicates();
    assertThat(everyone.stream().map(p -> p.githubLogin().toLowerCase(Locale.ROOT)))
        .doesNotHaveDuplicates();
    assertThat(everyone.stream().map(Person::githubId)).doesNotHaveDuplicates();
    assertThat(everyone.stream().map(Person::email)).doesNotHaveDuplicates();
    assertThat(org.repos().stream().map(Repo::id)).doesNotHaveDuplicates();
    assertThat(org.repos().stream().map(Repo::fullName)).allMatch(n -> n.startsWith("northwind/"));
  }

  @Test
  void theSameSeedGivesTheSameOrganisation() {
    assertThat(Organisation.build(50, 11)).isEqualTo(Organisation.build(50, 11));
    assertThat(Organisation.build(50, 11)).isNotEqualTo(Organisation.build(50, 12));
  }

  @Test
  void outsidersAreNotInAnyTeamAndBotsMatchTheBotPattern() {
    Organisation org = Organisation.build(8, 5);

    assertThat(org.outsiders()).isNotEmpty().allMatch(p -> p.team() == null);
    assertThat(org.bots()).extracting(Bot::login).contains("dependabot[bot]")
        .allMatch(login -> java.util.regex.Pattern.compile(Organisation.BOTS_PATTERN)
            .matcher(login).find());
    Set<String> humans = new HashSet<>();
    org.people().forEach(p -> humans.add(p.githubLogin()));
    assertThat(humans).noneMatch(login -> java.util.regex.Pattern.compile(Organisation.BOTS_PATTERN)
        .matcher(login).find());
  }
}
