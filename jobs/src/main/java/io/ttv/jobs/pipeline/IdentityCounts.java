package io.ttv.jobs.pipeline;

import io.ttv.schemas.config.Person;
import io.ttv.schemas.config.TtvConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Classifies the identities a run saw (contract section 3, {@code people} and {@code bots}): listed by a
 * person (matching ignores case), a bot by the {@code bots} regex, or unmatched.
 */
public record IdentityCounts(Map<String, Long> matched, Map<String, Long> unmatched, Map<String, Long> bots) {

  public static IdentityCounts of(TtvConfig config, Map<String, Set<String>> seen) {
    Map<String, Long> matched = new TreeMap<>();
    Map<String, Long> unmatched = new TreeMap<>();
    Map<String, Long> bots = new TreeMap<>();
    for (Map.Entry<String, Set<String>> e : seen.entrySet()) {
      Set<String> known = known(config, e.getKey());
      // a GitHub noreply address is matched by its login, as the Identities resolver does
      Set<String> githubLogins = known(config, "github");
      long m = 0;
      long u = 0;
      long b = 0;
      for (String id : e.getValue()) {
        if (known.contains(id.toLowerCase(Locale.ROOT)) || githubLogins.contains(noreplyLogin(id))) {
          m++;
        } else if (config.bots().foundIn(id) || (!noreplyLogin(id).isEmpty() && config.bots().foundIn(noreplyLogin(id)))) {
          b++;
        } else {
          u++;
        }
      }
      matched.put(e.getKey(), m);
      unmatched.put(e.getKey(), u);
      bots.put(e.getKey(), b);
    }
    return new IdentityCounts(matched, unmatched, bots);
  }

  /** The login of a GitHub noreply address ({@code [id+]login@users.noreply.github.com}), else "". */
  static String noreplyLogin(String email) {
    java.util.regex.Matcher m = NOREPLY.matcher(email.toLowerCase(Locale.ROOT));
    return m.matches() ? m.group(1) : "";
  }

  private static final java.util.regex.Pattern NOREPLY = java.util.regex.Pattern.compile(io.ttv.transforms.common.Identities.GITHUB_NOREPLY);

  private static Set<String> known(TtvConfig config, String system) {
    Set<String> ids = new HashSet<>();
    for (Person p : config.people()) {
      List<String> list =
          switch (system) {
            case "github" -> p.github();
            case "gitlab" -> p.gitlab();
            case "jira" -> p.jira();
            case "pagerduty" -> p.pagerduty();
            default -> p.emails();
          };
      list.forEach(i -> ids.add(i.toLowerCase(Locale.ROOT)));
      // contract section 3: emails identify people in git, calendars and GitLab (whose commits carry no login)
      if (system.equals("git") || system.equals("gitlab") || system.equals("ics") || system.endsWith("_calendar")) {
        p.emails().forEach(i -> ids.add(i.toLowerCase(Locale.ROOT)));
      }
    }
    return ids;
  }

  public String summary() {
    StringBuilder sb = new StringBuilder();
    for (String system : matched.keySet()) {
      sb.append(sb.length() == 0 ? "" : "; ")
          .append(system).append(": ").append(matched.get(system)).append(" matched, ")
          .append(unmatched.get(system)).append(" unmatched, ").append(bots.get(system)).append(" bots");
    }
    return sb.toString();
  }
}
