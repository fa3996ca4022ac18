package io.ttv.transforms.common;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.config.Person;
import io.ttv.schemas.config.Regex;
import io.ttv.testing.TestSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class IdentitiesTest {
  private static final List<Person> PEOPLE =
      List.of(
          new Person("ana", "Ana Diaz", "payments", List.of("Ana@Example.com"), List.of("ana-dev"), List.of("ana"), List.of(), List.of()),
          new Person("bo", "Bo Li", "platform", List.of("bo@example.com"), List.of("BoLi"), List.of(), List.of(), List.of()));

  private static List<Row> resolve(String system, String... loginEmailName) {
    StructType schema =
        new StructType().add("login", DataTypes.StringType).add("email", DataTypes.StringType).add("name", DataTypes.StringType);
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < loginEmailName.length; i += 3) {
      rows.add(RowFactory.create(loginEmailName[i], loginEmailName[i + 1], loginEmailName[i + 2]));
    }
    Dataset<Row> ds = TestSpark.session().createDataFrame(rows, schema);
    Regex bots = Regex.of("(?i)(\\[bot\\]$|^dependabot|^renovate|-bot$)");
    return ds.select(
            Identities.personId(system, col("login"), col("email"), PEOPLE).as("person"),
            Identities.isMatched(Identities.personId(system, col("login"), col("email"), PEOPLE), PEOPLE).as("matched"),
            Identities.isBot(col("login"), col("name"), bots).as("bot"))
        .collectAsList();
  }

  @Test
  void emailsAndLoginsMatchIgnoringCaseAndNoreplyAddressesByLogin() {
    List<Row> r =
        resolve(
            "git",
            null, "ana@EXAMPLE.com", "Ana", // email, other case -> ana
            null, "12345+boli@users.noreply.github.com", "Bo", // noreply with id -> GitHub login BoLi -> bo
            null, "ana-dev@users.noreply.github.com", "Ana", // noreply without id -> ana
            null, "Stranger@Elsewhere.org", "Stranger", // nobody lists it -> git:stranger@elsewhere.org
            null, "49699333+dependabot[bot]@users.noreply.github.com", "dependabot[bot]", // a bot by its name
            null, null, "nobody"); // no identity at all -> null
    assertThat(r.get(0).getString(0)).isEqualTo("ana");
    assertThat(r.get(1).getString(0)).isEqualTo("bo");
    assertThat(r.get(2).getString(0)).isEqualTo("ana");
    assertThat(r.get(3).getString(0)).isEqualTo("git:stranger@elsewhere.org");
    assertThat(r.get(3).getBoolean(1)).isFalse();
    assertThat(r.get(0).getBoolean(1)).isTrue();
    assertThat(r.get(4).getString(0)).isEqualTo("git:49699333+dependabot[bot]@users.noreply.github.com");
    assertThat(r.get(4).getBoolean(2)).isTrue();
    assertThat(r.get(0).getBoolean(2)).isFalse();
    assertThat(r.get(5).isNullAt(0)).isTrue();
    assertThat(r.get(5).isNullAt(1)).isTrue();
  }

  @Test
  void loginsAreThoseOfTheSystem() {
    List<Row> r =
        resolve(
            "github",
            "ANA-DEV", null, null, // GitHub login -> ana
            "ana", null, null, // Ana's GitLab login is no GitHub login -> github:ana
            "renovate[bot]", null, null);
    assertThat(r.get(0).getString(0)).isEqualTo("ana");
    assertThat(r.get(1).getString(0)).isEqualTo("github:ana");
    assertThat(r.get(2).getString(0)).isEqualTo("github:renovate[bot]");
    assertThat(r.get(2).getBoolean(2)).isTrue();
    assertThat(resolve("gitlab", "Ana", null, null).get(0).getString(0)).isEqualTo("ana");
  }
}
