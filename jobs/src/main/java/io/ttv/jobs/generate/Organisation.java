package io.ttv.jobs.generate;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The synthetic engineering organisation every source writer draws from: teams in several time zones,
 * people, their services and repositories, a few bots, and one outside contributor who is not in the
 * config. Built only from (engineers, seed), so every source sees the same organisation.
 */
public record Organisation(
    String login,
    long githubId,
    String emailDomain,
    List<Team> teams,
    List<Person> people,
    List<Person> outsiders,
    List<Bot> bots,
    List<Service> services) {

  /** Matches every bot login the generator uses; written as the config's {@code bots}. */
  public static final String BOTS_PATTERN = "(?i)(\\[bot\\]$|^dependabot|^renovate|-bot$)";

  /** The working pattern of outside contributors (not a configured team: they are unmatched). */
  static final Team OUTSIDE =
      new Team(
          "outside",
          ZoneId.of("Europe/Warsaw"),
          LocalTime.of(8, 0),
          LocalTime.of(16, 0),
          List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY),
          "EXT");

  public Organisation {
    teams = List.copyOf(teams);
    people = List.copyOf(people);
    outsiders = List.copyOf(outsiders);
    bots = List.copyOf(bots);
    services = List.copyOf(services);
  }

  public List<Repo> repos() {
    List<Repo> repos = new ArrayList<>();
    for (Service s : services) {
      repos.addAll(s.repos());
    }
    return repos;
  }

  public List<Repo> reposOf(String team) {
    return repos().stream().filter(r -> r.team().equals(team)).toList();
  }

  public List<Person> peopleOf(String team) {
    return people.stream().filter(p -> team.equals(p.team())).toList();
  }

  public Team team(String name) {
    return teams.stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no team " + name));
  }

  /** The working pattern of a person: their team's, or the outside contributors'. */
  public Team scheduleOf(Person person) {
    return person.team() == null ? OUTSIDE : team(person.team());
  }

  /** A person or outsider by GitHub login (bots are not people). */
  public Optional<Person> personByLogin(String login) {
    for (Person p : people) {
      if (p.githubLogin().equals(login)) {
        return Optional.of(p);
      }
    }
    for (Person p : outsiders) {
      if (p.githubLogin().equals(login)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  public Bot bot(String login) {
    return bots.stream()
        .filter(b -> b.login().equals(login))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no bot " + login));
  }

  // ---------------------------------------------------------------------------------------------
  // Building

  private record TeamTemplate(
      String name, String zone, String start, String end, String key, List<String> services) {}

  /** Six teams; the first four already span three time zones. */
  private static final List<TeamTemplate> TEAMS =
      List.of(
          new TeamTemplate("payments", "Europe/Berlin", "09:00", "17:00", "PAY",
              List.of("billing-api", "invoice-worker", "payment-gateway", "ledger-service")),
          new TeamTemplate("mobile", "America/New_York", "09:00", "17:30", "MOB",
              List.of("mobile-bff", "push-notifier", "android-app", "ios-app")),
          new TeamTemplate("search", "Asia/Kolkata", "10:00", "18:30", "SRCH",
              List.of("search-api", "indexer", "ranking-service", "query-parser")),
          new TeamTemplate("platform", "Europe/Berlin", "08:30", "17:00", "PLAT",
              List.of("api-gateway", "auth-service", "config-service", "infra-tools")),
          new TeamTemplate("growth", "America/New_York", "09:30", "18:00", "GRO",
              List.of("web-frontend", "onboarding-api", "experiments-service", "email-campaigns")),
          new TeamTemplate("data", "Asia/Kolkata", "10:00", "19:00", "DATA",
              List.of("etl-pipelines", "metrics-service", "reporting-api", "data-catalog")));

  private static final double[] TEAM_WEIGHTS = {1.2, 1.1, 0.9, 1.0, 1.0, 0.8};

  private static final List<String> LANGUAGES = List.of("java", "java", "python", "node", "go");

  private static final List<String> FIRST_NAMES =
      List.of(
          "Ana", "Ben", "Chloe", "Daniel", "Elif", "Farid", "Grace", "Hannah", "Ivan", "Jonas", "Kavya",
          "Lena", "Marco", "Nadia", "Omar", "Priya", "Quentin", "Rahul", "Sofia", "Tomas", "Uma",
          "Viktor", "Wei", "Xenia", "Yusuf", "Zoe", "Aaron", "Bianca", "Carlos", "Deepa", "Emma",
          "Felix", "Gabriel", "Hiro", "Ines", "Jamal", "Katrin", "Luca", "Maya", "Nikhil", "Olivia",
          "Pablo", "Rosa", "Sanjay", "Tara", "Ulrich", "Vera", "William", "Yara", "Anil", "Brianna",
          "Chen", "Dmitri", "Esther", "Fatima", "Georg", "Helena", "Isaac", "Julia", "Kenji", "Leila",
          "Mateo", "Noor", "Oskar");

  private static final List<String> LAST_NAMES =
      List.of(
          "Diaz", "Becker", "Nguyen", "Schmidt", "Yilmaz", "Khan", "Okafor", "Fischer", "Petrov",
          "Weber", "Iyer", "Novak", "Rossi", "Haddad", "Sharma", "Dubois", "Patel", "Garcia", "Svoboda",
          "Rao", "Lindqvist", "Wang", "Ivanova", "Demir", "Martin", "Cohen", "Moreau", "Lopez", "Menon",
          "Brown", "Keller", "Silva", "Tanaka", "Ferreira", "Jackson", "Hoffmann", "Conti", "Reddy",
          "Clarke", "Santos", "Kowalczyk", "Murphy", "Nair", "Vogel", "Ahmed", "Kim", "Larsen",
          "Bauer", "Gupta", "Walker", "Costa", "Hansen", "Mehta", "Meyer", "Sato", "Torres", "Wagner",
          "Joshi", "Romero", "Schulz", "Ali", "Evans", "Kuznetsov", "Richter");

  /**
   * Builds the organisation for {@code engineers} people. 4 teams under 20 engineers, 5 under 100, 6
   * from 100 on (never more teams than people); 2 repositories for a team under 5 people, 3 under 15,
   * 4 from 15 on.
   */
  public static Organisation build(int engineers, long seed) {
    if (engineers < 1) {
      throw new IllegalArgumentException("engineers must be at least 1, got " + engineers);
    }
    SplittableRandom random = Seeds.random(seed, "organisation");
    String login = "northwind";
    long orgId = 50_000_000L + random.nextInt(90_000_000);
    String domain = "northwind.example";

    int teamCount = Math.min(engineers, engineers < 20 ? 4 : engineers < 100 ? 5 : 6);
    List<Team> teams = new ArrayList<>();
    for (int i = 0; i < teamCount; i++) {
      TeamTemplate t = TEAMS.get(i);
      teams.add(
          new Team(
              t.name(),
              ZoneId.of(t.zone()),
              LocalTime.parse(t.start()),
              LocalTime.parse(t.end()),
              List.of(
                  DayOfWeek.MONDAY,
                  DayOfWeek.TUESDAY,
                  DayOfWeek.WEDNESDAY,
                  DayOfWeek.THURSDAY,
                  DayOfWeek.FRIDAY),
              t.key()));
    }
    int[] sizes = teamSizes(engineers, teamCount);

    // Team slots in a shuffled order, so names are not grouped by team.
    List<String> slots = new ArrayList<>();
    for (int i = 0; i < teamCount; i++) {
      for (int k = 0; k < sizes[i]; k++) {
        slots.add(teams.get(i).name());
      }
    }
    for (int i = slots.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      String tmp = slots.get(i);
      slots.set(i, slots.get(j));
      slots.set(j, tmp);
    }

    Set<String> ids = new HashSet<>();
    Set<String> logins = new HashSet<>();
    Set<Long> githubIds = new HashSet<>();
    List<Person> people = new ArrayList<>();
    for (int i = 0; i < engineers; i++) {
      String first = FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size()));
      String last = LAST_NAMES.get(random.nextInt(LAST_NAMES.size()));
      String base = (first + "." + last).toLowerCase(Locale.ROOT);
      String id = unique(base, ids);
      String email = id + "@" + domain;
      String loginBase =
          switch (random.nextInt(5)) {
            case 0 -> (first + "-" + last).toLowerCase(Locale.ROOT);
            case 1 -> (first.charAt(0) + last).toLowerCase(Locale.ROOT);
            case 2 -> first + last; // GitHub keeps the case people chose; matching ignores it
            case 3 -> (first + last).toLowerCase(Locale.ROOT) + (10 + random.nextInt(90));
            default -> (first + "-" + last.charAt(0) + "-dev").toLowerCase(Locale.ROOT);
          };
      String githubLogin = uniqueLogin(loginBase, logins);
      long githubId = uniqueId(random, githubIds, 1_000_000L, 180_000_000);
      people.add(
          new Person(id, first + " " + last, slots.get(i), email, githubLogin, githubId,
              random.nextDouble() < 0.15));
    }

    Person outsider =
        new Person(
            "marek.kowalczyk",
            "Marek Kowalczyk",
            null,
            "marek@kowalczyk-consulting.example",
            uniqueLogin("mkowalczyk-consulting", logins),
            uniqueId(random, githubIds, 1_000_000L, 180_000_000),
            false);

    List<Bot> bots =
        List.of(
            new Bot("dependabot[bot]", 49699333L),
            new Bot("renovate[bot]", 29139614L),
            new Bot("github-actions[bot]", 41898282L));

    Set<Long> repoIds = new HashSet<>();
    List<Service> services = new ArrayList<>();
    for (int i = 0; i < teamCount; i++) {
      Team team = teams.get(i);
      int repoCount = sizes[i] < 5 ? 2 : sizes[i] < 15 ? 3 : 4;
      for (int k = 0; k < repoCount; k++) {
        String name = TEAMS.get(i).services().get(k);
        String language = LANGUAGES.get(random.nextInt(LANGUAGES.size()));
        String branch = random.nextDouble() < 0.12 ? "master" : "main";
        boolean deployable = random.nextDouble() < 0.9;
        Repo repo =
            new Repo(
                login,
                name,
                uniqueId(random, repoIds, 100_000_000L, 800_000_000),
                team.name(),
                language,
                branch,
                "The " + name + " service of the " + team.name() + " team",
                deployable);
        services.add(new Service(name, team.name(), List.of(repo)));
      }
    }
    return new Organisation(
        login, orgId, domain, teams, people, List.of(outsider), bots, services);
  }

  /** Splits {@code engineers} over the teams by {@link #TEAM_WEIGHTS}, largest remainder first. */
  private static int[] teamSizes(int engineers, int teamCount) {
    double total = 0;
    for (int i = 0; i < teamCount; i++) {
      total += TEAM_WEIGHTS[i];
    }
    int[] sizes = new int[teamCount];
    double[] remainder = new double[teamCount];
    int assigned = 0;
    for (int i = 0; i < teamCount; i++) {
      double exact = engineers * TEAM_WEIGHTS[i] / total;
      sizes[i] = Math.max(1, (int) Math.floor(exact));
      remainder[i] = exact - Math.floor(exact);
      assigned += sizes[i];
    }
    while (assigned < engineers) {
      int best = 0;
      for (int i = 1; i < teamCount; i++) {
        if (remainder[i] > remainder[best]) {
          best = i;
        }
      }
      sizes[best]++;
      remainder[best] = -1;
      assigned++;
    }
    while (assigned > engineers) { // only when the minimum of one per team overshoots
      int biggest = 0;
      for (int i = 1; i < teamCount; i++) {
        if (sizes[i] > sizes[biggest]) {
          biggest = i;
        }
      }
      sizes[biggest]--;
      assigned--;
    }
    return sizes;
  }

  private static String unique(String base, Set<String> taken) {
    String candidate = base;
    for (int n = 2; !taken.add(candidate); n++) {
      candidate = base + n;
    }
    return candidate;
  }

  /** GitHub logins are unique ignoring case. */
  private static String uniqueLogin(String base, Set<String> takenLower) {
    String candidate = base;
    for (int n = 2; !takenLower.add(candidate.toLowerCase(Locale.ROOT)); n++) {
      candidate = base + n;
    }
    return candidate;
  }

  private static long uniqueId(SplittableRandom random, Set<Long> taken, long base, int span) {
    long id;
    do {
      id = base + random.nextInt(span);
    } while (!taken.add(id));
    return id;
  }

  /** Index of persons by login, for callers that look many up. */
  Map<String, Person> peopleByLogin() {
    Map<String, Person> byLogin = new HashMap<>();
    people.forEach(p -> byLogin.put(p.githubLogin(), p));
    outsiders.forEach(p -> byLogin.put(p.githubLogin(), p));
    return byLogin;
  }
}
