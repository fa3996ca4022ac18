package io.ttv.jobs.generate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The repositories that live outside GitHub Actions: some teams keep a few services on a self-hosted
 * GitLab ({@code group/subgroup/project} paths, GitLab CI with a manual production deploy), and one
 * team builds and deploys a few services with Jenkins multibranch pipelines. They are services of their
 * own, added to the organisation's GitHub repositories (never moved from them), and their git activity
 * is simulated from separate random streams, so the GitHub exports stay byte-identical whatever is added
 * here.
 *
 * <p>Teams: GitLab for the third team ({@code search}) and, in bigger organisations, {@code growth}
 * and {@code data}; Jenkins for the fourth team ({@code platform}). Smaller organisations fall back
 * to their last team.
 *
 * @param gitlab the services whose repository is a GitLab project ({@link Repo#owner()} is the group
 *     path, {@link Repo#id()} the project id)
 * @param jenkins the services built by Jenkins ({@code owner/name} of the git remote)
 * @param gitlabActivity what happened in git in the GitLab projects
 * @param jenkinsActivity what happened in git in the Jenkins-built repositories
 */
record Forges(
    List<Service> gitlab,
    List<Service> jenkins,
    CodeActivity gitlabActivity,
    CodeActivity jenkinsActivity) {

  /** The GitLab server's host (self-hosted). */
  static final String GITLAB_HOST = "gitlab.northwind.example";

  /** The Jenkins controller's host. */
  static final String JENKINS_HOST = "jenkins.northwind.example";

  /** The share of a person's working days that also sees pushes to their team's non-GitHub repos. */
  static final double ACTIVITY = 0.45;

  private record Template(String team, String group, String name) {}

  private static final List<Template> GITLAB =
      List.of(
          new Template("search", "northwind/search", "synonyms-service"),
          new Template("search", "northwind/search/tools", "relevance-lab"),
          new Template("growth", "northwind/growth", "landing-pages"),
          new Template("data", "northwind/data/ml", "model-serving"));

  private static final List<Template> JENKINS =
      List.of(
          new Template("platform", "northwind", "service-mesh"),
          new Template("platform", "northwind", "secrets-broker"));

  Forges {
    gitlab = List.copyOf(gitlab);
    jenkins = List.copyOf(jenkins);
  }

  List<Service> services() {
    List<Service> all = new ArrayList<>(gitlab);
    all.addAll(jenkins);
    return all;
  }

  static Forges build(Organisation org, DateRange range, long seed) {
    SplittableRandom random = Seeds.random(seed, "organisation/forges");
    List<Service> gitlab = services(org, GITLAB, 2, random);
    List<Service> jenkins = services(org, JENKINS, 3, random);
    return new Forges(gitlab, jenkins,
        activity(org, gitlab, range, Seeds.mix(seed, "code/gitlab")),
        activity(org, jenkins, range, Seeds.mix(seed, "code/jenkins")));
  }

  private static List<Service> services(
      Organisation org, List<Template> templates, int fallbackTeam, SplittableRandom random) {
    Set<String> teams = new HashSet<>();
    org.teams().forEach(t -> teams.add(t.name()));
    String fallback = org.teams().get(Math.min(fallbackTeam, org.teams().size() - 1)).name();
    List<Service> services = new ArrayList<>();
    Set<Long> ids = new HashSet<>();
    for (Template t : templates) {
      boolean primary = t.team().equals(templates.get(0).team());
      String team = teams.contains(t.team()) ? t.team() : primary ? fallback : null;
      if (team == null || org.peopleOf(team).isEmpty()) {
        continue;
      }
      long id;
      do {
        id = 1_000L + random.nextInt(9_000);
      } while (!ids.add(id));
      String language = random.nextDouble() < 0.5 ? "java" : random.nextDouble() < 0.5 ? "python" : "go";
      Repo repo = new Repo(t.group(), t.name(), id, team, language, "main",
          "The " + t.name() + " service of the " + team + " team", true);
      services.add(new Service(t.name(), team, List.of(repo)));
    }
    return services;
  }

  /** The git activity of {@code services}: their teams' people, at {@link #ACTIVITY}. */
  private static CodeActivity activity(
      Organisation org, List<Service> services, DateRange range, long seed) {
    Set<String> teams = new HashSet<>();
    services.forEach(s -> teams.add(s.team()));
    List<Person> people = org.people().stream().filter(p -> teams.contains(p.team())).toList();
    Organisation part = new Organisation(org.login(), org.githubId(), org.emailDomain(), org.teams(),
        people, List.of(), org.bots(), services);
    return CodeActivity.simulate(part, range, seed, ACTIVITY);
  }

  /** The GitLab username of a person (configured as {@code people[].gitlab}). */
  static String gitlabUsername(Person p) {
    return p.id();
  }

  /** A stable GitLab user id for a person or bot. */
  static long gitlabUserId(Author a) {
    return 100 + Math.floorMod(Seeds.mix(7, "gitlab-user/" + a.login()), 9_000L);
  }
}
