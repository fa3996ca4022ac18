package io.ttv.transforms.common;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.Person;
import io.ttv.schemas.config.Regex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * The one identity resolver (contract section 3, {@code people} and {@code bots}): which person an
 * identity seen in the data is. Emails and logins match ignoring case; a GitHub {@code users.noreply}
 * address ({@code 12345+login@users.noreply.github.com} or {@code login@users.noreply.github.com}) is
 * matched by its login. An identity nobody listed is its own person {@code <system>:<identity>}.
 */
public final class Identities {
  private Identities() {}

  /** A GitHub noreply address, lower case: group 1 is the login. Shared with the run summary's counts. */
  public static final String GITHUB_NOREPLY = "^(?:[0-9]+\\+)?([^@]+)@users\\.noreply\\.github\\.com$";

  /** The login inside a GitHub noreply address, else the empty string. */
  public static Column githubNoreplyLogin(Column email) {
    return regexp_extract(lower(email), GITHUB_NOREPLY, 1);
  }

  /**
   * The person of an identity of {@code system} ({@code github}, {@code gitlab}, {@code git}, {@code jira},
   * {@code pagerduty}, a calendar system): the listed person whose logins of that system hold
   * {@code login}, else whose emails hold {@code email}, else (a noreply address) whose GitHub logins hold
   * its login; unlisted: {@code <system>:<login or email, lower case>}; null when both are null or empty.
   * Either column may be {@code lit(null)}.
   */
  public static Column personId(String system, Column login, Column email, List<Person> people) {
    Column l = lower(nullif(trim(login), lit("")));
    Column e = lower(nullif(trim(email), lit("")));
    Map<String, String> logins = new LinkedHashMap<>();
    Map<String, String> emails = new LinkedHashMap<>();
    Map<String, String> githubLogins = new LinkedHashMap<>();
    for (Person p : people) {
      for (String x : loginsOf(p, system)) {
        logins.putIfAbsent(x.toLowerCase(Locale.ROOT), p.id());
      }
      for (String x : p.emails()) {
        emails.putIfAbsent(x.toLowerCase(Locale.ROOT), p.id());
      }
      for (String x : p.github()) {
        githubLogins.putIfAbsent(x.toLowerCase(Locale.ROOT), p.id());
      }
    }
    List<Column> candidates = new ArrayList<>();
    if (!logins.isEmpty()) {
      candidates.add(try_element_at(literalMap(logins), l));
    }
    if (!emails.isEmpty()) {
      candidates.add(try_element_at(literalMap(emails), e));
    }
    if (!githubLogins.isEmpty()) {
      candidates.add(try_element_at(literalMap(githubLogins), nullif(githubNoreplyLogin(e), lit(""))));
    }
    Column unmatched = concat(lit(system + ":"), coalesce(l, e));
    candidates.add(unmatched);
    return coalesce(candidates.toArray(Column[]::new));
  }

  /** True when the person of {@code personId} is one the config lists (not {@code <system>:...}). */
  public static Column isMatched(Column personId, List<Person> people) {
    if (people.isEmpty()) {
      return when(personId.isNotNull(), lit(false));
    }
    return when(personId.isNotNull(), personId.isin((Object[]) people.stream().map(Person::id).toArray()));
  }

  /** The team ({@code people[].team}) of the listed person {@code personId}, else null (unlisted, or no team). */
  public static Column teamOf(Column personId, List<Person> people) {
    Map<String, String> teams = new LinkedHashMap<>();
    for (Person p : people) {
      if (p.team() != null) {
        teams.putIfAbsent(p.id(), p.team());
      }
    }
    if (teams.isEmpty()) {
      return lit(null).cast("string");
    }
    return try_element_at(literalMap(teams), personId);
  }

  /** The {@code bots} regex finds the login or the name (either may be null): a bot's activity is flagged. */
  public static Column isBot(Column login, Column name, Regex bots) {
    if (bots.isNever()) {
      return lit(false);
    }
    return coalesce(login.rlike(bots.source()), lit(false)).or(coalesce(name.rlike(bots.source()), lit(false)));
  }

  private static List<String> loginsOf(Person p, String system) {
    return switch (system) {
      case "github" -> p.github();
      case "gitlab" -> p.gitlab();
      case "jira" -> p.jira();
      case "pagerduty" -> p.pagerduty();
      default -> List.of();
    };
  }

  private static Column literalMap(Map<String, String> m) {
    List<Column> kv = new ArrayList<>();
    m.forEach(
        (k, v) -> {
          kv.add(lit(k));
          kv.add(lit(v));
        });
    return map(kv.toArray(Column[]::new));
  }
}
